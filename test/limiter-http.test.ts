/**
 * The rate limiter over real HTTP, against the emulator's moving window shrunk to 5 requests per second.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Discogs } from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";

const WINDOW = 1000;
const LIMIT = 5;

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ rateLimit: { authenticated: LIMIT, windowMs: WINDOW } });
});
afterEach(async () => {
  await emu.close();
});

function client(extra: ConstructorParameters<typeof Discogs>[0] = {}): Discogs {
  return new Discogs({
    baseUrl: emu.url,
    token: "t",
    userAgent: "LimiterTest/1.0",
    rateLimit: { limit: LIMIT, windowMs: WINDOW },
    ...extra,
  });
}

/** Distinct GETs (identical GETs in flight at once would share one HTTP request). */
function lookups(c: Discogs, n: number, from = 0): Promise<unknown[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      c._request({
        method: "GET",
        path: "/releases/352665",
        query: { n: from + i },
        options: { cache: false },
      }),
    ),
  );
}

describe("rate limiter against the emulator", () => {
  it("spreads a burst of 15 over the window: all succeed, zero 429s", async () => {
    const throttled: number[] = [];
    const c = client({ hooks: { onThrottled: (e) => throttled.push(e.waitMs) } });
    const t0 = performance.now();
    const results = await lookups(c, 15);
    const elapsed = performance.now() - t0;
    await c.close();

    expect(results).toHaveLength(15);
    expect(emu.requests).toHaveLength(15);
    expect(emu.requests.filter((r) => r.rateLimited || r.status === 429)).toEqual([]);
    // 15 at 5 per window: the last five could not start before two windows had passed
    expect(elapsed).toBeGreaterThanOrEqual(WINDOW);
    // never more than LIMIT arrivals within any window, as the server saw them
    const times = emu.requests.map((r) => r.time).sort((a, b) => a - b);
    for (let i = LIMIT; i < times.length; i++)
      expect((times[i] as number) - (times[i - LIMIT] as number)).toBeGreaterThan(WINDOW - 1);
    expect(throttled.length).toBeGreaterThan(0);
    expect(c.rateLimit).toMatchObject({ limit: LIMIT, queued: 0 });
  });

  it("shares one budget between two clients of the same base URL", async () => {
    const a = client();
    const b = client();
    const t0 = performance.now();
    const [ra, rb] = await Promise.all([lookups(a, 6), lookups(b, 6, 100)]);
    const elapsed = performance.now() - t0;
    expect(ra).toHaveLength(6);
    expect(rb).toHaveLength(6);
    expect(emu.requests).toHaveLength(12);
    expect(emu.requests.filter((r) => r.rateLimited)).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(WINDOW);

    // closing one leaves the other working
    await a.close();
    emu.clearRequests();
    expect(await lookups(b, 3, 200)).toHaveLength(3);
    expect(emu.requests.filter((r) => r.rateLimited)).toEqual([]);
    await b.close();
  });

  it("retries a 429 from another program's spending once the window allows, unseen by the caller", async () => {
    // Someone else on this address spends the whole budget first.
    for (let i = 0; i < LIMIT; i++) {
      const r = await fetch(`${emu.url}/releases/352665?other=${i}`, {
        headers: { Authorization: "Discogs token=x" },
      });
      expect(r.status).toBe(200);
    }
    const rateLimited: number[] = [];
    const retryDelays: number[] = [];
    const c = client({
      hooks: {
        onRateLimited: (e) => rateLimited.push(e.attempt),
        onRetry: (e) => retryDelays.push(e.delayMs),
      },
    });
    const t0 = performance.now();
    expect(await lookups(c, 3)).toHaveLength(3);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(WINDOW * 0.9);
    // at most the probe met the full window; it was retried after the window, without a caller error
    expect(rateLimited.length).toBeLessThanOrEqual(1);
    // no backoff on top: the limiter holds the retry until the window allows it
    expect(retryDelays.every((d) => d === 0)).toBe(true);
    await c.close();
  });
});

describe("an emulator started with rateLimit: false", () => {
  it("reports an unlimited budget, so a default client never throttles past 60 requests", async () => {
    const free = await startEmulator({ rateLimit: false });
    const throttled: number[] = [];
    const client = new Discogs({
      baseUrl: free.url,
      token: "t",
      hooks: { onThrottled: (e) => throttled.push(e.waitMs) },
    });
    try {
      for (let i = 0; i < 70; i++) await client.releases.get(352665, {}, { cache: false });
      expect(free.requests).toHaveLength(70);
      expect(throttled).toEqual([]);
      expect(client.rateLimit.limit).toBe(1_000_000);
      expect(free.requests.every((r) => r.status === 200)).toBe(true);
    } finally {
      await client.close();
      await free.close();
    }
  });
});

describe("with Discogs' normal window (60 per 60 s), the budget far from spent", () => {
  /** A client that records when each attempt leaves the limiter, and each onThrottled wait. */
  function recording(url: string) {
    const sent: number[] = [];
    const throttled: number[] = [];
    const c = new Discogs({
      baseUrl: url,
      token: "t",
      hooks: { onRequest: () => sent.push(performance.now()), onThrottled: (e) => throttled.push(e.waitMs) },
    });
    /** Sends one GET, returning its wait in the limiter. */
    const timed = async (path: string) => {
      const before = sent.length;
      const started = performance.now();
      await c.get(path, { cache: false });
      return (sent[before] ?? Infinity) - started;
    };
    return { c, timed, throttled };
  }

  it("a client opened after another closed never waits after a short idle (their requests still count)", async () => {
    const windowed = await startEmulator();
    try {
      const a = recording(windowed.url);
      for (let i = 0; i < 20; i++) await a.timed(`/releases/${352665}?a=${i}`);
      await a.c.close();
      const b = recording(windowed.url);
      const waits: number[] = [];
      for (let i = 0; i < 10; i++) {
        waits.push(await b.timed(`/releases/${352665}?b=${i}`));
        await new Promise((r) => setTimeout(r, 120)); // idle longer than a couple of round trips
      }
      expect(
        waits.every((w) => w < 100),
        `waits: ${waits.map(Math.round).join(", ")}`,
      ).toBe(true);
      expect(b.throttled).toEqual([]);
      expect(b.c.rateLimit.remaining).toBe(60 - 30);
      await b.c.close();
    } finally {
      await windowed.close();
    }
  });
});
