/**
 * Turns any error into an exit code and a message that says what to do next. SDK errors are recognized by
 * class (from the loaded SDK) or by their HTTP status; messages never contain a credential (the SDK's are
 * redacted, and nothing here adds a value from the environment or the config file).
 *
 * @module
 */

import { CliError, EXIT, UsageError, type ExitCode } from "./exit";
import type { SDK } from "./sdk";

/** An error as the CLI reports it. */
export interface Reported {
  code: ExitCode;
  message: string;
  hint?: string | undefined;
}

/** Extra hints a command gives for a status (e.g. a not-found release suggests `discogs search`). */
export type Hints = Partial<Record<"notFound" | "auth", string>>;

/** Maps an error to an exit code, a message and a hint. */
export function report(e: unknown, sdk: SDK | undefined, hints: Hints = {}, baseUrl = ""): Reported {
  if (e instanceof CliError) return { code: e.code, message: e.message, hint: e.hint };
  if (sdk && e instanceof sdk.DiscogsAbortError) return { code: EXIT.interrupted, message: "Interrupted" };
  if (sdk && e instanceof sdk.RateLimitQueueError) {
    return {
      code: EXIT.rateLimit,
      message: e.message,
      hint: "wait a minute and run it again; discogs ratelimit shows the budget",
    };
  }
  if (sdk && e instanceof sdk.DiscogsAPIError) {
    const detail =
      sdk.ValidationError && e instanceof sdk.ValidationError && e.detail.length
        ? ": " + e.detail.map((d) => `${(d.loc ?? []).join(".")} ${d.msg ?? ""}`.trim()).join("; ")
        : "";
    const base = `${e.message}${detail} (HTTP ${e.status}, ${e.method} ${e.url})`;
    switch (e.status) {
      case 404:
        return {
          code: EXIT.notFound,
          message: base,
          hint: hints.notFound ?? 'check the id; find ids with discogs search "<words>"',
        };
      case 401:
        return {
          code: EXIT.auth,
          message: base,
          hint:
            hints.auth ??
            "run discogs auth login (or set DISCOGS_TOKEN); discogs auth status shows what is in use",
        };
      case 403:
        return {
          code: EXIT.auth,
          message: base,
          hint: "this is another user's private data, or your credentials lack access: discogs auth status shows who you are",
        };
      case 429:
        return {
          code: EXIT.rateLimit,
          message: `${base}: still rate limited after retries`,
          hint: "Discogs allows 60 requests a minute (25 without credentials): wait a minute and run it again",
        };
      default:
        return {
          code: EXIT.error,
          message: base,
          hint: e.status >= 500 ? "Discogs had a problem: try again in a moment" : undefined,
        };
    }
  }
  if (sdk && e instanceof sdk.DiscogsConnectionError) {
    return {
      code: EXIT.error,
      message: e.message,
      hint: `check your network connection${baseUrl ? ` and the base URL (${baseUrl})` : ""}`,
    };
  }
  if (sdk && e instanceof sdk.DiscogsError) return { code: EXIT.error, message: e.message };
  if (e instanceof TypeError) {
    // The SDK's argument checks: bad input from the command line.
    return { code: EXIT.usage, message: e.message, hint: undefined };
  }
  if (e instanceof UsageError) return { code: EXIT.usage, message: e.message, hint: e.hint };
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === "string" && typeof err.syscall === "string") {
    // A file error (ENOENT, EACCES, ...): Node's message names the path.
    return { code: EXIT.error, message: err.message };
  }
  return { code: EXIT.error, message: err?.message ?? String(e) };
}
