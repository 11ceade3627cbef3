/**
 * The retry loop: attempts until one answers with a usable 2xx, then hands back the response and its payload.
 * Decides, per failed attempt, whether to retry (the rules in `retry.ts`) and how long to wait; follows a
 * same-origin redirect of a GET and refuses every other redirect.
 *
 * @module
 */

import { onAbort } from "./abort";
import { runAttempt, throwIfStopped, type AttemptDeps, type AttemptOutcome } from "./attempt";
import { errorMessage, headersToRecord, parseJson, readPayload } from "./body";
import { DiscogsAPIError, DiscogsError } from "./errors";
import { safeCall } from "./hooks";
import { redactUrl } from "./redact";
import type { Priority } from "./limiter";
import type { APIRequest } from "./request";
import { backoffDelay, shouldRetry, type AttemptFailure, type RetryTiming } from "./retry";
import type { UrlResolver } from "./url";

/** What the retry loop needs beyond one attempt's. */
export interface SendDeps extends AttemptDeps {
  urls: UrlResolver;
  retry: RetryTiming;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One call, ready to send: everything checked and built before any slot is taken. */
export interface Prepared<T> {
  req: APIRequest<T>;
  url: URL;
  headers: Headers;
  body: BodyInit | undefined;
  sign: (method: string, url: URL) => Promise<string | undefined>;
  timeout: number;
  maxRetries: number;
  priority: Priority | undefined;
}

/** A usable answer: the response (body consumed unless streamed) and the payload before schema decoding. */
export interface Sent {
  response: Response;
  /** The URL that answered (after a same-origin redirect, the target). */
  url: URL;
  payload: unknown;
  /** The body text, for the cache (JSON responses only). */
  text: string | undefined;
}

/** The most same-origin redirects of a GET that are followed. */
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A failed attempt as the loop sees it. */
interface Failure {
  failure: AttemptFailure;
  error: DiscogsError;
  retryAfterMs: number | null;
  /** The response reported rate-limit budget left (`X-Discogs-Ratelimit-Remaining` above 0). */
  room?: boolean;
}

/** Sends `p`, retrying per the rules; throws the last attempt's error when no retry is left or allowed. */
export async function send<T>(
  deps: SendDeps,
  p: Prepared<T>,
  signal: AbortSignal | undefined,
): Promise<Sent> {
  const { req } = p;
  const idempotent = req.method !== "POST" || !!req.idempotent;
  const read = req.responseType === "bytes" ? "bytes" : req.responseType === "stream" ? "stream" : "text";
  let url = p.url;
  let redirects = 0;
  let retries = 0;
  for (let attempt = 1; ; attempt++) {
    const outcome = await runAttempt(deps, {
      method: req.method,
      url,
      headers: new Headers(p.headers),
      body: p.body,
      sign: p.sign,
      timeout: p.timeout,
      read,
      signal,
      priority: p.priority,
      attempt,
    });
    const answer = interpret(deps, p, url, outcome, attempt);
    if ("redirect" in answer) {
      if (++redirects > MAX_REDIRECTS)
        throw new DiscogsError(
          `Too many redirects (more than ${MAX_REDIRECTS}): ${req.method} ${redactUrl(p.url.toString())}`,
        );
      url = answer.redirect;
      continue;
    }
    if ("sent" in answer) return answer.sent;
    const { failure, error, retryAfterMs } = answer;
    if (retries >= p.maxRetries || !shouldRetry(req.method, idempotent, failure)) throw error;
    if (retryAfterMs !== null && retryAfterMs > deps.retry.maxDelayMs) throw error;
    retries++;
    // A 429 that says the budget is spent, under a throttling limiter: the limiter holds the next attempt until the
    // window allows it. A 429 whose headers report budget left is backed off like any other failure.
    const heldByLimiter =
      failure.kind === "status" && failure.status === 429 && deps.limiter.throttling && !answer.room;
    const delayMs = retryAfterMs ?? (heldByLimiter ? 0 : backoffDelay(retries - 1, deps.retry, deps.random));
    const reason = failure.kind === "status" ? `status:${failure.status}` : failure.kind;
    const shown = redactUrl(url.toString());
    safeCall(() => deps.hooks.onRetry?.({ method: req.method, url: shown, attempt, delayMs, reason }));
    deps.log.debug(
      `${req.method} ${shown} failed (${reason}); retry ${retries} of ${p.maxRetries} in ${delayMs} ms`,
    );
    await pause(deps, delayMs, signal);
  }
}

/** Reads an outcome: a usable answer, a redirect to follow, or a failure. */
function interpret<T>(
  deps: SendDeps,
  p: Prepared<T>,
  url: URL,
  outcome: AttemptOutcome,
  attempt: number,
): { sent: Sent } | { redirect: URL } | Failure {
  if (outcome.kind === "failed")
    return { failure: outcome.failure, error: outcome.error, retryAfterMs: null };
  const { response, raw, retryAfterMs } = outcome;
  const { req } = p;
  if (response.type === "opaqueredirect" || REDIRECTS.has(response.status))
    return { redirect: redirectTarget(deps, p, url, response) };
  // A custom fetch that follows redirects itself: refuse an answer from another origin.
  if (response.redirected && response.url) deps.urls.follow(response.url, url, "redirect target");
  if (response.ok) {
    try {
      const payload = readPayload(req, raw, { status: response.status, headers: response.headers, url });
      const text = raw.kind === "text" && (req.responseType ?? "json") === "json" ? raw.text : undefined;
      return { sent: { response, url, payload, text } };
    } catch (e) {
      if (!(e instanceof DiscogsAPIError)) throw e;
      return { failure: { kind: "body" }, error: e, retryAfterMs: null };
    }
  }
  const text = raw.kind === "text" ? raw.text : "";
  const parsed = parseJson(text);
  const shown = redactUrl(url.toString());
  if (response.status === 429) {
    safeCall(() => deps.hooks.onRateLimited?.({ method: req.method, url: shown, attempt, retryAfterMs }));
  }
  const error = DiscogsAPIError.from({
    status: response.status,
    message: errorMessage(response.status, response.statusText, text, parsed.ok ? parsed.value : undefined),
    body: parsed.ok ? parsed.value : text,
    headers: headersToRecord(response.headers),
    method: req.method,
    url: url.toString(),
    retryAfterMs,
  });
  const remaining = Number(response.headers.get("x-discogs-ratelimit-remaining") ?? NaN);
  return { failure: { kind: "status", status: response.status }, error, retryAfterMs, room: remaining > 0 };
}

/** Where a redirect may go: a GET to the same origin. Anything else is an error naming the target. */
function redirectTarget<T>(deps: SendDeps, p: Prepared<T>, url: URL, response: Response): URL {
  const { method } = p.req;
  const location = response.headers.get("location");
  if (response.type === "opaqueredirect" || !location) {
    throw new DiscogsError(
      `Discogs answered ${method} ${redactUrl(url.toString())} with a redirect (HTTP ${response.status || "3xx"}) ` +
        `whose target cannot be read here; it is not followed`,
    );
  }
  const target = deps.urls.follow(location, url, "redirect target");
  if (method !== "GET") {
    throw new DiscogsError(
      `Discogs redirected ${method} ${redactUrl(url.toString())} to ${redactUrl(target.toString())} ` +
        `(HTTP ${response.status}); a write is never re-sent to another URL`,
    );
  }
  return target;
}

/** The wait between retries, cut short by the caller's abort or by the client's close. */
async function pause(deps: SendDeps, ms: number, signal: AbortSignal | undefined): Promise<void> {
  const { closing } = deps;
  const both = new AbortController();
  const stop = () => both.abort();
  const unsubscribeCaller = onAbort(signal, stop);
  const unsubscribeClosing = onAbort(closing, stop);
  try {
    throwIfStopped(signal, closing);
    await deps.sleep(ms, both.signal);
  } catch (e) {
    throwIfStopped(signal, closing);
    throw e;
  } finally {
    unsubscribeCaller();
    unsubscribeClosing();
  }
}
