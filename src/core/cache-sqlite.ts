/**
 * The persistent cache store behind `cacheDir`: one SQLite database, `<cacheDir>/cache.db`, through the
 * optional peer dependency `better-sqlite3`.
 *
 * Loaded only when `cacheDir` is used (a dynamic import from `cache.ts`), and it reaches Node's modules
 * through `process.getBuiltinModule`, with no `node:` import, so that bundlers targeting browsers never
 * have to resolve a Node built-in.
 *
 * - File: created with mode 0600 (the WAL and shared-memory files inherit it); folder 0700.
 * - Concurrency: WAL journal and a busy timeout, so several processes can share one `cacheDir`.
 * - Expiry: expired rows are skipped and deleted when read, and purged on open and every `purgeEvery` writes.
 * - Size cap: at most `maxEntries` rows (10,000 by default), checked with the purge: past it, the rows that
 *   expire soonest (the oldest) are deleted down to 90 % of the cap, so the table holds at most
 *   `maxEntries + purgeEvery` rows.
 * - Corruption: a file that is not a database, or a corrupted one, is reported (`onWarning`) and rebuilt
 *   (deleted and created again, empty); the operation that found it answers as a miss.
 *
 * @module
 */

import type BetterSqlite3 from "better-sqlite3";
import type { CacheStore, CacheWarn } from "./cache-store";
import { CACHE_FILE, loadBetterSqlite3 } from "./cache-sqlite-load";
import { getBuiltin } from "./env";

/** Options of {@link SqliteCacheStore}. */
export interface SqliteCacheStoreOptions {
  /** The folder holding `cache.db`; created if missing. */
  dir: string;
  /** Row cap (see the module comment). @default 10000 */
  maxEntries?: number;
  /** Purge expired rows and apply the cap every this many writes. @default 100 */
  purgeEvery?: number;
  /** Milliseconds to wait for another process's lock before failing. @default 5000 */
  busyTimeout?: number;
  /** The clock, in ms since the epoch (tests inject a fake). @default Date.now */
  now?: () => number;
  /** Where corruption reports go. @default console.warn */
  onWarning?: CacheWarn;
  /** The `better-sqlite3` constructor. @default loaded with `require("better-sqlite3")` */
  Database?: unknown;
}

type DB = BetterSqlite3.Database;
type DatabaseCtor = new (filename: string, options?: BetterSqlite3.Options) => DB;

interface NodeFs {
  mkdirSync(path: string, options: { recursive: boolean; mode: number }): unknown;
  openSync(path: string, flags: string, mode: number): number;
  closeSync(fd: number): void;
  chmodSync(path: string, mode: number): void;
  rmSync(path: string, options: { force: boolean }): void;
}

const TABLE = "discogs_cache_v1";

/** True for errors that mean the file is not a usable database: rebuild it. */
function isCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT"));
}

function prepareStatements(db: DB) {
  return {
    get: db.prepare<[string], { value: string; expires: number }>(
      `SELECT value, expires FROM ${TABLE} WHERE key = ?`,
    ),
    set: db.prepare<[string, string, number]>(
      `INSERT OR REPLACE INTO ${TABLE} (key, value, expires) VALUES (?, ?, ?)`,
    ),
    delete: db.prepare<[string]>(`DELETE FROM ${TABLE} WHERE key = ?`),
    range: db
      .prepare<[string, string], string>(`SELECT key FROM ${TABLE} WHERE key >= ? AND key < ?`)
      .pluck(),
    deleteRange: db.prepare<[string, string]>(`DELETE FROM ${TABLE} WHERE key >= ? AND key < ?`),
    purge: db.prepare<[number]>(`DELETE FROM ${TABLE} WHERE expires <= ?`),
    count: db.prepare<[], number>(`SELECT count(*) FROM ${TABLE}`).pluck(),
    evict: db.prepare<[number]>(
      `DELETE FROM ${TABLE} WHERE rowid IN (SELECT rowid FROM ${TABLE} ORDER BY expires ASC LIMIT ?)`,
    ),
    clear: db.prepare(`DELETE FROM ${TABLE}`),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/** The SQLite cache store (see the module comment). Synchronous; the client wraps it. */
export class SqliteCacheStore implements CacheStore {
  /** Path of the database file. */
  readonly file: string;
  readonly #Database: DatabaseCtor;
  readonly #fs: NodeFs;
  readonly #maxEntries: number;
  readonly #purgeEvery: number;
  readonly #busyTimeout: number;
  readonly #now: () => number;
  readonly #warn: CacheWarn;
  #db: DB | undefined;
  #stmts!: Statements;
  #writes = 0;

  constructor(options: SqliteCacheStoreOptions) {
    const builtin = getBuiltin();
    if (!builtin) throw new Error("the SQLite cache needs Node ≥ 20.16 (process.getBuiltinModule)");
    this.#fs = builtin("node:fs") as NodeFs;
    const path = builtin("node:path") as { join: (...p: string[]) => string };
    this.#Database = (options.Database ?? loadBetterSqlite3()) as DatabaseCtor;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#purgeEvery = options.purgeEvery ?? 100;
    this.#busyTimeout = options.busyTimeout ?? 5000;
    this.#now = options.now ?? Date.now;
    this.#warn = options.onWarning ?? ((message) => console.warn(`[discogs-sdk] ${message}`));
    this.file = path.join(options.dir, CACHE_FILE);
    this.#fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    try {
      this.#open();
    } catch (e) {
      if (!isCorruption(e)) throw e;
      this.#rebuild(e);
    }
  }

  #open(): void {
    const fd = this.#fs.openSync(this.file, "a", 0o600);
    this.#fs.closeSync(fd);
    try {
      this.#fs.chmodSync(this.file, 0o600);
    } catch {
      // not the owner
    }
    const db = new this.#Database(this.file, { timeout: this.#busyTimeout });
    try {
      db.pragma(`busy_timeout = ${this.#busyTimeout}`);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.exec(
        `CREATE TABLE IF NOT EXISTS ${TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER NOT NULL);
         CREATE INDEX IF NOT EXISTS ${TABLE}_expires ON ${TABLE} (expires);`,
      );
      this.#db = db;
      this.#stmts = prepareStatements(db);
      this.#purge();
    } catch (e) {
      this.#db = undefined;
      try {
        db.close();
      } catch {
        // already broken
      }
      throw e;
    }
  }

  /** Deletes the file (and its WAL/shared-memory files) and creates it again, empty. */
  #rebuild(cause: unknown): void {
    try {
      this.#warn(
        `the cache file ${this.file} is corrupted (${cause instanceof Error ? cause.message : String(cause)}); rebuilding it`,
      );
    } catch {
      // a warning sink must not break requests
    }
    try {
      this.#db?.close();
    } catch {
      // already broken
    }
    this.#db = undefined;
    for (const suffix of ["", "-wal", "-shm", "-journal"])
      this.#fs.rmSync(this.file + suffix, { force: true });
    this.#open();
  }

  /** Runs `op`; on corruption, rebuilds the file and returns `fallback`. */
  #run<T>(fallback: T, op: () => T): T {
    if (!this.#db) throw new Error(`the cache file ${this.file} is closed`);
    try {
      return op();
    } catch (e) {
      if (!isCorruption(e)) throw e;
      this.#rebuild(e);
      return fallback;
    }
  }

  #purge(): void {
    const s = this.#stmts;
    s.purge.run(this.#now());
    const count = s.count.get() ?? 0;
    if (count > this.#maxEntries) s.evict.run(count - Math.floor(this.#maxEntries * 0.9));
  }

  /** The value of `key` when it has not expired (an expired row is deleted). */
  get(key: string): string | undefined {
    return this.#run(undefined, () => {
      const row = this.#stmts.get.get(key);
      if (!row) return undefined;
      if (row.expires <= this.#now()) {
        this.#stmts.delete.run(key);
        return undefined;
      }
      return row.value;
    });
  }

  /** Stores `value` for `ttlMs` ms (replacing any row of `key`). */
  set(key: string, value: string, ttlMs: number): void {
    this.#run(undefined, () => {
      this.#stmts.set.run(key, value, Math.round(this.#now() + ttlMs));
      if (++this.#writes % this.#purgeEvery === 0) this.#purge();
    });
  }

  /** Deletes `key`. */
  delete(key: string): void {
    this.#run(undefined, () => void this.#stmts.delete.run(key));
  }

  /** Deletes every key starting with `prefix`. */
  deletePrefix(prefix: string): void {
    if (prefix === "") return this.clear();
    this.#run(undefined, () => void this.#stmts.deleteRange.run(prefix, upperBound(prefix)));
  }

  /** Deletes every key starting with `prefix` for which `test` is true (one transaction). */
  deleteMatching(prefix: string, test: (key: string) => boolean): void {
    this.#run(undefined, () => {
      const keys = prefix === "" ? this.#allKeys() : this.#stmts.range.all(prefix, upperBound(prefix));
      const doomed = keys.filter(test);
      if (doomed.length === 0) return;
      this.#db!.transaction(() => {
        for (const k of doomed) this.#stmts.delete.run(k);
      })();
    });
  }

  #allKeys(): string[] {
    return this.#db!.prepare<[], string>(`SELECT key FROM ${TABLE}`).pluck().all();
  }

  /** Deletes every row. */
  clear(): void {
    this.#run(undefined, () => void this.#stmts.clear.run());
  }

  /** Purges expired rows and applies the size cap now. */
  purge(): void {
    this.#run(undefined, () => this.#purge());
  }

  /** Number of rows (expired ones included until purged). */
  get size(): number {
    return this.#run(0, () => this.#stmts.count.get() ?? 0);
  }

  /** Closes the database (the WAL is checkpointed by SQLite). Safe to call twice. */
  close(): void {
    const db = this.#db;
    this.#db = undefined;
    db?.close();
  }
}

/** The smallest string greater than every string starting with `prefix` (keys are ASCII: URLs and hashes). */
function upperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
