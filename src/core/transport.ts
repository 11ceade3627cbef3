/**
 * The HTTP core: builds the URL and headers, signs, throttles, applies the per-attempt timeout, retries,
 * maps errors, parses and validates. Uses only `fetch`, `AbortController`, `URL` and Web Crypto.
 *
 * @module
 */

import { onAbort } from "./abort";
import { authorizationHeader, type ResolvedAuth } from "./auth";
import { decode, type Schema, type ValidationMode, type ValidationWarning } from "./decode";
import {
  DiscogsAbortError,
  DiscogsAPIError,
  DiscogsConnectionError,
  DiscogsError,
  DiscogsTimeoutError,
  parseRetryAfterMs,
} from "./errors";
import { parseRateLimitHeaders, type Limiter } from "./limiter";
import { redactUrl } from "./redact";
import { backoffDelay, isNeverSent, shouldRetry, type AttemptFailure, type RetryTiming } from "./retry";

/** HTTP methods Discogs uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** Options every SDK call accepts as its last argument. */
export interface RequestOptions {
  /** Aborts the call: while queued by the limiter, in flight, or between retries. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt. @default the client's `timeout` (30000) */
  timeout?: number | undefined;
  /** Retries after the first attempt. @default the client's `maxRetries` (3) */
  maxRetries?: number | undefined;
  /** Extra request headers, an object or a `Headers` (cannot override `Authorization`). */
  headers?: Record<string, string> | Headers | undefined;
  /** `false` bypasses the response cache for this call. @default true (when the client has a cache) */
  cache?: boolean | undefined;
}

/** Query parameter values; `undefined` and `null` are left out. */
export type QueryValue = string | number | boolean | null | undefined;

/** How to read a successful response. */
export type ResponseType = "json" | "text" | "bytes" | "stream" | "form" | "none";

/** One API call as resources describe it. */
export interface APIRequest<T = unknown> {
  method: HttpMethod;
  /** A path from `path\`...\`` (already encoded), or an absolute URL on the same origin (pagination). */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  /** A JSON body. */
  body?: unknown;
  /** A raw body (multipart upload, form), sent as is. */
  rawBody?: FormData | URLSearchParams | undefined;
  /** POSTs that are safe to repeat (edits). GET/PUT/DELETE are always idempotent. */
  idempotent?: boolean | undefined;
  /** @default "json" */
  responseType?: ResponseType | undefined;
  /** Schema to validate a JSON response with. */
  schema?: Schema<T> | undefined;
  /** Overrides the client's credentials (the OAuth flow signs with request tokens). */
  authHeader?: ((method: string, url: URL) => Promise<string | undefined>) | undefined;
  options?: RequestOptions | undefined;
}

/** Response metadata returned alongside the data. */
export interface ResponseMeta {
  status: number;
  headers: Headers;
  url: string;
}

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

/** Observability hooks. Each is optional; exceptions thrown by hooks are ignored. */
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
  /** When the limiter makes a request wait. */
  onThrottled?: (e: { waitMs: number; queued: number }) => void;
  /** A response that does not fit its schema in `validation: "warn"` mode. */
  onValidationWarning?: (w: ValidationWarning) => void;
}

/** Everything the transport needs, resolved by the client. */
export interface TransportConfig {
  baseUrl: string;
  userAgent: string;
  accept: string;
  timeout: number;
  maxRetries: number;
  retry: RetryTiming;
  fetch: typeof fetch;
  auth: ResolvedAuth;
  validation: ValidationMode;
  hooks: Hooks;
  limiter: Limiter;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  cache?: TransportCache | undefined;
  /** Identity key of the credentials (hash), for the cache and coalescing. */
  identity: () => Promise<string>;
}

/** The cache seam the transport drives (implemented in `cache.ts`). */
export interface TransportCache {
  /** A fresh cached body for `key`, or undefined. */
  get(key: string): Promise<string | undefined>;
  /** Stores a successful GET body. */
  set(key: string, url: URL, body: string): Promise<void>;
  /** Drops the cached GETs a successful write affects. */
  invalidate(method: HttpMethod, url: URL): Promise<void>;
}

export { DiscogsAbortError };

/** Sleeps `ms`, rejecting with {@link DiscogsAbortError} when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DiscogsAbortError(signal.reason));
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
    const unsubscribe = onAbort(signal, () => {
      clearTimeout(timer);
      reject(new DiscogsAbortError(signal!.reason));
    });
  });
}

function headersToRecord(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => {
    out[k.toLowerCase()] = v;
  });
  return out;
}

/** A short readable message from an error body: Discogs' `message`, an HTML page's title, or the text. */
export function errorMessage(status: number, statusText: string, text: string, json: unknown): string {
  if (json && typeof json === "object" && typeof (json as { message?: unknown }).message === "string") {
    return (json as { message: string }).message;
  }
  const trimmed = text.trim();
  if (trimmed === "") return `HTTP ${status}${statusText ? " " + statusText : ""} (empty body)`;
  if (/^<!doctype html|^<html|<body/i.test(trimmed)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed)?.[1]?.trim();
    const plain = (title || trimmed.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim().slice(0, 200);
    return `HTTP ${status}${statusText ? " " + statusText : ""}: ${plain || "HTML error page"}`;
  }
  return `HTTP ${status}: ${trimmed.replace(/\s+/g, " ").slice(0, 200)}`;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === "") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The error of a request made, or cut short, by a closed client. */
function closedError(): DiscogsError {
  return new DiscogsError("The client is closed");
}

/** Does the HTTP work for one client. */
export class Transport {
  readonly config: TransportConfig;
  readonly #inflight = new Map<string, InflightEntry>();
  readonly #base: URL;
  /** Aborted by {@link Transport.close}: cuts every attempt in flight and every wait between retries. */
  readonly #closing = new AbortController();

  constructor(config: TransportConfig) {
    this.config = config;
    this.#base = new URL(config.baseUrl.endsWith("/") ? config.baseUrl : config.baseUrl + "/");
  }

  /**
   * Aborts every request in flight (their sockets and timers are released at once) and refuses new ones: each
   * fails with "The client is closed". A download stream already handed to the caller is left to the caller.
   */
  close(): void {
    if (!this.#closing.signal.aborted) this.#closing.abort(closedError());
  }

  /** Resolves a request path (or same-origin absolute URL) and query into a URL. */
  buildUrl(path: string, query?: Record<string, QueryValue>): URL {
    // Absolute URLs (pagination `next` links): keep only path and query, resolved against the base URL's
    // origin, so that credentials are never sent to another host.
    const url = /^https?:\/\//i.test(path)
      ? ((abs) => new URL(abs.pathname + abs.search, this.#base.origin))(new URL(path))
      : new URL(path.replace(/^\//, ""), this.#base);
    if (query) {
      for (const [k, v] of Object.entries(query)) {
        if (v === undefined || v === null) continue;
        url.searchParams.set(k, String(v));
      }
    }
    return url;
  }

  /** Sends a request and returns the decoded data with response metadata. */
  async request<T>(req: APIRequest<T>): Promise<{ data: T; meta: ResponseMeta }> {
    const opts = checkRequestOptions(req.options);
    const url = this.buildUrl(req.path, req.query);
    if (opts.signal?.aborted) throw new DiscogsAbortError(opts.signal.reason);
    const responseType = req.responseType ?? "json";
    if (req.method !== "GET" || (responseType !== "json" && responseType !== "text")) {
      if (req.method === "GET") return (await this.#send(req, url, opts, undefined, opts.signal)) as never;
      try {
        return (await this.#send(req, url, opts, undefined, opts.signal)) as never;
      } finally {
        // Also after a failed write (it may have been applied before a timeout); GETs already in flight are
        // no longer joined: they may carry the state from before the write.
        this.#inflight.clear();
        if (this.config.cache) await this.config.cache.invalidate(req.method, url);
      }
    }
    const identity = await this.config.identity();
    const useCache = !!this.config.cache && opts.cache !== false;
    const cacheKey = `GET ${url.toString()} ${identity}`;
    if (useCache) {
      const hit = await this.config.cache!.get(cacheKey);
      if (hit !== undefined) {
        return {
          data: this.#read(req, url, hit),
          meta: { status: 200, headers: new Headers(), url: url.toString() },
        };
      }
    }
    // Identical GETs in flight at the same time share one HTTP request. The shared request is aborted only
    // when every caller waiting on it has aborted.
    const key = `${identity} ${responseType} ${useCache ? "c" : "n"} ${url.toString()}`;
    let entry = this.#inflight.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: InflightEntry = {
        controller,
        waiters: 0,
        promise: this.#send(req, url, opts, useCache ? cacheKey : undefined, controller.signal),
      };
      entry = created;
      this.#inflight.set(key, created);
      const done = () => {
        if (this.#inflight.get(key) === created) this.#inflight.delete(key);
      };
      created.promise.then(done, done);
    }
    return (await joinInflight(entry, opts.signal)) as { data: T; meta: ResponseMeta };
  }

  #read<T>(req: APIRequest<T>, url: URL, text: string): T {
    const responseType = req.responseType ?? "json";
    if (responseType === "text") return text as T;
    const parsed = tryJson(text);
    if (!parsed.ok) {
      throw new DiscogsAPIError({
        status: 200,
        message: `Discogs sent a response that is not valid JSON (${text.length} bytes)`,
        body: text,
        headers: {},
        method: req.method,
        url: url.toString(),
      });
    }
    return decode(req.schema, parsed.value, this.config.validation, `${req.method} ${url.pathname}`, (w) =>
      this.#warn(w),
    );
  }

  /** The wait between retries, cut short by the caller's abort or by {@link Transport.close}. */
  async #sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    const closing = this.#closing.signal;
    if (closing.aborted) throw closedError();
    const both = new AbortController();
    const forward = () => both.abort();
    const unsubscribeSignal = onAbort(signal, forward);
    const unsubscribeClosing = onAbort(closing, forward);
    if (signal?.aborted) both.abort();
    try {
      await this.config.sleep(ms, both.signal);
    } catch (e) {
      if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
      if (closing.aborted) throw closedError();
      throw e;
    } finally {
      unsubscribeSignal();
      unsubscribeClosing();
    }
  }

  #warn(w: ValidationWarning): void {
    const hook = this.config.hooks.onValidationWarning;
    if (hook) safeCall(() => hook(w));
    else
      console.warn(
        `[discogs-sdk] response of ${w.endpoint} does not match its schema: ${w.issues.join("; ")}`,
      );
  }

  async #send<T>(
    req: APIRequest<T>,
    url: URL,
    opts: RequestOptions,
    cacheKey: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ data: unknown; meta: ResponseMeta }> {
    const { config } = this;
    const maxRetries = opts.maxRetries ?? config.maxRetries;
    const timeout = opts.timeout ?? config.timeout;
    const idempotent = req.method !== "POST" || !!req.idempotent;
    const responseType = req.responseType ?? "json";
    const safeUrl = redactUrl(url.toString());

    const closing = this.#closing.signal;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
      if (closing.aborted) throw closedError();
      const ticket = await config.limiter.acquire(signal).catch((e: unknown) => {
        if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
        throw e;
      });

      const headers = new Headers();
      headers.set("User-Agent", config.userAgent);
      headers.set("Accept", config.accept);
      const extra = opts.headers instanceof Headers ? Object.fromEntries(opts.headers) : (opts.headers ?? {});
      for (const [k, v] of Object.entries(extra)) {
        if (k.toLowerCase() !== "authorization") headers.set(k, v);
      }
      let body: BodyInit | undefined;
      if (req.rawBody !== undefined) {
        body = req.rawBody;
      } else if (req.body !== undefined) {
        headers.set("Content-Type", "application/json");
        body = JSON.stringify(req.body);
      }
      const auth = req.authHeader
        ? await req.authHeader(req.method, url)
        : await authorizationHeader(config.auth, req.method, url);
      if (auth) headers.set("Authorization", auth);

      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeout);
      const abortAttempt = () => controller.abort();
      const unsubscribeSignal = onAbort(signal, abortAttempt);
      let unsubscribeClosing = onAbort(closing, abortAttempt);
      // Aborted while the limiter or the signing let it through: the listener above will never fire.
      if (signal?.aborted || closing.aborted) controller.abort();
      const started = Date.now();
      safeCall(() => config.hooks.onRequest?.({ method: req.method, url: safeUrl, attempt: attempt + 1 }));

      let failure: AttemptFailure | undefined;
      let lastError: Error;
      let keepListener = false;
      let retryAfterMs: number | null = null;
      try {
        let res: Response;
        try {
          res = await config.fetch(url.toString(), {
            method: req.method,
            headers,
            body,
            signal: controller.signal,
          });
        } catch (e) {
          config.limiter.update(null, 0, ticket); // no response: the attempt's slot is released, nothing learned
          if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
          if (closing.aborted) throw closedError();
          if (timedOut) {
            failure = { kind: "timeout" };
            lastError = new DiscogsTimeoutError({ method: req.method, url: url.toString(), timeout });
          } else {
            const neverSent = isNeverSent(e);
            failure = { kind: "connection", neverSent };
            lastError = new DiscogsConnectionError(
              `Connection error: ${req.method} ${safeUrl}${neverSent ? " (the server could not be reached)" : ""}`,
              { method: req.method, url: url.toString(), cause: e },
            );
          }
          throw lastError;
        }
        config.limiter.update(parseRateLimitHeaders(res.headers), res.status, ticket);
        safeCall(() =>
          config.hooks.onResponse?.({
            method: req.method,
            url: safeUrl,
            status: res.status,
            attempt: attempt + 1,
            durationMs: Date.now() - started,
          }),
        );

        if (res.ok) {
          if (responseType === "stream") {
            // The caller reads the body; the timeout no longer applies once headers arrived, the abort does.
            keepListener = true;
            unsubscribeClosing();
            unsubscribeClosing = () => {};
            return { data: res, meta: { status: res.status, headers: res.headers, url: url.toString() } };
          }
          let payload: unknown;
          try {
            if (responseType === "bytes") payload = new Uint8Array(await res.arrayBuffer());
            else {
              const text = await res.text();
              if (responseType === "none" || res.status === 204) payload = undefined;
              else if (responseType === "text") payload = text;
              else if (responseType === "form") payload = new URLSearchParams(text);
              else {
                const parsed = tryJson(text);
                if (!parsed.ok) {
                  // An empty body is a valid answer to a write only when no model is expected from it.
                  if (text === "" && req.method !== "GET" && !req.schema) {
                    payload = undefined;
                  } else {
                    failure = { kind: "body" };
                    lastError = new DiscogsAPIError({
                      status: res.status,
                      message:
                        text === ""
                          ? `Discogs sent an empty body where JSON was expected: ${req.method} ${safeUrl}`
                          : `Discogs sent a response that is not valid JSON (${text.length} bytes, probably cut off): ${req.method} ${safeUrl}`,
                      body: text,
                      headers: headersToRecord(res.headers),
                      method: req.method,
                      url: url.toString(),
                    });
                    throw lastError;
                  }
                } else {
                  payload = decode(
                    req.schema,
                    parsed.value,
                    config.validation,
                    `${req.method} ${url.pathname}`,
                    (w) => this.#warn(w),
                  );
                  // Stored once it decoded: a response rejected by strict validation is not served again.
                  if (cacheKey && config.cache) await config.cache.set(cacheKey, url, text);
                }
              }
            }
          } catch (e) {
            if (e instanceof DiscogsError) throw e;
            if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
            if (closing.aborted) throw closedError();
            failure = timedOut ? { kind: "timeout" } : { kind: "body" };
            lastError = timedOut
              ? new DiscogsTimeoutError({ method: req.method, url: url.toString(), timeout })
              : new DiscogsConnectionError(
                  `Connection lost while reading the response: ${req.method} ${safeUrl}`,
                  {
                    method: req.method,
                    url: url.toString(),
                    cause: e,
                  },
                );
            throw lastError;
          }
          return { data: payload, meta: { status: res.status, headers: res.headers, url: url.toString() } };
        }

        // Error status: read the body as text, never fail on a non-JSON body.
        let text = "";
        try {
          text = await res.text();
        } catch {
          text = "";
        }
        const parsed = tryJson(text);
        const json = parsed.ok ? parsed.value : undefined;
        retryAfterMs = parseRetryAfterMs(res.headers.get("retry-after"), Date.now());
        if (res.status === 429) {
          safeCall(() =>
            config.hooks.onRateLimited?.({
              method: req.method,
              url: safeUrl,
              attempt: attempt + 1,
              retryAfterMs,
            }),
          );
        }
        failure = { kind: "status", status: res.status };
        lastError = DiscogsAPIError.from({
          status: res.status,
          message: errorMessage(res.status, res.statusText, text, json),
          body: parsed.ok ? json : text,
          headers: headersToRecord(res.headers),
          method: req.method,
          url: url.toString(),
        });
        throw lastError;
      } catch (e) {
        if (e instanceof DiscogsAbortError) throw e;
        if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
        // failure/lastError are set on every deliberate throw above; anything else is a bug surfaced as is.
        if (!(e instanceof DiscogsError) || failure === undefined) throw e;
        const err = e;
        const why = failure;
        if (attempt >= maxRetries || !shouldRetry(req.method, idempotent, failure)) throw err;
        if (retryAfterMs !== null && retryAfterMs > config.retry.maxDelayMs) throw err;
        // A 429 under a throttling limiter: the limiter now holds the next attempt until the window allows it.
        const heldByLimiter =
          why.kind === "status" && why.status === 429 && config.limiter.throttling === true;
        const delayMs =
          retryAfterMs ?? (heldByLimiter ? 0 : backoffDelay(attempt, config.retry, config.random));
        safeCall(() =>
          config.hooks.onRetry?.({
            method: req.method,
            url: safeUrl,
            attempt: attempt + 1,
            delayMs,
            reason: why.kind === "status" ? `status:${why.status}` : why.kind,
          }),
        );
        clearTimeout(timer);
        await this.#sleep(delayMs, signal);
      } finally {
        clearTimeout(timer);
        unsubscribeClosing();
        if (!keepListener) unsubscribeSignal();
      }
    }
  }
}

/**
 * Checks the per-request options every method takes last (a TypeError naming the option, before any request):
 * a bad `timeout` or `maxRetries` would otherwise time out at once or retry without end.
 */
export function checkRequestOptions(options: RequestOptions | undefined): RequestOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`options must be an object, got ${options === null ? "null" : typeof options}`);
  }
  const { signal, timeout, maxRetries, headers, cache } = options;
  if (
    signal !== undefined &&
    (signal === null ||
      typeof signal !== "object" ||
      typeof (signal as { aborted?: unknown }).aborted !== "boolean" ||
      typeof (signal as { addEventListener?: unknown }).addEventListener !== "function")
  ) {
    throw new TypeError("options.signal must be an AbortSignal");
  }
  if (timeout !== undefined && (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0)) {
    throw new TypeError(`options.timeout must be a positive number of milliseconds, got ${String(timeout)}`);
  }
  if (maxRetries !== undefined && (!Number.isInteger(maxRetries) || maxRetries < 0)) {
    throw new TypeError(`options.maxRetries must be a non-negative integer, got ${String(maxRetries)}`);
  }
  if (
    headers !== undefined &&
    !(headers instanceof Headers) &&
    (headers === null ||
      typeof headers !== "object" ||
      Array.isArray(headers) ||
      Object.values(headers).some((v) => typeof v !== "string"))
  ) {
    throw new TypeError("options.headers must be an object of header names to string values");
  }
  if (cache !== undefined && typeof cache !== "boolean") {
    throw new TypeError(`options.cache must be a boolean, got ${String(cache)}`);
  }
  return options;
}

function safeCall(fn: () => void): void {
  try {
    fn();
  } catch {
    // hooks must not break requests
  }
}

interface InflightEntry {
  promise: Promise<{ data: unknown; meta: ResponseMeta }>;
  controller: AbortController;
  waiters: number;
}

function joinInflight(
  entry: InflightEntry,
  signal?: AbortSignal,
): Promise<{ data: unknown; meta: ResponseMeta }> {
  const p = entry.promise;
  entry.waiters++;
  if (!signal) return p;
  const leave = () => {
    entry.waiters--;
    if (entry.waiters === 0) entry.controller.abort(signal.reason);
  };
  if (signal.aborted) {
    leave();
    return Promise.reject(new DiscogsAbortError(signal.reason));
  }
  return new Promise((resolve, reject) => {
    const unsubscribe = onAbort(signal, () => {
      leave();
      reject(new DiscogsAbortError(signal.reason));
    });
    p.then(
      (v) => {
        unsubscribe();
        resolve(v);
      },
      (e: unknown) => {
        unsubscribe();
        reject(e);
      },
    );
  });
}
