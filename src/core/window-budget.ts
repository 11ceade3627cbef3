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

import type { RateLimitHeaders } from "./limiter";

/** The settings a budget is evaluated with (the limiter passes them on every call). */
export interface BudgetConfig {
  /** A limit that overrides the headers (`rateLimit.limit`), else undefined. */
  limit: number | undefined;
  /** The limit assumed from the credentials until a response says otherwise: 60 or 25. */
  tierLimit: number;
  /** The window length in ms. */
  windowMs: number;
}

/** What `take` answers. */
export type TakeResult =
  /** Go: `ticket` names the attempt when it settles. */
  | { granted: true; ticket: number }
  /** Not now; ask again in `retryInMs` (Infinity: when a response arrives). */
  | { granted: false; retryInMs: number };

/** The budget as the store sees it at a given time. */
export interface BudgetInfo {
  /** Requests allowed per window. */
  limit: number;
  /** Requests counted in the window (ours, in flight included, and other programs'). */
  used: number;
  /** `limit - used`, never negative. */
  remaining: number;
  /** Estimated ms until the request at the queue position asked for may start (0: now). */
  waitMs: number;
}

/** How one of our attempts ended. */
type Outcome = "ok" | "429" | "lost";

interface OwnSlot {
  /** When the attempt started. */
  start: number;
  /** When the server has surely forgotten it: a window (plus a margin) after its response arrived. */
  expires: number;
  /** "ok": the server counted it; "429": refused; "lost": no response (it may or may not have been counted). */
  outcome: Outcome;
}

/** How an attempt ended, as `settle` and `observe` learn from it. */
interface Ended {
  outcome: Outcome;
  start: number | undefined;
  /** The attempt's slot in the window, when it was one of ours still in flight. */
  self: OwnSlot | undefined;
  /** Whether the attempt was this budget's own (false for `observe`). */
  mine: boolean;
}

function insertSorted<T>(list: T[], item: T, key: (t: T) => number): void {
  let i = list.length;
  while (i > 0 && key(list[i - 1] as T) > key(item)) i--;
  list.splice(i, 0, item);
}

/**
 * One moving-window budget (the algorithm; `MemoryRateLimitStore` keeps one per key).
 * Internal to the package (not exported from an entry point). Exported for tests and for stores that keep a local copy.
 */
export class WindowBudget {
  #learned: number | undefined;
  #nextTicket = 1;
  /** Our attempts in flight: ticket -> start time, oldest first. */
  readonly #inflight = new Map<number, number>();
  /** Our finished attempts still (possibly) in the server's window, soonest expiry first. */
  readonly #done: OwnSlot[] = [];
  /** Requests of other programs in the window, and until when we count them (a window after the last report). */
  #external = 0;
  #externalUntil = -Infinity;
  /** The last window's reports: the fewest requests of other programs each one allows for. */
  readonly #reports: { at: number; low: number }[] = [];
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
  #activeUntil = -Infinity;
  #lastResponse = -Infinity;
  /** A 429 with `Retry-After`: nothing starts before this time. */
  #blockedUntil = -Infinity;
  /** Smoothed round-trip time of our attempts and its mean deviation, ms (as TCP keeps them). */
  #srtt = 0;
  #rttvar = 0;

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
    return Math.min(250, Math.ceil(windowMs / 200));
  }

  /** Slots counted in the window. */
  #used(): number {
    return this.#done.length + this.#inflight.size + this.#external;
  }

  /** Whether an attempt of ours is in flight or in the window whose end will tell us something. */
  #holding(): boolean {
    return this.#inflight.size > 0 || this.#done.some((s) => s.outcome !== "lost");
  }

  #prune(now: number, config: BudgetConfig): void {
    const { windowMs } = config;
    const grace = windowMs / 10;
    while (this.#done.length > 0 && (this.#done[0] as OwnSlot).expires <= now) {
      const slot = this.#done.shift() as OwnSlot;
      // Our own slot freed: budget nobody else knows about yet. Only while that news is fresh: after an idle
      // stretch, other programs may have taken it, so the next request probes first.
      if (slot.outcome === "ok" && now - slot.expires <= grace) this.#own++;
    }
    if (this.#externalUntil <= now) this.#external = 0;
    // An attempt that never reported back (a bug elsewhere) must not hold a slot forever.
    for (const [ticket, start] of this.#inflight) {
      if (start > now - 2 * windowMs) break;
      this.#inflight.delete(ticket);
    }
    // Nothing heard for a whole window: what we knew is stale (the window reset, others may have spent it).
    if (
      this.#inflight.size === 0 &&
      now - this.#lastResponse > windowMs + WindowBudget.margin(windowMs) + grace
    ) {
      this.#own = 0;
      this.#granted = 0;
      this.#cwnd = 1;
      this.#sawOthers = false;
    }
  }

  /** Whether recent reports showed other programs spending the budget. */
  #contended(): boolean {
    return this.#reports.some((r) => r.low > 0);
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
      this.#inflight.size === 0 && (!this.#holding() || !this.#contended() || this.#roomy(now, config, free));
    if (free >= 1 && (this.#granted + this.#own >= 1 || probe)) {
      const ticket = this.#nextTicket++;
      this.#inflight.set(ticket, now);
      if (this.#granted > 0) this.#granted--;
      else if (this.#own > 0) this.#own--;
      return { granted: true, ticket };
    }
    const next = this.#nextChange(now, config, free);
    return { granted: false, retryInMs: next === Infinity ? Infinity : Math.max(1, next - now) };
  }

  /**
   * Whether free slots are left after what other programs may have started since our last report (of this window)
   * at the rate the last window showed, with one to spare.
   */
  #roomy(now: number, config: BudgetConfig, free: number): boolean {
    const since = now - this.#lastResponse;
    if (!(since < config.windowMs)) return false; // no report in this window: only a probe may find out
    const theirs = Math.ceil((this.#external * since) / config.windowMs);
    return free - theirs >= 2;
  }

  /** When something can change: a slot expires, a response arrives (the caller asks again then), or a lost attempt is reaped. */
  #nextChange(now: number, config: BudgetConfig, free: number): number {
    const oldest = this.#inflight.values().next();
    let next = oldest.done ? Infinity : oldest.value + 2 * config.windowMs;
    if (free < 1) {
      next = Math.min(
        next,
        this.#done[0]?.expires ?? Infinity,
        this.#external > 0 ? this.#externalUntil : Infinity,
      );
    } else if (this.#inflight.size === 0) {
      // credit from our next accepted slot, or a probe once the last telling slot is gone
      const ok = this.#done.find((s) => s.outcome === "ok");
      const last = this.#done.filter((s) => s.outcome !== "lost").pop();
      next = Math.min(next, ok?.expires ?? Infinity, last?.expires ?? Infinity);
    }
    return next;
  }

  /** Undoes a `take` whose attempt never reached the server. */
  cancel(ticket: number): void {
    if (this.#inflight.delete(ticket)) this.#own++;
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
      // Exhausted until slots expire; then grow slowly.
      this.#cwnd = 1;
      this.#own = 0;
      this.#granted = 0;
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
    // null: not an attempt of ours (observe); undefined: ours, ticket lost (the oldest in flight is assumed)
    const id =
      ticket === null
        ? undefined
        : ticket !== undefined && this.#inflight.has(ticket)
          ? ticket
          : this.#inflight.keys().next().value;
    const start = id === undefined ? undefined : this.#inflight.get(id);
    let outcome: Outcome = status < 100 ? "lost" : status === 429 ? "429" : "ok";
    const retryAfter = outcome === "429" ? headers?.retryAfterMs : undefined;
    if (retryAfter !== undefined) {
      // The server said when to come back: exhausted until then (not for a window), and its refusal tells us
      // nothing more about the window.
      this.#blockedUntil = Math.max(this.#blockedUntil, now + retryAfter);
      this.#cwnd = 1;
      this.#own = 0;
      this.#granted = 0;
      outcome = "lost";
    }
    const mine = ticket !== null;
    if (id === undefined || start === undefined) return { outcome, start, self: undefined, mine };
    this.#inflight.delete(id);
    const rtt = now - start;
    if (this.#srtt === 0) {
      this.#srtt = rtt;
      this.#rttvar = rtt / 2;
    } else {
      this.#rttvar = 0.75 * this.#rttvar + 0.25 * Math.abs(this.#srtt - rtt);
      this.#srtt = 0.875 * this.#srtt + 0.125 * rtt;
    }
    const expires =
      retryAfter !== undefined ? now + retryAfter : now + windowMs + WindowBudget.margin(windowMs);
    const self: OwnSlot = { start, expires, outcome };
    insertSorted(this.#done, self, (s) => s.expires);
    return { outcome, start, self, mine };
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
    // At least: the count less this attempt and every one of ours the server may have counted: those still in
    // our window (we hold them longer than the server does; lost ones may have arrived) and those in flight that
    // started before this one, give or take the latency's jitter. Alone, this is never above 0.
    const s = ended.start ?? now - this.#srtt;
    const jitter = 2 * this.#rttvar;
    let ours = ended.mine && ended.outcome === "ok" ? 1 : 0;
    for (const d of this.#done) if (d !== ended.self && d.outcome !== "429") ours++;
    for (const t of this.#inflight.values()) if (t <= s + jitter) ours++;
    const low = Math.max(0, serverUsed - ours);
    // What the server had left, and our share of what it counted: while others spend the budget too, we take
    // no more than our share of what is left (they do the same), so that the last slots are not raced for.
    this.#report = {
      remaining: Math.max(0, limit - serverUsed),
      share: serverUsed > 0 ? Math.min(1, Math.max(0, serverUsed - low) / serverUsed) : 1,
      start: s,
    };
    // Other programs reuse their slots as we do ours: a window after their response, while the server drops
    // them a window after they arrived. So their count is sticky: the most any report of the last window allows
    // for, kept up to a round trip (and a margin) after a window from our report.
    const keep = config.windowMs + 2 * this.#srtt + 2 * WindowBudget.margin(config.windowMs);
    // Their count rising from one of our reports to the next means they are spending right now.
    const before = this.#reports.reduce((m, r) => Math.max(m, r.low), -1);
    if (before >= 0 && low > before) this.#activeUntil = now + config.windowMs;
    this.#reports.push({ at: now, low });
    while ((this.#reports[0] as { at: number }).at <= now - keep) this.#reports.shift();
    this.#external = 0;
    for (const r of this.#reports) {
      if (r.low >= this.#external) {
        this.#external = r.low;
        this.#externalUntil = r.at + keep;
      }
    }
  }

  /** Credit from this response: a window of attempts in flight that grows (see `#cwnd`). */
  #grant(now: number, config: BudgetConfig): void {
    const limit = this.limit(config);
    const free = Math.max(0, limit - this.#used());
    this.#own = Math.min(this.#own, free);
    this.#grantedUntil = now + 2 * this.#srtt;
    const contended = this.#contended();
    if (!contended) this.#cwnd = Math.min(Math.max(2, this.#cwnd + 1), limit);
    else if (!this.#sawOthers) this.#cwnd = Math.max(1, Math.floor(this.#cwnd / 2));
    else this.#cwnd = Math.min(this.#cwnd + 1 / this.#cwnd, limit);
    this.#sawOthers = contended;
    // Others spend it too, and cannot see our attempts in flight any more than we see theirs.
    let allowed = Math.min(free - this.#own, Math.floor(this.#cwnd) - this.#inflight.size);
    if (now < this.#activeUntil) {
      // They are spending right now (several processes started together): each takes no more than its share of
      // what the server had left, less its attempts that started after the reported one, so that the last
      // slots of the window are not raced for.
      const { remaining, share, start } = this.#report;
      let after = 0;
      for (const t of this.#inflight.values()) if (t > start) after++;
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
    let waitMs = 0;
    if (position >= free && limit > 0) {
      // Each of the `limit` slots frees at a known time (in flight: a window from now at the earliest) and is
      // then reused every window: request n gets slot n % limit, n / limit windows later.
      const period = config.windowMs + WindowBudget.margin(config.windowMs);
      const frees = [
        ...this.#done.map((s) => s.expires),
        ...new Array<number>(this.#external).fill(this.#externalUntil),
        ...[...this.#inflight.values()].map(() => now + period),
      ].sort((a, b) => a - b);
      const slots = [...new Array<number>(Math.max(0, free)).fill(now), ...frees.slice(Math.max(0, -free))];
      const at = (slots[position % limit] ?? now) + Math.floor(position / limit) * period;
      waitMs = Math.max(0, at - now);
    }
    waitMs = Math.max(waitMs, this.#blockedUntil - now);
    return { limit, used: Math.min(used, limit), remaining: Math.max(0, free), waitMs };
  }
}
