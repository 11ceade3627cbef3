import { defineConfig } from "tsdown";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "testing/index": "src/testing/index.ts",
    "testing/cli": "src/testing/cli.ts",
    "redis/index": "src/redis/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  platform: "neutral",
  target: "es2022",
  sourcemap: false,
  clean: true,
  deps: { neverBundle: [/^node:/, "better-sqlite3", "zod", /^zod\//, "redis", /^@redis\//, "ioredis"] },
});
