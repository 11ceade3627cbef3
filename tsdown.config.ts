import { defineConfig } from "tsdown";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "testing/index": "src/testing/index.ts",
    "testing/cli": "src/testing/cli.ts",
    // The synchronous client and its worker thread's script, a file of its own in each format
    // (dist/sync/worker.js for the ESM build, dist/sync/worker.cjs for the CommonJS build).
    "sync/index": "src/sync/index.ts",
    "sync/worker": "src/sync/worker.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  platform: "neutral",
  target: "es2022",
  sourcemap: false,
  clean: true,
  deps: { neverBundle: [/^node:/, "better-sqlite3", "zod", /^zod\//] },
});
