/**
 * `redisRateLimitStore` on a real redis-server (`.ci/run`'s, or one of the test's own), through node-redis and
 * ioredis alike: atomicity, TTLs, reconciliation from headers, lanes and the breaker. Each client object stands
 * for one process: stores on different clients share nothing but Redis.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Discogs, type Priority, type RateLimitStore } from "../src/index";
import { redisRateLimitStore } from "../src/redis/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { CLIENT_KINDS, connect, suiteRedis, uniquePrefix, whyNoRedis, type TestRedis } from "./helpers/redis";

const skip = whyNoRedis();
if (skip) console.log(`NOT RUN: test/redis-limiter.test.ts: ${skip}`);

const WINDOW = 1000;
const LIMIT = 5;

describe.skipIf(!!skip).each(CLIENT_KINDS)("redisRateLimitStore with %s", (kind) => {
  let server: { url: string; stop: () => Promise<void> };
  let emu: Emulator;
  const opened: TestRedis[] = [];
  const clients: Discogs[] = [];
  let prefix: string;

  beforeAll(async () => {
    server = await suiteRedis();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    prefix = uniquePrefix(kind);
    emu = await startEmulator({ rateLimit: { authenticated: LIMIT, windowMs: WINDOW } });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    for (const r of opened.splice(0)) await r.close();
    await emu.close();
  });

  /** A connection standing for one process. */
  async function proc(): Promise<TestRedis> {
    const r = await connect(kind, server.url);
    opened.push(r);
    return r;
  }

  async function client(
    store: RateLimitStore,
    extra: ConstructorParameters<typeof Discogs>[0] = {},
  ): Promise<Discogs> {
    const c = new Discogs({
      baseUrl: emu.url,
      token: "t",
      userAgent: "RedisTest/1.0",
      rateLimit: { store, windowMs: WINDOW },
      ...extra,
    });
    clients.push(c);
    return c;
  }

  function lookups(c: Discogs, n: number, tag: string, priority?: Priority): Promise<unknown[]> {
    return Promise.all(
      Array.from({ length: n }, (_, i) =>
        c._request({
          method: "GET",
          path: "/releases/352665",
          query: { tag, n: i },
          options: priority ? { cache: false, priority } : { cache: false },
        }),
      ),
    );
  }

  /** Arrivals the emulator saw, sorted: no `LIMIT + 1` of them within one window. */
  function expectWithinWindow(times: number[]): void {
    const sorted = [...times].sort((a, b) => a - b);
    for (let i = LIMIT; i < sorted.length; i++)
      expect((sorted[i] as number) - (sorted[i - LIMIT] as number)).toBeGreaterThanOrEqual(WINDOW);
  }

  it("many concurrent takers on 6 connections never exceed the limit in any window", async () => {
    const config = { limit: LIMIT, tierLimit: 60, windowMs: 300 };
    const stores = await Promise.all(
      Array.from({ length: 6 }, async () => redisRateLimitStore((await proc()).client, { prefix })),
    );
    const granted: number[] = [];
    // Each taker takes, "sends" (settles at once with no headers) and takes again, until 24 grants in all.
    const worker = async (store: RateLimitStore) => {
      while (granted.length < 24) {
        const r = await store.take("budget", Date.now(), config, "interactive");
        if (!r.granted) {
          await new Promise((res) => setTimeout(res, Math.min(r.retryInMs, 50)));
          continue;
        }
        granted.push(performance.now());
        await store.settle("budget", Date.now(), config, r.ticket, null, 200);
      }
    };
    await Promise.all(stores.flatMap((s) => [worker(s), worker(s), worker(s)]));
    // A slot is reused a window after its settle at the earliest, and the settle follows the grant's answer:
    // so answers of LIMIT + 1 grants are never within one window.
    const sorted = granted.sort((a, b) => a - b);
    for (let i = LIMIT; i < sorted.length; i++)
      expect((sorted[i] as number) - (sorted[i - LIMIT] as number)).toBeGreaterThanOrEqual(300);
  });

  it("three processes share one budget: 30 look-ups, every caller succeeds, zero 429s", async () => {
    const cs = await Promise.all(
      [0, 1, 2].map(async () => client(redisRateLimitStore((await proc()).client, { prefix }))),
    );
    const results = await Promise.all(cs.map((c, i) => lookups(c, 10, `p${i}`)));
    expect(results.flat()).toHaveLength(30);
    expect(emu.requests.filter((r) => r.status === 429)).toEqual([]);
    expectWithinWindow(emu.requests.map((r) => r.time));
  });

  it("every key has a TTL, and the budget works again after its keys expired", async () => {
    const r = await proc();
    const c = await client(redisRateLimitStore(r.client, { prefix, name: "ttl" }));
    await lookups(c, 3, "a");
    const keys = (await r.send(["KEYS", `${prefix}*`])) as string[];
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(Number(await r.send(["PTTL", k]))).toBeGreaterThan(0);
    // idle longer than the TTL (two windows and a second): Redis forgets the budget, as Discogs does
    await new Promise((res) => setTimeout(res, 2 * WINDOW + 1200));
    expect(await r.send(["KEYS", `${prefix}*`])).toEqual([]);
    await expect(lookups(c, 3, "b")).resolves.toHaveLength(3);
    for (const k of (await r.send(["KEYS", `${prefix}*`])) as string[])
      expect(Number(await r.send(["PTTL", k]))).toBeGreaterThan(0);
  });

  it("raises the shared count to what the headers say (another program spent 4 of 5), never lowers it", async () => {
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${emu.url}/releases/352665?foreign=${i}`, {
        headers: { authorization: "Discogs token=other", "user-agent": "Foreign/1.0" },
      });
      await res.arrayBuffer();
    }
    const cs = await Promise.all(
      [0, 1].map(async () => client(redisRateLimitStore((await proc()).client, { prefix }))),
    );
    const results = await Promise.all(cs.map((c, i) => lookups(c, 4, `w${i}`)));
    expect(results.flat()).toHaveLength(8);
    // the first response told the truth: at most one 429 follows it
    expect(emu.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(1);
    expectWithinWindow(emu.requests.filter((r) => r.status !== 429).map((r) => r.time));

    // a later report of fewer requests does not lower the count
    const store = redisRateLimitStore((await proc()).client, { prefix, name: "raise" });
    const config = { limit: undefined, tierLimit: 60, windowMs: 10_000 };
    const t = await store.take("k", Date.now(), config);
    expect(t.granted).toBe(true);
    if (!t.granted) return;
    await store.settle("k", Date.now(), config, t.ticket, { limit: 60, used: 50, remaining: 10 }, 200);
    const t2 = await store.take("k", Date.now(), config);
    if (!t2.granted) throw new Error("the budget had room");
    await store.settle("k", Date.now(), config, t2.ticket, { limit: 60, used: 2, remaining: 58 }, 200);
    expect(store.inspect("k", Date.now(), config, 0)).toMatchObject({ limit: 60 });
    expect((store.inspect("k", Date.now(), config, 0) as { used: number }).used).toBeGreaterThanOrEqual(51);
  });

  it("interactive requests of one process go before background ones of another, which leave them a reserve", async () => {
    const bg = await client(redisRateLimitStore((await proc()).client, { prefix }), {
      priority: "background",
    });
    const fg = await client(redisRateLimitStore((await proc()).client, { prefix }));
    const background = lookups(bg, 10, "bg");
    // the background burst takes the window but for the reserve (10% of 5: one slot)
    const reserve = 1;
    while (emu.requests.length < LIMIT - reserve) await new Promise((res) => setTimeout(res, 10));
    const interactive = lookups(fg, 3, "fg");
    await Promise.all([background, interactive]);
    const order = emu.requests.map((r) => String(r.query.tag));
    // the first interactive one took the reserve; the other two went before any more background ones
    expect(order.slice(0, LIMIT - reserve)).toEqual(["bg", "bg", "bg", "bg"]);
    expect(order.slice(LIMIT - reserve, LIMIT - reserve + 3)).toEqual(["fg", "fg", "fg"]);
    expect(emu.requests.filter((r) => r.status === 429)).toEqual([]);
    expectWithinWindow(emu.requests.map((r) => r.time));
  });

  /** One response that says the budget is free: the store grants the rest at once (credit). */
  async function prime(
    store: RateLimitStore,
    config: { limit: undefined; tierLimit: number; windowMs: number },
  ) {
    const t = await store.take("k", Date.now(), config);
    if (!t.granted) throw new Error("expected the probe to go");
    await store.settle("k", Date.now(), config, t.ticket, { limit: 60, remaining: 59 }, 200);
  }

  it("the breaker: three 429s across processes pause every process together", async () => {
    const config = { limit: undefined, tierLimit: 60, windowMs: WINDOW };
    const stores = await Promise.all(
      [0, 1, 2].map(async () =>
        redisRateLimitStore((await proc()).client, {
          prefix,
          name: "breaker",
          breaker: { cooldownMs: 20_000 },
        }),
      ),
    );
    await prime(stores[0] as RateLimitStore, config);
    // three attempts in flight at once, in three processes, all refused
    const tickets = [];
    for (const s of stores) {
      const t = await s.take("k", Date.now(), config);
      if (!t.granted) throw new Error("expected a slot");
      tickets.push(t.ticket);
    }
    for (const [i, s] of stores.entries())
      await s.settle("k", Date.now(), config, tickets[i], { limit: 60, remaining: 0 }, 429);
    const fresh = redisRateLimitStore((await proc()).client, { prefix, name: "breaker" });
    for (const s of [...stores, fresh]) {
      for (const lane of ["interactive", "background"] as const) {
        const r = await s.take("k", Date.now(), config, lane);
        expect(r.granted).toBe(false);
        // the whole cooldown, not a window
        if (!r.granted) expect(r.retryInMs).toBeGreaterThan(15_000);
      }
    }
  });

  it("two 429s, a success and a 429 do not trip the breaker", async () => {
    const config = { limit: undefined, tierLimit: 60, windowMs: WINDOW };
    const stores = await Promise.all(
      [0, 1].map(async () =>
        redisRateLimitStore((await proc()).client, {
          prefix,
          name: "nobreak",
          breaker: { cooldownMs: 20_000 },
        }),
      ),
    );
    await prime(stores[0] as RateLimitStore, config);
    const taken = [];
    for (let i = 0; i < 4; i++) {
      const s = stores[i % 2] as RateLimitStore;
      const t = await s.take("k", Date.now(), config);
      if (!t.granted) throw new Error("expected a slot");
      taken.push({ s, ticket: t.ticket });
    }
    for (const [i, status] of [429, 429, 200, 429].entries()) {
      const { s, ticket } = taken[i] as { s: RateLimitStore; ticket: number };
      await s.settle("k", Date.now(), config, ticket, { limit: 60, remaining: 0 }, status);
    }
    const r = await (stores[0] as RateLimitStore).take("k", Date.now(), config);
    expect(r.granted).toBe(false);
    // full until the window passes, no cooldown
    if (!r.granted) expect(r.retryInMs).toBeLessThanOrEqual(2 * WINDOW + 50);
  });

  it("a script flushed from Redis (NOSCRIPT) is loaded again", async () => {
    const r = await proc();
    const c = await client(redisRateLimitStore(r.client, { prefix }));
    await lookups(c, 2, "a");
    await r.send(["SCRIPT", "FLUSH"]);
    await expect(lookups(c, 2, "b")).resolves.toHaveLength(2);
    expect(((await r.send(["KEYS", `${prefix}*`])) as string[]).length).toBeGreaterThan(0);
  });

  it("refuses unknown options and clients it does not know", async () => {
    const r = await proc();
    expect(() => redisRateLimitStore(r.client, { prefx: "x" } as never)).toThrow(/prefx/);
    expect(() => redisRateLimitStore(r.client, { timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => redisRateLimitStore(r.client, { breaker: { threshold: 1.5 } })).toThrow(/threshold/);
    expect(() => redisRateLimitStore(r.client, { backgroundReserve: 1 })).toThrow(/backgroundReserve/);
    expect(() => redisRateLimitStore({ get() {} } as never)).toThrow(/node-redis client/);
    expect(() => redisRateLimitStore("redis://localhost" as never)).toThrow(TypeError);
  });
});
