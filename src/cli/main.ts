/**
 * `discogs`: parses the command line and prints help or the version without loading anything else; a command
 * is run by `run.ts`, loaded only then.
 *
 * @module
 */

import { parse } from "./args";
import { UsageError } from "./exit";
import { helpFor } from "./help";
import type { IO } from "./output";
import { VERSION } from "../version";

/** Options of {@link main}. */
export interface MainOptions {
  /** Install the SIGINT handler (Ctrl-C: exit 130). @default true */
  handleSigint?: boolean;
}

/** `error: <message>` and the hint, on stderr (red when stderr is a colour terminal). */
export function printError(io: IO, argv: readonly string[], message: string, hint?: string): void {
  const color =
    io.stderr.isTTY === true && !io.env.NO_COLOR && io.env.TERM !== "dumb" && !argv.includes("--no-color");
  io.stderr.write(`${color ? "\x1b[31merror:\x1b[39m" : "error:"} ${message}\n`);
  if (hint) io.stderr.write(`  ${hint}\n`);
}

/** Runs the CLI with `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: IO, options: MainOptions = {}): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
    if (parsed.kind === "help") {
      io.stdout.write(helpFor(parsed.topic));
      return 0;
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    printError(io, argv, e.message, e.hint);
    return e.code;
  }
  if (parsed.kind === "version") {
    io.stdout.write(`discogs-sdk ${VERSION}\n`);
    return 0;
  }
  const { runCommand } = await import("./run");
  return runCommand(parsed, argv, io, options);
}
