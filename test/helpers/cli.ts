/**
 * Helpers of the CLI tests: the built `discogs` bin run in a child process (piped, or in a pseudo-terminal
 * through python3's standard `pty` module), a fresh config/state/cache home per test, and a record of every
 * output so that a test can scan them all for credentials.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(ROOT, "dist/cli/index.js");
const PTY = path.join(ROOT, "test/helpers/run-in-pty.py");

/** Builds dist/ when it is missing or older than src/ (the one build helper of the tests that run dist/). */
export { ensureBuilt } from "../runtimes/helpers";

/** Every output of every run in this process, for the credential scan. */
export const outputs: { args: string[]; stdout: string; stderr: string }[] = [];

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Environment added to a clean one (PATH, HOME and the XDG folders of `home`). */
  env?: Record<string, string | undefined>;
  /** The XDG home (config, state, cache) of the run. */
  home?: string;
  /** Text written to stdin (then closed); default: stdin closed at once. */
  input?: string;
  /** Called with the child once spawned (to send signals, or write to stdin over time). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
  cwd?: string;
  timeoutMs?: number;
}

/** A fresh folder for the XDG config/state/cache homes of one test. */
export function freshHome(): string {
  return mkdtempSync(path.join(tmpdir(), "discogs-cli-test-"));
}

/** The environment of a run: nothing inherited but PATH (so no DISCOGS_* leaks in from the outside). */
export function envFor(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, "config"),
    XDG_STATE_HOME: path.join(home, "state"),
    XDG_CACHE_HOME: path.join(home, "cache"),
    LANG: "C.UTF-8",
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs the built bin with pipes for stdin, stdout and stderr. */
export function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const home = options.home ?? freshHome();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? home,
      env: envFor(home, options.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      outputs.push({ args, stdout, stderr });
      resolve({ code: code ?? (signal ? 128 : null), stdout, stderr });
    });
    options.onSpawn?.(child);
    if (options.input !== undefined) child.stdin.end(options.input);
    else if (!options.onSpawn) child.stdin.end();
  });
}

/** Runs the built bin in a pseudo-terminal: all of stdio, or (with `stdoutFile`) stderr and stdin only. */
export function runInPty(
  args: string[],
  options: RunOptions & { columns?: number; stdoutFile?: string } = {},
): Promise<RunResult> {
  const home = options.home ?? freshHome();
  return new Promise((resolve, reject) => {
    const child = spawn(
      "python3",
      [PTY, String(options.columns ?? 100), options.stdoutFile ?? "-", process.execPath, BIN, ...args],
      {
        cwd: options.cwd ?? home,
        env: envFor(home, { TERM: "xterm-256color", ...options.env }),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const terminal = out.replace(/\r\n/g, "\n");
      outputs.push({ args, stdout: terminal, stderr: err });
      // In the terminal, stdout and stderr are one stream: `stdout` here is what the terminal showed.
      resolve({ code, stdout: terminal, stderr: err });
    });
  });
}

/** Parses piped output line by line: every line must be one JSON value. */
export function jsonLines(text: string): unknown[] {
  expectEndsWithNewline(text);
  return text
    .split("\n")
    .slice(0, -1)
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`stdout line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
      }
    });
}

function expectEndsWithNewline(text: string): void {
  if (text !== "" && !text.endsWith("\n"))
    throw new Error(`stdout does not end with a newline: ${text.slice(-100)}`);
}

/** Waits until `check` is true (polling), or throws after `ms`. */
export async function until(check: () => boolean, ms = 20_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
