/**
 * Credential redaction for anything the SDK shows: error messages, URLs on errors, log lines.
 *
 * @module
 */

import { percentEncode } from "./oauth";

const SECRET_PARAMS = new Set([
  "token",
  "key",
  "secret",
  "oauth_signature",
  "oauth_token",
  "oauth_consumer_key",
]);

/** Returns `url` with any credential-bearing query parameter replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q === -1) return url;
  try {
    const u = new URL(url);
    let changed = false;
    for (const name of [...u.searchParams.keys()]) {
      if (SECRET_PARAMS.has(name.toLowerCase())) {
        u.searchParams.set(name, "[redacted]");
        changed = true;
      }
    }
    return changed ? u.toString() : url;
  } catch {
    return url.slice(0, q);
  }
}

/** The ways a value is encoded on its way into a URL or a header: `encodeURIComponent`, RFC 3986, a form. */
const ENCODINGS: readonly ((s: string) => string)[] = [
  encodeURIComponent,
  percentEncode,
  (s) => new URLSearchParams([["", s]]).toString().slice(1),
];

/**
 * A function that replaces every occurrence of the given secrets with `[redacted]`: as written, and encoded once
 * or twice by any of the encodings a URL, a form or an OAuth header gives them (an OAuth PLAINTEXT signature
 * carries the secrets percent-encoded twice). Secrets shorter than 4 characters are left alone: they would match
 * ordinary text.
 */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < 4) continue;
    forms.add(s);
    for (const once of ENCODINGS.map((encode) => encode(s))) {
      forms.add(once);
      for (const encode of ENCODINGS) forms.add(encode(once));
    }
  }
  const list = [...forms].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const f of list) if (out.includes(f)) out = out.split(f).join("[redacted]");
    return out;
  };
}

/**
 * Scrubs an error and its `cause` chain in place with `scrub` (a platform error can quote a header value), and
 * returns it. Only messages change; the classes and other fields stay.
 */
export function scrubError<E>(error: E, scrub: (text: string) => string): E {
  let e: unknown = error;
  for (let depth = 0; e instanceof Error && depth < 5; depth++) {
    const clean = scrub(e.message);
    if (clean !== e.message) {
      try {
        e.message = clean;
        if (typeof e.stack === "string") e.stack = scrub(e.stack);
      } catch {
        // a frozen error: leave it
      }
    }
    e = e.cause;
  }
  return error;
}
