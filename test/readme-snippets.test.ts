/**
 * The Python SDK README's snippets (`shared/reference/seed-README.md`), translated to TypeScript and run
 * against the emulator. Each test names the README section it ports; differences from the Python snippet are
 * commented where the TypeScript API differs (lazy values are awaited, `for` becomes `for await`, keyword
 * arguments become one params object, `create` returns what Discogs returns).
 *
 * Ids are the ones the emulator seeds: release 352665, artist 3857, master 3719, label 647, user "example".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationError, Discogs, NotFoundError, RateLimitError } from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";

let emu: Emulator;
let client: Discogs;
/** What the snippets print, instead of the console. */
let printed: string[];
const print = (line: string) => printed.push(line);

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  client = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false, retry: { baseDelayMs: 1 } });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});
beforeEach(() => {
  printed = [];
  emu.clearRequests();
});

describe("README: quick start", () => {
  it("fetches a release and searches artists", async () => {
    // Python: `with Discogs() as client:` -> `await using client = new Discogs()`; here the token and the
    // emulator's URL are passed explicitly instead of DISCOGS_TOKEN.
    await using c = new Discogs({ baseUrl: emu.url, token: "your-token-here", rateLimit: false });
    const release = await c.releases.get(352665);
    print(`${release.title} (${release.year})`);

    for await (const result of c.search({ query: "Nine Inch Nails", type: "artist" })) {
      print(result.title);
    }

    expect(printed[0]).toBe("The Downward Spiral (1994)");
    expect(printed).toContain("Nine Inch Nails");
    expect(emu.requests[1]).toMatchObject({
      method: "GET",
      path: "/database/search",
      query: { q: "Nine Inch Nails", type: "artist", per_page: "100" },
    });
  });

  it("authenticates with an explicit token", async () => {
    const c = new Discogs({ baseUrl: emu.url, token: "your-token-here", rateLimit: false });
    expect(c.authMode).toBe("token");
    await c.releases.get(352665);
    expect(emu.requests[0]!.headers.authorization).toBe("Discogs token=your-token-here");
  });
});

describe("README: fetching resources", () => {
  it("is lazy: the request is sent when the value is awaited", async () => {
    const release = client.releases.get(352665);
    expect(emu.requests).toHaveLength(0); // Python: "lazy — HTTP fires here"
    print((await release).title);

    const artist = client.artists.get(3857);
    print((await artist).name!);

    const master = await client.masters.get(3719);
    const label = await client.labels.get(647);

    expect(printed).toEqual(["The Downward Spiral", "Nine Inch Nails"]);
    expect(master.id).toBe(3719);
    expect(label.id).toBe(647);
    expect(emu.requests.map((r) => r.path)).toEqual([
      "/releases/352665",
      "/artists/3857",
      "/masters/3719",
      "/labels/647",
    ]);
  });
});

describe("README: search", () => {
  it("searches releases by title and year", async () => {
    for await (const result of client.search({
      query: "Pretty Hate Machine",
      type: "release",
      year: "1989",
    })) {
      print(`[${result.type}] ${result.title}`);
    }
    expect(printed).toContain("[release] Nine Inch Nails - Pretty Hate Machine");
    expect(emu.requests[0]!.query).toMatchObject({ q: "Pretty Hate Machine", type: "release", year: "1989" });
  });
});

describe("README: sub-resources", () => {
  it("community rating, artist releases with sorting, master versions with filters", async () => {
    // Community rating: one request, the release itself is never fetched
    const rating = await client.releases.get(352665).rating.get();
    print(`Average: ${rating.rating.average}`);
    expect(emu.requests.map((r) => r.path)).toEqual(["/releases/352665/rating"]);

    // Artist releases with sorting
    emu.clearRequests();
    for await (const rel of client.artists.get(3857).releases.list({ sort: "year", sort_order: "desc" })) {
      print(`${rel.title} (${rel.year})`);
    }
    expect(emu.requests[0]).toMatchObject({
      path: "/artists/3857/releases",
      query: { sort: "year", sort_order: "desc", per_page: "100" },
    });

    // Master versions with filters
    emu.clearRequests();
    const versions: string[] = [];
    const filtered: { major_formats?: string[] | undefined; country?: string | undefined }[] = [];
    for await (const v of client.masters.get(3719).versions.list({ format: "Vinyl", country: "US" })) {
      versions.push(`${v.title} [${v.format}]`);
      filtered.push(v);
    }
    expect(emu.requests[0]).toMatchObject({
      path: "/masters/3719/versions",
      query: { format: "Vinyl", country: "US", per_page: "100" },
    });

    expect(printed[0]).toMatch(/^Average: \d(\.\d+)?$/);
    expect(printed.length).toBeGreaterThan(1);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions[0]).toMatch(/^The Downward Spiral.* \[.*LP.*\]$/);
    expect(filtered.every((v) => v.country === "US" && v.major_formats?.includes("Vinyl"))).toBe(true);
  });
});

describe("README: async usage", () => {
  it("awaits lazy resources and iterates with for await (the only mode in TypeScript)", async () => {
    const release = await client.releases.get(352665);
    print(release.title);
    let n = 0;
    for await (const result of client.search({ query: "Nine Inch Nails" })) {
      print(result.title);
      if (++n === 3) break;
    }
    expect(printed[0]).toBe("The Downward Spiral");
    expect(printed.length).toBe(1 + n);
  });
});

describe("README: marketplace", () => {
  it("listings, orders and fee lookup", async () => {
    // Listings (Python's 123456789 is not seeded; 1000000001 is)
    const listing = await client.marketplace.listings.get(1000000001);
    expect(listing.id).toBe(1000000001);

    // Python's `create` returns a listing; Discogs returns `{listing_id, resource_url}`, which is what the SDK types.
    const created = await client.marketplace.listings.create({
      release_id: 352665,
      condition: "Very Good Plus (VG+)",
      price: 25.0,
    });
    await client.marketplace.listings.update(created.listing_id, { price: 22.5 });
    expect((await client.marketplace.listings.get(created.listing_id)).price?.value).toBe(22.5);
    await client.marketplace.listings.delete(created.listing_id);

    // Orders
    for await (const order of client.marketplace.orders.list({ status: "Payment Received" })) {
      print(`Order ${order.id}: ${order.status}`);
    }
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.every((line) => /^Order \d+-\d+: Payment Received$/.test(line))).toBe(true);

    // Fee lookup
    const fee = await client.marketplace.fee.get({ price: 25.0, currency: "USD" });
    expect(fee.currency).toBe("USD");
    expect(typeof fee.value).toBe("number");
    expect(emu.requests.at(-1)!.path).toBe("/marketplace/fee/25.00/USD");
  });
});

describe("README: collection", () => {
  it("folders, browsing, adding, deep chaining, value and wantlist", async () => {
    const user = client.users.get("example"); // Python's "your_username"

    // Folders
    const folders = await user.collection.folders.list();
    const industrial = await user.collection.folders.create({ name: "Industrial" });
    expect(folders.map((f) => f.name)).toContain("All");
    expect(industrial.name).toBe("Industrial");

    // Browse folder contents
    const titles: string[] = [];
    for await (const item of user.collection.folders.get(0).releases.list({ sort: "added" })) {
      titles.push(item.basic_information.title);
    }
    expect(titles.length).toBe(folders.find((f) => f.id === 0)!.count);

    // Add a release
    const { instance_id } = await user.collection.folders.get(1).releases.create({ release_id: 352665 });

    // Deep chaining: folder -> release -> instance -> fields. Python uses instance 98765 and field 1 with
    // "Signed copy"; here the new instance, and field 3 (the emulator's "Notes" textarea: its field 1 is a
    // dropdown, which only takes one of its options).
    emu.clearRequests();
    await user.collection.folders
      .get(1)
      .releases.get(352665)
      .instances.get(instance_id)
      .fields.update({ field_id: 3, value: "Signed copy" });
    expect(emu.requests).toHaveLength(1); // the chain itself sent nothing
    expect(emu.requests[0]).toMatchObject({
      method: "POST",
      path: `/users/example/collection/folders/1/releases/352665/instances/${instance_id}/fields/3`,
      body: { value: "Signed copy" },
    });

    // Collection value
    const value = await user.collection.value.get();
    print(`Median: ${value.median}, Maximum: ${value.maximum}`);
    expect(printed[0]).toMatch(/^Median: \D*[\d,.]+, Maximum: \D*[\d,.]+$/);

    // Wantlist
    await user.wantlist.create({ release_id: 352665, notes: "Original pressing", rating: 4 });
    const wanted: string[] = [];
    for await (const want of user.wantlist.list()) {
      wanted.push(want.basic_information.title);
    }
    expect(wanted).toContain("The Downward Spiral");

    // clean up
    await user.collection.folders.get(1).releases.get(352665).instances.delete(instance_id);
    await user.collection.folders.delete(industrial.id);
    await user.wantlist.delete(352665);
  });
});

describe("README: error handling", () => {
  /** The README's try/except, as a function returning what it printed. */
  async function lookup(c: Discogs, id: number): Promise<string> {
    try {
      const release = await c.releases.get(id);
      return release.title;
    } catch (exc) {
      if (exc instanceof NotFoundError) return "Not found";
      if (exc instanceof RateLimitError) return `Rate limited, retry after ${exc.retryAfter}s`;
      if (exc instanceof AuthenticationError) return "Bad credentials";
      throw exc;
    }
  }

  it("maps 404, 429 and 401 to the typed errors", async () => {
    expect(await lookup(client, 999999999)).toBe("Not found");

    const noRetry = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false, maxRetries: 0 });
    emu.faults.add({ kind: "status", status: 429, retryAfter: "7", path: "/releases/352665" });
    expect(await lookup(noRetry, 352665)).toBe("Rate limited, retry after 7s");

    emu.faults.add({ kind: "status", status: 401, path: "/releases/352665" });
    expect(await lookup(noRetry, 352665)).toBe("Bad credentials");
  });
});
