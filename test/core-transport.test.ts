import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  Discogs,
  DiscogsAPIError,
  DiscogsConnectionError,
  DiscogsError,
  DiscogsTimeoutError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  ValidationError,
  type RetryEvent,
} from "../src/index";
import { reply, stall, startLocalServer, type LocalServer } from "./helpers/local-server";

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
  server.respond(reply(200, {}));
});

function client(extra: ConstructorParameters<typeof Discogs>[0] = {}) {
  return new Discogs({
    baseUrl: server.url,
    token: "tok-SECRET-123",
    rateLimit: false,
    retry: { baseDelayMs: 1 },
    validation: "off",
    ...extra,
  });
}

describe("headers", () => {
  it("sends the User-Agent with the SDK tag, the media type, and the token", async () => {
    const c = client({ userAgent: "MyApp/1.0", mediaType: "plaintext" });
    await c._request({ method: "GET", path: "/releases/1" });
    const h = server.requests[0]!.headers;
    expect(h["user-agent"]).toMatch(/^MyApp\/1\.0 discogs-sdk\/\d+\.\d+\.\d+$/);
    expect(h.accept).toBe("application/vnd.discogs.v2.plaintext+json");
    expect(h.authorization).toBe("Discogs token=tok-SECRET-123");
  });

  it("sends extra per-request headers and refuses one that would replace Authorization, before any request", async () => {
    const c = client();
    await c._request({ method: "GET", path: "/x", options: { headers: { "X-Extra": "1" } } });
    expect(server.requests[0]!.headers["x-extra"]).toBe("1");
    expect(server.requests[0]!.headers.authorization).toBe("Discogs token=tok-SECRET-123");
    const refused = c._request({
      method: "GET",
      path: "/x",
      options: { headers: { Authorization: "Discogs token=other" } },
    });
    await expect(refused).rejects.toThrow(TypeError);
    await expect(refused).rejects.toThrow(/options.headers must not set Authorization/);
    expect(server.requests).toHaveLength(1);
  });

  it("accepts per-request headers as a Headers object", async () => {
    const c = client();
    await c._request({ method: "GET", path: "/x", options: { headers: new Headers({ "X-Trace": "abc" }) } });
    expect(server.requests[0]!.headers["x-trace"]).toBe("abc");
  });

  it("parses the rate-limit headers into client.rateLimit", async () => {
    server.respond(
      reply(
        200,
        {},
        {
          "x-discogs-ratelimit": "60",
          "x-discogs-ratelimit-used": "7",
          "x-discogs-ratelimit-remaining": "53",
        },
      ),
    );
    const c = client();
    await c._request({ method: "GET", path: "/x" });
    expect(c.rateLimit).toMatchObject({ limit: 60, used: 7, remaining: 53 });
  });

  it("goes through a custom fetch with auth and headers applied", async () => {
    const seen: string[] = [];
    const c = client({
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers).get("authorization") ?? "");
        return fetch(input, init);
      },
    });
    await c._request({ method: "GET", path: "/x" });
    expect(seen).toEqual(["Discogs token=tok-SECRET-123"]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("retries", () => {
  it("retries a GET on 503 and 502 with backoff, then succeeds", async () => {
    server.respond(reply(503, { message: "busy" }), reply(502, "<html></html>"), reply(200, { ok: 1 }));
    const retries: RetryEvent[] = [];
    const c = client({ hooks: { onRetry: (e) => retries.push(e) } });
    const data = await c._request<{ ok: number }>({ method: "GET", path: "/x" });
    expect(data.ok).toBe(1);
    expect(server.requests).toHaveLength(3);
    expect(retries.map((r) => r.reason)).toEqual(["status:503", "status:502"]);
    for (const r of retries) expect(r.delayMs).toBeGreaterThanOrEqual(0);
  });

  it("gives up after maxRetries and throws the typed error", async () => {
    server.respond(reply(500, { message: "boom" }));
    const c = client({ maxRetries: 2 });
    await expect(c._request({ method: "GET", path: "/x" })).rejects.toMatchObject({
      status: 500,
      message: "boom",
    });
    expect(server.requests).toHaveLength(3);
  });

  it("per-request maxRetries overrides the client's", async () => {
    server.respond(reply(500, { message: "boom" }));
    const c = client({ maxRetries: 3 });
    await expect(
      c._request({ method: "GET", path: "/x", options: { maxRetries: 0 } }),
    ).rejects.toBeInstanceOf(DiscogsAPIError);
    expect(server.requests).toHaveLength(1);
  });

  it("never retries a POST on 503 (it may have been applied)", async () => {
    server.respond(reply(503, { message: "busy" }), reply(201, {}));
    const c = client();
    await expect(
      c._request({ method: "POST", path: "/marketplace/listings", body: { a: 1 } }),
    ).rejects.toMatchObject({
      status: 503,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("retries a POST on 429 (refused before doing anything)", async () => {
    server.respond(
      reply(429, { message: "You are making requests too quickly." }),
      reply(201, { listing_id: 1 }),
    );
    const c = client();
    const out = await c._request<{ listing_id: number }>({
      method: "POST",
      path: "/marketplace/listings",
      body: {},
    });
    expect(out.listing_id).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it("retries a POST marked idempotent on 503", async () => {
    server.respond(reply(503, {}), reply(204, ""));
    const c = client();
    await c._request({ method: "POST", path: "/marketplace/listings/1", body: {}, idempotent: true });
    expect(server.requests).toHaveLength(2);
  });

  it("retries PUT and DELETE on 504", async () => {
    server.respond(reply(504, {}), reply(200, {}));
    await client()._request({ method: "PUT", path: "/users/u/wants/1", body: {} });
    server.respond(reply(504, {}), reply(204, ""));
    await client()._request({ method: "DELETE", path: "/users/u/wants/1" });
    expect(server.requests.map((r) => r.method)).toEqual(["PUT", "PUT", "DELETE", "DELETE"]);
  });

  it("honours Retry-After in seconds", async () => {
    server.respond(reply(429, {}, { "retry-after": "1" }), reply(200, {}));
    const delays: number[] = [];
    const c = client({ hooks: { onRetry: (e) => delays.push(e.delayMs) } });
    const t0 = Date.now();
    await c._request({ method: "GET", path: "/x" });
    expect(delays).toEqual([1000]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const when = new Date(Date.now() + 2000).toUTCString();
    server.respond(reply(503, {}, { "retry-after": when }), reply(200, {}));
    const delays: number[] = [];
    const c = client({ hooks: { onRetry: (e) => delays.push(e.delayMs) } });
    await c._request({ method: "GET", path: "/x" });
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(0);
    expect(delays[0]).toBeLessThanOrEqual(2000);
  });

  it("does not wait for a Retry-After longer than the cap; the error carries retryAfter", async () => {
    server.respond(reply(429, { message: "slow down" }, { "retry-after": "120" }));
    const c = client();
    const err = await c._request({ method: "GET", path: "/x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfter).toBe(120);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a POST when the connection is refused (never sent)", async () => {
    const dead = await startLocalServer();
    const deadUrl = dead.url;
    await dead.close();
    const retries: RetryEvent[] = [];
    const c = new Discogs({
      baseUrl: deadUrl,
      token: "t",
      rateLimit: false,
      maxRetries: 2,
      retry: { baseDelayMs: 1 },
      hooks: { onRetry: (e) => retries.push(e) },
    });
    const err = await c
      ._request({ method: "POST", path: "/marketplace/listings", body: {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscogsConnectionError);
    expect(retries).toHaveLength(2);
  });
});

describe("timeouts and aborts", () => {
  it("times out a stalled attempt with DiscogsTimeoutError, retrying GETs", async () => {
    server.respond(stall);
    const c = client({ timeout: 150, maxRetries: 1 });
    const err = await c._request({ method: "GET", path: "/slow" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscogsTimeoutError);
    expect(err).toBeInstanceOf(DiscogsConnectionError);
    expect((err as DiscogsTimeoutError).timeout).toBe(150);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a timed-out POST", async () => {
    server.respond(stall);
    const c = client({ timeout: 150, maxRetries: 3 });
    await expect(
      c._request({ method: "POST", path: "/marketplace/listings", body: {} }),
    ).rejects.toBeInstanceOf(DiscogsTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("per-request timeout overrides the client's", async () => {
    server.respond(stall);
    const c = client({ timeout: 30_000, maxRetries: 0 });
    await expect(
      c._request({ method: "GET", path: "/slow", options: { timeout: 100 } }),
    ).rejects.toBeInstanceOf(DiscogsTimeoutError);
  });

  it("aborts in flight with an AbortError and does not retry", async () => {
    server.respond(stall);
    const c = client({ maxRetries: 3 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 80);
    const err = await c
      ._request({ method: "GET", path: "/slow", options: { signal: ac.signal } })
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe("AbortError");
    expect(err).toBeInstanceOf(DiscogsError);
    expect(server.requests).toHaveLength(1);
  });

  it("an abort during the backoff wait stops retrying at once", async () => {
    server.respond(reply(503, {}, { "retry-after": "5" })); // a 5 s wait, not a jittered one that may be short
    const c = client({ retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 }, maxRetries: 5 });
    const ac = new AbortController();
    const t0 = Date.now();
    const p = c._request({ method: "GET", path: "/x", options: { signal: ac.signal } });
    setTimeout(() => ac.abort(), 100);
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
  });

  it("one signal shared by many concurrent calls adds one listener (no MaxListenersExceededWarning)", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      server.respond((_req, res) => setTimeout(() => reply(200, {})(_req, res), 50));
      const c = client();
      const ac = new AbortController();
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          c._request({ method: "GET", path: `/x/${i}`, options: { signal: ac.signal } }),
        ),
      );
      await new Promise((r) => setTimeout(r, 20));
      expect(warnings).not.toContain("MaxListenersExceededWarning");
      expect(server.requests).toHaveLength(25);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("an already-aborted signal sends nothing", async () => {
    const c = client();
    await expect(
      c._request({ method: "GET", path: "/x", options: { signal: AbortSignal.abort() } }),
    ).rejects.toMatchObject({ name: "AbortError" });
    await new Promise((r) => setTimeout(r, 150)); // a request sent anyway would have arrived by now
    expect(server.requests).toHaveLength(0);
  });
});

describe("errors", () => {
  const cases: [number, unknown, new (...a: any[]) => Error][] = [
    [401, { message: "You must authenticate to access this resource." }, AuthenticationError],
    [403, { message: "You don't have permission to access this resource." }, ForbiddenError],
    [404, { message: "Release not found." }, NotFoundError],
    [
      422,
      { message: "Invalid", detail: [{ loc: ["body", "rating"], msg: "bad", type: "literal_error" }] },
      ValidationError,
    ],
    [429, { message: "You are making requests too quickly." }, RateLimitError],
    [405, { message: "Method not allowed." }, DiscogsAPIError],
  ];
  for (const [status, body, cls] of cases) {
    it(`maps ${status} to ${cls.name} with Discogs' message`, async () => {
      server.respond(reply(status, body));
      const err = await client({ maxRetries: 0 })
        ._request({ method: "GET", path: "/thing?x=1" })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(cls);
      expect(err).toBeInstanceOf(DiscogsAPIError);
      const e = err as DiscogsAPIError;
      expect(e.status).toBe(status);
      expect(e.message).toBe((body as { message: string }).message);
      expect(e.body).toEqual(body);
      expect(e.method).toBe("GET");
      expect(e.url).toContain("/thing");
      expect(e.headers["content-type"]).toContain("application/json");
    });
  }

  it("exposes the 422 detail list", async () => {
    server.respond(reply(422, { message: "Invalid", detail: [{ loc: ["body", "rating"], msg: "bad" }] }));
    const err = (await client()
      ._request({ method: "GET", path: "/x" })
      .catch((e: unknown) => e)) as ValidationError;
    expect(err.detail).toEqual([{ loc: ["body", "rating"], msg: "bad" }]);
  });

  it("reads an HTML error page as a short readable message", async () => {
    server.respond(
      reply(
        502,
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1></body></html>",
      ),
    );
    const err = (await client({ maxRetries: 0 })
      ._request({ method: "GET", path: "/x" })
      .catch((e: unknown) => e)) as DiscogsAPIError;
    expect(err).toBeInstanceOf(DiscogsAPIError);
    expect(err.status).toBe(502);
    expect(err.message).toBe("HTTP 502 Bad Gateway: 502 Bad Gateway");
    expect(err.message).not.toMatch(/JSON/);
  });

  it("reads an empty error body as a short readable message", async () => {
    server.respond((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const err = (await client({ maxRetries: 0 })
      ._request({ method: "GET", path: "/x" })
      .catch((e: unknown) => e)) as DiscogsAPIError;
    expect(err.status).toBe(500);
    expect(err.message).toBe("HTTP 500 Internal Server Error (empty body)");
    expect(err.body).toBe("");
  });

  it("reports invalid JSON on a 200 as a readable DiscogsAPIError after retrying the GET", async () => {
    server.respond((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id": 1, "title": "cut');
    });
    const err = (await client({ maxRetries: 1 })
      ._request({ method: "GET", path: "/x" })
      .catch((e: unknown) => e)) as DiscogsAPIError;
    expect(err).toBeInstanceOf(DiscogsAPIError);
    expect(err.message).toMatch(/not valid JSON/);
    expect(server.requests).toHaveLength(2);
  });
});

describe("credentials never leak", () => {
  const secrets = ["tok-SECRET-123", "ck-SECRET", "cs-SECRET", "at-SECRET", "ats-SECRET"];
  function assertClean(text: string) {
    for (const s of secrets) expect(text).not.toContain(s);
  }

  it("not in String, inspect or JSON of a client, in any auth mode", () => {
    for (const c of [
      client(),
      new Discogs({
        baseUrl: server.url,
        token: null,
        consumerKey: "ck-SECRET",
        consumerSecret: "cs-SECRET",
      }),
      new Discogs({
        baseUrl: server.url,
        consumerKey: "ck-SECRET",
        consumerSecret: "cs-SECRET",
        accessToken: "at-SECRET",
        accessTokenSecret: "ats-SECRET",
      }),
    ]) {
      assertClean(String(c));
      assertClean(inspect(c, { depth: 10, showHidden: true }));
      assertClean(JSON.stringify(c));
      assertClean(inspect(c.releases, { depth: 10 }));
    }
  });

  it("not in errors, even when the URL carries ?token=", async () => {
    server.respond(reply(404, { message: "Release not found." }));
    const err = await client({ maxRetries: 0 })
      ._request({ method: "GET", path: "/releases/1", query: { token: "tok-SECRET-123" } })
      .catch((e: unknown) => e);
    assertClean(String(err));
    assertClean(inspect(err, { depth: 10 }));
    assertClean(JSON.stringify(err));
    assertClean((err as DiscogsAPIError).url);
  });

  it("not in connection or timeout errors", async () => {
    server.respond(stall);
    const err = await client({ timeout: 50, maxRetries: 0 })
      ._request({ method: "GET", path: "/x" })
      .catch((e: unknown) => e);
    assertClean(inspect(err, { depth: 10 }));
    assertClean(JSON.stringify(err));
  });
});

describe("lifecycle", () => {
  it("close() is idempotent and await using disposes", async () => {
    const c = client();
    await c.close();
    await c.close();
    {
      await using d = client();
      expect(d.authMode).toBe("token");
    }
  });
});
