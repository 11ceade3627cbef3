/**
 * Discogs' rate limiter, emulated: a moving window per client (IP by default). Requests in the last
 * `windowMs` count; 60 are allowed with any credentials, 25 without. A request over the limit gets a 429 that
 * is not itself counted, so a client that waits recovers; a window with no requests is a full reset.
 *
 * @module
 */

/** Rate-limit options. Every field is optional. */
export interface RateLimitOptions {
  /**
   * Requests allowed per window with credentials (token, key/secret, valid OAuth).
   * @default 60
   */
  authenticated?: number;
  /**
   * Requests allowed per window without credentials (or with a bad OAuth signature).
   * @default 25
   */
  anonymous?: number;
  /**
   * The window length in milliseconds. Tests shrink it to compress time.
   * @default 60000
   */
  windowMs?: number;
  /**
   * What a window is kept per: the client address (like Discogs) or the credential presented (anonymous
   * requests then fall back to the address), which lets one test process act as several clients.
   * @default "ip"
   */
  keyBy?: "ip" | "credential";
}

/** The outcome of {@link RateLimiter.hit}: whether the request may proceed, and the header values. */
export interface RateLimitDecision {
  /** False when the request is over the limit (429). */
  allowed: boolean;
  /** `X-Discogs-Ratelimit`: the limit for this request's tier. */
  limit: number;
  /** `X-Discogs-Ratelimit-Used`: requests in the window, this one included when allowed. */
  used: number;
  /** `X-Discogs-Ratelimit-Remaining`: `max(0, limit - used)`. */
  remaining: number;
}

/** The `X-Discogs-Ratelimit` the emulator reports when rate limiting is off (`rateLimit: false`). */
export const UNLIMITED = 1_000_000;

/** A moving-window request counter. */
export class RateLimiter {
  /** The effective settings (defaults applied). `enabled: false` lets every request through. */
  readonly settings: Required<RateLimitOptions> & { enabled: boolean };
  readonly #windows = new Map<string, number[]>();
  readonly #now: () => number;

  /**
   * @param options - `false` disables limiting: requests are still counted, never refused, and the headers
   *   report a budget of {@link UNLIMITED}
   * @param now - the clock (milliseconds), injectable for tests
   */
  constructor(options: false | RateLimitOptions | undefined, now: () => number = Date.now) {
    const o = options || {};
    this.settings = {
      enabled: options !== false,
      authenticated: o.authenticated ?? 60,
      anonymous: o.anonymous ?? 25,
      windowMs: o.windowMs ?? 60_000,
      keyBy: o.keyBy ?? "ip",
    };
    this.#now = now;
  }

  /** Changes the settings in place (only the given fields). */
  configure(options: RateLimitOptions & { enabled?: boolean }): void {
    for (const [k, v] of Object.entries(options)) if (v !== undefined) (this.settings as any)[k] = v;
  }

  /**
   * Counts one request for `key` and decides whether it may proceed. A refused request is not counted.
   *
   * @param key - the client key (address or credential)
   * @param authenticated - whether the request presented valid credentials (selects the limit)
   */
  hit(key: string, authenticated: boolean): RateLimitDecision {
    const { windowMs } = this.settings;
    const limit = authenticated ? this.settings.authenticated : this.settings.anonymous;
    const now = this.#now();
    this.#prune(now);
    let times = this.#windows.get(key);
    if (!times) {
      times = [];
      this.#windows.set(key, times);
    }
    while (times.length > 0 && (times[0] as number) <= now - windowMs) times.shift();
    if (this.settings.enabled && times.length >= limit) {
      return { allowed: false, limit, used: times.length, remaining: 0 };
    }
    times.push(now);
    if (!this.settings.enabled) {
      // Nothing is refused, so the headers say so: clients that throttle from them (like this SDK) never wait
      // for a window the emulator does not enforce.
      return { allowed: true, limit: UNLIMITED, used: times.length, remaining: UNLIMITED - times.length };
    }
    return { allowed: true, limit, used: times.length, remaining: Math.max(0, limit - times.length) };
  }

  /** Forgets every window (a full reset). */
  reset(): void {
    this.#windows.clear();
  }

  /** Drops windows that have been idle for a whole window, so the map does not grow without bound. */
  #prune(now: number): void {
    if (this.#windows.size < 1000) return;
    for (const [key, times] of this.#windows) {
      const last = times[times.length - 1];
      if (last === undefined || last <= now - this.settings.windowMs) this.#windows.delete(key);
    }
  }
}
