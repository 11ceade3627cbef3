/**
 * Our own attempts in a moving-window budget (see `window-budget.ts`): those in flight, and those finished but
 * still (possibly) in the server's window, with the round-trip time they measured.
 *
 * @module
 */

import { insertSorted, type Ended, type Outcome, type OwnSlot } from "./budget-types";
import { RoundTrip } from "./others";

/** Extra ms an own slot is held after the window, against clock granularity and server-side rounding. */
export function windowMargin(windowMs: number): number {
  return Math.min(250, Math.ceil(windowMs / 200));
}

/** Our attempts in flight (named by a ticket) and in the window. */
export class OwnSlots {
  #nextTicket = 1;
  /** In flight: ticket -> start time, oldest first. */
  readonly inflight = new Map<number, number>();
  /** Finished and still (possibly) in the server's window, soonest expiry first. */
  readonly done: OwnSlot[] = [];
  /** Smoothed round-trip time of our attempts and its mean deviation, ms. */
  readonly rtt = new RoundTrip();

  /** Slots of ours counted in the window. */
  get count(): number {
    return this.done.length + this.inflight.size;
  }

  /** Whether an attempt of ours is in flight or in the window whose end will tell us something. */
  holding(): boolean {
    return this.inflight.size > 0 || this.done.some((s) => s.outcome !== "lost");
  }

  /** Starts an attempt now; its ticket. */
  open(now: number): number {
    const ticket = this.#nextTicket++;
    this.inflight.set(ticket, now);
    return ticket;
  }

  /** Forgets an attempt that never reached the server; whether it was in flight. */
  cancel(ticket: number): boolean {
    return this.inflight.delete(ticket);
  }

  /**
   * Drops the slots that expired; answers how many of them were accepted attempts that expired within `grace`
   * ms (budget nobody else knows about yet). An attempt in flight for two windows (a bug elsewhere: it never
   * reported back) is dropped too, so that it cannot hold a slot forever.
   */
  expire(now: number, windowMs: number, grace: number): number {
    let fresh = 0;
    while (this.done.length > 0 && (this.done[0] as OwnSlot).expires <= now) {
      const slot = this.done.shift() as OwnSlot;
      if (slot.outcome === "ok" && now - slot.expires <= grace) fresh++;
    }
    for (const [ticket, start] of this.inflight) {
      if (start > now - 2 * windowMs) break;
      this.inflight.delete(ticket);
    }
    return fresh;
  }

  /**
   * Moves an attempt from in flight to the window: held until `heldUntil` (a window after its response, or what
   * `Retry-After` said). `ticket` null: not an attempt of ours; undefined: ours, ticket lost (the oldest in flight
   * is assumed).
   */
  close(now: number, ticket: number | undefined | null, outcome: Outcome, heldUntil: number): Ended {
    const id =
      ticket === null
        ? undefined
        : ticket !== undefined && this.inflight.has(ticket)
          ? ticket
          : this.inflight.keys().next().value;
    const start = id === undefined ? undefined : this.inflight.get(id);
    const mine = ticket !== null;
    if (id === undefined || start === undefined) return { outcome, start, self: undefined, mine };
    this.inflight.delete(id);
    this.rtt.sample(now - start);
    const self: OwnSlot = { start, expires: heldUntil, outcome };
    insertSorted(this.done, self, (s) => s.expires);
    return { outcome, start, self, mine };
  }

  /**
   * How many of our attempts the server may have counted when it answered `ended`: itself (unless refused), those
   * still in our window (we hold them longer than the server does; lost ones may have arrived) and those in flight
   * that started by `startedBy` (its start, give or take the latency's jitter).
   */
  counted(ended: Ended, startedBy: number): number {
    let ours = ended.mine && ended.outcome === "ok" ? 1 : 0;
    for (const d of this.done) if (d !== ended.self && d.outcome !== "429") ours++;
    for (const t of this.inflight.values()) if (t <= startedBy) ours++;
    return ours;
  }

  /** How many of our attempts in flight started after `t`. */
  startedAfter(t: number): number {
    let n = 0;
    for (const s of this.inflight.values()) if (s > t) n++;
    return n;
  }

  /**
   * When our slots change what is allowed: the oldest in flight is reaped, and, when the window is `full`, the
   * first slot expires; else, with nothing in flight, credit from our next accepted slot, or a probe once the
   * last telling slot is gone.
   */
  nextChange(windowMs: number, full: boolean): number {
    const oldest = this.inflight.values().next();
    const next = oldest.done ? Infinity : oldest.value + 2 * windowMs;
    if (full) return Math.min(next, this.done[0]?.expires ?? Infinity);
    if (this.inflight.size > 0) return next;
    const ok = this.done.find((s) => s.outcome === "ok");
    const last = this.done.filter((s) => s.outcome !== "lost").pop();
    return Math.min(next, ok?.expires ?? Infinity, last?.expires ?? Infinity);
  }

  /** When each of our slots frees: the finished ones' expiries; those in flight, `period` from now. */
  frees(now: number, period: number): number[] {
    return [...this.done.map((d) => d.expires), ...[...this.inflight.values()].map(() => now + period)];
  }
}
