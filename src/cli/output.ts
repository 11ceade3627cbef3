/**
 * The output contract, in one place.
 *
 * - stdout carries data only. On a terminal: aligned tables (single objects as a two-column field/value table),
 *   relative times ("3 days ago"), colour. In a pipe, or with `--json`: one compact JSON object per line (JSON
 *   for one object, JSONL for lists), times as Discogs sends them (RFC 3339), keys in the order Discogs sends
 *   them, so the same data always gives the same bytes.
 * - `--fields a,b.c` selects fields in both: columns of the table, or a projection of each JSON object (nested
 *   paths stay nested; a path through an array maps over it; a missing field is `null`).
 * - Colour is off with `NO_COLOR` (any non-empty value), `--no-color`, `TERM=dumb`, or when the stream is not a
 *   terminal.
 * - Writes wait for the stream to drain, so a slow reader never makes the CLI buffer a whole export.
 *
 * @module
 */

import { once } from "node:events";

/** The streams and environment the CLI runs with (tests and the CLI pass the process's). */
export interface IO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** How output is rendered, decided once per run. */
export interface OutputSettings {
  /** JSON / JSONL instead of tables (a pipe, or `--json`). */
  json: boolean;
  /** Colour on stdout. */
  color: boolean;
  /** Colour on stderr. */
  errColor: boolean;
  /** Whether stderr is a terminal (progress bars and prompts only then). */
  errTTY: boolean;
  /** `--fields`, split. */
  fields: string[] | undefined;
  /** Terminal width for tables. */
  width: number;
  /** "Now", for relative times. */
  now: number;
}

/** Whether colour is allowed on a stream, per `NO_COLOR`, `TERM=dumb` and `--no-color`. */
export function colorAllowed(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
  noColorFlag: boolean,
): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

/** Parses `--fields a,b.c` into paths; a usage error for an empty list or an empty path. */
export function parseFields(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const fields = value.split(",").map((f) => f.trim());
  if (fields.length === 0 || fields.some((f) => f === "" || f.split(".").some((p) => p === ""))) {
    throw new TypeError(`--fields needs comma-separated field names such as id,title,basic_information.year`);
  }
  return fields;
}

/** Decides the output settings from the flags, the environment and the streams. */
export function outputSettings(
  io: IO,
  flags: { json?: boolean; "no-color"?: boolean; fields?: string },
): OutputSettings {
  const stdoutTTY = io.stdout.isTTY === true;
  return {
    json: flags.json === true || !stdoutTTY,
    color: !flags.json && colorAllowed(io.stdout, io.env, flags["no-color"] === true),
    errColor: colorAllowed(io.stderr, io.env, flags["no-color"] === true),
    errTTY: io.stderr.isTTY === true,
    fields: parseFields(flags.fields),
    width: (stdoutTTY && io.stdout.columns) || Number(io.env.COLUMNS) || 100,
    now: Date.now(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Colour

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

/** Wraps `text` in an ANSI style when `on`. */
export function paint(style: keyof typeof CODES, text: string, on: boolean): string {
  if (!on || text === "") return text;
  const [a, b] = CODES[style];
  return `\x1b[${a}m${text}\x1b[${b}m`;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** An RFC 3339 date-time as Discogs sends them (`2011-09-22T11:12:40-07:00`, `...Z`). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** "3 days ago", "in 2 hours", "just now". */
export function relativeTime(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = Math.round((now - t) / 1000);
  const abs = Math.abs(diff);
  if (abs < 45) return "just now";
  const units: [number, string][] = [
    [60, "minute"],
    [3600, "hour"],
    [86_400, "day"],
    [30 * 86_400, "month"],
    [365 * 86_400, "year"],
  ];
  let [size, name] = units[0]!;
  for (const [s, n] of units) if (abs >= s * 0.95) [size, name] = [s, n];
  const n = Math.max(1, Math.round(abs / size));
  const phrase = `${n} ${name}${n === 1 ? "" : "s"}`;
  return diff >= 0 ? `${phrase} ago` : `in ${phrase}`;
}

/** The value at a dotted path; through an array it maps over the items. */
export function pick(value: unknown, path: readonly string[]): unknown {
  let cur: unknown = value;
  for (let i = 0; i < path.length; i++) {
    if (Array.isArray(cur)) {
      const rest = path.slice(i);
      return cur.map((v) => pick(v, rest));
    }
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[path[i]!];
  }
  return cur;
}

type Tree = { [key: string]: Tree | true };

function fieldTree(fields: readonly string[]): Tree {
  const tree: Tree = {};
  for (const f of fields) {
    const parts = f.split(".");
    let node = tree;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) node[p] = true;
      else {
        const next = node[p];
        if (next === true) return;
        node = node[p] = next ?? {};
      }
    });
  }
  return tree;
}

function projectTree(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value)) return value.map((v) => projectTree(v, tree));
  if (value === null || typeof value !== "object") return null;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(tree)) {
    const v = (value as Record<string, unknown>)[key];
    out[key] = sub === true ? (v === undefined ? null : v) : v === undefined ? null : projectTree(v, sub);
  }
  return out;
}

/** The projection of `value` on `fields` (nested paths stay nested, a missing field is `null`). */
export function project(value: unknown, fields: readonly string[]): unknown {
  return projectTree(value, fieldTree(fields));
}

/** The fields of `fields` that are missing from `value` (for a warning). */
export function missingFields(value: unknown, fields: readonly string[]): string[] {
  return fields.filter((f) => {
    const v = pick(value, f.split("."));
    return v === undefined || (Array.isArray(v) && v.length > 0 && v.every((x) => x === undefined));
  });
}

/** A value as one table cell: names of named objects, prices as "9.99 USD", times relative, one line. */
export function cellText(value: unknown, now: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") {
    if (DATE_TIME.test(value)) return relativeTime(value, now);
    return value.replace(/\s+/g, " ").trim();
  }
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) {
    return value
      .map((v) => cellText(v, now))
      .filter((s) => s !== "")
      .join(", ");
  }
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.value === "number" && typeof (o.currency ?? o.currency_code) === "string") {
      return `${o.value} ${String(o.currency ?? o.currency_code)}`;
    }
    for (const key of ["name", "title", "username", "description", "id"]) {
      if (typeof o[key] === "string" || typeof o[key] === "number") return String(o[key]);
    }
    return JSON.stringify(value);
  }
  return String(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

/** Display width of a string (ANSI escapes excluded; every code point counts as one column). */
export function displayWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\x1b\[[0-9;]*m/g, "")].length;
}

function truncate(s: string, width: number): string {
  const chars = [...s];
  if (chars.length <= width) return s;
  return width <= 1 ? "…" : chars.slice(0, width - 1).join("") + "…";
}

/** A column of a table: its header and the dotted path of its value. */
export interface Column {
  header: string;
  path: string;
  /** Computes the value instead of reading `path` (e.g. a format string). */
  get?: (item: any) => unknown;
  /** Right-align (numbers). @default false */
  right?: boolean;
}

/**
 * Renders rows as an aligned table: upper-case headers (bold with colour), two spaces between columns, the
 * widest columns shortened with "…" so that a line fits `width`.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  opts: { color: boolean; width: number; right?: readonly boolean[] },
): string {
  const n = headers.length;
  const widths = headers.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))),
  );
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (n - 1);
  // Shorten the widest column by one, again and again (down to 8 each), until the table fits.
  while (total() > opts.width) {
    let widest = 0;
    for (let i = 1; i < n; i++) if (widths[i]! > widths[widest]!) widest = i;
    if (widths[widest]! <= 8) break;
    widths[widest]!--;
  }
  const line = (cells: readonly string[], header: boolean) =>
    cells
      .map((c, i) => {
        const text = truncate(c, widths[i]!);
        const pad = " ".repeat(Math.max(0, widths[i]! - displayWidth(text)));
        const cell = opts.right?.[i] ? pad + text : i === n - 1 ? text : text + pad;
        return header ? paint("bold", cell, opts.color) : cell;
      })
      .join("  ")
      .trimEnd();
  return [line(headers, true), ...rows.map((r) => line(r, false))].join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------------------
// The printer

/** How a command shows one object on a terminal: labelled fields. */
export interface ObjectView {
  fields: { label: string; path: string; get?: (item: any) => unknown }[];
}

/** How a command shows a list on a terminal: its columns. */
export interface ListView {
  columns: Column[];
  /** Printed on stderr when the list is empty (terminal only). */
  empty?: string;
}

/** Writes data to stdout per the contract; warnings to stderr. */
export class Output {
  readonly settings: OutputSettings;
  readonly #io: IO;
  #warned = new Set<string>();

  constructor(io: IO, settings: OutputSettings) {
    this.#io = io;
    this.settings = settings;
  }

  /** Writes raw text to stdout, waiting for the stream to drain. */
  async write(text: string): Promise<void> {
    if (text === "") return;
    if (!this.#io.stdout.write(text)) await once(this.#io.stdout, "drain");
  }

  /** A warning on stderr (once per distinct text). */
  warn(text: string): void {
    if (this.#warned.has(text)) return;
    this.#warned.add(text);
    this.#io.stderr.write(`${paint("yellow", "warning:", this.settings.errColor)} ${text}\n`);
  }

  /** A line of information on stderr, only on a terminal. */
  info(text: string): void {
    if (this.settings.errTTY) this.#io.stderr.write(`${text}\n`);
  }

  #checkFields(value: unknown): void {
    const fields = this.settings.fields;
    if (!fields) return;
    for (const f of missingFields(value, fields)) {
      this.warn(`--fields: "${f}" is not a field of this output (shown empty / null)`);
    }
  }

  /** One JSON line (already projected or not). */
  async jsonLine(value: unknown): Promise<void> {
    await this.write(JSON.stringify(value) + "\n");
  }

  /** Prints one object: JSON, or a field/value table. */
  async object(value: unknown, view: ObjectView): Promise<void> {
    this.#checkFields(value);
    const fields = this.settings.fields;
    if (this.settings.json) {
      await this.jsonLine(fields ? project(value, fields) : value);
      return;
    }
    const list: ObjectView["fields"] = fields ? fields.map((f) => ({ label: f, path: f })) : view.fields;
    const rows = list.map((f) => [
      f.label,
      cellText(f.get ? f.get(value) : pick(value, f.path.split(".")), this.settings.now),
    ]);
    const labelWidth = Math.max(...rows.map((r) => displayWidth(r[0]!)));
    const out = rows
      .filter((r) => fields || r[1] !== "")
      .map((r) => `${paint("bold", r[0]!.padEnd(labelWidth), this.settings.color)}  ${r[1]}`.trimEnd())
      .join("\n");
    await this.write(out + "\n");
  }

  /** Prints a list: JSONL as items arrive, or a table once all arrived. Returns the item count. */
  async list(items: AsyncIterable<unknown> | Iterable<unknown>, view: ListView): Promise<number> {
    const fields = this.settings.fields;
    let count = 0;
    if (this.settings.json) {
      for await (const item of items) {
        if (count === 0) this.#checkFields(item);
        count++;
        await this.jsonLine(fields ? project(item, fields) : item);
      }
      return count;
    }
    const columns: Column[] = fields ? fields.map((f) => ({ header: f, path: f })) : view.columns;
    const rows: string[][] = [];
    for await (const item of items) {
      if (count === 0) this.#checkFields(item);
      count++;
      rows.push(
        columns.map((c) => cellText(c.get ? c.get(item) : pick(item, c.path.split(".")), this.settings.now)),
      );
    }
    if (count === 0) {
      if (view.empty) this.info(view.empty);
      return 0;
    }
    await this.write(
      renderTable(
        columns.map((c) => c.header.toUpperCase()),
        rows,
        { color: this.settings.color, width: this.settings.width, right: columns.map((c) => !!c.right) },
      ),
    );
    return count;
  }
}
