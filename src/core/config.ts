/**
 * The client's options: their types, defaults and checks. Every option is checked at construction, so that a
 * mistake is a `TypeError` naming it before any request: an unknown key, a per-request option in the client's
 * options, a value a header cannot carry, a base URL with user info.
 *
 * @module
 */

import { resolveAuth, secretValues, type CredentialOptions, type ResolvedAuth } from "./auth";
import type { ValidationMode } from "./decode";
import { checkHeaders, headerSafe } from "./headers";
import { HOOK_NAMES, type Hooks } from "./hooks";
import type { Priority, RateLimitOptions } from "./limiter";
import { createLog, type Log, type Logger, type LogLevel } from "./log";
import { checkKeys } from "./params";
import { secretScrubber } from "./redact";
import { DEFAULT_RETRY_TIMING, type RetryTiming } from "./retry";
import type { CacheStore } from "./cache-store";
import { parseBaseUrl } from "./url";
import { VERSION } from "../version";

/** Discogs' media types: how text fields with Discogs markup are rendered. */
export type MediaType = "discogs" | "html" | "plaintext";

/**
 * Options of `new Discogs(options)`. Every option is optional, and every one is checked at construction: an
 * unknown key (here or in `rateLimit`, `retry`, `hooks`) or a bad value is a `TypeError` naming it, with the
 * nearest valid key when one is close.
 */
export interface ClientOptions extends CredentialOptions {
  /**
   * API base URL (the emulator's `url` in tests): an absolute http(s) URL, which may have a path
   * (`https://proxy.example/discogs/`); user info, a query or a fragment is a `TypeError`. Credentials are sent to
   * its origin only. @default "https://api.discogs.com"
   */
  baseUrl?: string | undefined;
  /**
   * Your application's name and version, e.g. `"MyApp/1.0 +https://example.com"`. Discogs requires a
   * User-Agent that identifies the app; the SDK sends `"<userAgent> discogs-sdk/<version>"`. A value a header
   * cannot carry (a control character, a character above U+00FF) is a `TypeError` at construction.
   * @default none: only `discogs-sdk/<version>` is sent
   */
  userAgent?: string | undefined;
  /** Markup rendering, sent as `Accept: application/vnd.discogs.v2.<mediaType>+json`. @default "discogs" */
  mediaType?: MediaType | undefined;
  /** Milliseconds per attempt before the attempt is aborted with `DiscogsTimeoutError`. @default 30000 */
  timeout?: number | undefined;
  /** Retries after the first attempt (see the retry rules in the README). @default 3 */
  maxRetries?: number | undefined;
  /** Backoff timing of retries, in ms. @default { baseDelayMs: 500, maxDelayMs: 60000 } */
  retry?: Partial<RetryTiming> | undefined;
  /** A custom `fetch`; auth, headers, timeout, retries and rate limiting still apply. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /**
   * Extra headers sent with every request, an object or a `Headers` (not `Authorization`, `Content-Length` or
   * `Host`). A name that is not an HTTP token, or a value a header cannot carry, is a `TypeError` at construction
   * naming the header (never showing the value). @default none
   */
  headers?: Record<string, string> | Headers | undefined;
  /** Local throttling to Discogs' rate limit (see the README). @default true */
  rateLimit?: boolean | RateLimitOptions | undefined;
  /**
   * The lane of this client's requests in the rate-limit queue: `"background"` requests (exports, syncs) wait
   * behind `"interactive"` ones. Each call can override it. @default "interactive"
   */
  priority?: Priority | undefined;
  /** Response cache: `true` for memory, or a store of your own. @default false */
  cache?: boolean | CacheStore | undefined;
  /** Time to live of cached responses, in ms. @default 3600000 */
  cacheTtl?: number | undefined;
  /** Folder for a SQLite cache (`cache.db`, needs the optional `better-sqlite3`). @default none (memory) */
  cacheDir?: string | undefined;
  /** Response validation against the models. @default "strict" */
  validation?: ValidationMode | undefined;
  /** Observability hooks (requests, responses, retries, 429s, throttling, validation warnings). @default {} */
  hooks?: Hooks | undefined;
  /**
   * How much the SDK logs: `"off"`, `"error"`, `"warn"`, `"info"` or `"debug"` (each attempt's method, URL,
   * status, duration, retry and wait; never a credential). @default the `DISCOGS_LOG` environment variable, else "warn"
   */
  logLevel?: LogLevel | undefined;
  /** Where log lines go: any console-shaped object (`error`, `warn`, `info`, `debug`). @default console */
  logger?: Logger | undefined;
}

/** Every key of {@link ClientOptions}. */
export const CLIENT_OPTION_KEYS = [
  "token",
  "consumerKey",
  "consumerSecret",
  "accessToken",
  "accessTokenSecret",
  "oauthSignatureMethod",
  "baseUrl",
  "userAgent",
  "mediaType",
  "timeout",
  "maxRetries",
  "retry",
  "fetch",
  "headers",
  "rateLimit",
  "priority",
  "cache",
  "cacheTtl",
  "cacheDir",
  "validation",
  "hooks",
  "logLevel",
  "logger",
] as const satisfies readonly (keyof ClientOptions)[];

const MEDIA_TYPES: readonly MediaType[] = ["discogs", "html", "plaintext"];

/** The `Accept` header of a media type. */
export function acceptHeader(mediaType: MediaType): string {
  return `application/vnd.discogs.v2.${mediaType}+json`;
}

/** The `Accept` header of the default media type (`"discogs"`). */
export const DEFAULT_ACCEPT = acceptHeader("discogs");
const VALIDATION_MODES: readonly ValidationMode[] = ["strict", "warn", "off"];
/** The lanes of the rate-limit queue. */
export const PRIORITIES: readonly Priority[] = ["interactive", "background"];

/** What the client builds its transport, limiter and cache from. */
export interface ClientConfig {
  baseUrl: string;
  auth: ResolvedAuth;
  /** The full User-Agent value. */
  userAgent: string;
  accept: string;
  /** Extra headers sent with every request (checked, lower-cased names). */
  headers: Record<string, string>;
  timeout: number;
  maxRetries: number;
  retry: RetryTiming;
  fetch: typeof fetch;
  validation: ValidationMode;
  hooks: Hooks;
  priority: Priority;
  log: Log;
  /** Removes credentials from a message (applied to every error the transport throws and every log line). */
  scrub: (text: string) => string;
}

function positiveMs(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    throw new TypeError(`${name} must be a positive number of milliseconds, got ${String(v)}`);
  }
  return v;
}

function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (allowed.includes(v as T)) return v as T;
  throw new TypeError(
    `${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(v)}`,
  );
}

/** Checks every client option and resolves the defaults. */
export function resolveClientConfig(options: ClientOptions): ClientConfig {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError("options must be an object");
  }
  if ("signal" in options) {
    throw new TypeError(
      "signal is a per-request option: pass it in a call's options (its last argument), not to new Discogs()",
    );
  }
  checkKeys("new Discogs() options", options, CLIENT_OPTION_KEYS);
  const baseUrl = parseBaseUrl(options.baseUrl);
  const auth = resolveAuth(options);
  const scrub = secretScrubber(secretValues(auth));
  const userAgent =
    options.userAgent === undefined ? undefined : headerSafe("userAgent", options.userAgent).trim();
  const mediaType = oneOf("mediaType", options.mediaType, MEDIA_TYPES, "discogs");
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new TypeError(`maxRetries must be a non-negative integer, got ${String(maxRetries)}`);
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function")
    throw new TypeError("fetch must be a function (no global fetch found)");
  return {
    baseUrl,
    auth,
    userAgent: userAgent ? `${userAgent} discogs-sdk/${VERSION}` : `discogs-sdk/${VERSION}`,
    accept: acceptHeader(mediaType),
    headers: checkHeaders("headers", options.headers),
    timeout: positiveMs("timeout", options.timeout) ?? 30_000,
    maxRetries,
    retry: checkRetry(options.retry),
    fetch: (input, init) => fetchImpl(input, init),
    validation: oneOf("validation", options.validation, VALIDATION_MODES, "strict"),
    hooks: checkHooks(options.hooks),
    priority: oneOf("priority", options.priority, PRIORITIES, "interactive"),
    log: createLog(options.logLevel, options.logger, scrub),
    scrub,
  };
}

function checkRetry(retry: unknown): RetryTiming {
  if (retry === undefined) return DEFAULT_RETRY_TIMING;
  if (retry === null || typeof retry !== "object")
    throw new TypeError("retry must be an object { baseDelayMs?, maxDelayMs? }");
  checkKeys("retry", retry, ["baseDelayMs", "maxDelayMs"]);
  const r = retry as Partial<RetryTiming>;
  return {
    baseDelayMs: positiveMs("retry.baseDelayMs", r.baseDelayMs) ?? DEFAULT_RETRY_TIMING.baseDelayMs,
    maxDelayMs: positiveMs("retry.maxDelayMs", r.maxDelayMs) ?? DEFAULT_RETRY_TIMING.maxDelayMs,
  };
}

function checkHooks(hooks: unknown): Hooks {
  if (hooks === undefined) return {};
  if (hooks === null || typeof hooks !== "object")
    throw new TypeError("hooks must be an object of functions");
  checkKeys("hooks", hooks, HOOK_NAMES);
  for (const [name, fn] of Object.entries(hooks)) {
    if (fn !== undefined && typeof fn !== "function") throw new TypeError(`hooks.${name} must be a function`);
  }
  return hooks as Hooks;
}
