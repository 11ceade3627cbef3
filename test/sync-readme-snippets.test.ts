/**
 * The Python SDK README's snippets (`shared/reference/seed-README.md`) in their SYNCHRONOUS form, with
 * `DiscogsSync` (discogs-sdk/sync), against the emulator: the counterpart of test/readme-snippets.test.ts,
 * which runs them with the async client. Here the code reads like the Python: no `await`, `for...of` over
 * search results and lists, and the HTTP request fires when a field of a lazy resource is first read.
 *
 * The emulator runs in a child process: `DiscogsSync` blocks this thread during each call. Ids are the ones the
 * emulator seeds: release 352665, artist 3857, master 3719, label 647, user "example".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationError, NotFoundError, RateLimitError } from "../src/index";
import { DiscogsSync } from "../src/sync/index";
import { startEmulatorProcess, type EmulatorProcess } from "./helpers/emulator-process";

let emu: EmulatorProcess;
let client: DiscogsSync;
/** What the snippets print, instead of the console. */
let printed: string[];
const print = (line: string) => printed.push(line);

async function paths(): Promise<string[]> {
  return (await emu.requests()).map((r) => r.path);
}

beforeAll(async () => {
  emu = await startEmulatorProcess();
  client = new DiscogsSync({ baseUrl: emu.url, token: "t", rateLimit: false, retry: { baseDelayMs: 1 } });
}, 90_000);
afterAll(async () => {
  client?.close();
  await emu?.close();
});
beforeEach(async () => {
  printed = [];
  await emu.reset();
});

describe("README: quick start (sync)", () => {
  it("fetches a release and searches artists", async () => {
    // Python: `with Discogs() as client:` -> `using client = new DiscogsSync()`; the token and the emulator's
    // URL are passed explicitly instead of DISCOGS_TOKEN.
    {
      using c = new DiscogsSync({ baseUrl: emu.url, token: "your-token-here", rateLimit: false });
      const release = c.releases.get(352665);
      print(`${release.title} (${release.year})`);

      for (const result of c.search({ query: "Nine Inch Nails", type: "artist" })) {
        print(result.title);
      }
    }
    expect(printed[0]).toBe("The Downward Spiral (1994)");
    expect(printed).toContain("Nine Inch Nails");
    const log = await emu.requests();
    expect(log[1]).toMatchObject({
      method: "GET",
      path: "/database/search",
      query: { q: "Nine Inch Nails", type: "artist", per_page: "100" },
    });
  });

  it("authenticates with an explicit token", async () => {
    using c = new DiscogsSync({ baseUrl: emu.url, token: "your-token-here", rateLimit: false });
    expect(c.authMode).toBe("token");
    expect(c.releases.get(352665).title).toBe("The Downward Spiral");
    expect((await emu.requests())[0]!.headers.authorization).toBe("Discogs token=your-token-here");
  });
});

describe("README: fetching resources (sync)", () => {
  it("is lazy: HTTP fires when a field is first read", async () => {
    const release = client.releases.get(352665);
    expect(await paths()).toEqual([]);
    print(release.title); // lazy — HTTP fires here

    const artist = client.artists.get(3857);
    print(artist.name!);

    const master = client.masters.get(3719);
    const label = client.labels.get(647);

    expect(printed).toEqual(["The Downward Spiral", "Nine Inch Nails"]);
    // As in the Python SDK, `master` and `label` were never read, so they were never fetched.
    expect(await paths()).toEqual(["/releases/352665", "/artists/3857"]);
    expect([master.id, label.id]).toEqual([3719, 647]); // their own ids: still nothing sent
    expect(await paths()).toEqual(["/releases/352665", "/artists/3857"]);
    expect([master.title, label.name]).toEqual(["The Downward Spiral", "Interscope Records"]);
  });
});

describe("README: search (sync)", () => {
  it("searches releases by title and year", async () => {
    for (const result of client.search({ query: "Pretty Hate Machine", type: "release", year: "1989" })) {
      print(`[${result.type}] ${result.title}`);
    }
    expect(printed).toContain("[release] Nine Inch Nails - Pretty Hate Machine");
    expect((await emu.requests())[0]!.query).toMatchObject({
      q: "Pretty Hate Machine",
      type: "release",
      year: "1989",
    });
  });
});

describe("README: sub-resources (sync)", () => {
  it("community rating, artist releases with sorting, master versions with filters", async () => {
    // Community rating: one request, the release itself is never fetched
    const rating = client.releases.get(352665).rating.get();
    print(`Average: ${rating.rating.average}`);
    expect(await paths()).toEqual(["/releases/352665/rating"]);

    // Artist releases with sorting
    await emu.clearRequests();
    for (const rel of client.artists.get(3857).releases.list({ sort: "year", sort_order: "desc" })) {
      print(`${rel.title} (${rel.year})`);
    }
    expect((await emu.requests())[0]).toMatchObject({
      path: "/artists/3857/releases",
      query: { sort: "year", sort_order: "desc", per_page: "100" },
    });

    // Master versions with filters
    await emu.clearRequests();
    const versions: string[] = [];
    for (const v of client.masters.get(3719).versions.list({ format: "Vinyl", country: "US" })) {
      versions.push(`${v.title} [${v.format}]`);
      expect(v.country).toBe("US");
    }
    expect((await emu.requests())[0]).toMatchObject({
      path: "/masters/3719/versions",
      query: { format: "Vinyl", country: "US", per_page: "100" },
    });

    expect(printed[0]).toMatch(/^Average: \d(\.\d+)?$/);
    expect(printed.length).toBeGreaterThan(1);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions[0]).toMatch(/^The Downward Spiral.* \[.*LP.*\]$/);
  });
});

describe("README: usage without await (the synchronous counterpart of 'Async usage')", () => {
  it("reads lazy resources and iterates with for...of, pages on demand", async () => {
    const release = client.releases.get(352665);
    print(release.title);
    let n = 0;
    for (const result of client.search({ query: "Nine Inch Nails" })) {
      print(result.title);
      if (++n === 3) break;
    }
    expect(printed[0]).toBe("The Downward Spiral");
    expect(printed.length).toBe(4);
    expect(await paths()).toEqual(["/releases/352665", "/database/search"]); // one page was enough
  });
});

describe("README: marketplace (sync)", () => {
  it("listings, orders and fee lookup", async () => {
    // Listings (Python's 123456789 is not seeded; 1000000001 is)
    const listing = client.marketplace.listings.get(1000000001);
    expect(listing.id).toBe(1000000001);

    // Python's `create` returns a listing; Discogs returns `{listing_id, resource_url}`, which the SDK types.
    const created = client.marketplace.listings.create({
      release_id: 352665,
      condition: "Very Good Plus (VG+)",
      price: 25.0,
    });
    client.marketplace.listings.update(created.listing_id, { price: 22.5 });
    expect(client.marketplace.listings.get(created.listing_id).price?.value).toBe(22.5);
    client.marketplace.listings.delete(created.listing_id);

    // Orders
    for (const order of client.marketplace.orders.list({ status: "Payment Received" })) {
      print(`Order ${order.id}: ${order.status}`);
    }
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.every((line) => /^Order \d+-\d+: Payment Received$/.test(line))).toBe(true);

    // Fee lookup
    const fee = client.marketplace.fee.get({ price: 25.0, currency: "USD" });
    expect(fee.currency).toBe("USD");
    expect(typeof fee.value).toBe("number");
    expect((await emu.requests()).at(-1)!.path).toBe("/marketplace/fee/25.00/USD");
  });
});

describe("README: collection (sync)", () => {
  it("folders, browsing, adding, deep chaining, value and wantlist", async () => {
    const user = client.users.get("example"); // Python's "your_username"

    // Folders
    const folders = user.collection.folders.list();
    const industrial = user.collection.folders.create({ name: "Industrial" });
    expect(folders.map((f) => f.name)).toContain("All");
    expect(industrial.name).toBe("Industrial");

    // Browse folder contents
    const titles: string[] = [];
    for (const item of user.collection.folders.get(0).releases.list({ sort: "added" })) {
      titles.push(item.basic_information.title);
    }
    expect(titles.length).toBe(folders.find((f) => f.id === 0)!.count);

    // Add a release
    const { instance_id } = user.collection.folders.get(1).releases.create({ release_id: 352665 });

    // Deep chaining: folder -> release -> instance -> fields (field 3 is the emulator's "Notes" textarea)
    await emu.clearRequests();
    user.collection.folders
      .get(1)
      .releases.get(352665)
      .instances.get(instance_id)
      .fields.update({ field_id: 3, value: "Signed copy" });
    const log = await emu.requests();
    expect(log).toHaveLength(1); // the chain itself sent nothing
    expect(log[0]).toMatchObject({
      method: "POST",
      path: `/users/example/collection/folders/1/releases/352665/instances/${instance_id}/fields/3`,
      body: { value: "Signed copy" },
    });

    // Collection value
    const value = user.collection.value.get();
    print(`Median: ${value.median}, Maximum: ${value.maximum}`);
    expect(printed[0]).toMatch(/^Median: \D*[\d,.]+, Maximum: \D*[\d,.]+$/);

    // Wantlist
    user.wantlist.create({ release_id: 352665, notes: "Original pressing", rating: 4 });
    const wanted: string[] = [];
    for (const want of user.wantlist.list()) {
      wanted.push(want.basic_information.title);
    }
    expect(wanted).toContain("The Downward Spiral");

    // clean up
    user.collection.folders.get(1).releases.get(352665).instances.delete(instance_id);
    user.collection.folders.delete(industrial.id);
    user.wantlist.delete(352665);
  });
});

describe("README: error handling (sync)", () => {
  /** The README's try/except, word for word: the error surfaces where the field is read. */
  function lookup(c: DiscogsSync, id: number): string {
    try {
      const release = c.releases.get(id);
      return release.title;
    } catch (exc) {
      if (exc instanceof NotFoundError) return "Not found";
      if (exc instanceof RateLimitError) return `Rate limited, retry after ${exc.retryAfter}s`;
      if (exc instanceof AuthenticationError) return "Bad credentials";
      throw exc;
    }
  }

  it("maps 404, 429 and 401 to the typed errors", async () => {
    expect(lookup(client, 999999999)).toBe("Not found");

    using noRetry = new DiscogsSync({ baseUrl: emu.url, token: "t", rateLimit: false, maxRetries: 0 });
    await emu.addFault({ kind: "status", status: 429, retryAfter: "7", path: "/releases/352665" });
    expect(lookup(noRetry, 352665)).toBe("Rate limited, retry after 7s");

    await emu.addFault({ kind: "status", status: 401, path: "/releases/352665" });
    expect(lookup(noRetry, 352665)).toBe("Bad credentials");

    // The next request behaves as if nothing happened.
    expect(lookup(noRetry, 352665)).toBe("The Downward Spiral");
  });
});
