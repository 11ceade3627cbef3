import { defineConfig } from "tsdown";

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      "testing/index": "src/testing/index.ts",
      "testing/cli": "src/testing/cli.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    platform: "neutral",
    target: "es2022",
    sourcemap: false,
    clean: true,
    deps: { neverBundle: [/^node:/, "better-sqlite3", "zod", /^zod\//] },
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
