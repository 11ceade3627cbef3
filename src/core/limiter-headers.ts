/**
 * What a limiter and the transport exchange: the rate-limit headers of a response, the snapshot
 * `client.rateLimit` shows, the {@link Limiter} interface an attempt drives, and the limiter of
 * `rateLimit: false` ({@link HeaderTracker}, which only remembers the last headers).
 *
 * @module
 */

/** Which lane a request waits in: interactive requests go before background ones. */
export type Priority = "interactive" | "background";

/** The three rate-limit headers Discogs sends on every response, parsed. */
export interface RateLimitHeaders {
  /** `X-Discogs-Ratelimit`: requests allowed per window. */
  limit?: number;
  /** `X-Discogs-Ratelimit-Used`: requests made in the current window. */
  used?: number;
  /** `X-Discogs-Ratelimit-Remaining`: requests left in the current window. */
  remaining?: number;
  /** `Retry-After`, in ms from now, when the response has one (Discogs itself never sends it; proxies may). */
  retryAfterMs?: number;
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

/** Parses the rate-limit headers (with `Retry-After` as the attempt parsed it); null when none is present. */
export function parseRateLimitHeaders(
  headers: Headers,
  retryAfterMs: number | null = null,
): RateLimitHeaders | null {
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
  if (retryAfterMs !== null) out.retryAfterMs = retryAfterMs;
  return Object.keys(out).length === 0 ? null : out;
}

/** Names one attempt between {@link Limiter.acquire} and {@link Limiter.settle} or {@link Limiter.cancel}. */
export type AttemptTicket = number;

/** The interface an attempt drives: every `acquire` is followed by exactly one `settle` or `cancel`. */
export interface Limiter {
  /**
   * Resolves when one request may start, with a ticket to hand back; rejects on abort or when the queue refuses
   * the request. `priority` picks the lane (default: the client's).
   */
  acquire(signal?: AbortSignal, priority?: Priority): Promise<AttemptTicket>;
  /**
   * The attempt ended: the response's rate-limit headers and status (429 included), or status 0 when it got no
   * response (it may have reached the server).
   */
  settle(ticket: AttemptTicket | undefined, headers: RateLimitHeaders | null, status: number): void;
  /** The attempt never reached the server (never sent, or the connection was refused): its slot is given back. */
  cancel(ticket: AttemptTicket): void;
  /** The current view of the budget. */
  snapshot(): RateLimitSnapshot;
  /** Releases timers and pending waiters. */
  close(): void;
  /** True when `acquire` holds requests until the window allows them, so a 429 needs no extra backoff. */
  readonly throttling: boolean;
}

/** A limiter that never waits, only remembers the last headers (used when `rateLimit: false`). */
export class HeaderTracker implements Limiter {
  readonly throttling = false;
  #last: RateLimitSnapshot;
  constructor(limit: number) {
    this.#last = { limit, used: 0, remaining: limit, queued: 0 };
  }
  async acquire(signal?: AbortSignal): Promise<AttemptTicket> {
    signal?.throwIfAborted();
    return 0;
  }
  cancel(): void {}
  settle(_ticket: AttemptTicket | undefined, headers: RateLimitHeaders | null): void {
    if (!headers) return;
    const limit = headers.limit ?? this.#last.limit;
    const used =
      headers.used ?? (headers.remaining !== undefined ? limit - headers.remaining : this.#last.used);
    const remaining = headers.remaining ?? Math.max(0, limit - used);
    this.#last = { limit, used, remaining, queued: 0 };
  }
  snapshot(): RateLimitSnapshot {
    return { ...this.#last };
  }
  close(): void {}
}
