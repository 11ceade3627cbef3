/**
 * `DiscogsSync` (discogs-sdk/sync) through its public API, over real HTTP, against the emulator in a child
 * process: the synchronous client blocks this thread during each call, so an emulator on this thread could
 * never answer. The worker thread runs the sources through tsx (the built package is exercised by
 * test/sync-runtimes.test.ts).
 *
 * Each test reads the emulator's request log to check what was (and was not) sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import {
  AuthenticationError,
  DiscogsAPIError,
  DiscogsConnectionError,
  Discogs,
  DiscogsError,
  DiscogsTimeoutError,
  MemoryCacheStore,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  type CommunityRating,
  type Release,
  type SearchResult,
  type UserReleaseRating,
} from "../src/index";
import { DiscogsSync, type DiscogsSyncOptions } from "../src/sync/index";
import { startEmulatorProcess, type EmulatorProcess } from "./helpers/emulator-process";

let emu: EmulatorProcess;
let client: DiscogsSync;
const TOKEN = "sync-test-token-0123456789";

/** `METHOD /path` of each request the emulator logged since the last reset. */
async function wire(): Promise<string[]> {
  return (await emu.requests()).map((r) => `${r.method} ${r.path}`);
}

function options(extra: DiscogsSyncOptions = {}): DiscogsSyncOptions {
  return { baseUrl: emu.url, token: TOKEN, rateLimit: false, retry: { baseDelayMs: 1 }, ...extra };
}

/** Runs `fn` and returns what it threw (failing when it did not throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

beforeAll(async () => {
  emu = await startEmulatorProcess();
  client = new DiscogsSync(options());
}, 90_000);

afterAll(async () => {
  client?.close();
  await emu?.close();
});

beforeEach(async () => {
  await emu.reset();
});

describe("lazy resources", () => {
  it("get() returns a proxy and sends nothing; the first field read sends the one GET", async () => {
    const release = client.releases.get(352665);
    expect(release.id).toBe(352665); // the resource's own id: still nothing sent
    void release.rating; // a sub-resource accessor
    expect(await wire()).toEqual([]);

    expect(`${release.title} (${release.year})`).toBe("The Downward Spiral (1994)");
    expect(release.tracklist?.length).toBe(14);
    expect(await wire()).toEqual(["GET /releases/352665"]);
    expectTypeOf(release.title).toEqualTypeOf<string>();
  });

  it("rating.get() is one request (the release itself is never fetched)", async () => {
    const rating = client.releases.get(352665).rating.get();
    expect(rating.rating.count).toBeGreaterThan(0);
    expect(rating.release_id).toBe(352665);
    expect(await wire()).toEqual(["GET /releases/352665/rating"]);
    expectTypeOf(rating.rating).toEqualTypeOf<CommunityRating["rating"]>();
  });

  it("loaded values are plain model objects, equal to what the async client returns", async () => {
    const release = client.releases.get(352665);
    const artists = release.artists;
    expect(Array.isArray(artists)).toBe(true);
    expect(Object.getPrototypeOf(release.community)).toBe(Object.prototype);
    const rating = client.releases.get(352665).rating.get().fetch();
    expect(Object.getPrototypeOf(rating)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(rating.rating)).toBe(Object.prototype);

    const async = new Discogs({ baseUrl: emu.url, token: TOKEN, rateLimit: false });
    try {
      const expected: Release = await async.releases.get(352665);
      // The proxy reads as the model: keys, spread and JSON are those of the loaded object.
      expect(Object.keys(release)).toEqual(Object.keys(expected));
      expect({ ...release }).toEqual(expected);
      expect(JSON.parse(JSON.stringify(release))).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(release.fetch()).toEqual(expected); // fetch() hands back the loaded plain object
      expect(Object.getPrototypeOf(release.fetch())).toBe(Object.prototype);
    } finally {
      await async.close();
    }
    // One GET for the proxy however many reads, one for the async client.
    expect(await wire()).toEqual([
      "GET /releases/352665",
      "GET /releases/352665/rating",
      "GET /releases/352665",
    ]);
  });

  it("is not awaitable and is read-only", () => {
    const release = client.releases.get(352665);
    expect((release as unknown as { then?: unknown }).then).toBeUndefined();
    expect(() => {
      (release as unknown as { title: string }).title = "x";
    }).toThrow(TypeError);
  });

  it("a failed load is not remembered: the next read tries again", async () => {
    await emu.addFault({ kind: "status", status: 404, path: "/releases/352665" });
    const release = client.releases.get(352665);
    expect(thrown(() => release.title)).toBeInstanceOf(NotFoundError);
    expect(release.title).toBe("The Downward Spiral");
    expect(await wire()).toEqual(["GET /releases/352665", "GET /releases/352665"]);
  });

  it("deep chains send nothing until the call at the end", async () => {
    const user = client.users.get("example");
    const { instance_id } = user.collection.folders.get(1).releases.create({ release_id: 352665 });
    await emu.clearRequests();
    const chain = user.collection.folders.get(1).releases.get(352665).instances.get(instance_id);
    expect(chain.instanceId).toBe(instance_id);
    expect(await wire()).toEqual([]);
    chain.fields.update({ field_id: 3, value: "Signed copy" });
    const log = await emu.requests();
    expect(log.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        "POST",
        `/users/example/collection/folders/1/releases/352665/instances/${instance_id}/fields/3`,
        { value: "Signed copy" },
      ],
    ]);
    user.collection.folders.get(1).releases.get(352665).instances.delete(instance_id);
  });
});

describe("pagination", () => {
  it("for...of fetches pages on demand and stops when the loop does", async () => {
    const seen: SearchResult[] = [];
    for (const r of client.search({ query: "Nine Inch Nails", per_page: 2 })) {
      seen.push(r);
      if (seen.length === 3) break;
    }
    expect(seen).toHaveLength(3);
    expect(seen[0]!.title).toBe("Nine Inch Nails");
    const log = await emu.requests();
    expect(log.map((r) => r.path)).toEqual(["/database/search", "/database/search"]);
    expect(log[0]!.query).toMatchObject({ q: "Nine Inch Nails", per_page: "2" });
    expect(log[1]!.query).toMatchObject({ page: "2" });
    // The walk ended in the worker: the next call works as if nothing happened.
    expect(client.releases.get(352665).title).toBe("The Downward Spiral");
  });

  it("nothing is fetched before the walk starts; a full walk ends", async () => {
    const list = client.artists.get(3857).releases.list({ sort: "year", sort_order: "asc" });
    expect(await wire()).toEqual([]);
    let n = 0;
    let first: string | undefined;
    for (const rel of list) {
      first ??= `${rel.year} ${rel.title}`;
      n++;
    }
    expect(first).toBe("1989 Pretty Hate Machine");
    expect(n).toBe(257);
    expect(await wire()).toEqual([
      "GET /artists/3857/releases",
      "GET /artists/3857/releases",
      "GET /artists/3857/releases",
    ]);
  });

  it(".pages() walks pages and .toArray({ limit }) collects", async () => {
    const sizes: number[] = [];
    for (const page of client.artists.get(3857).releases.list().pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([100, 100, 57]);
    const five = client.search({ query: "Nine Inch Nails" }).toArray({ limit: 5 });
    expect(five).toHaveLength(5);
    expect(Object.getPrototypeOf(five)).toBe(Array.prototype);
  });

  it("an error on a later page surfaces after the items before it", async () => {
    await emu.addFault({ kind: "status", status: 404, path: "/artists/3857/releases", times: 1 });
    expect(thrown(() => [...client.artists.get(3857).releases.list()])).toBeInstanceOf(NotFoundError);
    const items: unknown[] = [];
    const walk = client.artists.get(3857).releases.list({ per_page: 100 });
    const it = walk[Symbol.iterator]();
    for (let i = 0; i < 100; i++) items.push(it.next().value);
    await emu.addFault({ kind: "status", status: 404, path: "/artists/3857/releases", times: 1 });
    expect(thrown(() => it.next())).toBeInstanceOf(NotFoundError);
    expect(items).toHaveLength(100);
    expect(it.next()).toEqual({ done: true, value: undefined }); // the walk is over, nothing passed off as more
  });
});

describe("errors", () => {
  it("arrive as the same classes, with their fields", async () => {
    const err = thrown(() => client.releases.get(999999999).title) as NotFoundError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toBeInstanceOf(DiscogsAPIError);
    expect(err).toBeInstanceOf(DiscogsError);
    expect(err.name).toBe("NotFoundError");
    expect(err.status).toBe(404);
    expect(err.method).toBe("GET");
    expect(err.url).toBe(`${emu.url}/releases/999999999`);
    expect(err.body).toEqual({ message: "Release not found." });
    expect(err.headers["content-type"]).toMatch(/json/);
    expect(err.message).toBe("Release not found.");
    expect(err.stack).toMatch(/^NotFoundError: Release not found\.\n/);
    expect(err.stack).toContain("sync.test.ts"); // the caller's stack

    const noRetry = new DiscogsSync(options({ maxRetries: 0 }));
    try {
      await emu.addFault({ kind: "status", status: 429, retryAfter: "7", path: "/releases/352665" });
      const limited = thrown(() => noRetry.releases.get(352665).title) as RateLimitError;
      expect(limited).toBeInstanceOf(RateLimitError);
      expect(limited.retryAfter).toBe(7);
      await emu.addFault({ kind: "status", status: 401, path: "/releases/352665" });
      expect(thrown(() => noRetry.releases.get(352665).title)).toBeInstanceOf(AuthenticationError);
      await emu.addFault({ kind: "reset", path: "/releases/352665" });
      const reset = thrown(() => noRetry.releases.get(352665).title) as DiscogsConnectionError;
      expect(reset).toBeInstanceOf(DiscogsConnectionError);
      expect(reset.method).toBe("GET");
      // The next request behaves as if nothing happened.
      expect(noRetry.releases.get(352665).title).toBe("The Downward Spiral");
    } finally {
      noRetry.close();
    }
  });

  it("a timeout is a DiscogsTimeoutError with its timeout; the next call is unaffected", async () => {
    await emu.addFault({ kind: "latency", ms: 1500, path: "/releases/352665" });
    const err = thrown(
      () => client.releases.get(352665, {}, { timeout: 100, maxRetries: 0 }).title,
    ) as DiscogsTimeoutError;
    expect(err).toBeInstanceOf(DiscogsTimeoutError);
    expect(err.timeout).toBe(100);
    expect(client.releases.get(352665).title).toBe("The Downward Spiral");
  });

  it("a response that does not fit its schema is a ResponseValidationError with its fields", async () => {
    await emu.addFault({ kind: "status", status: 200, body: { id: "nope" }, path: "/releases/352665" });
    const err = thrown(() => client.releases.get(352665).title) as ResponseValidationError;
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.endpoint).toBe("GET /releases/352665");
    expect(err.path).toBe("id");
    expect(err.body).toEqual({ id: "nope" });
    expect(err.issues.length).toBeGreaterThan(0);
  });

  it("a bad argument is a TypeError at the call, before any request", async () => {
    const err = thrown(() => client.releases.get(-1)) as TypeError;
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toMatch(/id must be a positive integer/);
    expect(thrown(() => client.releases.get(352665).rating.update("example", 9))).toBeInstanceOf(TypeError);
    expect(await wire()).toEqual([]);
  });

  it("no credential crosses in an error", async () => {
    const secret = "consumer-secret-0123456789";
    const key = "consumer-key-0123456789";
    const keyed = new DiscogsSync({
      baseUrl: emu.url,
      consumerKey: key,
      consumerSecret: secret,
      rateLimit: false,
    });
    try {
      const err = thrown(() => keyed.releases.get(999999999).title) as NotFoundError;
      expect(err).toBeInstanceOf(NotFoundError);
      const everything = JSON.stringify({ ...err, message: err.message, stack: err.stack });
      for (const credential of [key, secret, TOKEN]) expect(everything).not.toContain(credential);
      expect(String(keyed)).not.toContain(secret);
      expect(JSON.stringify(keyed)).not.toContain(secret);
    } finally {
      keyed.close();
    }
  });
});

describe("writes and other values", () => {
  it("a write returns its value; a 204 returns undefined", async () => {
    const r = client.releases.get(352665).rating.update("example", 5);
    expect(r.rating).toBe(5);
    expect(client.releases.get(352665).rating.delete("example")).toBeUndefined();
    expect(await wire()).toEqual([
      "PUT /releases/352665/rating/example",
      "DELETE /releases/352665/rating/example",
    ]);
  });

  it("collection folders, the wantlist and bytes", async () => {
    const user = client.users.get("example");
    const folder = user.collection.folders.create({ name: "Sync folder" });
    expect(user.collection.folders.list().map((f) => f.name)).toContain("Sync folder");
    user.collection.folders.delete(folder.id);
    const csv = client.exports.download(599632, { as: "bytes" });
    expect(csv).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(csv)).toMatch(/^listing_id,/);
    expect(typeof client.exports.download(599632)).toBe("string");
  });

  it("a ReadableStream cannot be read synchronously: a TypeError says what to ask for", () => {
    const err = thrown(() => client.exports.download(599632, { as: "stream" })) as TypeError;
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toMatch(/ReadableStream.*"bytes"/);
  });

  it("getters read through the worker; toString and toJSON carry no credential", () => {
    expect(client.authMode).toBe("token");
    expect(client.baseUrl).toBe(emu.url);
    const snapshot = client.rateLimit;
    expect(typeof snapshot.limit).toBe("number");
    expect(String(client)).toBe(`DiscogsSync { baseUrl: ${emu.url}, auth: token }`);
    expect(client.toJSON()).toEqual({ baseUrl: emu.url, authMode: "token" });
  });

  it("per-call headers as a Headers object cross; a signal cannot (TypeError, nothing sent)", async () => {
    const title = client.releases.get(352665, {}, { headers: new Headers({ "x-sync-test": "yes" }) }).title;
    expect(title).toBe("The Downward Spiral");
    const log = await emu.requests();
    expect(log[0]!.headers["x-sync-test"]).toBe("yes");
    await emu.clearRequests();
    const err = thrown(() =>
      client.releases.get(352665, {}, { signal: new AbortController().signal }),
    ) as TypeError;
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toMatch(/argument 3 of client\.releases\.get\(\)\.signal is an AbortSignal.*timeout/);
    expect(await wire()).toEqual([]);
  });
});

describe("options", () => {
  it("the async client's own checks apply (same TypeError)", () => {
    expect(thrown(() => new DiscogsSync({ baseUrl: "ftp://example.com" }))).toBeInstanceOf(TypeError);
    expect(String(thrown(() => new DiscogsSync({ timeout: -1 })))).toMatch(/timeout must be a positive/);
  });

  it("what cannot cross to the worker is a TypeError naming it, before anything starts", () => {
    const cases: [unknown, RegExp][] = [
      [{ fetch: globalThis.fetch }, /options\.fetch is a function.*async client \(Discogs\)/],
      [{ cache: new MemoryCacheStore() }, /options\.cache is a MemoryCacheStore.*cache: true.*cacheDir/],
      [{ rateLimit: { store: { take() {} } } }, /options\.rateLimit\.store\.take is a function/],
      [{ retry: { baseDelayMs: () => 1 } }, /options\.retry\.baseDelayMs is a function/],
    ];
    for (const [opts, message] of cases) {
      const err = thrown(() => new DiscogsSync({ ...options(), ...(opts as object) })) as Error;
      expect(err).toBeInstanceOf(TypeError);
      expect(err.message).toMatch(message);
    }
  });

  it("credentials from DISCOGS_TOKEN are read when the client is built, as by Discogs", () => {
    const saved = process.env.DISCOGS_TOKEN;
    try {
      delete process.env.DISCOGS_TOKEN;
      const anonymous = new DiscogsSync({ baseUrl: emu.url, rateLimit: false });
      expect(anonymous.authMode).toBe("none");
      anonymous.close();
      process.env.DISCOGS_TOKEN = "from-the-environment"; // set after the worker started
      const fromEnv = new DiscogsSync({ baseUrl: emu.url, rateLimit: false });
      expect(fromEnv.authMode).toBe("token");
      fromEnv.close();
    } finally {
      if (saved === undefined) delete process.env.DISCOGS_TOKEN;
      else process.env.DISCOGS_TOKEN = saved;
    }
  });

  it("cache: true caches in the worker", async () => {
    const cached = new DiscogsSync(options({ cache: true }));
    try {
      expect(cached.releases.get(352665).title).toBe("The Downward Spiral");
      expect(cached.releases.get(352665).title).toBe("The Downward Spiral");
      expect(await wire()).toEqual(["GET /releases/352665"]);
    } finally {
      cached.close();
    }
  });

  it("hooks are called on this thread when the call returns, in order, with their events", async () => {
    const events: string[] = [];
    const hooked = new DiscogsSync(
      options({
        maxRetries: 1,
        hooks: {
          onRequest: (e) => events.push(`request ${e.method} ${e.attempt}`),
          onResponse: (e) => events.push(`response ${e.status} ${e.attempt}`),
          onRetry: (e) => events.push(`retry ${e.reason}`),
        },
      }),
    );
    try {
      await emu.addFault({ kind: "status", status: 503, path: "/releases/352665" });
      expect(hooked.releases.get(352665).title).toBe("The Downward Spiral");
      expect(events).toEqual([
        "request GET 1",
        "response 503 1",
        "retry status:503",
        "request GET 2",
        "response 200 2",
      ]);
    } finally {
      hooked.close();
    }
  });
});

describe("the worker's console", () => {
  it("is written on this thread when the call returns (not lost, in order)", async () => {
    const warned = new DiscogsSync(options({ validation: "warn" }));
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await emu.addFault({ kind: "status", status: 200, body: { id: "nope" }, path: "/releases/352665" });
      expect(warned.releases.get(352665).id).toBe(352665); // own id: nothing sent, nothing written
      expect(written).toEqual([]);
      void warned.releases.get(352665).title; // validation "warn": the value is returned, with a warning
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(
        /^\[discogs-sdk\] response of GET \/releases\/352665 does not match its schema/,
      );
    } finally {
      spy.mockRestore();
      warned.close();
    }
  });
});

/**
 * Compile-time checks of the synchronous types (run by `npm run typecheck`, never called): promises become
 * values, lazy resources proxies that read as the value, paginators iterables, overloads are kept.
 */
function _typesFollowTheAsyncClient(c: DiscogsSync): void {
  type C = DiscogsSync;
  expectTypeOf<ReturnType<C["releases"]["get"]>["title"]>().toEqualTypeOf<string>();
  expectTypeOf<ReturnType<C["releases"]["get"]>["id"]>().toEqualTypeOf<number>();
  expectTypeOf<C["search"]>().returns.toMatchTypeOf<Iterable<SearchResult>>();
  const release = c.releases.get(352665);
  expectTypeOf(release.rating.get().rating.average).toEqualTypeOf<number>(); // overloads kept
  expectTypeOf(release.rating.get("example").rating).toEqualTypeOf<number>();
  expectTypeOf(release.rating.update).returns.toEqualTypeOf<UserReleaseRating>();
  expectTypeOf(c.exports.download(599632, { as: "bytes" })).toEqualTypeOf<Uint8Array>();
  expectTypeOf(c.exports.download(599632)).toEqualTypeOf<string>();
  expectTypeOf(c.users.get("example")).toHaveProperty("wantlist");
  expectTypeOf(c.rateLimit.remaining).toEqualTypeOf<number>();
  expectTypeOf(c.close()).toEqualTypeOf<void>();
  expectTypeOf(c.clearCache()).toEqualTypeOf<void>();
  expectTypeOf(c.search({ query: "x" }).pages()).toMatchTypeOf<Iterable<{ items: SearchResult[] }>>();
  expectTypeOf(c.search({ query: "x" }).toArray({ limit: 1 })).toEqualTypeOf<SearchResult[]>();
}

describe("life cycle", () => {
  it("close() ends the client: later calls throw 'The client is closed'; twice is fine", () => {
    const c = new DiscogsSync(options());
    const release = c.releases.get(352665);
    expect(c.releases.get(352665).title).toBe("The Downward Spiral");
    c.close();
    c.close();
    const err = thrown(() => release.title) as DiscogsError;
    expect(err).toBeInstanceOf(DiscogsError);
    expect(err.message).toBe("The client is closed");
    expect(thrown(() => c.releases.get(1))).toBeInstanceOf(DiscogsError);
    expect(String(c)).toBe(`DiscogsSync { baseUrl: ${emu.url}, auth: token }`);
    // The other clients of this thread (and their shared worker) go on.
    expect(client.releases.get(352665).title).toBe("The Downward Spiral");
  });

  it("using closes the client at the end of the scope", () => {
    let kept: DiscogsSync | undefined;
    {
      using c = new DiscogsSync(options());
      kept = c;
      expect(c.masters.get(3719).title).toBe("The Downward Spiral");
    }
    expect((thrown(() => kept!.masters.get(3719).title) as Error).message).toBe("The client is closed");
  });

  it("the last close() ends the worker; a new client starts another", () => {
    const a = new DiscogsSync(options());
    a.close();
    client.close();
    client = new DiscogsSync(options());
    expect(client.artists.get(3857).name).toBe("Nine Inch Nails");
  });
});
