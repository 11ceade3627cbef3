/**
 * Errors across the thread boundary. The worker describes an error (class name, message, own fields, cause),
 * scrubbing every credential value out of its strings; the calling thread rebuilds it as the same class, so
 * `instanceof NotFoundError` and the fields (`status`, `body`, `url`, `retryAfter`, ...) hold as with
 * `Discogs`. The stack is the calling thread's, so it points at the line that made the call.
 *
 * @module
 * Internal to the package (not exported from an entry point).
 */

import * as sdkErrors from "../core/errors";
import type { ErrorDesc, Tagged } from "./protocol";
import { isPure } from "./values";

type ErrorClass = abstract new (...args: never[]) => Error;

/** Every error class the SDK exports, by constructor name (read from `core/errors`, so new ones are included). */
const SDK_ERRORS: ReadonlyMap<string, ErrorClass> = new Map(
  Object.values(sdkErrors as Record<string, unknown>)
    .filter(
      (v): v is ErrorClass =>
        typeof v === "function" && (v as { prototype?: unknown }).prototype instanceof Error,
    )
    .map((cls) => [cls.name, cls]),
);

/** The platform's error classes. */
function builtinError(name: string): ErrorClass | undefined {
  const candidates: Record<string, unknown> = {
    Error,
    TypeError,
    RangeError,
    SyntaxError,
    ReferenceError,
    EvalError,
    URIError,
    AggregateError: (globalThis as { AggregateError?: unknown }).AggregateError,
  };
  const cls = candidates[name];
  return typeof cls === "function" ? (cls as ErrorClass) : undefined;
}

/** Replaces every credential value in a string (values shorter than 8 characters would match ordinary text). */
export function scrubber(secrets: readonly string[]): (s: string) => string {
  const list = [...new Set(secrets.filter((s) => typeof s === "string" && s.length >= 8))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) return (s) => s;
  return (s) => {
    let out = s;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join("[redacted]");
    return out;
  };
}

/** Applies `scrub` to every string of plain data. */
export function scrubDeep(v: unknown, scrub: (s: string) => string, depth = 0): unknown {
  if (typeof v === "string") return scrub(v);
  if (v === null || typeof v !== "object" || depth > 64) return v;
  if (Array.isArray(v)) return v.map((item) => scrubDeep(item, scrub, depth + 1));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(v)) out[k] = scrubDeep(item, scrub, depth + 1);
  return out;
}

/** Plain data for an error field or a cause that is not an error (best effort: it is only information). */
function looseValue(v: unknown, scrub: (s: string) => string): Tagged {
  if (isPure(v)) return ["p", scrubDeep(v, scrub)];
  if (typeof Headers === "function" && v instanceof Headers) return ["H", [...v.entries()]];
  try {
    return ["p", scrubDeep(JSON.parse(JSON.stringify(v)) as unknown, scrub)];
  } catch {
    return ["p", scrub(String(v))];
  }
}

/** Describes an error thrown in the worker (any value), with credentials scrubbed. */
export function encodeError(e: unknown, scrub: (s: string) => string, depth = 0): ErrorDesc {
  if (!(e instanceof Error)) {
    return { ctor: "Error", name: "Error", message: scrub(String(e)), fields: [] };
  }
  const fields: [string, Tagged][] = [];
  for (const key of Object.keys(e)) {
    if (key === "message" || key === "stack" || key === "cause") continue;
    fields.push([key, looseValue((e as unknown as Record<string, unknown>)[key], scrub)]);
  }
  const cause = (e as { cause?: unknown }).cause;
  return {
    ctor: e.constructor?.name || "Error",
    name: scrub(String(e.name)),
    message: scrub(String(e.message)),
    stack: typeof e.stack === "string" ? scrub(e.stack) : undefined,
    fields,
    cause:
      cause === undefined
        ? undefined
        : cause instanceof Error && depth < 4
          ? ["x", encodeError(cause, scrub, depth + 1)]
          : looseValue(cause, scrub),
  };
}

/** Decodes a tagged field value (errors carry only data, `Headers` and nested errors). */
function fieldValue(t: Tagged): unknown {
  switch (t[0]) {
    case "p":
      return t[1];
    case "H":
      return new Headers(t[1]);
    case "x":
      return decodeError(t[1]);
    default:
      return undefined;
  }
}

/**
 * Rebuilds an error on the calling thread as the class it was in the worker (an SDK error class or a platform
 * one; anything else becomes an `Error` keeping the original `name`). Its stack is this thread's.
 */
export function decodeError(d: ErrorDesc): Error {
  const cls = SDK_ERRORS.get(d.ctor) ?? builtinError(d.ctor);
  const err = new Error(d.message);
  if (cls && cls !== Error) Object.setPrototypeOf(err, cls.prototype);
  for (const [key, value] of d.fields) {
    Object.defineProperty(err, key, {
      value: fieldValue(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (err.name !== d.name) {
    Object.defineProperty(err, "name", { value: d.name, writable: true, configurable: true });
  }
  if (d.cause !== undefined) {
    Object.defineProperty(err, "cause", { value: fieldValue(d.cause), writable: true, configurable: true });
  }
  if (typeof err.stack === "string") {
    const frames = err.stack.split("\n").slice(1);
    err.stack = [`${d.name}: ${d.message}`, ...frames].join("\n");
  }
  return err;
}
