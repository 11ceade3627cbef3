/**
 * Runs one command: builds its context, loads its module, runs it, and turns what happened into an exit code
 * (see `exit.ts`).
 *
 * Ctrl-C aborts the run's signal (commands stop at the next safe point: an export saves where it was, a bulk
 * write finishes the request in flight) and the exit code is 130; a second Ctrl-C exits at once.
 *
 * @module
 */

import type { Parsed } from "./args";
import { createContext, type CommandContext } from "./context";
import { report, type Hints } from "./errors";
import { CliError, EXIT } from "./exit";
import { printError, type MainOptions } from "./main";
import { Output, outputSettings, type IO } from "./output";
import { sdkIfLoaded, type SDK } from "./sdk";

/** Runs a parsed command; resolves to the exit code. */
export async function runCommand(
  parsed: Extract<Parsed, { kind: "command" }>,
  argv: readonly string[],
  io: IO,
  options: MainOptions,
): Promise<number> {
  const controller = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    controller.abort(new CliError("Interrupted", EXIT.interrupted));
  };
  if (options.handleSigint !== false) process.on("SIGINT", onSigint);

  let ctx: CommandContext | undefined;
  let hints: Hints = {};
  try {
    const out = new Output(io, outputSettings(io, parsed.options as never));
    ctx = createContext({
      spec: parsed.spec,
      args: parsed.positionals,
      opts: parsed.options,
      io,
      out,
      signal: controller.signal,
      interrupted: () => interrupted,
    });
    const mod = await parsed.spec.load();
    hints = (mod.hints as Record<string, Hints> | undefined)?.[parsed.spec.name] ?? {};
    const run = mod[parsed.spec.handler] as (c: CommandContext) => Promise<number | void>;
    const code = await run(ctx);
    return interrupted ? EXIT.interrupted : (code ?? EXIT.ok);
  } catch (e) {
    const sdk: SDK | undefined = await sdkIfLoaded()?.catch(() => undefined);
    const r = report(e, sdk, hints, ctx?.baseUrl);
    if (interrupted) {
      if (r.code === EXIT.interrupted) io.stderr.write("Interrupted.\n");
      else printError(io, argv, r.message, r.hint);
      return EXIT.interrupted;
    }
    printError(io, argv, r.message, r.hint);
    // The stack of an unexpected error (a bug) helps a report; the SDK's own errors say all there is to say.
    const expected = e instanceof CliError || (sdk !== undefined && e instanceof sdk.DiscogsError);
    if (ctx?.verbose && !expected && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return r.code;
  } finally {
    await ctx?.close().catch(() => {});
    if (options.handleSigint !== false) process.off("SIGINT", onSigint);
  }
}
