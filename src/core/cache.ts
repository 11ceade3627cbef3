/**
 * Response cache (placeholder: the cache issue implements the stores).
 *
 * @module
 */

import type { TransportCache } from "./transport";

/** A user-supplied cache store. */
export interface CacheStore {
  /** Returns the stored value for `key` when it has not expired. */
  get(key: string): Promise<string | undefined> | string | undefined;
  /** Stores `value` for `ttlMs` milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void> | void;
  /** Deletes `key`. */
  delete(key: string): Promise<void> | void;
  /** Deletes every key that starts with `prefix`. */
  deletePrefix?(prefix: string): Promise<void> | void;
  /** Deletes everything. */
  clear(): Promise<void> | void;
  /** Releases resources (database handles). */
  close?(): Promise<void> | void;
}

/** Cache options of the client. */
export interface CacheOptions {
  cache?: boolean | CacheStore | undefined;
  cacheTtl?: number | undefined;
  cacheDir?: string | undefined;
}

/** The cache the transport uses, plus what the client needs to clear and close it. */
export interface ClientCache extends TransportCache {
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the client's cache, or undefined when caching is off. */
export function createCache(_options: CacheOptions): ClientCache | undefined {
  return undefined;
}
