/**
 * The worker thread of `DiscogsSync`: it hosts one async `Discogs` client per `DiscogsSync` of the calling
 * thread, replays the paths the calling thread sends on them, and answers each call through the channel
 * described in `protocol.ts`. Everything that runs a request is the async client's own (limiter, retries,
 * cache, validation, errors); this file only replays, awaits and encodes.
 *
 * Built as its own file (`dist/sync/worker.js` and `dist/sync/worker.cjs`); never imported by the SDK.
 *
 * @module
 * Internal to the package (not exported from an entry point).
 */

import { Discogs, type ClientOptions } from "../client";
import { resolveAuth } from "../core/auth";
import { getBuiltin } from "../core/env";
import { DiscogsError } from "../core/errors";
import { describeNode, encodeValue, isResource, type EncodeContext } from "./describe";
import { encodeError, scrubber } from "./errors";
import {
  FORWARDED_BAGS,
  GONE,
  REPLIED,
  type Output,
  type Ref,
  type Reply,
  type Request,
  type Tagged,
} from "./protocol";
import { decodeArg, isPure } from "./values";

type WorkerThreads = typeof import("node:worker_threads");
type NodeConsole = typeof import("node:console");
type NodeStream = typeof import("node:stream");

const builtin = getBuiltin();
if (!builtin) throw new Error("DiscogsSync's worker needs process.getBuiltinModule");
const { workerData } = builtin("node:worker_threads") as WorkerThreads;
const { flag, port } = workerData as { flag: Int32Array; port: import("node:worker_threads").MessagePort };

/** Output produced since the last reply (console lines, forwarded callbacks), in order. */
let output: Output[] = [];

/** The thread is going away: wake a caller that waits, so it never waits for nobody. */
function signalGone(): void {
  Atomics.store(flag, 0, GONE);
  Atomics.notify(flag, 0);
}
process.on("exit", signalGone);

/** Every client of this worker: the async client and the scrubber of its credentials. */
const clients = new Map<number, { client: Discogs; scrub: (s: string) => string }>();
/** Values kept for their methods, by handle. */
const handles = new Map<number, { c: number; value: unknown }>();
/** Walks in progress, by id. */
const iterators = new Map<number, { c: number; gen: AsyncIterator<unknown>; byPage: boolean }>();
let nextHandle = 1;
let nextIterator = 1;

/** Scrubs the credentials of every client (for output that no single client owns). */
function scrubAll(s: string): string {
  let out = s;
  for (const { scrub } of clients.values()) out = scrub(out);
  return out;
}

// The worker's console writes into the output of the call being served; the calling thread prints it when the
// call returns, so warnings keep their order and are not lost when the process exits.
{
  const { Console } = builtin("node:console") as NodeConsole;
  const { Writable } = builtin("node:stream") as NodeStream;
  const sink = (kind: "out" | "err") =>
    new Writable({
      write(chunk: unknown, _encoding, callback) {
        output.push([kind, scrubAll(String(chunk))]);
        callback();
      },
    });
  globalThis.console = new Console({ stdout: sink("out"), stderr: sink("err") }) as unknown as Console;
}

/** Posts a reply (with the output gathered) and wakes the caller. */
function send(reply: Reply): void {
  const out = output;
  output = [];
  try {
    port.postMessage({ ...reply, out });
  } catch (e) {
    // A value structured clone refuses: the caller gets the reason instead of waiting forever.
    port.postMessage({ id: reply.id, ok: false, v: ["x", encodeError(e, scrubAll)], out });
  }
  Atomics.store(flag, 0, REPLIED);
  Atomics.notify(flag, 0);
}

function closedError(): DiscogsError {
  return new DiscogsError("The client is closed");
}

function clientOf(c: number) {
  const entry = clients.get(c);
  if (!entry) throw closedError();
  return entry;
}

/** Replays a path. The result is boxed: returning a lazy resource from an async function would await it. */
async function resolve(ref: Ref): Promise<{ value: unknown }> {
  let cur: unknown;
  if (ref.h !== undefined) {
    const held = handles.get(ref.h);
    if (!held || !clients.has(held.c)) throw closedError();
    cur = held.value;
  } else {
    cur = clientOf(ref.c).client;
  }
  for (const step of ref.s) {
    if (step[0] === "g") {
      cur = (cur as Record<string, unknown>)[step[1]];
    } else if (step[0] === "c") {
      const fn = (cur as Record<string, unknown>)[step[1]];
      if (typeof fn !== "function") throw new TypeError(`${step[1]} is not a function`);
      cur = (fn as (...a: unknown[]) => unknown).apply(cur, step[2].map(decodeArg));
    } else {
      cur = await cur;
    }
  }
  return { value: cur };
}

/** Encodes a value; one that refers back to the worker is kept under a new handle. */
function valueReply(c: number, v: unknown): { v: Tagged; h?: number } {
  const ctx: EncodeContext = { needsHandle: false, scrub: clientOf(c).scrub };
  const t = encodeValue(v, ctx);
  if (!ctx.needsHandle) return { v: t };
  const h = nextHandle++;
  handles.set(h, { c, value: v });
  return { v: t, h };
}

async function step(it: number): Promise<Omit<Reply, "id" | "ok">> {
  const entry = iterators.get(it);
  if (!entry) throw closedError();
  let r: IteratorResult<unknown>;
  try {
    r = await entry.gen.next();
  } catch (e) {
    iterators.delete(it);
    throw e;
  }
  if (r.done) {
    iterators.delete(it);
    return { it, done: true, v: ["p", []] };
  }
  const batch = entry.byPage ? ((r.value as { items?: unknown[] }).items ?? []) : [r.value];
  return { it, done: false, ...valueReply(entry.c, batch) };
}

async function endIterator(it: number): Promise<void> {
  const entry = iterators.get(it);
  iterators.delete(it);
  try {
    await entry?.gen.return?.(undefined);
  } catch {
    /* the walk is abandoned; its error does not matter */
  }
}

/** Builds a client from the caller's options; forwarded callbacks become output of the call being served. */
function open(c: number, encoded: Tagged, callbacks: Record<string, string[]>): Tagged {
  let options = decodeArg(encoded) as ClientOptions | undefined;
  if (options !== null && typeof options === "object") {
    const o = { ...options } as Record<string, unknown>;
    for (const bag of FORWARDED_BAGS) {
      const keys = callbacks[bag];
      if (!keys || keys.length === 0) continue;
      const target = { ...(o[bag] as Record<string, unknown> | undefined) };
      for (const key of keys) {
        target[key] = (...args: unknown[]) => {
          const scrub = clients.get(c)?.scrub ?? scrubAll;
          const ctx: EncodeContext = { needsHandle: false, scrub };
          output.push([
            "cb",
            c,
            bag,
            key,
            args.map((a) => (isPure(a) ? (["p", a] as Tagged) : encodeValue(a, ctx))),
          ]);
        };
      }
      o[bag] = target;
    }
    options = o as ClientOptions;
  }
  const client = new Discogs(options);
  const auth = resolveAuth(options ?? {}) as unknown as Record<string, unknown>;
  const secrets = Object.entries(auth)
    .filter(([k, v]) => k !== "mode" && k !== "signatureMethod" && typeof v === "string")
    .map(([, v]) => v as string);
  clients.set(c, { client, scrub: scrubber(secrets) });
  return ["n", describeNode(client)];
}

async function close(c: number): Promise<void> {
  const entry = clients.get(c);
  if (!entry) return;
  for (const [it, iter] of iterators) if (iter.c === c) await endIterator(it);
  for (const [h, held] of handles) if (held.c === c) handles.delete(h);
  try {
    await entry.client.close();
  } finally {
    clients.delete(c);
  }
}

async function handle(req: Request & { id: number }): Promise<Omit<Reply, "id" | "ok">> {
  switch (req.op) {
    case "open":
      return { v: open(req.c, req.options, req.callbacks) };
    case "run": {
      const { value } = await resolve(req.ref);
      const last = req.ref.s[req.ref.s.length - 1];
      if (value instanceof Promise) return valueReply(req.ref.c, await value);
      // A method or getter that hands back a resource (not a promise, and not the result of an await).
      if (last !== undefined && last[0] !== "a" && isResource(value))
        return { v: ["n", describeNode(value)] };
      return valueReply(req.ref.c, value);
    }
    case "iter": {
      const { value } = await resolve(req.ref);
      const obj = value as { pages?: () => AsyncIterator<unknown>; [Symbol.asyncIterator]?: unknown };
      if (typeof obj?.[Symbol.asyncIterator] !== "function") throw new TypeError("the value is not iterable");
      const byPage = typeof obj.pages === "function";
      const gen = byPage
        ? (obj.pages as () => AsyncIterator<unknown>)()
        : (obj[Symbol.asyncIterator] as () => AsyncIterator<unknown>)();
      const it = nextIterator++;
      iterators.set(it, { c: req.ref.c, gen, byPage });
      return step(it);
    }
    case "next":
      return step(req.it);
    case "close":
      await close(req.c);
      return { v: ["p", undefined] };
    default:
      throw new TypeError(`unknown request ${(req as { op: string }).op}`);
  }
}

function scrubFor(req: Request): (s: string) => string {
  const c = "c" in req ? req.c : "ref" in req ? req.ref.c : undefined;
  return (c !== undefined ? clients.get(c)?.scrub : undefined) ?? scrubAll;
}

async function serve(req: Request): Promise<void> {
  if (req.id === undefined) {
    // Fire and forget: no reply, no wake-up.
    if (req.op === "return") await endIterator(req.it);
    else if (req.op === "free") for (const h of req.h) handles.delete(h);
    else if (req.op === "close") await close(req.c).catch(() => {});
    return;
  }
  const scrub = scrubFor(req);
  let reply: Reply;
  try {
    reply = { id: req.id, ok: true, ...(await handle(req as Request & { id: number })) };
  } catch (e) {
    reply = { id: req.id, ok: false, v: ["x", encodeError(e, scrub)] };
  }
  send(reply);
}

port.on("message", (req: Request) => {
  void serve(req);
});

// A failure outside any call ends the thread; the caller learns it at its next call (or now, if it waits).
const fatal = (e: unknown) => {
  try {
    port.postMessage({ id: -1, ok: false, v: ["x", encodeError(e, scrubAll)], out: output });
  } finally {
    signalGone();
    process.exit(1);
  }
};
process.on("uncaughtException", fatal);
process.on("unhandledRejection", fatal);
