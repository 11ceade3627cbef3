/**
 * Worker side: what the calling thread learns about the async client's objects. A resource (any class
 * instance a method returns without a promise: a sub-resource, a lazy resource, a paginator) is described by
 * its members, found at run time by reflection (own fields, then methods and getters up the prototype chain),
 * so the synchronous tree is whatever the async client's tree is. A value (what a promise or a lazy resource
 * resolves to) is sent as data; one with methods (a page with `getNextPage()`) is also kept in the worker
 * under a handle, so that its methods run on the very object.
 *
 * @module
 * Internal to the package (not exported from an entry point).
 */

import { hiddenMember, type Member, type NodeDesc, type ResponseDesc, type Tagged } from "./protocol";
import { isPlainObject, isPure } from "./values";
import { encodeError } from "./errors";

/** Methods and getters of one prototype chain, cached per prototype. */
const protoMembers = new WeakMap<object, Member[]>();

function membersOfPrototype(proto: object): Member[] {
  const cached = protoMembers.get(proto);
  if (cached) return cached;
  const members: Member[] = [];
  const seen = new Set<string>();
  for (
    let p: object | null = proto;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(p)) {
      if (seen.has(key) || hiddenMember(key)) continue;
      seen.add(key);
      const d = Object.getOwnPropertyDescriptor(p, key);
      if (!d) continue;
      if (d.get) members.push([key, "g"]);
      else if (typeof d.value === "function") members.push([key, "m"]);
    }
  }
  protoMembers.set(proto, members);
  return members;
}

function isThenable(v: object): boolean {
  return typeof (v as { then?: unknown }).then === "function";
}

function isAsyncIterable(v: object): boolean {
  return typeof (v as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}

/** Built-ins that are data, never resources. */
function isBuiltinData(v: object): boolean {
  return (
    Array.isArray(v) ||
    v instanceof Date ||
    v instanceof RegExp ||
    v instanceof Error ||
    v instanceof ArrayBuffer ||
    ArrayBuffer.isView(v) ||
    (typeof Blob === "function" && v instanceof Blob) ||
    (typeof Response === "function" && v instanceof Response) ||
    (typeof Headers === "function" && v instanceof Headers) ||
    (typeof URL === "function" && v instanceof URL) ||
    (typeof ReadableStream === "function" && v instanceof ReadableStream) ||
    v instanceof Map ||
    v instanceof Set
  );
}

/** A resource of the async client: a class instance (not a built-in), or anything awaitable or iterable. */
export function isResource(v: unknown): v is object {
  if (v === null || typeof v !== "object") return false;
  if (isThenable(v) || isAsyncIterable(v)) return true;
  return !isPlainObject(v) && !isBuiltinData(v);
}

/** Async-iterator protocol methods: a sync proxy of an async iterator offers `for...of` instead. */
const ITERATOR_PROTOCOL = new Set(["next", "return", "throw"]);

/** Describes a resource: its members, whether it is awaitable and whether it is async-iterable. */
export function describeNode(obj: object, seen: Set<object> = new Set()): NodeDesc {
  seen.add(obj);
  const members: Member[] = [];
  const names = new Set<string>();
  for (const key of Object.keys(obj)) {
    if (hiddenMember(key)) continue;
    names.add(key);
    const v = (obj as Record<string, unknown>)[key];
    if (typeof v === "function") members.push([key, "m"]);
    else if (isResource(v)) members.push(seen.has(v) ? [key, "g"] : [key, "n", describeNode(v, seen)]);
    else members.push([key, "v", encodeData(v)]);
  }
  const iter = isAsyncIterable(obj);
  const iterator = iter && typeof (obj as { next?: unknown }).next === "function";
  const proto = Object.getPrototypeOf(obj) as object | null;
  if (proto) {
    for (const m of membersOfPrototype(proto)) {
      if (names.has(m[0]) || (iterator && ITERATOR_PROTOCOL.has(m[0]))) continue;
      members.push(m);
    }
  }
  seen.delete(obj);
  return {
    cls: (obj.constructor as { name?: string } | undefined)?.name || "Object",
    then: isThenable(obj),
    iter,
    m: members,
  };
}

/** Plain data held by a resource field (an id, a query): sent as is, or best effort. */
function encodeData(v: unknown): Tagged {
  if (isPure(v)) return ["p", v];
  try {
    return ["p", JSON.parse(JSON.stringify(v)) as unknown];
  } catch {
    return ["p", undefined];
  }
}

function describeResponse(r: Response): ResponseDesc {
  return {
    status: r.status,
    statusText: r.statusText,
    url: r.url,
    redirected: r.redirected,
    headers: [...r.headers.entries()],
  };
}

/** Tracks whether an encoded value refers back to the worker (methods or resources inside it). */
export interface EncodeContext {
  needsHandle: boolean;
  scrub: (s: string) => string;
}

/**
 * Encodes a value for the calling thread. Plain data crosses as is; methods of an object inside the value
 * are listed (and set `ctx.needsHandle`: the caller keeps the value under a handle); a resource inside it is
 * described; a `Response` or `Headers` is tagged. A `ReadableStream` cannot be read synchronously and is
 * refused (and cancelled).
 */
export function encodeValue(v: unknown, ctx: EncodeContext, depth = 0): Tagged {
  if (isPure(v)) return ["p", v];
  if (typeof v === "function") {
    throw new TypeError("DiscogsSync: the call returned a function, which cannot cross threads");
  }
  if (typeof v !== "object" || v === null || depth > 64) return ["p", undefined];
  if (typeof ReadableStream === "function" && v instanceof ReadableStream) {
    void v.cancel().catch(() => {});
    throw new TypeError(
      'The call returned a ReadableStream, which DiscogsSync cannot read synchronously: ask for the whole body instead (e.g. { as: "bytes" } or { as: "text" })',
    );
  }
  if (typeof Response === "function" && v instanceof Response) return ["r", describeResponse(v)];
  if (typeof Headers === "function" && v instanceof Headers) return ["H", [...v.entries()]];
  if (typeof URL === "function" && v instanceof URL) return ["u", v.href];
  if (v instanceof Error) return ["x", encodeError(v, ctx.scrub)];
  if (Array.isArray(v)) return ["a", v.map((item) => encodeValue(item, ctx, depth + 1))];
  if (isThenable(v) || isAsyncIterable(v)) {
    ctx.needsHandle = true;
    return ["n", describeNode(v)];
  }
  const entries: [string, Tagged][] = [];
  const methods: string[] = [];
  const names = new Set<string>();
  for (const key of Object.keys(v)) {
    names.add(key);
    const item = (v as Record<string, unknown>)[key];
    if (typeof item === "function") {
      if (!hiddenMember(key)) methods.push(key);
    } else entries.push([key, encodeValue(item, ctx, depth + 1)]);
  }
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto && proto !== Object.prototype) {
    for (const [key, kind] of membersOfPrototype(proto)) {
      if (names.has(key)) continue;
      if (kind === "m") methods.push(key);
      else if (kind === "g") {
        try {
          entries.push([key, encodeValue((v as Record<string, unknown>)[key], ctx, depth + 1)]);
        } catch {
          /* a getter that throws is left out */
        }
      }
    }
  }
  if (methods.length > 0) ctx.needsHandle = true;
  return ["o", entries, methods];
}
