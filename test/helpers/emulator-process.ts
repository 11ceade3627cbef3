/**
 * The emulator in a child process (the `discogs-emulator` CLI from the sources), driven through its
 * `/_emulator/*` control endpoints. `DiscogsSync` blocks its thread during every call, so an emulator served
 * by that same thread could never answer: tests and benchmarks of the synchronous client use this one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FaultSpec, LoggedRequest } from "../../src/testing/index";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** An emulator running in another process. */
export interface EmulatorProcess {
  /** Its base URL. */
  readonly url: string;
  /** The request log (control endpoints excluded), oldest first. */
  requests(): Promise<LoggedRequest[]>;
  /** Empties the request log. */
  clearRequests(): Promise<void>;
  /** Adds a fault (a RegExp path is not supported over JSON: use a string, `*` for a prefix). */
  addFault(spec: FaultSpec & { path?: string }): Promise<void>;
  /** Clears the request log, the faults and the rate-limit windows. */
  reset(): Promise<void>;
  /** Stops the process. */
  close(): Promise<void>;
}

async function control(url: string, method: string, endpoint: string, body?: unknown): Promise<Response> {
  const res = await fetch(`${url}/_emulator/${endpoint}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} /_emulator/${endpoint}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

/** Starts `discogs-emulator --port 0` (with `--no-rate-limit` unless `rateLimit` is true). */
export async function startEmulatorProcess(options: { rateLimit?: boolean } = {}): Promise<EmulatorProcess> {
  const args = ["--import", "tsx", path.join(ROOT, "src/testing/cli.ts"), "--port", "0"];
  if (!options.rateLimit) args.push("--no-rate-limit");
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the emulator process did not start in 60 s: ${stdout}${stderr}`));
    }, 60_000);
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const m = /listening on (\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator process exited (${code}) before listening: ${stdout}${stderr}`));
    });
  });
  return {
    url,
    async requests() {
      return (await (await control(url, "GET", "requests")).json()) as LoggedRequest[];
    },
    async clearRequests() {
      await control(url, "DELETE", "requests");
    },
    async addFault(spec) {
      await control(url, "POST", "faults", spec);
    },
    async reset() {
      await control(url, "POST", "reset");
    },
    close() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
  };
}
