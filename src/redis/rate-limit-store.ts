/**
 * `redisRateLimitStore`: one rate budget in Redis for every process and machine behind an IP.
 *
 * @module
 */

import type { RateLimitHeaders } from "../core/limiter";
import type {
  BudgetConfig,
  BudgetInfo,
  RateLimitStore,
  RateLimitStoreEvents,
  TakeResult,
} from "../core/limiter-store";
import type { Priority } from "../core/limiter-headers";
import { checkKeys } from "../core/params";
import { WindowBudget } from "../core/window-budget";
import { BUDGET_SCRIPT } from "./budget.lua";
import { linkOf, Script, type Link } from "./link";

/** Options of {@link redisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /** Prepended to every Redis key and channel of the store. @default "discogs-sdk:" */
  prefix?: string;
  /**
   * The budget's name: every client (in any process, on any machine) whose store has the same name and prefix
   * spends one budget. Workers behind one egress IP use one name.
   * @default the client's base URL and tier, e.g. "https://api.discogs.com authenticated"
   */
  name?: string;
  /**
   * The longest any Redis call may take, in ms. A request whose call takes longer goes on the word of this
   * process's own header-driven limiter (and, if granted, is announced to the shared budget afterwards); such
   * calls for a second (three or more in a row), or a connection error, switch the process to its own limiter
   * at once, until Redis answers again.
   * @default 50
   */
  timeoutMs?: number;
  /**
   * The shared breaker: after `threshold` consecutive 429s, counted across every process of the budget, every
   * process pauses for `cooldownMs` together. `false` turns it off.
   * @default { threshold: 3, cooldownMs: the window (60000 for Discogs) }
   */
  breaker?: false | { threshold?: number; cooldownMs?: number };
  /**
   * The share of the limit that `"background"` requests always leave free for `"interactive"` ones (0 to below
   * 1), so that an interactive request finds a slot at once even while a background export runs; when
   * interactive requests took more in the last window, background leaves that many (and one more). Background
   * requests also wait while an interactive one waits in any process.
   * @default 0.1
   */
  backgroundReserve?: number;
}

const OPTION_KEYS = ["prefix", "name", "timeoutMs", "breaker", "backgroundReserve"] as const;
const BREAKER_KEYS = ["threshold", "cooldownMs"] as const;

/** The process's ticket of an attempt: in the shared budget (a Redis member) or in the local fallback. */
/**
 * The process's record of an attempt: its member in the shared budget, its ticket in the local one, or both (an
 * attempt the local budget granted because Redis was slow, announced to Redis afterwards).
 */
type Ticket = { key: string; member?: string; local?: number };

interface Info {
  limit: number;
  used: number;
  /** performance.now() of the last answer. */
  at: number;
  /** performance.now() when the store said to ask again (0: now). */
  nextAt: number;
}

const budgetScript = new Script(BUDGET_SCRIPT);

function randomId(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function positive(name: string, v: unknown, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new TypeError(
      `redisRateLimitStore: ${name} must be a positive ${integer ? "integer" : "number"}, got ${String(v)}`,
    );
  }
  return v;
}

function nonEmpty(name: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v === "") {
    throw new TypeError(`redisRateLimitStore: ${name} must be a non-empty string, got ${JSON.stringify(v)}`);
  }
  return v;
}

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));

/**
 * The Redis-backed {@link RateLimitStore}.
 * Internal to the package (not exported from an entry point). Build it with {@link redisRateLimitStore}.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #link: Link;
  readonly #prefix: string;
  readonly #name: string | undefined;
  readonly #timeoutMs: number;
  readonly #threshold: number;
  readonly #cooldownMs: number | undefined;
  readonly #reserve: number;
  /** This process's id in member names and interactive claims. */
  readonly #pid = randomId();
  #seq = 0;
  readonly #tickets = new Map<number, Ticket>();
  /** The in-process fallback of each budget; it also learns from every response while Redis is used. */
  readonly #local = new Map<string, WindowBudget>();
  readonly #info = new Map<string, Info>();
  readonly #watchers = new Map<string, Set<RateLimitStoreEvents>>();
  /** Members whose take may have run after we gave up on it: removed when Redis answers again. */
  readonly #orphans = new Map<string, string[]>();
  /** Redis' clock minus performance.now(), from the last answer (for the deadline of a take). */
  #offset: number | undefined;
  #stopListening: (() => void) | undefined;

  constructor(redis: unknown, options: RedisRateLimitStoreOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new TypeError("redisRateLimitStore(redis, options): options must be an object");
    }
    checkKeys("redisRateLimitStore options", options, OPTION_KEYS);
    this.#prefix =
      options.prefix === undefined ? "discogs-sdk:" : (nonEmpty("prefix", options.prefix) as string);
    this.#name = nonEmpty("name", options.name);
    this.#timeoutMs = positive("timeoutMs", options.timeoutMs, false) ?? 50;
    const b = options.breaker;
    if (b === false) {
      this.#threshold = 0;
    } else if (b === undefined) {
      this.#threshold = 3;
    } else {
      if (b === null || typeof b !== "object") {
        throw new TypeError("redisRateLimitStore: breaker must be false or { threshold?, cooldownMs? }");
      }
      checkKeys("redisRateLimitStore breaker", b, BREAKER_KEYS);
      this.#threshold = positive("breaker.threshold", b.threshold, true) ?? 3;
      this.#cooldownMs = positive("breaker.cooldownMs", b.cooldownMs, false);
    }
    const r = options.backgroundReserve ?? 0.1;
    if (typeof r !== "number" || !(r >= 0 && r < 1)) {
      throw new TypeError(
        `redisRateLimitStore: backgroundReserve must be a number from 0 to below 1, got ${String(r)}`,
      );
    }
    this.#reserve = r;
    this.#link = linkOf(redis, "redisRateLimitStore");
  }

  /** The Redis keys of a budget (one hash slot: `{name}`), and its channel. */
  keys(key: string): { keys: string[]; channel: string } {
    const base = `${this.#prefix}rl:{${this.#name ?? key}}:`;
    return {
      keys: ["fly", "own", "ext", "meta", "iwait", "ilog"].map((k) => base + k),
      channel: `${base}wake`,
    };
  }

  #budget(key: string): WindowBudget {
    let b = this.#local.get(key);
    if (!b) {
      b = new WindowBudget();
      this.#local.set(key, b);
    }
    return b;
  }

  async #run(
    op: "take" | "settle" | "cancel" | "adopt",
    key: string,
    config: BudgetConfig,
    fields: {
      member?: string;
      lane?: Priority;
      deadline?: number;
      status?: number;
      headers?: RateLimitHeaders | null;
    },
  ): Promise<number[]> {
    const { keys, channel } = this.keys(key);
    const h = fields.headers;
    const sentAt = performance.now();
    const reply = (await this.#link.script(
      budgetScript,
      keys,
      [
        op,
        fields.member ?? "",
        String(config.limit ?? 0),
        String(config.tierLimit),
        String(config.windowMs),
        fields.lane ?? "interactive",
        this.#pid,
        String(Math.round(fields.deadline ?? 0)),
        String(fields.status ?? 0),
        String(h?.limit ?? -1),
        String(h?.used ?? -1),
        String(h?.remaining ?? -1),
        String(h?.retryAfterMs ?? -1),
        String(this.#threshold),
        String(this.#cooldownMs ?? config.windowMs),
        String(this.#reserve),
        channel,
      ],
      this.#timeoutMs,
    )) as unknown[];
    const out = reply.map(num);
    const received = performance.now();
    this.#offset = (out[2] as number) - (sentAt + received) / 2;
    const wait = out[1] as number;
    this.#info.set(key, {
      limit: out[3] as number,
      used: out[4] as number,
      at: received,
      nextAt: out[0] === 0 ? received + wait : received,
    });
    return out;
  }

  /** Redis is unreachable: every budget of this process says so once and goes on with its own limiter. */
  #changed(up: boolean, reason: string): void {
    if (up) void this.#dropOrphans();
    const event = up
      ? {
          state: "shared" as const,
          reason: "Redis answers again: this process rejoined the shared rate-limit budget",
        }
      : {
          state: "local" as const,
          reason: `The shared rate-limit budget on Redis is unreachable (${reason}): this process falls back to its own header-driven limiter until Redis answers again`,
        };
    for (const set of this.#watchers.values()) {
      for (const w of [...set]) {
        try {
          w.change(event);
        } catch {
          // a watcher must not break the store
        }
      }
    }
  }

  #orphan(key: string, member: string): void {
    const list = this.#orphans.get(key) ?? [];
    if (list.length < 10_000) list.push(member);
    this.#orphans.set(key, list);
  }

  async #dropOrphans(): Promise<void> {
    const all = [...this.#orphans];
    this.#orphans.clear();
    for (const [key, members] of all) {
      try {
        await this.#link.call(["ZREM", this.keys(key).keys[0] as string, ...members], this.#timeoutMs * 4);
      } catch {
        // reaped by the script after two windows anyway
      }
    }
  }

  async take(
    key: string,
    now: number,
    config: BudgetConfig,
    lane: Priority = "interactive",
  ): Promise<TakeResult> {
    if (this.#link.up) {
      const ticket = ++this.#seq;
      const member = `${this.#pid}:${ticket}`;
      // The script refuses a take that runs long after we gave up on it (a reconnecting client may send it late;
      // a call is given longer when this process itself was stalled, see `bounded`). One that runs a little
      // late is removed by the ZREM below.
      const deadline =
        this.#offset === undefined ? 0 : performance.now() + this.#offset + 4 * this.#timeoutMs + 1000;
      try {
        const [code, wait] = await this.#run("take", key, config, { member, lane, deadline });
        if (code === 1) {
          this.#tickets.set(ticket, { key, member });
          return { granted: true, ticket };
        }
        if (code === 0) return { granted: false, retryInMs: Math.max(1, wait as number) };
        this.#link.down(new Error("Redis answered later than the store waits"));
      } catch {
        // Redis is slow or gone: this request asks the local budget. Its take may still run in Redis.
        const r = this.#budget(key).take(now, config);
        if (!this.#link.up) {
          this.#orphan(key, member); // removed when Redis answers again
        } else if (r.granted) {
          // Only slow: the attempt goes on the local budget's word and is announced to the shared budget (the
          // announcement runs after the late take, on the same connection, and holds the same slot), so that the
          // other processes count it.
          this.#tickets.set(ticket, { key, member, local: r.ticket });
          this.#run("adopt", key, config, { member }).catch(() => {});
          return { granted: true, ticket };
        } else {
          // Only slow, and refused here: the late take, if it ran, holds a slot nobody uses.
          this.#link
            .call(["ZREM", this.keys(key).keys[0] as string, member], 4 * this.#timeoutMs)
            .catch(() => this.#orphan(key, member));
        }
        return this.#localResult(key, r);
      }
    }
    return this.#localResult(key, this.#budget(key).take(now, config));
  }

  /** A grant of the local budget, under a ticket of this store. */
  #localResult(key: string, r: TakeResult): TakeResult {
    if (!r.granted) return r;
    const ticket = ++this.#seq;
    this.#tickets.set(ticket, { key, local: r.ticket });
    return { granted: true, ticket };
  }

  async cancel(key: string, _now: number, config: BudgetConfig, ticket: number): Promise<void> {
    const t = this.#tickets.get(ticket);
    this.#tickets.delete(ticket);
    if (!t) return;
    if (t.local !== undefined) this.#budget(key).cancel(t.local);
    if (t.member === undefined || !this.#link.up) return; // reaped by the script after two windows
    try {
      await this.#run("cancel", key, config, { member: t.member });
    } catch {
      // the link is down now; the slot is reaped after two windows
    }
  }

  async settle(
    key: string,
    now: number,
    config: BudgetConfig,
    ticket: number | undefined,
    headers: RateLimitHeaders | null,
    status: number,
  ): Promise<void> {
    const t = ticket === undefined ? undefined : this.#tickets.get(ticket);
    if (ticket !== undefined) this.#tickets.delete(ticket);
    // The local budget learns from every response, so that a fallback starts from what the headers said.
    const local = this.#budget(key);
    if (t?.local !== undefined) local.settle(now, config, t.local, headers, status);
    else local.observe(now, config, headers, status);
    if (!this.#link.up) return;
    try {
      await this.#run("settle", key, config, { member: t?.member ?? "", status, headers });
    } catch {
      // the link is down now: the local budget already learned from this response
    }
  }

  inspect(key: string, now: number, config: BudgetConfig, position: number): BudgetInfo {
    const info = this.#info.get(key);
    if (!this.#link.up || !info) return this.#budget(key).inspect(now, config, position);
    const { limit } = info;
    const used = Math.min(info.used, limit);
    const remaining = Math.max(0, limit - info.used);
    let waitMs = 0;
    if (position >= remaining && limit > 0) {
      // an estimate: the next change the store announced, then a window per `limit` requests ahead
      const t = performance.now();
      waitMs =
        Math.max(0, info.nextAt - t) +
        Math.floor((position - remaining) / limit) * (config.windowMs + WindowBudget.margin(config.windowMs));
    }
    return { limit, used, remaining, waitMs };
  }

  forget(key: string): void {
    this.#local.delete(key);
    this.#info.delete(key);
  }

  watch(key: string, events: RateLimitStoreEvents): () => void {
    let set = this.#watchers.get(key);
    if (!set) {
      set = new Set();
      this.#watchers.set(key, set);
    }
    set.add(events);
    this.#stopListening ??= this.#link.listen((up, reason) => this.#changed(up, reason));
    const unsubscribe = this.#link.subscribe(this.keys(key).channel, () => events.wake());
    return () => {
      unsubscribe();
      const s = this.#watchers.get(key);
      s?.delete(events);
      if (s?.size === 0) this.#watchers.delete(key);
      if (this.#watchers.size === 0) {
        this.#stopListening?.();
        this.#stopListening = undefined;
      }
    };
  }
}

/**
 * A rate-limit store in Redis: every client given a store with the same name (and prefix) spends one budget,
 * whatever process or machine it runs in. Pass it as `rateLimit: { store }`.
 *
 * Each request is one atomic script on Redis' own clock (`TIME`) that answers "go" or "ask again in N ms"; the
 * shared count is raised to what Discogs' headers say (other users of the IP), never lowered; every key has a
 * TTL. When Redis is unreachable (or slower than `timeoutMs`), each process falls back at once to its own
 * header-driven limiter, says so once through the client's `logger` and `hooks.onRateLimitStore`, and rejoins
 * when Redis answers again.
 *
 * The store adds an `error` listener to the client (a node-redis client without one would crash the process
 * when the server goes away) and opens one subscriber connection (`client.duplicate()`) while clients use it.
 *
 * @param redis - a connected node-redis client (`createClient()` from `redis` 5+) or an ioredis client
 * @param options - prefix, name, timeout, breaker and lanes
 * @throws TypeError for an unknown option, a bad value, or a `redis` that is neither client
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { Discogs } from "discogs-sdk";
 * import { redisRateLimitStore, redisCacheStore } from "discogs-sdk/redis";
 *
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const client = new Discogs({
 *   rateLimit: { store: redisRateLimitStore(redis) },
 *   cache: redisCacheStore(redis),
 * });
 * ```
 */
export function redisRateLimitStore(redis: unknown, options?: RedisRateLimitStoreOptions): RateLimitStore {
  return new RedisRateLimitStore(redis, options);
}
