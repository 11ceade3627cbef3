#!/usr/bin/env node
// `npm run demo [-- <example>]`: builds the package if needed, starts the bundled Discogs emulator, runs
// examples/<example>.ts (default: quickstart) against it (no token, no network), prints its output and exits with
// its status. Examples: quickstart, authentication, database, marketplace, collection, concurrency, advanced.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const example = process.argv[2] ?? "quickstart";
const file = path.join(root, "examples", `${example}.ts`);

if (!existsSync(file)) {
  const names = readdirSync(path.join(root, "examples"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3));
  console.error(`No example "${example}". Available: ${names.join(", ")}`);
  process.exit(2);
}

const built = ["dist/index.js", "dist/index.cjs", "dist/testing/index.js"].every((f) =>
  existsSync(path.join(root, f)),
);
if (!built) {
  process.stdout.write("Building the package first (npm run build)... ");
  const started = Date.now();
  // The build's own log only matters when it fails.
  const b = spawnSync("npm", ["run", "build", "--silent"], {
    cwd: root,
    encoding: "utf8",
    shell: process.platform === "win32",
  });
  if (b.status !== 0) {
    console.log("failed:");
    console.error(`${b.stdout ?? ""}${b.stderr ?? ""}${b.error ? String(b.error) : ""}`);
    process.exit(b.status ?? 1);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const { startEmulator } = await import(pathToFileURL(path.join(root, "dist/testing/index.js")).href);
const emu = await startEmulator();
console.log(`Discogs emulator running at ${emu.url}\n`);

// The example sees only the emulator: none of your real DISCOGS_* credentials are passed on.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCOGS_")));
const child = spawn(process.execPath, ["--import", "tsx", file], {
  cwd: root,
  stdio: "inherit",
  env: { ...env, DISCOGS_BASE_URL: emu.url, DISCOGS_TOKEN: "demo-token" },
});
const code = await new Promise((resolve) => {
  child.on("error", (err) => {
    console.error(err);
    resolve(1);
  });
  child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
});
console.log(`\n(${emu.requests.length} requests reached the emulator)`);
await emu.close();
process.exit(code);
