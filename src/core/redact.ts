/**
 * Credential redaction for anything the SDK shows: error messages, URLs on errors, log lines.
 *
 * @module
 */

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

/**
 * A function that replaces every occurrence of the given secrets (and their percent-encoded forms, as OAuth
 * PLAINTEXT signatures carry them) with `[redacted]`. Secrets shorter than 4 characters are left alone: they
 * would match ordinary text.
 */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < 4) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(encodeURIComponent(encodeURIComponent(s)));
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
