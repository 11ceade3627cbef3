/**
 * Redis going away and coming back, on a redis-server the test starts, kills (SIGKILL) and restarts on the same
 * port: every process falls back at once to its own limiter, says so once, no request fails and nothing is
 * left unhandled; when Redis answers again the shared budget is used again. Through node-redis and ioredis.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Discogs, type RateLimitStoreEvent } from "../src/index";
import { redisCacheStore, redisRateLimitStore } from "../src/redis/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import {
  CLIENT_KINDS,
  connect,
  OwnRedisServer,
  redisServerOnPath,
  uniquePrefix,
  type TestRedis,
} from "./helpers/redis";

const skip = redisServerOnPath()
  ? undefined
  : "redis-server is not on PATH (this suite kills and restarts a server of its own; apt-get install redis-server)";
if (skip) console.log(`NOT RUN: test/redis-fallback.test.ts: ${skip}`);

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

describe.skipIf(!!skip).each(CLIENT_KINDS)("Redis down and back with %s", (kind) => {
  let server: OwnRedisServer;
  let emu: Emulator;
  const opened: TestRedis[] = [];

  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    server = await OwnRedisServer.start();
    emu = await startEmulator({ rateLimit: { authenticated: 5, windowMs: 1000 } });
  });
  afterAll(async () => {
    for (const r of opened.splice(0)) await r.close();
    await server.kill();
    await emu.close();
    process.off("unhandledRejection", onUnhandled);
  });
  afterEach(() => {
    expect(unhandled).toEqual([]);
  });

  async function until(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!(await cond())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((res) => setTimeout(res, 20));
    }
  }

  it("falls back at once, says so once, rejoins when Redis is back; every call succeeds", async () => {
    const prefix = uniquePrefix(kind);
    const r = await connect(kind, server.url);
    opened.push(r);
    const events: RateLimitStoreEvent[] = [];
    const warned: string[] = [];
    const info: string[] = [];
    const logger = {
      error: () => {},
      warn: (m: string) => warned.push(m),
      info: (m: string) => info.push(m),
      debug: () => {},
    };
    await using c = new Discogs({
      baseUrl: emu.url,
      token: "t",
      rateLimit: { store: redisRateLimitStore(r.client, { prefix }), windowMs: 1000 },
      cache: redisCacheStore(r.client, { prefix }),
      logger,
      logLevel: "info",
      hooks: { onRateLimitStore: (e) => events.push(e) },
    });
    const get = (tag: string, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          c._request({ method: "GET", path: "/releases/352665", query: { tag, i } }),
        ),
      );
    await get("before", 3);
    const keys = async () => ((await r.send(["KEYS", `${prefix}rl:*`])) as string[]).length;
    expect(await keys()).toBeGreaterThan(0);

    await server.kill();
    // every call still succeeds, on the process's own limiter (and without the cache)
    await expect(get("down", 8)).resolves.toHaveLength(8);
    expect(events.map((e) => e.state)).toEqual(["local"]);
    const limiterWarnings = warned.filter((m) => /rate-limit budget/.test(m));
    expect(limiterWarnings).toHaveLength(1);
    expect(limiterWarnings[0]).toMatch(/falls back to its own/);
    expect(emu.requests.filter((q) => q.status === 429).length).toBeLessThanOrEqual(1);

    await server.restart();
    await until(() => events.length === 2, "the rejoin event");
    expect(events.map((e) => e.state)).toEqual(["local", "shared"]);
    expect(info.filter((m) => /rejoined/.test(m))).toHaveLength(1);
    // the next requests use the shared budget again: its keys are back in Redis
    await expect(get("after", 3)).resolves.toHaveLength(3);
    await until(async () => (await keys()) > 0, "keys in Redis");
    expect(emu.requests.filter((q) => q.status === 429).length).toBeLessThanOrEqual(1);
  });

  it("a server that stops answering: the request goes on at once, and the shared budget counts it afterwards", async () => {
    const prefix = uniquePrefix(kind);
    const r = await connect(kind, server.url);
    opened.push(r);
    const store = redisRateLimitStore(r.client, { prefix, name: "slow", timeoutMs: 50 });
    const config = { limit: undefined, tierLimit: 60, windowMs: 10_000 };
    const first = await store.take("k", Date.now(), config);
    if (!first.granted) throw new Error("expected the probe to go");
    await store.settle("k", Date.now(), config, first.ticket, { limit: 60, remaining: 59 }, 200);
    server.pause(true);
    let slow: Awaited<ReturnType<typeof store.take>>;
    try {
      slow = await store.take("k", Date.now(), config);
    } finally {
      server.pause(false);
    }
    // granted by this process's own budget, which learned from the response above
    expect(slow.granted).toBe(true);
    // once Redis answers, the attempt is in the shared budget: in flight, as the other processes see it
    const fly = `${prefix}rl:{slow}:fly`;
    await until(async () => Number(await r.send(["ZCARD", fly])) === 1, "the attempt in Redis");
    if (slow.granted)
      await store.settle("k", Date.now(), config, slow.ticket, { limit: 60, remaining: 58 }, 200);
    await until(async () => Number(await r.send(["ZCARD", fly])) === 0, "the attempt settled");
    expect(Number(await r.send(["ZCARD", `${prefix}rl:{slow}:own`]))).toBe(2);
  });

  it("a store on a client whose server is down from the start works on its own limiter", async () => {
    const down = await OwnRedisServer.start();
    const r = await connect(kind, down.url);
    opened.push(r);
    await down.kill();
    const prefix = uniquePrefix(kind);
    const warned: string[] = [];
    await using c = new Discogs({
      baseUrl: emu.url,
      token: "t",
      rateLimit: { store: redisRateLimitStore(r.client, { prefix }), windowMs: 1000 },
      cache: redisCacheStore(r.client, { prefix }),
      logger: { error: () => {}, warn: (m) => warned.push(m), info: () => {}, debug: () => {} },
    });
    const got = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        c._request({ method: "GET", path: "/releases/352665", query: { x: i } }),
      ),
    );
    expect(got).toHaveLength(4);
    expect(warned.some((m) => /falls back/.test(m))).toBe(true);
    // and the next request too
    await expect(c._request({ method: "GET", path: "/releases/352665" })).resolves.toBeDefined();
  });
});
