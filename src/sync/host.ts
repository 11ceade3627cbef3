/**
 * The calling thread's end: one worker thread per calling thread, shared by every `DiscogsSync` of that
 * thread (so they share one rate-limit budget, as async clients of one process do), started by the first
 * client and ended with the last `close()`. A call posts a request and blocks in `Atomics.wait` (no CPU is
 * spent while it waits) until the worker stores its reply and notifies; the reply is read with
 * `receiveMessageOnPort`. The worker is `unref`'d: a script that never calls `close()` still exits, and a
 * call blocked in `Atomics.wait` does not depend on this thread's event loop, so it completes all the same.
 *
 * `node:` modules are reached through `process.getBuiltinModule`, so importing `discogs-sdk/sync` never fails
 * (a browser bundle included): the constructor is where an unsupported runtime is reported.
 *
 * @module
 * Internal to the package (not exported from an entry point).
 */

import { getBuiltin } from "../core/env";
import { DiscogsError } from "../core/errors";
import { decodeError } from "./errors";
import {
  GONE,
  IDLE,
  REPLIED,
  type ErrorDesc,
  type Output,
  type Reply,
  type Request,
  type Tagged,
  type Unnumbered,
} from "./protocol";

type WorkerThreads = typeof import("node:worker_threads");
type NodeWorker = import("node:worker_threads").Worker;
type NodePort = import("node:worker_threads").MessagePort;

/** How long the first call may wait for a new worker thread to load and answer. */
export const STARTUP_TIMEOUT_MS = 30_000;

const USE_ASYNC = 'use the async client instead: import { Discogs } from "discogs-sdk"';

/**
 * Why this thread cannot block on a worker, or `undefined` when it can. A browser's main thread refuses
 * `Atomics.wait` (it throws); some runtimes have no `SharedArrayBuffer` (a page without cross-origin
 * isolation) or no `node:worker_threads`.
 */
export function whyCannotBlock(): string | undefined {
  if (typeof SharedArrayBuffer !== "function" || typeof Atomics === "undefined") {
    return "this runtime has no SharedArrayBuffer and Atomics";
  }
  try {
    // Returns "not-equal" at once where blocking is allowed; throws on a browser's main thread.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
  } catch {
    return "Atomics.wait is not allowed on this thread (a browser's main thread must never block)";
  }
  const builtin = getBuiltin();
  let wt: Partial<WorkerThreads> | undefined;
  try {
    wt = builtin?.("node:worker_threads") as Partial<WorkerThreads> | undefined;
  } catch {
    wt = undefined;
  }
  if (!wt || typeof wt.Worker !== "function" || typeof wt.receiveMessageOnPort !== "function") {
    return "it needs node:worker_threads through process.getBuiltinModule (Node 20.16+, Bun or Deno)";
  }
  return undefined;
}

/** The error the constructor throws where this thread cannot block. */
export function cannotBlockError(why: string): DiscogsError {
  return new DiscogsError(`DiscogsSync cannot run here: ${why}; ${USE_ASYNC}`);
}

/** This module's own file (the CJS build turns `import.meta.filename` into `__filename`). */
function ownFile(): string | undefined {
  try {
    const file = import.meta.filename;
    if (typeof file === "string" && file !== "") return file;
  } catch {
    /* not available: try the URL */
  }
  try {
    const url = import.meta.url;
    if (typeof url === "string" && url.startsWith("file:")) {
      const { fileURLToPath } = getBuiltin()!("node:url") as typeof import("node:url");
      return fileURLToPath(url);
    }
  } catch {
    /* no file: the error below says so */
  }
  return undefined;
}

/**
 * The worker script beside this module: `worker.mjs`, one self-contained ES module that the ESM and the
 * CommonJS builds both start; `worker.ts` when the SDK runs from its sources (its own tests), through `tsx`.
 */
export function workerScript(): { file: string; source: boolean } {
  const own = ownFile();
  const match = own ? /^(.*[\\/])[^\\/]+\.(c?js|mjs|ts)$/.exec(own) : null;
  if (!match) {
    throw new DiscogsError(`DiscogsSync cannot find its worker script (its own module is at ${String(own)})`);
  }
  const source = match[2] === "ts";
  return { file: `${match[1]}worker.${source ? "ts" : "mjs"}`, source };
}

/** Receives the output of a call: the console lines and the forwarded callbacks of one client. */
export type CallbackSink = (bag: string, key: string, args: Tagged[]) => void;

/** Writes console output of the worker on this thread, in order. */
function writeOutput(kind: "out" | "err", text: string): void {
  const proc = (globalThis as { process?: { stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream } })
    .process;
  const stream = kind === "out" ? proc?.stdout : proc?.stderr;
  if (stream && typeof stream.write === "function") stream.write(text);
  else (kind === "out" ? console.log : console.error)(text.replace(/\n$/, ""));
}

/** The worker thread of this thread's `DiscogsSync` clients and the channel to it. */
export class Host {
  static #current: Host | undefined;

  /** The live host of this thread, started when there is none. */
  static acquire(): Host {
    if (!Host.#current || Host.#current.#gone !== undefined) Host.#current = new Host();
    return Host.#current;
  }

  readonly #wt: WorkerThreads;
  readonly #worker: NodeWorker;
  readonly #port: NodePort;
  readonly #flag: Int32Array;
  readonly #sinks = new Map<number, CallbackSink>();
  #nextRequest = 1;
  #nextClient = 1;
  #started = false;
  /** Why the worker is gone (closed with its last client, or failed), or undefined while it runs. */
  #gone: string | undefined;

  private constructor() {
    const builtin = getBuiltin()!;
    this.#wt = builtin("node:worker_threads") as WorkerThreads;
    const { existsSync } = builtin("node:fs") as typeof import("node:fs");
    const { file, source } = workerScript();
    if (!existsSync(file)) {
      throw new DiscogsError(
        `DiscogsSync's worker script is missing: ${file}. It is started from beside discogs-sdk/sync's own ` +
          "module: when you bundle your program, keep discogs-sdk external (or reinstall it if it is incomplete)",
      );
    }
    this.#flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new this.#wt.MessageChannel();
    this.#port = port1;
    const options: import("node:worker_threads").WorkerOptions = {
      workerData: { flag: this.#flag, port: port2 },
      transferList: [port2],
    };
    // The worker reads the DISCOGS_* variables when a client is built, as Discogs does: share this thread's
    // environment (what is set after the worker started included) where the runtime can.
    if (this.#wt.SHARE_ENV !== undefined) options.env = this.#wt.SHARE_ENV;
    if (source) {
      // From the sources (the SDK's own tests): tsx compiles the worker's TypeScript.
      const { pathToFileURL } = builtin("node:url") as typeof import("node:url");
      const code =
        `import("tsx/esm/api").then(({ register }) => { register(); ` +
        `return import(${JSON.stringify(pathToFileURL(file).href)}); })`;
      this.#worker = new this.#wt.Worker(code, { ...options, eval: true });
    } else {
      this.#worker = new this.#wt.Worker(file, options);
    }
    // Neither the worker nor the port keeps the process alive: a script that forgets close() still exits.
    this.#worker.unref();
    (port1 as { unref?: () => void }).unref?.();
  }

  /** Registers a new client; its forwarded callbacks go to `sink`. */
  addClient(sink: CallbackSink): number {
    const c = this.#nextClient++;
    this.#sinks.set(c, sink);
    return c;
  }

  /** Forgets a client; the worker ends with the last one. */
  removeClient(c: number): void {
    if (!this.#sinks.delete(c) || this.#sinks.size > 0) return;
    this.#end("closed");
  }

  /** Whether the worker still runs. */
  get alive(): boolean {
    return this.#gone === undefined;
  }

  #end(why: string): void {
    if (this.#gone !== undefined) return;
    this.#gone = why;
    if (Host.#current === this) Host.#current = undefined;
    try {
      this.#port.close();
    } catch {
      /* already closed */
    }
    void this.#worker.terminate().catch(() => {});
  }

  /** Posts a request that gets no reply. */
  post(req: Request): void {
    if (this.#gone !== undefined) return;
    try {
      this.#port.postMessage(req);
    } catch {
      /* the worker is going away */
    }
  }

  /** Sends a request and blocks until its reply. Failures of the thread itself throw a `DiscogsError`. */
  call(req: Unnumbered): Reply {
    if (this.#gone !== undefined) throw new DiscogsError(`DiscogsSync's worker thread is ${this.#gone}`);
    const id = this.#nextRequest++;
    // From REPLIED (the last call's) back to IDLE; a GONE left by a worker that exited stays.
    if (Atomics.compareExchange(this.#flag, 0, REPLIED, IDLE) === GONE) this.#failed();
    this.#port.postMessage({ ...req, id });
    const deadline = this.#started ? undefined : Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      const timeout = deadline === undefined ? undefined : Math.max(0, deadline - Date.now());
      const waited = Atomics.wait(this.#flag, 0, IDLE, timeout);
      const got = this.#wt.receiveMessageOnPort(this.#port) as { message: Reply } | undefined;
      if (got) {
        const reply = got.message;
        this.#emit(reply.out);
        if (reply.id === -1) this.#failed(reply);
        if (reply.id !== id) continue;
        this.#started = true;
        return reply;
      }
      const state = Atomics.load(this.#flag, 0);
      if (state === GONE) this.#failed();
      if (state === REPLIED) {
        // Notified, but the message is not readable yet: give it a moment.
        Atomics.wait(this.#flag, 0, REPLIED, 1);
        continue;
      }
      if (waited === "timed-out" && deadline !== undefined && Date.now() >= deadline) {
        this.#end("not started");
        throw new DiscogsError(
          `DiscogsSync's worker thread did not start within ${STARTUP_TIMEOUT_MS / 1000} s`,
        );
      }
    }
  }

  /** The worker failed or exited: every later call fails; a new DiscogsSync starts a new worker. */
  #failed(reply?: Reply): never {
    this.#end("stopped");
    const cause = reply && reply.v[0] === "x" ? decodeError(reply.v[1] as ErrorDesc) : undefined;
    throw new DiscogsError(
      `DiscogsSync's worker thread stopped${cause ? `: ${cause.message}` : ""}`,
      cause ? { cause } : undefined,
    );
  }

  #emit(out: Output[] | undefined): void {
    if (!out) return;
    for (const o of out) {
      if (o[0] === "cb") this.#sinks.get(o[1])?.(o[2], o[3], o[4]);
      else writeOutput(o[0], o[1]);
    }
  }
}
