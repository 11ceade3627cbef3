/**
 * The fault x operation matrix of docs/reliability.md: every operation kind run through every fault the
 * emulator can inject, with the outcome each cell must have per the README's retry rules.
 *
 * Used by test/faults.test.ts (which asserts every cell and checks the table in docs/reliability.md) and by
 * scripts/reliability-table.ts (which regenerates that table).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Discogs, DiscogsAbortError, type RequestOptions } from "../../src/index";
import type { Emulator, FaultSpec } from "../../src/testing/index";

/** The client timeout of the matrix: a stalled response fails an attempt after this many ms. */
export const TIMEOUT_MS = 300;
/** The caller's deadline when reading a download stream (the client timeout stops at the headers). */
export const STREAM_DEADLINE_MS = 600;
/** Hard bound on one cell: anything slower counts as a hang. */
export const CELL_BOUND_MS = 8_000;
export const TOKEN = "tok-matrix-SECRET-1f9c";
export const USERNAME = "example";
export const RELEASE_ID = 352665;
export const EXPORT_ID = 599632;
/** A want used by the PUT, POST edit and DELETE rows (it must be a release the emulator knows). */
export const WANT_RELEASE = 352665;
export const CSV = `release_id,price,media_condition\n${RELEASE_ID},25.00,Mint (M)\n`;

// ---------------------------------------------------------------------------------------------------------
// Faults

export interface FaultCase {
  id: string;
  /** Column header in the table. */
  label: string;
  spec: FaultSpec;
  /** Abort the caller's signal this many ms after the call started (the "caller abort" column). */
  abortAfterMs?: number;
  /** What a retry-allowed operation sees: retried, or not a failure at all for this response type. */
  kind: "status" | "429" | "body" | "connection" | "timeout" | "abort" | "empty" | "invalid-json";
}

export const FAULTS: FaultCase[] = [
  {
    id: "429-ra",
    label: "429 + Retry-After: 1",
    spec: { kind: "status", status: 429, retryAfter: "1" },
    kind: "429",
  },
  { id: "429", label: "429, no Retry-After", spec: { kind: "status", status: 429 }, kind: "429" },
  { id: "500", label: "500", spec: { kind: "status", status: 500 }, kind: "status" },
  { id: "502", label: "502", spec: { kind: "status", status: 502 }, kind: "status" },
  { id: "503", label: "503", spec: { kind: "status", status: 503 }, kind: "status" },
  { id: "504", label: "504", spec: { kind: "status", status: 504 }, kind: "status" },
  { id: "html", label: "HTML maintenance page (503)", spec: { kind: "html", status: 503 }, kind: "status" },
  { id: "empty", label: "empty body (200)", spec: { kind: "empty", status: 200 }, kind: "empty" },
  { id: "truncated", label: "truncated JSON", spec: { kind: "truncated" }, kind: "body" },
  { id: "invalid-json", label: "invalid JSON (200)", spec: { kind: "invalid-json" }, kind: "invalid-json" },
  { id: "reset", label: "reset, no response", spec: { kind: "reset" }, kind: "connection" },
  {
    id: "reset-body",
    label: "reset mid-body",
    spec: { kind: "reset", afterHeaders: true },
    kind: "body",
  },
  { id: "stall", label: `stalled > timeout (${TIMEOUT_MS} ms)`, spec: { kind: "stall" }, kind: "timeout" },
  {
    id: "abort",
    label: "caller abort",
    spec: { kind: "latency", ms: 250 },
    abortAfterMs: 40,
    kind: "abort",
  },
];

// ---------------------------------------------------------------------------------------------------------
// Operations

/** What a row does with the response body. */
type Body = "json" | "none-upload" | "none" | "text" | "stream";

export interface Operation {
  id: string;
  label: string;
  /** The method and decoded path the fault is matched on. */
  method: string;
  path: string;
  /** Retried on 5xx, connection errors, timeouts and cut-off bodies (GET, PUT, DELETE, POST edits). */
  idempotent: boolean;
  body: Body;
  /** Puts the emulator in the state the operation needs (e.g. the want a DELETE removes). */
  prepare?(emu: Emulator): void;
  /**
   * Runs the operation. `inject()` adds the fault; operations that fail on a later page call it themselves
   * once the first page arrived, the others get it called before `run`.
   */
  run(client: Discogs, options: RequestOptions, inject: () => void): PromiseLike<unknown>;
  /** Side effects to count (applied at most once), when the row has any. */
  effects?(emu: Emulator): number;
  /** Checks a successful result (`fault`: the fault the call went through). */
  check?(result: unknown, emu: Emulator, fault: FaultCase): string | undefined;
  /** Injects before run (default true). */
  injectFirst?: boolean;
  /** For lists: the page the fault hits (attempts are counted on that page only). */
  page?: string;
}

const wantsOf = (emu: Emulator) => emu.state.wants.get(USERNAME) ?? new Map();
const messageCount = (emu: Emulator) => emu.state.orderMessages.get("1-1")?.length ?? 0;

export const OPERATIONS: Operation[] = [
  {
    id: "get",
    label: "GET `users.get(u).collection.value.get()`",
    method: "GET",
    path: `/users/${USERNAME}/collection/value`,
    idempotent: true,
    body: "json",
    run: (c, o) => c.users.get(USERNAME).collection.value.get(o),
    check: (r) => (typeof (r as { median?: unknown }).median === "string" ? undefined : "no median"),
  },
  {
    id: "lazy",
    label: "lazy get `await releases.get(id)`",
    method: "GET",
    path: `/releases/${RELEASE_ID}`,
    idempotent: true,
    body: "json",
    run: async (c, o) => await c.releases.get(RELEASE_ID, undefined, o),
    check: (r) => ((r as { id?: unknown }).id === RELEASE_ID ? undefined : "wrong release"),
  },
  {
    id: "list-1",
    label: "list, fault on page 1",
    method: "GET",
    path: `/users/${USERNAME}/wants`,
    idempotent: true,
    body: "json",
    page: "1",
    run: (c, o) => c.users.get(USERNAME).wantlist.list({ per_page: 50 }, o).toArray({ limit: 10_000 }),
    check: (r, emu) =>
      (r as unknown[]).length === wantsOf(emu).size ? undefined : `got ${(r as unknown[]).length} items`,
  },
  {
    id: "list-n",
    label: "list, fault on page 2",
    method: "GET",
    path: `/users/${USERNAME}/wants`,
    idempotent: true,
    body: "json",
    injectFirst: false,
    page: "2",
    run: async (c, o, inject) => {
      const items: unknown[] = [];
      for await (const page of c.users.get(USERNAME).wantlist.list({ per_page: 50 }, o).pages()) {
        if (items.length === 0) inject();
        items.push(...page.items);
      }
      return items;
    },
    check: (r, emu) =>
      (r as unknown[]).length === wantsOf(emu).size ? undefined : `got ${(r as unknown[]).length} items`,
  },
  {
    id: "create",
    label: "POST create `marketplace.listings.create()`",
    method: "POST",
    path: "/marketplace/listings",
    idempotent: false,
    body: "json",
    run: (c, o) =>
      c.marketplace.listings.create({ release_id: RELEASE_ID, condition: "Mint (M)", price: 25 }, o),
    effects: (emu) => emu.state.listings.size,
    check: (r) =>
      Number.isInteger((r as { listing_id?: unknown }).listing_id) ? undefined : "no listing_id",
  },
  {
    id: "message",
    label: "POST create `orders.get(id).messages.create()`",
    method: "POST",
    path: "/marketplace/orders/1-1/messages",
    idempotent: false,
    body: "json",
    run: (c, o) => c.marketplace.orders.get("1-1").messages.create({ message: "Shipped today" }, o),
    effects: messageCount,
    check: (r) => ((r as { message?: unknown }).message === "Shipped today" ? undefined : "wrong message"),
  },
  {
    id: "edit",
    label: "POST edit `wantlist.update()`",
    method: "POST",
    path: `/users/${USERNAME}/wants/${WANT_RELEASE}`,
    idempotent: true,
    body: "json",
    prepare: (emu) => {
      wantsOf(emu).set(WANT_RELEASE, { notes: "", rating: 0, date_added: "2020-01-01T00:00:00-08:00" });
    },
    run: (c, o) => c.users.get(USERNAME).wantlist.update(WANT_RELEASE, { rating: 4 }, o),
    check: (r) => ((r as { rating?: unknown }).rating === 4 ? undefined : "rating not 4"),
  },
  {
    id: "put",
    label: "PUT `wantlist.create()`",
    method: "PUT",
    path: `/users/${USERNAME}/wants/${WANT_RELEASE}`,
    idempotent: true,
    body: "json",
    prepare: (emu) => {
      wantsOf(emu).delete(WANT_RELEASE);
    },
    run: (c, o) => c.users.get(USERNAME).wantlist.create({ release_id: WANT_RELEASE, rating: 3 }, o),
    effects: (emu) => wantsOf(emu).size,
    check: (r) => ((r as { id?: unknown }).id === WANT_RELEASE ? undefined : "wrong want"),
  },
  {
    id: "delete",
    label: "DELETE `wantlist.delete()`",
    method: "DELETE",
    path: `/users/${USERNAME}/wants/${WANT_RELEASE}`,
    idempotent: true,
    body: "none",
    prepare: (emu) => {
      wantsOf(emu).set(WANT_RELEASE, { notes: "", rating: 0, date_added: "2020-01-01T00:00:00-08:00" });
    },
    run: (c, o) => c.users.get(USERNAME).wantlist.delete(WANT_RELEASE, o),
    // Counted as wants removed.
    effects: (emu) => -wantsOf(emu).size,
  },
  {
    id: "upload",
    label: "CSV upload `uploads.create(csv)`",
    method: "POST",
    path: "/inventory/upload/add",
    idempotent: false,
    body: "none-upload",
    run: (c, o) => c.uploads.create(CSV, o),
    effects: (emu) => emu.state.uploads.size,
    check: (r) => (Number.isInteger((r as { id?: unknown }).id) ? undefined : "no upload id"),
  },
  {
    id: "download",
    label: "export download `exports.download(id)`",
    method: "GET",
    path: `/inventory/export/${EXPORT_ID}/download`,
    idempotent: true,
    body: "text",
    run: (c, o) => c.exports.download(EXPORT_ID, undefined, o),
    check: (r, _emu, fault) => {
      // A text download returns the body as sent: an empty body is "", a broken JSON body its text.
      if (fault.kind === "empty") return r === "" ? undefined : "expected the empty body";
      if (fault.kind === "invalid-json") return r === '{"broken": ' ? undefined : "expected the body as sent";
      return typeof r === "string" && r.startsWith("listing_id") ? undefined : "not the CSV";
    },
  },
  {
    id: "stream",
    label: 'export download `{ as: "stream" }` (600 ms read deadline)',
    method: "GET",
    path: `/inventory/export/${EXPORT_ID}/download`,
    idempotent: true,
    body: "stream",
    run: async (c, o) => {
      // Once the headers arrived the timeout no longer applies (documented): the caller's deadline on reading
      // ends a stalled body.
      const deadline = new AbortController();
      const signal = AbortSignal.any([o.signal!, deadline.signal]);
      const stream = await c.exports.download(EXPORT_ID, { as: "stream" }, { ...o, signal });
      const timer = setTimeout(() => deadline.abort(new Error("read deadline")), STREAM_DEADLINE_MS);
      try {
        return await new Response(stream).text();
      } finally {
        clearTimeout(timer);
      }
    },
    check: (r, _emu, fault) => {
      if (fault.kind === "empty") return r === "" ? undefined : "expected the empty body";
      if (fault.kind === "invalid-json") return r === '{"broken": ' ? undefined : "expected the body as sent";
      return typeof r === "string" && r.startsWith("listing_id") ? undefined : "not the CSV";
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// Expected outcomes, from the README's retry rules

/** The outcome of one cell, compared as a whole. */
export interface Outcome {
  /** `ok`, or the error's class name. */
  result: string;
  /** HTTP status on a `DiscogsAPIError`. */
  status?: number;
  /** Requests the emulator saw for the faulted call (the faulted page, for the page-2 row). */
  attempts: number;
  /** How often the side effect was applied (rows with `effects`). */
  applied?: number;
}

/**
 * What the README promises for `op` under one application of `fault` (the next attempt succeeds):
 * - 429 is retried by every operation;
 * - 5xx, connection errors, timeouts and cut-off or unreadable bodies are retried by GET, PUT, DELETE and POST
 *   edits, never by creates (which fail with the typed error instead);
 * - a caller abort stops at once with `AbortError`;
 * - an empty or non-JSON body only matters where JSON is expected (not for 204-style writes, nor for text).
 */
export function expectedOutcome(op: Operation, fault: FaultCase): Outcome {
  const ok = (attempts: number, applied?: number): Outcome =>
    withApplied({ result: "ok", attempts }, applied);
  const withApplied = (o: Outcome, applied?: number): Outcome =>
    op.effects ? { ...o, applied: applied ?? 0 } : o;
  /** The handler ran on the faulted attempt (truncated, invalid-json) or not (every other fault). */
  const handlerRan = fault.id === "truncated" || fault.id === "invalid-json" || fault.id === "abort";
  if (op.body === "stream") {
    // Faults before the headers are retried like any GET; after them the caller reads the body itself.
    if (fault.id === "truncated" || fault.id === "reset-body")
      return { result: "DiscogsConnectionError", attempts: 1 };
    if (fault.kind === "timeout") return { result: "DiscogsAbortError", attempts: 1 };
    if (fault.kind === "empty" || fault.kind === "invalid-json") return ok(1);
  }
  switch (fault.kind) {
    case "429":
      return ok(2, 1);
    case "abort":
      return withApplied({ result: "DiscogsAbortError", attempts: 1 }, 1);
    case "status":
      if (op.idempotent) return ok(2, 1);
      return withApplied({ result: "DiscogsAPIError", status: fault.spec.status ?? 500, attempts: 1 }, 0);
    case "connection":
      if (op.idempotent) return ok(2, 1);
      return withApplied({ result: "DiscogsConnectionError", attempts: 1 }, 0);
    case "timeout":
      if (op.idempotent) return ok(2, 1);
      return withApplied({ result: "DiscogsTimeoutError", attempts: 1 }, 0);
    case "body":
      // A 204-style write has no body to cut off when the handler ran (truncated: its 204 arrives whole).
      if (op.body === "none" && fault.id === "truncated") return ok(1, 1);
      if (op.idempotent) return ok(2, 1);
      return withApplied({ result: "DiscogsConnectionError", attempts: 1 }, handlerRan ? 1 : 0);
    case "empty":
    case "invalid-json": {
      const applied = handlerRan ? 1 : 0;
      if (op.body === "none" || op.body === "text") return ok(1, applied);
      if (op.body === "none-upload") return withApplied({ result: "DiscogsError", attempts: 1 }, applied); // no Location header
      if (op.idempotent) return ok(2, 1);
      return withApplied({ result: "DiscogsAPIError", status: 200, attempts: 1 }, applied);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Running one cell

export interface CellResult {
  outcome: Outcome;
  /** The error, when the call failed. */
  error?: unknown;
  /** The successful result. */
  value?: unknown;
  /** A failed `check` of a successful result. */
  checkFailure?: string;
  elapsedMs: number;
}

export function matrixClient(emu: Emulator, extra: ConstructorParameters<typeof Discogs>[0] = {}): Discogs {
  return new Discogs({
    baseUrl: emu.url,
    token: TOKEN,
    userAgent: "ReliabilitySuite/1.0",
    rateLimit: false,
    timeout: TIMEOUT_MS,
    retry: { baseDelayMs: 5 },
    ...extra,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function className(e: unknown): string {
  if (e instanceof DiscogsAbortError) return "DiscogsAbortError";
  if (e instanceof Error) return e.constructor.name;
  return typeof e;
}

/**
 * Runs `op` under `fault` with a fresh client (closed afterwards) against `emu` (faults and log cleared
 * first). Bounded by {@link CELL_BOUND_MS}: a call still running then is reported as `HANG`.
 */
export async function runCell(
  emu: Emulator,
  op: Operation,
  fault: FaultCase,
  opts: { times?: number; maxRetries?: number; client?: Discogs } = {},
): Promise<CellResult> {
  emu.faults.clear();
  op.prepare?.(emu);
  emu.clearRequests();
  const before = op.effects?.(emu) ?? 0;
  const client = opts.client ?? matrixClient(emu);
  const controller = new AbortController();
  const options: RequestOptions = { signal: controller.signal };
  if (opts.maxRetries !== undefined) options.maxRetries = opts.maxRetries;
  let firstFaulted = -1;
  const inject = () => {
    firstFaulted = emu.requests.length;
    emu.faults.add({ ...fault.spec, method: op.method, path: op.path, times: opts.times ?? 1 });
  };
  if (op.injectFirst !== false) inject();
  const started = Date.now();
  let abortTimer: ReturnType<typeof setTimeout> | undefined;
  if (fault.abortAfterMs !== undefined) {
    abortTimer = setTimeout(() => controller.abort(new Error("caller gave up")), fault.abortAfterMs);
  }
  let bound: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<"HANG">((resolve) => {
    bound = setTimeout(() => resolve("HANG"), CELL_BOUND_MS);
  });
  const result: CellResult = { outcome: { result: "ok", attempts: 0 }, elapsedMs: 0 };
  try {
    const settled = await Promise.race([
      Promise.resolve(op.run(client, options, inject)).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      hang,
    ]);
    if (settled === "HANG") {
      result.outcome.result = "HANG";
      controller.abort(new Error("cell bound"));
    } else if ("error" in settled) {
      result.error = settled.error;
      result.outcome.result = className(settled.error);
      const status = (settled.error as { status?: unknown }).status;
      if (typeof status === "number") result.outcome.status = status;
    } else {
      result.value = settled.value;
    }
  } finally {
    clearTimeout(bound);
    clearTimeout(abortTimer);
    result.elapsedMs = Date.now() - started;
    if (!opts.client) await client.close();
  }
  if (fault.kind === "abort") {
    // The server still handles the aborted request once its latency is over (an abort undoes nothing):
    // wait for it before counting, so "applied" is final.
    const deadline = Date.now() + 2_000;
    while (
      Date.now() < deadline &&
      !emu.requests.some((r, i) => i >= firstFaulted && r.fault === "latency")
    ) {
      await sleep(10);
    }
  }
  const faulted = emu.requests.slice(Math.max(firstFaulted, 0));
  result.outcome.attempts = faulted.filter(
    (r) => r.method === op.method && r.path === op.path && (!op.page || (r.query.page ?? "1") === op.page),
  ).length;
  if (op.effects) result.outcome.applied = op.effects(emu) - before;
  if (result.outcome.result === "ok") {
    try {
      result.checkFailure = op.check?.(result.value, emu, fault);
    } catch (e) {
      result.checkFailure = `unexpected result ${JSON.stringify(result.value)}: ${String(e)}`;
    }
  }
  emu.faults.clear();
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// The table

/** A cell as the table shows it. */
export function formatOutcome(o: Outcome): string {
  const what = o.result === "ok" ? "ok" : `${o.result}${o.status !== undefined ? ` ${o.status}` : ""}`;
  const applied = o.applied === undefined ? "" : `, applied ${o.applied}`;
  return `${what} (${o.attempts})${applied}`;
}

export type Matrix = Record<string, Record<string, Outcome>>;

/** The markdown table: one row per operation, one column per fault. */
export function renderTable(matrix: Matrix): string {
  const header = ["operation \\ fault", ...FAULTS.map((f) => f.label)];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const op of OPERATIONS) {
    const row = FAULTS.map((f) => {
      const o = matrix[op.id]?.[f.id];
      return o ? formatOutcome(o) : "—";
    });
    lines.push(`| ${op.label} | ${row.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** Rows of the "fault persists" table: the final outcome after the retries, with the error message. */
export const PERSISTENT_OPS = ["get", "create"] as const;
/** `maxRetries` of the "fault persists" table. */
export const PERSISTENT_MAX_RETRIES = 1;

/** One row of the "fault persists" table: outcome per operation, and the error message of the GET. */
export interface PersistentRow {
  outcomes: Record<string, Outcome>;
  message: string;
}

/** A message as the doc shows it: the emulator's random port replaced. */
export function normalizeMessage(message: string, baseUrl: string): string {
  return message.split(baseUrl).join("<baseUrl>").replace(/\|/g, "\\|");
}

/** The "fault persists" markdown table: one row per fault. */
export function renderPersistentTable(rows: Record<string, PersistentRow>): string {
  const ops = PERSISTENT_OPS.map((id) => OPERATIONS.find((o) => o.id === id)!);
  const header = ["fault (every attempt)", ...ops.map((o) => o.label), "error message (GET)"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const f of FAULTS) {
    const row = rows[f.id];
    const cells = ops.map((o) => {
      const out = row?.outcomes[o.id];
      return out ? formatOutcome(out) : "—";
    });
    lines.push(`| ${f.label} | ${cells.join(" | ")} | ${row ? "`" + row.message + "`" : "—"} |`);
  }
  return lines.join("\n");
}

/** The matrix the README's rules promise (what the suite asserts). */
export function expectedMatrix(): Matrix {
  const m: Matrix = {};
  for (const op of OPERATIONS) {
    m[op.id] = {};
    for (const f of FAULTS) m[op.id]![f.id] = expectedOutcome(op, f);
  }
  return m;
}

/**
 * Runs every cell (both tables) against `emu` and returns the generated block of docs/reliability.md. The
 * suite (test/faults.test.ts) asserts each cell on top; this is what scripts/reliability-table.ts prints.
 */
export async function runAllCells(emu: Emulator): Promise<string> {
  const matrix: Matrix = {};
  for (const op of OPERATIONS) {
    matrix[op.id] = {};
    for (const f of FAULTS) matrix[op.id]![f.id] = (await runCell(emu, op, f)).outcome;
  }
  const persistent: Record<string, PersistentRow> = {};
  for (const f of FAULTS) {
    const row: PersistentRow = { outcomes: {}, message: "" };
    for (const id of PERSISTENT_OPS) {
      const op = OPERATIONS.find((o) => o.id === id)!;
      const r = await runCell(emu, op, f, { times: Infinity, maxRetries: PERSISTENT_MAX_RETRIES });
      row.outcomes[id] = r.outcome;
      if (id === "get") row.message = normalizeMessage((r.error as Error).message, emu.url);
    }
    persistent[f.id] = row;
  }
  return tableBlock(matrix, persistent);
}

export const DOC_PATH = new URL("../../docs/reliability.md", import.meta.url);
export const TABLE_BEGIN =
  "<!-- fault-matrix:begin (generated by scripts/reliability-table.ts; checked by test/faults.test.ts) -->";
export const TABLE_END = "<!-- fault-matrix:end -->";

/** The generated block of docs/reliability.md, markers included. */
export function tableBlock(matrix: Matrix, persistent: Record<string, PersistentRow>): string {
  return [
    TABLE_BEGIN,
    "",
    `**One fault, then recovery** (the fault hits one attempt; client \`timeout: ${TIMEOUT_MS}\`, \`maxRetries: 3\`):`,
    "",
    renderTable(matrix),
    "",
    `**The fault persists** (every attempt; \`maxRetries: ${PERSISTENT_MAX_RETRIES}\`):`,
    "",
    renderPersistentTable(persistent),
    "",
    TABLE_END,
  ].join("\n");
}

/** The generated block currently in docs/reliability.md, or undefined. */
export function readDocBlock(): string | undefined {
  let text: string;
  try {
    text = readFileSync(DOC_PATH, "utf8");
  } catch {
    return undefined;
  }
  const a = text.indexOf(TABLE_BEGIN);
  const b = text.indexOf(TABLE_END);
  if (a === -1 || b === -1 || b < a) return undefined;
  return text.slice(a, b + TABLE_END.length);
}

/** Replaces the generated block in docs/reliability.md (the document must already have the markers). */
export function writeDocBlock(block: string): void {
  const text = readFileSync(DOC_PATH, "utf8");
  const a = text.indexOf(TABLE_BEGIN);
  const b = text.indexOf(TABLE_END);
  if (a === -1 || b === -1)
    throw new Error(`docs/reliability.md has no ${TABLE_BEGIN} ... ${TABLE_END} block`);
  writeFileSync(DOC_PATH, text.slice(0, a) + block + text.slice(b + TABLE_END.length));
}
