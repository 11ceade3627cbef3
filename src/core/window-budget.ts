/**
 * The moving-window budget of one key (base URL + tier): pure logic, the clock passed in, no timer.
 *
 * It counts, in Discogs' moving window:
 * - our attempts in flight (a slot each, named by the ticket `take` returns);
 * - our finished attempts, each held until a window (plus a small margin) after its response arrived: the
 *   server counted it somewhere between start and response, so the slot is never released early. An attempt that
 *   got no response ("lost": a timeout, a reset, an abort in flight) is held the same way: it may have arrived;
 * - other programs' requests on the same IP: after every response, the server's count (`X-Discogs-Ratelimit`
 *   minus `-Remaining`; `-Used` only without Remaining) less every attempt of ours it may have counted, lost ones
 *   included. This low bound is never above 0 when we are alone; it is held for a window, because other programs
 *   reuse their slots as we do ours.
 *
 * A request starts when the window has room and one of these allows it:
 * - credit from our own slots expiring (budget nobody else knows about: released at once);
 * - credit from the last response, valid for two round trips: the whole free budget when we are alone
 *   (concurrency as high as the budget allows), or, when other programs spend it too, one more attempt in
 *   flight per round trip (they cannot see our attempts in flight, nor we theirs);
 * - a probe: nothing of ours in flight and either nothing in the window or nobody else seen (at start, after
 *   an idle window, between sparse requests, after a fault).
 *
 * A 429 counts as "the window is full": the budget is exhausted until slots expire, and growth restarts at one.
 *
 * @module
 */

import {
  slotWaitMs,
  type BudgetConfig,
  type BudgetInfo,
  type Ended,
  type Outcome,
  type TakeResult,
} from "./budget-types";
import type { RateLimitHeaders } from "./limiter-headers";
import { OtherPrograms } from "./others";
import { OwnSlots, windowMargin } from "./own-slots";

export type { BudgetConfig, BudgetInfo, TakeResult } from "./budget-types";

/**
 * One moving-window budget (the algorithm; `MemoryRateLimitStore` keeps one per key).
 * Internal to the package (not exported from an entry point). Exported for tests and for stores that keep a local copy.
 */
export class WindowBudget {
  #learned: number | undefined;
  /** Our attempts in flight and in the window (see `own-slots.ts`). */
  readonly #ours = new OwnSlots();
  /** Other programs' requests in the window (see `others.ts`). */
  readonly #others = new OtherPrograms();
  /** Starts allowed because our own slots expired: budget nobody else knows about. */
  #own = 0;
  /** Starts the last report allowed, and until when: a report goes stale within a couple of round trips. */
  #granted = 0;
  #grantedUntil = -Infinity;
  /**
   * How many attempts may be in flight on the server's word alone. While we seem alone it grows by one per
   * response, from two after the probe (doubling every round trip: the free budget is filled within a few round
   * trips, and another program that started at the same moment shows in the headers before we took it all);
   * while other programs spend the budget too, it halves at first sight of them and then grows by one per round
   * trip; a 429 sets it back to one.
   */
  #cwnd = 1;
  /** Whether the last grant saw other programs spend the budget. */
  #sawOthers = false;
  /** The last report: what the server had left, our share of its count, and when that attempt started. */
  #report = { remaining: Infinity, share: 1, start: -Infinity };
  /** Until when other programs count as spending right now: their count rose between two of our reports. */
  #lastResponse = -Infinity;
  /** A 429 with `Retry-After`: nothing starts before this time. */
  #blockedUntil = -Infinity;

  /**
   * The limit in force: the one learned from `X-Discogs-Ratelimit` (else the tier's), or the override; an
   * override above what the server reports is capped by it.
   */
  limit(config: BudgetConfig): number {
    if (config.limit === undefined) return this.#learned ?? config.tierLimit;
    return this.#learned === undefined ? config.limit : Math.min(config.limit, this.#learned);
  }

  /** Extra ms an own slot is held after the window, against clock granularity and server-side rounding. */
  static margin(windowMs: number): number {
    return windowMargin(windowMs);
  }

  /** Slots counted in the window. */
  #used(): number {
    return this.#ours.count + this.#others.count;
  }

  #prune(now: number, config: BudgetConfig): void {
    const { windowMs } = config;
    const grace = windowMs / 10;
    // Our own slots freed: budget nobody else knows about yet. Only while that news is fresh: after an idle
    // stretch, other programs may have taken it, so the next request probes first.
    this.#own += this.#ours.expire(now, windowMs, grace);
    this.#others.prune(now);
    // Nothing heard for a whole window: what we knew is stale (the window reset, others may have spent it).
    if (
      this.#ours.inflight.size === 0 &&
      now - this.#lastResponse > windowMs + WindowBudget.margin(windowMs) + grace
    ) {
      this.#restart();
      this.#sawOthers = false;
    }
  }

  /** No credit left, and growth starts again from one attempt in flight. */
  #restart(): void {
    this.#own = 0;
    this.#granted = 0;
    this.#cwnd = 1;
  }

  /** Whether recent reports showed other programs spending the budget. */
  #contended(): boolean {
    return this.#others.seen();
  }

  /** Takes a slot if the budget allows. */
  take(now: number, config: BudgetConfig): TakeResult {
    this.#prune(now, config);
    if (now < this.#blockedUntil) return { granted: false, retryInMs: Math.max(1, this.#blockedUntil - now) };
    const free = this.limit(config) - this.#used();
    // Without credit, start only as a probe, one at a time: when no attempt of ours is in the window to tell us
    // more (at start, after an idle window), when nobody else was seen, or when the budget has room even if the
    // others kept spending it since our last report (racing them matters only near its end; without this, a
    // request after an idle moment would wait a whole window for our oldest slot to expire).
    if (now > this.#grantedUntil) this.#granted = 0;
    const probe =
      this.#ours.inflight.size === 0 &&
      (!this.#ours.holding() || !this.#contended() || this.#roomy(now, config, free));
    if (free >= 1 && (this.#granted + this.#own >= 1 || probe)) {
      const ticket = this.#ours.open(now);
      if (this.#granted > 0) this.#granted--;
      else if (this.#own > 0) this.#own--;
      return { granted: true, ticket };
    }
    const next = this.#nextChange(config, free);
    return { granted: false, retryInMs: next === Infinity ? Infinity : Math.max(1, next - now) };
  }

  /**
   * Whether free slots are left after what other programs may have started since our last report (of this window)
   * at the rate the last window showed, with one to spare.
   */
  #roomy(now: number, config: BudgetConfig, free: number): boolean {
    const since = now - this.#lastResponse;
    if (!(since < config.windowMs)) return false; // no report in this window: only a probe may find out
    const theirs = Math.ceil((this.#others.count * since) / config.windowMs);
    return free - theirs >= 2;
  }

  /** When something can change: a slot expires, a response arrives (the caller asks again then), or a lost attempt is reaped. */
  #nextChange(config: BudgetConfig, free: number): number {
    const next = this.#ours.nextChange(config.windowMs, free < 1);
    return free < 1 && this.#others.count > 0 ? Math.min(next, this.#others.until) : next;
  }

  /** Undoes a `take` whose attempt never reached the server. */
  cancel(ticket: number): void {
    if (this.#ours.cancel(ticket)) this.#own++;
  }

  /** Whether a response's headers report budget left (`X-Discogs-Ratelimit-Remaining` above 0). */
  #roomIn(headers: RateLimitHeaders | null): boolean {
    return headers?.remaining !== undefined && headers.remaining > 0;
  }

  /** Records the end of an attempt and resyncs from the response's headers. */
  settle(
    now: number,
    config: BudgetConfig,
    ticket: number | undefined,
    headers: RateLimitHeaders | null,
    status: number,
  ): void {
    this.#prune(now, config);
    this.#learn(now, config, headers, this.#end(now, config, ticket, headers, status));
  }

  /**
   * Learns from the response of an attempt that is not one of this budget's own (another limiter's, such as a
   * shared store's while this budget stands by as its fallback): the headers only, no slot.
   */
  observe(now: number, config: BudgetConfig, headers: RateLimitHeaders | null, status: number): void {
    this.#prune(now, config);
    this.#learn(now, config, headers, this.#end(now, config, null, headers, status));
  }

  /** Resyncs from a response, then grants credit (or, after a 429, takes it all back). */
  #learn(now: number, config: BudgetConfig, headers: RateLimitHeaders | null, ended: Ended): void {
    if (ended.outcome === "lost") return; // nothing learned
    this.#lastResponse = now;
    if (headers?.limit !== undefined && headers.limit > 0) this.#learned = headers.limit;
    this.#resync(now, config, headers, ended);
    if (ended.outcome === "429" && !this.#roomIn(headers)) {
      this.#restart(); // exhausted until slots expire; then grow slowly
      return;
    }
    this.#grant(now, config);
  }

  /** Moves the attempt from in flight to the window, and updates the round-trip estimate. */
  #end(
    now: number,
    config: BudgetConfig,
    ticket: number | undefined | null,
    headers: RateLimitHeaders | null,
    status: number,
  ): Ended {
    const { windowMs } = config;
    let outcome: Outcome = status < 100 ? "lost" : status === 429 ? "429" : "ok";
    const retryAfter = outcome === "429" ? headers?.retryAfterMs : undefined;
    if (retryAfter !== undefined) {
      // The server said when to come back: exhausted until then (not for a window), and its refusal tells us
      // nothing more about the window.
      this.#blockedUntil = Math.max(this.#blockedUntil, now + retryAfter);
      this.#restart();
      outcome = "lost";
    }
    const heldUntil = retryAfter !== undefined ? now + retryAfter : now + windowMs + windowMargin(windowMs);
    return this.#ours.close(now, ticket, outcome, heldUntil);
  }

  /**
   * Resync from the headers. They describe the server when this attempt arrived: its count holds this attempt
   * (unless refused), those of ours that arrived before it, and other programs' requests. A 429 says: full.
   */
  #resync(now: number, config: BudgetConfig, headers: RateLimitHeaders | null, ended: Ended): void {
    const limit = this.limit(config);
    const fromHeaders =
      headers?.remaining !== undefined
        ? (headers.limit ?? this.#learned ?? limit) - headers.remaining
        : headers?.used;
    // A 429 says "full", unless its headers say the budget has room (a refusal for another reason: trust them).
    const serverUsed =
      ended.outcome === "429" && !this.#roomIn(headers) ? Math.max(fromHeaders ?? 0, limit) : fromHeaders;
    if (serverUsed === undefined) return;
    // Other programs' count, at least (alone, never above 0): the server's less ours it may have counted.
    const { rtt } = this.#ours;
    const s = ended.start ?? now - rtt.srtt;
    const low = Math.max(0, serverUsed - this.#ours.counted(ended, s + 2 * rtt.rttvar));
    // What the server had left, and our share of what it counted: while others spend the budget too, we take
    // no more than our share of what is left (they do the same), so that the last slots are not raced for.
    this.#report = {
      remaining: Math.max(0, limit - serverUsed),
      share: serverUsed > 0 ? Math.min(1, Math.max(0, serverUsed - low) / serverUsed) : 1,
      start: s,
    };
    const keep = config.windowMs + 2 * rtt.srtt + 2 * WindowBudget.margin(config.windowMs);
    this.#others.report(now, low, keep, config.windowMs);
  }

  /** Credit from this response: a window of attempts in flight that grows (see `#cwnd`). */
  #grant(now: number, config: BudgetConfig): void {
    const limit = this.limit(config);
    const free = Math.max(0, limit - this.#used());
    this.#own = Math.min(this.#own, free);
    this.#grantedUntil = now + 2 * this.#ours.rtt.srtt;
    const contended = this.#contended();
    if (!contended) this.#cwnd = Math.min(Math.max(2, this.#cwnd + 1), limit);
    else if (!this.#sawOthers) this.#cwnd = Math.max(1, Math.floor(this.#cwnd / 2));
    else this.#cwnd = Math.min(this.#cwnd + 1 / this.#cwnd, limit);
    this.#sawOthers = contended;
    // Others spend it too, and cannot see our attempts in flight any more than we see theirs.
    let allowed = Math.min(free - this.#own, Math.floor(this.#cwnd) - this.#ours.inflight.size);
    if (now < this.#others.activeUntil) {
      // They are spending right now (several processes started together): each takes no more than its share of
      // what the server had left, less its attempts that started after the reported one, so that the last
      // slots of the window are not raced for.
      const { remaining, share, start } = this.#report;
      const after = this.#ours.startedAfter(start);
      allowed = Math.min(allowed, Math.floor(remaining * Math.min(share, 0.5)) - after);
    }
    this.#granted = Math.max(0, allowed);
  }

  /** The budget now and the estimated wait of the request at `position` in the queue. */
  inspect(now: number, config: BudgetConfig, position: number): BudgetInfo {
    this.#prune(now, config);
    const limit = this.limit(config);
    const used = this.#used();
    const free = limit - used;
    const period = config.windowMs + WindowBudget.margin(config.windowMs);
    let waitMs = 0;
    if (position >= free && limit > 0) {
      const frees = [
        ...this.#ours.frees(now, period),
        ...new Array<number>(this.#others.count).fill(this.#others.until),
      ];
      waitMs = slotWaitMs(now, { limit, free, period, frees, position });
    }
    waitMs = Math.max(waitMs, this.#blockedUntil - now);
    return { limit, used: Math.min(used, limit), remaining: Math.max(0, free), waitMs };
  }
}
