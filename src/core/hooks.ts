/**
 * Observability hooks: what they receive, and the guard that keeps a throwing hook from breaking a request.
 *
 * @module
 */

import type { ValidationWarning } from "./decode";
import type { RateLimitStoreEvent } from "./limiter-store";

/** Information passed to `hooks.onRetry`. */
export interface RetryEvent {
  method: string;
  /** URL with credentials removed. */
  url: string;
  /** The attempt that failed, 1-based. */
  attempt: number;
  /** Milliseconds until the next attempt. */
  delayMs: number;
  /** `status:503`, `connection`, `timeout`, `body`. */
  reason: string;
}

/** Observability hooks. Each is optional; exceptions thrown by hooks are ignored. URLs never carry credentials. */
export interface Hooks {
  /** Before each attempt is sent. */
  onRequest?: (e: { method: string; url: string; attempt: number }) => void;
  /** After each response (any status). */
  onResponse?: (e: {
    method: string;
    url: string;
    status: number;
    attempt: number;
    durationMs: number;
  }) => void;
  /** When a failed attempt will be retried. */
  onRetry?: (e: RetryEvent) => void;
  /** When a 429 is received (whether or not it is retried). */
  onRateLimited?: (e: { method: string; url: string; attempt: number; retryAfterMs: number | null }) => void;
  /** When the limiter makes a request wait: the estimated wait and the number of requests waiting. */
  onThrottled?: (e: { waitMs: number; queued: number }) => void;
  /**
   * A shared rate-limit store (`rateLimit.store`, e.g. Redis) became unreachable and this process fell back to
   * its own limiter (`state: "local"`), or it answers again and the shared budget is used (`"shared"`).
   */
  onRateLimitStore?: (e: RateLimitStoreEvent) => void;
  /** A response that does not fit its schema in `validation: "warn"` mode. */
  onValidationWarning?: (w: ValidationWarning) => void;
}

/** The hook names, for the unknown-key check of the `hooks` option. */
export const HOOK_NAMES: readonly (keyof Hooks)[] = [
  "onRequest",
  "onResponse",
  "onRetry",
  "onRateLimited",
  "onThrottled",
  "onRateLimitStore",
  "onValidationWarning",
];

/** Calls a hook, ignoring what it throws: hooks must not break requests. */
export function safeCall(fn: () => void): void {
  try {
    fn();
  } catch {
    // hooks must not break requests
  }
}
