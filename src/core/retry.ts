/**
 * The retry policy, as pure functions.
 *
 * Rules (a retry never duplicates a side effect; Discogs has no idempotency keys):
 * - GET, PUT, DELETE, and POSTs marked idempotent (edits such as listing, order, profile or folder updates)
 *   retry on 429, 500, 502, 503, 504, connection errors, timeouts and bodies cut off or unreadable.
 * - Any other POST (creates, messages, uploads, export requests) retries only on 429 (Discogs refused it before
 *   doing anything) and on connection failures that prove the request never reached the server
 *   (connection refused, DNS failure).
 * - Delay: `Retry-After` (seconds or HTTP-date) when the response has it and it is at most `maxDelayMs`
 *   (a longer one is not waited for: the error is thrown with `retryAfter` set); otherwise exponential backoff
 *   with full jitter, `random(0, min(maxDelayMs, baseDelayMs * 2^attempt))`.
 * - The caller's abort stops retrying at once.
 *
 * @module
 */

/** Backoff settings. */
export interface RetryTiming {
  /** First backoff ceiling in ms. @default 500 */
  baseDelayMs: number;
  /** Longest single wait in ms, also the longest `Retry-After` honoured. @default 60000 */
  maxDelayMs: number;
}

/** Default backoff settings. */
export const DEFAULT_RETRY_TIMING: RetryTiming = { baseDelayMs: 500, maxDelayMs: 60_000 };

/** HTTP statuses that may be retried. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Exponential backoff with full jitter: a uniform draw in `[0, min(max, base * 2^attempt)]`. */
export function backoffDelay(
  attempt: number,
  timing: RetryTiming,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** What went wrong with one attempt, for {@link shouldRetry}. */
export type AttemptFailure =
  | { kind: "status"; status: number }
  /** `neverSent`: the connection provably never reached the server (refused, DNS). */
  | { kind: "connection"; neverSent: boolean }
  | { kind: "timeout" }
  /** The status was 2xx but the body was cut off or unreadable. */
  | { kind: "body" };

/** Whether a failed attempt may be retried without risking a duplicated side effect. */
export function shouldRetry(method: string, idempotent: boolean, failure: AttemptFailure): boolean {
  const safe = method !== "POST" || idempotent;
  switch (failure.kind) {
    case "status":
      if (failure.status === 429) return true;
      return safe && RETRYABLE_STATUSES.has(failure.status);
    case "connection":
      return safe || failure.neverSent;
    case "timeout":
    case "body":
      return safe;
  }
}

const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "ENETUNREACH"]);

/** True when a fetch failure proves the request never reached the server (Node/undici error codes). */
export function isNeverSent(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NEVER_SENT_CODES.has(code)) return true;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0 && errors.every((x) => isNeverSent(x))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Parses a `Retry-After` value (delta-seconds or HTTP-date) into milliseconds from `now`.
 * Returns `null` for a missing or unparseable value; never negative.
 */
export function parseRetryAfterMs(value: string | null | undefined, now: number): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (v === "") return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.max(0, Math.round(Number(v) * 1000));
  const date = Date.parse(v);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
