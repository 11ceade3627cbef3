/**
 * Every `ts` block of docs/sync.md and of the README's "Synchronous use" section, run as written from the BUILT
 * package, each in a child process (`node --import tsx`) against an emulator in this process: `DiscogsSync`
 * blocks its thread, so the emulator cannot share it (which is why those blocks carry a `not-runnable` marker for
 * a runner that would execute them beside an in-process emulator). The only change made to a block: the emulator's
 * URL is passed as `baseUrl` to `new DiscogsSync({...})`, and the package's imports point at dist/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import { describeRun, ensureBuilt, exampleEnv, ROOT, runProcess } from "./runtimes/helpers";

interface Block {
  where: string;
  code: string;
}

/** The `ts` blocks of `markdown` that use discogs-sdk/sync. */
function syncBlocks(file: string, markdown: string, firstLine = 1): Block[] {
  const out: Block[] = [];
  const re = /```ts\n([\s\S]*?)```/g;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    if (!m[1]!.includes("discogs-sdk/sync")) continue;
    const line = firstLine + markdown.slice(0, m.index).split("\n").length;
    out.push({ where: `${file}:${line}`, code: m[1]! });
  }
  return out;
}

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const start = readme.indexOf("## Synchronous use");
const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
const blocks = [
  ...syncBlocks("README.md", section, readme.slice(0, start).split("\n").length - 1),
  ...syncBlocks("docs/sync.md", readFileSync(path.join(ROOT, "docs/sync.md"), "utf8"), 0),
];

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  emu = await startEmulator({ rateLimit: false });
  dir = mkdtempSync(path.join(os.tmpdir(), "discogs-sdk-sync-docs-"));
}, 300_000);
afterAll(async () => {
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the README's Synchronous use section and docs/sync.md have blocks to run", () => {
  expect(section.length).toBeGreaterThan(0);
  expect(blocks.filter((b) => b.where.startsWith("README.md"))).toHaveLength(1);
  expect(blocks.length).toBeGreaterThanOrEqual(3);
});

describe.concurrent("documented synchronous code runs", () => {
  for (const [i, block] of blocks.entries()) {
    test(block.where, { timeout: 60_000 }, async () => {
      const dist = (p: string) => JSON.stringify(path.join(ROOT, "dist", p));
      const code = block.code
        .replaceAll('from "discogs-sdk/sync"', `from ${dist("sync/index.js")}`)
        .replaceAll('from "discogs-sdk"', `from ${dist("index.js")}`)
        .replaceAll("new DiscogsSync({", "new DiscogsSync({ baseUrl: process.env.DISCOGS_BASE_URL,");
      expect(code).toContain("process.env.DISCOGS_BASE_URL");
      const file = path.join(dir, `block-${i}.mts`);
      writeFileSync(file, code);
      const run = await runProcess(process.execPath, ["--import", "tsx", file], {
        env: exampleEnv({ DISCOGS_BASE_URL: emu.url, DISCOGS_TOKEN: "docs-token" }),
      });
      expect(run.code, `${block.where}: ${describeRun(run)}`).toBe(0);
      expect(run.stderr, `${block.where}: ${describeRun(run)}`).toBe("");
      expect(run.stdout.trim().length, `${block.where} printed nothing`).toBeGreaterThan(0);
    });
  }
});
