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
