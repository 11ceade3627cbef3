/**
 * One attempt: a limiter slot, the signed request, `fetch` under the per-attempt timeout, and the body read.
 * The slot is taken and settled here, in one `try`/`finally`: settled with what the response said, or given back
 * when the request never left the process (signing failed, aborted before sending).
 *
 * @module
 */

import { onAbort } from "./abort";
import { typedStream, type RawBody } from "./body";
import { DiscogsAbortError, DiscogsConnectionError, DiscogsError, DiscogsTimeoutError } from "./errors";
import { safeCall, type Hooks } from "./hooks";
import { parseRateLimitHeaders, type Limiter, type Priority, type RateLimitHeaders } from "./limiter";
import type { Log } from "./log";
import { redactUrl } from "./redact";
import type { HttpMethod } from "./request";
import { isNeverSent, parseRetryAfterMs, type AttemptFailure } from "./retry";

/** What attempts share for the life of a client. */
export interface AttemptDeps {
  fetch: typeof fetch;
  limiter: Limiter;
  hooks: Hooks;
  log: Log;
  /** Aborted by `client.close()`: cuts every attempt in flight. */
  closing: AbortSignal;
}

/** One attempt's request. */
export interface AttemptSpec {
  method: HttpMethod;
  url: URL;
  /** Every header but `Authorization`. */
  headers: Headers;
  body: BodyInit | undefined;
  /** The `Authorization` value for this URL (signed per attempt: OAuth signatures carry a nonce). */
  sign: (method: string, url: URL) => Promise<string | undefined>;
  /** Milliseconds for the headers and the body (for `stream`, the headers only). */
  timeout: number;
  /** How a 2xx body is read. Error bodies are always read as text. */
  read: "text" | "bytes" | "stream";
  /** The caller's signal (or the one shared by coalesced callers). */
  signal: AbortSignal | undefined;
  /** The lane in the rate-limit queue (undefined: the client's). */
  priority: Priority | undefined;
  /** 1-based. */
  attempt: number;
}

/** What came back: a response (any status) with its body, or a failure without a usable response. */
export type AttemptOutcome =
  | { kind: "response"; response: Response; raw: RawBody; retryAfterMs: number | null }
  | { kind: "failed"; failure: AttemptFailure; error: DiscogsError };

/** The error of a request made, or cut short, by a closed client. */
export function closedError(): DiscogsError {
  return new DiscogsError("The client is closed");
}

/** Throws the caller's abort, or the closed client's error, if either happened. */
export function throwIfStopped(signal: AbortSignal | undefined, closing: AbortSignal): void {
  if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
  if (closing.aborted) throw closedError();
}

/** Runs one attempt. Throws only for the caller's abort or a closed client; every other failure is an outcome. */
export async function runAttempt(deps: AttemptDeps, spec: AttemptSpec): Promise<AttemptOutcome> {
  throwIfStopped(spec.signal, deps.closing);
  const queuedAt = Date.now();
  const ticket = await deps.limiter.acquire(spec.signal, spec.priority).catch((e: unknown) => {
    throwIfStopped(spec.signal, deps.closing);
    throw e;
  });
  const waited = Date.now() - queuedAt;
  if (waited >= 10)
    deps.log.debug(`${spec.method} ${redactUrl(spec.url.toString())} waited ${waited} ms for the rate limit`);
  // Whether the request may have reached the server: not when it was never sent or provably never arrived
  // (connection refused, DNS failure); then its slot is given back, else it is settled.
  let reached = false;
  let status = 0;
  let rateLimit: RateLimitHeaders | null = null;
  try {
    throwIfStopped(spec.signal, deps.closing);
    const auth = await spec.sign(spec.method, spec.url);
    if (auth) spec.headers.set("Authorization", auth);
    throwIfStopped(spec.signal, deps.closing);
    reached = true;
    const sentAt = Date.now();
    const outcome = await exchange(deps, spec, (response, retryAfterMs) => {
      status = response.status;
      rateLimit = parseRateLimitHeaders(response.headers, retryAfterMs);
    });
    if (outcome.kind === "failed") {
      // The line an attempt without a (whole) response gets, like the "-> status" line of one with a response.
      deps.log.debug(
        `${spec.method} ${redactUrl(spec.url.toString())} -> failed (${outcome.failure.kind}) in ` +
          `${Date.now() - sentAt} ms (attempt ${spec.attempt})`,
      );
      if (outcome.failure.kind === "connection" && outcome.failure.neverSent) reached = false;
    }
    return outcome;
  } finally {
    if (reached) deps.limiter.settle(ticket, rateLimit, status);
    else deps.limiter.cancel(ticket);
  }
}

/** `fetch` under the timeout, with the caller's abort and the client's close wired in, then the body read. */
async function exchange(
  deps: AttemptDeps,
  spec: AttemptSpec,
  onHeaders: (response: Response, retryAfterMs: number | null) => void,
): Promise<AttemptOutcome> {
  const { method, url, signal } = spec;
  const shown = redactUrl(url.toString());
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, spec.timeout);
  const stop = () => controller.abort();
  const unsubscribeCaller = onAbort(signal, stop);
  const unsubscribeClosing = onAbort(deps.closing, stop);
  let streaming = false;
  const started = Date.now();
  safeCall(() => deps.hooks.onRequest?.({ method, url: shown, attempt: spec.attempt }));
  try {
    let response: Response;
    try {
      response = await deps.fetch(url.toString(), {
        method,
        headers: spec.headers,
        body: spec.body,
        signal: controller.signal,
        redirect: "manual",
      });
    } catch (e) {
      throwIfStopped(signal, deps.closing);
      return failed(timedOut, e, spec, "no response");
    }
    const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), Date.now());
    onHeaders(response, retryAfterMs);
    reportResponse(deps, spec, shown, response.status, Date.now() - started);
    if (response.ok && spec.read === "stream" && response.body) {
      // The caller reads the body: the timeout stops at the headers, the caller's abort stays wired until the
      // stream ends; a stream already handed out is left to the caller when the client closes.
      streaming = true;
      return {
        kind: "response",
        response,
        raw: { kind: "stream", stream: typedStream(response.body, url, signal, unsubscribeCaller) },
        retryAfterMs,
      };
    }
    return await readWhole(response, spec.read, retryAfterMs, (e) => {
      throwIfStopped(signal, deps.closing);
      return failed(timedOut, e, spec, "body");
    });
  } finally {
    clearTimeout(timer);
    unsubscribeClosing();
    if (!streaming) unsubscribeCaller();
  }
}

/**
 * Reads the whole body, as bytes when asked for and the response is a success, else as text. A success body cut
 * off is `cutOff`'s outcome; an error body that cannot be read still tells its status.
 */
async function readWhole(
  response: Response,
  read: AttemptSpec["read"],
  retryAfterMs: number | null,
  cutOff: (e: unknown) => AttemptOutcome,
): Promise<AttemptOutcome> {
  try {
    const raw: RawBody =
      response.ok && read === "bytes"
        ? { kind: "bytes", bytes: new Uint8Array(await response.arrayBuffer()) }
        : { kind: "text", text: await response.text() };
    return { kind: "response", response, raw, retryAfterMs };
  } catch (e) {
    const outcome = cutOff(e);
    return response.ok
      ? outcome
      : { kind: "response", response, raw: { kind: "text", text: "" }, retryAfterMs };
  }
}

/** Tells the `onResponse` hook and the debug log that a response's headers arrived. */
function reportResponse(
  deps: AttemptDeps,
  spec: AttemptSpec,
  shown: string,
  status: number,
  durationMs: number,
): void {
  const { method, attempt } = spec;
  safeCall(() => deps.hooks.onResponse?.({ method, url: shown, status, attempt, durationMs }));
  if (deps.log.enabled("debug"))
    deps.log.debug(`${method} ${shown} -> ${status} in ${durationMs} ms (attempt ${attempt})`);
}

/** The outcome of an attempt that got no usable response: a timeout, a connection error, or a cut-off body. */
function failed(
  timedOut: boolean,
  cause: unknown,
  spec: AttemptSpec,
  stage: "no response" | "body",
): AttemptOutcome {
  const { method } = spec;
  const url = spec.url.toString();
  if (timedOut) {
    return {
      kind: "failed",
      failure: { kind: "timeout" },
      error: new DiscogsTimeoutError({ method, url, timeout: spec.timeout }),
    };
  }
  if (stage === "body") {
    const error = new DiscogsConnectionError(
      `Connection lost while reading the response: ${method} ${redactUrl(url)}`,
      { method, url, cause },
    );
    return { kind: "failed", failure: { kind: "body" }, error };
  }
  const neverSent = isNeverSent(cause);
  const error = new DiscogsConnectionError(
    `Connection error: ${method} ${redactUrl(url)}${neverSent ? " (the server could not be reached)" : ""}`,
    { method, url, cause },
  );
  return { kind: "failed", failure: { kind: "connection", neverSent }, error };
}
