/**
 * Rate limiting. The transport calls {@link Limiter.acquire} before every attempt and
 * {@link Limiter.update} after every response.
 *
 * With `rateLimit` on (the default), requests wait in a FIFO queue and are released so that Discogs' moving
 * window is never exceeded: as many at once as the budget allows, the budget resynced from the rate-limit
 * headers after every response (see `limiter-store.ts` for the algorithm). Every client of the process that
 * talks to the same base URL at the same tier shares one budget and one queue.
 *
 * @module
 */

import { DiscogsError } from "./errors";
import { SharedBudget, type Priority, type QueueClient } from "./limiter-queue";
import { MemoryRateLimitStore, type RateLimitStore, type RateLimitStoreEvent } from "./limiter-store";
import type { Log } from "./log";
import { checkKeys } from "./params";

export type {
  RateLimitStore,
  RateLimitStoreEvent,
  RateLimitStoreEvents,
  BudgetConfig,
  BudgetInfo,
  TakeResult,
  MaybePromise,
} from "./limiter-store";
export { SharedBudget, type Priority };
/** The three rate-limit headers Discogs sends on every response, parsed. */
export interface RateLimitHeaders {
  /** `X-Discogs-Ratelimit`: requests allowed per window. */
  limit?: number;
  /** `X-Discogs-Ratelimit-Used`: requests made in the current window. */
  used?: number;
  /** `X-Discogs-Ratelimit-Remaining`: requests left in the current window. */
  remaining?: number;
  /** `Retry-After`, in ms from now, when the response has one (Discogs itself never sends it; proxies may). */
  retryAfterMs?: number;
}

/** What `client.rateLimit` returns. */
export interface RateLimitSnapshot {
  /** Requests allowed per window (learned from `X-Discogs-Ratelimit`, or assumed from the credentials). */
  limit: number;
  /** Requests counted in the current window. */
  used: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Requests of this process waiting in the local queue. */
  queued: number;
}

/** Parses the rate-limit headers (with `Retry-After` as the attempt parsed it); null when none is present. */
export function parseRateLimitHeaders(
  headers: Headers,
  retryAfterMs: number | null = null,
): RateLimitHeaders | null {
  const num = (name: string) => {
    const v = headers.get(name);
    if (v === null) return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const out: RateLimitHeaders = {};
  const limit = num("x-discogs-ratelimit");
  const used = num("x-discogs-ratelimit-used");
  const remaining = num("x-discogs-ratelimit-remaining");
  if (limit !== undefined) out.limit = limit;
  if (used !== undefined) out.used = used;
  if (remaining !== undefined) out.remaining = remaining;
  if (retryAfterMs !== null) out.retryAfterMs = retryAfterMs;
  return Object.keys(out).length === 0 ? null : out;
}

/** Names one attempt between {@link Limiter.acquire} and {@link Limiter.settle} or {@link Limiter.cancel}. */
export type AttemptTicket = number;

/** The interface an attempt drives: every `acquire` is followed by exactly one `settle` or `cancel`. */
export interface Limiter {
  /**
   * Resolves when one request may start, with a ticket to hand back; rejects on abort or when the queue refuses
   * the request. `priority` picks the lane (default: the client's).
   */
  acquire(signal?: AbortSignal, priority?: Priority): Promise<AttemptTicket>;
  /**
   * The attempt ended: the response's rate-limit headers and status (429 included), or status 0 when it got no
   * response (it may have reached the server).
   */
  settle(ticket: AttemptTicket | undefined, headers: RateLimitHeaders | null, status: number): void;
  /** The attempt never reached the server (never sent, or the connection was refused): its slot is given back. */
  cancel(ticket: AttemptTicket): void;
  /** The current view of the budget. */
  snapshot(): RateLimitSnapshot;
  /** Releases timers and pending waiters. */
  close(): void;
  /** True when `acquire` holds requests until the window allows them, so a 429 needs no extra backoff. */
  readonly throttling: boolean;
}

/** A limiter that never waits, only remembers the last headers (used when `rateLimit: false`). */
export class HeaderTracker implements Limiter {
  readonly throttling = false;
  #last: RateLimitSnapshot;
  constructor(limit: number) {
    this.#last = { limit, used: 0, remaining: limit, queued: 0 };
  }
  async acquire(signal?: AbortSignal): Promise<AttemptTicket> {
    signal?.throwIfAborted();
    return 0;
  }
  cancel(): void {}
  settle(_ticket: AttemptTicket | undefined, headers: RateLimitHeaders | null): void {
    if (!headers) return;
    const limit = headers.limit ?? this.#last.limit;
    const used =
      headers.used ?? (headers.remaining !== undefined ? limit - headers.remaining : this.#last.used);
    const remaining = headers.remaining ?? Math.max(0, limit - used);
    this.#last = { limit, used, remaining, queued: 0 };
  }
  snapshot(): RateLimitSnapshot {
    return { ...this.#last };
  }
  close(): void {}
}

/** Options of the `rateLimit` client option. */
export interface RateLimitOptions {
  /**
   * Requests per window; overrides what the headers say (for tests and benchmarks that compress time).
   * @default from `X-Discogs-Ratelimit`; until the first response, 60 with credentials and 25 without
   */
  limit?: number;
  /** Window length in ms (shorten it only against a server with a shorter window, such as the emulator). @default 60000 */
  windowMs?: number;
  /**
   * Most requests that may wait in the queue; one more is refused at once with `RateLimitQueueError`
   * ("queue_full"). `0` queues nothing: a request the budget has room for is sent at once, one it has no room for
   * is refused. @default Infinity
   */
  maxQueue?: number;
  /** Longest a request may wait in the queue, in ms; a request that would wait longer is refused at once with `RateLimitQueueError` ("max_wait"). @default Infinity */
  maxWaitMs?: number;
  /**
   * Where the budget lives. Clients given the same store share budgets (per base URL and tier); a store shared
   * across processes (such as `redisRateLimitStore` from `discogs-sdk/redis`) shares them across processes.
   * @default one in-memory store for the process
   */
  store?: RateLimitStore;
}

/** The keys of {@link RateLimitOptions}, for the unknown-key check. */
const RATE_LIMIT_KEYS = ["limit", "windowMs", "maxQueue", "maxWaitMs", "store"] as const;

/** What the client tells the limiter factory. */
export interface LimiterContext {
  /** The API base URL: clients with the same base URL and tier share one budget. */
  baseUrl: string;
  /** Whether the client sends credentials (the 60/min tier) or not (25/min). */
  authenticated: boolean;
  /** Called when a request has to wait in the queue, with the estimated wait and the queue length. */
  onThrottled?: ((e: { waitMs: number; queued: number }) => void) | undefined;
  /** The lane of the client's requests unless a request says otherwise. @default "interactive" */
  priority?: Priority | undefined;
  /** Where a shared store's fallback and rejoin are reported (the client's log). */
  log?: Pick<Log, "warn" | "info"> | undefined;
  /** Called when a shared store falls back or rejoins (`hooks.onRateLimitStore`). */
  onStoreChange?: ((e: RateLimitStoreEvent) => void) | undefined;
}

/** The clock and timers the limiter uses; tests inject a fake one. */
export interface LimiterClock {
  /** Milliseconds, monotonic enough (Date.now). */
  now(): number;
  /** Calls `fn` after `ms`; returns a handle for {@link LimiterClock.clearTimer}. */
  setTimer(fn: () => void, ms: number): unknown;
  /** Cancels a timer. */
  clearTimer(handle: unknown): void;
}

/** What {@link createLimiter} runs on: a clock and a store. Clients built with the same object share budgets. */
export interface LimiterDeps {
  /** @default the real clock (`Date.now`, `setTimeout`) */
  clock?: LimiterClock;
  /** @default one in-memory store for the process (overridden by the `rateLimit.store` option) */
  store?: RateLimitStore;
}

/** The real clock: `Date.now` and `setTimeout`. */
export const realClock: LimiterClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const DEFAULT_DEPS: LimiterDeps = {};
const defaultStore = new MemoryRateLimitStore();
/** Shared budgets by store, then by key (base URL + tier): clients with the same store share a budget. */
const registries = new WeakMap<RateLimitStore, Map<string, SharedBudget>>();

interface ClientSettings {
  limit: number | undefined;
  windowMs: number | undefined;
  maxQueue: number;
  maxWaitMs: number;
  onThrottled: LimiterContext["onThrottled"];
  log: LimiterContext["log"];
  onStoreChange: LimiterContext["onStoreChange"];
}

/**
 * The throttling limiter of one client: a handle on the budget its base URL and tier share.
 * Internal to the package (not exported from an entry point).
 */
export class WindowLimiter implements Limiter, QueueClient {
  readonly throttling = true;
  readonly settings: ClientSettings;
  readonly #shared: SharedBudget;
  readonly #priority: Priority;
  #closed = false;

  constructor(shared: SharedBudget, settings: ClientSettings, priority: Priority = "interactive") {
    this.#shared = shared;
    this.settings = settings;
    this.#priority = priority;
    shared.attach(this);
  }

  /** The shared budget (tests). */
  get shared(): SharedBudget {
    return this.#shared;
  }

  acquire(signal?: AbortSignal, priority?: Priority): Promise<AttemptTicket> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#closed) return Promise.reject(new DiscogsError("The client is closed"));
    return this.#shared.enqueue(this, priority ?? this.#priority, signal);
  }

  settle(ticket: AttemptTicket | undefined, headers: RateLimitHeaders | null, status: number): void {
    this.#shared.settle(ticket, headers, status);
  }

  cancel(ticket: AttemptTicket): void {
    this.#shared.cancel(ticket);
  }

  snapshot(): RateLimitSnapshot {
    return this.#shared.snapshot();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#shared.detach(this);
  }
}

function check(
  name: string,
  v: unknown,
  min: number,
  integer: boolean,
  infinite: boolean,
): number | undefined {
  if (v === undefined) return undefined;
  const ok =
    typeof v === "number" &&
    (v === Infinity ? infinite : Number.isFinite(v) && v >= min && (!integer || Number.isInteger(v)));
  if (!ok) {
    throw new TypeError(
      `rateLimit.${name} must be ${integer ? "an integer" : "a number"} >= ${min}${infinite ? " or Infinity" : ""}, got ${String(v)}`,
    );
  }
  return v as number;
}

/**
 * Builds the limiter for a client: a {@link HeaderTracker} for `rateLimit: false`, else a throttling
 * {@link WindowLimiter} on the budget shared by base URL and tier.
 *
 * @param option - the client's `rateLimit` option. @default true
 * @param ctx - base URL, tier, and the `onThrottled` hook
 * @param deps - clock and store (tests). Clients with the same store (here or in `rateLimit.store`) share budgets.
 */
export function createLimiter(
  option: boolean | RateLimitOptions | undefined,
  ctx: LimiterContext,
  deps: LimiterDeps = DEFAULT_DEPS,
): Limiter {
  const tierLimit = ctx.authenticated ? 60 : 25;
  if (
    option !== undefined &&
    typeof option !== "boolean" &&
    (option === null || typeof option !== "object")
  ) {
    throw new TypeError(`rateLimit must be true, false or an options object, got ${String(option)}`);
  }
  const o = typeof option === "object" ? option : {};
  checkKeys("rateLimit", o, RATE_LIMIT_KEYS);
  if (o.store !== undefined && !isStore(o.store)) {
    throw new TypeError(
      "rateLimit.store must be a RateLimitStore (an object with take, cancel, settle, inspect and forget)",
    );
  }
  const settings: ClientSettings = {
    limit: check("limit", o.limit, 1, true, false),
    windowMs: check("windowMs", o.windowMs, 1, false, false),
    maxQueue: check("maxQueue", o.maxQueue, 0, true, true) ?? Infinity,
    maxWaitMs: check("maxWaitMs", o.maxWaitMs, 0, false, true) ?? Infinity,
    onThrottled: ctx.onThrottled,
    log: ctx.log,
    onStoreChange: ctx.onStoreChange,
  };
  if (option === false) return new HeaderTracker(settings.limit ?? tierLimit);

  const store = o.store ?? deps.store ?? defaultStore;
  let registry = registries.get(store);
  if (!registry) {
    registry = new Map();
    registries.set(store, registry);
  }
  const key = `${ctx.baseUrl.replace(/\/+$/, "")} ${ctx.authenticated ? "authenticated" : "anonymous"}`;
  let shared = registry.get(key);
  if (!shared) {
    const reg = registry;
    shared = new SharedBudget(key, tierLimit, store, deps.clock ?? realClock, () => reg.delete(key));
    registry.set(key, shared);
  }
  return new WindowLimiter(shared, settings, ctx.priority);
}

function isStore(v: unknown): v is RateLimitStore {
  return (
    v !== null &&
    typeof v === "object" &&
    ["take", "cancel", "settle", "inspect", "forget"].every(
      (m) => typeof (v as Record<string, unknown>)[m] === "function",
    )
  );
}
