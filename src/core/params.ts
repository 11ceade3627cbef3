/**
 * Argument checks and URL path building. Every path parameter goes through one of these checks, and every
 * path is built by {@link path}, which encodes each segment. Bad input throws a `TypeError` that names the
 * argument, before any request is sent.
 *
 * @module
 */

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** A positive integer id (numbers, or canonical decimal strings such as `"352665"`). */
export function positiveId(name: string, value: unknown): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === "string" && /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value))) {
    return Number(value);
  }
  throw new TypeError(`${name} must be a positive integer, got ${show(value)}`);
}

/** A non-negative integer id (collection folder 0 is "All"). */
export function nonNegativeId(name: string, value: unknown): number {
  if (value === 0 || value === "0") return 0;
  return positiveId(name, value);
}

/** A string path segment such as a username: non-empty, no `/`, `\`, control characters, not `.`/`..`. */
export function segment(name: string, value: unknown): string {
  if (typeof value !== "string")
    throw new TypeError(`${name} must be a non-empty string, got ${show(value)}`);
  if (value.trim() === "") throw new TypeError(`${name} must be a non-empty string, got ${show(value)}`);
  // eslint-disable-next-line no-control-regex
  if (/[/\\?#\u0000-\u001f\u007f]/.test(value) || value === "." || value === ".." || value.includes("..")) {
    throw new TypeError(`${name} contains characters that cannot be part of a Discogs path: ${show(value)}`);
  }
  if (value.length > 200) throw new TypeError(`${name} is too long (${value.length} characters)`);
  // A lone surrogate cannot be percent-encoded (encodeURIComponent would throw a URIError).
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    throw new TypeError(`${name} is not well-formed Unicode (it has a lone surrogate): ${show(value)}`);
  }
  return value;
}

/** A marketplace order id: a string like `"1-1"` or `"845236-9"`. */
export function orderId(name: string, value: unknown): string {
  if (typeof value === "string" && /^[1-9]\d*-[1-9]\d*$/.test(value)) return value;
  throw new TypeError(`${name} must be an order id such as "1-1", got ${show(value)}`);
}

/** Builds a path, encoding every interpolated (already checked) segment. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += encodeURIComponent(String(v)) + (strings[i + 1] ?? "");
  });
  return out;
}

/** Throws when `value` is not a plain object (for option bags). Returns `{}` for undefined. */
export function optionsObject<T extends object>(name: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object, got ${show(value)}`);
  }
  return value;
}

/** Checks an optional value against an allowed list. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new TypeError(
    `${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${show(value)}`,
  );
}

/** Checks an optional integer within bounds. */
export function intInRange(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new TypeError(`${name} must be an integer from ${min} to ${max}, got ${show(value)}`);
}

/** Checks an optional string. */
export function optString(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  throw new TypeError(`${name} must be a string, got ${show(value)}`);
}

/** Checks an optional boolean. */
export function optBoolean(name: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  throw new TypeError(`${name} must be a boolean, got ${show(value)}`);
}

/** Checks an optional non-negative finite number. */
export function optNonNegative(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  throw new TypeError(`${name} must be a non-negative number, got ${show(value)}`);
}

/** Edit distance between two short strings (for "did you mean" hints). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * The known key closest to `key`: the same letters in another case or with `_`/`-` (`sortOrder` ->
 * `sort_order`), or within an edit distance of 2 (a third of the key for long ones). Undefined when none is close.
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, "");
  const exact = known.find((k) => norm(k) === norm(key));
  if (exact) return exact;
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** The per-request option names every method takes in its last argument. */
export const REQUEST_OPTION_KEYS = [
  "signal",
  "timeout",
  "maxRetries",
  "headers",
  "cache",
  "priority",
] as const;

/**
 * Refuses any key of `obj` not in `known`: a `TypeError` naming it, with the nearest known key when one is close
 * (`hints` maps known wrong names to the right one, e.g. `q` -> `query`). In a params object, per-request option
 * names (`signal`, `timeout`...) are recognised and the message says where they go.
 */
export function checkKeys(
  what: string,
  obj: object,
  known: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    if (what !== "options" && (REQUEST_OPTION_KEYS as readonly string[]).includes(key)) {
      throw new TypeError(
        `${key} is a per-request option, not a parameter: pass it in the options argument (the last one), ` +
          `e.g. (..., { ${key} }) after the ${what} argument`,
      );
    }
    const near = Object.prototype.hasOwnProperty.call(hints, key) ? hints[key] : nearestKey(key, known);
    const list = known.length > 0 ? ` (it takes ${known.join(", ")})` : " (it takes none)";
    throw new TypeError(
      `${what} has an unknown key ${JSON.stringify(key.slice(0, 40))}` +
        (near ? `: did you mean ${JSON.stringify(near)}?` : "") +
        list,
    );
  }
}

/** An optional year filter: a string (sent as is) or an integer. */
export function optYear(name: string, value: unknown): string | number | undefined {
  if (value === undefined || typeof value === "string" || Number.isInteger(value))
    return value as string | number | undefined;
  throw new TypeError(
    `${name} must be a year (a string or an integer), got ${typeof value === "number" ? value : typeof value}`,
  );
}

/** What a check accepts, as JSON Schema: closures made by {@link enumOf} and {@link intIn} carry it. */
export type CheckSchema = { readonly [key: string]: unknown };

/** A check that accepts one of `allowed` (for declarations). */
export function enumOf<T extends string>(
  allowed: readonly T[],
): ((name: string, value: unknown) => T | undefined) & { schema: CheckSchema } {
  return Object.assign((name: string, value: unknown) => oneOf(name, value, allowed), {
    schema: { type: "string", enum: allowed },
  });
}

/** A check that accepts an integer from `min` to `max` (for declarations). */
export function intIn(
  min: number,
  max: number,
): ((name: string, value: unknown) => number | undefined) & { schema: CheckSchema } {
  return Object.assign((name: string, value: unknown) => intInRange(name, value, min, max), {
    schema: { type: "integer", minimum: min, maximum: max },
  });
}

/** A non-empty string. */
export function nonEmptyString(name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${name} must be a non-empty string, got ${show(value)}`);
  }
  return value;
}
