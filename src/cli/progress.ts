/**
 * A progress bar with an ETA on stderr, drawn only when stderr is a terminal (nothing at all otherwise). No
 * escape sequences: a carriage return and padding redraw the line, so it works with TERM=dumb too.
 *
 * @module
 */

/** What the bar writes to. */
export interface ProgressStream {
  write(text: string): unknown;
  columns?: number;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** A progress line: `label [#####-----] 1,200/2,000 60% ETA 8s`. */
export class Progress {
  readonly #stream: ProgressStream | undefined;
  readonly #label: string;
  readonly #ascii: boolean;
  readonly #started = Date.now();
  #done = 0;
  #base = 0;
  #total: number | undefined;
  #note = "";
  #width = 0;

  /** `stream` undefined: a bar that draws nothing (stderr is not a terminal). */
  constructor(stream: ProgressStream | undefined, label: string, opts: { ascii?: boolean } = {}) {
    this.#stream = stream;
    this.#label = label;
    this.#ascii = opts.ascii ?? false;
  }

  /** Whether anything is drawn. */
  get enabled(): boolean {
    return this.#stream !== undefined;
  }

  /** Items already done before this run (a resumed export): counted in the bar, not in the rate. */
  start(done: number, total: number | undefined): void {
    this.#base = done;
    this.#done = done;
    this.#total = total;
    this.#draw();
  }

  /** Sets the count done (and the total, once known). */
  update(done: number, total?: number): void {
    this.#done = done;
    if (total !== undefined) this.#total = total;
    this.#note = "";
    this.#draw();
  }

  /** A note after the bar, e.g. "waiting 4s for the rate limit". */
  note(text: string): void {
    this.#note = text;
    this.#draw();
  }

  #line(): string {
    const total = this.#total;
    const done = this.#done;
    const parts = [this.#label];
    if (total !== undefined && total > 0) {
      const ratio = Math.min(1, done / total);
      const cells = 24;
      const full = Math.round(ratio * cells);
      const [on, off] = this.#ascii ? ["#", "-"] : ["█", "░"];
      parts.push(
        `[${on.repeat(full)}${off.repeat(cells - full)}]`,
        `${fmt(done)}/${fmt(total)}`,
        `${Math.floor(ratio * 100)}%`,
      );
      const rate = (done - this.#base) / (Date.now() - this.#started);
      if (done < total && rate > 0) parts.push(`ETA ${duration((total - done) / rate)}`);
    } else {
      parts.push(fmt(done));
    }
    if (this.#note) parts.push(`(${this.#note})`);
    return parts.join(" ");
  }

  /** Redraws the line (on events that are rare by nature: a page, a rate-limit wait). */
  #draw(): void {
    if (!this.#stream) return;
    let line = this.#line();
    const max = (this.#stream.columns ?? 80) - 1;
    if (line.length > max) line = line.slice(0, max);
    const pad = Math.max(0, this.#width - line.length);
    this.#width = line.length;
    this.#stream.write(`\r${line}${" ".repeat(pad)}`);
  }

  /** Erases the bar; prints `summary` (if any) on its own line. */
  finish(summary?: string): void {
    if (!this.#stream) return;
    this.#stream.write(`\r${" ".repeat(this.#width)}\r${summary ? summary + "\n" : ""}`);
    this.#width = 0;
  }
}
