/**
 * The shape of a tool's answer, derived from a model's JSON Schema (`toJsonSchema` of the SDK's own schema):
 *
 * - {@link outputShape} projects the model's JSON Schema onto the fields a summary shows (a pick list, or the
 *   generic rule: every field but links and images) and compacts it for `tools/list` (no `required`, no
 *   `additionalProperties: true`, open value sets as plain strings). Unknown fields stay allowed, so the full
 *   body (`detail: "full"`) validates against the same schema.
 * - {@link project} cuts a value down to a projected schema: the summary is the schema read as a filter.
 * - {@link conform} removes from a value whatever does not fit a projected schema (a field whose type Discogs
 *   changed), so that a tool's `structuredContent` always validates against its `outputSchema`: a drift costs a
 *   field and a warning, never the call.
 *
 * @module
 */

import type { JsonSchema } from "../models/schema";

/** Fields a summary picks, nested: `"id title artists(id name)"` parsed. `true`: the field as the model has it. */
export type Picks = ReadonlyMap<string, Picks | true>;

/**
 * Parses a pick list: field names separated by spaces, a field's own picks in parentheses
 * (`"id title artists(id name) tracklist(position title duration)"`).
 */
export function parsePicks(text: string): Picks {
  let i = 0;
  const parse = (): Map<string, Picks | true> => {
    const out = new Map<string, Picks | true>();
    for (;;) {
      while (text[i] === " ") i++;
      if (i >= text.length || text[i] === ")") return out;
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      if (!m) throw new Error(`pick list: unexpected ${JSON.stringify(text.slice(i, i + 10))} in "${text}"`);
      i += m[0].length;
      if (text[i] === "(") {
        i++;
        out.set(m[0], parse());
        if (text[i] !== ")") throw new Error(`pick list: missing ")" in "${text}"`);
        i++;
      } else out.set(m[0], true);
    }
  };
  const picks = parse();
  if (i !== text.length) throw new Error(`pick list: unbalanced ")" in "${text}"`);
  return picks;
}

/** Fields a summary leaves out when a model has no pick list: links, images and other media. */
const LINK_FIELD = /(^|_)(url|uri|uri150|uri_150|thumb|thumbnail|images|videos|cover_image)$/;

/** Whether the generic summary leaves `field` out. */
export function isLinkField(field: string): boolean {
  return LINK_FIELD.test(field);
}

/**
 * The output schema of a summary: `schema` (a model's JSON Schema) with only the picked fields (or, without
 * picks, every field but links, images and self-references), compacted. Throws when a pick names a field the
 * model does not have: pick lists cannot drift from the models.
 *
 * @param where - names the model in error messages
 */
export function outputShape(schema: JsonSchema, picks: Picks | undefined, where: string): JsonSchema {
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const walk = (s: JsonSchema, p: Picks | true | undefined, path: string): JsonSchema | undefined => {
    if (typeof s.$ref === "string") {
      // Only self-referencing models (a track and its sub_tracks) use $defs. A reference is left out of the
      // generic summary, followed when picked field by field (picks are finite), and kept open when picked whole.
      if (p === undefined) return undefined;
      const def = defs[s.$ref.replace("#/$defs/", "")];
      if (!(p instanceof Map) || !def) return {};
      return walk(def, p, path);
    }
    if (Array.isArray(s.anyOf)) {
      const members = s.anyOf as JsonSchema[];
      // An open value set (`anyOf: [{ enum }, { type: "string" }]`) is a string: the known values only document.
      if (members.length === 2 && Array.isArray(members[0]!.enum) && members[1]!.type === "string")
        return { type: "string" };
      const out: JsonSchema[] = [];
      for (const m of members) {
        // Picks apply to the members with fields (`members: (Member | string)[]`); the others are kept whole.
        const fielded = m.properties !== undefined || m.type === "array" || m.$ref !== undefined;
        const w = walk(m, fielded || !(p instanceof Map) ? p : true, path);
        if (w === undefined) return undefined;
        out.push(w);
      }
      return { anyOf: out };
    }
    if (s.type === "array") {
      const items = walk(s.items as JsonSchema, p, path);
      return items === undefined ? undefined : { type: "array", items };
    }
    if (s.type === "object" && s.properties) {
      const props = s.properties as Record<string, JsonSchema>;
      const out: Record<string, JsonSchema> = {};
      if (p instanceof Map) {
        for (const [key, sub] of p) {
          const field = props[key];
          if (!field) throw new Error(`${where}: the pick "${path}${key}" names no field of the model`);
          const w = walk(field, sub, `${path}${key}.`);
          if (w === undefined) throw new Error(`${where}: the pick "${path}${key}" cannot be shown`);
          out[key] = w;
        }
      } else {
        for (const [key, field] of Object.entries(props)) {
          if (p === undefined && isLinkField(key)) continue;
          const w = walk(field, p === true ? true : undefined, `${path}${key}.`);
          if (w !== undefined) out[key] = w;
        }
      }
      return { type: "object", properties: out };
    }
    if (p instanceof Map) throw new Error(`${where}: "${path}" has no fields to pick`);
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === "additionalProperties" && s.type === "object")
        out[k] = walk(v as JsonSchema, true, path) ?? {};
      else if (k !== "$schema" && k !== "$defs" && k !== "required") out[k] = v;
    }
    return out;
  };
  const out = walk(schema, picks, "");
  if (!out) throw new Error(`${where}: nothing to show`);
  return out;
}

/** Whether `value` is a plain JSON object. */
function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The JSON Schema type names `value` has (`integer` numbers are `number` too). */
function typesOf(value: unknown): string[] {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number") return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  return [typeof value];
}

/** Whether `value` fits the `type` keyword of `s` (true when `s` has none). */
function fitsType(s: JsonSchema, value: unknown): boolean {
  if (s.type === undefined) return true;
  const allowed = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  return typesOf(value).some((t) => allowed.includes(t));
}

/**
 * `value` cut down to the fields of `schema` (a projected output schema): objects keep the properties the schema
 * names, arrays are cut item by item, anything else is kept as it is. `value` is not modified.
 */
export function project(schema: JsonSchema, value: unknown): unknown {
  if (Array.isArray(schema.anyOf)) {
    const member = (schema.anyOf as JsonSchema[]).find((m) => fitsType(m, value));
    return member ? project(member, value) : value;
  }
  if (Array.isArray(value) && schema.type === "array" && schema.items)
    return value.map((v) => project(schema.items as JsonSchema, v));
  if (isObject(value) && schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      if (Object.hasOwn(value, key) && value[key] !== undefined) out[key] = project(sub, value[key]);
    }
    return out;
  }
  return value;
}

/** Whether `value` fits `s` as far as {@link conform} checks (the keywords a projected schema uses). */
function fits(s: JsonSchema, value: unknown): boolean {
  if (Array.isArray(s.anyOf)) return (s.anyOf as JsonSchema[]).some((m) => fits(m, value));
  if ("const" in s) return value === s.const;
  if (!fitsType(s, value)) return false;
  if (typeof s.maxProperties === "number" && isObject(value) && Object.keys(value).length > s.maxProperties)
    return false;
  if (Array.isArray(value) && s.items) return value.every((v) => fits(s.items as JsonSchema, v));
  if (isObject(value)) {
    if (s.properties) {
      for (const [key, sub] of Object.entries(s.properties as Record<string, JsonSchema>)) {
        if (value[key] !== undefined && !fits(sub, value[key])) return false;
      }
    }
    if (isObject(s.additionalProperties as unknown)) {
      const named = (s.properties ?? {}) as Record<string, unknown>;
      for (const [key, v] of Object.entries(value)) {
        if (!Object.hasOwn(named, key) && !fits(s.additionalProperties as JsonSchema, v)) return false;
      }
    }
  }
  return true;
}

/**
 * `value` with every part that does not fit `schema` removed (a field whose type changed, an array item of the
 * wrong kind), each removal named in `dropped` as a dotted path. Returns `value` itself when everything fits;
 * otherwise a copy (the parts on the way to a removal are copied, `value` is never modified). A root that does
 * not fit becomes `{}`.
 */
export function conform(schema: JsonSchema, value: unknown, dropped: string[], path = ""): unknown {
  if (fits(schema, value)) return value;
  if (Array.isArray(schema.anyOf)) {
    // The member of the value's kind (object or array) keeps what fits of it; else the value goes.
    const member = (schema.anyOf as JsonSchema[]).find((m) => fitsType(m, value) && m.type !== undefined);
    if (member && (isObject(value) || Array.isArray(value))) return conform(member, value, dropped, path);
    return DROP;
  }
  if (!fitsType(schema, value) || "const" in schema) return DROP;
  if (Array.isArray(value) && schema.items) {
    const out: unknown[] = [];
    value.forEach((v, i) => {
      const c = conform(schema.items as JsonSchema, v, dropped, `${path}${i}.`);
      if (c === DROP) dropped.push(`${path}${i}`);
      else out.push(c);
    });
    return out;
  }
  if (isObject(value)) {
    if (typeof schema.maxProperties === "number" && Object.keys(value).length > schema.maxProperties)
      return DROP;
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const extra = isObject(schema.additionalProperties as unknown)
      ? (schema.additionalProperties as JsonSchema)
      : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const sub = Object.hasOwn(props, key) ? props[key] : extra;
      if (sub === undefined || v === undefined) {
        out[key] = v;
        continue;
      }
      const c = conform(sub, v, dropped, `${path}${key}.`);
      if (c === DROP) dropped.push(`${path}${key}`);
      else out[key] = c;
    }
    return out;
  }
  return DROP;
}

/** What {@link conform} returns for a part that cannot be kept. */
export const DROP: unique symbol = Symbol("drop");

/**
 * {@link conform} at the root: the value with what does not fit removed, `{}` when the root itself does not fit
 * (the removal named `(root)`).
 */
export function conformRoot(schema: JsonSchema, value: unknown, dropped: string[]): Record<string, unknown> {
  const c = conform(schema, value, dropped);
  if (c === DROP || !isObject(c)) {
    dropped.push("(root)");
    return {};
  }
  return c;
}

/**
 * `schema` typed down to `depth` levels of fields: below that, an object is `{ "type": "object" }` and an array
 * `{ "type": "array" }` (their contents open). What `tools/list` advertises; the answer is still cut and checked
 * against the whole projected schema, which is stricter, so it validates against this one too.
 */
export function shallow(schema: JsonSchema, depth: number): JsonSchema {
  if (Array.isArray(schema.anyOf))
    return { ...schema, anyOf: (schema.anyOf as JsonSchema[]).map((m) => shallow(m, depth)) };
  if (schema.type === "array" && schema.items)
    return depth <= 0
      ? { type: "array" }
      : { type: "array", items: shallow(schema.items as JsonSchema, depth) };
  if (schema.properties) {
    if (depth <= 0) return { type: "object" };
    const properties: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(schema.properties as Record<string, JsonSchema>))
      properties[k] = shallow(v, depth - 1);
    return { ...schema, properties };
  }
  return schema;
}
