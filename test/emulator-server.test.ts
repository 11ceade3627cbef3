import { createHmac, X509Certificate } from "node:crypto";
import { get as httpsGet } from "node:https";
import OAuth from "oauth-1.0a";
import { afterEach, describe, expect, it } from "vitest";
import {
  EmulatorState,
  json,
  paginate,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type Router,
} from "../src/testing/index";
import { multipartBoundary, parseMultipart } from "../src/testing/multipart";

const open: Emulator[] = [];
let counter = 0;

/** Test-only routes: pagination over 7 items, a state-changing counter, and handlers that crash. */
function testRoutes(router: Router): void {
  const items = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));
  router.add("GET", "/test/items", (ctx) => paginate(ctx, items, "items"));
  router.add("POST", "/test/counter", (ctx) => {
    counter += 1;
    return json(201, { count: counter, body: ctx.body ?? null, files: ctx.files.map((f) => f.filename) });
  });
  router.add("GET", "/test/whoami", (ctx) =>
    json(200, {
      kind: ctx.auth.kind,
      user: ctx.auth.user?.username ?? null,
      valid: ctx.auth.signatureValid ?? null,
    }),
  );
  router.add("POST", "/test/whoami", (ctx) =>
    json(200, {
      kind: ctx.auth.kind,
      user: ctx.auth.user?.username ?? null,
      valid: ctx.auth.signatureValid ?? null,
    }),
  );
  router.add("GET", "/test/crash", () => {
    throw new Error("boom");
  });
  router.add("GET", "/test/crash-async", async () => {
    await Promise.resolve();
    throw new Error("async boom");
  });
}

/** A state with only the default user, so most tests skip the (slower) full seed. */
function minimalState(): EmulatorState {
  const state = new EmulatorState();
  state.users.set("example", {
    id: 1,
    username: "example",
    collectionPublic: true,
    wantlistPublic: true,
    profile: { id: 1, username: "example" },
  });
  return state;
}

/** Starts an emulator with the test routes; `seed: true` loads the bundled seed, else a minimal state. */
async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const base: EmulatorOptions = options.seed ? {} : { seed: false, state: minimalState() };
  const emu = await startEmulator({ routes: testRoutes, ...base, ...options });
  open.push(emu);
  return emu;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

const TOKEN = { Authorization: "Discogs token=abc123" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const limitHeaders = (res: Response) => [
  res.headers.get("x-discogs-ratelimit"),
  res.headers.get("x-discogs-ratelimit-used"),
  res.headers.get("x-discogs-ratelimit-remaining"),
];

function hmacOAuth(consumer: { key: string; secret: string }) {
  return new OAuth({
    consumer,
    signature_method: "HMAC-SHA1",
    hash_function: (base, key) => createHmac("sha1", key).update(base).digest("base64"),
  });
}

function plaintextHeader(params: Record<string, string>, consumerSecret: string, tokenSecret = ""): string {
  const all: Record<string, string> = {
    oauth_nonce: Math.random().toString(16).slice(2),
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    oauth_signature_method: "PLAINTEXT",
    oauth_version: "1.0",
    ...params,
    oauth_signature: `${encodeURIComponent(consumerSecret)}&${encodeURIComponent(tokenSecret)}`,
  };
  return (
    "OAuth " +
    Object.entries(all)
      .map(([k, v]) => `${k}="${encodeURIComponent(v)}"`)
      .join(", ")
  );
}

describe("startEmulator basics", () => {
  it("returns url, state, requests and sets state.baseUrl", async () => {
    const emu = await start({ seed: true });
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.state.baseUrl).toBe(emu.url);
    expect(emu.requests).toEqual([]);
    expect(emu.state.user("example")).toBeDefined();
  });

  it("answers unknown paths 404, other methods 405, bad percent-encoding 404, with Discogs headers", async () => {
    const emu = await start();
    const res = await fetch(`${emu.url}/no/such/thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-discogs-media-type")).toBe("discogs.v2");
    expect(limitHeaders(res)).toEqual(["25", "1", "24"]);
    expect(await res.json()).toEqual({ message: "The requested resource was not found." });

    const m = await fetch(`${emu.url}/test/items`, { method: "DELETE" });
    expect(m.status).toBe(405);
    expect(await m.json()).toEqual({ message: "Method not allowed." });

    const bad = await fetch(`${emu.url}/test/%E0%A4%A`);
    expect(bad.status).toBe(404);
    const bad2 = await fetch(`${emu.url}/users/%zz/wants`);
    expect(bad2.status).toBe(404);
  });

  it("turns a crashing handler into a 500 and keeps serving", async () => {
    const emu = await start();
    for (const path of ["/test/crash", "/test/crash-async"]) {
      const res = await fetch(`${emu.url}${path}`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ message: "An internal server error occurred." });
      expect(res.headers.get("x-discogs-ratelimit")).not.toBeNull();
    }
    expect((await fetch(`${emu.url}/test/items`)).status).toBe(200);
  });

  it("parses JSON, urlencoded and multipart bodies; invalid JSON is a 422", async () => {
    const emu = await start();
    const jsonRes = await fetch(`${emu.url}/test/counter`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ a: 1 }),
    });
    expect((await jsonRes.json()).body).toEqual({ a: 1 });

    const form = await fetch(`${emu.url}/test/counter`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "x=1&y=two+words",
    });
    expect((await form.json()).body).toEqual({ x: "1", y: "two words" });

    const fd = new FormData();
    fd.append("upload_type", "add");
    fd.append("upload", new Blob(["release_id,price\n1,10.00\n"], { type: "text/csv" }), "inventory.csv");
    const multi = await fetch(`${emu.url}/test/counter`, { method: "POST", body: fd });
    const multiBody = await multi.json();
    expect(multiBody.body).toEqual({ upload_type: "add" });
    expect(multiBody.files).toEqual(["inventory.csv"]);

    const before = counter;
    const bad = await fetch(`${emu.url}/test/counter`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({ message: "Invalid JSON." });
    expect(counter).toBe(before);
  });

  it("logs method, path, query, headers, body, status and auth", async () => {
    const emu = await start();
    await fetch(`${emu.url}/test/counter?x=1&y=%C3%A9`, {
      method: "POST",
      headers: { ...TOKEN, "content-type": "application/json", "User-Agent": "EmuTest/1.0" },
      body: JSON.stringify({ hello: "world" }),
    });
    expect(emu.requests).toHaveLength(1);
    const r = emu.requests[0]!;
    expect(r).toMatchObject({
      method: "POST",
      path: "/test/counter",
      query: { x: "1", y: "é" },
      body: { hello: "world" },
      rawBody: '{"hello":"world"}',
      status: 201,
      auth: "token",
      username: "example",
      rateLimited: false,
    });
    expect(r.headers.authorization).toBe("Discogs token=abc123");
    expect(r.headers["user-agent"]).toBe("EmuTest/1.0");
    expect(typeof r.time).toBe("number");
    emu.clearRequests();
    expect(emu.requests).toHaveLength(0);
  });

  it("answers CORS preflights with 204, unlogged and not rate limited", async () => {
    const emu = await start({ rateLimit: { anonymous: 1, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${emu.url}/test/items`, {
        method: "OPTIONS",
        headers: { origin: "http://example.test", "access-control-request-method": "POST" },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-methods")).toBe("GET,PUT,POST,DELETE,PATCH,OPTIONS");
      expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
      expect(res.headers.get("access-control-allow-headers")).toContain("Discogs-UID");
      expect(res.headers.get("access-control-expose-headers")).toContain("X-Discogs-Ratelimit-Remaining");
    }
    expect(emu.requests).toHaveLength(0);
    const get = await fetch(`${emu.url}/test/items`);
    expect(get.status).toBe(200);
    expect(get.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("pagination", () => {
  it("slices pages, caps per_page, links only the applicable pages, 404s past the end", async () => {
    const emu = await start();
    const page1 = await fetch(`${emu.url}/test/items?per_page=3&sort=id`);
    const b1 = await page1.json();
    expect(b1.pagination).toMatchObject({ page: 1, pages: 3, per_page: 3, items: 7 });
    expect(b1.items.map((i: { id: number }) => i.id)).toEqual([1, 2, 3]);
    expect(Object.keys(b1.pagination.urls).sort()).toEqual(["last", "next"]);
    const next = new URL(b1.pagination.urls.next);
    expect(next.origin).toBe(emu.url);
    expect(next.searchParams.get("page")).toBe("2");
    expect(next.searchParams.get("sort")).toBe("id");
    expect(page1.headers.get("link")).toContain('rel="next"');

    const page2 = await (await fetch(`${emu.url}/test/items?per_page=3&page=2`)).json();
    expect(Object.keys(page2.pagination.urls).sort()).toEqual(["first", "last", "next", "prev"]);

    const page3 = await (await fetch(`${emu.url}/test/items?per_page=3&page=3`)).json();
    expect(page3.items).toEqual([{ id: 7 }]);
    expect(Object.keys(page3.pagination.urls).sort()).toEqual(["first", "prev"]);

    const capped = await (await fetch(`${emu.url}/test/items?per_page=500`)).json();
    expect(capped.pagination).toMatchObject({ per_page: 100, pages: 1, urls: {} });
    expect(capped.items).toHaveLength(7);

    const past = await fetch(`${emu.url}/test/items?per_page=3&page=4`);
    expect(past.status).toBe(404);
  });
  it("paginates a seeded route (/artists/:id/releases) the same way", async () => {
    const emu = await start({ seed: true });
    const [artistId, releases] = [...emu.state.artistReleases].sort((a, b) => b[1].length - a[1].length)[0]!;
    const n = releases.length;
    expect(n).toBeGreaterThan(5);
    const pages = Math.ceil(n / 5);
    const get = (q: string) => fetch(`${emu.url}/artists/${artistId}/releases?${q}`, { headers: TOKEN });
    const last = await (await get(`per_page=5&page=${pages}`)).json();
    expect(last.pagination).toMatchObject({ page: pages, pages, per_page: 5, items: n });
    expect(last.releases).toHaveLength(n - 5 * (pages - 1));
    expect(Object.keys(last.pagination.urls).sort()).toEqual(["first", "prev"]);
    const capped = await (await get("per_page=1000")).json();
    expect(capped.pagination.per_page).toBe(100);
    expect(capped.releases).toHaveLength(Math.min(n, 100));
    expect((await get(`per_page=5&page=${pages + 1}`)).status).toBe(404);
  });
});

describe("rate limiting", () => {
  it("allows the limit, then 429 without Retry-After, and recovers after the window", async () => {
    const emu = await start({ rateLimit: { authenticated: 5, windowMs: 500 } });
    for (let i = 1; i <= 5; i++) {
      const res = await fetch(`${emu.url}/test/items`, { headers: TOKEN });
      expect(res.status).toBe(200);
      expect(limitHeaders(res)).toEqual(["5", String(i), String(5 - i)]);
    }
    const limited = await fetch(`${emu.url}/test/items`, { headers: TOKEN });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(limitHeaders(limited)).toEqual(["5", "5", "0"]);
    expect(await limited.json()).toEqual({ message: "You are making requests too quickly." });
    // 429s are not counted: hammering does not extend the wait.
    for (let i = 0; i < 3; i++)
      expect((await fetch(`${emu.url}/test/items`, { headers: TOKEN })).status).toBe(429);
    expect(emu.requests.filter((r) => r.rateLimited)).toHaveLength(4);
    await sleep(560);
    const again = await fetch(`${emu.url}/test/items`, { headers: TOKEN });
    expect(again.status).toBe(200);
    expect(limitHeaders(again)).toEqual(["5", "1", "4"]);
  });

  it("is a moving window, not a fixed one", async () => {
    const emu = await start({ rateLimit: { authenticated: 4, windowMs: 800 } });
    const hit = () => fetch(`${emu.url}/test/items`, { headers: TOKEN }).then((r) => r.status);
    expect([await hit(), await hit()]).toEqual([200, 200]);
    await sleep(450);
    expect([await hit(), await hit(), await hit()]).toEqual([200, 200, 429]);
    await sleep(450); // the first two left the window, the next two are still in it
    expect([await hit(), await hit(), await hit()]).toEqual([200, 200, 429]);
  });

  it("uses the anonymous limit without credentials and resets after an idle window", async () => {
    const emu = await start({ rateLimit: { authenticated: 5, anonymous: 2, windowMs: 300 } });
    const anon = await fetch(`${emu.url}/test/items`);
    expect(limitHeaders(anon)).toEqual(["2", "1", "1"]);
    expect((await fetch(`${emu.url}/test/items`)).status).toBe(200);
    expect((await fetch(`${emu.url}/test/items`)).status).toBe(429);
    // Same address: the shared window has 2 requests, under the authenticated limit.
    const authed = await fetch(`${emu.url}/test/items`, { headers: TOKEN });
    expect(authed.status).toBe(200);
    expect(limitHeaders(authed)).toEqual(["5", "3", "2"]);
    await sleep(350);
    expect(limitHeaders(await fetch(`${emu.url}/test/items`))).toEqual(["2", "1", "1"]);
  });

  it("can key windows by credential, be changed at runtime, and be disabled", async () => {
    const emu = await start({ rateLimit: { authenticated: 1, keyBy: "credential" } });
    const a = { Authorization: "Discogs token=a" };
    const b = { Authorization: "Discogs token=b" };
    expect((await fetch(`${emu.url}/test/items`, { headers: a })).status).toBe(200);
    expect((await fetch(`${emu.url}/test/items`, { headers: b })).status).toBe(200);
    expect((await fetch(`${emu.url}/test/items`, { headers: a })).status).toBe(429);
    emu.setRateLimit(false);
    expect((await fetch(`${emu.url}/test/items`, { headers: a })).status).toBe(200);
    emu.setRateLimit({ authenticated: 1 });
    expect((await fetch(`${emu.url}/test/items`, { headers: a })).status).toBe(429);
    emu.reset();
    expect((await fetch(`${emu.url}/test/items`, { headers: a })).status).toBe(200);
  });
});

describe("authentication", () => {
  it("accepts Discogs token and key/secret in the header and the query string", async () => {
    const emu = await start();
    const who = async (path: string, headers: Record<string, string> = {}) =>
      (await fetch(`${emu.url}${path}`, { headers })).json();
    expect(await who("/test/whoami", TOKEN)).toEqual({ kind: "token", user: "example", valid: null });
    expect(await who("/test/whoami", { Authorization: "Discogs key=k1, secret=s1" })).toEqual({
      kind: "key",
      user: null,
      valid: null,
    });
    expect(await who("/test/whoami?token=t")).toEqual({ kind: "token", user: "example", valid: null });
    expect(await who("/test/whoami?key=k&secret=s")).toEqual({ kind: "key", user: null, valid: null });
    expect(await who("/test/whoami")).toEqual({ kind: "none", user: null, valid: null });
    expect(emu.requests.map((r) => r.auth)).toEqual(["token", "key", "token", "key", "none"]);
    expect(emu.requests[1]!.headers["x-discogs-ratelimit"]).toBeUndefined();
  });

  it("pins credentials: unknown tokens and consumers get 401", async () => {
    {
      const emu = await start({
        credentials: { tokens: { good: "example" }, consumers: [{ key: "ck", secret: "cs" }] },
      });
      expect(
        (await fetch(`${emu.url}/test/whoami`, { headers: { Authorization: "Discogs token=good" } })).status,
      ).toBe(200);
      const bad = await fetch(`${emu.url}/test/whoami`, { headers: { Authorization: "Discogs token=bad" } });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toEqual({ message: "You must authenticate to access this resource." });
      expect(bad.headers.get("www-authenticate")).toBe('OAuth realm="https://api.discogs.com"');
      expect(limitHeaders(bad)[0]).toBe("25");
      const badKey = await fetch(`${emu.url}/test/whoami`, {
        headers: { Authorization: "Discogs key=ck, secret=x" },
      });
      expect(badKey.status).toBe(401);
      const goodKey = await fetch(`${emu.url}/test/whoami?key=ck&secret=cs`);
      expect(goodKey.status).toBe(200);
    }
  });

  it("verifies OAuth HMAC-SHA1 (query and form parameters included); a bad signature acts as anonymous", async () => {
    const consumer = { key: "ck", secret: "cs" };
    const token = { key: "at", secret: "ats" };
    const emu = await start({
      credentials: { consumers: [consumer], accessTokens: { at: { secret: "ats", username: "example" } } },
    });
    const oauth = hmacOAuth(consumer);
    const url = `${emu.url}/test/whoami?a=1&b=x%20y`;
    const header = oauth.toHeader(oauth.authorize({ url, method: "GET" }, token)).Authorization;
    expect(await (await fetch(url, { headers: { Authorization: header } })).json()).toEqual({
      kind: "oauth",
      user: "example",
      valid: true,
    });
    expect(emu.requests.at(-1)).toMatchObject({ auth: "oauth", username: "example", signatureValid: true });

    const postUrl = `${emu.url}/test/whoami`;
    const data = { field: "v a l", other: "ü" };
    const postHeader = oauth.toHeader(
      oauth.authorize({ url: postUrl, method: "POST", data }, token),
    ).Authorization;
    const posted = await fetch(postUrl, {
      method: "POST",
      headers: { Authorization: postHeader, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(data).toString(),
    });
    expect((await posted.json()).valid).toBe(true);

    const tampered = header.replace(/oauth_signature="([^"]+)"/, 'oauth_signature="AAAA$1"');
    const res = await fetch(url, { headers: { Authorization: tampered } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ kind: "none", user: null, valid: false });
    expect(emu.requests.at(-1)).toMatchObject({ auth: "none", signatureValid: false });
    expect(emu.requests.at(-1)!.username).toBeUndefined();
    expect(limitHeaders(res)[0]).toBe("25");

    // A bad signature on identity: anonymous, so 401.
    const idUrl = `${emu.url}/oauth/identity`;
    const idHeader = oauth.toHeader(
      oauth.authorize({ url: idUrl, method: "GET" }, { key: "at", secret: "wrong" }),
    );
    expect((await fetch(idUrl, { headers: { ...idHeader } })).status).toBe(401);
  });

  it("verifies PLAINTEXT, rejects old timestamps and long nonces, and accepts unverifiable HMAC", async () => {
    const emu = await start({ oauthSecrets: { ck: "cs" } });
    const who = async (auth: string) =>
      (await fetch(`${emu.url}/test/whoami`, { headers: { Authorization: auth } })).json();
    const params = { oauth_consumer_key: "ck", oauth_token: "anything" };
    expect(await who(plaintextHeader(params, "cs", "ts"))).toEqual({
      kind: "oauth",
      user: "example",
      valid: true,
    });
    expect(await who(plaintextHeader(params, "wrong", "ts"))).toMatchObject({ kind: "none", valid: false });
    expect(await who(plaintextHeader({ ...params, oauth_timestamp: "1000000000" }, "cs"))).toMatchObject({
      kind: "none",
    });
    expect(
      await who(plaintextHeader({ ...params, oauth_timestamp: String(Date.now()) }, "cs")),
    ).toMatchObject({
      kind: "none",
    });
    expect(await who(plaintextHeader({ ...params, oauth_nonce: "n".repeat(65) }, "cs"))).toMatchObject({
      kind: "none",
    });
    // An unknown consumer in default mode: PLAINTEXT shows its secret, HMAC cannot be checked.
    expect(await who(plaintextHeader({ oauth_consumer_key: "other", oauth_token: "t" }, "s"))).toMatchObject({
      kind: "oauth",
      valid: true,
    });
    const oauth = hmacOAuth({ key: "stranger", secret: "x" });
    const url = `${emu.url}/test/whoami`;
    const header = oauth.toHeader(
      oauth.authorize({ url, method: "GET" }, { key: "t", secret: "y" }),
    ).Authorization;
    expect(await who(header)).toEqual({ kind: "oauth", user: "example", valid: null });
    expect(emu.requests.at(-1)!.signatureValid).toBeUndefined();
    expect("signatureValid" in emu.requests.at(-1)!).toBe(true);
  });
});

describe("OAuth flow", () => {
  it("request_token -> authorize -> access_token -> identity", async () => {
    const emu = await start({ seed: true });
    const consumer = { key: "my-app", secret: "my-secret" };
    const rt = await fetch(`${emu.url}/oauth/request_token`, {
      headers: {
        Authorization: plaintextHeader(
          { oauth_consumer_key: consumer.key, oauth_callback: "http://localhost/cb" },
          consumer.secret,
        ),
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    expect(rt.status).toBe(200);
    expect(rt.headers.get("content-type")).toMatch(/^text\/plain/);
    const rtBody = new URLSearchParams(await rt.text());
    expect(rtBody.get("oauth_callback_confirmed")).toBe("true");
    const requestToken = rtBody.get("oauth_token")!;
    const requestSecret = rtBody.get("oauth_token_secret")!;

    const verifier = emu.authorize(requestToken);
    expect(verifier).toMatch(/^\w+$/);

    const wrong = await fetch(`${emu.url}/oauth/access_token`, {
      method: "POST",
      headers: {
        Authorization: plaintextHeader(
          { oauth_consumer_key: consumer.key, oauth_token: requestToken, oauth_verifier: "nope" },
          consumer.secret,
          requestSecret,
        ),
      },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe("Invalid verifier.");

    // The verifier sent as a form field, the rest in the header.
    const at = await fetch(`${emu.url}/oauth/access_token`, {
      method: "POST",
      headers: {
        Authorization: plaintextHeader(
          { oauth_consumer_key: consumer.key, oauth_token: requestToken },
          consumer.secret,
          requestSecret,
        ),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: `oauth_verifier=${verifier}`,
    });
    expect(at.status).toBe(200);
    const atBody = new URLSearchParams(await at.text());
    const access = { key: atBody.get("oauth_token")!, secret: atBody.get("oauth_token_secret")! };
    expect(access.key).toBeTruthy();
    expect(emu.state.requestTokens.has(requestToken)).toBe(false);

    // HMAC-SHA1 with the new tokens: the consumer secret was learned from the PLAINTEXT request.
    const oauth = hmacOAuth(consumer);
    const idUrl = `${emu.url}/oauth/identity`;
    const idHeader = oauth.toHeader(oauth.authorize({ url: idUrl, method: "GET" }, access));
    const id = await fetch(idUrl, { headers: { ...idHeader } });
    expect(id.status).toBe(200);
    expect(await id.json()).toEqual({
      id: emu.state.user("example")!.id,
      username: "example",
      resource_url: `${emu.url}/users/example`,
      consumer_name: "my-app",
    });
    expect(emu.requests.at(-1)).toMatchObject({ auth: "oauth", username: "example", signatureValid: true });

    // Reusing the request token fails.
    const again = await fetch(`${emu.url}/oauth/access_token`, {
      method: "POST",
      headers: {
        Authorization: plaintextHeader(
          { oauth_consumer_key: consumer.key, oauth_token: requestToken, oauth_verifier: verifier },
          consumer.secret,
          requestSecret,
        ),
      },
    });
    expect(again.status).toBe(401);
  });

  it("answers bad token requests with text errors, expires request tokens, redirects the browser step", async () => {
    const emu = await start({ credentials: { consumers: [{ key: "ck", secret: "cs" }] } });
    const malformed = await fetch(`${emu.url}/oauth/request_token`);
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toMatch(/OAuth endpoint/);

    const unknown = await fetch(`${emu.url}/oauth/request_token`, {
      method: "POST",
      headers: { Authorization: plaintextHeader({ oauth_consumer_key: "nope" }, "x") },
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toBe("Invalid consumer.");

    const badSecret = await fetch(`${emu.url}/oauth/request_token`, {
      headers: { Authorization: plaintextHeader({ oauth_consumer_key: "ck" }, "wrong") },
    });
    expect(badSecret.status).toBe(401);

    const rt = new URLSearchParams(
      await (
        await fetch(`${emu.url}/oauth/request_token`, {
          headers: {
            Authorization: plaintextHeader(
              { oauth_consumer_key: "ck", oauth_callback: "http://localhost:9/cb?x=1" },
              "cs",
            ),
          },
        })
      ).text(),
    );
    const token = rt.get("oauth_token")!;
    const redirect = await fetch(`${emu.url}/oauth/authorize?oauth_token=${token}`, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("http://localhost:9/cb");
    expect(location.searchParams.get("x")).toBe("1");
    expect(location.searchParams.get("oauth_token")).toBe(token);
    const verifier = location.searchParams.get("oauth_verifier")!;
    expect(verifier).toBeTruthy();

    const missing = await fetch(`${emu.url}/oauth/access_token`, {
      method: "POST",
      headers: {
        Authorization: plaintextHeader({ oauth_consumer_key: "ck", oauth_token: token }, "cs", "x"),
      },
    });
    expect(missing.status).toBe(400);

    emu.state.requestTokens.get(token)!.createdAt -= 16 * 60_000;
    const expired = await fetch(`${emu.url}/oauth/access_token`, {
      method: "POST",
      headers: {
        Authorization: plaintextHeader(
          { oauth_consumer_key: "ck", oauth_token: token, oauth_verifier: verifier },
          "cs",
          rt.get("oauth_token_secret")!,
        ),
      },
    });
    expect(expired.status).toBe(400);
    expect(() => emu.authorize(token)).toThrow();
  });

  it("shows the verifier as text without a callback, and identity needs a user", async () => {
    const emu = await start();
    const rt = new URLSearchParams(
      await (
        await fetch(`${emu.url}/oauth/request_token`, {
          headers: { Authorization: plaintextHeader({ oauth_consumer_key: "k" }, "s") },
        })
      ).text(),
    );
    const page = await fetch(`${emu.url}/oauth/authorize?oauth_token=${rt.get("oauth_token")}`);
    expect(page.status).toBe(200);
    expect((await page.text()).length).toBeGreaterThan(0);

    const anon = await fetch(`${emu.url}/oauth/identity`);
    expect(anon.status).toBe(401);
    expect(anon.headers.get("www-authenticate")).toBe('OAuth realm="https://api.discogs.com"');
    const keyOnly = await fetch(`${emu.url}/oauth/identity`, {
      headers: { Authorization: "Discogs key=a, secret=b" },
    });
    expect(keyOnly.status).toBe(401);
    const withToken = await fetch(`${emu.url}/oauth/identity`, { headers: TOKEN });
    expect((await withToken.json()).username).toBe("example");
  });
});

describe("faults", () => {
  it("status: answers the status with Retry-After and does not run the handler", async () => {
    const emu = await start();
    emu.faults.add({ kind: "status", status: 503, retryAfter: "2", path: "/test/counter" });
    const before = counter;
    const res = await fetch(`${emu.url}/test/counter`, { method: "POST", headers: TOKEN });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("x-discogs-ratelimit-used")).toBe("1");
    expect(await res.json()).toHaveProperty("message");
    expect(counter).toBe(before);
    expect(emu.requests[0]).toMatchObject({ status: 503, fault: "status" });
    expect((await fetch(`${emu.url}/test/counter`, { method: "POST", headers: TOKEN })).status).toBe(201);

    emu.faults.add({ kind: "status", status: 429 });
    const tooQuick = await fetch(`${emu.url}/test/items`);
    expect(tooQuick.status).toBe(429);
    expect(await tooQuick.json()).toEqual({ message: "You are making requests too quickly." });
  });

  it("html and empty", async () => {
    const emu = await start();
    emu.faults.add({ kind: "html", status: 502 });
    const html = await fetch(`${emu.url}/test/items`);
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await html.text()).toContain("<title>Discogs is down for maintenance</title>");

    emu.faults.add({ kind: "empty", status: 500 });
    const empty = await fetch(`${emu.url}/test/items`);
    expect(empty.status).toBe(500);
    expect(await empty.text()).toBe("");
  });

  it("latency delays, then answers normally", async () => {
    const emu = await start();
    emu.faults.add({ kind: "latency", ms: 250 });
    const t0 = Date.now();
    const res = await fetch(`${emu.url}/test/items`);
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it("stall sends headers and never the body; the client aborts; close() still resolves", async () => {
    const emu = await start();
    emu.faults.add({ kind: "stall" });
    const t0 = Date.now();
    const attempt = (async () => {
      const res = await fetch(`${emu.url}/test/items`, { signal: AbortSignal.timeout(200) });
      return res.text();
    })();
    await expect(attempt).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(2000);
    emu.faults.add({ kind: "stall" });
    const hanging = fetch(`${emu.url}/test/items`).then((r) => r.text());
    hanging.catch(() => {});
    await sleep(50);
    const c0 = Date.now();
    await emu.close();
    expect(Date.now() - c0).toBeLessThan(1000);
    await expect(hanging).rejects.toThrow();
  });

  it("reset destroys the connection, before or after the headers", async () => {
    const emu = await start();
    const before = counter;
    emu.faults.add({ kind: "reset", path: "/test/counter" });
    await expect(fetch(`${emu.url}/test/counter`, { method: "POST" })).rejects.toThrow();
    expect(counter).toBe(before);
    expect(emu.requests[0]).toMatchObject({ status: 0, fault: "reset" });

    emu.faults.add({ kind: "reset", afterHeaders: true });
    const res = await fetch(`${emu.url}/test/items`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await fetch(`${emu.url}/test/items`)).status).toBe(200);
  });

  it("truncated applies the state change but cuts the body", async () => {
    const emu = await start();
    emu.faults.add({ kind: "truncated", method: "POST" });
    const before = counter;
    const res = await fetch(`${emu.url}/test/counter`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ some: "payload to make the body longer" }),
    });
    expect(res.status).toBe(201);
    await expect(res.text()).rejects.toThrow();
    expect(counter).toBe(before + 1);
    expect(emu.requests[0]).toMatchObject({ status: 201, fault: "truncated" });
  });

  it("invalid-json runs the handler and answers 200 with a broken body", async () => {
    const emu = await start();
    emu.faults.add({ kind: "invalid-json" });
    const before = counter;
    const res = await fetch(`${emu.url}/test/counter`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    await expect(res.json()).rejects.toThrow();
    expect(counter).toBe(before + 1);
  });

  it("honours times, path, method and Infinity; faults come after rate limiting", async () => {
    const emu = await start({ rateLimit: { anonymous: 3, windowMs: 60_000 } });
    emu.faults.add({ kind: "status", status: 500, times: 2, path: "/test/items", method: "GET" });
    const statuses = async (n: number, path = "/test/items") => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await fetch(`${emu.url}${path}`)).status);
      return out;
    };
    expect(await statuses(1, "/test/whoami")).toEqual([200]);
    expect(await statuses(3)).toEqual([500, 500, 429]);
    emu.reset();
    emu.setRateLimit(false);
    emu.faults.add({ kind: "empty", status: 503, times: Infinity, path: /^\/test\/it/ });
    expect(await statuses(3)).toEqual([503, 503, 503]);
    expect(emu.faults.list()).toHaveLength(1);
    emu.faults.clear();
    expect(await statuses(1)).toEqual([200]);
    emu.faults.failNext(2, { kind: "status", status: 502 });
    expect(await statuses(3)).toEqual([502, 502, 200]);
  });
});

describe("control endpoints", () => {
  it("expose the log, faults and reset to other processes, unlogged and unlimited", async () => {
    const emu = await start({ rateLimit: { anonymous: 1 } });
    await fetch(`${emu.url}/test/items?a=b`);
    const log = await (await fetch(`${emu.url}/_emulator/requests`)).json();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: "GET", path: "/test/items", query: { a: "b" } });

    const added = await fetch(`${emu.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "status", status: 503, path: "/test/whoami", times: "Infinity" }),
    });
    expect(added.status).toBe(201);
    expect(
      (await fetch(`${emu.url}/_emulator/faults`, { method: "POST", body: '{"kind":"nope"}' })).status,
    ).toBe(400);
    expect(await (await fetch(`${emu.url}/_emulator/faults`)).json()).toHaveLength(1);

    expect((await fetch(`${emu.url}/_emulator/reset`, { method: "POST" })).status).toBe(204);
    expect(emu.requests).toHaveLength(0);
    expect(emu.faults.list()).toHaveLength(0);
    expect((await fetch(`${emu.url}/test/whoami`)).status).toBe(200);

    await fetch(`${emu.url}/_emulator/faults`, { method: "POST", body: JSON.stringify({ kind: "status" }) });
    expect((await fetch(`${emu.url}/_emulator/faults`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${emu.url}/_emulator/requests`, { method: "DELETE" })).status).toBe(204);
    expect(emu.requests).toHaveLength(0);
    expect((await fetch(`${emu.url}/_emulator/nope`)).status).toBe(404);
  });
});

describe("TLS", () => {
  it("serves HTTPS with a hand-made self-signed certificate", async () => {
    const emu = await start({ tls: true });
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const cert = new X509Certificate(emu.ca!);
    expect(cert.subject).toBe("CN=127.0.0.1");
    expect(cert.issuer).toBe("CN=127.0.0.1");
    expect(cert.subjectAltName).toBe("IP Address:127.0.0.1, DNS:localhost");
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now() - 23 * 3600_000);
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);

    const request = (ca?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpsGet(`${emu.url}/test/whoami?token=t`, ca ? { ca } : {}, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
      });
    const ok = await request(emu.ca);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ kind: "token", user: "example" });
    await expect(request()).rejects.toThrow();
  });
});

describe("close", () => {
  it("closes the server, pending latency and connections, and is idempotent", async () => {
    const emu = await startEmulator({ routes: testRoutes, seed: false });
    await fetch(`${emu.url}/test/items`);
    emu.faults.add({ kind: "latency", ms: 10_000 });
    const pending = fetch(`${emu.url}/test/items`).catch((e: unknown) => e);
    await sleep(50);
    const t0 = Date.now();
    await emu.close();
    await emu.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(emu.server.listening).toBe(false);
    expect(await pending).toBeInstanceOf(Error);
    await expect(fetch(`${emu.url}/test/items`)).rejects.toThrow();
  });
});

describe("multipart parser", () => {
  it("reads quoted boundaries, LF-only line ends, and never throws on garbage", () => {
    const ct = 'multipart/form-data; boundary="a b"';
    expect(multipartBoundary(ct)).toBe("a b");
    expect(multipartBoundary("application/json")).toBeNull();
    const body = Buffer.from(
      '--a b\nContent-Disposition: form-data; name="f"; filename="x.csv"\nContent-Type: text/csv\n\n1,2\n--a b\n' +
        'Content-Disposition: form-data; name="t"\n\nhello\n--a b--\n',
    );
    const parsed = parseMultipart(body, "a b");
    expect(parsed.fields).toEqual({ t: "hello" });
    expect(parsed.files[0]).toMatchObject({ field: "f", filename: "x.csv", contentType: "text/csv" });
    expect(parsed.files[0]!.content.toString()).toBe("1,2");
    expect(parseMultipart(Buffer.from("--x\r\nnonsense"), "x")).toEqual({ fields: {}, files: [] });
  });
});
