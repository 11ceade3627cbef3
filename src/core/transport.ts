/**
 * The request pipeline, top to bottom:
 *
 * 1. {@link Transport.request} checks the call (options, URL on the base origin, headers, body): bad input is
 *    refused here, before any slot or request.
 * 2. GETs of JSON or text go through the cache and the in-flight coalescing (`coalesce.ts`); a cache hit is
 *    decoded like a network body.
 * 3. `send.ts` runs the retry loop; each attempt (`attempt.ts`) takes a limiter slot, signs, fetches under the
 *    timeout, reads the body and settles the slot, in one `try`/`finally`.
 * 4. The payload is decoded through the models (`body.ts`); a successful write invalidates the cache.
 *
 * Uses only `fetch`, `AbortController`, `URL` and Web Crypto.
 *
 * @module
 */

import { closedError, throwIfStopped } from "./attempt";
import type { TransportCache } from "./cache-store";
import { authorizationHeader } from "./auth";
import { decodeJson, parseJson } from "./body";
import { Inflight } from "./coalesce";
import { DEFAULT_ACCEPT, type ClientConfig } from "./config";
import type { ValidationWarning } from "./decode";
import { safeCall } from "./hooks";
import type { Limiter } from "./limiter";
import { scrubError } from "./redact";
import {
  checkRequestOptions,
  type APIRequest,
  type CheckedOptions,
  type HttpMethod,
  type WithResponse,
} from "./request";
import { send, type Prepared, type SendDeps, type Sent } from "./send";
import { UrlResolver } from "./url";

export type { TransportCache } from "./cache-store";
export type {
  APIRequest,
  HttpMethod,
  RequestOptions,
  ResponseType,
  QueryValue,
  WithResponse,
} from "./request";
export type { Hooks, RetryEvent } from "./hooks";

/** Everything the transport needs, resolved and checked by the client. */
export interface TransportConfig extends Omit<ClientConfig, "priority"> {
  limiter: Limiter;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  cache?: TransportCache | undefined;
  /** Identity key of the credentials (a hash), for the cache and coalescing. */
  identity: () => Promise<string>;
}

/** The drop path of a write the SDK has no declaration for: everything below the base URL. */
const DROP_ALL: readonly string[] = ["*"];

/** The `Response` a cache hit resolves `.withResponse()` to. */
function cachedResponse(): Response {
  return new Response(null, { status: 200, headers: { "x-discogs-sdk-cache": "hit" } });
}

/** Does the HTTP work for one client. */
export class Transport {
  readonly config: TransportConfig;
  /** Resolves paths and links against the base URL, refusing other origins. */
  readonly urls: UrlResolver;
  readonly #inflight = new Inflight<WithResponse<unknown>>();
  /** Aborted by {@link Transport.close}: cuts every attempt in flight and every wait between retries. */
  readonly #closing = new AbortController();
  readonly #deps: SendDeps;

  constructor(config: TransportConfig) {
    this.config = config;
    this.urls = new UrlResolver(config.baseUrl);
    const { fetch, limiter, hooks, log, retry, random, sleep } = config;
    this.#deps = {
      fetch,
      limiter,
      hooks,
      log,
      retry,
      random,
      sleep,
      urls: this.urls,
      closing: this.#closing.signal,
    };
  }

  /**
   * Aborts every request in flight (their sockets and timers are released at once) and refuses new ones: each
   * fails with "The client is closed". A download stream already handed to the caller is left to the caller.
   */
  close(): void {
    if (!this.#closing.signal.aborted) this.#closing.abort(closedError());
  }

  /** Sends a request and resolves to the decoded data with the `Response`. */
  async request<T>(req: APIRequest<T>): Promise<WithResponse<T>> {
    try {
      const { prepared, options } = this.#prepare(req);
      throwIfStopped(options.signal, this.#closing.signal);
      const type = req.responseType ?? "json";
      if (req.method === "GET" && (type === "json" || type === "text")) {
        return (await this.#get(prepared, options)) as WithResponse<T>;
      }
      try {
        return await this.#fetch(prepared, options.signal, undefined);
      } finally {
        // Also after a failed write (it may have been applied before a timeout).
        if (req.method !== "GET") await this.#afterWrite(req.method, prepared.url, req.invalidates);
      }
    } catch (e) {
      throw scrubError(e, this.config.scrub);
    }
  }

  /** Step 1: everything that can be wrong with the call is found here, before any slot or request. */
  #prepare<T>(req: APIRequest<T>): { prepared: Prepared<T>; options: CheckedOptions } {
    const { config } = this;
    const options = checkRequestOptions(req.options);
    const url = this.urls.resolve(req.path, req.query, "request URL");
    const headers = new Headers({
      "user-agent": config.userAgent,
      accept: config.accept,
      ...config.headers,
      ...options.headers,
    });
    let body: BodyInit | undefined;
    if (req.rawBody !== undefined) {
      body = req.rawBody;
      // Said explicitly: a custom fetch may not derive it from the body (FormData sets its own boundary).
      if (body instanceof URLSearchParams) headers.set("content-type", "application/x-www-form-urlencoded");
    } else if (req.body !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(req.body);
    }
    const sign = req.authHeader ?? ((method: string, u: URL) => authorizationHeader(config.auth, method, u));
    const prepared: Prepared<T> = {
      req,
      url,
      headers,
      body,
      sign,
      timeout: options.timeout ?? config.timeout,
      maxRetries: options.maxRetries ?? config.maxRetries,
      priority: options.priority,
    };
    return { prepared, options };
  }

  /** Step 2: a GET through the cache and the coalescing of identical requests in flight. */
  async #get<T>(p: Prepared<T>, options: CheckedOptions): Promise<WithResponse<unknown>> {
    const { cache } = this.config;
    // The rendering is part of the key: clients of another mediaType may share the store, a call may set Accept.
    const accept = p.headers.get("accept") ?? "";
    const identity =
      (await this.config.identity()) + (accept === DEFAULT_ACCEPT ? "" : `~${encodeURIComponent(accept)}`);
    const useCache = !!cache && options.cache;
    const cacheKey = `GET ${p.url.toString()} ${identity}`;
    if (useCache) {
      const hit = await cache.get(cacheKey);
      const parsed = hit === undefined ? undefined : parseJson(hit);
      if (parsed?.ok) return { data: this.#decode(p.req, parsed.value, p.url), response: cachedResponse() };
    }
    const key = `${identity} ${p.req.responseType ?? "json"} ${useCache ? "c" : "n"} ${p.url.toString()}`;
    return this.#inflight.join(key, options.signal, (signal) => {
      const fetched = this.#fetch(p, signal, useCache ? cacheKey : undefined);
      // The miss ended, stored or not: a store that makes other processes wait for it (single flight) lets them go.
      if (useCache && cache.release)
        void fetched
          .then(undefined, () => {})
          .then(() => cache.release?.(cacheKey))
          .catch(() => {});
      return fetched;
    });
  }

  /** Steps 3 and 4: the retry loop, then decoding; a decoded JSON body is cached under `cacheKey`. */
  async #fetch<T>(
    p: Prepared<T>,
    signal: AbortSignal | undefined,
    cacheKey: string | undefined,
  ): Promise<WithResponse<T>> {
    const sent: Sent = await send(this.#deps, p, signal);
    const type = p.req.responseType ?? "json";
    const data =
      type === "json" && sent.payload !== undefined
        ? this.#decode(p.req, sent.payload, sent.url)
        : (sent.payload as T);
    // Stored once it decoded: a response rejected by strict validation is not served again.
    if (cacheKey && this.config.cache && sent.text !== undefined)
      await this.config.cache.set(cacheKey, p.url, sent.text);
    return { data, response: sent.response };
  }

  #decode<T>(req: APIRequest<T>, value: unknown, url: URL): T {
    if ((req.responseType ?? "json") !== "json") return value as T;
    return decodeJson(req, value, url, this.config.validation, (w) => this.#warn(w));
  }

  async #afterWrite(method: HttpMethod, url: URL, drops: readonly string[] | undefined): Promise<void> {
    // GETs already in flight are no longer joined: they may carry the state from before the write.
    this.#inflight.clear();
    // A write without a declaration (the escape hatch) may have changed anything: every cached GET is dropped.
    if (this.config.cache)
      await this.config.cache.invalidate(method, url, {
        root: this.config.baseUrl,
        drops: drops ?? DROP_ALL,
      });
  }

  #warn(w: ValidationWarning): void {
    const hook = this.config.hooks.onValidationWarning;
    if (hook) safeCall(() => hook(w));
    else this.config.log.warn(`response of ${w.endpoint} does not match its schema: ${w.issues.join("; ")}`);
  }
}
