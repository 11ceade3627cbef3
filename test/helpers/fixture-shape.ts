/**
 * Compares the shape of an emulator response with a recorded Discogs body from `../shared/reference/fixtures`
 * (when that folder exists; tests skip the comparison with a printed reason when it does not).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The fixtures folder, or undefined when it is not beside the repository. */
export const FIXTURES: string | undefined = [
  process.env.DISCOGS_FIXTURES,
  fileURLToPath(new URL("../../../shared/reference/fixtures", import.meta.url)),
  "/work/shared/reference/fixtures",
].find((p): p is string => !!p && existsSync(p));

/** Reads and parses one fixture. */
export function fixture(name: string): any {
  return JSON.parse(readFileSync(join(FIXTURES!, name), "utf8"));
}

function kind(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function discriminator(v: unknown): string | undefined {
  if (!v || typeof v !== "object") return undefined;
  const o = v as Record<string, unknown>;
  const d = o.type ?? o.type_;
  return typeof d === "string" ? d : undefined;
}

/** What {@link shapeDiff} tolerates. */
export interface ShapeRules {
  /** Keys Discogs itself only sends on some objects of a kind: they may be missing. */
  optional?: ReadonlySet<string>;
  /** Objects whose keys are data, not field names (e.g. facet values): they only need to be objects. */
  mapKeys?: readonly string[];
}

/**
 * Differences between the shape of `actual` and of a recorded `expected` body: every key of `expected` must be in
 * `actual` with the same JSON type. `null` and `{}` match anything (Discogs sends them for absent values); array
 * items are compared with the actual item of the same `type`/`type_` (or the first item).
 */
export function shapeDiff(actual: unknown, expected: unknown, rules: ShapeRules = {}, path = "$"): string[] {
  if (expected === null || actual === null) return [];
  if (rules.mapKeys?.some((k) => path.endsWith(`.${k}`)))
    return kind(actual) === kind(expected) ? [] : [`${path}: expected ${kind(expected)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected array, got ${kind(actual)}`];
    const out = new Set<string>();
    for (const e of expected) {
      const d = discriminator(e);
      const match = d ? actual.find((a) => discriminator(a) === d) : actual[0];
      if (match !== undefined) for (const x of shapeDiff(match, e, rules, `${path}[]`)) out.add(x);
    }
    return [...out];
  }
  if (typeof expected === "object") {
    if (kind(actual) !== "object") return [`${path}: expected object, got ${kind(actual)}`];
    const a = actual as Record<string, unknown>;
    if (Object.keys(expected).length === 0 || Object.keys(a).length === 0) return [];
    const out: string[] = [];
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in a)) {
        if (!rules.optional?.has(k)) out.push(`${path}.${k}: missing`);
        continue;
      }
      out.push(...shapeDiff(a[k], v, rules, `${path}.${k}`));
    }
    return out;
  }
  return kind(actual) === kind(expected) ? [] : [`${path}: expected ${kind(expected)}, got ${kind(actual)}`];
}
