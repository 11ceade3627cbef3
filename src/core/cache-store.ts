/**
 * What a cache is to the rest of the SDK: the {@link CacheStore} seam a store implements (memory, SQLite, Redis,
 * your own), and the {@link TransportCache} seam the transport drives (implemented by `cache.ts`).
 *
 * @module
 */

import type { HttpMethod } from "./request";

/**
 * A cache store of your own (Redis, KV, IndexedDB...), passed as the client's `cache` option.
 *
 * Keys are strings like `GET https://api.discogs.com/releases/1 token:3f2a...` (the last part is a hash of the
 * credentials, never a credential); values are response bodies (JSON text). Methods may be sync or async. A
 * store that throws never fails a request: the error is reported with `console.warn` and the call goes to
 * the network.
 *
 * For invalidation after writes, implement `deleteMatching` (precise) or `deletePrefix` (may drop a little
 * more); a store with neither is emptied by any write that affects cached GETs.
 */
export interface CacheStore {
  /** Returns the stored value for `key` when it has not expired. */
  get(key: string): Promise<string | undefined> | string | undefined;
  /** Stores `value` for `ttlMs` milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void> | void;
  /** Deletes `key`. */
  delete(key: string): Promise<void> | void;
  /**
   * Optional: a miss that {@link CacheStore.get} answered ended without {@link CacheStore.set} (the request
   * failed or its response is not cached). Stores that make other processes wait for a miss (single flight)
   * let them go on here.
   */
  release?(key: string): Promise<void> | void;
  /** Deletes every key that starts with `prefix`. */
  deletePrefix?(prefix: string): Promise<void> | void;
  /** Deletes every key that starts with `prefix` and for which `test(key)` is true. */
  deleteMatching?(prefix: string, test: (key: string) => boolean): Promise<void> | void;
  /** Deletes everything. */
  clear(): Promise<void> | void;
  /** Releases resources (database handles). `client.close()` calls it. */
  close?(): Promise<void> | void;
}

/** Reports a cache problem (never thrown: the cache must not fail a request). */
export type CacheWarn = (message: string) => void;

/** The cache seam the transport drives (implemented in `cache.ts`). */
export interface TransportCache {
  /** A fresh cached body for `key`, or undefined. */
  get(key: string): Promise<string | undefined>;
  /** Stores a successful GET body. */
  set(key: string, url: URL, body: string): Promise<void>;
  /**
   * Drops the cached GETs a write affects: `paths.drops` under `paths.root` (the base URL), the paths its
   * declaration names, or `["*"]` (everything under the base URL) for a write without one (the escape hatch).
   */
  invalidate(method: HttpMethod, url: URL, paths?: { root: string; drops: readonly string[] }): Promise<void>;
  /** A miss of `key` ended (after `set`, or without it when the request failed): the store may let others go. */
  release?(key: string): Promise<void>;
}
