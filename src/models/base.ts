/**
 * The alias table shared by every model, and the schema-less renaming helpers.
 *
 * The wire format is handled here, in one place. Discogs uses a few cryptic keys; the parsed objects carry a
 * readable name instead, and parsing accepts either name. Request bodies always go out with Discogs' names.
 *
 * @module
 */

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

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/** Assigns an own data property, including a JSON `"__proto__"` key (which `=` would treat as the prototype). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/**
 * Returns `value` with the given wire names renamed to their readable aliases (a shallow copy when anything
 * is renamed, the same object otherwise). Non-objects pass through unchanged.
 */
export function renameAliases(value: unknown, keys: readonly WireAlias[]): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const src = value as Record<string, unknown>;
  let found = false;
  for (let i = 0; i < keys.length; i++) {
    if (hasOwn(src, keys[i]!)) {
      found = true;
      break;
    }
  }
  if (!found) return value;
  // Copy key by key rather than spreading and deleting: `delete` turns the copy into a slow dictionary-mode
  // object, which made every aliased model several times slower to validate.
  const wires = keys as readonly string[];
  const out: Record<string, unknown> = {};
  for (const key in src) {
    if (!hasOwn(src, key)) continue;
    if (wires.indexOf(key) === -1) setOwn(out, key, src[key]);
    else {
      const readable = FIELD_ALIASES[key as WireAlias];
      if (!hasOwn(src, readable)) out[readable] = src[key];
    }
  }
  return out;
}

const ALL_WIRES = /* @__PURE__ */ Object.keys(FIELD_ALIASES) as WireAlias[];

/**
 * Deeply renames every alias key in a parsed JSON value (children in place; an object that has an alias key is
 * rebuilt key by key, never `delete`d into a slow dictionary). The decoder uses it for a response that has no
 * schema; with a schema, only the places the schema knows are renamed (see `object` in `./schema`).
 */
export function renameAliasesDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v !== null && typeof v === "object") value[i] = renameAliasesDeep(v);
    }
    return value;
  }
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    const v = obj[key];
    if (v !== null && typeof v === "object") obj[key] = renameAliasesDeep(v);
  }
  return renameAliases(obj, ALL_WIRES);
}
