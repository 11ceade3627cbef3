/**
 * How long a request may wait in the rate-limit queue: its client's bounds (`maxQueue`, `maxWaitMs`) judged
 * against the budget, and the one timer that wakes the queue.
 *
 * @module
 */

import type { Priority } from "./limiter-headers";
import type { RateLimitStoreEvent } from "./limiter-store";
import type { BudgetInfo } from "./budget-types";

export type { Priority };

/** The clock and timers the limiter uses; tests inject a fake one. */
export interface LimiterClock {
  /** Milliseconds, monotonic enough (Date.now). */
  now(): number;
  /** Calls `fn` after `ms`; returns a handle for {@link LimiterClock.clearTimer}. */
  setTimer(fn: () => void, ms: number): unknown;
  /** Cancels a timer. */
  clearTimer(handle: unknown): void;
}

/** The real clock: `Date.now` and `setTimeout`. */
export const realClock: LimiterClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** One client's settings, as its queue reads them. */
export interface QueueClient {
  readonly settings: {
    limit: number | undefined;
    windowMs: number | undefined;
    maxQueue: number;
    maxWaitMs: number;
    onThrottled: ((e: { waitMs: number; queued: number }) => void) | undefined;
    log?: { warn(message: string): void; info(message: string): void } | undefined;
    onStoreChange?: ((e: RateLimitStoreEvent) => void) | undefined;
  };
}

/** What the bounds say of a waiter: refused (why, and the message), or its estimated wait. */
export type Verdict = { refuse: "queue_full" | "max_wait"; message: string } | { waitMs: number };

/**
 * Judges the request at queue position `i`: refused when its client's `maxQueue` or `maxWaitMs` says so, else
 * its estimated wait (at least `retryInMs`, when the store said when to ask again).
 */
export function verdict(
  s: QueueClient["settings"],
  i: number,
  info: BudgetInfo,
  retryInMs: number,
  windowMs: number,
): Verdict {
  // maxQueue counts the requests waiting because the budget is spent, not those paced within it.
  const overBudget = Math.max(0, i - info.remaining);
  if (overBudget >= s.maxQueue && i >= info.remaining) {
    return {
      refuse: "queue_full",
      message: `The rate-limit queue is full: ${overBudget} requests already wait for the spent budget (rateLimit.maxQueue is ${s.maxQueue}). Send fewer requests at once or raise maxQueue.`,
    };
  }
  const waitMs = Math.max(info.waitMs, Number.isFinite(retryInMs) ? retryInMs : 0);
  if (waitMs > s.maxWaitMs) {
    return {
      refuse: "max_wait",
      message:
        `The rate limit would hold this request for about ${Math.ceil(waitMs)} ms, longer than rateLimit.maxWaitMs ` +
        `(${s.maxWaitMs} ms): ${info.limit} requests per ${windowMs} ms are allowed, ` +
        `${info.remaining} are left and ${i} requests are waiting ahead of it.`,
    };
  }
  return { waitMs };
}

/** One timer at a time: armed for the soonest time asked, cleared when nothing waits. It keeps the process alive as a pending request would. */
export class WakeTimer {
  readonly #clock: LimiterClock;
  readonly #wake: () => void;
  #timer: unknown = undefined;
  #at = Infinity;

  constructor(clock: LimiterClock, wake: () => void) {
    this.#clock = clock;
    this.#wake = wake;
  }

  /** Fires `wake` in `ms` (Infinity: never), unless already set to fire sooner. */
  arm(ms: number): void {
    if (ms === Infinity) {
      this.clear();
      return;
    }
    const at = this.#clock.now() + ms;
    if (this.#timer !== undefined && this.#at <= at) return;
    this.clear();
    this.#at = at;
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = undefined;
      this.#at = Infinity;
      this.#wake();
    }, ms);
  }

  /** Cancels the timer, if set. */
  clear(): void {
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
    this.#at = Infinity;
  }

  /** Whether the timer is set. */
  get pending(): boolean {
    return this.#timer !== undefined;
  }
}
