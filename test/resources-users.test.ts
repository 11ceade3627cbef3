/**
 * `client.user`, `client.users` (profile, submissions, contributions, lists, inventory) and `client.lists`,
 * against the emulator: the request on the wire (method, path, query, body) and the parsed, typed result.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  Discogs,
  ForbiddenError,
  NotFoundError,
  type Identity,
  type List,
  type ListSummary,
  type Listing,
  type Submission,
  type User,
} from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { harness, walk } from "./helpers/harness";

let emu: Emulator;
let client: Discogs;
const { wire, expectTypeError } = harness(() => emu);

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  client = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});
beforeEach(() => emu.clearRequests());

describe("client.user.identity()", () => {
  it("GETs /oauth/identity once per client, however often it is called", async () => {
    const c = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false });
    const [a, b] = await Promise.all([c.user.identity(), c.user.identity()]);
    const d = await c.user.identity();
    expectTypeOf(a).toEqualTypeOf<Identity>();
    expect(a).toBe(b);
    expect(d).toBe(a);
    expect(a).toMatchObject({ username: "example" });
    expect(typeof a.id).toBe("number");
    expect(a.resource_url).toMatch(/\/users\/example$/);
    expect(wire()).toEqual([{ method: "GET", path: "/oauth/identity", query: {}, body: undefined }]);
    // per client: another client asks again
    const other = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false });
    await other.user.identity();
    expect(emu.requests).toHaveLength(2);
  });

  it("does not memoize a failure: the next call tries again", async () => {
    const c = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false, maxRetries: 0 });
    emu.faults.add({ kind: "status", status: 500, path: "/oauth/identity" });
    await expect(c.user.identity()).rejects.toMatchObject({ status: 500 });
    const me = await c.user.identity();
    expect(me.username).toBe("example");
    await c.user.identity();
    expect(wire().map((r) => r.path)).toEqual(["/oauth/identity", "/oauth/identity"]);
  });

  it("fails with AuthenticationError without credentials", async () => {
    const anon = new Discogs({ baseUrl: emu.url, rateLimit: false });
    await expect(anon.user.identity()).rejects.toMatchObject({ status: 401 });
  });
});

describe("client.users.get(username)", () => {
  it("is lazy: nothing is sent until awaited, then GET /users/{username} once", async () => {
    const user = client.users.get("rodneyfool");
    expect(user.username).toBe("rodneyfool");
    expect(emu.requests).toHaveLength(0);
    const profile = await user;
    expectTypeOf(profile).toEqualTypeOf<User>();
    expect(profile.username).toBe("rodneyfool");
    expect(typeof profile.id).toBe("number");
    await user;
    expect(wire()).toEqual([{ method: "GET", path: "/users/rodneyfool", query: {}, body: undefined }]);
  });

  it("parses the profile with readable aliases (curr_abbr -> currency_code)", async () => {
    const me = await client.users.get("example");
    expect(me.username).toBe("example");
    expect(me).not.toHaveProperty("curr_abbr");
    expect(typeof me.currency_code).toBe("string");
    // self sees the self-only fields
    expect(me.email).toEqual(expect.any(String));
  });

  it("maps an unknown user to NotFoundError", async () => {
    await expect(client.users.get("no-such-user-xyz")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("URL-encodes usernames", async () => {
    await client.users.get("some user").then(
      () => undefined,
      () => undefined,
    );
    expect(emu.requests[0]!.path).toBe("/users/some user");
  });

  it("rejects bad usernames with a TypeError naming username, before any request", async () => {
    for (const bad of ["", "  ", "../x", "a/b", "..", 5, null, {}, undefined]) {
      await expectTypeError(() => client.users.get(bad as string), /username/);
    }
  });

  it("passes per-request options through on gets, lists and mutations", async () => {
    const headers = { "X-Trace": "abc" };
    await client.users.get("example", { headers });
    await client.users.get("example").lists.list(undefined, { headers }).toArray({ limit: 1 });
    await client.users.get("example").update({ location: "Portland, OR" }, { headers });
    expect(emu.requests.map((r) => r.headers["x-trace"])).toEqual(["abc", "abc", "abc"]);
  });

  it("never sends a request for sub-resource accessors, however deep the chain", () => {
    const u = client.users.get("example");
    void u.collection.folders.get(1).releases.get(352665).instances.get(5).fields;
    void u.collection.folders.get(0).releases;
    void u.collection.releases.get(352665);
    void u.collection.fields;
    void u.collection.value;
    void u.wantlist;
    void u.inventory;
    void u.lists;
    void u.submissions;
    void u.contributions;
    // paginators fetch nothing until iterated
    u.inventory.list();
    u.wantlist.list();
    u.submissions.list();
    u.contributions.list();
    u.lists.list();
    u.collection.folders.get(0).releases.list();
    u.collection.releases.get(352665).list();
    void client.lists.get(1);
    expect(emu.requests).toHaveLength(0);
  });
});

describe("users.get(username).update()", () => {
  it("POSTs the given fields as a JSON body (Discogs' names) and returns the updated profile", async () => {
    const updated = await client.users.get("example").update({
      name: "Example Person",
      home_page: "https://example.com",
      location: "Portland, OR",
      profile: "I collect [a=Nine Inch Nails].",
      curr_abbr: "EUR",
    });
    expectTypeOf(updated).toEqualTypeOf<User>();
    expect(wire()).toEqual([
      {
        method: "POST",
        path: "/users/example",
        query: {},
        body: {
          name: "Example Person",
          home_page: "https://example.com",
          location: "Portland, OR",
          profile: "I collect [a=Nine Inch Nails].",
          curr_abbr: "EUR",
        },
      },
    ]);
    expect(updated).toMatchObject({
      username: "example",
      name: "Example Person",
      home_page: "https://example.com",
      location: "Portland, OR",
      profile: "I collect [a=Nine Inch Nails].",
      currency_code: "EUR",
    });
    // the change is visible on a fresh fetch
    expect((await client.users.get("example")).location).toBe("Portland, OR");
  });

  it("sends only the fields given", async () => {
    await client.users.get("example").update({ location: "Berlin" });
    expect(emu.requests[0]!.body).toEqual({ location: "Berlin" });
  });

  it("is refused by Discogs for another user (ForbiddenError)", async () => {
    await expect(client.users.get("rodneyfool").update({ name: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(emu.requests).toHaveLength(1);
  });

  it("is retried on a 5xx (an idempotent edit)", async () => {
    const c = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false, retry: { baseDelayMs: 1 } });
    emu.faults.add({ kind: "status", status: 503, path: "/users/example", method: "POST" });
    const updated = await c.users.get("example").update({ location: "Lyon" });
    expect(updated.location).toBe("Lyon");
    expect(wire().map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("rejects bad input with a TypeError naming the argument, before any request", async () => {
    const me = client.users.get("example");
    await expectTypeError(() => me.update({ curr_abbr: "XYZ" as "USD" }), /curr_abbr/);
    await expectTypeError(() => me.update({ name: 5 as unknown as string }), /name/);
    await expectTypeError(() => me.update({}), /params/);
    await expectTypeError(() => me.update(null as never), /params/);
  });
});

describe("users.get(username).submissions.list()", () => {
  it("GETs /users/{username}/submissions with per_page=100 and yields tagged artists, labels and releases", async () => {
    const { items, sizes } = await walk(client.users.get("example").submissions.list());
    expectTypeOf(items).toEqualTypeOf<Submission[]>();
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/users/example/submissions",
      query: { per_page: "100" },
    });
    expect(items.length).toBeGreaterThan(0);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(items.length);
    const types = new Set(items.map((s) => s.type));
    for (const s of items) {
      if (s.type === "artist") expect(typeof s.artist.id).toBe("number");
      else if (s.type === "label") expect(typeof s.label.name).toBe("string");
      else expect(typeof s.release.title).toBe("string");
    }
    expect(types.size).toBeGreaterThan(0);
  });

  it("walks many pages (per_page=3) with the item count Discogs reports, the last page short", async () => {
    const { items, sizes, reported } = await walk(
      client.users.get("example").submissions.list({ per_page: 3 }),
    );
    expect(reported).toBeGreaterThan(3);
    expect(items.length).toBe(reported);
    expect(sizes.length).toBe(Math.ceil(reported / 3));
    expect(sizes.slice(0, -1).every((n) => n === 3)).toBe(true);
    expect(emu.requests.map((r) => r.query.page)).toEqual([
      undefined,
      ...sizes.slice(1).map((_, i) => String(i + 2)),
    ]);
  });

  it("a user without submissions: one request, no items", async () => {
    const { items, reported } = await walk(client.users.get("privateuser").submissions.list());
    expect(items).toEqual([]);
    expect(reported).toBe(0);
    expect(emu.requests).toHaveLength(1);
  });

  it("keeps Discogs' grouping per page: artists, then labels, then releases", async () => {
    const page = (await client.users.get("example").submissions.list().pages().next()).value!;
    const order = page.items.map((s) => s.type);
    const rank = { artist: 0, label: 1, release: 2 } as const;
    expect(order).toEqual([...order].sort((a, b) => rank[a] - rank[b]));
  });
});

describe("users.get(username).contributions.list()", () => {
  it("sends sort and sort_order with per_page=100 and yields releases", async () => {
    const list = client.users.get("example").contributions.list({ sort: "year", sort_order: "desc" });
    const { items, reported } = await walk(list);
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/users/example/contributions",
      query: { per_page: "100", sort: "year", sort_order: "desc" },
    });
    expect(items.length).toBe(reported);
    for (const r of items) {
      expect(typeof r.id).toBe("number");
      expect(typeof r.title).toBe("string");
    }
  });

  it("rejects unknown sort keys and directions before any request", async () => {
    const c = client.users.get("example").contributions;
    await expectTypeError(() => c.list({ sort: "price" as "year" }), /sort/);
    await expectTypeError(() => c.list({ sort_order: "up" as "asc" }), /sort_order/);
    await expectTypeError(() => c.list({ per_page: 101 }), /per_page/);
    await expectTypeError(() => c.list({ per_page: 0 }), /per_page/);
  });
});

describe("users.get(username).lists.list() and client.lists.get(id)", () => {
  it("walks the user's list summaries, then fetches one list lazily", async () => {
    const { items, reported } = await walk(client.users.get("example").lists.list());
    expectTypeOf(items).toEqualTypeOf<ListSummary[]>();
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/users/example/lists",
      query: { per_page: "100" },
    });
    expect(items.length).toBe(reported);
    expect(items.length).toBeGreaterThan(0);
    const first = items[0]!;
    expect(typeof first.name).toBe("string");

    emu.clearRequests();
    const lazy = client.lists.get(first.id);
    expect(lazy.id).toBe(first.id);
    expect(emu.requests).toHaveLength(0);
    const list = await lazy;
    await lazy;
    expectTypeOf(list).toEqualTypeOf<List>();
    expect(wire()).toEqual([{ method: "GET", path: `/lists/${first.id}`, query: {}, body: undefined }]);
    expect(list.name).toBe(first.name);
    expect(Array.isArray(list.items)).toBe(true);
    for (const item of list.items) {
      expect(["release", "master", "artist", "label"]).toContain(item.type);
      expect(typeof item.display_title).toBe("string");
    }
    // readable aliases when the list uses the documented shape
    expect(list).not.toHaveProperty("created_ts");
    expect(list).not.toHaveProperty("modified_ts");
  });

  it("maps an unknown list to NotFoundError", async () => {
    await expect(client.lists.get(999_999_999)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects bad list ids before any request", async () => {
    for (const bad of [0, -1, 1.5, NaN, "", "../x", {}]) {
      await expectTypeError(() => client.lists.get(bad as number), /\bid\b/);
    }
  });
});

describe("users.get(username).inventory.list()", () => {
  it("walks a seller's whole inventory across pages, the last one short", async () => {
    const { items, sizes, reported } = await walk(client.users.get("360vinyl").inventory.list());
    expectTypeOf(items).toEqualTypeOf<Listing[]>();
    expect(reported).toBeGreaterThan(200);
    expect(items.length).toBe(reported);
    expect(sizes.length).toBe(Math.ceil(reported / 100));
    expect(sizes.slice(0, -1).every((n) => n === 100)).toBe(true);
    expect(sizes.at(-1)).toBe(reported % 100 || 100);
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/users/360vinyl/inventory",
      query: { per_page: "100" },
    });
    expect(emu.requests[1]!.query).toMatchObject({ page: "2", per_page: "100" });
    expect(new Set(items.map((l) => l.id)).size).toBe(items.length);
    for (const l of items.slice(0, 5)) {
      expect(l.seller?.username).toBe("360vinyl");
      expect(typeof l.price?.value).toBe("number");
    }
  });

  it("honours per_page (many short pages) and sends status, sort and sort_order", async () => {
    const list = client.users.get("360vinyl").inventory.list({
      status: "For Sale",
      sort: "price",
      sort_order: "asc",
      per_page: 50,
    });
    const { items, sizes, reported } = await walk(list);
    expect(items.length).toBe(reported);
    expect(sizes.length).toBe(Math.ceil(reported / 50));
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/users/360vinyl/inventory",
      query: { status: "For Sale", sort: "price", sort_order: "asc", per_page: "50" },
    });
    const prices = items.map((l) => l.price?.value ?? 0);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it("a single page", async () => {
    const { items, sizes } = await walk(client.users.get("360vinyl").inventory.list({ per_page: 100 }));
    const first = await client.users.get("360vinyl").inventory.list().toArray({ limit: 7 });
    expect(first).toEqual(items.slice(0, 7));
    expect(sizes[0]).toBe(100);
  });

  it("an empty inventory ends after one request with no items", async () => {
    const { items, reported } = await walk(client.users.get("privateuser").inventory.list());
    expect(reported).toBe(0);
    expect(items).toEqual([]);
    expect(emu.requests).toHaveLength(1);
  });

  it("the owner filters by status", async () => {
    const drafts = await client.users
      .get("example")
      .inventory.list({ status: "Draft" })
      .toArray({ limit: 100 });
    expect(wire()).toEqual([
      {
        method: "GET",
        path: "/users/example/inventory",
        query: { status: "Draft", per_page: "100" },
        body: undefined,
      },
    ]);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((l) => l.status === "Draft")).toBe(true);
  });

  it("rejects unknown statuses and sort keys before any request", async () => {
    const inv = client.users.get("360vinyl").inventory;
    await expectTypeError(() => inv.list({ status: "for sale" as "For Sale" }), /status/);
    await expectTypeError(() => inv.list({ sort: "year" as "price" }), /sort/);
    await expectTypeError(() => inv.list({ sort_order: "DESC" as "desc" }), /sort_order/);
    await expectTypeError(() => inv.list("x" as never), /params/);
  });

  it("accepts every documented status and sort key", () => {
    const inv = client.users.get("360vinyl").inventory;
    for (const status of [
      "All",
      "Deleted",
      "Draft",
      "Expired",
      "For Sale",
      "Sold",
      "Suspended",
      "Violation",
    ] as const) {
      inv.list({ status });
    }
    for (const sort of [
      "listed",
      "price",
      "item",
      "artist",
      "label",
      "catno",
      "audio",
      "status",
      "location",
    ] as const) {
      inv.list({ sort });
    }
    expect(emu.requests).toHaveLength(0);
  });
});
