import { defineConfig } from "tsdown";

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      "testing/index": "src/testing/index.ts",
      "testing/cli": "src/testing/cli.ts",
      "sync/index": "src/sync/index.ts",
      "dumps/index": "src/dumps/index.ts",
      "redis/index": "src/redis/index.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    platform: "neutral",
    target: "es2022",
    sourcemap: false,
    clean: true,
    deps: { neverBundle: [/^node:/, "better-sqlite3", "redis", /^@redis\//, "ioredis"] },
  },
  {
    // discogs-sdk/mcp and the discogs-mcp bin, built on their own: sharing modules with the core entry would split
    // the core into chunks (the same code, but 0.4 KB more gzipped in an app's bundle); this way dist/index.js
    // does not change by a byte. The MCP SDK is a peer, never bundled; the bin loads the client through the
    // package's own `discogs-sdk` entry at run time.
    entry: { "mcp/index": "src/mcp/index.ts", "mcp/bin": "src/mcp/bin.ts" },
    format: ["esm", "cjs"],
    dts: true,
    platform: "neutral",
    target: "es2022",
    sourcemap: false,
    clean: false,
    deps: { neverBundle: [/^node:/, /^@modelcontextprotocol\//, /^discogs-sdk(\/|$)/] },
  },
  {
    // The worker thread of discogs-sdk/sync: one self-contained ES module (dist/sync/worker.mjs) that the ESM and
    // the CommonJS builds of discogs-sdk/sync both start: loading a module graph was half of the worker's
    // start-up time. Not minified: error class names must survive.
    entry: { "sync/worker": "src/sync/worker.ts" },
    format: ["esm"],
    dts: false,
    platform: "node",
    target: "es2022",
    sourcemap: false,
    clean: false,
    deps: { neverBundle: [/^node:/, "better-sqlite3"] },
  },
  {
    // The `discogs` bin: ESM only, its own folder, commands as lazily loaded chunks. It reaches the SDK through
    // the package's own entry points (`discogs-sdk`, `discogs-sdk/testing`), never bundling a second copy.
    entry: { index: "src/cli/index.ts" },
    outDir: "dist/cli",
    format: ["esm"],
    fixedExtension: false,
    dts: false,
    platform: "node",
    target: "es2022",
    sourcemap: false,
    clean: false,
    deps: { neverBundle: [/^node:/, /^discogs-sdk(\/|$)/] },
  },
]);
