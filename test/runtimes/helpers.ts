/**
 * Shared by test/examples.test.ts and test/runtimes.test.ts: building the package once (the examples import
 * "discogs-sdk", which resolves to dist/ through the package's self-reference), running child processes with a
 * deadline, and bundling the quickstart with esbuild for the browser and the Workers runtime.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(ROOT, "node_modules", ".bin");

/** What `runProcess` returns. */
export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/**
 * Runs a command without a shell, collects its output, kills it (and its children) after `timeoutMs`.
 * `input` is written to its stdin, which is then closed; with `onSpawn` instead, stdin stays open for the
 * callback (which gets the child and may return a clean-up function, called when the child has exited).
 */
export function runProcess(
  command: string,
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    timeoutMs?: number;
    input?: string;
    onSpawn?: (child: ChildProcess) => (() => void) | void;
  } = {},
): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: [options.input === undefined && !options.onSpawn ? "ignore" : "pipe", "pipe", "pipe"],
      detached: process.platform !== "win32", // its own process group, so a timeout kills grandchildren too
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    if (child.stdin) {
      child.stdin.on("error", () => {}); // EPIPE when the child exits without reading its input
      if (!options.onSpawn || options.input !== undefined) child.stdin.end(options.input);
    }
    const cleanUp = options.onSpawn?.(child);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, options.timeoutMs ?? 60_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      cleanUp?.();
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      cleanUp?.();
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

/** A one-line summary of a finished process, for assertion messages. */
export function describeRun(r: ProcessResult): string {
  const status = r.timedOut ? "timed out" : `exit ${r.code}${r.signal ? ` (${r.signal})` : ""}`;
  return `${status} after ${r.ms} ms\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

/**
 * The environment of an example run: the parent's, minus every DISCOGS_* variable (so a developer's real
 * credentials never reach a test), plus `extra`.
 */
export function exampleEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("DISCOGS_")) env[k] = v;
  return { ...env, NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
}

/** Debian's Chromium, and the flags it needs on this closed network (see docs/runtimes.md). */
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A file of each build block and format: when one is missing, dist/ is incomplete. */
const BUILT_FILES = [
  "dist/index.js",
  "dist/index.cjs",
  "dist/testing/index.js",
  "dist/sync/index.js",
  "dist/sync/index.cjs",
  "dist/sync/worker.mjs",
  "dist/dumps/index.js",
  "dist/mcp/index.js",
  "dist/mcp/bin.js",
  "dist/cli/index.js",
];

/** The newest modification time under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether dist/ is complete and no older than src/. */
function built(): boolean {
  if (!BUILT_FILES.every((f) => existsSync(path.join(ROOT, f)))) return false;
  const oldest = Math.min(...BUILT_FILES.map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  return newest(path.join(ROOT, "src")) <= oldest;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the package (`npm run build`) unless dist/ is complete and no older than src/. The one build helper of
 * every test that runs the built package: a lock directory keeps two test files (vitest runs files in parallel)
 * from building at the same time; the second one waits for the first's dist/.
 */
export async function ensureBuilt(): Promise<void> {
  if (built()) return;
  const lock = path.join(ROOT, "node_modules", ".cache", "discogs-sdk-test-build.lock");
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else is building: wait for them (a lock older than 3 minutes is stale).
      if (built()) return;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* it just went away */
      }
      if (waited > 240_000) throw new Error(`gave up waiting for the build lock ${lock}`);
      await sleep(500);
    }
  }
  try {
    if (built()) return;
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const r = await runProcess(npm, ["run", "build", "--silent"], { timeoutMs: 240_000 });
    if (r.code !== 0 || !built()) throw new Error(`npm run build failed: ${describeRun(r)}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Bundles examples/quickstart.ts and the BUILT package (esbuild resolves "discogs-sdk" to dist/ through the
 * package's self-reference) into one ES module, as a browser or Workers app would ship it.
 */
export async function bundleQuickstart(conditions: string[]): Promise<string> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, "examples/quickstart.ts")],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    conditions,
    target: "es2022",
    metafile: true,
    logLevel: "silent",
  });
  const js = result.outputFiles[0]?.text;
  if (!js) throw new Error("esbuild produced no output");
  const inputs = Object.keys(result.metafile.inputs);
  if (!inputs.includes("dist/index.js") || inputs.some((f) => f.startsWith("src/"))) {
    throw new Error(`the bundle must take the SDK from dist/index.js, its inputs are: ${inputs.join(", ")}`);
  }
  return js;
}

/** The lines every runtime's quickstart output must contain. */
export const QUICKSTART_LINES = ["The Downward Spiral (1994)", "[artist] Nine Inch Nails"];
