/**
 * The short text rendering of a tool's answer (the `text` content block, which every client shows the model):
 * one line per field of an object, one line per item of a list, nothing longer than a line. The typed answer is
 * the `structuredContent`; this is its reading copy.
 *
 * @module
 */

/** The longest string shown whole in the text; longer ones are cut with an ellipsis. */
const MAX_TEXT = 160;
/** The longest line of an object's rendering. */
const MAX_LINE = 240;
/** The longest line of a list item's rendering (ten to a page). */
const MAX_ITEM_LINE = 140;
/** The most array items shown inline; the rest are counted. */
const MAX_INLINE_ITEMS = 12;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function cut(s: string, max = MAX_TEXT): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === "" ||
    (Array.isArray(v) && v.length === 0) ||
    (isObject(v) && Object.keys(v).length === 0)
  );
}

/**
 * One value on one line: scalars as they are, arrays joined with `; `, objects as their values joined with
 * spaces (as `key=value` pairs when every value is a number: counts and ratings).
 */
export function inline(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return cut(v);
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) {
    const shown = v.slice(0, MAX_INLINE_ITEMS).map(inline).filter(Boolean);
    const more = v.length > MAX_INLINE_ITEMS ? ` (+${v.length - MAX_INLINE_ITEMS} more)` : "";
    return shown.join(v.every((x) => !isObject(x)) ? ", " : "; ") + more;
  }
  const entries = Object.entries(v).filter(([, x]) => !isEmpty(x));
  if (entries.every(([, x]) => typeof x === "number" || isObject(x)))
    return entries.map(([k, x]) => `${k}=${isObject(x) ? `(${inline(x)})` : inline(x)}`).join(" ");
  return cut(entries.map(([, x]) => (isObject(x) ? `(${inline(x)})` : inline(x))).join(" "));
}

/** An object as `key: value` lines (empty fields left out). */
export function renderObject(o: Record<string, unknown>): string[] {
  return Object.entries(o)
    .filter(([, v]) => !isEmpty(v))
    .map(([k, v]) => cut(`${k}: ${inline(v)}`, MAX_LINE));
}

/** A list item on one line: `key=value` pairs, nested values inline. */
export function renderItem(o: unknown): string {
  if (!isObject(o)) return inline(o);
  const line = Object.entries(o)
    .filter(([, v]) => !isEmpty(v))
    .map(([k, v]) => `${k}=${isObject(v) || Array.isArray(v) ? `(${inline(v)})` : inline(v)}`)
    .join(" ");
  return cut(line, MAX_ITEM_LINE);
}
