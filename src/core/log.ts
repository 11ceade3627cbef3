/**
 * Logging: a level, a console-shaped sink, and a scrubber that every line passes through, so that no credential
 * reaches a log even if one slipped into a message.
 *
 * @module
 */

import { readEnv } from "./env";

/** How much the SDK logs. Each level includes the ones before it. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where log lines go: any console-shaped object. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** The levels, quietest first. */
export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

/** The default level: problems worth a look (validation drift in `"warn"` mode, a failing cache store). */
export const DEFAULT_LOG_LEVEL: LogLevel = "warn";

/**
 * The SDK's logger for one client. Lines start with `[discogs-sdk]`; a sink that throws is ignored.
 * Internal to the package (not exported from an entry point).
 */
export class Log {
  readonly level: LogLevel;
  readonly #rank: number;
  readonly #sink: Logger;
  readonly #scrub: (line: string) => string;

  constructor(level: LogLevel, sink: Logger, scrub: (line: string) => string = (l) => l) {
    this.level = level;
    this.#rank = LOG_LEVELS.indexOf(level);
    this.#sink = sink;
    this.#scrub = scrub;
  }

  /** Whether lines of `level` are written (to skip building a debug line nobody reads). */
  enabled(level: Exclude<LogLevel, "off">): boolean {
    return LOG_LEVELS.indexOf(level) <= this.#rank;
  }

  error(message: string): void {
    this.#write("error", message);
  }
  warn(message: string): void {
    this.#write("warn", message);
  }
  info(message: string): void {
    this.#write("info", message);
  }
  debug(message: string): void {
    this.#write("debug", message);
  }

  #write(level: Exclude<LogLevel, "off">, message: string): void {
    if (!this.enabled(level)) return;
    try {
      this.#sink[level](this.#scrub(`[discogs-sdk] ${message}`));
    } catch {
      // a logger must not break requests
    }
  }
}

/** The bad `DISCOGS_LOG` values already reported: once per process, not once per client. */
const reportedEnv = new Set<string>();

/**
 * Resolves `logLevel` and `logger`: the option, else the `DISCOGS_LOG` environment variable (where the runtime
 * has one), else `"warn"`; the sink defaults to `console`. A bad option is a `TypeError`; a bad `DISCOGS_LOG` is
 * reported once per process, through the logger of the first client that reads it, and the default level is used.
 */
export function createLog(
  levelOption: unknown,
  loggerOption: unknown,
  scrub?: (line: string) => string,
): Log {
  const sink = checkLogger(loggerOption);
  if (levelOption !== undefined) {
    if (!LOG_LEVELS.includes(levelOption as LogLevel)) {
      throw new TypeError(
        `logLevel must be one of ${LOG_LEVELS.map((l) => JSON.stringify(l)).join(", ")}, got ${JSON.stringify(levelOption)}`,
      );
    }
    return new Log(levelOption as LogLevel, sink, scrub);
  }
  const env = readEnv("DISCOGS_LOG");
  if (env === undefined) return new Log(DEFAULT_LOG_LEVEL, sink, scrub);
  const fromEnv = env.trim().toLowerCase();
  if (LOG_LEVELS.includes(fromEnv as LogLevel)) return new Log(fromEnv as LogLevel, sink, scrub);
  const log = new Log(DEFAULT_LOG_LEVEL, sink, scrub);
  if (reportedEnv.has(env)) return log;
  reportedEnv.add(env);
  log.warn(
    `DISCOGS_LOG=${JSON.stringify(env.slice(0, 20))} is not a log level (${LOG_LEVELS.join(", ")}); using "${DEFAULT_LOG_LEVEL}"`,
  );
  return log;
}

function checkLogger(value: unknown): Logger {
  if (value === undefined) return console;
  if (value === null || typeof value !== "object") {
    throw new TypeError("logger must be a console-shaped object with error, warn, info and debug methods");
  }
  for (const m of ["error", "warn", "info", "debug"] as const) {
    if (typeof (value as Record<string, unknown>)[m] !== "function") {
      throw new TypeError(`logger.${m} must be a function (logger is a console-shaped object)`);
    }
  }
  return value as Logger;
}
