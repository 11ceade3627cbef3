/**
 * What may cross between the calling thread and the worker, and how: plain data goes as is (structured
 * clone), `URL`, `Headers` and `Response` are tagged (structured clone would turn them into empty objects on
 * Node and refuse them on Bun and Deno), and anything that cannot cross (a function, an `AbortSignal`, a live
 * object such as a cache store) is a `TypeError` naming where it was, before anything is sent.
 *
 * @module
 * Internal to the package (not exported from an entry point).
 */

import type { Tagged } from "./protocol";

/** A plain object: `{...}` or `Object.create(null)`. */
export function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Objects that structured clone copies faithfully on Node, Bun and Deno. */
function isCloneable(v: object): boolean {
  return (
    v instanceof Date ||
    v instanceof RegExp ||
    v instanceof ArrayBuffer ||
    ArrayBuffer.isView(v) ||
    (typeof Blob === "function" && v instanceof Blob)
  );
}

/**
 * Whether `v` crosses as is: primitives (not symbols or functions), arrays and plain objects of such, and
 * the cloneable built-ins. A model object from the API is always pure.
 */
export function isPure(v: unknown, depth = 0): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case "function":
    case "symbol":
      return false;
    case "object":
      break;
    default:
      return true;
  }
  if (depth > 64) return false;
  const o = v as object;
  if (Array.isArray(o)) {
    for (const item of o) if (!isPure(item, depth + 1)) return false;
    return true;
  }
  if (isPlainObject(o)) {
    for (const key in o) if (!isPure((o as Record<string, unknown>)[key], depth + 1)) return false;
    return true;
  }
  return isCloneable(o);
}

/** Why an option or argument cannot cross, with what to do instead. */
export type CrossHint = (path: string) => string | undefined;

function describe(v: object): string {
  const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" && name !== "Object" ? `a ${name}` : "an object";
}

/**
 * Encodes an argument (or the client options) for the worker. Throws a `TypeError` naming `path` for
 * anything that cannot cross: functions, symbols, an `AbortSignal` (nothing could fire it while the call
 * blocks this thread), and objects that are neither plain data nor a cloneable built-in.
 */
export function encodeArg(v: unknown, path: string, hint?: CrossHint): Tagged {
  if (isPure(v)) return ["p", v];
  const fail = (what: string, why?: string): never => {
    const extra = why ?? hint?.(path);
    throw new TypeError(
      `${path} is ${what}, which cannot cross to DiscogsSync's worker thread` + (extra ? `: ${extra}` : ""),
    );
  };
  if (typeof v === "function") return fail("a function");
  if (typeof v === "symbol") return fail("a symbol");
  const o = v as object;
  if (typeof AbortSignal === "function" && o instanceof AbortSignal) {
    return fail(
      "an AbortSignal",
      "nothing could abort it while the call blocks this thread; give the call a `timeout` instead",
    );
  }
  if (typeof URL === "function" && o instanceof URL) return ["u", o.href];
  if (typeof Headers === "function" && o instanceof Headers) return ["H", [...o.entries()]];
  if (Array.isArray(o)) return ["a", o.map((item, i) => encodeArg(item, `${path}[${i}]`, hint))];
  if (isPlainObject(o)) {
    const entries: [string, Tagged][] = [];
    for (const key of Object.keys(o))
      entries.push([key, encodeArg((o as Record<string, unknown>)[key], `${path}.${key}`, hint)]);
    return ["o", entries, []];
  }
  return fail(describe(o));
}

/** Decodes what {@link encodeArg} produced (in the worker). */
export function decodeArg(t: Tagged): unknown {
  switch (t[0]) {
    case "p":
      return t[1];
    case "a":
      return t[1].map(decodeArg);
    case "o": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of t[1]) out[k] = decodeArg(v);
      return out;
    }
    case "u":
      return new URL(t[1]);
    case "H":
      return new Headers(t[1]);
    default:
      throw new TypeError(`DiscogsSync: unexpected argument tag ${t[0]}`);
  }
}
