/**
 * Exit codes of the `discogs` command and the error classes that carry them. The table is the one place the
 * codes are declared: `discogs help exit-codes` prints it, the error mapping reads it.
 *
 * @module
 */

/** Every exit code the CLI uses, by meaning. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** Any other error: a server error, a lost connection, a rejected write, a bad response. */
  error: 1,
  /** Usage: an unknown command or option, a missing or bad argument. */
  usage: 2,
  /** The id, user or path does not exist (HTTP 404). */
  notFound: 3,
  /** Credentials missing, incomplete or rejected (HTTP 401, or 403 on another user's private data). */
  auth: 4,
  /** Rate limit exhausted after the SDK's retries (HTTP 429). */
  rateLimit: 5,
  /** Interrupted with Ctrl-C (SIGINT). */
  interrupted: 130,
} as const;

/** An exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table `discogs help exit-codes` prints: code, meaning, what to do. */
export const EXIT_CODE_TABLE: readonly { code: ExitCode; meaning: string; next: string }[] = [
  { code: EXIT.ok, meaning: "ok", next: "" },
  {
    code: EXIT.error,
    meaning: "error: anything not listed below (server error, lost connection, rejected write)",
    next: "read the message; --verbose logs every request",
  },
  {
    code: EXIT.usage,
    meaning: "usage: unknown command or option, missing or bad argument",
    next: "discogs help <command>",
  },
  {
    code: EXIT.notFound,
    meaning: "not found: the id, user or path does not exist",
    next: 'find the id with discogs search "<words>"',
  },
  {
    code: EXIT.auth,
    meaning: "authentication missing or rejected",
    next: "discogs auth login, or set DISCOGS_TOKEN; discogs auth status shows what is in use",
  },
  {
    code: EXIT.rateLimit,
    meaning: "rate limit exhausted after retries",
    next: "wait a minute and run it again; discogs ratelimit shows the budget",
  },
  {
    code: EXIT.interrupted,
    meaning: "interrupted (Ctrl-C, SIGINT)",
    next: "exports: run again with --resume",
  },
];

/** An error the CLI reports as is: its message, an optional hint (what to do next) and its exit code. */
export class CliError extends Error {
  /** The exit code. */
  readonly code: ExitCode;
  /** What to do next, printed under the message. */
  readonly hint: string | undefined;
  constructor(message: string, code: ExitCode = EXIT.error, hint?: string) {
    super(message);
    this.name = "CliError";
    this.code = code;
    this.hint = hint;
  }
}

/** A usage error (exit 2): the hint defaults to the command's help. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
    this.name = "UsageError";
  }
}
