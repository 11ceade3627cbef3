// Preloaded into a CLI child by bench/sections/cli.ts (node --expose-gc --require): when the process exits,
// however it exits, writes its peak RSS and the heap still retained after a full GC (bytes) to
// $DISCOGS_BENCH_RSS_FILE as JSON.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node --require)
const { writeFileSync } = require("node:fs");
process.on("exit", () => {
  const file = process.env.DISCOGS_BENCH_RSS_FILE;
  if (!file) return;
  if (typeof globalThis.gc === "function") globalThis.gc();
  const rss = process.resourceUsage().maxRSS * 1024;
  writeFileSync(file, JSON.stringify({ rss, retained: process.memoryUsage().heapUsed }));
});
