/**
 * The engine of the safe bulk writes (`inventory update --from`, `wantlist add --from`, `collection add --from`).
 *
 * 1. Read the rows; validate them all before anything is sent (a bad row is a usage error naming it).
 * 2. Rows the previous run's result file marks `ok` (with the same cells) are done: not planned again.
 * 3. Plan the rest against the current state (reads only): per row, skip (nothing to change) or a write and
 *    its diff.
 * 4. `--dry-run`: print the plan, send no write, write no file.
 * 5. Otherwise send exactly one request per changed row, one at a time, never retrying a create that may
 *    have reached Discogs (the SDK's rule; the CLI adds no retry of its own), and write the result file
 *    (`ok`/`failed`/`skipped` per row) as it goes, so that running the same command again touches only what
 *    is not `ok`. An auth failure, an exhausted rate limit or a lost connection stops the run (the rest is
 *    `skipped`); Ctrl-C stops it after the request in flight.
 *
 * @module
 */

import { existsSync, readFileSync } from "node:fs";
import { csvLine, parseCsv } from "../csv";
import type { CommandContext } from "../context";
import { report } from "../errors";
import { EXIT, type ExitCode } from "../exit";
import { writePrivateFile } from "../files";
import type { InputRow, InputTable } from "./rows";

/** A field's change. */
export interface Change {
  from: unknown;
  to: unknown;
}

/** What to do with one row. */
export type Plan =
  | { action: "skip"; detail: string }
  | { action: "fail"; detail: string }
  | {
      action: "add" | "update";
      changes: Record<string, Change>;
      /** Sends the one request. */
      send: () => Promise<unknown>;
      /** A create (not idempotent): a failure that may have reached Discogs says so. */
      create: boolean;
      detail?: string;
    };

/** One bulk command. */
export interface BulkJob {
  /** `"inventory update"`. */
  name: string;
  /** The key column, e.g. `listing_id`, shown per row. */
  keyColumn: string;
  table: InputTable;
  /** The result file, or undefined (ids on the command line: no file). */
  resultFile: string | undefined;
  /** Plans the given rows (reads only). */
  plan(rows: InputRow[]): Promise<Map<number, Plan>>;
}

/** One row of the run's output and result file. */
interface Outcome {
  row: number;
  key: string;
  action: string;
  changes: Record<string, Change>;
  result?: "ok" | "failed" | "skipped";
  detail: string;
}

const RESULT_COLUMNS = ["result", "detail"];

/** Rows the result file of an earlier run marks `ok`, with the same cells as now. */
function doneEarlier(file: string | undefined, table: InputTable): Set<number> {
  const done = new Set<number>();
  if (!file || !existsSync(file)) return done;
  let rows: string[][];
  try {
    rows = parseCsv(readFileSync(file, "utf8"));
  } catch {
    return done;
  }
  const [header, ...data] = rows;
  const expected = [...table.columns, ...RESULT_COLUMNS];
  if (!header || header.join("\u0000") !== expected.join("\u0000")) return done;
  const resultAt = table.columns.length;
  data.forEach((cells, i) => {
    const row = table.rows[i];
    if (!row || cells[resultAt] !== "ok") return;
    if (table.columns.every((c, j) => (cells[j] ?? "") === (row.cells[c] ?? ""))) done.add(row.n);
  });
  return done;
}

function showValue(v: unknown): string {
  if (v === undefined || v === null) return "(none)";
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

function changesText(changes: Record<string, Change>): string {
  return Object.entries(changes)
    .map(([f, c]) => `${f} ${showValue(c.from)} -> ${showValue(c.to)}`)
    .join("; ");
}

/** Runs a bulk job; returns the exit code. */
export async function runBulk(ctx: CommandContext, job: BulkJob): Promise<number> {
  const { out } = ctx;
  const dryRun = ctx.opts["dry-run"] === true;
  const done = dryRun ? new Set<number>() : doneEarlier(job.resultFile, job.table);
  const todo = job.table.rows.filter((r) => !done.has(r.n));
  const plans = await job.plan(todo);
  const outcomes = new Map<number, Outcome>();
  const keyOf = (r: InputRow) => r.values[job.keyColumn] ?? "";
  for (const r of job.table.rows) {
    if (done.has(r.n)) {
      outcomes.set(r.n, {
        row: r.n,
        key: keyOf(r),
        action: "skip",
        changes: {},
        result: "ok",
        detail: "done in an earlier run",
      });
      continue;
    }
    const p = plans.get(r.n) ?? { action: "fail", detail: "not planned" };
    const outcome: Outcome = {
      row: r.n,
      key: keyOf(r),
      action: p.action,
      changes: "changes" in p ? p.changes : {},
      detail: p.detail ?? "",
    };
    if (!dryRun) {
      if (p.action === "skip") outcome.result = "skipped";
      else if (p.action === "fail") outcome.result = "failed";
      else {
        outcome.result = "skipped";
        outcome.detail = "not sent (the run stopped before it)";
      }
    }
    outcomes.set(r.n, outcome);
  }

  const writeResults = () => {
    if (dryRun || !job.resultFile) return;
    let text = csvLine([...job.table.columns, ...RESULT_COLUMNS]);
    for (const r of job.table.rows) {
      const o = outcomes.get(r.n)!;
      text += csvLine([...job.table.columns.map((c) => r.cells[c] ?? ""), o.result ?? "", o.detail]);
    }
    writePrivateFile(job.resultFile, text);
  };

  let stop: { code: ExitCode; message: string; hint?: string | undefined } | undefined;
  const writes = todo.filter((r) => {
    const a = plans.get(r.n)?.action;
    return a === "add" || a === "update";
  });
  if (!dryRun) {
    const sdk = await ctx.sdk();
    const bar = ctx.progress(job.name);
    bar.start(0, writes.length);
    let sent = 0;
    try {
      for (const r of writes) {
        if (ctx.interrupted()) break;
        const p = plans.get(r.n)! as Extract<Plan, { send: unknown }>;
        const o = outcomes.get(r.n)!;
        try {
          // Not given the Ctrl-C signal: a write in flight is finished, never cut off half-way.
          await p.send();
          o.result = "ok";
          o.detail = p.detail ?? "";
        } catch (e) {
          const rep = report(e, sdk);
          o.result = "failed";
          const uncertain =
            p.create && e instanceof sdk.DiscogsConnectionError
              ? "may have reached Discogs (the next run checks first): "
              : "";
          o.detail = uncertain + rep.message;
          if (
            rep.code === EXIT.auth ||
            rep.code === EXIT.rateLimit ||
            e instanceof sdk.DiscogsConnectionError
          ) {
            stop = rep;
          }
        }
        sent++;
        bar.update(sent, writes.length);
        writeResults();
        if (stop) break;
      }
    } finally {
      bar.finish();
      writeResults();
    }
  }

  const rows = [...outcomes.values()].sort((a, b) => a.row - b.row);
  const records = rows.map((o) => {
    const rec: Record<string, unknown> = {
      row: o.row,
      [job.keyColumn]: o.key,
      action: o.action,
      changes: o.changes,
    };
    if (o.result !== undefined) rec.result = o.result;
    rec.detail = o.detail;
    return rec;
  });
  const columns = [
    { header: "row", path: "row", right: true },
    { header: job.keyColumn, path: job.keyColumn },
    { header: "action", path: "action" },
    {
      header: "changes",
      path: "changes",
      get: (r: Record<string, unknown>) => changesText(r.changes as Record<string, Change>),
    },
    ...(dryRun ? [] : [{ header: "result", path: "result" }]),
    { header: "detail", path: "detail" },
  ];
  await out.list(records, { columns, empty: "No rows." });

  const count = (pred: (o: Outcome) => boolean) => rows.filter(pred).length;
  if (dryRun) {
    const w = count((o) => o.action === "add" || o.action === "update");
    const f = count((o) => o.action === "fail");
    out.info(
      `Dry run: ${w} write${w === 1 ? "" : "s"} would be sent, ${count((o) => o.action === "skip")} skipped, ${f} invalid. Nothing was sent.`,
    );
    return f > 0 ? EXIT.error : EXIT.ok;
  }
  const ok = count((o) => o.result === "ok");
  const failed = count((o) => o.result === "failed");
  const skipped = count((o) => o.result === "skipped");
  const where = job.resultFile ? ` Results: ${job.resultFile}.` : "";
  const summary = `${ok} ok, ${failed} failed, ${skipped} skipped.${where}`;
  if (ctx.interrupted()) {
    ctx.io.stderr.write(
      `Interrupted after the request in flight: ${summary} Run the same command again to continue.\n`,
    );
    return EXIT.interrupted;
  }
  if (stop) {
    ctx.io.stderr.write(
      `error: stopped: ${stop.message}\n  ${stop.hint ? stop.hint + "; " : ""}${summary}\n`,
    );
    return stop.code;
  }
  if (failed > 0) {
    ctx.io.stderr.write(
      `error: ${summary}${job.resultFile ? " Run the same command again to retry the failures." : ""}\n`,
    );
    return EXIT.error;
  }
  out.info(summary);
  return EXIT.ok;
}

/** The result file: `--result`, else `<from without extension>.result.csv`, else `discogs-result.csv`. */
export function resultPath(from: string | undefined, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  if (from === undefined) return undefined;
  if (from === "-") return "discogs-result.csv";
  const dot = from.lastIndexOf(".");
  const slash = Math.max(from.lastIndexOf("/"), from.lastIndexOf("\\"));
  return (dot > slash + 1 ? from.slice(0, dot) : from) + ".result.csv";
}

/** Warns once about input columns a command does not use (nothing is ignored silently). */
export function warnUnusedColumns(
  ctx: CommandContext,
  table: InputTable,
  used: readonly string[],
  what: string,
): void {
  const unused = table.columns.filter(
    (c) =>
      !used.includes(
        c
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, "_"),
      ),
  );
  if (unused.length)
    ctx.out.warn(`ignoring column${unused.length > 1 ? "s" : ""} ${unused.join(", ")} (${what})`);
}

/** Reads `--from` (a file, or stdin for `-`). */
export async function readFrom(ctx: CommandContext, from: string): Promise<string | undefined> {
  if (from !== "-") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.io.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
