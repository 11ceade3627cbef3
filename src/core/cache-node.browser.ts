/**
 * `cache-node.ts` in browser bundles (package.json's `browser` field maps it here): `cacheDir` needs Node's file
 * system, so it is an error here, and neither the Node helpers nor the SQLite store reach the bundle.
 *
 * @module
 */

import type { CacheStore } from "./cache-store";

/** `cacheDir` in a browser: always an error, thrown in the client's constructor. */
export function openSqliteCache(): Promise<CacheStore> {
  throw new Error(
    "cacheDir needs Node (a SQLite file); in a browser pass `cache: true` or a CacheStore instead",
  );
}
