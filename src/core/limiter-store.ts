/**
 * The {@link RateLimitStore} seam that holds rate-limit budgets, and the default in-process store. The budget
 * algorithm itself is in `window-budget.ts`.
 *
 * @module
 */

import type { Priority, RateLimitHeaders } from "./limiter-headers";
import { WindowBudget, type BudgetConfig, type BudgetInfo, type TakeResult } from "./window-budget";

export { WindowBudget };
export type { BudgetConfig, BudgetInfo, TakeResult };

/** A value or a promise of it: stores shared across processes answer asynchronously. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where the rate-limit budget lives. Every client of a process that talks to the same base URL at the same
 * tier uses the same key, so they share one budget. The in-process store ({@link MemoryRateLimitStore}) is the
 * default; a store shared across processes or machines can implement the same five calls atomically (for
 * example over Redis), and the limiter then coordinates every program that uses it.
 *
 * Every call gets the current time and the budget settings; a store keeps no clock and sets no timer.
 */
export interface RateLimitStore {
  /**
   * Takes one slot for an attempt that starts now, if the budget allows. `lane` is the request's priority: a
   * store shared across processes may hold background requests back while interactive ones wait anywhere.
   */
  take(key: string, now: number, config: BudgetConfig, lane?: Priority): MaybePromise<TakeResult>;
  /** Gives back a slot that {@link RateLimitStore.take} granted but nobody used (aborted meanwhile). */
  cancel(key: string, now: number, config: BudgetConfig, ticket: number): MaybePromise<void>;
  /**
   * An attempt ended: its response's rate-limit headers and status, or status 0 when no response arrived
   * (connection error, timeout, abort). `ticket` is the one {@link RateLimitStore.take} gave (undefined when
   * the caller lost it: the oldest attempt in flight is assumed).
   */
  settle(
    key: string,
    now: number,
    config: BudgetConfig,
    ticket: number | undefined,
    headers: RateLimitHeaders | null,
    status: number,
  ): MaybePromise<void>;
  /** The budget now, with the estimated wait of the request at `position` in the local queue (0-based). */
  inspect(key: string, now: number, config: BudgetConfig, position: number): MaybePromise<BudgetInfo>;
  /** Forgets the key (its last client closed). */
  forget(key: string): MaybePromise<void>;
  /**
   * Optional, for stores shared across processes: the limiter of `key` listens while it has clients, and the
   * returned function stops it. `events.wake()` says budget may have freed elsewhere (ask again now);
   * `events.change()` says the store left or rejoined its shared budget (reported through the clients'
   * `logger` and `hooks.onRateLimitStore`).
   */
  watch?(key: string, events: RateLimitStoreEvents): () => void;
}

/** What a shared store tells the limiters that watch it. */
export interface RateLimitStoreEvents {
  /** Budget may have freed in another process: waiting requests ask the store again now. */
  wake(): void;
  /** The store left its shared budget for this process's own limiter, or rejoined it. */
  change(event: RateLimitStoreEvent): void;
}

/** What `hooks.onRateLimitStore` receives. */
export interface RateLimitStoreEvent {
  /** `"local"`: the shared store is unreachable, this process limits itself; `"shared"`: back on the shared budget. */
  state: "shared" | "local";
  /** Why, in words (a connection error's message; never a credential). */
  reason: string;
}

/** The default store: budgets in memory, shared by the clients of this process (JavaScript realm). */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #budgets = new Map<string, WindowBudget>();

  #get(key: string): WindowBudget {
    let b = this.#budgets.get(key);
    if (!b) {
      b = new WindowBudget();
      this.#budgets.set(key, b);
    }
    return b;
  }

  take(key: string, now: number, config: BudgetConfig): TakeResult {
    return this.#get(key).take(now, config);
  }

  cancel(key: string, _now: number, _config: BudgetConfig, ticket: number): void {
    this.#get(key).cancel(ticket);
  }

  settle(
    key: string,
    now: number,
    config: BudgetConfig,
    ticket: number | undefined,
    headers: RateLimitHeaders | null,
    status: number,
  ): void {
    this.#get(key).settle(now, config, ticket, headers, status);
  }

  inspect(key: string, now: number, config: BudgetConfig, position: number): BudgetInfo {
    return this.#get(key).inspect(now, config, position);
  }

  forget(key: string): void {
    this.#budgets.delete(key);
  }
}
