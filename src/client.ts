/**
 * The `Discogs` client.
 *
 * @module
 */

import {
  identityKey,
  resolveAuth,
  type AuthMode,
  type CredentialOptions,
  type ResolvedAuth,
} from "./core/auth";
import { createCache, type CacheStore, type ClientCache } from "./core/cache";
import type { Schema, ValidationMode } from "./core/decode";
import { createLimiter, type Limiter, type RateLimitOptions, type RateLimitSnapshot } from "./core/limiter";
import { Paginator, type PaginatorConfig } from "./core/pagination";
import { DEFAULT_RETRY_TIMING, type RetryTiming } from "./core/retry";
import {
  abortableSleep,
  Transport,
  type APIRequest,
  type Hooks,
  type QueryValue,
  type RequestOptions,
  type ResponseMeta,
} from "./core/transport";
import { Artists } from "./resources/database/artists";
import { Labels } from "./resources/database/labels";
import { Masters } from "./resources/database/masters";
import { Releases } from "./resources/database/releases";
import { search, type SearchParams } from "./resources/database/search";
import { Exports } from "./resources/inventory/exports";
import { Uploads } from "./resources/inventory/uploads";
import { Lists } from "./resources/lists";
import { Marketplace } from "./resources/marketplace";
import { CurrentUser } from "./resources/users/identity";
import { Users } from "./resources/users/users";
import type { SearchResult } from "./models/database";
import { VERSION } from "./version";

/** Discogs' media types: how text fields with Discogs markup are rendered. */
export type MediaType = "discogs" | "html" | "plaintext";

/** Options of `new Discogs(options)`. Every option is optional. */
export interface ClientOptions extends CredentialOptions {
  /** API base URL (the emulator's `url` in tests). @default "https://api.discogs.com" */
  baseUrl?: string;
  /**
   * Your application's name and version, e.g. `"MyApp/1.0 +https://example.com"`. Discogs requires a
   * User-Agent that identifies the app; the SDK sends `"<userAgent> discogs-sdk/<version>"`.
   * @default none: only `discogs-sdk/<version>` is sent
   */
  userAgent?: string;
  /** Markup rendering, sent as `Accept: application/vnd.discogs.v2.<mediaType>+json`. @default "discogs" */
  mediaType?: MediaType;
  /** Milliseconds per attempt before the attempt is aborted with `DiscogsTimeoutError`. @default 30000 */
  timeout?: number;
  /** Retries after the first attempt (see the retry rules in the README). @default 3 */
  maxRetries?: number;
  /** Backoff timing of retries, in ms. @default { baseDelayMs: 500, maxDelayMs: 60000 } */
  retry?: Partial<RetryTiming>;
  /** A custom `fetch`; auth, headers, timeout, retries and rate limiting still apply. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Local throttling to Discogs' rate limit (see the README). @default true */
  rateLimit?: boolean | RateLimitOptions;
  /** Response cache: `true` for memory, or a store of your own. @default false */
  cache?: boolean | CacheStore;
  /** Time to live of cached responses, in ms. @default 3600000 */
  cacheTtl?: number;
  /** Folder for a SQLite cache (`cache.db`, needs the optional `better-sqlite3`). @default none (memory) */
  cacheDir?: string;
  /** Response validation against the models. @default "strict" */
  validation?: ValidationMode;
  /** Observability hooks (requests, responses, retries, 429s, throttling, validation warnings). @default {} */
  hooks?: Hooks;
}

/** `Symbol.asyncDispose`, or its registered stand-in on runtimes that lack it. */
const asyncDispose: typeof Symbol.asyncDispose = ((Symbol as { asyncDispose?: symbol }).asyncDispose ??
  Symbol.for("Symbol.asyncDispose")) as typeof Symbol.asyncDispose;

const MEDIA_TYPES: readonly MediaType[] = ["discogs", "html", "plaintext"];
const VALIDATION_MODES: readonly ValidationMode[] = ["strict", "warn", "off"];

function checkPositive(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    throw new TypeError(`${name} must be a positive number of milliseconds, got ${String(v)}`);
  }
  return v;
}

/**
 * The Discogs API client.
 *
 * @example
 * ```ts
 * import { Discogs } from "discogs-sdk";
 * await using client = new Discogs({ userAgent: "MyApp/1.0" }); // token from DISCOGS_TOKEN
 * const release = await client.releases.get(352665);
 * console.log(`${release.title} (${release.year})`);
 * ```
 */
export class Discogs {
  /** Releases: `client.releases.get(id)`, with `.rating`, `.stats`, `.priceSuggestions`, `.marketplaceStats`. */
  readonly releases: Releases;
  /** Master releases: `client.masters.get(id)`, with `.versions`. */
  readonly masters: Masters;
  /** Artists: `client.artists.get(id)`, with `.releases`. */
  readonly artists: Artists;
  /** Labels: `client.labels.get(id)`, with `.releases`. */
  readonly labels: Labels;
  /** Marketplace: `.listings`, `.orders`, `.fee`. */
  readonly marketplace: Marketplace;
  /** Inventory exports. */
  readonly exports: Exports;
  /** Inventory uploads. */
  readonly uploads: Uploads;
  /** Users: profiles, inventory, submissions, contributions, lists, collection, wantlist. */
  readonly users: Users;
  /** The authenticated user: `client.user.identity()`. */
  readonly user: CurrentUser;
  /** Lists: `client.lists.get(id)`. */
  readonly lists: Lists;

  readonly #transport: Transport;
  readonly #auth: ResolvedAuth;
  readonly #limiter: Limiter;
  readonly #cache: ClientCache | undefined;
  readonly #baseUrl: string;
  #identity: Promise<string> | null = null;
  #closed = false;

  constructor(options: ClientOptions = {}) {
    if (options === null || typeof options !== "object") throw new TypeError("options must be an object");
    const baseUrl = options.baseUrl ?? "https://api.discogs.com";
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(String(baseUrl))}`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
    }
    if (
      options.userAgent !== undefined &&
      (typeof options.userAgent !== "string" || !options.userAgent.trim())
    ) {
      throw new TypeError("userAgent must be a non-empty string");
    }
    const mediaType = options.mediaType ?? "discogs";
    if (!MEDIA_TYPES.includes(mediaType)) {
      throw new TypeError(
        `mediaType must be one of "discogs", "html", "plaintext", got ${String(mediaType)}`,
      );
    }
    const validation = options.validation ?? "strict";
    if (!VALIDATION_MODES.includes(validation)) {
      throw new TypeError(`validation must be one of "strict", "warn", "off", got ${String(validation)}`);
    }
    const timeout = checkPositive("timeout", options.timeout) ?? 30_000;
    const maxRetries = options.maxRetries ?? 3;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new TypeError(`maxRetries must be a non-negative integer, got ${String(maxRetries)}`);
    }
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function")
      throw new TypeError("fetch must be a function (no global fetch found)");
    const retry: RetryTiming = {
      baseDelayMs:
        checkPositive("retry.baseDelayMs", options.retry?.baseDelayMs) ?? DEFAULT_RETRY_TIMING.baseDelayMs,
      maxDelayMs:
        checkPositive("retry.maxDelayMs", options.retry?.maxDelayMs) ?? DEFAULT_RETRY_TIMING.maxDelayMs,
    };

    this.#auth = resolveAuth(options);
    this.#baseUrl = parsed.toString().replace(/\/$/, "");
    const hooks = options.hooks ?? {};
    this.#limiter = createLimiter(options.rateLimit, {
      baseUrl: this.#baseUrl,
      authenticated: this.#auth.mode !== "none",
      onThrottled: hooks.onThrottled,
    });
    this.#cache = createCache({
      cache: options.cache,
      cacheTtl: options.cacheTtl,
      cacheDir: options.cacheDir,
    });
    const userAgent = options.userAgent
      ? `${options.userAgent.trim()} discogs-sdk/${VERSION}`
      : `discogs-sdk/${VERSION}`;
    this.#transport = new Transport({
      baseUrl: this.#baseUrl,
      userAgent,
      accept: `application/vnd.discogs.v2.${mediaType}+json`,
      timeout,
      maxRetries,
      retry,
      fetch: (input, init) => fetchImpl(input, init),
      auth: this.#auth,
      validation,
      hooks,
      limiter: this.#limiter,
      sleep: abortableSleep,
      random: Math.random,
      cache: this.#cache,
      identity: () => (this.#identity ??= identityKey(this.#auth)),
    });

    this.releases = new Releases(this);
    this.masters = new Masters(this);
    this.artists = new Artists(this);
    this.labels = new Labels(this);
    this.marketplace = new Marketplace(this);
    this.exports = new Exports(this);
    this.uploads = new Uploads(this);
    this.users = new Users(this);
    this.user = new CurrentUser(this);
    this.lists = new Lists(this);
  }

  /** The auth mode the credentials resolved to: `"none"`, `"token"`, `"key"` or `"oauth"`. */
  get authMode(): AuthMode {
    return this.#auth.mode;
  }

  /** The API base URL in use. */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  /** The rate-limit budget as last reported by Discogs' headers, plus the local queue length. */
  get rateLimit(): RateLimitSnapshot {
    return this.#limiter.snapshot();
  }

  /**
   * Searches the database. Returns a paginator of results; `query` is sent as `q`.
   *
   * @example
   * ```ts
   * for await (const r of client.search({ query: "Nine Inch Nails", type: "artist" })) console.log(r.title);
   * ```
   */
  search(params: SearchParams = {}, options?: RequestOptions): Paginator<SearchResult> {
    return search(this, params, options);
  }

  /** Empties the response cache (a no-op without one). */
  async clearCache(): Promise<void> {
    await this.#cache?.clear();
  }

  /**
   * Releases what the client holds (limiter timers, cache handles) and aborts the requests still in flight: they
   * fail with a `DiscogsError` "The client is closed", as does any later call. Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#transport.close(); // requests in flight fail with "The client is closed"; their sockets and timers go
    this.#limiter.close();
    await this.#cache?.close();
  }

  /** `await using client = new Discogs()` closes the client at the end of the scope. */
  async [asyncDispose](): Promise<void> {
    await this.close();
  }

  /** A description without credentials. */
  toString(): string {
    return `Discogs { baseUrl: ${this.#baseUrl}, auth: ${this.#auth.mode} }`;
  }

  /** JSON form without credentials. */
  toJSON(): { baseUrl: string; authMode: AuthMode } {
    return { baseUrl: this.#baseUrl, authMode: this.#auth.mode };
  }

  /** Node's `util.inspect` form without credentials. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** @internal Sends one request and returns the decoded data. */
  async _request<T>(req: APIRequest<T>): Promise<T> {
    return (await this.#transport.request(req)).data;
  }

  /** @internal Sends one request and returns the data with the response metadata. */
  _requestWithMeta<T>(req: APIRequest<T>): Promise<{ data: T; meta: ResponseMeta }> {
    return this.#transport.request(req);
  }

  /** @internal Builds a paginator over a list endpoint. */
  _paginate<T>(config: PaginatorConfig<T>): Paginator<T> {
    return new Paginator<T>(
      {
        getPage: (
          path: string,
          query: Record<string, QueryValue> | undefined,
          schema: Schema<unknown>,
          options?: RequestOptions,
        ) => this._request({ method: "GET", path, query, schema, options }),
      },
      config,
    );
  }

  /** @internal The transport (for the OAuth flow helpers). */
  get _transport(): Transport {
    return this.#transport;
  }
}
