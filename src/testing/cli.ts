#!/usr/bin/env node
/**
 * `discogs-emulator`: runs the Discogs emulator until SIGINT/SIGTERM.
 *
 * ```
 * discogs-emulator [--port N] [--host H] [--tls] [--rate-limit N] [--window-ms N] [--no-rate-limit]
 * ```
 *
 * Other processes drive it through the `/_emulator/*` control endpoints (request log, faults, reset).
 *
 * @module
 */

import { startEmulator, type Emulator, type EmulatorOptions } from "./index";

const USAGE = `Usage: discogs-emulator [options]

Options:
  --port N          port to listen on (default: a free port)
  --host H          address to listen on (default: 127.0.0.1)
  --tls             serve HTTPS with a self-signed certificate (printed to stderr)
  --rate-limit N    requests per window with credentials (default 60; anonymous: 25)
  --anonymous N     requests per window without credentials (default 25)
  --window-ms N     rate-limit window in milliseconds (default 60000)
  --no-rate-limit   never answer 429
  -h, --help        show this help
`;

/** Parses the command line into emulator options. Throws an Error with a message on bad input. */
export function parseArgs(argv: readonly string[]): EmulatorOptions & { help?: boolean } {
  const options: EmulatorOptions & { help?: boolean } = {};
  const rate: { authenticated?: number; anonymous?: number; windowMs?: number } = {};
  let noRateLimit = false;
  const number = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min)
      throw new Error(`${flag} needs an integer >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--port":
        options.port = number(flag, value(), 0);
        break;
      case "--host":
        options.host = value() ?? "127.0.0.1";
        break;
      case "--tls":
        options.tls = true;
        break;
      case "--rate-limit":
        rate.authenticated = number(flag, value(), 1);
        break;
      case "--anonymous":
        rate.anonymous = number(flag, value(), 1);
        break;
      case "--window-ms":
        rate.windowMs = number(flag, value(), 1);
        break;
      case "--no-rate-limit":
        noRateLimit = true;
        break;
      case "-h":
      case "--help":
        options.help = true;
        break;
      default:
        throw new Error(`Unknown option ${arg}`);
    }
  }
  options.rateLimit = noRateLimit ? false : rate;
  return options;
}

/** Runs the CLI: starts the emulator, prints its URL, and closes it on SIGINT/SIGTERM. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  delete options.help;
  const running: { emu?: Emulator } = {};
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Received ${signal}, closing.\n`);
    if (!running.emu) process.exit(0);
    running.emu.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Installed before starting, so a signal during start-up is not lost.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const emu = await startEmulator(options);
  running.emu = emu;
  if (emu.ca) process.stderr.write(`Trust this certificate (emu.ca):\n${emu.ca}`);
  process.stdout.write(`Discogs emulator listening on ${emu.url}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`discogs-emulator: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
