/**
 * Shared helpers of the benchmarks: statistics, formatting, result tables, child processes.
 *
 * Every figure is printed next to a baseline measured in the same run: the machine is shared and noisy, so
 * absolute times are not comparable across runs, ratios are.
 */

import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A table of one section: a header row and rows of cells (already formatted). */
export interface Table {
  title?: string;
  headers: string[];
  rows: string[][];
  /** Alignment per column ("l" or "r"); default: the first column left, the others right. */
  align?: ("l" | "r")[];
  /** Lines printed under the table. */
  notes?: string[];
}

/** A goal of the issue and whether this run met it. */
export interface Goal {
  name: string;
  met: boolean | null;
  detail: string;
}

/** What a section hands back to the runner. */
export interface SectionResult {
  id: string;
  title: string;
  /** One paragraph: what is measured and how. */
  method: string;
  tables: Table[];
  goals: Goal[];
  /** Raw figures, written to bench/results.json for tooling. */
  raw?: unknown;
  /** Seconds the section took. */
  seconds?: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** `1.23x`. */
export function ratio(a: number, b: number, digits = 2): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "n/a";
  return `${(a / b).toFixed(digits)}x`;
}

/** A number with a fixed count of decimals, or "n/a". */
export function num(x: number | undefined, digits = 1): string {
  return x === undefined || !Number.isFinite(x) ? "n/a" : x.toFixed(digits);
}

/** Milliseconds, with a unit that suits the magnitude. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x < 1) return `${(x * 1000).toFixed(0)} µs`;
  if (x < 10) return `${x.toFixed(2)} ms`;
  if (x < 1000) return `${x.toFixed(1)} ms`;
  return `${(x / 1000).toFixed(2)} s`;
}

/** Bytes as KB (1 KB = 1000 bytes, as bundle-size tools report). */
export function kb(bytes: number, digits = 1): string {
  if (bytes < 1000) return `${bytes} B`;
  return `${(bytes / 1000).toFixed(digits)} KB`;
}

/** Bytes as MB (1 MB = 2^20 bytes, as `process.memoryUsage()` is usually read). */
export function mb(bytes: number, digits = 1): string {
  return `${(bytes / 1024 / 1024).toFixed(digits)} MB`;
}

export function goalMark(met: boolean | null): string {
  return met === null ? "n/a" : met ? "met" : "missed";
}

/** Renders a table as aligned plain text. */
export function textTable(t: Table): string {
  const all = [t.headers, ...t.rows];
  const widths = t.headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) =>
        (t.align?.[i] ?? (i === 0 ? "l" : "r")) === "l"
          ? (c ?? "").padEnd(widths[i]!)
          : (c ?? "").padStart(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  const out: string[] = [];
  if (t.title) out.push(t.title);
  out.push(line(t.headers), widths.map((w) => "-".repeat(w)).join("  "), ...t.rows.map(line));
  for (const n of t.notes ?? []) out.push(`  ${n}`);
  return out.join("\n");
}

/** Renders a table as Markdown (prettier aligns it afterwards). */
export function markdownTable(t: Table): string {
  const esc = (c: string) => (c ?? "").replace(/\|/g, "\\|");
  const out: string[] = [];
  if (t.title) out.push(`**${t.title}**`, "");
  out.push(`| ${t.headers.map(esc).join(" | ")} |`);
  out.push(
    `| ${t.headers.map((_, i) => ((t.align?.[i] ?? (i === 0 ? "l" : "r")) === "l" ? "---" : "---:")).join(" | ")} |`,
  );
  for (const r of t.rows) out.push(`| ${r.map(esc).join(" | ")} |`);
  if (t.notes?.length) out.push("", ...t.notes.map((n) => `- ${n}`));
  return out.join("\n");
}

/** The machine the run happened on. */
export function machine(): {
  cores: number;
  cpu: string;
  node: string;
  platform: string;
  memory: string;
  date: string;
} {
  const cpus = os.cpus();
  return {
    cores: typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

/** Result of a child process. */
export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

/** Runs a child process to completion, collecting its output. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; echo?: boolean } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      stdout += d;
      if (options.echo) process.stdout.write(d);
    });
    child.stderr.on("data", (d: string) => {
      stderr += d;
      if (options.echo) process.stderr.write(d);
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill("SIGKILL");
          }, options.timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

/** The last line of a child's stdout that parses as JSON. */
export function lastJson<T>(stdout: string): T {
  const lines = stdout.trim().split("\n").reverse();
  for (const l of lines) {
    try {
      return JSON.parse(l) as T;
    } catch {
      // not JSON
    }
  }
  throw new Error(`no JSON line in the child's output:\n${stdout.slice(-2000)}`);
}

/** Shuffles in place (Fisher–Yates), to interleave variants in a random order per round. */
export function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** Logs a progress line to stderr (stdout carries the results). */
export function progress(msg: string): void {
  process.stderr.write(`  · ${msg}\n`);
}
