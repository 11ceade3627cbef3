// Preloaded into a CLI child by bench/sections/cli.ts (node --require): writes the process's peak RSS (bytes)
// to $DISCOGS_BENCH_RSS_FILE when it exits, however it exits.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node --require)
const { writeFileSync } = require("node:fs");
process.on("exit", () => {
  const file = process.env.DISCOGS_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
