/**
 * The request API of issue 13, through the public API over real HTTP:
 *
 * - `.withResponse()` on lazy gets, writes (`APIPromise`), awaited list pages and the escape hatch: `{ data,
 *   response }` with the status and the rate-limit headers, one request only; a cache hit's response.
 * - The escape hatch `client.get/post/put/delete(path, { query, body, schema, idempotent, ...requestOptions })`:
 *   the same limiter, retry rules, cache, typed errors and redaction as the resources; typed by `schema`.
 * - `maxQueue: 0` queues nothing but refuses only where the budget is spent.
 * - The OAuth access-token POST is a form request; listing prices follow the fee's rules.
 * - A `baseUrl` with a path: every request, next link, job location and cache invalidation stays under it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  Discogs,
  DiscogsAPIError,
  DiscogsAbortError,
  getAccessToken,
  getRequestToken,
  MemoryCacheStore,
  MemoryRateLimitStore,
  NotFoundError,
  RateLimitQueueError,
  ReleaseSchema,
  ResponseValidationError,
  type APIPromise,
  type ClientOptions,
  type Page,
  type Release,
  type Want,
  type WithResponse,
} from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { startLocalServer, type LocalServer, type Recorded } from "./helpers/local-server";
import { recordingFetch, WIRE_BASE } from "./helpers/wire";

let emu: Emulator;
let n = 0;

beforeAll(async () => {
  // Budgets per credential: each test's client has its own window at Discogs' normal 60 a minute.
  emu = await startEmulator({ rateLimit: { keyBy: "credential" } });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  emu.clearRequests();
  emu.faults.clear();
});

/** A client with its own credential and its own budget (no other test's requests count against it). */
function fresh(options: ClientOptions = {}): Discogs {
  return new Discogs({
    baseUrl: emu.url,
    token: `tok-api-${++n}`,
    retry: { baseDelayMs: 1 },
    ...options,
    rateLimit:
      options.rateLimit === false
        ? false
        : {
            store: new MemoryRateLimitStore(),
            ...(typeof options.rateLimit === "object" ? options.rateLimit : {}),
          },
  });
}

async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The rate-limit headers Discogs sends on every answer are on the response. */
function expectRateLimitHeaders(response: Response): void {
  expect(response.headers.get("x-discogs-ratelimit")).toMatch(/^\d+$/);
  expect(response.headers.get("x-discogs-ratelimit-used")).toMatch(/^\d+$/);
  expect(response.headers.get("x-discogs-ratelimit-remaining")).toMatch(/^\d+$/);
}

describe(".withResponse()", () => {
  it("on a lazy get: the data with the response; one request, shared with await", async () => {
    const c = fresh();
    const release = c.releases.get(352665);
    const { data, response } = await release.withResponse();
    expectTypeOf(data).toEqualTypeOf<Release>();
    expectTypeOf(response).toEqualTypeOf<Response>();
    expect(data.title).toBe("The Downward Spiral");
    expect(response.status).toBe(200);
    expectRateLimitHeaders(response);
    expect(await release).toBe(data);
    expect(release.withResponse()).toBe(release.withResponse());
    expect(emu.requests).toHaveLength(1);
    // A sub-resource's lazy get too.
    const rating = await c.releases.get(352665).rating.get().withResponse();
    expect(rating.response.status).toBe(200);
    expect(emu.requests).toHaveLength(2);
    await c.close();
  });

  it("on a write (APIPromise): the created body and 201; one request, shared with await", async () => {
    const c = fresh();
    const created = c.users.get("example").wantlist.create({ release_id: 249504 });
    const { data, response } = await created.withResponse();
    expectTypeOf(data).toEqualTypeOf<Want>();
    expect(data.id).toBe(249504);
    expect(response.status).toBe(201);
    expectRateLimitHeaders(response);
    expect(await created).toBe(data);
    expect(emu.requests.map((r) => r.method)).toEqual(["PUT"]);
    // A 204: no data, the response says so.
    const deleted = await c.users.get("example").wantlist.delete(249504).withResponse();
    expect(deleted.data).toBeUndefined();
    expect(deleted.response.status).toBe(204);
    expect(emu.requests.map((r) => r.method)).toEqual(["PUT", "DELETE"]);
    await c.close();
  });

  it("on an awaited list page, and on the next page", async () => {
    const c = fresh();
    const list = c.users.get("example").wantlist.list({ page: 2, per_page: 5 });
    const { data: page, response } = await list.withResponse();
    expectTypeOf(page).toEqualTypeOf<Page<Want>>();
    expect(page.pagination.page).toBe(2);
    expect(page.items).toHaveLength(5);
    expect(response.status).toBe(200);
    expectRateLimitHeaders(response);
    expect(emu.requests).toHaveLength(1);
    const next = await page.getNextPageWithResponse();
    expect(next.data.pagination.page).toBe(3);
    expect(next.response.status).toBe(200);
    expect(emu.requests.map((r) => r.query.page)).toEqual(["2", "3"]);
    await c.close();
  });

  it("on the escape hatch: one request", async () => {
    const c = fresh();
    const call = c.get("/artists/3857");
    const { data, response } = await call.withResponse();
    expectTypeOf(data).toBeUnknown();
    expect((data as { name: string }).name).toBe("Nine Inch Nails");
    expect(response.status).toBe(200);
    expectRateLimitHeaders(response);
    expect(await call).toBe(data);
    expect(emu.requests).toHaveLength(1);
    await c.close();
  });

  it("a cache hit resolves to a response with status 200 and x-discogs-sdk-cache: hit, sending nothing", async () => {
    const c = fresh({ cache: true });
    const first = await c.releases.get(352665).withResponse();
    expect(first.response.headers.get("x-discogs-sdk-cache")).toBeNull();
    const hit = await c.releases.get(352665).withResponse();
    expect(hit.response.status).toBe(200);
    expect(hit.response.headers.get("x-discogs-sdk-cache")).toBe("hit");
    expect(hit.data.title).toBe("The Downward Spiral");
    const raw = await c.get("/releases/352665").withResponse();
    expect(raw.response.headers.get("x-discogs-sdk-cache")).toBe("hit");
    const page = await c.users.get("example").wantlist.list({ per_page: 3 }).withResponse();
    const pageHit = await c.users.get("example").wantlist.list({ per_page: 3 }).withResponse();
    expect(pageHit.response.headers.get("x-discogs-sdk-cache")).toBe("hit");
    expect(pageHit.data.items).toEqual(page.data.items);
    expect(emu.requests).toHaveLength(2);
    await c.close();
  });

  it("a cached answer is kept per rendering: clients of another mediaType sharing the store, a per-request Accept", async () => {
    const store = new MemoryCacheStore();
    const token = `tok-api-media-${++n}`;
    const open = (mediaType: "html" | "plaintext" | "discogs") =>
      new Discogs({ baseUrl: emu.url, token, cache: store, mediaType, rateLimit: false });
    const html = open("html");
    const plain = open("plaintext");
    const discogs = open("discogs");
    for (const c of [html, plain, discogs, html, plain, discogs]) await c.artists.get(3857);
    const plainAccept = "application/vnd.discogs.v2.plaintext+json";
    await discogs.artists.get(3857, { headers: { Accept: plainAccept } }); // the plaintext client's entry
    expect(emu.requests.map((r) => r.headers.accept)).toEqual([
      "application/vnd.discogs.v2.html+json",
      plainAccept,
      "application/vnd.discogs.v2.discogs+json",
    ]);
    // Identical GETs in flight are joined only when they ask for the same rendering.
    emu.clearRequests();
    await Promise.all([
      discogs.artists.get(3857, { cache: false }).fetch(),
      discogs.artists.get(3857, { cache: false, headers: { Accept: plainAccept } }).fetch(),
    ]);
    expect(emu.requests.map((r) => r.headers.accept).sort()).toEqual([
      "application/vnd.discogs.v2.discogs+json",
      plainAccept,
    ]);
    for (const c of [html, plain, discogs]) await c.close();
  });

  it("rejects with the typed error, like await", async () => {
    const c = fresh();
    expect(await failure(() => c.releases.get(999999999).withResponse())).toBeInstanceOf(NotFoundError);
    expect(await failure(() => c.get("/nope").withResponse())).toBeInstanceOf(NotFoundError);
    await c.close();
  });
});

describe("the escape hatch", () => {
  it("resolves paths against the base URL, sends query and JSON body, resolves to the parsed JSON", async () => {
    const c = fresh();
    const search = (await c.get("/database/search", { query: { q: "Nine Inch Nails", type: "artist" } })) as {
      results: { title: string }[];
    };
    expect(search.results.map((r) => r.title)).toContain("Nine Inch Nails");
    const folder = (await c.post("/users/example/collection/folders", { body: { name: "Raw" } })) as {
      name: string;
    };
    expect(folder.name).toBe("Raw");
    await c.put("/users/example/wants/249504", { body: { notes: "raw" } });
    await c.delete("/users/example/wants/249504");
    expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /database/search 200",
      "POST /users/example/collection/folders 201",
      "PUT /users/example/wants/249504 201",
      "DELETE /users/example/wants/249504 204",
    ]);
    expect(emu.requests[0]!.query).toEqual({ q: "Nine Inch Nails", type: "artist" });
    expect(emu.requests[1]!.headers["content-type"]).toBe("application/json");
    expect(emu.requests[1]!.body).toEqual({ name: "Raw" });
    expect(emu.requests[2]!.body).toEqual({ notes: "raw" });
    await c.close();
  });

  it("is typed and validated by schema", async () => {
    const c = fresh();
    const release = await c.get("/releases/352665", { schema: ReleaseSchema });
    expectTypeOf(release).toEqualTypeOf<Release>();
    expect(release.title).toBe("The Downward Spiral");
    expectTypeOf<ReturnType<typeof c.post>>().toEqualTypeOf<APIPromise<unknown>>();
    expectTypeOf<ReturnType<ReturnType<typeof c.get<Release>>["withResponse"]>>().toEqualTypeOf<
      Promise<WithResponse<Release>>
    >();
    // An artist is not a release: strict validation says so.
    expect(await failure(() => c.get("/artists/3857", { schema: ReleaseSchema }))).toBeInstanceOf(
      ResponseValidationError,
    );
    await c.close();
  });

  it("shares the client's limiter: its calls count against the same budget and queue", async () => {
    const c = fresh({ rateLimit: { limit: 3, maxQueue: 0 } });
    await c.releases.get(352665);
    await c.get("/artists/3857");
    await c.post("/users/example/collection/folders", { body: { name: "Budget" } });
    expect(c.rateLimit).toMatchObject({ limit: 3, used: 3, remaining: 0 });
    const refused = await failure(() => c.get("/labels/647"));
    expect(refused).toBeInstanceOf(RateLimitQueueError);
    expect((refused as RateLimitQueueError).reason).toBe("queue_full");
    expect(await failure(() => c.labels.get(647).fetch())).toBeInstanceOf(RateLimitQueueError);
    expect(emu.requests).toHaveLength(3);
    await c.close();
  });

  it("follows the retry rules: a GET, PUT or DELETE is retried on 503, a POST is not unless idempotent: true", async () => {
    const c = fresh();
    const path = "/users/example/collection/folders";
    emu.faults.add({ kind: "status", status: 503, path });
    const error = await failure(() => c.post(path, { body: { name: "Once" } }));
    expect(error).toBeInstanceOf(DiscogsAPIError);
    expect((error as DiscogsAPIError).status).toBe(503);
    expect(emu.requests.map((r) => r.status)).toEqual([503]);

    emu.clearRequests();
    emu.faults.add({ kind: "status", status: 503, path });
    await c.post(path, { body: { name: "Twice" }, idempotent: true });
    expect(emu.requests.map((r) => r.status)).toEqual([503, 201]);

    for (const [method, p] of [
      ["GET", "/releases/352665"],
      ["PUT", "/users/example/wants/249504"],
      ["DELETE", "/users/example/wants/249504"],
    ] as const) {
      emu.clearRequests();
      emu.faults.add({ kind: "status", status: 503, path: p });
      await c[method.toLowerCase() as "get" | "put" | "delete"](p);
      expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
        `${method} 503`,
        `${method} ${method === "GET" ? 200 : method === "PUT" ? 201 : 204}`,
      ]);
    }
    // A POST refused with 429 (Discogs did nothing) is retried like any request.
    emu.clearRequests();
    emu.faults.add({ kind: "status", status: 429, path, retryAfter: "0" });
    await c.post(path, { body: { name: "After429" } });
    expect(emu.requests.map((r) => r.status)).toEqual([429, 201]);
    await c.close();
  });

  it("takes the per-request options: maxRetries, timeout, signal, headers, cache", async () => {
    const c = fresh({ cache: true });
    emu.faults.add({ kind: "status", status: 503, path: "/releases/352665" });
    expect(await failure(() => c.get("/releases/352665", { maxRetries: 0 }))).toMatchObject({ status: 503 });
    emu.faults.add({ kind: "latency", ms: 2_000, path: "/artists/3857" });
    expect(await failure(() => c.get("/artists/3857", { timeout: 50, maxRetries: 0 }))).toMatchObject({
      name: "DiscogsTimeoutError",
    });
    const controller = new AbortController();
    controller.abort();
    expect(await failure(() => c.get("/labels/647", { signal: controller.signal }))).toBeInstanceOf(
      DiscogsAbortError,
    );
    await c.get("/labels/647", { headers: { "X-Trace": "raw-1" } });
    expect(emu.requests.at(-1)!.headers["x-trace"]).toBe("raw-1");
    await c.get("/labels/647", { cache: false });
    expect(emu.requests.filter((r) => r.path === "/labels/647")).toHaveLength(2);
    await c.close();
  });

  it("uses the cache: a GET is cached; an escape-hatch write drops every cached response", async () => {
    const c = fresh({ cache: true });
    const paths = ["/releases/352665", "/users/example/wants", "/users/example/collection/folders"];
    for (const p of paths) await c.get(p);
    for (const p of paths) await c.get(p);
    await c.users.get("example").wantlist.list({ per_page: 2 });
    expect(emu.requests).toHaveLength(4);
    // A write the SDK has no declaration for: it cannot know what the write changed, so nothing cached is kept.
    await c.put("/users/example/wants/249504");
    emu.clearRequests();
    for (const p of paths) await c.get(p);
    await c.users.get("example").wantlist.list({ per_page: 2 });
    expect(emu.requests.map((r) => r.path)).toEqual([...paths, "/users/example/wants"]);
    // A write Discogs documents, sent through the escape hatch: what it changed is not served from the cache.
    emu.clearRequests();
    await c.post("/users/example/collection/folders", { body: { name: "Drops" } });
    await c.users.get("example").collection.folders.list();
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /users/example/collection/folders",
      "GET /users/example/collection/folders",
    ]);
    await c.close();
  });

  it("throws the typed errors, with no credential in the message, the URL or the JSON", async () => {
    const secret = "tok-RAW-secret-value";
    const c = new Discogs({ baseUrl: emu.url, token: secret, rateLimit: false, maxRetries: 0 });
    const errors = [
      await failure(() => c.get("/releases/999999999", { query: { token: secret } })),
      await failure(() => c.get(`/releases/999999999?token=${secret}`)),
      await failure(() => c.delete("/users/example/wants/999999999", { query: { key: secret, secret } })),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(NotFoundError);
      const e = error as NotFoundError;
      for (const text of [e.message, e.url, String(e), JSON.stringify(e), String(e.stack)])
        expect(text).not.toContain(secret);
    }
    expect((errors[0] as NotFoundError).url).toMatch(/token=%5Bredacted%5D/);
    await c.close();
  });

  it("refuses what it cannot send, before any request", async () => {
    const c = fresh();
    const cases: [() => unknown, RegExp][] = [
      [() => c.get(""), /^get\(path\): path must be a non-empty string/],
      [() => c.get("/x", { body: {} }), /^get\(\) sends no body: put parameters in options.query/],
      [() => c.delete("/x", { body: {} }), /^delete\(\) sends no body/],
      [() => c.put("/x", { idempotent: true }), /^idempotent is a boolean of post\(\) only/],
      [
        () => c.get("/x", { query: { a: {} as never } }),
        /^get\(\) options.query.a must be a string, number or boolean/,
      ],
      [() => c.get("/x", { query: { a: NaN } }), /^get\(\) options.query.a must be finite/],
      [() => c.post("/x", [] as never), /^post\(path, options\): options must be an object/],
    ];
    for (const [call, message] of cases) {
      const error = await failure(call);
      expect(error, String(message)).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(message);
    }
    expect(emu.requests).toEqual([]);
    await c.close();
  });
});

describe("maxQueue: 0", () => {
  it("never queues where the budget has room: 10 concurrent calls on a fresh client all succeed", async () => {
    const c = fresh({ rateLimit: { maxQueue: 0 } });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => c.get("/releases/352665", { query: { n: i } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill("fulfilled"));
    expect(emu.requests).toHaveLength(10);
    expect(emu.requests.every((r) => r.status === 200)).toBe(true);
    await c.close();
  });

  it("refuses at once where the budget is spent, sending nothing", async () => {
    const c = fresh({ rateLimit: { limit: 4, maxQueue: 0 } });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => c.get("/releases/352665", { query: { n: i } })),
    );
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    expect(refused).toHaveLength(6);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(RateLimitQueueError);
      expect(r.reason.reason).toBe("queue_full");
    }
    expect(emu.requests).toHaveLength(4);
    expect(c.rateLimit).toMatchObject({ remaining: 0, queued: 0 });
    await c.close();
  });
});

describe("the OAuth flow", () => {
  it("the access-token POST is a form request: Content-Type application/x-www-form-urlencoded", async () => {
    const consumer = { consumerKey: "ck-form", consumerSecret: "cs-form", baseUrl: emu.url };
    const rt = await getRequestToken(consumer);
    const verifier = emu.authorize(rt.token);
    const at = await getAccessToken({
      ...consumer,
      requestToken: rt.token,
      requestTokenSecret: rt.tokenSecret,
      verifier,
    });
    expect(at.accessToken).toBeTruthy();
    const post = emu.requests.find((r) => r.path === "/oauth/access_token")!;
    expect(post.method).toBe("POST");
    expect(post.status).toBe(200);
    expect(post.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(emu.requests.find((r) => r.path === "/oauth/request_token")!.method).toBe("GET");
  });
});

describe("listing prices follow the fee's rules", () => {
  const { fetch, calls } = recordingFetch();
  const c = new Discogs({ baseUrl: WIRE_BASE, token: "t", rateLimit: false, validation: "off", fetch });
  afterAll(() => c.close());
  const listing = (price: number) => ({ release_id: 1, condition: "Mint (M)" as const, price });
  const attempts: [string, (price: number) => unknown][] = [
    ["listings.create", (price) => c.marketplace.listings.create(listing(price))],
    ["listings.update", (price) => c.marketplace.listings.update(1, listing(price))],
    ["fee.get", (price) => c.marketplace.fee.get({ price })],
    ["fee.get in a currency", (price) => c.marketplace.fee.get({ price, currency: "EUR" })],
  ];

  /** Whether each call accepts `price` (they are checked where they are called, before sending). */
  function verdicts(price: number): (string | true)[] {
    return attempts.map(([, call]) => {
      try {
        void call(price);
        return true;
      } catch (e) {
        expect(e).toBeInstanceOf(TypeError);
        expect((e as Error).message).toMatch(/^price must be a number from 0\.01/);
        return (e as Error).message;
      }
    });
  }

  it.each([0.001, 1e21, 5e-324, 0, -1, NaN, Infinity])(
    "%s is refused by create, update and fee alike",
    (price) => {
      calls.length = 0;
      for (const v of verdicts(price)) expect(v).not.toBe(true);
      expect(calls).toEqual([]);
    },
  );

  it("any number: create, update and fee agree", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.double({ min: 0, max: 1 }), fc.integer()), (price) => {
        const v = verdicts(price).map((x) => x === true);
        expect(new Set(v).size, `price ${price}`).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it("0.01 and 90071992547409.91 are accepted by all", () => {
    for (const price of [0.01, 25, 90071992547409.91])
      expect(verdicts(price)).toEqual([true, true, true, true]);
  });
});

// -------------------------------------------------------------------------------------------------------------
// A baseUrl with a path

describe("a baseUrl with a path (http://host/api/)", () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
    server.respond(apiUnderPath);
  });
  afterAll(async () => {
    await server.close();
  });

  /** Answers like Discogs mounted under /api; anything else is a 500 the assertions see. */
  function apiUnderPath(req: Recorded, res: import("node:http").ServerResponse): void {
    const url = new URL(req.url, server.url);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const base = `${server.url}/api`;
    const key = `${req.method} ${url.pathname}`;
    if (key === "GET /api/releases/1")
      return json(200, { id: 1, title: "Under /api", resource_url: `${base}/releases/1` });
    if (key === "GET /api/users/example/wants") {
      const page = Number(url.searchParams.get("page") ?? 1);
      const want = (id: number) => ({
        id,
        resource_url: `${base}/users/example/wants/${id}`,
        basic_information: { id, title: `W${id}`, resource_url: `${base}/releases/${id}` },
      });
      const urls = page === 1 ? { next: `${base}/users/example/wants?per_page=1&page=2` } : {};
      return json(200, { pagination: { page, pages: 2, per_page: 1, items: 2, urls }, wants: [want(page)] });
    }
    if (key === "PUT /api/users/example/wants/7")
      return json(201, {
        id: 7,
        resource_url: `${base}/users/example/wants/7`,
        basic_information: { id: 7, title: "W7", resource_url: `${base}/releases/7` },
      });
    if (key === "POST /api/inventory/export")
      return json(200, {}, { location: `${base}/inventory/export/5` });
    if (key === "POST /api/anything") return json(200, {});
    return json(500, { message: `unexpected ${key}` });
  }

  it("keeps every request, next link, job location and cache invalidation under the path", async () => {
    const c = new Discogs({
      baseUrl: `${server.url}/api/`,
      token: "tok-path",
      rateLimit: false,
      cache: true,
    });
    expect(c.baseUrl).toBe(`${server.url}/api`);
    expect((await c.releases.get(1)).title).toBe("Under /api");
    expect(await c.get("/releases/1")).toMatchObject({ title: "Under /api" }); // cached
    expect(await c.get("releases/1", { cache: false })).toMatchObject({ title: "Under /api" });
    expect(await c.get(`${server.url}/api/releases/1`, { cache: false })).toMatchObject({ id: 1 });
    const ids: number[] = [];
    for await (const w of c.users.get("example").wantlist.list({ per_page: 1 })) ids.push(w.id);
    expect(ids).toEqual([1, 2]);
    // Cached pages, until a declared write to the wantlist drops them.
    await c.users.get("example").wantlist.list({ per_page: 1 });
    await c.users.get("example").wantlist.create({ release_id: 7 });
    await c.users.get("example").wantlist.list({ per_page: 1 });
    // An escape-hatch write drops everything cached under the path.
    await c.post("/anything");
    await c.releases.get(1);
    expect(await c.exports.request()).toEqual({ id: 5, location: `${server.url}/api/inventory/export/5` });

    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /api/releases/1",
      "GET /api/releases/1",
      "GET /api/releases/1",
      "GET /api/users/example/wants?per_page=1",
      "GET /api/users/example/wants?per_page=1&page=2",
      "PUT /api/users/example/wants/7",
      "GET /api/users/example/wants?per_page=1",
      "POST /api/anything",
      "GET /api/releases/1",
      "POST /api/inventory/export",
    ]);
    await c.close();
  });
});

// -------------------------------------------------------------------------------------------------------------
// The TSDoc examples of the request API

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every `@example` block of src/client.ts and src/core/*.ts that runs against a `client` (not whole programs). */
function tsdocExamples(): [string, string][] {
  const files = [
    "src/client.ts",
    ...readdirSync(path.join(ROOT, "src/core"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `src/core/${f}`),
  ];
  const out: [string, string][] = [];
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    for (const m of text.matchAll(/@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
      const code = m[1]!.replace(/^\s*\* ?/gm, "");
      if (/^import |await using /m.test(code)) continue; // a whole program (the class example)
      const line = text.slice(0, m.index).split("\n").length;
      out.push([`${file}:${line}`, code]);
    }
  }
  return out;
}

describe("the TSDoc examples of src/client.ts and src/core run as written", () => {
  const examples = tsdocExamples();
  it("finds them", () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
  });
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  it.each(examples)("%s", async (_where, code) => {
    const { code: js } = await transform(code, { loader: "ts" });
    const c = fresh();
    const printed: unknown[][] = [];
    const quiet = { ...console, log: (...a: unknown[]) => printed.push(a) };
    try {
      await new AsyncFunction("client", "ReleaseSchema", "console", js)(c, ReleaseSchema, quiet);
    } finally {
      await c.close();
    }
    expect(emu.requests.length).toBeGreaterThan(0);
    expect(emu.requests.filter((r) => r.status >= 400)).toEqual([]);
  });
});
