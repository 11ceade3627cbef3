/**
 * Two estimates a moving-window budget keeps besides its own slots: the round-trip time of its attempts, and the
 * requests other programs on the same IP have in the window (learned from the headers, see `window-budget.ts`).
 *
 * @module
 */

/** The smoothed round-trip time of our attempts and its mean deviation, in ms, as TCP keeps them. */
export class RoundTrip {
  srtt = 0;
  rttvar = 0;

  /** Takes one measured round trip into the estimate. */
  sample(rtt: number): void {
    if (this.srtt === 0) {
      this.srtt = rtt;
      this.rttvar = rtt / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rtt);
      this.srtt = 0.875 * this.srtt + 0.125 * rtt;
    }
  }
}

/**
 * The requests other programs have in the window. Other programs reuse their slots as we do ours: a window after
 * their response, while the server drops them a window after they arrived. So their count is sticky: the most any
 * report of the last window allows for, kept for `keep` ms after that report.
 */
export class OtherPrograms {
  /** Their requests in the window, and until when they are counted. */
  count = 0;
  until = -Infinity;
  /** While they are spending right now (their count rose between two of our reports). */
  activeUntil = -Infinity;
  /** The last window's reports: the fewest requests of other programs each one allows for. */
  readonly #reports: { at: number; low: number }[] = [];

  /** Forgets their count once it is stale. */
  prune(now: number): void {
    if (this.until <= now) this.count = 0;
  }

  /** Whether recent reports showed them spending the budget. */
  seen(): boolean {
    return this.#reports.some((r) => r.low > 0);
  }

  /** A report at `now`: at least `low` of theirs in the window; kept `keep` ms; `windowMs` marks them active. */
  report(now: number, low: number, keep: number, windowMs: number): void {
    const before = this.#reports.reduce((m, r) => Math.max(m, r.low), -1);
    if (before >= 0 && low > before) this.activeUntil = now + windowMs;
    this.#reports.push({ at: now, low });
    while ((this.#reports[0] as { at: number }).at <= now - keep) this.#reports.shift();
    this.count = 0;
    for (const r of this.#reports) {
      if (r.low >= this.count) {
        this.count = r.low;
        this.until = r.at + keep;
      }
    }
  }
}
