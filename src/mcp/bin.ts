#!/usr/bin/env node
/**
 * The `discogs-mcp` bin: runs `main` (./cli) and exits with its code. The command's module is loaded here, so
 * that a missing MCP SDK (an optional peer dependency) is reported as such.
 *
 * @module
 */

const PEER = "@modelcontextprotocol/server";

import("./cli")
  .then(({ main }) => main())
  .then(
    (code) => process.exit(code),
    (e: unknown) => {
      const err = e as NodeJS.ErrnoException | undefined;
      const missingPeer =
        (err?.code === "ERR_MODULE_NOT_FOUND" || err?.code === "MODULE_NOT_FOUND") &&
        String(err?.message).includes(PEER);
      process.stderr.write(
        missingPeer
          ? `discogs-mcp needs the MCP SDK, an optional peer dependency: npm install ${PEER}\n`
          : `discogs-mcp: ${err?.message ?? String(e)}\n`,
      );
      process.exit(1);
    },
  );
