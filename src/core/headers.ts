/**
 * Header-bound values, checked before any request: a value that `Headers` would refuse (a line break, a control
 * character, a character above U+00FF) or a header name that is not an HTTP token is a `TypeError` naming the
 * option, thrown at construction (client options) or before the rate limiter is asked (per-request headers).
 * Messages never contain the value: it may be a credential.
 *
 * @module
 */

/** Names a value may not set through `headers`: the SDK sets them from the credentials and the body. */
const RESERVED = new Set(["authorization", "content-length", "host"]);

/** RFC 9110 token characters. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Printable Latin-1 only: no C0 control characters (tab included), no DEL, nothing above U+00FF. */
// eslint-disable-next-line no-control-regex
const UNSENDABLE = /[\u0000-\u001f\u007f\u0100-\uffff]/;

/**
 * Checks a value that travels in a header (a credential, the user agent, a header value): a string of printable
 * Latin-1 characters, non-empty unless `allowEmpty`. Returns it unchanged.
 */
export function headerSafe(name: string, value: unknown, allowEmpty = false): string {
  if (typeof value !== "string") throw new TypeError(`${name} must be a string, got ${typeof value}`);
  if (!allowEmpty && value.trim() === "") throw new TypeError(`${name} must not be empty`);
  if (UNSENDABLE.test(value)) {
    throw new TypeError(
      `${name} contains a character that cannot be sent in an HTTP header (a line break, another control ` +
        `character, or a character above U+00FF); the value is not shown because it may be a secret`,
    );
  }
  return value;
}

/**
 * Checks a `headers` option (client or per request): an object of header names to string values, or a
 * `Headers`. Returns it as a plain object with lower-cased names. `Authorization`, `Content-Length` and `Host`
 * are refused: the SDK sets them.
 */
export function checkHeaders(name: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const entries: [string, unknown][] =
    typeof Headers !== "undefined" && value instanceof Headers
      ? [...value.entries()]
      : value !== null && typeof value === "object" && !Array.isArray(value)
        ? Object.entries(value)
        : invalid(name);
  const out: Record<string, string> = {};
  for (const [key, v] of entries) {
    if (!TOKEN.test(key)) {
      throw new TypeError(
        `${name} has a header name that is not a valid HTTP token: ${JSON.stringify(key.slice(0, 40))}`,
      );
    }
    const lower = key.toLowerCase();
    if (RESERVED.has(lower)) {
      throw new TypeError(
        `${name} must not set ${key}: ` +
          (lower === "authorization"
            ? "credentials are set with the client's token, consumerKey/consumerSecret or OAuth options"
            : "the SDK sets it"),
      );
    }
    out[lower] = headerSafe(`${name}.${key}`, v, true);
  }
  return out;
}

function invalid(name: string): never {
  throw new TypeError(`${name} must be an object of header names to string values, or a Headers`);
}
