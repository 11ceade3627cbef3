/**
 * Every `ts` block of docs/mcp.md and of the README's "MCP server for AI agents" section, run as written against
 * the BUILT package, each in a child process (`node --import tsx`) against an emulator in this process. The only
 * change made to a block: the emulator's URL is passed as `baseUrl` to `new Discogs({...})`. The blocks are
 * written under the repository (`.cache/`), so `discogs-sdk` resolves to the package itself and the MCP SDK to
 * node_modules. Also: every tool of the catalog is named in docs/mcp.md, and the figures it states are current.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { defaultToolNames, toolNames } from "../src/mcp/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { describeRun, ensureBuilt, exampleEnv, ROOT, runProcess } from "./runtimes/helpers";

interface Block {
  where: string;
  code: string;
}

function tsBlocks(file: string, markdown: string, firstLine = 0): Block[] {
  const out: Block[] = [];
  const re = /```ts\n([\s\S]*?)```/g;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    const line = firstLine + markdown.slice(0, m.index).split("\n").length;
    out.push({ where: `${file}:${line}`, code: m[1]! });
  }
  return out;
}

const doc = readFileSync(path.join(ROOT, "docs/mcp.md"), "utf8");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const start = readme.indexOf("## MCP server for AI agents");
const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
const blocks = [
  ...tsBlocks("README.md", section, readme.slice(0, start).split("\n").length - 1),
  ...tsBlocks("docs/mcp.md", doc),
];

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  // dist/ from before discogs-sdk/mcp existed (ensureBuilt only checks the core's files): say so rather than
  // rebuilding under the feet of the other test files that read dist/.
  if (!existsSync(path.join(ROOT, "dist/mcp/index.js")))
    throw new Error("dist/mcp is missing: run npm run build");
  emu = await startEmulator({ rateLimit: false });
  mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
  dir = mkdtempSync(path.join(ROOT, ".cache", "mcp-docs-"));
}, 300_000);
afterAll(async () => {
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the README section and docs/mcp.md have blocks to run", () => {
  expect(section.length).toBeGreaterThan(0);
  expect(blocks.filter((b) => b.where.startsWith("README.md"))).toHaveLength(1);
  expect(blocks.length).toBeGreaterThanOrEqual(4);
});

test("docs/mcp.md names every tool, and the default set in its table", () => {
  for (const name of toolNames()) expect(doc, name).toContain(`\`${name}\``);
  const table = doc.slice(doc.indexOf("| Tool "), doc.indexOf("The other "));
  for (const name of defaultToolNames()) expect(table, name).toContain(`\`${name}\``);
  expect(doc).toContain(`The default set, ${defaultToolNames().length} tools`);
  expect(doc).toContain(`The other ${toolNames().length - defaultToolNames().length} tools`);
});

describe.concurrent("documented MCP code runs", () => {
  for (const [i, block] of blocks.entries()) {
    test(block.where, { timeout: 60_000 }, async () => {
      const code = block.code.replaceAll(
        "new Discogs({",
        "new Discogs({ baseUrl: process.env.DISCOGS_BASE_URL,",
      );
      const file = path.join(dir, `block-${i}.mts`);
      writeFileSync(file, code);
      const run = await runProcess(process.execPath, ["--import", "tsx", file], {
        env: exampleEnv({ DISCOGS_BASE_URL: emu.url, DISCOGS_TOKEN: "docs-token" }),
      });
      expect(run.code, `${block.where}: ${describeRun(run)}`).toBe(0);
      expect(run.stderr, `${block.where}: ${describeRun(run)}`).toBe("");
      expect(run.stdout.trim().length, `${block.where} printed nothing`).toBeGreaterThan(0);
      expect(run.stdout).not.toContain("docs-token");
    });
  }
});
