/**
 * Loading `better-sqlite3` for the SQLite cache, on Node only: reached from `cache-node.ts` (which package.json's
 * `browser` field swaps out of browser bundles) and from the store itself (`cache-sqlite.ts`).
 *
 * @module
 */

import { getBuiltin } from "./env";

/** The constructor exported by `better-sqlite3` (typed loosely here; `cache-sqlite.ts` has the real types). */
export type SqliteConstructor = new (filename: string, options?: { timeout?: number }) => unknown;

/** The SDK module's own file, to resolve the peer dependency from it (the CJS build turns this into `__filename`). */
function ownFile(): string | undefined {
  try {
    return import.meta.filename;
  } catch {
    return undefined;
  }
}

/**
 * Loads `better-sqlite3` synchronously (errors must surface in the client's constructor), resolved from the
 * SDK's own location, then from the working directory.
 */
export function loadBetterSqlite3(): SqliteConstructor {
  const builtin = getBuiltin();
  if (!builtin) {
    throw new Error(
      "cacheDir needs Node ≥ 20.16 (process.getBuiltinModule); pass `cache: true` or a CacheStore instead",
    );
  }
  const { createRequire } = builtin("node:module") as {
    createRequire: (from: string) => (id: string) => unknown;
  };
  const { join } = builtin("node:path") as { join: (...p: string[]) => string };
  const proc = (globalThis as { process?: { cwd?: () => string } }).process;
  const bases = [ownFile(), proc?.cwd ? join(proc.cwd(), "noop.js") : undefined].filter(
    (b): b is string => typeof b === "string" && b !== "",
  );
  let lastError: unknown;
  for (const base of bases) {
    try {
      const mod = createRequire(base)("better-sqlite3") as SqliteConstructor | { default: SqliteConstructor };
      return typeof mod === "function" ? mod : mod.default;
    } catch (e) {
      lastError = e;
      if ((e as { code?: string }).code !== "MODULE_NOT_FOUND") break;
    }
  }
  const notFound = (lastError as { code?: string } | undefined)?.code === "MODULE_NOT_FOUND";
  throw new Error(
    notFound
      ? "cacheDir needs the optional dependency better-sqlite3: npm install better-sqlite3"
      : `cacheDir needs better-sqlite3, which failed to load (npm install better-sqlite3 to reinstall it): ${
          lastError instanceof Error ? lastError.message : String(lastError)
        }`,
    { cause: lastError },
  );
}

/** File name of the SQLite cache inside `cacheDir`. */
export const CACHE_FILE = "cache.db";
