/**
 * The in-memory cache store: least recently used entries evicted first, expiry checked on read.
 *
 * @module
 */

import type { CacheStore } from "./cache-store";

/** Options of {@link MemoryCacheStore}. */
export interface MemoryCacheStoreOptions {
  /** Maximum number of entries; the least recently used go first. @default 1000 */
  maxEntries?: number;
  /** Maximum total size of the values, in UTF-16 code units (≈ bytes for JSON). @default 52428800 (50 MB) */
  maxBytes?: number;
  /** The clock, in ms since the epoch (tests inject a fake). @default Date.now */
  now?: () => number;
}

interface MemoryEntry {
  value: string;
  expires: number;
}

/**
 * An in-memory LRU cache store with expiry. Expired entries are dropped when read and when the store is
 * over its bounds; the least recently used entries are evicted past `maxEntries` or `maxBytes`.
 */
export class MemoryCacheStore implements CacheStore {
  readonly #map = new Map<string, MemoryEntry>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  #bytes = 0;

  constructor(options: MemoryCacheStoreOptions = {}) {
    this.#maxEntries = positiveInt("maxEntries", options.maxEntries) ?? 1000;
    this.#maxBytes = positiveInt("maxBytes", options.maxBytes) ?? 50 * 1024 * 1024;
    this.#now = options.now ?? Date.now;
  }

  /** Number of entries held (expired ones included until they are read or evicted). */
  get size(): number {
    return this.#map.size;
  }

  /** The value of `key` when it has not expired (and marks it most recently used). */
  get(key: string): string | undefined {
    const entry = this.#map.get(key);
    if (!entry) return undefined;
    this.#map.delete(key);
    if (entry.expires <= this.#now()) {
      this.#bytes -= entry.value.length;
      return undefined;
    }
    this.#map.set(key, entry); // most recently used last
    return entry.value;
  }

  /** Stores `value` for `ttlMs` ms; a value larger than `maxBytes` is not stored. */
  set(key: string, value: string, ttlMs: number): void {
    this.delete(key);
    if (value.length > this.#maxBytes) return;
    this.#map.set(key, { value, expires: this.#now() + ttlMs });
    this.#bytes += value.length;
    if (this.#map.size > this.#maxEntries || this.#bytes > this.#maxBytes) this.#evict();
  }

  /** Deletes `key`. */
  delete(key: string): void {
    const entry = this.#map.get(key);
    if (!entry) return;
    this.#map.delete(key);
    this.#bytes -= entry.value.length;
  }

  /** Deletes every key starting with `prefix`. */
  deletePrefix(prefix: string): void {
    this.deleteMatching(prefix, () => true);
  }

  /** Deletes every key starting with `prefix` for which `test` is true. */
  deleteMatching(prefix: string, test: (key: string) => boolean): void {
    for (const key of [...this.#map.keys()]) if (key.startsWith(prefix) && test(key)) this.delete(key);
  }

  /** Deletes everything. */
  clear(): void {
    this.#map.clear();
    this.#bytes = 0;
  }

  #evict(): void {
    const now = this.#now();
    for (const [key, entry] of [...this.#map]) if (entry.expires <= now) this.delete(key);
    for (const key of this.#map.keys()) {
      if (this.#map.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.delete(key);
    }
  }
}

function positiveInt(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) {
    throw new TypeError(`${name} must be a positive integer, got ${String(v)}`);
  }
  return v;
}
