#!/usr/bin/env node
// `npm run emulator [-- --port 4000 --tls ...]`: runs the Discogs emulator until Ctrl-C (SIGINT) or SIGTERM.
// Uses the built CLI (dist/testing/cli.js) when present, else runs the TypeScript source through `npx tsx`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const built = join(root, "dist", "testing", "cli.js");

const [command, commandArgs] = existsSync(built)
  ? [process.execPath, [built, ...args]]
  : ["npx", ["tsx", join(root, "src", "testing", "cli.ts"), ...args]];

const child = spawn(command, commandArgs, {
  cwd: root,
  stdio: "inherit",
  shell: process.platform === "win32",
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 0 : 1));
});
