/**
 * The `Discogs` client.
 *
 * @module
 */

import { APIPromise } from "./core/api-promise";
import { identityKey, type AuthMode, type ResolvedAuth } from "./core/auth";
import { createCache, type ClientCache } from "./core/cache";
import { resolveClientConfig, type ClientOptions } from "./core/config";
import { createLimiter, type Limiter, type RateLimitSnapshot } from "./core/limiter";
import type { Log } from "./core/log";
import { checkKeys, REQUEST_OPTION_KEYS } from "./core/params";
import { Paginator, type PaginatorConfig } from "./core/pagination";
import type { APIRequest, HttpMethod, QueryValue, RequestOptions, WithResponse } from "./core/request";
import { abortableSleep } from "./core/sleep";
import { Transport } from "./core/transport";
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
import type { Parser } from "./models/schema";

export type { ClientOptions, MediaType } from "./core/config";

/**
 * Options of the escape hatch ({@link Discogs.get}, `post`, `put`, `delete`): the request and the per-request
 * options. An unknown key is a `TypeError` naming it.
 */
export interface RawRequestOptions<T = unknown> extends RequestOptions {
  /** Query parameters (Discogs' own names); `undefined` and `null` are left out. @default none */
  query?: Record<string, QueryValue> | undefined;
  /** A JSON body (`post` and `put` only). @default none */
  body?: unknown;
  /** A model schema (e.g. `ReleaseSchema`) to validate and type the response with. @default none: `unknown` */
  schema?: Parser<T> | undefined;
  /**
   * `post` only (a `TypeError` elsewhere): `true` marks the POST as an edit that is safe to repeat, so it is
   * retried like a PUT. A POST is otherwise a create, never retried once it may have reached Discogs.
   * @default false
   */
  idempotent?: boolean | undefined;
}

const RAW_KEYS = ["query", "body", "schema", "idempotent", ...REQUEST_OPTION_KEYS] as const;

// `await using client = new Discogs()` needs `Symbol.asyncDispose` in the type of the client. It is declared here as
// @types/node declares it, so that the published types compile for users whose `lib` lacks `esnext.disposable`.
declare global {
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol;
  }
}

/** `Symbol.asyncDispose`, or its registered stand-in on runtimes that lack it. */
const asyncDispose: typeof Symbol.asyncDispose = ((Symbol as { asyncDispose?: symbol }).asyncDispose ??
  Symbol.for("Symbol.asyncDispose")) as typeof Symbol.asyncDispose;

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
  readonly #transport: Transport;
  /** The resource groups, each created on first use. */
  readonly #groups: {
    releases?: Releases;
    masters?: Masters;
    artists?: Artists;
    labels?: Labels;
    marketplace?: Marketplace;
    exports?: Exports;
    uploads?: Uploads;
    users?: Users;
    user?: CurrentUser;
    lists?: Lists;
  } = {};
  readonly #auth: ResolvedAuth;
  readonly #limiter: Limiter;
  readonly #cache: ClientCache | undefined;
  readonly #baseUrl: string;
  readonly #log: Log;
  #identity: Promise<string> | null = null;
  #closed = false;

  constructor(options: ClientOptions = {}) {
    const config = resolveClientConfig(options);
    this.#auth = config.auth;
    this.#baseUrl = config.baseUrl;
    this.#log = config.log;
    this.#limiter = createLimiter(options.rateLimit, {
      baseUrl: config.baseUrl,
      authenticated: config.auth.mode !== "none",
      onThrottled: config.hooks.onThrottled,
      priority: config.priority,
      log: config.log,
      onStoreChange: config.hooks.onRateLimitStore,
    });
    try {
      this.#cache = createCache(
        { cache: options.cache, cacheTtl: options.cacheTtl, cacheDir: options.cacheDir },
        (message) => this.#log.warn(message),
      );
    } catch (e) {
      this.#limiter.close(); // taken above: given back when the constructor fails
      throw e;
    }
    this.#transport = new Transport({
      ...config,
      limiter: this.#limiter,
      sleep: abortableSleep,
      random: Math.random,
      cache: this.#cache,
      identity: () => (this.#identity ??= identityKey(this.#auth)),
    });
  }

  /** Releases: `client.releases.get(id)`, with `.rating`, `.stats`, `.priceSuggestions`, `.marketplaceStats`. */
  get releases(): Releases {
    return (this.#groups.releases ??= new Releases(this));
  }
  /** Master releases: `client.masters.get(id)`, with `.versions`. */
  get masters(): Masters {
    return (this.#groups.masters ??= new Masters(this));
  }
  /** Artists: `client.artists.get(id)`, with `.releases`. */
  get artists(): Artists {
    return (this.#groups.artists ??= new Artists(this));
  }
  /** Labels: `client.labels.get(id)`, with `.releases`. */
  get labels(): Labels {
    return (this.#groups.labels ??= new Labels(this));
  }
  /** Marketplace: `.listings`, `.orders`, `.fee`. */
  get marketplace(): Marketplace {
    return (this.#groups.marketplace ??= new Marketplace(this));
  }
  /** Inventory exports. */
  get exports(): Exports {
    return (this.#groups.exports ??= new Exports(this));
  }
  /** Inventory uploads. */
  get uploads(): Uploads {
    return (this.#groups.uploads ??= new Uploads(this));
  }
  /** Users: profiles, inventory, submissions, contributions, lists, collection, wantlist. */
  get users(): Users {
    return (this.#groups.users ??= new Users(this));
  }
  /** The authenticated user: `client.user.identity()`. */
  get user(): CurrentUser {
    return (this.#groups.user ??= new CurrentUser(this));
  }
  /** Lists: `client.lists.get(id)`. */
  get lists(): Lists {
    return (this.#groups.lists ??= new Lists(this));
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
   * const page = await client.search({ query: "Nine Inch Nails", page: 2 }); // one request, one page
   * ```
   */
  search(params: SearchParams = {}, options?: RequestOptions): Paginator<SearchResult> {
    return search(this, params, options);
  }

  /**
   * The escape hatch: a GET of any path of the API (relative to `baseUrl`; an absolute URL must be on its origin),
   * through the same limiter, retries, cache, errors and redaction as every resource method. Resolves to the parsed
   * JSON: `unknown`, or the type of `options.schema` (which also validates it). Sent at once; `.withResponse()`
   * gives the same request's `Response`.
   *
   * @example
   * ```ts
   * const stats = await client.get("/releases/352665/stats"); // unknown: the parsed JSON
   * const release = await client.get("/releases/352665", { query: { curr_abbr: "EUR" }, schema: ReleaseSchema });
   * console.log(release.title);
   * ```
   */
  get<T = unknown>(path: string, options?: RawRequestOptions<T>): APIPromise<T> {
    return this.#raw("GET", path, options);
  }

  /**
   * A POST to any path of the API (see {@link Discogs.get}) with a JSON `body`. A POST is a create: it is never
   * retried once it may have reached Discogs, unless `idempotent: true` marks it as an edit. Like every write
   * through the escape hatch, it drops every cached response (the SDK cannot know what it changed).
   *
   * @example
   * ```ts
   * await client.post("/users/example/collection/folders", { body: { name: "Jazz" } });
   * ```
   */
  post<T = unknown>(path: string, options?: RawRequestOptions<T>): APIPromise<T> {
    return this.#raw("POST", path, options);
  }

  /**
   * A PUT to any path of the API (see {@link Discogs.get}) with a JSON `body`; retried like every idempotent
   * request. Drops every cached response.
   *
   * @example
   * ```ts
   * await client.put("/releases/352665/rating/example", { body: { rating: 5 } });
   * ```
   */
  put<T = unknown>(path: string, options?: RawRequestOptions<T>): APIPromise<T> {
    return this.#raw("PUT", path, options);
  }

  /**
   * A DELETE of any path of the API (see {@link Discogs.get}); retried like every idempotent request. Drops every
   * cached response.
   *
   * @example
   * ```ts
   * await client.delete("/releases/352665/rating/example");
   * ```
   */
  delete<T = unknown>(path: string, options?: RawRequestOptions<T>): APIPromise<T> {
    return this.#raw("DELETE", path, options);
  }

  #raw<T>(method: HttpMethod, path: string, options: RawRequestOptions<T> | undefined): APIPromise<T> {
    const name = method.toLowerCase();
    if (typeof path !== "string" || path.trim() === "")
      throw new TypeError(`${name}(path): path must be a non-empty string`);
    const o = options === undefined ? {} : options;
    if (o === null || typeof o !== "object" || Array.isArray(o))
      throw new TypeError(`${name}(path, options): options must be an object`);
    checkKeys(`${name}() options`, o, RAW_KEYS);
    const { query, body, schema, idempotent, ...requestOptions } = o;
    if (body !== undefined && (method === "GET" || method === "DELETE")) {
      throw new TypeError(`${name}() sends no body: put parameters in options.query`);
    }
    if (idempotent !== undefined && (method !== "POST" || typeof idempotent !== "boolean")) {
      throw new TypeError(
        `idempotent is a boolean of post() only (GET, PUT and DELETE are always retried as idempotent)`,
      );
    }
    // A write without an endpoint declaration drops every cached response (the transport's rule for such writes).
    return this._request<T>({
      method,
      path,
      query: checkQuery(name, query),
      body,
      schema,
      idempotent,
      options: requestOptions,
    });
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

  /** @internal Sends one request; the promise also offers `.withResponse()`. */
  _request<T>(req: APIRequest<T>): APIPromise<T> {
    return new APIPromise(this.#transport.request(req));
  }

  /** @internal Sends one request and resolves to the data with the `Response`. */
  _requestWithResponse<T>(req: APIRequest<T>): Promise<WithResponse<T>> {
    return this.#transport.request(req);
  }

  /** @internal Builds a paginator over a list endpoint. */
  _paginate<T>(config: PaginatorConfig<T>): Paginator<T> {
    return new Paginator<T>(
      (path, query, schema, options) =>
        this.#transport.request({ method: "GET", path, query, schema, options }),
      config,
    );
  }

  /** @internal The transport (the OAuth flow helpers, the origin checks of job locations). */
  get _transport(): Transport {
    return this.#transport;
  }
}

function checkQuery(name: string, query: unknown): Record<string, QueryValue> | undefined {
  if (query === undefined) return undefined;
  if (query === null || typeof query !== "object" || Array.isArray(query)) {
    throw new TypeError(`${name}() options.query must be an object of parameter names to values`);
  }
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && !["string", "number", "boolean"].includes(typeof v)) {
      throw new TypeError(
        `${name}() options.query.${k} must be a string, number or boolean, got ${typeof v}`,
      );
    }
    if (typeof v === "number" && !Number.isFinite(v))
      throw new TypeError(`${name}() options.query.${k} must be finite`);
  }
  return query as Record<string, QueryValue>;
}
