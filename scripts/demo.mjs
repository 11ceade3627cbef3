#!/usr/bin/env node
// `npm run demo`: builds the package if needed, starts the bundled Discogs emulator, runs
// examples/quickstart.ts against it (no token, no network), prints its output and exits with its status.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const example = process.argv[2] ?? "quickstart";

if (!existsSync(path.join(root, "dist/index.js")) || !existsSync(path.join(root, "dist/testing/index.js"))) {
  console.log("Building the package first (npm run build)...");
  const b = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const { startEmulator } = await import(path.join(root, "dist/testing/index.js"));
const emu = await startEmulator();
console.log(`Discogs emulator running at ${emu.url}\n`);

const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "examples", `${example}.ts`)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, DISCOGS_BASE_URL: emu.url, DISCOGS_TOKEN: process.env.DISCOGS_TOKEN ?? "demo-token" },
});
const code = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
console.log(`\n(${emu.requests.length} requests reached the emulator)`);
await emu.close();
process.exit(code);
