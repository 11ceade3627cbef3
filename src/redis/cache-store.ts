/**
 * `redisCacheStore`: one response cache in Redis for every process, with single flight across processes.
 *
 * @module
 */

import type { CacheStore } from "../core/cache";
import { checkKeys } from "../core/params";
import { linkOf, Script, type Link } from "./link";

/** Options of {@link redisCacheStore}. */
export interface RedisCacheStoreOptions {
  /** Prepended to every Redis key and channel of the store. @default "discogs-sdk:" */
  prefix?: string;
  /**
   * The longest any Redis call may take, in ms. A call that takes longer (or fails) is a miss: the request goes
   * to Discogs. Such calls for a second (three or more in a row), or a connection error, make every call a
   * miss until Redis answers again.
   * @default 50
   */
  timeoutMs?: number;
  /**
   * Single flight across processes: the first process that misses a key takes a lock on it and fetches it; the
   * others wait for its response while the lock lives. The holder renews its lock every third of this time while
   * its request runs (however long it waits for the rate limit), so a lock outlives a crashed or cut-off holder by
   * at most this long, in ms. `0` turns single flight off.
   * @default 5000
   */
  lockTtlMs?: number;
}

const OPTION_KEYS = ["prefix", "timeoutMs", "lockTtlMs"] as const;

/** Reads the value, else takes the lock, else says how long the lock still holds. */
const GET_OR_LOCK = new Script(`
local v = redis.call('GET', KEYS[1])
if v then return { 1, v } end
if ARGV[2] == '0' then return { 0 } end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return { 2 } end
return { 3, redis.call('PTTL', KEYS[2]) }
`);

/** Stores the value if our lock still holds (no write invalidated the key meanwhile), then wakes the waiters. */
const SET_AND_UNLOCK = new Script(`
if ARGV[1] ~= '' then
  if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
  redis.call('DEL', KEYS[2])
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
`);

/** Gives the lock back (the fetch failed or was not cacheable) and wakes the waiters. */
const UNLOCK = new Script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], ARGV[3])
  return 1
end
return 0
`);

/** Renews the locks this process holds (KEYS: locks, ARGV: their tokens, then the TTL). */
const RENEW = new Script(`
local ttl = ARGV[#ARGV]
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[i] then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1
`);

/** Escapes a literal for a `SCAN MATCH` pattern. */
function globEscape(s: string): string {
  return s.replace(/[*?[\]\\]/g, "\\$&");
}

function randomToken(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The longest a waiter sleeps between two looks at the key when no notice arrives (a lost pub/sub message). */
const MAX_NAP_MS = 1000;

/**
 * The Redis-backed {@link CacheStore}.
 * Internal to the package (not exported from an entry point). Build it with {@link redisCacheStore}.
 */
export class RedisCacheStore implements CacheStore {
  readonly #link: Link;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #lockTtlMs: number;
  readonly #channel: string;
  /** Locks this process holds: store key -> token. */
  readonly #tokens = new Map<string, string>();
  /** Waiters of keys another process is fetching: store key -> wake functions. */
  readonly #waiters = new Map<string, Set<() => void>>();
  #unsubscribe: (() => void) | undefined;
  #renewTimer: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  constructor(redis: unknown, options: RedisCacheStoreOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new TypeError("redisCacheStore(redis, options): options must be an object");
    }
    checkKeys("redisCacheStore options", options, OPTION_KEYS);
    const { prefix = "discogs-sdk:", timeoutMs = 50, lockTtlMs = 5000 } = options;
    if (typeof prefix !== "string" || prefix === "") {
      throw new TypeError(
        `redisCacheStore: prefix must be a non-empty string, got ${JSON.stringify(prefix)}`,
      );
    }
    if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new TypeError(`redisCacheStore: timeoutMs must be a positive number, got ${String(timeoutMs)}`);
    }
    if (typeof lockTtlMs !== "number" || !Number.isInteger(lockTtlMs) || lockTtlMs < 0) {
      throw new TypeError(`redisCacheStore: lockTtlMs must be an integer >= 0, got ${String(lockTtlMs)}`);
    }
    this.#prefix = prefix;
    this.#timeoutMs = timeoutMs;
    this.#lockTtlMs = lockTtlMs;
    this.#channel = `${prefix}cache:filled`;
    this.#link = linkOf(redis, "redisCacheStore");
  }

  #valueKey(key: string): string {
    return `${this.#prefix}c:v:${key}`;
  }

  #lockKey(key: string): string {
    return `${this.#prefix}c:l:${key}`;
  }

  /**
   * The cached value; on a miss, either this process takes the key's lock (and fetches: `set` or `release`
   * follows) or another process holds it and this one waits for its response.
   */
  async get(key: string): Promise<string | undefined> {
    for (;;) {
      const token = randomToken();
      const reply = (await this.#link.script(
        GET_OR_LOCK,
        [this.#valueKey(key), this.#lockKey(key)],
        [token, String(this.#lockTtlMs)],
        this.#timeoutMs,
      )) as [number | string, unknown?];
      const code = Number(reply[0]);
      if (code === 1) return String(reply[1]);
      if (code === 2) this.#hold(key, token);
      if (code !== 3) return undefined;
      // Another process fetches it: wait for its notice, or until its lock would lapse.
      await this.#wait(key, Math.min(Number(reply[1]) > 0 ? Number(reply[1]) : 10, MAX_NAP_MS));
    }
  }

  /** Holds the lock of `key` (renewed while held). */
  #hold(key: string, token: string): void {
    this.#tokens.set(key, token);
    if (this.#renewTimer !== undefined) return;
    this.#renewTimer = setInterval(() => void this.#renew(), Math.max(10, Math.floor(this.#lockTtlMs / 3)));
    (this.#renewTimer as { unref?: () => void }).unref?.();
  }

  /** Gives up the lock of `key` locally (the caller tells Redis). */
  #drop(key: string): string | undefined {
    const token = this.#tokens.get(key);
    this.#tokens.delete(key);
    if (this.#tokens.size === 0 && this.#renewTimer !== undefined) {
      clearInterval(this.#renewTimer);
      this.#renewTimer = undefined;
    }
    return token;
  }

  async #renew(): Promise<void> {
    const held = [...this.#tokens];
    if (held.length === 0) return;
    try {
      await this.#link.script(
        RENEW,
        held.map(([k]) => this.#lockKey(k)),
        [...held.map(([, t]) => t), String(this.#lockTtlMs)],
        // nobody waits on a renewal: it may take longer than a request's call
        Math.max(this.#timeoutMs, this.#lockTtlMs / 3),
      );
    } catch {
      // the locks lapse and the waiters fetch themselves
    }
  }

  /** Waits for a notice about `key` (filled, released, invalidated) or `ms`. */
  #wait(key: string, ms: number): Promise<void> {
    this.#unsubscribe ??= this.#link.subscribe(this.#channel, (m) => this.#notice(m));
    return new Promise((resolve) => {
      let set = this.#waiters.get(key);
      if (!set) {
        set = new Set();
        this.#waiters.set(key, set);
      }
      const wake = () => {
        clearTimeout(timer);
        const s = this.#waiters.get(key);
        s?.delete(wake);
        if (s?.size === 0) this.#waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
    });
  }

  #notice(message: string): void {
    if (message === "*") {
      for (const set of [...this.#waiters.values()]) for (const wake of [...set]) wake();
      return;
    }
    for (const wake of [...(this.#waiters.get(message) ?? [])]) wake();
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const token = this.#drop(key) ?? "";
    await this.#link.script(
      SET_AND_UNLOCK,
      [this.#valueKey(key), this.#lockKey(key)],
      [token, value, String(Math.max(1, Math.round(ttlMs))), this.#channel, key],
      this.#timeoutMs,
    );
  }

  /** The fetch of a key this process missed ended without `set`: give its lock back so the waiters go on. */
  async release(key: string): Promise<void> {
    const token = this.#drop(key);
    if (token === undefined) return;
    await this.#link.script(UNLOCK, [this.#lockKey(key)], [token, this.#channel, key], this.#timeoutMs);
  }

  async delete(key: string): Promise<void> {
    await this.#link.call(["UNLINK", this.#valueKey(key), this.#lockKey(key)], this.#timeoutMs);
    await this.#publishAll();
  }

  async deletePrefix(prefix: string): Promise<void> {
    await this.deleteMatching(prefix, () => true);
  }

  /**
   * Deletes every cached value (and pending lock, so that a fetch in flight in any process does not store what
   * it read before the write) whose key starts with `prefix` and passes `test`; the waiters look again.
   */
  async deleteMatching(prefix: string, test: (key: string) => boolean): Promise<void> {
    const base = `${this.#prefix}c:`;
    await this.#scanDelete(`${globEscape(base)}[vl]:${globEscape(prefix)}*`, (redisKey) =>
      test(redisKey.slice(base.length + 2)),
    );
    await this.#publishAll();
  }

  /** Deletes every value and lock of this prefix. */
  async clear(): Promise<void> {
    await this.#scanDelete(`${globEscape(this.#prefix)}c:[vl]:*`, () => true);
    await this.#publishAll();
  }

  async #scanDelete(pattern: string, keep: (redisKey: string) => boolean): Promise<void> {
    let cursor = "0";
    do {
      const [next, keys] = (await this.#link.call(
        ["SCAN", cursor, "MATCH", pattern, "COUNT", "1000"],
        this.#timeoutMs,
      )) as [string, string[]];
      cursor = String(next);
      const doomed = keys.map(String).filter(keep);
      if (doomed.length > 0) await this.#link.call(["UNLINK", ...doomed], this.#timeoutMs);
    } while (cursor !== "0");
  }

  async #publishAll(): Promise<void> {
    await this.#link.call(["PUBLISH", this.#channel, "*"], this.#timeoutMs);
  }

  /**
   * Stops listening for notices and gives back the locks this process holds. The Redis client stays open (it is
   * yours), and the store can still be used: `client.close()` of one client does not break the others.
   */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    for (const set of [...this.#waiters.values()]) for (const wake of [...set]) wake();
    const held = [...this.#tokens.keys()];
    if (this.#closed && held.length === 0) return;
    this.#closed = true;
    await Promise.allSettled(held.map((k) => this.release(k)));
  }
}

/**
 * A response cache in Redis, shared by every process that uses the same prefix. Pass it as the client's `cache`.
 *
 * Keys are the SDK's cache keys (method, canonical URL and a hash of the credentials: one identity never sees
 * another's private response) under `<prefix>c:v:`; each value has its TTL in Redis (`cacheTtl`). A write's
 * invalidation deletes the affected keys in Redis, so every process misses them at once. When several
 * processes miss the same key together, one fetches and the others wait for its response (single flight).
 * When Redis is unreachable, every cache call is a miss, and the client goes to Discogs.
 *
 * @param redis - a connected node-redis client (`createClient()` from `redis` 5+) or an ioredis client
 * @param options - prefix, timeout and single flight
 * @throws TypeError for an unknown option, a bad value, or a `redis` that is neither client
 */
export function redisCacheStore(redis: unknown, options?: RedisCacheStoreOptions): CacheStore {
  return new RedisCacheStore(redis, options);
}
