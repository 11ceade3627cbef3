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
