/**
 * The schema runtime behind every `XSchema` export: a handful of combinators that build a compact description,
 * and one interpreter that walks a parsed JSON value against it.
 *
 * Why not a schema library: zod/mini alone was 22.6 KB gzipped in a browser bundle and cost 3.3-3.6x
 * `JSON.parse` on real bodies; this runtime is about 2.5 KB gzipped and checks a body in one read-only pass (see
 * docs/performance.md, "Validation design"). It never generates code (`eval`/`new Function`), so it runs where
 * those are forbidden (Cloudflare Workers, strict CSP).
 *
 * How a response is decoded:
 * 1. **check**: one read-only walk that tests the type of every known field (unknown fields are neither
 *    visited nor copied). It allocates nothing on valid data; on invalid data a second walk collects every issue
 *    with its dotted path.
 * 2. **rename**: a walk of only the parts of the schema that can hold a wire alias (`catno`, `anv`, ...), which
 *    rebuilds the objects that carry one with the readable name in the same position. Everything else is left as
 *    `JSON.parse` made it, unknown fields included.
 *
 * Object shapes are given as functions, called once on first use: a module that defines schemas does no work at
 * import time, a schema can refer to itself (`Track.sub_tracks`) or to one defined later, and a bundler can drop
 * every schema the app does not use (each definition is a single `/* @__PURE__ *\/` call).
 *
 * The TypeScript side: each object schema is written as `object((): Shape<Release> => ({ ... }))`, so the compiler
 * checks the description against the hand-written `Release` interface: a missing, extra, wrongly typed, wrongly
 * optional or wrongly nullable field, or a plain string where the interface has an open literal union, is a
 * compile error. The interface is the one place a model's fields are documented; the description cannot drift
 * from it.
 *
 * @module
 */

import { FIELD_ALIASES, type WireAlias } from "./base";

// ---------------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------------

/** Type-only brands (no run-time value). */
declare const TYPE: unique symbol;
declare const OPTIONAL: unique symbol;
declare const CLOSED: unique symbol;

/**
 * A string field whose known values are `T`, which still accepts any other string Discogs may add later: the
 * known values autocomplete, and an unknown one is neither a compile error nor a validation error.
 */
// `string & {}` keeps the literals from being absorbed into `string`, which is what makes them autocomplete.
export type Open<T extends string> = T | (string & {});

/** What Discogs sends for a value that does not apply, e.g. `shipping_price` without a shipping policy: `{}`. */
export type EmptyObject = Record<never, never>;

/** One mismatch between a value and a schema. */
export interface SchemaIssue {
  /** Where, from the root: keys (readable names) and array indexes, e.g. `["tracklist", 3, "duration"]`. */
  path: (string | number)[];
  /** `"invalid_type"`: the value has the wrong type; `"missing"`: a required field is absent. */
  code: "invalid_type" | "missing";
  /** What the schema expects there, e.g. `"number"`, `"string | null"`, `"array"`. */
  expected: string;
  /** The JSON type found there: `"string"`, `"number"`, `"boolean"`, `"null"`, `"array"`, `"object"` or `"undefined"`. */
  received: string;
  /** `expected X, received Y` or `missing required field (expected X)`. */
  message: string;
}

/** Thrown by {@link Schema.parse} when the value does not fit; `issues` lists every mismatch. */
export class SchemaError extends Error {
  /** Every mismatch, in the order found. */
  readonly issues: SchemaIssue[];
  constructor(issues: SchemaIssue[]) {
    const first = issues[0];
    super(
      first
        ? `${first.path.join(".") || "(root)"}: ${first.message}` +
            (issues.length > 1 ? ` (and ${issues.length - 1} more)` : "")
        : "invalid value",
    );
    this.name = "SchemaError";
    this.issues = issues;
  }
}

/** The result of {@link Schema.safeParse}. */
export type SafeParseResult<T> =
  { success: true; data: T; error?: undefined } | { success: false; data?: undefined; error: SchemaError };

/** Anything that parses a value: the part of a schema that the response decoder calls. */
export interface Parser<T> {
  /**
   * Checks `input` and returns it with Discogs' wire names renamed to the readable ones (`catno` →
   * `catalog_number`). Unknown fields are kept. The input is never modified: objects that need a rename are
   * copied, the rest of the result shares the input's objects.
   *
   * @throws {SchemaError} when `input` does not fit, with every issue and its path.
   */
  parse(input: unknown): T;
  /** Like {@link Parser.parse}, but returns `{ success: false, error }` instead of throwing. */
  safeParse(input: unknown): SafeParseResult<T>;
}

/** A schema whose parsed values have type `T`. */
export interface Schema<T> extends Parser<T> {
  /** Type-only: makes `Schema<T>` invariant in `T`, so a description must match its interface exactly. */
  readonly [TYPE]?: (value: T) => T;
}

/** An object schema: known fields checked, unknown fields kept, wire aliases renamed. */
export interface ObjectSchema<T> extends Schema<T> {
  /** The readable names of the known fields (filled on first use). */
  readonly fields: readonly string[];
}

/** A string schema with known values `T` that accepts any other string too (see {@link Open}). */
export interface OpenEnumSchema<T extends string> extends Schema<Open<T>> {
  /** The known values. */
  readonly values: readonly T[];
  /** Type-only: compares the known values exactly. */
  readonly [CLOSED]?: (value: T) => T;
}

/** A field that may be absent (only meaningful inside {@link object}). */
export interface Optional<S> {
  /** Type-only: the schema of the value when present. */
  readonly [OPTIONAL]: S;
}

/** The output type of a schema. */
export type Infer<S> = S extends Parser<infer T> ? T : never;

/** `V` is exactly `string` (not an {@link Open} union). */
type IsString<V> = (<G>() => G extends V ? 1 : 2) extends <G>() => G extends string ? 1 : 2 ? true : false;
/** The known literals of an {@link Open} union. */
type Literals<V> = V extends string ? (string extends V ? never : V) : never;
/** The schema a field of type `V` must be described with. */
type FieldSchema<V> = [V] extends [string]
  ? string extends V
    ? IsString<V> extends true
      ? Schema<string>
      : OpenEnumSchema<Literals<V>>
    : Schema<V>
  : Schema<V>;
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * The description of an object type `T`: one schema per field, optional fields wrapped in {@link optional}.
 * Writing a shape as `(): Shape<Release> => ({ ... })` makes the compiler check it against `Release` exactly.
 */
export type Shape<T> = {
  [K in keyof T]-?: K extends OptionalKeys<T>
    ? Optional<FieldSchema<Exclude<T[K], undefined>>>
    : FieldSchema<T[K]>;
};

// ---------------------------------------------------------------------------------------------------------------
// Run-time representation
// ---------------------------------------------------------------------------------------------------------------

// Node kinds. Plain numbers (not a const enum) so that every build tool inlines or keeps them the same way.
const STR = 1;
const NUM = 2;
const BOOL = 3;
const ENUM = 4;
const LIT = 5;
const NULLABLE = 6;
const OPT = 7;
const ARR = 8;
const OBJ = 9;
const REC = 10;
const UNION = 11;
const EMPTY = 12;
const ANY = 13;

/** Compiled form of an object schema, built on first use. */
interface ObjectInfo {
  /** Readable field names. */
  keys: string[];
  /** Schema of each field (optional ones unwrapped). */
  nodes: Node[];
  /** `nodes[i].k`, read in the hot loop without touching the node. */
  kinds: number[];
  req: boolean[];
  /** The wire name of each field, or `null`; `null` when the object has no alias at all. */
  wires: (string | null)[] | null;
  /** The wire names of this object (for the rename). */
  aliasWires: string[];
  /** The first two wire names (no object has more), or `null`. */
  w0: string | null;
  w1: string | null;
  /** Indexes of the fields whose schema can hold an alias somewhere below. */
  deepFields: number[];
}

type Issues = SchemaIssue[] | null;

/**
 * One schema node. Every kind is the same class with the same fields, so the interpreter's property reads stay
 * monomorphic.
 */
class Node {
  /** Kind. */
  k: number;
  /** Inner node (nullable, optional, array, record), members (union), values (enum), literal, or shape thunk. */
  a: any;
  /** Object: wire aliases. */
  b: readonly WireAlias[] | null;
  /** Object: compiled info. */
  c: ObjectInfo | null;
  /** Whether an alias can occur in this subtree: 0 not computed, 1 yes, 2 no. */
  d: number;
  /** Object: name, for JSON Schema `$defs`. */
  n: string | undefined;

  constructor(k: number, a?: unknown, b: readonly WireAlias[] | null = null, n?: string) {
    this.k = k;
    this.a = a;
    this.b = b;
    this.c = null;
    this.d = 0;
    this.n = n;
  }

  get fields(): readonly string[] {
    return this.k === OBJ ? info(this).keys : [];
  }

  get values(): readonly string[] {
    return this.k === ENUM ? (this.a as string[]) : [];
  }

  parse(input: unknown): any {
    const result = this.safeParse(input);
    if (!result.success) throw result.error;
    return result.data;
  }

  safeParse(input: unknown): SafeParseResult<any> {
    if (!check(this, input, null))
      return { success: false, error: new SchemaError(collectIssues(this, input)) };
    return { success: true, data: deep(this) ? rename(this, input, true) : input };
  }
}

/** Node `n` as the public schema type (the classes are one at run time). */
const make = <S>(k: number, a?: unknown, b?: readonly WireAlias[] | null, n?: string): S =>
  new Node(k, a, b, n) as unknown as S;

// ---------------------------------------------------------------------------------------------------------------
// Combinators
// ---------------------------------------------------------------------------------------------------------------

/** A string. */
export const str: Schema<string> = /* @__PURE__ */ make(STR);
/** A number (JSON has no NaN or Infinity). */
export const num: Schema<number> = /* @__PURE__ */ make(NUM);
/** A boolean. */
export const bool: Schema<boolean> = /* @__PURE__ */ make(BOOL);
/** Any JSON value, unchecked. */
export const anyValue: Schema<unknown> = /* @__PURE__ */ make(ANY);
/** An empty object `{}` and nothing else (no key at all). */
export const emptyObject: Schema<EmptyObject> = /* @__PURE__ */ make(EMPTY);

/** A field that may be absent. Only meaningful as a field of {@link object}. */
/* @__NO_SIDE_EFFECTS__ */
export function optional<S extends Schema<any>>(schema: S): Optional<S> {
  return make(OPT, schema);
}

/** `schema` or `null`. */
/* @__NO_SIDE_EFFECTS__ */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return make(NULLABLE, schema);
}

/** An array of `schema`. */
/* @__NO_SIDE_EFFECTS__ */
export function array<T>(schema: Schema<T>): Schema<T[]> {
  return make(ARR, schema);
}

/** An object used as a map: any keys, every value of `schema`. */
/* @__NO_SIDE_EFFECTS__ */
export function record<T>(schema: Schema<T>): Schema<Record<string, T>> {
  return make(REC, schema);
}

/** Exactly `value`. */
/* @__NO_SIDE_EFFECTS__ */
export function literal<const V extends string | number | boolean>(value: V): Schema<V> {
  return make(LIT, value);
}

/** The first of `members` that fits. */
/* @__NO_SIDE_EFFECTS__ */
export function union<const M extends readonly Schema<any>[]>(members: M): Schema<Infer<M[number]>> {
  return make(UNION, members);
}

/**
 * A string with known values (an open literal union, see {@link Open}). Any string passes validation; the known
 * values give the type its autocompletion and the JSON Schema its list.
 */
/* @__NO_SIDE_EFFECTS__ */
export function openEnum<const T extends string>(values: readonly T[]): OpenEnumSchema<T> {
  return make(ENUM, values);
}

/**
 * An object with the fields `shape()` returns; unknown fields are kept as they are. Each wire name in `aliases`
 * (see {@link FIELD_ALIASES}) is accepted in place of its readable name, and renamed to it in the result; when both
 * are present the readable one wins.
 *
 * `shape` is called once, on first use. Write it as `(): Shape<T> => ({ ... })` so that it is checked against `T`.
 *
 * @param name - a name for JSON Schema `$defs` (only needed by self-referencing schemas)
 */
/* @__NO_SIDE_EFFECTS__ */
export function object<T>(
  shape: () => Shape<T>,
  aliases: readonly WireAlias[] = [],
  name?: string,
): ObjectSchema<T> {
  return make(OBJ, shape, aliases, name);
}

// ---------------------------------------------------------------------------------------------------------------
// Interpreter
// ---------------------------------------------------------------------------------------------------------------

function info(n: Node): ObjectInfo {
  return n.c ?? compile(n);
}

function compile(n: Node): ObjectInfo {
  const shape = (n.a as () => Record<string, Node>)();
  const keys = Object.keys(shape);
  const readableToWire = new Map<string, string>();
  for (const wire of n.b ?? []) readableToWire.set(FIELD_ALIASES[wire], wire);
  const nodes: Node[] = [];
  const req: boolean[] = [];
  const wires: (string | null)[] = [];
  for (const key of keys) {
    const field = shape[key]!;
    const optional = field.k === OPT;
    nodes.push(optional ? (field.a as Node) : field);
    req.push(!optional);
    wires.push(readableToWire.get(key) ?? null);
    readableToWire.delete(key);
  }
  if (readableToWire.size || (n.b && n.b.length > 2))
    throw new Error(`schema error: aliases ${String(n.b)} (at most two, each for a field of the shape)`);
  const c: ObjectInfo = {
    keys,
    nodes,
    kinds: nodes.map((node) => node.k),
    req,
    wires: n.b && n.b.length ? wires : null,
    aliasWires: [...(n.b ?? [])],
    w0: n.b?.[0] ?? null,
    w1: n.b?.[1] ?? null,
    deepFields: [],
  };
  n.c = c;
  // After `n.c` is set, so that a schema that contains itself sees its own info.
  c.deepFields = keys.map((_, i) => i).filter((i) => deep(nodes[i]!));
  return c;
}

/** Whether a wire alias can occur in the subtree of `n` (a search of the schema graph, memoized per node). */
function deep(n: Node): boolean {
  if (n.d === 0) n.d = reaches(n, new Set()) ? 1 : 2;
  return n.d === 1;
}

function reaches(n: Node, seen: Set<Node>): boolean {
  if (n.d !== 0) return n.d === 1;
  if (seen.has(n)) return false;
  seen.add(n);
  switch (n.k) {
    case NULLABLE:
    case OPT:
    case ARR:
    case REC:
      return reaches(n.a as Node, seen);
    case UNION:
      return (n.a as Node[]).some((m) => reaches(m, seen));
    case OBJ: {
      const c = info(n);
      return c.aliasWires.length > 0 || c.nodes.some((m) => reaches(m, seen));
    }
    default:
      return false;
  }
}

const isArray = Array.isArray;

function typeName(v: unknown): string {
  return v === null ? "null" : isArray(v) ? "array" : typeof v;
}

/** What `n` expects, for messages. */
function expected(n: Node): string {
  switch (n.k) {
    case STR:
    case ENUM:
      return "string";
    case NUM:
      return "number";
    case BOOL:
      return "boolean";
    case LIT:
      return JSON.stringify(n.a);
    case NULLABLE:
      return `${expected(n.a as Node)} | null`;
    case OPT:
      return expected(n.a as Node);
    case ARR:
      return "array";
    case OBJ:
    case REC:
      return "object";
    case UNION:
      return (n.a as Node[]).map(expected).join(" | ");
    case EMPTY:
      return "{} (an empty object)";
    default:
      return "any";
  }
}

function typeIssue(n: Node, v: unknown): SchemaIssue {
  const exp = expected(n);
  const rec = n.k === EMPTY && typeName(v) === "object" ? "an object with keys" : typeName(v);
  return {
    path: [],
    code: "invalid_type",
    expected: exp,
    received: rec,
    message: `expected ${exp}, received ${rec}`,
  };
}

function missingIssue(key: string, n: Node): SchemaIssue {
  const exp = expected(n);
  return {
    path: [key],
    code: "missing",
    expected: exp,
    received: "undefined",
    message: `missing required field (expected ${exp})`,
  };
}

/** Adds `key` to the (reversed) path of the issues pushed since `from`. */
function prefix(issues: SchemaIssue[], from: number, key: string | number): void {
  for (let i = from; i < issues.length; i++) issues[i]!.path.push(key);
}

/** Every issue of `value` against `n`, paths in order. */
function collectIssues(n: Node, value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(n, value, issues);
  for (const issue of issues) issue.path.reverse();
  return issues;
}

/**
 * Whether `v` fits `n`. With `iss === null` it stops at the first mismatch and allocates nothing; otherwise it
 * pushes every issue (paths reversed, the caller reverses them once).
 */
function check(n: Node, v: unknown, iss: Issues): boolean {
  switch (n.k) {
    case STR:
    case ENUM:
      if (typeof v === "string") return true;
      break;
    case NUM:
      if (typeof v === "number") return true;
      break;
    case BOOL:
      if (typeof v === "boolean") return true;
      break;
    case OBJ:
      if (v !== null && typeof v === "object" && !isArray(v))
        return checkObject(n.c ?? compile(n), v as Record<string, unknown>, iss);
      break;
    case ARR:
      if (isArray(v)) return checkArray(n.a as Node, v, iss);
      break;
    case NULLABLE: {
      if (v === null) return true;
      const inner = n.a as Node;
      if (check(inner, v, null)) return true;
      // An object or array of the right kind reports its own inner issues, with their paths.
      const container = inner.k === OBJ || inner.k === REC ? 1 : inner.k === ARR ? 2 : 0;
      if (iss !== null && container && typeof v === "object" && (container === 2) === isArray(v))
        return check(inner, v, iss);
      break;
    }
    case OPT:
      if (v === undefined) return true;
      return check(n.a as Node, v, iss);
    case LIT:
      if (v === n.a) return true;
      break;
    case REC:
      if (v !== null && typeof v === "object" && !isArray(v))
        return checkRecord(n.a as Node, v as Record<string, unknown>, iss);
      break;
    case UNION: {
      const members = n.a as Node[];
      for (let i = 0; i < members.length; i++) if (check(members[i]!, v, null)) return true;
      break;
    }
    case EMPTY:
      if (v !== null && typeof v === "object" && !isArray(v)) {
        let empty = true;
        for (const _ in v) {
          empty = false;
          break;
        }
        if (empty) return true;
      }
      break;
    case ANY:
      return true;
  }
  if (iss !== null) iss.push(typeIssue(n, v));
  return false;
}

function checkObject(c: ObjectInfo, o: Record<string, unknown>, iss: Issues): boolean {
  const keys = c.keys;
  const kinds = c.kinds;
  const wires = c.wires;
  let ok = true;
  for (let i = 0; i < keys.length; i++) {
    let x = o[keys[i]!];
    if (x === undefined) {
      if (wires !== null) {
        const wire = wires[i];
        if (wire !== null) x = o[wire!];
      }
      if (x === undefined) {
        if (c.req[i]) {
          if (iss === null) return false;
          ok = false;
          iss.push(missingIssue(keys[i]!, c.nodes[i]!));
        }
        continue;
      }
    }
    const k = kinds[i];
    if (k === STR || k === ENUM) {
      if (typeof x === "string") continue;
    } else if (k === NUM) {
      if (typeof x === "number") continue;
    } else if (k === BOOL) {
      if (typeof x === "boolean") continue;
    } else {
      const before = iss === null ? 0 : iss.length;
      if (check(c.nodes[i]!, x, iss)) continue;
      if (iss === null) return false;
      ok = false;
      prefix(iss, before, keys[i]!);
      continue;
    }
    if (iss === null) return false;
    ok = false;
    const issue = typeIssue(c.nodes[i]!, x);
    issue.path.push(keys[i]!);
    iss.push(issue);
  }
  return ok;
}

function checkArray(el: Node, a: unknown[], iss: Issues): boolean {
  const k = el.k;
  let ok = true;
  if (k === OBJ) {
    const c = el.c ?? compile(el);
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const before = iss === null ? 0 : iss.length;
      if (x !== null && typeof x === "object" && !isArray(x)) {
        if (checkObject(c, x as Record<string, unknown>, iss)) continue;
      } else if (iss !== null) iss.push(typeIssue(el, x));
      if (iss === null) return false;
      ok = false;
      prefix(iss, before, i);
    }
    return ok;
  }
  if (k === STR || k === ENUM) {
    for (let i = 0; i < a.length; i++) {
      if (typeof a[i] === "string") continue;
      if (iss === null) return false;
      ok = false;
      const issue = typeIssue(el, a[i]);
      issue.path.push(i);
      iss.push(issue);
    }
    return ok;
  }
  for (let i = 0; i < a.length; i++) {
    const before = iss === null ? 0 : iss.length;
    if (check(el, a[i], iss)) continue;
    if (iss === null) return false;
    ok = false;
    prefix(iss, before, i);
  }
  return ok;
}

function checkRecord(el: Node, o: Record<string, unknown>, iss: Issues): boolean {
  let ok = true;
  for (const key of Object.keys(o)) {
    const before = iss === null ? 0 : iss.length;
    if (check(el, o[key], iss)) continue;
    if (iss === null) return false;
    ok = false;
    prefix(iss, before, key);
  }
  return ok;
}

/** Defines an own data property: a JSON `"__proto__"` key (which `=` would treat as the prototype), or a rename. */
function setSlow(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Makes the rebuilt objects. They are plain objects (prototype `Object.prototype`, `constructor === Object`), but
 * made with `new` rather than `{}`: V8 gives a constructed object 10 in-object property slots instead of 4, so
 * filling an object of 5 to 20 keys does not grow an out-of-object property store key by key. On a search page
 * (100 results of about 20 keys, each holding a `catno`) this halves the cost of renaming.
 */
const PlainObject = /* @__PURE__ */ (() => {
  function PlainObject() {}
  PlainObject.prototype = Object.prototype;
  return PlainObject as unknown as new () => Record<string, unknown>;
})();

/**
 * A copy of `o` with this object's wire names renamed (the readable name wins when both are present). The
 * common case, a plain key, is one compare per wire name and one store; keys go in the same order.
 */
function rebuild(o: Record<string, unknown>, c: ObjectInfo): Record<string, unknown> {
  const out = new PlainObject();
  const w0 = c.w0;
  const w1 = c.w1;
  for (const key in o) {
    if (key !== w0 && key !== w1 && key !== "__proto__") {
      out[key] = o[key];
      continue;
    }
    if (key === "__proto__") {
      setSlow(out, key, o[key]);
      continue;
    }
    const readable = FIELD_ALIASES[key as WireAlias];
    if (o[readable] === undefined) out[readable] = o[key];
  }
  return out;
}

/**
 * `v` with every wire alias the schema knows renamed. Only called for schemas that can hold an alias (`deep`).
 * Tolerant: a value of the wrong type is returned as is (the `"warn"` and `"off"` modes rename data that did not,
 * or was not, checked). With `copy`, nothing in `v` is modified (objects and arrays on the way to a rename are
 * shallow-copied); without, `v` is updated in place.
 */
function rename(n: Node, v: unknown, copy: boolean): unknown {
  if (v === null || typeof v !== "object") return v;
  switch (n.k) {
    case OBJ:
      return isArray(v) ? v : renameObject(n.c ?? compile(n), v as Record<string, unknown>, copy);
    case ARR:
      return isArray(v) ? renameArray(n.a as Node, v, copy) : v;
    case NULLABLE:
    case OPT:
      return rename(n.a as Node, v, copy);
    case REC: {
      if (isArray(v)) return v;
      const o = v as Record<string, unknown>;
      let out = o;
      for (const key of Object.keys(o)) {
        const x = o[key];
        const y = rename(n.a as Node, x, copy);
        if (y !== x) {
          if (copy && out === o) out = { ...o };
          if (key === "__proto__") setSlow(out, key, y);
          else out[key] = y;
        }
      }
      return out;
    }
    case UNION: {
      const members = n.a as Node[];
      for (let i = 0; i < members.length; i++) {
        const member = members[i]!;
        if (check(member, v, null)) return deep(member) ? rename(member, v, copy) : v;
      }
      return v;
    }
    default:
      return v;
  }
}

function renameObject(c: ObjectInfo, o: Record<string, unknown>, copy: boolean): Record<string, unknown> {
  let out = o;
  const w0 = c.w0;
  if (w0 !== null) {
    const w1 = c.w1;
    if (o[w0] !== undefined || (w1 !== null && o[w1] !== undefined)) out = rebuild(o, c);
  }
  const fields = c.deepFields;
  for (let j = 0; j < fields.length; j++) {
    const i = fields[j]!;
    const key = c.keys[i]!;
    const x = out[key];
    if (x === null || typeof x !== "object") continue;
    const y = rename(c.nodes[i]!, x, copy);
    if (y !== x) {
      if (copy && out === o) out = { ...o };
      out[key] = y;
    }
  }
  return out;
}

function renameArray(el: Node, a: unknown[], copy: boolean): unknown[] {
  let out = a;
  if (el.k === OBJ) {
    const c = el.c ?? compile(el);
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (x === null || typeof x !== "object" || isArray(x)) continue;
      const y = renameObject(c, x as Record<string, unknown>, copy);
      if (y !== x) {
        if (copy && out === a) out = a.slice();
        out[i] = y;
      }
    }
    return out;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = rename(el, x, copy);
    if (y !== x) {
      if (copy && out === a) out = a.slice();
      out[i] = y;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points for the decoder and the helpers
// ---------------------------------------------------------------------------------------------------------------

/** Whether `schema` is one of this runtime's schemas (and can take the fast paths below). */
export function isSchemaNode(schema: unknown): schema is Node {
  return schema instanceof Node;
}

/**
 * Checks `data` against a schema of this runtime: `null` when it fits, else every issue (paths as arrays).
 * Read-only: `data` is not modified.
 */
export function validate(schema: Parser<unknown>, data: unknown): SchemaIssue[] | null {
  const n = schema as unknown as Node;
  return check(n, data, null) ? null : collectIssues(n, data);
}

/** Renames the wire aliases the schema knows, in place (for freshly parsed JSON that nobody else holds). */
export function renameInPlace<T>(schema: Parser<T>, data: unknown): T {
  const n = schema as unknown as Node;
  return (deep(n) ? rename(n, data, false) : data) as T;
}

/**
 * The fields of a parsed object that its schema does not describe: what Discogs added after this SDK version.
 * Wire names the schema renames count as known.
 *
 * @example
 * const release = await client.releases.get(249504);
 * const extras = extraFields(release, ReleaseSchema); // e.g. { brand_new_field: ... }
 */
export function extraFields<T extends object>(value: T, schema: ObjectSchema<T>): Record<string, unknown> {
  const c = info(schema as unknown as Node);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (c.keys.includes(key) || c.aliasWires.includes(key)) continue;
    if (key === "__proto__") setSlow(out, key, (value as Record<string, unknown>)[key]);
    else out[key] = (value as Record<string, unknown>)[key];
  }
  return out;
}

/**
 * The field schemas of an object schema (optional fields unwrapped), looking through `optional`, `nullable` and
 * `array`; `undefined` for anything else. For tools (the bench's per-field breakdown), not for users.
 *
 * Internal to the package (not exported from an entry point).
 */
export function fieldSchemas(schema: Parser<unknown>): Record<string, Parser<unknown>> | undefined {
  let n = schema as unknown as Node;
  while (n.k === OPT || n.k === NULLABLE || n.k === ARR) n = n.a as Node;
  if (n.k !== OBJ) return undefined;
  const c = info(n);
  const out: Record<string, Parser<unknown>> = {};
  c.keys.forEach((key, i) => (out[key] = c.nodes[i] as unknown as Parser<unknown>));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON Schema
// ---------------------------------------------------------------------------------------------------------------

/** A JSON Schema (draft 2020-12) object. */
export type JsonSchema = { [key: string]: unknown };

/**
 * The JSON Schema (draft 2020-12) of what `schema` parses to: readable field names, unknown fields allowed
 * (`additionalProperties: true`), open literal unions as `anyOf: [{ enum }, { type: "string" }]`. A schema that
 * contains itself (a track's `sub_tracks`) goes to `$defs` under its name.
 *
 * Internal to the package (not exported from an entry point). For the MCP server's tool output schemas.
 */
export function toJsonSchema(schema: Parser<unknown>): JsonSchema {
  const root = schema as unknown as Node;
  const defs: Record<string, JsonSchema> = {};
  const refs = new Map<Node, string>();
  const open = new Set<Node>();

  // Objects that contain themselves get a $defs entry; find them first.
  const seen = new Set<Node>();
  const findCycles = (n: Node): void => {
    if (n.k === OBJ) {
      if (open.has(n)) {
        if (!refs.has(n)) refs.set(n, n.n ?? `Def${refs.size + 1}`);
        return;
      }
      if (seen.has(n)) return;
      seen.add(n);
      open.add(n);
      for (const child of info(n).nodes) findCycles(child);
      open.delete(n);
    } else if (n.k === UNION) (n.a as Node[]).forEach(findCycles);
    else if (n.k === NULLABLE || n.k === OPT || n.k === ARR || n.k === REC) findCycles(n.a as Node);
  };
  findCycles(root);

  const emit = (n: Node, top = false): JsonSchema => {
    switch (n.k) {
      case STR:
        return { type: "string" };
      case NUM:
        return { type: "number" };
      case BOOL:
        return { type: "boolean" };
      case ENUM:
        return { anyOf: [{ enum: [...(n.a as string[])] }, { type: "string" }] };
      case LIT:
        return { const: n.a };
      case NULLABLE: {
        const inner = emit(n.a as Node);
        return typeof inner.type === "string" && Object.keys(inner).length === 1
          ? { type: [inner.type, "null"] }
          : { anyOf: [inner, { type: "null" }] };
      }
      case OPT:
        return emit(n.a as Node);
      case ARR:
        return { type: "array", items: emit(n.a as Node) };
      case REC:
        return { type: "object", additionalProperties: emit(n.a as Node) };
      case UNION:
        return { anyOf: (n.a as Node[]).map((m) => emit(m)) };
      case EMPTY:
        return { type: "object", maxProperties: 0 };
      case OBJ: {
        const name = refs.get(n);
        if (name !== undefined && !top) {
          if (!(name in defs)) {
            defs[name] = {};
            defs[name] = emit(n, true);
          }
          return { $ref: `#/$defs/${name}` };
        }
        const c = info(n);
        const properties: Record<string, JsonSchema> = {};
        c.keys.forEach((key, i) => (properties[key] = emit(c.nodes[i]!)));
        const required = c.keys.filter((_, i) => c.req[i]);
        return {
          type: "object",
          properties,
          ...(required.length ? { required } : {}),
          additionalProperties: true,
        };
      }
      default:
        return {};
    }
  };

  const body = refs.has(root) ? emit(root, false) : emit(root, true);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...body,
    ...(Object.keys(defs).length ? { $defs: defs } : {}),
  };
}
