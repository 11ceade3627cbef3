/**
 * The child process of the docs-blocks harness: runs the blocks of one Markdown file in order, in this one
 * process (`node --import tsx --import ./register.mjs runner.ts <plan.json>`), and records what each printed.
 *
 * Each block is a module (`import()`ed in turn); a later block gets an earlier block's names by importing them
 * from its module, which has already run. What a block writes to stdout and stderr while it is the current
 * one is recorded as its output; its error (a rejection of its import, or an unhandled rejection while it
 * runs) as its failure. The results are written to the plan's `resultFile` after every block, so a block that
 * exits the process or hangs still leaves the others' results. The process exits when the last block is done,
 * whatever handles the blocks left open (a notebook, not a program: see the harness's conventions).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";

/** What the harness hands over (JSON). */
export interface RunnerPlan {
  blocks: { key: string; file: string }[];
  resultFile: string;
  /** A block still running after this many milliseconds fails, and the run stops. */
  blockTimeoutMs: number;
}

/** What the runner records for one block. */
export interface BlockResult {
  key: string;
  status: "passed" | "failed" | "timed out" | "not run";
  stdout: string;
  stderr: string;
  error?: string;
  ms: number;
}

const plan = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as RunnerPlan;
const results: BlockResult[] = plan.blocks.map((b) => ({
  key: b.key,
  status: "not run",
  stdout: "",
  stderr: "",
  ms: 0,
}));
let current: BlockResult | undefined;
const save = () => writeFileSync(plan.resultFile, JSON.stringify(results));

const describeError = (e: unknown) =>
  e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : inspect(e, { depth: 4 });

function capture(stream: NodeJS.WriteStream, field: "stdout" | "stderr") {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (current) {
      current[field] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (cb) queueMicrotask(cb);
      return true;
    }
    return write(chunk as never, ...(rest as []));
  }) as typeof stream.write;
}
capture(process.stdout, "stdout");
capture(process.stderr, "stderr");

const errors = new Map<unknown, string>();
process.on("unhandledRejection", (reason) => {
  if (current && current.status !== "failed") {
    current.status = "failed";
    current.error = `unhandled rejection: ${describeError(reason)}`;
  }
});
process.on("exit", () => {
  if (current && current.status === "not run") {
    current.status = "failed";
    current.error = `the block ended the process (exit code ${process.exitCode ?? 0})`;
  }
  save();
});

for (const [i, block] of plan.blocks.entries()) {
  const result = results[i]!;
  current = result;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      import(pathToFileURL(block.file).href).then(() => "done" as const),
      new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), plan.blockTimeoutMs);
      }),
    ]);
    if (outcome === "timeout") {
      result.status = "timed out";
      result.error = `still running after ${plan.blockTimeoutMs} ms`;
    } else if (result.status === "not run") result.status = "passed";
  } catch (e) {
    result.status = "failed";
    // A block that imports names from a failed block fails with that block's own error: say so.
    const first = errors.get(e);
    result.error = first ? `an earlier block it takes names from failed (${first})` : describeError(e);
    if (!first) errors.set(e, block.key);
  } finally {
    clearTimeout(timer);
  }
  // Let output written by callbacks the block scheduled for right after it reach its record.
  await new Promise((resolve) => setImmediate(resolve));
  result.ms = Math.round(performance.now() - started);
  current = undefined;
  save();
  if (result.status === "timed out") break;
}
process.exit(0);
