/**
 * The queue in front of one shared budget: requests of every client of this process that talks to the same base
 * URL at the same tier wait here, interactive ones ahead of background ones, and are released as the store
 * allows. One timer at a time, only while requests wait.
 *
 * @module
 */

import { onAbort } from "./abort";
import { DiscogsError, RateLimitQueueError } from "./errors";
import { safeCall } from "./hooks";
import type { RateLimitHeaders, RateLimitSnapshot } from "./limiter-headers";
import type { RateLimitStore, RateLimitStoreEvent } from "./limiter-store";
import type { BudgetConfig, BudgetInfo } from "./budget-types";
import { verdict, WakeTimer, type LimiterClock, type Priority, type QueueClient } from "./limiter-wait";

export type { Priority, QueueClient } from "./limiter-wait";

interface Waiter {
  owner: QueueClient;
  priority: Priority;
  resolve: (ticket: number) => void;
  reject: (e: unknown) => void;
  /** Set once the waiter was checked against maxQueue/maxWaitMs and reported to onThrottled. */
  checked: boolean;
  cleanup: () => void;
}

/**
 * The budget and queue one key (base URL + tier) shares in this process, reference-counted by its clients.
 * Internal to the package (not exported from an entry point).
 */
export class SharedBudget {
  readonly key: string;
  readonly #store: RateLimitStore;
  readonly #clock: LimiterClock;
  readonly #tierLimit: number;
  readonly #clients = new Set<QueueClient>();
  readonly #queue: Waiter[] = [];
  readonly #onEmpty: () => void;
  #config: BudgetConfig;
  #info: BudgetInfo;
  readonly #timer: WakeTimer;
  #draining = false;
  #again = false;
  /** Stops listening to a shared store's events (see {@link RateLimitStore.watch}). */
  #unwatch: (() => void) | undefined;

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
    this.#timer = new WakeTimer(clock, () => this.#kick());
    this.#tierLimit = tierLimit;
    this.#onEmpty = onEmpty;
    this.#config = { limit: undefined, tierLimit, windowMs: 60_000 };
    this.#info = { limit: tierLimit, used: 0, remaining: tierLimit, waitMs: 0 };
    this.#unwatch = store.watch?.(key, {
      wake: () => {
        if (this.#queue.length > 0) this.#kick();
      },
      change: (e) => this.#changed(e),
    });
  }

  /** A shared store fell back or rejoined: every client says so, once, through its logger and hook. */
  #changed(e: RateLimitStoreEvent): void {
    for (const c of this.#clients) {
      const { log, onStoreChange } = c.settings;
      if (e.state === "local") safeCall(() => log?.warn(e.reason));
      else safeCall(() => log?.info(e.reason));
      if (onStoreChange) safeCall(() => onStoreChange({ ...e }));
    }
    if (e.state === "shared" && this.#queue.length > 0) this.#kick();
  }

  /** The settings in force: the strictest overrides of the attached clients. */
  get config(): BudgetConfig {
    return this.#config;
  }

  attach(client: QueueClient): void {
    this.#clients.add(client);
    this.#reconfigure();
  }

  detach(client: QueueClient): void {
    this.#clients.delete(client);
    for (const w of [...this.#queue]) {
      if (w.owner === client && this.#remove(w)) {
        w.reject(new DiscogsError("The client was closed while the request waited for the rate limit"));
      }
    }
    if (this.#clients.size === 0) {
      this.#timer.clear();
      safeCall(() => this.#unwatch?.());
      this.#unwatch = undefined;
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

  /** Waits for a slot; resolves with the store's ticket. Interactive requests queue ahead of background ones. */
  enqueue(owner: QueueClient, priority: Priority, signal: AbortSignal | undefined): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        priority,
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
      const at = priority === "interactive" ? this.#queue.findIndex((w) => w.priority === "background") : -1;
      if (at < 0) this.#queue.push(waiter);
      else this.#queue.splice(at, 0, waiter);
      this.#kick();
    });
  }

  /** An attempt ended: feed the store, then release whoever may go now. */
  settle(ticket: number | undefined, headers: RateLimitHeaders | null, status: number): void {
    this.#after(() => this.#store.settle(this.key, this.#clock.now(), this.#config, ticket, headers, status));
  }

  /** A slot was granted but the attempt never reached the server: give it back. */
  cancel(ticket: number): void {
    this.#after(() => this.#store.cancel(this.key, this.#clock.now(), this.#config, ticket));
  }

  #after(call: () => void | Promise<void>): void {
    let r: void | Promise<void>;
    try {
      r = call();
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
        await this.#release();
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
    if (this.#queue.length === 0) this.#timer.clear();
    this.#refreshInfo();
  }

  /** Grants slots to the head of the queue while the store allows; then checks who waits, and arms the timer. */
  async #release(): Promise<void> {
    while (this.#queue.length > 0) {
      const head = this.#queue[0] as Waiter;
      let r = this.#store.take(this.key, this.#clock.now(), this.#config, head.priority);
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
      const checked = this.#checkWaiters(0, r.retryInMs);
      if (checked instanceof Promise) await checked;
      this.#arm(r.retryInMs);
      return;
    }
  }

  /**
   * Refuses the waiters over their client's maxQueue/maxWaitMs, and reports the others as throttled with their
   * estimated wait: at least `retryInMs`, when the store said when to ask again.
   */
  #checkWaiters(from: number, retryInMs: number): void | Promise<void> {
    for (let i = from; i < this.#queue.length;) {
      const w = this.#queue[i] as Waiter;
      if (w.checked) {
        i++;
        continue;
      }
      w.checked = true;
      const info = this.#store.inspect(this.key, this.#clock.now(), this.#config, i);
      if (info instanceof Promise)
        return info.then((v) => this.#checkWaiters(this.#judge(w, i, v, retryInMs) ? i + 1 : i, retryInMs));
      if (this.#judge(w, i, info, retryInMs)) i++;
    }
  }

  /** Refuses `w`, at queue position `i`, when its client's bounds say so, else reports it. True when it stays. */
  #judge(w: Waiter, i: number, info: BudgetInfo, retryInMs: number): boolean {
    if (!this.#queue.includes(w)) return false; // aborted meanwhile
    const v = verdict(w.owner.settings, i, info, retryInMs, this.#config.windowMs);
    if ("refuse" in v) return this.#refuse(w, v.refuse, v.message);
    const onThrottled = w.owner.settings.onThrottled;
    if (onThrottled && v.waitMs > 0)
      safeCall(() => onThrottled({ waitMs: v.waitMs, queued: this.#queue.length }));
    return true;
  }

  #refuse(w: Waiter, reason: "queue_full" | "max_wait", message: string): false {
    this.#remove(w);
    w.reject(new RateLimitQueueError(reason, message));
    return false;
  }

  /** Sets the one timer to `ms` from now (or sooner), only while requests wait. */
  #arm(ms: number): void {
    if (this.#queue.length === 0) this.#timer.clear();
    else this.#timer.arm(ms);
  }

  /** Whether a timer is set (tests check that nothing is left running). */
  get timerPending(): boolean {
    return this.#timer.pending;
  }
}
