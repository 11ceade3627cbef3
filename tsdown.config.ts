import { defineConfig } from "tsdown";

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      "testing/index": "src/testing/index.ts",
      "testing/cli": "src/testing/cli.ts",
      "sync/index": "src/sync/index.ts",
      "mcp/index": "src/mcp/index.ts",
      "mcp/bin": "src/mcp/bin.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    platform: "neutral",
    target: "es2022",
    sourcemap: false,
    clean: true,
    // The MCP SDK is a peer of discogs-sdk/mcp only: never bundled, so the core bundle cannot grow with it.
    deps: { neverBundle: [/^node:/, "better-sqlite3", /^@modelcontextprotocol\//] },
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
]);
