/**
 * Rate limiting. The transport calls {@link Limiter.acquire} before every attempt and
 * {@link Limiter.update} after every response.
 *
 * (Placeholder implementation: tracks the headers only. The throttling limiter replaces it.)
 *
 * @module
 */

/** The three rate-limit headers Discogs sends on every response, parsed. */
export interface RateLimitHeaders {
  /** `X-Discogs-Ratelimit`: requests allowed per window. */
  limit?: number;
  /** `X-Discogs-Ratelimit-Used`: requests made in the current window. */
  used?: number;
  /** `X-Discogs-Ratelimit-Remaining`: requests left in the current window. */
  remaining?: number;
}

/** What `client.rateLimit` returns. */
export interface RateLimitSnapshot {
  /** Requests allowed per window (learned from `X-Discogs-Ratelimit`, or assumed from the credentials). */
  limit: number;
  /** Requests counted in the current window. */
  used: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Requests of this process waiting in the local queue. */
  queued: number;
}

/** Parses the rate-limit headers; null when none is present. */
export function parseRateLimitHeaders(headers: Headers): RateLimitHeaders | null {
  const num = (name: string) => {
    const v = headers.get(name);
    if (v === null) return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const out: RateLimitHeaders = {};
  const limit = num("x-discogs-ratelimit");
  const used = num("x-discogs-ratelimit-used");
  const remaining = num("x-discogs-ratelimit-remaining");
  if (limit !== undefined) out.limit = limit;
  if (used !== undefined) out.used = used;
  if (remaining !== undefined) out.remaining = remaining;
  return limit === undefined && used === undefined && remaining === undefined ? null : out;
}

/** The interface the transport drives. */
export interface Limiter {
  /** Resolves when one request may start; rejects on abort or when the queue refuses the request. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Feeds back the response's headers and status (429 included). */
  update(headers: RateLimitHeaders | null, status: number): void;
  /** The current view of the budget. */
  snapshot(): RateLimitSnapshot;
  /** Releases timers and pending waiters. */
  close(): void;
}

/** A limiter that never waits, only remembers the last headers (used when `rateLimit: false`). */
export class HeaderTracker implements Limiter {
  #last: RateLimitSnapshot;
  constructor(limit: number) {
    this.#last = { limit, used: 0, remaining: limit, queued: 0 };
  }
  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
  }
  update(headers: RateLimitHeaders | null): void {
    if (!headers) return;
    const limit = headers.limit ?? this.#last.limit;
    const used = headers.used ?? (headers.remaining !== undefined ? limit - headers.remaining : this.#last.used);
    const remaining = headers.remaining ?? Math.max(0, limit - used);
    this.#last = { limit, used, remaining, queued: 0 };
  }
  snapshot(): RateLimitSnapshot {
    return { ...this.#last };
  }
  close(): void {}
}

/** Options of the `rateLimit` client option. */
export interface RateLimitOptions {
  /** Requests per window; overrides what the headers say (for tests that compress time). @default from `X-Discogs-Ratelimit`: 60 authenticated, 25 anonymous */
  limit?: number;
  /** Window length in ms. @default 60000 */
  windowMs?: number;
  /** Most requests that may wait in the queue; more are refused at once with `RateLimitQueueError`. @default Infinity */
  maxQueue?: number;
  /** Longest a request may wait in the queue, in ms; a longer wait is refused at once. @default Infinity */
  maxWaitMs?: number;
}

/** What the client tells the limiter factory. */
export interface LimiterContext {
  baseUrl: string;
  authenticated: boolean;
  onThrottled?: ((e: { waitMs: number; queued: number }) => void) | undefined;
}

/** Builds the limiter for a client. */
export function createLimiter(option: boolean | RateLimitOptions | undefined, ctx: LimiterContext): Limiter {
  const limit = (typeof option === "object" && option.limit) || (ctx.authenticated ? 60 : 25);
  return new HeaderTracker(limit);
}
