/**
 * Building blocks shared by every model: the alias table and the object-schema helper.
 *
 * The wire format is handled here, in one place. Discogs uses a few cryptic keys; the parsed objects carry a
 * readable name instead, and parsing accepts either name. Request bodies always go out with Discogs' names.
 *
 * @module
 */

import * as z from "zod/mini";

/**
 * Discogs' cryptic wire names and the readable names the parsed models carry.
 * Parsing accepts either name; when both are present the readable one wins.
 */
export const FIELD_ALIASES = {
  uri150: "uri_150",
  anv: "name_variation",
  extraartists: "extra_artists",
  namevariations: "name_variations",
  qty: "quantity",
  catno: "catalog_number",
  sublabels: "sub_labels",
  curr_abbr: "currency_code",
  curr_id: "currency_id",
  created_ts: "created_at",
  finished_ts: "finished_at",
  modified_ts: "modified_at",
  from: "from_user",
} as const;

/** A Discogs wire name that has a readable alias. */
export type WireAlias = keyof typeof FIELD_ALIASES;

/**
 * Returns `value` with the given wire names renamed to their readable aliases (a shallow copy when anything
 * is renamed, the same object otherwise). Non-objects pass through unchanged.
 */
export function renameAliases(value: unknown, keys: readonly WireAlias[]): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const src = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const wire of keys) {
    if (!Object.prototype.hasOwnProperty.call(src, wire)) continue;
    out ??= { ...src };
    const readable = FIELD_ALIASES[wire];
    if (!Object.prototype.hasOwnProperty.call(src, readable)) out[readable] = src[wire];
    delete out[wire];
  }
  return out ?? value;
}

/**
 * Deeply renames every alias key in a parsed JSON value, in place. Used when validation is `"off"` so that
 * the data still carries the same readable names the schemas produce.
 */
export function renameAliasesDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = renameAliasesDeep(value[i]);
    return value;
  }
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v !== null && typeof v === "object") obj[key] = renameAliasesDeep(v);
    if (Object.prototype.hasOwnProperty.call(FIELD_ALIASES, key)) {
      const readable = FIELD_ALIASES[key as WireAlias];
      if (!Object.prototype.hasOwnProperty.call(obj, readable)) obj[readable] = obj[key];
      delete obj[key];
    }
  }
  return obj;
}

/**
 * An object schema that keeps unknown fields (Discogs adds fields over time) and, when `aliases` are given,
 * accepts each wire name in place of its readable alias.
 *
 * @example
 * const Image = model({ uri_150: z.optional(z.string()) }, ["uri150"]);
 */
export function model<Shape extends z.core.$ZodLooseShape>(shape: Shape, aliases: readonly WireAlias[] = []) {
  const object = z.looseObject(shape);
  if (aliases.length === 0) return object;
  return z.pipe(
    z.transform((input: unknown) => renameAliases(input, aliases)),
    object,
  );
}
