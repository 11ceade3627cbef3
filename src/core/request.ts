/**
 * What a request is, as resources and the escape hatch describe it, and the per-request options every call
 * takes last. Checked here, before anything is sent.
 *
 * @module
 */

import type { Schema } from "./decode";
import type { Priority } from "./limiter-headers";
import { checkHeaders } from "./headers";
import { checkKeys, REQUEST_OPTION_KEYS } from "./params";
import type { QueryValue } from "./url";

export type { QueryValue };

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
  /**
   * Extra request headers, an object or a `Headers`, merged over the client's `headers`. `Authorization`,
   * `Content-Length` and `Host` cannot be set. @default none
   */
  headers?: Record<string, string> | Headers | undefined;
  /** `false` bypasses the response cache for this call. @default true (when the client has a cache) */
  cache?: boolean | undefined;
  /**
   * The lane in the rate-limit queue: `"background"` waits behind `"interactive"`. @default the client's
   * `priority` ("interactive")
   */
  priority?: Priority | undefined;
}

/** How to read a successful response. */
export type ResponseType = "json" | "text" | "bytes" | "stream" | "form" | "none";

/** One API call as resources describe it. */
export interface APIRequest<T = unknown> {
  method: HttpMethod;
  /** A path (already encoded, relative to the base URL), or an absolute URL on the base URL's origin. */
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
  /**
   * The cached GET paths a write drops (from its endpoint declaration; `{*}` = any segment, a final `*` = and
   * everything below). Without it (the escape hatch), a write drops every cached response: the SDK cannot know
   * what it changed.
   */
  invalidates?: readonly string[] | undefined;
  /** Overrides the client's credentials (the OAuth flow signs with request tokens). */
  authHeader?: ((method: string, url: URL) => Promise<string | undefined>) | undefined;
  options?: RequestOptions | undefined;
}

/** What every request resolves to: the decoded data and the `Response` it came in (its body consumed). */
export interface WithResponse<T> {
  /** The decoded data. */
  data: T;
  /**
   * The HTTP response: status, headers (the rate-limit headers among them). Its body has been read. A response
   * served from the cache is a `Response` with status 200 and the header `x-discogs-sdk-cache: hit`.
   */
  response: Response;
}

/** The per-request options, checked, with `headers` as a plain object of lower-cased names. */
export interface CheckedOptions {
  signal: AbortSignal | undefined;
  timeout: number | undefined;
  maxRetries: number | undefined;
  headers: Record<string, string>;
  cache: boolean;
  priority: Priority | undefined;
}

/**
 * Checks the per-request options every method takes last: a `TypeError` naming the option, before any request.
 * An unknown key is refused (query parameters belong in the params argument).
 */
export function checkRequestOptions(options: unknown): CheckedOptions {
  if (options === undefined) {
    return {
      signal: undefined,
      timeout: undefined,
      maxRetries: undefined,
      headers: {},
      cache: true,
      priority: undefined,
    };
  }
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`options must be an object, got ${options === null ? "null" : typeof options}`);
  }
  checkKeys("options", options, REQUEST_OPTION_KEYS);
  const { signal, timeout, maxRetries, headers, cache, priority } = options as RequestOptions;
  if (signal !== undefined && !isAbortSignal(signal))
    throw new TypeError("options.signal must be an AbortSignal");
  if (timeout !== undefined && (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0)) {
    throw new TypeError(`options.timeout must be a positive number of milliseconds, got ${String(timeout)}`);
  }
  if (maxRetries !== undefined && (!Number.isInteger(maxRetries) || maxRetries < 0)) {
    throw new TypeError(`options.maxRetries must be a non-negative integer, got ${String(maxRetries)}`);
  }
  if (cache !== undefined && typeof cache !== "boolean") {
    throw new TypeError(`options.cache must be a boolean, got ${String(cache)}`);
  }
  if (priority !== undefined && priority !== "interactive" && priority !== "background") {
    throw new TypeError(
      `options.priority must be "interactive" or "background", got ${JSON.stringify(priority)}`,
    );
  }
  const checked = checkHeaders("options.headers", headers);
  return { signal, timeout, maxRetries, headers: checked, cache: cache !== false, priority };
}

function isAbortSignal(v: unknown): v is AbortSignal {
  return (
    v !== null &&
    typeof v === "object" &&
    typeof (v as { aborted?: unknown }).aborted === "boolean" &&
    typeof (v as { addEventListener?: unknown }).addEventListener === "function"
  );
}
