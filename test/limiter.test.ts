/**
 * The rate limiter on a fake clock, against a simulated Discogs window (the emulator's own moving-window
 * counter, driven by the same fake clock). No HTTP.
 */
import { describe, expect, it } from "vitest";
import { RateLimitQueueError } from "../src/core/errors";
import {
  createLimiter,
  HeaderTracker,
  WindowLimiter,
  type Limiter,
  type LimiterClock,
  type LimiterDeps,
  type RateLimitHeaders,
  type RateLimitOptions,
} from "../src/core/limiter";
import { MemoryRateLimitStore, WindowBudget } from "../src/core/limiter-store";
import { RateLimiter as ServerWindow } from "../src/testing/ratelimit";

const flush = () => new Promise<void>((r) => setImmediate(r));

/** A manual clock: timers run only when the test advances time. */
class FakeClock implements LimiterClock {
  t = 1_000_000;
  #id = 0;
  readonly timers = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.t;
  }
  setTimer(fn: () => void, ms: number): unknown {
    const id = ++this.#id;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimer(h: unknown): void {
    this.timers.delete(h as number);
  }
  /** Runs every timer due within `ms`, in order, letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flush();
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
  /** Advances to each next timer until `done()` or `maxMs` elapsed. */
  async runUntil(done: () => boolean, maxMs: number): Promise<void> {
    const end = this.t + maxMs;
    await flush();
    while (!done() && this.t < end) {
      let at = Infinity;
      for (const e of this.timers.values()) at = Math.min(at, e.at);
      if (at === Infinity) break;
      await this.advance(Math.max(0, Math.min(at, end) - this.t));
    }
  }
}

function headersOf(d: { limit: number; used: number; remaining: number }): RateLimitHeaders {
  return { limit: d.limit, used: d.used, remaining: d.remaining };
}

interface SimResult {
  /** Start times (when acquire resolved) of every attempt. */
  starts: number[];
  /** Arrival times at the server of accepted attempts. */
  accepted: number[];
  rejected: number;
  done: number;
  finishedAt: number;
}

/**
 * Fires `n` requests at once through `limiter` against `server`; each attempt takes `latency(i)` ms (half
 * to reach the server, half back); a 429 is retried (as the transport does: straight back to acquire).
 */
async function simulate(
  clock: FakeClock,
  limiter: Limiter,
  server: ServerWindow,
  n: number,
  opts: { latency?: (i: number) => number; key?: string; maxMs?: number } = {},
): Promise<SimResult> {
  const latency = opts.latency ?? (() => 100);
  const key = opts.key ?? "ip";
  const res: SimResult = { starts: [], accepted: [], rejected: 0, done: 0, finishedAt: 0 };
  const t0 = clock.now();
  let attemptNo = 0;
  const one = async (): Promise<void> => {
    for (;;) {
      const ticket = await limiter.acquire();
      res.starts.push(clock.now());
      const lat = latency(attemptNo++);
      const status = await new Promise<number>((resolve) => {
        clock.setTimer(
          () => {
            const d = server.hit(key, true);
            if (d.allowed) res.accepted.push(clock.now());
            else res.rejected++;
            clock.setTimer(
              () => {
                limiter.settle(ticket, headersOf(d), d.allowed ? 200 : 429);
                resolve(d.allowed ? 200 : 429);
              },
              lat - Math.floor(lat / 2),
            );
          },
          Math.floor(lat / 2),
        );
      });
      if (status === 200) return;
    }
  };
  const all = Promise.all(Array.from({ length: n }, () => one().then(() => void res.done++)));
  await clock.runUntil(() => res.done === n, opts.maxMs ?? 3_600_000);
  await all;
  res.finishedAt = clock.now() - t0;
  return res;
}

/** The most starts in any window of `windowMs` (times sorted ascending). */
function maxInWindow(times: number[], windowMs: number): number {
  const s = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while ((s[j] as number) <= (s[i] as number) - windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

let seq = 0;
function setup(
  option: boolean | RateLimitOptions = true,
  extra: { authenticated?: boolean; onThrottled?: (e: { waitMs: number; queued: number }) => void } = {},
) {
  const clock = new FakeClock();
  const deps: LimiterDeps = { clock, store: new MemoryRateLimitStore() };
  const baseUrl = `http://sim-${++seq}.test`;
  const make = (o: boolean | RateLimitOptions = option) =>
    createLimiter(
      o,
      { baseUrl, authenticated: extra.authenticated ?? true, onThrottled: extra.onThrottled },
      deps,
    );
  return { clock, deps, baseUrl, limiter: make(), make };
}

/** A seeded PRNG (mulberry32) for latency jitter. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("window arithmetic", () => {
  it("never starts more than `limit` requests in any window, with no 429 and near-ideal time", async () => {
    const { clock, limiter } = setup();
    const server = new ServerWindow({ authenticated: 60, windowMs: 60_000 }, () => clock.now());
    const r0 = rng(1);
    const r = await simulate(clock, limiter, server, 150, { latency: () => 50 + Math.floor(r0() * 400) });
    expect(r.done).toBe(150);
    expect(r.rejected).toBe(0);
    expect(r.starts).toHaveLength(150);
    expect(maxInWindow(r.starts, 60_000)).toBeLessThanOrEqual(60);
    expect(maxInWindow(r.accepted, 60_000)).toBeLessThanOrEqual(60);
    // ideal: ceil(150/60)-1 = 2 windows, plus a few round trips
    expect(r.finishedAt).toBeGreaterThanOrEqual(120_000);
    expect(r.finishedAt).toBeLessThan(120_000 * 1.05);
  });

  it("holds under random latency for many seeds and sizes", async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { clock, limiter } = setup({ limit: 10, windowMs: 1000 });
      const server = new ServerWindow({ authenticated: 10, windowMs: 1000 }, () => clock.now());
      const r0 = rng(seed);
      const n = 15 + seed * 7;
      const r = await simulate(clock, limiter, server, n, { latency: () => 1 + Math.floor(r0() * 120) });
      expect(r.rejected, `seed ${seed}`).toBe(0);
      expect(maxInWindow(r.starts, 1000)).toBeLessThanOrEqual(10);
      expect(r.finishedAt).toBeLessThan((Math.ceil(n / 10) - 1) * 1000 * 1.1 + 1000);
    }
  });

  it("releases many at once (concurrency > 1): latency does not cap throughput", async () => {
    const { clock, limiter } = setup();
    const server = new ServerWindow({ authenticated: 60, windowMs: 60_000 }, () => clock.now());
    // 2 s per request: one at a time would take 120 s for 60 requests
    const r = await simulate(clock, limiter, server, 60, { latency: () => 2000 });
    expect(r.rejected).toBe(0);
    expect(r.finishedAt).toBeLessThan(20_000);
    const byInstant = new Map<number, number>();
    for (const t of r.starts) byInstant.set(t, (byInstant.get(t) ?? 0) + 1);
    expect(Math.max(...byInstant.values())).toBeGreaterThanOrEqual(16);
  });

  it("alone, fills the free budget within a few round trips of the probe (doubling each round trip)", async () => {
    const { clock, limiter } = setup();
    const granted: number[] = [];
    const all = Array.from({ length: 60 }, () =>
      limiter.acquire().then((t) => (granted.push(clock.now()), t)),
    );
    await flush();
    expect(granted).toHaveLength(1); // the probe: nothing is known yet
    // Each round trip, every attempt in flight answers (alone: Used counts only ours), and twice as many go:
    // another program that started at the same moment would show in these answers before we took it all.
    const rounds: number[] = [];
    let settled = 0;
    while (granted.length < 60) {
      clock.t += 300;
      const inFlight = granted.length - settled;
      for (let i = 0; i < inFlight; i++) {
        settled++;
        limiter.settle(await all[settled - 1], { limit: 60, used: settled, remaining: 60 - settled }, 200);
      }
      await flush();
      rounds.push(granted.length);
      if (rounds.length > 8) break;
    }
    expect(granted).toHaveLength(60);
    expect(rounds[0]).toBe(3); // the probe's answer lets two go
    expect(rounds.length).toBeLessThanOrEqual(6); // 1, 2, 4, 8, 16, 29: six round trips at most
    await Promise.all(all);
  });

  it("never holds back sparse requests made one after another", async () => {
    const { clock, limiter } = setup({ windowMs: 60_000 });
    for (let i = 0; i < 10; i++) {
      let go = false;
      const p = limiter.acquire().then((t) => ((go = true), t));
      await flush();
      expect(go).toBe(true);
      clock.t += 200;
      limiter.settle(await p, { limit: 60, used: i + 1, remaining: 59 - i }, 200);
      clock.t += 3_000;
    }
    expect(limiter.snapshot()).toMatchObject({ used: 10, remaining: 50, queued: 0 });
  });

  it("releases a whole window's worth at once when its own slots free up", async () => {
    const { clock, limiter } = setup({ limit: 20, windowMs: 10_000 });
    const server = new ServerWindow({ authenticated: 20, windowMs: 10_000 }, () => clock.now());
    const r = await simulate(clock, limiter, server, 40, { latency: () => 10 });
    expect(r.rejected).toBe(0);
    const second = r.starts.slice(20);
    expect(Math.max(...second) - Math.min(...second)).toBeLessThan(100);
    expect(Math.min(...second) - Math.max(...r.starts.slice(0, 20))).toBeGreaterThan(9_000);
  });
});

describe("resync from headers", () => {
  it("slows down when Remaining is lower than it thought (another program spends the budget)", async () => {
    const { clock, limiter } = setup({ limit: 10, windowMs: 10_000 });
    const server = new ServerWindow({ authenticated: 10, windowMs: 10_000 }, () => clock.now());
    for (let i = 0; i < 7; i++) server.hit("ip", true); // someone else on our IP
    const t0 = clock.now();
    const r = await simulate(clock, limiter, server, 8);
    expect(r.rejected).toBe(0);
    expect(r.accepted.filter((t) => t < t0 + 10_000)).toHaveLength(3);
    expect(r.finishedAt).toBeGreaterThanOrEqual(10_000);
  });

  it("learns the limit from X-Discogs-Ratelimit (assumed from the credentials until then)", async () => {
    const { clock, limiter } = setup();
    expect(limiter.snapshot().limit).toBe(60);
    const server = new ServerWindow({ authenticated: 25, windowMs: 60_000 }, () => clock.now());
    const r = await simulate(clock, limiter, server, 40);
    expect(r.rejected).toBe(0);
    expect(limiter.snapshot().limit).toBe(25);
    expect(maxInWindow(r.starts, 60_000)).toBeLessThanOrEqual(25);
    expect(setup(true, { authenticated: false }).limiter.snapshot().limit).toBe(25);
  });

  it("accounts for its own requests in flight when resyncing", () => {
    const clock = new FakeClock();
    const b = new WindowBudget();
    const cfg = { limit: undefined, tierLimit: 10, windowMs: 1000 };
    const probe = b.take(clock.now(), cfg);
    expect(probe.granted).toBe(true);
    clock.t += 100;
    b.settle(
      clock.now(),
      cfg,
      probe.granted ? probe.ticket : undefined,
      { limit: 10, used: 1, remaining: 9 },
      200,
    );
    const tickets: number[] = [];
    for (let r = b.take(clock.now(), cfg); r.granted; r = b.take(clock.now(), cfg)) tickets.push(r.ticket);
    const n = tickets.length;
    expect(n).toBeGreaterThan(1);
    clock.t += 100;
    // Remaining 7 when the first comes back: the third request counted may be one of ours still out. Those are
    // neither free nor counted twice.
    b.settle(clock.now(), cfg, tickets[0], { limit: 10, used: 3, remaining: 7 }, 200);
    expect(b.inspect(clock.now(), cfg, 0)).toMatchObject({ used: 1 + n, remaining: 9 - n });
    // A count that ours cannot explain is another program's: the budget shrinks by it.
    b.settle(clock.now(), cfg, tickets[1], { limit: 10, used: 1 + n + 2, remaining: 10 - (1 + n + 2) }, 200);
    expect(b.inspect(clock.now(), cfg, 0).remaining).toBe(Math.max(0, 9 - n - 2));
  });

  it("treats Remaining as the signal when Used jumps by 2", () => {
    const clock = new FakeClock();
    const b = new WindowBudget();
    const cfg = { limit: undefined, tierLimit: 60, windowMs: 60_000 };
    const t = b.take(clock.now(), cfg);
    b.settle(clock.now(), cfg, t.granted ? t.ticket : undefined, { limit: 60, used: 4, remaining: 50 }, 200);
    expect(b.inspect(clock.now(), cfg, 0)).toMatchObject({ limit: 60, used: 10, remaining: 50 });
  });
});

describe("idle refill", () => {
  it("gets the full budget back after an idle window", async () => {
    const { clock, limiter } = setup({ limit: 10, windowMs: 10_000 });
    const server = new ServerWindow({ authenticated: 10, windowMs: 10_000 }, () => clock.now());
    await simulate(clock, limiter, server, 10);
    expect(limiter.snapshot()).toMatchObject({ used: 10, remaining: 0 });
    await clock.advance(15_000);
    expect(limiter.snapshot()).toMatchObject({ limit: 10, used: 0, remaining: 10, queued: 0 });
    const r = await simulate(clock, limiter, server, 10, { latency: () => 100 });
    expect(r.rejected).toBe(0);
    expect(r.finishedAt).toBeLessThan(1000); // a probe, then the rest: no window to wait
  });
});

describe("bounded queue", () => {
  it("refuses at once with queue_full when maxQueue requests already wait for the spent budget", async () => {
    const { limiter } = setup({ limit: 2, maxQueue: 3 });
    // One goes, one waits within the budget (for the first response), three wait for the spent budget.
    const p = [limiter.acquire(), limiter.acquire(), limiter.acquire(), limiter.acquire(), limiter.acquire()];
    const err = await limiter.acquire().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitQueueError);
    expect((err as RateLimitQueueError).reason).toBe("queue_full");
    expect((err as Error).message).toMatch(
      /queue is full: 3 requests already wait for the spent budget \(rateLimit.maxQueue is 3\)/,
    );
    await p[0];
    expect(limiter.snapshot().queued).toBe(4);
    limiter.close();
    await Promise.allSettled(p);
  });

  it("maxQueue: 0 never queues where the budget has room: concurrent calls wait for the first response, not fail", async () => {
    const { limiter } = setup({ maxQueue: 0 });
    const p = Array.from({ length: 10 }, () => limiter.acquire());
    // each attempt answers as it goes (the budget grows by round trips: nobody is refused meanwhile)
    for (const [i, q] of p.entries())
      limiter.settle(await q, { limit: 60, used: i + 1, remaining: 59 - i }, 200);
    const results = await Promise.allSettled(p);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    limiter.close();
  });

  it("refuses at once with max_wait when the wait would exceed maxWaitMs, and reports waits to onThrottled", async () => {
    const events: { waitMs: number; queued: number }[] = [];
    const { clock, limiter } = setup(
      { limit: 2, windowMs: 10_000, maxWaitMs: 5_000 },
      { onThrottled: (e) => events.push(e) },
    );
    await limiter.acquire();
    limiter.settle(undefined, { limit: 2, used: 1, remaining: 1 }, 200);
    await limiter.acquire();
    limiter.settle(undefined, { limit: 2, used: 2, remaining: 0 }, 200);
    const err = await limiter.acquire().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitQueueError);
    expect((err as RateLimitQueueError).reason).toBe("max_wait");
    expect((err as Error).message).toMatch(/longer than rateLimit.maxWaitMs \(5000 ms\)/);
    expect(limiter.snapshot().queued).toBe(0);
    expect(clock.timers.size).toBe(0);
    expect(events).toHaveLength(0);

    // within the bound it waits, and onThrottled says how long
    const { clock: c2, limiter: l2 } = setup(
      { limit: 2, windowMs: 10_000, maxWaitMs: 20_000 },
      { onThrottled: (e) => events.push(e) },
    );
    await l2.acquire();
    l2.settle(undefined, { limit: 2, used: 1, remaining: 1 }, 200);
    await l2.acquire();
    l2.settle(undefined, { limit: 2, used: 2, remaining: 0 }, 200);
    let resolved = false;
    const p = l2.acquire().then(() => (resolved = true));
    await flush();
    expect(events).toEqual([{ waitMs: 10_050, queued: 1 }]);
    await c2.advance(9_000);
    expect(resolved).toBe(false);
    await c2.advance(1_100);
    await p;
    expect(resolved).toBe(true);
  });
});

describe("abort", () => {
  it("rejects a queued request promptly, removes it, and the next one still gets the slot", async () => {
    const { clock, limiter } = setup({ limit: 1, windowMs: 10_000 });
    await limiter.acquire();
    limiter.settle(undefined, { limit: 1, used: 1, remaining: 0 }, 200);
    const ac = new AbortController();
    const aborted = limiter.acquire(ac.signal);
    const next = limiter.acquire();
    await flush();
    expect(limiter.snapshot().queued).toBe(2);
    ac.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    expect(limiter.snapshot().queued).toBe(1);
    await clock.advance(10_100);
    await next;
    expect(limiter.snapshot().queued).toBe(0);
    // an already aborted signal never queues
    const ac2 = new AbortController();
    ac2.abort(new Error("early"));
    await expect(limiter.acquire(ac2.signal)).rejects.toThrow("early");
    expect(limiter.snapshot().queued).toBe(0);
  });
});

describe("429", () => {
  it("marks the budget exhausted: the retry waits for the window instead of a backoff", async () => {
    const { clock, limiter } = setup({ windowMs: 10_000 });
    await limiter.acquire();
    limiter.settle(undefined, { limit: 60, used: 60, remaining: 0 }, 429);
    expect(limiter.snapshot().remaining).toBe(0);
    let go = false;
    const p = limiter.acquire().then(() => (go = true));
    await clock.advance(9_000);
    expect(go).toBe(false);
    await clock.advance(1_100);
    await p;
    expect(go).toBe(true);
  });

  it("without headers too", async () => {
    const { clock, limiter } = setup({ windowMs: 10_000 });
    await limiter.acquire();
    limiter.settle(undefined, null, 429);
    let go = false;
    const p = limiter.acquire().then(() => (go = true));
    await clock.advance(9_500);
    expect(go).toBe(false);
    await clock.advance(1_000);
    await p;
  });

  it("honours a Retry-After on the 429 instead of a whole window (proxies send one; Discogs does not)", async () => {
    const { clock, limiter } = setup({ windowMs: 60_000 });
    limiter.settle(await limiter.acquire(), { limit: 60, used: 1, remaining: 59 }, 200);
    limiter.settle(await limiter.acquire(), { limit: 60, used: 60, remaining: 0, retryAfterMs: 1_000 }, 429);
    let go = false;
    const p = limiter.acquire().then(() => (go = true));
    await clock.advance(900);
    expect(go).toBe(false);
    await clock.advance(200);
    await p;
    expect(go).toBe(true);
  });

  it("a client whose limit is wrong recovers with few 429s", async () => {
    // the client believes 20 per window; the server allows 8 (and says so only in headers it overrides)
    const { clock, limiter } = setup({ limit: 20, windowMs: 10_000 });
    const server = new ServerWindow({ authenticated: 8, windowMs: 10_000 }, () => clock.now());
    const r = await simulate(clock, limiter, server, 30);
    expect(r.done).toBe(30);
    expect(r.rejected).toBeLessThanOrEqual(6);
  });
});

describe("sharing", () => {
  it("clients with the same base URL and tier share one budget; close() of one leaves the other working", async () => {
    const { clock, make } = setup({ limit: 10, windowMs: 10_000 });
    const a = make();
    const b = make();
    expect((a as WindowLimiter).shared).toBe((b as WindowLimiter).shared);
    const server = new ServerWindow({ authenticated: 10, windowMs: 10_000 }, () => clock.now());
    const [ra, rb] = await Promise.all([simulate(clock, a, server, 10), simulate(clock, b, server, 10)]);
    expect(ra.rejected + rb.rejected).toBe(0);
    expect(maxInWindow([...ra.starts, ...rb.starts], 10_000)).toBeLessThanOrEqual(10);
    a.close();
    const r = await simulate(clock, b, server, 5);
    expect(r.done).toBe(5);
  });

  it("keeps tiers and base URLs apart", () => {
    const clock = new FakeClock();
    const deps: LimiterDeps = { clock };
    const a = createLimiter(true, { baseUrl: "http://x.test", authenticated: true }, deps) as WindowLimiter;
    const b = createLimiter(true, { baseUrl: "http://x.test/", authenticated: true }, deps) as WindowLimiter;
    const c = createLimiter(true, { baseUrl: "http://x.test", authenticated: false }, deps) as WindowLimiter;
    const d = createLimiter(true, { baseUrl: "http://y.test", authenticated: true }, deps) as WindowLimiter;
    expect(a.shared).toBe(b.shared);
    expect(a.shared).not.toBe(c.shared);
    expect(a.shared).not.toBe(d.shared);
    for (const l of [a, b, c, d]) l.close();
  });

  it("uses the strictest overrides of the clients attached", () => {
    const { make } = setup({ limit: 30 });
    const a = make() as WindowLimiter;
    const b = make({ limit: 10, windowMs: 5_000 }) as WindowLimiter;
    expect(a.shared.config).toMatchObject({ limit: 10, windowMs: 5_000 });
    b.close();
    expect(a.shared.config).toMatchObject({ limit: 30, windowMs: 60_000 });
  });

  it("rejects the waiters of a closed client only", async () => {
    const { make } = setup({ limit: 1, windowMs: 10_000 });
    const a = make();
    const b = make();
    await a.acquire();
    const pa = a.acquire();
    const pb = b.acquire();
    a.close();
    await expect(pa).rejects.toThrow(/closed/);
    await expect(a.acquire()).rejects.toThrow(/closed/);
    expect(b.snapshot().queued).toBe(1);
    b.close();
    await expect(pb).rejects.toThrow(/closed/);
  });
});

describe("timers and lifecycle", () => {
  it("leaves no timer when idle or after close()", async () => {
    const { clock, limiter } = setup({ limit: 2, windowMs: 10_000 });
    const server = new ServerWindow({ authenticated: 2, windowMs: 10_000 }, () => clock.now());
    await simulate(clock, limiter, server, 5);
    expect(clock.timers.size).toBe(0);
    await limiter.acquire();
    limiter.settle(undefined, { limit: 2, used: 2, remaining: 0 }, 200);
    const p = limiter.acquire().catch(() => "closed");
    await flush();
    expect(clock.timers.size).toBe(1); // a request waits
    limiter.close();
    expect(await p).toBe("closed");
    expect(clock.timers.size).toBe(0);
  });

  it("releases the slot of an attempt that got no response (status 0)", async () => {
    const { limiter } = setup({ limit: 5, windowMs: 10_000 });
    await limiter.acquire();
    let go = false;
    const p = limiter.acquire().then(() => (go = true));
    await flush();
    expect(go).toBe(false); // the probe is out
    limiter.settle(undefined, null, 0);
    await p;
    expect(limiter.snapshot().used).toBe(2);
  });
});

describe("options", () => {
  it("rateLimit: false tracks headers without throttling", async () => {
    const { limiter } = setup(false);
    expect(limiter).toBeInstanceOf(HeaderTracker);
    expect(limiter.throttling).toBe(false);
    await Promise.all(Array.from({ length: 100 }, () => limiter.acquire()));
    limiter.settle(undefined, { limit: 60, used: 7, remaining: 53 }, 200);
    expect(limiter.snapshot()).toEqual({ limit: 60, used: 7, remaining: 53, queued: 0 });
  });

  it("validates the options", () => {
    const ctx = { baseUrl: "http://v.test", authenticated: true };
    expect(() => createLimiter({ limit: 0 }, ctx)).toThrow(/rateLimit.limit must be an integer >= 1/);
    expect(() => createLimiter({ windowMs: -1 }, ctx)).toThrow(/rateLimit.windowMs/);
    expect(() => createLimiter({ maxQueue: 1.5 }, ctx)).toThrow(/rateLimit.maxQueue/);
    expect(() => createLimiter({ maxWaitMs: Number.NaN }, ctx)).toThrow(/rateLimit.maxWaitMs/);
    expect(() => createLimiter("yes" as never, ctx)).toThrow(/rateLimit must be/);
    const l = createLimiter({ maxQueue: Infinity, maxWaitMs: 0 }, ctx);
    expect(l.throttling).toBe(true);
    l.close();
  });
});

describe("several programs on one IP", () => {
  it("two processes with separate stores rarely collide", async () => {
    const clock = new FakeClock();
    const server = new ServerWindow({ authenticated: 20, windowMs: 10_000 }, () => clock.now());
    const mk = () =>
      createLimiter(
        { windowMs: 10_000 },
        { baseUrl: "http://p.test", authenticated: true },
        { clock, store: new MemoryRateLimitStore() },
      );
    const [a, b] = [mk(), mk()];
    const r0 = rng(7);
    const lat = () => 20 + Math.floor(r0() * 60);
    const [ra, rb] = await Promise.all([
      simulate(clock, a, server, 60, { latency: lat }),
      simulate(clock, b, server, 60, { latency: lat }),
    ]);
    expect(ra.done + rb.done).toBe(120);
    const attempts = ra.starts.length + rb.starts.length;
    expect((ra.rejected + rb.rejected) / attempts).toBeLessThanOrEqual(0.1);
  });
});
