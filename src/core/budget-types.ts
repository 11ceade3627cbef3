/**
 * The types a moving-window budget (`window-budget.ts`) is evaluated with and answers, and its pure helpers.
 *
 * @module
 */

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
export type Outcome = "ok" | "429" | "lost";

export interface OwnSlot {
  /** When the attempt started. */
  start: number;
  /** When the server has surely forgotten it: a window (plus a margin) after its response arrived. */
  expires: number;
  /** "ok": the server counted it; "429": refused; "lost": no response (it may or may not have been counted). */
  outcome: Outcome;
}

/** How an attempt ended, as `settle` and `observe` learn from it. */
export interface Ended {
  outcome: Outcome;
  start: number | undefined;
  /** The attempt's slot in the window, when it was one of ours still in flight. */
  self: OwnSlot | undefined;
  /** Whether the attempt was this budget's own (false for `observe`). */
  mine: boolean;
}

/** Inserts `item` into `list`, kept sorted by `key`. */
export function insertSorted<T>(list: T[], item: T, key: (t: T) => number): void {
  let i = list.length;
  while (i > 0 && key(list[i - 1] as T) > key(item)) i--;
  list.splice(i, 0, item);
}

/**
 * The estimated wait of the request at `position` in the queue. Each of the `limit` slots frees at a known time
 * (`frees`: our finished slots' expiries, other programs' slots, ours in flight a period from now) and is then
 * reused every period: request n gets slot n % limit, n / limit periods later.
 */
export function slotWaitMs(
  now: number,
  o: { limit: number; free: number; period: number; frees: number[]; position: number },
): number {
  const frees = [...o.frees].sort((a, b) => a - b);
  const slots = [...new Array<number>(Math.max(0, o.free)).fill(now), ...frees.slice(Math.max(0, -o.free))];
  const at = (slots[o.position % o.limit] ?? now) + Math.floor(o.position / o.limit) * o.period;
  return Math.max(0, at - now);
}
