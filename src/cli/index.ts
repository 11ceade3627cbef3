#!/usr/bin/env node
/**
 * The `discogs` (and `discogs-sdk`) bin. Everything heavy is loaded only by the command that needs it, so
 * `discogs --help` starts about as fast as Node itself.
 *
 * @module
 */

import { main } from "./main";

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.writable) return resolve();
    stream.write("", () => resolve());
  });
}

// A reader that goes away (`discogs collection list | head -1`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
await Promise.all([flush(process.stdout), flush(process.stderr)]);
process.exit(code);
