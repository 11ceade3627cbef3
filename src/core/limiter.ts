/**
 * Rate limiting. The transport calls {@link Limiter.acquire} before every attempt and
 * {@link Limiter.update} after every response.
 *
 * With `rateLimit` on (the default), requests wait in a FIFO queue and are released so that Discogs' moving
 * window is never exceeded: as many at once as the budget allows, the budget resynced from the rate-limit
 * headers after every response (see `window-budget.ts` for the algorithm). Every client of the process that
 * talks to the same base URL at the same tier shares one budget and one queue.
 *
 * @module
 */

import { DiscogsError } from "./errors";
import { SharedBudget } from "./limiter-queue";
import { realClock, type LimiterClock, type Priority, type QueueClient } from "./limiter-wait";
import { MemoryRateLimitStore, type RateLimitStore, type RateLimitStoreEvent } from "./limiter-store";
import type { Log } from "./log";
import type { AttemptTicket, Limiter, RateLimitHeaders, RateLimitSnapshot } from "./limiter-headers";
import { HeaderTracker } from "./limiter-headers";
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
export { SharedBudget, realClock, type LimiterClock, type Priority };
export {
  HeaderTracker,
  parseRateLimitHeaders,
  type AttemptTicket,
  type Limiter,
  type RateLimitHeaders,
  type RateLimitSnapshot,
} from "./limiter-headers";

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

/** What {@link createLimiter} runs on: a clock and a store. Clients built with the same object share budgets. */
export interface LimiterDeps {
  /** @default the real clock (`Date.now`, `setTimeout`) */
  clock?: LimiterClock;
  /** @default one in-memory store for the process (overridden by the `rateLimit.store` option) */
  store?: RateLimitStore;
}

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
