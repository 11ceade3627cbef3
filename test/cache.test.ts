import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Discogs } from "../src/client";
import { DiscogsAPIError } from "../src/core/errors";
import { MemoryCacheStore, ResponseCache, createCache, type CacheStore } from "../src/core/cache";
import { invalidationTargets, storeKey } from "../src/core/cache-rules";
import { findEndpoint } from "../src/endpoints/index";
import { json, noContent, startEmulator, type Emulator } from "../src/testing/index";

const ID_A = "token:aaaa";
const ID_B = "token:bbbb";
const key = (url: string, id = ID_A) => `GET ${url} ${id}`;

describe("MemoryCacheStore", () => {
  it("hits, misses and expires with an injected clock", () => {
    let now = 1_000;
    const store = new MemoryCacheStore({ now: () => now });
    expect(store.get("k")).toBeUndefined();
    store.set("k", "v", 100);
    expect(store.get("k")).toBe("v");
    now += 99;
    expect(store.get("k")).toBe("v");
    now += 1;
    expect(store.get("k")).toBeUndefined();
    expect(store.size).toBe(0); // purged on read
  });

  it("evicts the least recently used past maxEntries", () => {
    const store = new MemoryCacheStore({ maxEntries: 3 });
    store.set("a", "1", 1e6);
    store.set("b", "2", 1e6);
    store.set("c", "3", 1e6);
    expect(store.get("a")).toBe("1"); // a is now the most recently used
    store.set("d", "4", 1e6);
    expect(store.size).toBe(3);
    expect(store.get("b")).toBeUndefined();
    expect(["a", "c", "d"].map((k) => store.get(k))).toEqual(["1", "3", "4"]);
  });

  it("bounds the total size and drops expired entries first", () => {
    let now = 0;
    const store = new MemoryCacheStore({ maxBytes: 10, now: () => now });
    store.set("old", "xxxx", 5);
    store.set("keep", "yyyy", 1000);
    now = 10;
    store.set("new", "zzzz", 1000); // 12 > 10: the expired entry goes, not the least recently used live one
    expect(store.get("keep")).toBe("yyyy");
    expect(store.get("new")).toBe("zzzz");
    store.set("big", "x".repeat(11), 1000); // larger than the whole cache: not stored
    expect(store.get("big")).toBeUndefined();
  });

  it("deletes by prefix and by prefix + test", () => {
    const store = new MemoryCacheStore();
    for (const k of ["a/1", "a/2", "b/1"]) store.set(k, k, 1000);
    store.deleteMatching("a/", (k) => k.endsWith("1"));
    expect(store.get("a/1")).toBeUndefined();
    expect(store.get("a/2")).toBe("a/2");
    store.deletePrefix("a/");
    expect(store.get("a/2")).toBeUndefined();
    expect(store.get("b/1")).toBe("b/1");
    store.clear();
    expect(store.size).toBe(0);
  });

  it("rejects bad bounds", () => {
    expect(() => new MemoryCacheStore({ maxEntries: 0 })).toThrow(/maxEntries/);
    expect(() => new MemoryCacheStore({ maxBytes: 1.5 })).toThrow(/maxBytes/);
  });
});

describe("options", () => {
  it.each([0, -1, NaN, Infinity, "1000" as unknown as number])(
    "cacheTtl %s is a TypeError naming it",
    (ttl) => {
      expect(() => createCache({ cache: true, cacheTtl: ttl })).toThrow(TypeError);
      expect(() => createCache({ cache: true, cacheTtl: ttl })).toThrow(/cacheTtl/);
      expect(() => new Discogs({ token: null, cache: true, cacheTtl: ttl })).toThrow(/cacheTtl/);
      expect(() => new Discogs({ token: null, cacheTtl: ttl })).toThrow(/cacheTtl/); // even with caching off
    },
  );

  it("checks cache and cacheDir", () => {
    expect(() => createCache({ cache: {} as CacheStore })).toThrow(/cache must be/);
    expect(() => createCache({ cacheDir: "" })).toThrow(/cacheDir/);
    expect(() => createCache({ cache: new MemoryCacheStore(), cacheDir: "/tmp/x" })).toThrow(/not both/);
  });

  it("is off by default, in memory with true, and uses a store of your own", () => {
    expect(createCache({})).toBeUndefined();
    expect(createCache({ cache: false })).toBeUndefined();
    expect(createCache({ cache: false, cacheDir: "/nonexistent/x" })).toBeUndefined(); // explicit false wins
    expect(createCache({ cache: true })).toBeInstanceOf(ResponseCache);
    expect(createCache({ cache: new MemoryCacheStore() })).toBeInstanceOf(ResponseCache);
  });
});

describe("keys and invalidation rules", () => {
  it("canonicalizes usernames and query order, keeps the identity", () => {
    expect(storeKey(key("https://api.discogs.com/users/Example/wants?per_page=50&page=2"))).toBe(
      key("https://api.discogs.com/users/example/wants?page=2&per_page=50"),
    );
    expect(storeKey(key("https://api.discogs.com/releases/1/rating/Memory"))).toBe(
      key("https://api.discogs.com/releases/1/rating/memory"),
    );
    expect(storeKey(key("https://api.discogs.com/releases/1", ID_B))).toContain(ID_B);
  });

  const BASE = "https://api.discogs.com";
  /** What a write to `path` drops, per the `invalidates` of the endpoint it is declared as (none: its own path). */
  const dropped = (method: "PUT" | "POST" | "DELETE", path: string, candidates: string[]) => {
    const found = findEndpoint(method, path);
    const drops = found?.endpoint.invalidates?.map((d) =>
      d.replace(/\{(\w+)\}/g, (m, n: string) => found.values[n] ?? m),
    );
    const targets = invalidationTargets(method, new URL(BASE + path), drops && { root: BASE, drops });
    return candidates.filter((p) => {
      const k = storeKey(key(BASE + p));
      return targets.some((t) => k.startsWith(t.prefix) && t.test(k));
    });
  };

  const CANDIDATES = [
    "/users/example",
    "/users/example/wants",
    "/users/example/wants?page=2",
    "/users/examplex/wants",
    "/users/other/wants",
    "/users/example/inventory",
    "/users/360vinyl/inventory?page=3&status=For+Sale",
    "/users/example/collection/folders",
    "/users/example/collection/folders/1000",
    "/users/example/collection/folders/1000/releases?page=2",
    "/users/example/collection/folders/1001/releases",
    "/users/example/collection/releases/249504",
    "/users/example/collection/releases/5",
    "/users/example/collection/value",
    "/users/example/collection/fields",
    "/releases/249504",
    "/releases/249504/rating",
    "/releases/249504/rating/example",
    "/releases/249504/stats",
    "/releases/5",
    "/marketplace/listings/7",
    "/marketplace/listings/8",
    "/marketplace/orders",
    "/marketplace/orders?status=Shipped",
    "/marketplace/orders/1-1",
    "/marketplace/orders/1-1/messages",
    "/marketplace/orders/1-2",
    "/inventory/export",
    "/inventory/export/5",
    "/inventory/upload",
  ];

  it.each([
    [
      "PUT",
      "/users/Example/wants/5",
      ["/users/example", "/users/example/wants", "/users/example/wants?page=2"],
    ],
    [
      "DELETE",
      "/users/example/wants/5",
      ["/users/example", "/users/example/wants", "/users/example/wants?page=2"],
    ],
    ["POST", "/users/example", ["/users/example"]],
    [
      "POST",
      "/marketplace/listings/7",
      [
        "/users/example/inventory",
        "/users/360vinyl/inventory?page=3&status=For+Sale",
        "/marketplace/listings/7",
      ],
    ],
    [
      "POST",
      "/marketplace/listings",
      ["/users/example/inventory", "/users/360vinyl/inventory?page=3&status=For+Sale"],
    ],
    [
      "POST",
      "/users/example/collection/folders/1000/releases/249504/instances/10001",
      [
        "/users/example",
        "/users/example/collection/folders",
        "/users/example/collection/folders/1000",
        "/users/example/collection/folders/1000/releases?page=2",
        "/users/example/collection/folders/1001/releases",
        "/users/example/collection/releases/249504",
        "/users/example/collection/value",
      ],
    ],
    [
      "POST",
      "/users/example/collection/folders/1000",
      [
        "/users/example/collection/folders",
        "/users/example/collection/folders/1000",
        "/users/example/collection/folders/1000/releases?page=2",
      ],
    ],
    ["POST", "/users/example/collection/folders", ["/users/example/collection/folders"]],
    [
      "PUT",
      "/releases/249504/rating/example",
      ["/releases/249504", "/releases/249504/rating", "/releases/249504/rating/example"],
    ],
    [
      "POST",
      "/marketplace/orders/1-1/messages",
      [
        "/marketplace/orders",
        "/marketplace/orders?status=Shipped",
        "/marketplace/orders/1-1",
        "/marketplace/orders/1-1/messages",
      ],
    ],
    [
      "POST",
      "/inventory/upload/add",
      [
        "/users/example/inventory",
        "/users/360vinyl/inventory?page=3&status=For+Sale",
        "/marketplace/listings/7",
        "/marketplace/listings/8",
        "/inventory/upload",
      ],
    ],
    ["POST", "/inventory/export", ["/inventory/export"]],
  ] as const)("%s %s drops exactly what the table says", (method, path, expected) => {
    expect(dropped(method, path, CANDIDATES)).toEqual([...expected]);
  });

  it("every declared write names what it drops", () => {
    for (const method of ["POST", "PUT", "DELETE"] as const) {
      for (const path of ["/users/u/wants/1", "/marketplace/listings", "/inventory/upload/add", "/users/u"]) {
        const found = findEndpoint(method, path);
        if (found) expect(found.endpoint.invalidates?.length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
  });

  it("drops a write's own path when no declaration names it, and works under a base path", () => {
    expect(dropped("POST", "/some/new/thing", ["/some/new/thing", "/some/new/thing/1", "/some/new"])).toEqual(
      ["/some/new/thing", "/some/new/thing/1"],
    );
    const targets = invalidationTargets("PUT", new URL("http://h/api/v2/users/u/wants/1"), {
      root: "http://h/api/v2",
      drops: ["/users/u/wants*"],
    });
    const k = storeKey(key("http://h/api/v2/users/u/wants?page=1"));
    expect(targets.some((t) => k.startsWith(t.prefix) && t.test(k))).toBe(true);
  });
});

/** What the wantlist-add declaration drops for user `example`. */
const WANT_DROPS = { root: "https://api.discogs.com", drops: ["/users/example/wants*", "/users/example"] };

describe("ResponseCache", () => {
  it("does not store a GET that was in flight during a write", async () => {
    const cache = new ResponseCache(new MemoryCacheStore(), 1000);
    const k = key("https://api.discogs.com/users/example/wants");
    expect(await cache.get(k)).toBeUndefined(); // miss, request sent
    await cache.invalidate("PUT", new URL("https://api.discogs.com/users/example/wants/1"), WANT_DROPS); // write lands
    await cache.set(k, new URL("https://x"), '{"v":"stale"}'); // the pre-write response arrives
    expect(await cache.get(k)).toBeUndefined();
    await cache.set(k, new URL("https://x"), '{"v":"fresh"}'); // the next one is stored
    expect(await cache.get(k)).toBe('{"v":"fresh"}');
  });

  it("stores an unrelated GET that was in flight during a write; a second miss does not revive a stale one", async () => {
    const cache = new ResponseCache(new MemoryCacheStore(), 1000);
    const wants = key("https://api.discogs.com/users/example/wants");
    const release = key("https://api.discogs.com/releases/1");
    await cache.get(wants);
    await cache.get(release);
    await cache.invalidate("PUT", new URL("https://api.discogs.com/users/example/wants/1"), WANT_DROPS);
    await cache.get(wants); // a post-write request misses too, while the pre-write one is still in flight
    await cache.set(release, new URL("https://x"), '{"v":"release"}');
    await cache.set(wants, new URL("https://x"), '{"v":"pre"}'); // not stored
    await cache.set(wants, new URL("https://x"), '{"v":"post"}'); // not stored either (cannot tell them apart)
    expect(await cache.get(release)).toBe('{"v":"release"}');
    expect(await cache.get(wants)).toBeUndefined();
  });

  it("never fails on a store that throws, and warns once per message", async () => {
    const warn = vi.fn();
    const boom = () => {
      throw new Error("store down");
    };
    const cache = new ResponseCache({ get: boom, set: boom, delete: boom, clear: boom }, 1000, warn);
    const k = key("https://api.discogs.com/releases/1");
    expect(await cache.get(k)).toBeUndefined();
    expect(await cache.get(k)).toBeUndefined();
    await cache.set(k, new URL("https://x"), "v");
    await cache.invalidate("POST", new URL("https://api.discogs.com/users/example"));
    await cache.clear();
    const messages = warn.mock.calls.map((c) => String(c[0]));
    expect(messages.filter((m) => m.startsWith("cache read failed"))).toHaveLength(1);
    expect(messages).toContain("cache write failed: store down");
    expect(messages).toContain("emptying the cache failed: store down");
    expect(new Set(messages).size).toBe(messages.length);
  });

  it("drops a damaged cached value instead of serving it", async () => {
    const warn = vi.fn();
    const store = new MemoryCacheStore();
    const cache = new ResponseCache(store, 1000, warn);
    const k = key("https://api.discogs.com/releases/1");
    store.set(storeKey(k), '{"id": 1, "tit', 1000);
    expect(await cache.get(k)).toBeUndefined();
    expect(store.size).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("damaged"));
    store.set(storeKey(k), ' {"id": 1} ', 1000);
    expect(await cache.get(k)).toBe(' {"id": 1} ');
  });

  it("empties a store without deletePrefix/deleteMatching on a write", async () => {
    const inner = new MemoryCacheStore();
    const store: CacheStore = {
      get: (k) => inner.get(k),
      set: (k, v, t) => inner.set(k, v, t),
      delete: (k) => inner.delete(k),
      clear: vi.fn(() => inner.clear()),
    };
    const cache = new ResponseCache(store, 1000);
    await cache.invalidate("PUT", new URL("https://api.discogs.com/users/example/wants/1"), WANT_DROPS);
    expect(store.clear).toHaveBeenCalledTimes(1);
  });

  it("falls back to deletePrefix (may drop more)", async () => {
    const inner = new MemoryCacheStore();
    const store: CacheStore = {
      get: (k) => inner.get(k),
      set: (k, v, t) => inner.set(k, v, t),
      delete: (k) => inner.delete(k),
      deletePrefix: (p) => inner.deletePrefix(p),
      clear: () => inner.clear(),
    };
    const cache = new ResponseCache(store, 1000);
    for (const p of ["/users/a/inventory", "/users/b/wants", "/releases/1"]) {
      const k = key(`https://api.discogs.com${p}`);
      await cache.get(k);
      await cache.set(k, new URL("https://x"), JSON.stringify({ p }));
    }
    await cache.invalidate("POST", new URL("https://api.discogs.com/marketplace/listings"), {
      root: "https://api.discogs.com",
      drops: ["/users/{*}/inventory*"],
    });
    expect(await cache.get(key("https://api.discogs.com/users/a/inventory"))).toBeUndefined();
    expect(await cache.get(key("https://api.discogs.com/releases/1"))).toBe('{"p":"/releases/1"}');
  });
});

// -------------------------------------------------------------------------------------------------------------
// Against the emulator

describe("client with a cache (emulator)", () => {
  let emu: Emulator;
  const clients: Discogs[] = [];
  let listingVersion = 0;

  beforeAll(async () => {
    emu = await startEmulator({
      rateLimit: false,
      credentials: { tokens: { "tok-example": "example", "tok-private": "privateuser" } },
      // A tiny marketplace, so these tests do not depend on the full marketplace emulation.
      routes: (router) =>
        router
          .add("GET", "/marketplace/listings/:id", (ctx) =>
            json(200, { id: Number(ctx.params.id), v: listingVersion }),
          )
          .add("POST", "/marketplace/listings/:id", () => {
            listingVersion++;
            return noContent();
          })
          .add("GET", "/users/:username/inventory", () => json(200, { listings: [{ v: listingVersion }] })),
    });
  });
  afterAll(async () => {
    await emu.close();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    emu.clearRequests();
  });

  const client = (options: ConstructorParameters<typeof Discogs>[0] = {}) => {
    const c = new Discogs({
      baseUrl: emu.url,
      token: "tok-example",
      rateLimit: false,
      cache: true,
      ...options,
    });
    clients.push(c);
    return c;
  };
  const get = (c: Discogs, path: string, options?: { cache?: boolean }) =>
    c._request<any>({ method: "GET", path, options });
  const count = (method: string, path: string) =>
    emu.requests.filter((r) => r.method === method && r.path === path).length;

  it("serves a repeated GET from the cache; query strings are part of the key", async () => {
    const c = client();
    const a = await get(c, "/releases/249504");
    const b = await get(c, "/releases/249504");
    expect(b).toEqual(a);
    expect(count("GET", "/releases/249504")).toBe(1);
    await get(c, "/users/example/wants?page=2&per_page=5");
    await get(c, "/users/example/wants?per_page=5&page=2");
    await get(c, "/users/example/wants?page=3&per_page=5");
    expect(count("GET", "/users/example/wants")).toBe(2);
  });

  it("expires entries (fake clock in the store)", async () => {
    let now = 0;
    const c = client({ cache: new MemoryCacheStore({ now: () => now }), cacheTtl: 1000 });
    await get(c, "/releases/249504");
    now = 999;
    await get(c, "/releases/249504");
    expect(count("GET", "/releases/249504")).toBe(1);
    now = 1000;
    await get(c, "/releases/249504");
    expect(count("GET", "/releases/249504")).toBe(2);
  });

  it("keeps identities apart: a private response is never served to another identity", async () => {
    const store = new MemoryCacheStore();
    const owner = client({ token: "tok-private", cache: store });
    const other = client({ token: "tok-example", cache: store });
    const anon = client({ token: null, cache: store });
    const mine = await get(owner, "/users/privateuser/wants");
    expect(Array.isArray(mine.wants)).toBe(true);
    await expect(get(other, "/users/privateuser/wants")).rejects.toMatchObject({ status: 403 });
    await expect(get(anon, "/users/privateuser/wants")).rejects.toBeInstanceOf(DiscogsAPIError);
    expect(count("GET", "/users/privateuser/wants")).toBe(3);
    expect((await get(owner, "/oauth/identity")).username).toBe("privateuser");
    expect((await get(other, "/oauth/identity")).username).toBe("example");
    expect(count("GET", "/oauth/identity")).toBe(2);
    // Each identity's own repeat is a hit; nothing in the store carries a credential.
    await get(owner, "/oauth/identity");
    expect(count("GET", "/oauth/identity")).toBe(2);
    expect(emu.requests.some((r) => r.headers.authorization?.includes("tok-private"))).toBe(true);
  });

  it("coalesces 10 concurrent identical GETs into one request, with or without a cache", async () => {
    for (const cache of [true, false]) {
      emu.clearRequests();
      const c = client({ cache });
      const results = await Promise.all(Array.from({ length: 10 }, () => get(c, "/releases/249504")));
      expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
      expect(count("GET", "/releases/249504")).toBe(1);
    }
  });

  it("cache: false per request neither reads nor writes the cache", async () => {
    const c = client();
    await get(c, "/releases/249504", { cache: false });
    await get(c, "/releases/249504"); // not stored by the bypassing call
    await get(c, "/releases/249504"); // hit
    await get(c, "/releases/249504", { cache: false }); // not read
    expect(count("GET", "/releases/249504")).toBe(3);
  });

  it("clearCache() empties it", async () => {
    const c = client();
    await get(c, "/releases/249504");
    await c.clearCache();
    await get(c, "/releases/249504");
    expect(count("GET", "/releases/249504")).toBe(2);
  });

  it("a want add drops the user's wantlist pages, not the rest", async () => {
    const c = client();
    const wanted = emu.state.wants.get("example")!;
    const id = [...emu.state.releases.keys()].find((r) => !wanted.has(r))!;
    const total = async () => (await get(c, "/users/example/wants?per_page=5")).pagination.items as number;
    const before = await total();
    await get(c, "/users/example/wants?page=2&per_page=50");
    await get(c, "/releases/249504");
    await c.users.get("example").wantlist.create({ release_id: id, notes: "n" });
    expect(await total()).toBe(before + 1);
    await get(c, "/users/example/wants?page=2&per_page=50");
    await get(c, "/releases/249504");
    expect(count("GET", "/users/example/wants")).toBe(4);
    expect(count("GET", "/releases/249504")).toBe(1);
    await c.users.get("example").wantlist.delete(id);
    expect(await total()).toBe(before);
  });

  it("a listing edit drops the listing and every inventory", async () => {
    const c = client();
    const l0 = await get(c, "/marketplace/listings/7");
    const i0 = await get(c, "/users/360vinyl/inventory?page=1");
    await c.marketplace.listings.update(7, { release_id: 1, condition: "Mint (M)", price: 1 }); // one POST
    const l1 = await get(c, "/marketplace/listings/7");
    const i1 = await get(c, "/users/360vinyl/inventory?page=1");
    expect(l1.v).toBe(l0.v + 1);
    expect(i1.listings[0].v).toBe(i0.listings[0].v + 1);
    expect(count("GET", "/marketplace/listings/7")).toBe(2);
  });

  it("an instance move drops the folders' pages, the folder list and the release's instances", async () => {
    const c = client();
    const inst = emu.state.collection.get("example")!.find((i) => i.folder_id === 1000)!;
    const folderReleases = async (folder: number) =>
      (await get(c, `/users/example/collection/folders/${folder}/releases?per_page=500`)).releases as any[];
    const folders = async () => (await get(c, "/users/example/collection/folders")).folders as any[];
    const byRelease = async () =>
      (await get(c, `/users/example/collection/releases/${inst.release_id}`)).releases as any[];
    const countOf = (fs: any[], id: number) => fs.find((f) => f.id === id).count;

    const f0 = await folders();
    expect((await folderReleases(1000)).some((r) => r.instance_id === inst.instance_id)).toBe(true);
    expect((await folderReleases(1001)).some((r) => r.instance_id === inst.instance_id)).toBe(false);
    expect((await byRelease()).find((r) => r.instance_id === inst.instance_id).folder_id).toBe(1000);

    await c.users
      .get("example")
      .collection.folders.get(1000)
      .releases.get(inst.release_id)
      .instances.update(inst.instance_id, { folder_id: 1001 });

    const f1 = await folders();
    expect(countOf(f1, 1000)).toBe(countOf(f0, 1000) - 1);
    expect(countOf(f1, 1001)).toBe(countOf(f0, 1001) + 1);
    expect((await folderReleases(1000)).some((r) => r.instance_id === inst.instance_id)).toBe(false);
    expect((await folderReleases(1001)).some((r) => r.instance_id === inst.instance_id)).toBe(true);
    expect((await byRelease()).find((r) => r.instance_id === inst.instance_id).folder_id).toBe(1001);
  });

  it("a folder rename drops the folder list and that folder", async () => {
    const c = client();
    await get(c, "/users/example/collection/folders");
    await get(c, "/users/example/collection/folders/1001");
    await c.users.get("example").collection.folders.update(1001, { name: "Modal" });
    expect((await get(c, "/users/example/collection/folders/1001")).name).toBe("Modal");
    const list = await get(c, "/users/example/collection/folders");
    expect(list.folders.find((f: any) => f.id === 1001).name).toBe("Modal");
    expect(count("GET", "/users/example/collection/folders")).toBe(2);
  });

  it("a rating PUT drops the user's rating, the community rating and the release", async () => {
    const c = client();
    const r0 = await get(c, "/releases/249504/rating/example");
    const c0 = await get(c, "/releases/249504/rating");
    const rating = r0.rating === 5 ? 4 : 5;
    await c.releases.get(249504).rating.update("example", rating);
    expect((await get(c, "/releases/249504/rating/example")).rating).toBe(rating);
    const c1 = await get(c, "/releases/249504/rating");
    expect(count("GET", "/releases/249504/rating")).toBe(2);
    expect(c1.rating.count).toBe(r0.rating ? c0.rating.count : c0.rating.count + 1);
  });

  it("a write through the escape hatch drops every cached response (the SDK cannot know what it changed)", async () => {
    const c = client();
    await get(c, "/users/example/collection/folders");
    await get(c, "/releases/249504");
    await c.put("/users/example/wants/249504", { body: { notes: "n" } });
    await get(c, "/users/example/collection/folders");
    await get(c, "/releases/249504");
    expect(count("GET", "/users/example/collection/folders")).toBe(2);
    expect(count("GET", "/releases/249504")).toBe(2);
    await c.delete("/users/example/wants/249504");
  });

  it("invalidates across clients sharing a store", async () => {
    const store = new MemoryCacheStore();
    const reader = client({ token: "tok-private", cache: store });
    const writer = client({ cache: store });
    await get(reader, "/users/example/collection/folders");
    await get(writer, "/users/example/collection/folders");
    await writer.users.get("example").collection.folders.create({ name: "New" });
    await get(reader, "/users/example/collection/folders");
    const folders = (await get(writer, "/users/example/collection/folders")).folders as any[];
    expect(folders.some((f) => f.name === "New")).toBe(true);
    expect(count("GET", "/users/example/collection/folders")).toBe(4);
  });
});
