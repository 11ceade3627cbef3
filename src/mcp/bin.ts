#!/usr/bin/env node
/**
 * The `discogs-mcp` bin: runs {@link main} and exits with its code.
 *
 * @module
 */

import { main } from "./cli";

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`discogs-mcp: ${(e as Error)?.message ?? String(e)}\n`);
    process.exit(1);
  },
);
