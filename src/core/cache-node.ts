/**
 * The SQLite cache (`cacheDir`) on Node: its checks, run in the client's constructor, and the store itself, loaded
 * afterwards. Node's modules are reached through `process.getBuiltinModule` (Node >= 20.16), with no `node:`
 * import; and package.json's `browser` field maps this module to `cache-node.browser.ts`, so that a browser
 * bundle carries neither this code nor the SQLite store.
 *
 * @module
 */

import type { CacheStore, CacheWarn } from "./cache-store";
import { CACHE_FILE, loadBetterSqlite3 } from "./cache-sqlite-load";
import { getBuiltin } from "./env";

export { CACHE_FILE, getBuiltin, loadBetterSqlite3 };

/**
 * Creates `dir` (mode 0700) and `dir/cache.db` (mode 0600) if missing and checks that both are writable.
 * Returns the database path. Throws an `Error` naming `cacheDir` when the folder cannot be used.
 */
export function prepareCacheDir(dir: string): string {
  const builtin = getBuiltin();
  if (!builtin) throw new Error("cacheDir needs Node ≥ 20.16 (process.getBuiltinModule)");
  const fs = builtin("node:fs") as typeof import("node:fs");
  const path = builtin("node:path") as typeof import("node:path");
  const file = path.join(dir, CACHE_FILE);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.accessSync(dir, fs.constants.W_OK);
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
    fs.closeSync(fd);
    try {
      fs.chmodSync(file, 0o600);
    } catch {
      // not the owner: keep the mode someone else chose
    }
  } catch (e) {
    const reason = (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
    throw new Error(
      `cacheDir ${JSON.stringify(dir)} cannot be used: ${reason} (${e instanceof Error ? e.message : String(e)})`,
      { cause: e },
    );
  }
  return file;
}

/**
 * Opens the SQLite store of `cacheDir`: the checks run now (a missing `better-sqlite3` or an unusable folder is
 * an error in the client's constructor), the store module loads asynchronously.
 */
export function openSqliteCache(dir: string, warn: CacheWarn): Promise<CacheStore> {
  const Database = loadBetterSqlite3();
  prepareCacheDir(dir);
  return import("./cache-sqlite").then(
    ({ SqliteCacheStore }) => new SqliteCacheStore({ dir, Database, onWarning: warn }),
  );
}
