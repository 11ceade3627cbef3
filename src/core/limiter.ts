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

import { onAbort } from "./abort";
import { DiscogsError, parseRetryAfterMs, RateLimitQueueError } from "./errors";
import {
  MemoryRateLimitStore,
  type BudgetConfig,
  type BudgetInfo,
  type RateLimitStore,
} from "./limiter-store";

export type { RateLimitStore, BudgetConfig, BudgetInfo, TakeResult, MaybePromise } from "./limiter-store";
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

/** Parses the rate-limit headers (and `Retry-After`); null when none is present. */
export function parseRateLimitHeaders(headers: Headers): RateLimitHeaders | null {
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
  const retryAfterMs = parseRetryAfterMs(headers.get("retry-after"), Date.now());
  if (retryAfterMs !== null) out.retryAfterMs = retryAfterMs;
  return Object.keys(out).length === 0 ? null : out;
}

/** Names one attempt between {@link Limiter.acquire} and {@link Limiter.update}. */
export type AttemptTicket = number;

/** The interface the transport drives. */
export interface Limiter {
  /**
   * Resolves when one request may start, with a ticket to hand back to {@link Limiter.update}; rejects on abort
   * or when the queue refuses the request.
   */
  acquire(signal?: AbortSignal): Promise<AttemptTicket | void>;
  /**
   * Feeds back the response's headers and status (429 included), or status 0 when the attempt got no response.
   * `ticket` is what `acquire` resolved with: it tells which attempt the headers describe.
   */
  update(headers: RateLimitHeaders | null, status: number, ticket?: AttemptTicket | void): void;
  /** The current view of the budget. */
  snapshot(): RateLimitSnapshot;
  /** Releases timers and pending waiters. */
  close(): void;
  /** True when `acquire` holds requests until the window allows them, so a 429 needs no extra backoff. */
  readonly throttling?: boolean;
}

/** A limiter that never waits, only remembers the last headers (used when `rateLimit: false`). */
export class HeaderTracker implements Limiter {
  readonly throttling = false;
  #last: RateLimitSnapshot;
  constructor(limit: number) {
    this.#last = { limit, used: 0, remaining: limit, queued: 0 };
  }
  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
  }
  update(headers: RateLimitHeaders | null): void {
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
  /** Most requests that may wait in the queue; one more is refused at once with `RateLimitQueueError` ("queue_full"). @default Infinity */
  maxQueue?: number;
  /** Longest a request may wait in the queue, in ms; a request that would wait longer is refused at once with `RateLimitQueueError` ("max_wait"). @default Infinity */
  maxWaitMs?: number;
}

/** What the client tells the limiter factory. */
export interface LimiterContext {
  /** The API base URL: clients with the same base URL and tier share one budget. */
  baseUrl: string;
  /** Whether the client sends credentials (the 60/min tier) or not (25/min). */
  authenticated: boolean;
  /** Called when a request has to wait in the queue, with the estimated wait and the queue length. */
  onThrottled?: ((e: { waitMs: number; queued: number }) => void) | undefined;
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
  /** @default one in-memory store for the process */
  store?: RateLimitStore;
}

const realClock: LimiterClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const DEFAULT_DEPS: LimiterDeps = {};
const defaultStore = new MemoryRateLimitStore();
/** Shared budgets by deps object, then by key (base URL + tier). */
const registries = new WeakMap<LimiterDeps, Map<string, SharedBudget>>();

interface Waiter {
  owner: WindowLimiter;
  resolve: (ticket: AttemptTicket) => void;
  reject: (e: unknown) => void;
  /** Set once the waiter was checked against maxQueue/maxWaitMs and reported to onThrottled. */
  checked: boolean;
  cleanup: () => void;
}

interface ClientSettings {
  limit: number | undefined;
  windowMs: number | undefined;
  maxQueue: number;
  maxWaitMs: number;
  onThrottled: LimiterContext["onThrottled"];
}

function safeCall(fn: () => void): void {
  try {
    fn();
  } catch {
    // hooks must not break requests
  }
}

/**
 * The budget and queue one key (base URL + tier) shares in this process, reference-counted by its clients.
 * @internal
 */
export class SharedBudget {
  readonly key: string;
  readonly #store: RateLimitStore;
  readonly #clock: LimiterClock;
  readonly #tierLimit: number;
  readonly #clients = new Set<WindowLimiter>();
  readonly #queue: Waiter[] = [];
  readonly #onEmpty: () => void;
  #config: BudgetConfig;
  #info: BudgetInfo;
  #timer: unknown = undefined;
  #timerAt = Infinity;
  #draining = false;
  #again = false;

  constructor(
    key: string,
    tierLimit: number,
    store: RateLimitStore,
    clock: LimiterClock,
    onEmpty: () => void,
  ) {
    this.key = key;
    this.#store = store;
    this.#clock = clock;
    this.#tierLimit = tierLimit;
    this.#onEmpty = onEmpty;
    this.#config = { limit: undefined, tierLimit, windowMs: 60_000 };
    this.#info = { limit: tierLimit, used: 0, remaining: tierLimit, waitMs: 0 };
  }

  /** The settings in force: the strictest overrides of the attached clients. */
  get config(): BudgetConfig {
    return this.#config;
  }

  attach(client: WindowLimiter): void {
    this.#clients.add(client);
    this.#reconfigure();
  }

  detach(client: WindowLimiter): void {
    this.#clients.delete(client);
    for (const w of [...this.#queue]) {
      if (w.owner === client) {
        this.#remove(w);
        w.reject(new DiscogsError("The client was closed while the request waited for the rate limit"));
      }
    }
    if (this.#clients.size === 0) {
      this.#disarm();
      this.#onEmpty();
      void Promise.resolve(this.#store.forget(this.key)).catch(() => {});
    } else {
      this.#reconfigure();
      this.#kick();
    }
  }

  #reconfigure(): void {
    let limit: number | undefined;
    let windowMs: number | undefined;
    for (const c of this.#clients) {
      const s = c.settings;
      if (s.limit !== undefined) limit = Math.min(limit ?? Infinity, s.limit);
      if (s.windowMs !== undefined) windowMs = Math.max(windowMs ?? 0, s.windowMs);
    }
    this.#config = { limit, tierLimit: this.#tierLimit, windowMs: windowMs ?? 60_000 };
  }

  get queued(): number {
    return this.#queue.length;
  }

  snapshot(): RateLimitSnapshot {
    this.#refreshInfo();
    const { limit, used, remaining } = this.#info;
    return { limit, used, remaining, queued: this.#queue.length };
  }

  #refreshInfo(): void {
    const r = this.#store.inspect(this.key, this.#clock.now(), this.#config, 0);
    if (r instanceof Promise) {
      r.then(
        (info) => {
          this.#info = info;
        },
        () => {},
      );
    } else this.#info = r;
  }

  enqueue(owner: WindowLimiter, signal: AbortSignal | undefined): Promise<AttemptTicket> {
    return new Promise<AttemptTicket>((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        resolve,
        reject,
        checked: false,
        cleanup: () => unsubscribe(),
      };
      const unsubscribe = onAbort(signal, () => {
        if (this.#remove(waiter)) {
          reject(signal?.reason);
          this.#kick();
        }
      });
      this.#queue.push(waiter);
      this.#kick();
    });
  }

  /** An attempt ended: feed the store, then release whoever may go now. */
  settle(ticket: AttemptTicket | undefined, headers: RateLimitHeaders | null, status: number): void {
    let r: void | Promise<void>;
    try {
      r = this.#store.settle(this.key, this.#clock.now(), this.#config, ticket, headers, status);
    } catch {
      r = undefined;
    }
    if (r instanceof Promise)
      r.then(
        () => this.#kick(),
        () => this.#kick(),
      );
    else {
      this.#refreshInfo();
      this.#kick();
    }
  }

  #remove(w: Waiter): boolean {
    const i = this.#queue.indexOf(w);
    if (i < 0) return false;
    this.#queue.splice(i, 1);
    w.cleanup();
    return true;
  }

  #kick(): void {
    void this.#drain();
  }

  // Store calls are awaited only when the store answers with a promise: with the in-memory store a whole pass
  // runs at once, so a response releases the next requests before anything else gets to run.
  async #drain(): Promise<void> {
    if (this.#draining) {
      this.#again = true;
      return;
    }
    this.#draining = true;
    try {
      do {
        this.#again = false;
        while (this.#queue.length > 0) {
          const head = this.#queue[0] as Waiter;
          let r = this.#store.take(this.key, this.#clock.now(), this.#config);
          if (r instanceof Promise) r = await r;
          if (r.granted) {
            if (this.#queue[0] !== head) {
              // The head left (aborted) while the store answered: give the slot back.
              const c = this.#store.cancel(this.key, this.#clock.now(), this.#config, r.ticket);
              if (c instanceof Promise) await c;
              continue;
            }
            this.#queue.shift();
            head.cleanup();
            head.resolve(r.ticket);
            continue;
          }
          const checked = this.#checkWaiters(0);
          if (checked instanceof Promise) await checked;
          this.#arm(r.retryInMs);
          break;
        }
      } while (this.#again);
    } catch (e) {
      // A failing store: refuse what waits rather than hang.
      for (const w of this.#queue.splice(0)) {
        w.cleanup();
        w.reject(e);
      }
    } finally {
      this.#draining = false;
    }
    if (this.#queue.length === 0) this.#disarm();
    this.#refreshInfo();
  }

  /** Refuses the waiters over their client's maxQueue/maxWaitMs, and reports the others as throttled. */
  #checkWaiters(from: number): void | Promise<void> {
    for (let i = from; i < this.#queue.length;) {
      const w = this.#queue[i] as Waiter;
      if (w.checked) {
        i++;
        continue;
      }
      w.checked = true;
      const s = w.owner.settings;
      if (i >= s.maxQueue) {
        this.#remove(w);
        w.reject(
          new RateLimitQueueError(
            "queue_full",
            `The rate-limit queue is full: ${i} requests are already waiting (rateLimit.maxQueue is ${s.maxQueue}). ` +
              `Send fewer requests at once or raise maxQueue.`,
          ),
        );
        continue;
      }
      const info = this.#store.inspect(this.key, this.#clock.now(), this.#config, i);
      if (info instanceof Promise) {
        return info.then((v) => this.#checkWaiters(this.#judge(w, i, v) ? i + 1 : i));
      }
      if (this.#judge(w, i, info)) i++;
    }
  }

  /** Refuses `w`, at queue position `i`, when its wait exceeds maxWaitMs, else reports it. True when it stays. */
  #judge(w: Waiter, i: number, info: BudgetInfo): boolean {
    if (!this.#queue.includes(w)) return false; // aborted meanwhile
    const s = w.owner.settings;
    if (info.waitMs > s.maxWaitMs) {
      this.#remove(w);
      w.reject(
        new RateLimitQueueError(
          "max_wait",
          `The rate limit would hold this request for about ${Math.ceil(info.waitMs)} ms, longer than ` +
            `rateLimit.maxWaitMs (${s.maxWaitMs} ms): ${info.limit} requests per ${this.#config.windowMs} ms ` +
            `are allowed and ${i} requests are waiting ahead of it.`,
        ),
      );
      return false;
    }
    const onThrottled = s.onThrottled;
    if (onThrottled && info.waitMs > 0)
      safeCall(() => onThrottled({ waitMs: info.waitMs, queued: this.#queue.length }));
    return true;
  }

  /** One timer at a time, only while requests wait. It keeps the process alive as a pending request would. */
  #arm(ms: number): void {
    if (this.#queue.length === 0 || ms === Infinity) {
      this.#disarm();
      return;
    }
    const at = this.#clock.now() + ms;
    if (this.#timer !== undefined && this.#timerAt <= at) return;
    this.#disarm();
    this.#timerAt = at;
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = undefined;
      this.#timerAt = Infinity;
      this.#kick();
    }, ms);
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  /** Whether a timer is set (tests check that nothing is left running). */
  get timerPending(): boolean {
    return this.#timer !== undefined;
  }
}

/**
 * The throttling limiter of one client: a handle on the budget its base URL and tier share.
 * @internal
 */
export class WindowLimiter implements Limiter {
  readonly throttling = true;
  readonly settings: ClientSettings;
  readonly #shared: SharedBudget;
  #closed = false;

  constructor(shared: SharedBudget, settings: ClientSettings) {
    this.#shared = shared;
    this.settings = settings;
    shared.attach(this);
  }

  /** The shared budget (tests). */
  get shared(): SharedBudget {
    return this.#shared;
  }

  acquire(signal?: AbortSignal): Promise<AttemptTicket> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#closed) return Promise.reject(new DiscogsError("The client is closed"));
    return this.#shared.enqueue(this, signal);
  }

  update(headers: RateLimitHeaders | null, status: number, ticket?: AttemptTicket | void): void {
    this.#shared.settle(ticket ?? undefined, headers, status);
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
 * @param deps - clock and store (tests). Clients built with the same `deps` object share budgets.
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
  const settings: ClientSettings = {
    limit: check("limit", o.limit, 1, true, false),
    windowMs: check("windowMs", o.windowMs, 1, false, false),
    maxQueue: check("maxQueue", o.maxQueue, 0, true, true) ?? Infinity,
    maxWaitMs: check("maxWaitMs", o.maxWaitMs, 0, false, true) ?? Infinity,
    onThrottled: ctx.onThrottled,
  };
  if (option === false) return new HeaderTracker(settings.limit ?? tierLimit);

  let registry = registries.get(deps);
  if (!registry) {
    registry = new Map();
    registries.set(deps, registry);
  }
  const key = `${ctx.baseUrl.replace(/\/+$/, "")} ${ctx.authenticated ? "authenticated" : "anonymous"}`;
  let shared = registry.get(key);
  if (!shared) {
    const reg = registry;
    shared = new SharedBudget(key, tierLimit, deps.store ?? defaultStore, deps.clock ?? realClock, () =>
      reg.delete(key),
    );
    registry.set(key, shared);
  }
  return new WindowLimiter(shared, settings);
}
