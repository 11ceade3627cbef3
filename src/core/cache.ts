/**
 * The response cache: options, the memory store, and the layer the transport drives (keys, TTL,
 * invalidation, fault isolation). The SQLite store lives in `cache-sqlite.ts`, loaded only when `cacheDir`
 * is used, so this module stays runtime-neutral (browsers, Workers, Deno, Bun, Node).
 *
 * What is cached: successful JSON GET responses, keyed by method, full URL with query and the identity key
 * (a hash of the credentials, with the `Accept` header when it is not the default rendering), so one identity
 * never receives another identity's response, nor a client another rendering. Writes drop the cached GETs they
 * affect (each write's endpoint declaration names them; an escape-hatch write drops everything). Identical GETs
 * in flight at the same time are coalesced by the transport, with or without a cache.
 *
 * @module
 */

import { MemoryCacheStore } from "./cache-memory";
import { openSqliteCache } from "./cache-node";
import { invalidationTargets, storeKey } from "./cache-rules";
import type { HttpMethod } from "./request";
import type { CacheStore, CacheWarn, TransportCache } from "./cache-store";

export { MemoryCacheStore, type MemoryCacheStoreOptions } from "./cache-memory";
export type { CacheStore, CacheWarn } from "./cache-store";

/** Cache options of the client. */
export interface CacheOptions {
  /**
   * `true` caches in memory ({@link MemoryCacheStore}: 1,000 entries, 50 MB, least recently used evicted first),
   * or pass a {@link CacheStore}. `cacheDir` turns caching on unless `cache` is explicitly `false`.
   * @default false
   */
  cache?: boolean | CacheStore | undefined;
  /** Time to live of cached responses, in milliseconds (positive, finite). @default 3600000 (one hour) */
  cacheTtl?: number | undefined;
  /**
   * A folder for a persistent SQLite cache (`<cacheDir>/cache.db`, mode 0600; the folder is created if
   * missing). Needs the optional peer dependency `better-sqlite3` (`npm install better-sqlite3`) and Node
   * ≥ 20.16. Safe to share between processes (WAL mode, busy timeout). @default none
   */
  cacheDir?: string | undefined;
}

/** The cache the transport uses, plus what the client needs to clear and close it. */
export interface ClientCache extends TransportCache {
  /** Empties the cache (`client.clearCache()`). */
  clear(): Promise<void>;
  /** Releases the store (`client.close()`); the cache is inert afterwards. */
  close(): Promise<void>;
}

/** Default time to live of cached responses: one hour. */
export const DEFAULT_CACHE_TTL = 3_600_000;

/** The default warning sink: `console.warn` with the SDK's prefix. */
export const defaultCacheWarn: CacheWarn = (message) => console.warn(`[discogs-sdk] ${message}`);

/** Pending misses kept for the write-race check; past this, the oldest are forgotten (their set is skipped). */
const MAX_PENDING = 10_000;

/**
 * The layer between the transport and a store: canonical keys, TTL, invalidation, and fault isolation (a
 * store error is reported once per distinct message and the request goes on as a miss).
 *
 * Write race: a GET that missed before a write and answers after it may carry the pre-write state, so a
 * response is stored only if no write invalidated its key between its miss and its arrival (a later miss of
 * the same key does not make it storable again; the next request after that stores).
 */
export class ResponseCache implements ClientCache {
  #store: CacheStore | undefined;
  readonly #ready: Promise<CacheStore | undefined> | undefined;
  readonly #ttl: number;
  readonly #warn: CacheWarn;
  readonly #warned = new Set<string>();
  /** Keys of GETs that missed and are in flight: true while still storable, false once a write touched them. */
  readonly #pending = new Map<string, boolean>();
  #closed = false;

  /** `store` may be a promise (the SQLite store loads asynchronously); a rejected load disables the cache. */
  constructor(store: CacheStore | Promise<CacheStore>, ttlMs: number, warn: CacheWarn = defaultCacheWarn) {
    this.#ttl = ttlMs;
    this.#warn = warn;
    if (isPromiseLike(store)) {
      this.#ready = store.then(
        (s) => (this.#store = s),
        (e: unknown) => {
          this.#report("the response cache could not be opened and is disabled", e);
          return undefined;
        },
      );
    } else {
      this.#store = store;
    }
  }

  async #get(): Promise<CacheStore | undefined> {
    if (this.#closed) return undefined;
    return this.#store ?? (await this.#ready);
  }

  #report(what: string, e: unknown): void {
    const message = `${what}: ${e instanceof Error ? e.message : String(e)}`;
    if (this.#warned.has(message)) return;
    if (this.#warned.size < 100) this.#warned.add(message);
    try {
      this.#warn(message);
    } catch {
      // a warning sink must not break requests
    }
  }

  async get(key: string): Promise<string | undefined> {
    const store = await this.#get();
    if (!store) return undefined;
    const k = storeKey(key);
    try {
      const value = await store.get(k);
      if (typeof value === "string") {
        if (looksLikeJson(value)) return value;
        // A damaged value (a store of your own, a truncated row) is dropped, never served.
        this.#report("a cached response was damaged and is dropped", new Error(k.split(" ")[1] ?? k));
        await store.delete(k);
      }
    } catch (e) {
      this.#report("cache read failed, sending the request", e);
    }
    if (!this.#pending.has(k)) {
      if (this.#pending.size >= MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value!);
      this.#pending.set(k, true);
    }
    return undefined;
  }

  async set(key: string, _url: URL, body: string): Promise<void> {
    const k = storeKey(key);
    const storable = this.#pending.get(k);
    this.#pending.delete(k);
    if (storable !== true) return; // a write touched this key while the GET was in flight
    const store = await this.#get();
    if (!store) return;
    try {
      await store.set(k, body, this.#ttl);
    } catch (e) {
      this.#report("cache write failed", e);
    }
  }

  async release(key: string): Promise<void> {
    const store = this.#store;
    if (!store?.release) return;
    try {
      await store.release(storeKey(key));
    } catch (e) {
      this.#report("cache release failed", e);
    }
  }

  async invalidate(
    method: HttpMethod,
    url: URL,
    paths?: { root: string; drops: readonly string[] },
  ): Promise<void> {
    if (method === "GET") return;
    const targets = invalidationTargets(method, url, paths);
    for (const k of this.#pending.keys()) {
      if (targets.some((t) => k.startsWith(t.prefix) && t.test(k))) this.#pending.set(k, false);
    }
    const store = await this.#get();
    if (!store) return;
    try {
      for (const t of targets) {
        if (store.deleteMatching) await store.deleteMatching(t.prefix, t.test);
        else if (store.deletePrefix) await store.deletePrefix(t.prefix);
        else {
          await store.clear();
          return;
        }
      }
    } catch (e) {
      this.#report(`cache invalidation after ${method} ${url.pathname} failed, emptying the cache`, e);
      try {
        await store.clear();
      } catch (e2) {
        this.#report("emptying the cache failed", e2);
      }
    }
  }

  async clear(): Promise<void> {
    for (const k of this.#pending.keys()) this.#pending.set(k, false);
    const store = await this.#get();
    if (!store) return;
    try {
      await store.clear();
    } catch (e) {
      this.#report("emptying the cache failed", e);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    const store = await this.#get();
    this.#closed = true;
    this.#pending.clear();
    try {
      await store?.close?.();
    } catch (e) {
      this.#report("closing the cache failed", e);
    }
  }
}

/** Cheap check that a cached body is a whole JSON object or array (the transport caches only those). */
function looksLikeJson(v: string): boolean {
  const t = v.trim();
  return (t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"));
}

function isPromiseLike<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown }).then === "function";
}

function isStore(v: unknown): v is CacheStore {
  if (v === null || typeof v !== "object") return false;
  const s = v as Record<string, unknown>;
  return ["get", "set", "delete", "clear"].every((m) => typeof s[m] === "function");
}

/**
 * Builds the client's cache from its options, or returns undefined when caching is off.
 *
 * @throws TypeError for a bad `cache`, `cacheTtl` or `cacheDir`; Error when `cacheDir` cannot be used or
 * `better-sqlite3` is not installed.
 */
export function createCache(
  options: CacheOptions,
  warn: CacheWarn = defaultCacheWarn,
): ClientCache | undefined {
  const { cache, cacheTtl, cacheDir } = options;
  if (
    cacheTtl !== undefined &&
    (typeof cacheTtl !== "number" || !Number.isFinite(cacheTtl) || cacheTtl <= 0)
  ) {
    throw new TypeError(
      `cacheTtl must be a positive, finite number of milliseconds, got ${String(cacheTtl)}`,
    );
  }
  if (cache !== undefined && typeof cache !== "boolean" && !isStore(cache)) {
    throw new TypeError(
      "cache must be true, false or a CacheStore (an object with get, set, delete and clear)",
    );
  }
  if (cacheDir !== undefined && (typeof cacheDir !== "string" || cacheDir.trim() === "")) {
    throw new TypeError(`cacheDir must be a non-empty path, got ${JSON.stringify(cacheDir)}`);
  }
  if (cacheDir !== undefined && isStore(cache)) {
    throw new TypeError("pass either cache (a CacheStore) or cacheDir, not both");
  }
  const ttl = cacheTtl ?? DEFAULT_CACHE_TTL;
  if (cache === false) return undefined;
  if (cacheDir !== undefined) {
    const ready = openSqliteCache(cacheDir, warn);
    return new ResponseCache(ready, ttl, warn);
  }
  if (cache === true) return new ResponseCache(new MemoryCacheStore(), ttl, warn);
  if (isStore(cache)) return new ResponseCache(cache, ttl, warn);
  return undefined;
}
