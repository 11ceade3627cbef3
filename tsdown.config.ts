import { readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, type UserConfig } from "tsdown";

/**
 * The discogs-sdk/lite build: the same sources, with the models' schemas left out. The endpoint declarations and
 * the resources get stand-ins for the schema modules (every `XSchema` undefined, `pageSchema` returning undefined),
 * and the core gets `decode-off.ts` in place of `decode.ts`, so neither the schemas nor the schema runtime reach the
 * bundle. Declared here, once; the rest of the code does not know about it.
 */
function liteModels(ext: "js" | "cjs") {
  const schemaModules = /models\/(database|marketplace|users|common)$/;
  const stubbed = /[\\/]src[\\/](endpoints|resources)[\\/]/;
  return {
    name: "discogs-sdk-lite-models",
    async resolveId(this: any, source: string, importer: string | undefined) {
      if (!importer) return null;
      if (source === "./decode" && /[\\/]src[\\/]core[\\/]/.test(importer)) {
        return path.resolve("src/core/decode-off.ts");
      }
      // The SQLite cache stays the main build's own module (dist/core/cache-node.*), imported, not bundled: that is
      // the file package.json's `browser` field swaps for its stand-in, so a browser bundle of discogs-sdk/lite
      // carries no Node-only code either.
      if (source === "./cache-node" && /[\\/]src[\\/]core[\\/]/.test(importer)) {
        return { id: `../core/cache-node.${ext}`, external: true };
      }
      if (!stubbed.test(importer) || !schemaModules.test(source)) return null;
      const real = await this.resolve(source, importer, { skipSelf: true });
      return real ? `\0lite-models:${real.id}` : null;
    },
    load(id: string) {
      if (!id.startsWith("\0lite-models:")) return null;
      const text = readFileSync(id.slice("\0lite-models:".length), "utf8");
      const schemas = [...text.matchAll(/^export const (\w+Schema)\b/gm)].map(
        (m) => `export const ${m[1]} = undefined;`,
      );
      const fns = [...text.matchAll(/^export function (\w+)/gm)].map(
        (m) => `export function ${m[1]}() { return undefined; }`,
      );
      return [...schemas, ...fns].join("\n");
    },
  };
}

/** The discogs-sdk/lite build of one format. */
function liteBuild(format: "esm" | "cjs", ext: "js" | "cjs") {
  return {
    entry: { "lite/index": "src/lite.ts" },
    format: [format],
    dts: true,
    platform: "neutral",
    target: "es2022",
    sourcemap: false,
    clean: false,
    plugins: [liteModels(ext)],
    deps: { neverBundle: [/^node:/, "better-sqlite3"] },
  } satisfies UserConfig;
}

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      "testing/index": "src/testing/index.ts",
      "testing/cli": "src/testing/cli.ts",
      "sync/index": "src/sync/index.ts",
      "dumps/index": "src/dumps/index.ts",
      "redis/index": "src/redis/index.ts",
      // What package.json's `browser` field puts in place of the Node-only cacheDir module in browser bundles.
      "core/cache-node.browser": "src/core/cache-node.browser.ts",
    },
    format: ["esm", "cjs"],
    // One output file per source module, so that a bundler drops every module an app does not reach
    // (package.json has sideEffects: false); the exports map keeps the internal modules private.
    unbundle: true,
    // @internal members (`_request`, `_paginate`, ...) are left out of the published types.
    dts: { compilerOptions: { stripInternal: true } },
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
  // discogs-sdk/lite: one bundled module per format, built with the schemas left out (see liteModels); one build
  // per format, since the SQLite cache module it imports has the format's extension.
  liteBuild("esm", "js"),
  liteBuild("cjs", "cjs"),
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
