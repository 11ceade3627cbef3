/**
 * `discogs-sdk/sync` from the BUILT package on every runtime it claims: Node 20+ (the ESM and the CommonJS
 * build, both starting dist/sync/worker.mjs), Bun and Deno (from npm), and headless Chromium, where the
 * constructor must refuse to run and point to `Discogs`. Each script runs as a child process against an
 * emulator in this process (the child's thread is the one that blocks), never calls `close()`, and must exit
 * on its own with code 0: the worker thread does not keep a process alive.
 *
 * A runtime that cannot run here is reported with its reason (printed, and as the skip note), never skipped
 * silently; REQUIRE_ALL_RUNTIMES=1 turns such a skip into a failure. See docs/sync.md.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, test, type TestContext } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import {
  BIN,
  CHROMIUM,
  CHROMIUM_ARGS,
  describeRun,
  ensureBuilt,
  exampleEnv,
  ROOT,
  runProcess,
  type ProcessResult,
} from "./runtimes/helpers";

const TOKEN = "sync-runtimes-token";
let emu: Emulator | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(ensureBuilt, 300_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await emu?.close();
  emu = undefined;
});

function cannotRun(ctx: TestContext, runtime: string, reason: string): void {
  const message = `${runtime} NOT RUN: ${reason}`;
  console.warn(`[sync-runtimes] ${message}`);
  if (process.env.REQUIRE_ALL_RUNTIMES === "1") throw new Error(message);
  ctx.skip(message);
}

/**
 * A fresh emulator; the rating request is held 300 ms by a latency fault, so the script blocks on a call in
 * flight (and must still complete it, with the worker unref'd).
 */
async function emulator(): Promise<Emulator> {
  emu = await startEmulator({ rateLimit: false });
  emu.faults.add({ kind: "latency", ms: 300, path: "/releases/352665/rating", times: Infinity });
  return emu;
}

function env(server: Emulator): NodeJS.ProcessEnv {
  return exampleEnv({ DISCOGS_BASE_URL: server.url, DISCOGS_TOKEN: TOKEN, DENO_NO_UPDATE_CHECK: "1" });
}

/** The fixture's lines, its exit, and exactly the requests it should have sent (one per value it read). */
function expectSyncRun(run: ProcessResult, server: Emulator, runtime: string): void {
  expect(run.code, `${runtime}: ${describeRun(run)}`).toBe(0);
  const lines = run.stdout.split("\n");
  expect(lines, runtime).toEqual(
    expect.arrayContaining([
      "The Downward Spiral (1994)",
      expect.stringMatching(/^rating \d(\.\d+)? from \d+ votes$/),
      "[artist] Nine Inch Nails",
      "not found: true 404",
      "auth: token",
    ]),
  );
  expect(
    server.requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.auth}`),
    runtime,
  ).toEqual([
    "GET /releases/352665 200 token",
    "GET /releases/352665/rating 200 token",
    "GET /database/search 200 token",
    "GET /releases/999999999 404 token",
  ]);
  expect(server.requests.every((r) => r.headers["user-agent"]?.startsWith("discogs-sdk-sync/1.0 "))).toBe(
    true,
  );
}

describe("discogs-sdk/sync from the built package", () => {
  test("Node.js 20+: the ESM build", { timeout: 60_000 }, async () => {
    const server = await emulator();
    const run = await runProcess(process.execPath, ["test/runtimes/sync.mjs"], { env: env(server) });
    expectSyncRun(run, server, `node ${process.version} (ESM)`);
  });

  test(
    "Node.js 20+: the CommonJS build (it starts the same worker script)",
    { timeout: 60_000 },
    async () => {
      const server = await emulator();
      const run = await runProcess(process.execPath, ["test/runtimes/sync.cjs"], { env: env(server) });
      expectSyncRun(run, server, `node ${process.version} (CommonJS)`);
      expect(run.stdout).toContain(`entry: ${path.join(ROOT, "dist", "sync", "index.cjs")}`);
      expect(existsSync(path.join(ROOT, "dist/sync/worker.mjs"))).toBe(true);
    },
  );

  test("Bun (the bun npm package)", { timeout: 60_000 }, async (ctx) => {
    const bun = path.join(BIN, "bun");
    if (!existsSync(bun))
      return cannotRun(ctx, "Bun", `${bun} not found: the bun dev dependency is not installed`);
    const version = await runProcess(bun, ["--version"], { timeoutMs: 30_000 });
    if (version.code !== 0) return cannotRun(ctx, "Bun", `\`bun --version\` failed: ${describeRun(version)}`);
    const server = await emulator();
    const run = await runProcess(bun, ["--no-install", "test/runtimes/sync.mjs"], { env: env(server) });
    expectSyncRun(run, server, `bun ${version.stdout.trim()}`);
  });

  test("Deno (the deno npm package)", { timeout: 60_000 }, async (ctx) => {
    const deno = path.join(BIN, "deno");
    if (!existsSync(deno))
      return cannotRun(ctx, "Deno", `${deno} not found: the deno dev dependency is not installed`);
    const version = await runProcess(deno, ["--version"], { timeoutMs: 30_000 });
    if (version.code !== 0)
      return cannotRun(ctx, "Deno", `\`deno --version\` failed: ${describeRun(version)}`);
    const server = await emulator();
    // Least privilege, as for the quickstart: environment, the emulator's address, reading the repository.
    const args = [
      "run",
      "--no-lock",
      "--no-prompt",
      "--node-modules-dir=manual",
      "--allow-env",
      "--allow-net=127.0.0.1",
      `--allow-read=${ROOT}`,
      "test/runtimes/sync.mjs",
    ];
    const run = await runProcess(deno, args, { env: env(server) });
    expectSyncRun(run, server, version.stdout.split("\n")[0]?.trim() ?? "deno");
  });

  test(
    "headless Chromium: the constructor refuses (main thread and Web Worker), pointing to Discogs",
    { timeout: 120_000 },
    async (ctx) => {
      if (!existsSync(CHROMIUM)) {
        return cannotRun(
          ctx,
          "Chromium",
          `${CHROMIUM} not found: install it with scripts/ensure-chromium.sh (apt-get install -y chromium)`,
        );
      }
      const esbuild = await import("esbuild");
      const built = await esbuild.build({
        entryPoints: [path.join(ROOT, "test/runtimes/sync-browser.js")],
        absWorkingDir: ROOT,
        bundle: true,
        write: false,
        format: "esm",
        platform: "browser",
        target: "es2022",
        logLevel: "silent",
      });
      const bundle = built.outputFiles[0]!.text;
      const { chromium } = await import("playwright-core");
      const profile = mkdtempSync(path.join(os.tmpdir(), "discogs-sdk-sync-chromium-"));
      cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: 60_000,
      });
      cleanups.push(() => context.close());
      const page = context.pages()[0] ?? (await context.newPage());

      // Two pages: a plain one (no SharedArrayBuffer at all) and a cross-origin isolated one (COOP + COEP:
      // SharedArrayBuffer exists, and Atomics.wait is refused on the main thread only).
      const results: Record<string, Record<string, string>> = {};
      for (const isolated of [false, true]) {
        const html =
          `<!doctype html><title>sync</title><script>globalThis.results = {};` +
          `globalThis.report = (where, message) => { globalThis.results[where] = message; };` +
          `globalThis.BUNDLE = ${JSON.stringify(bundle)};</script>` +
          `<script type="module">${bundle.replace(/<\/script/gi, "<\\/script")}</script>`;
        const url = `http://localhost/sync-${isolated ? "isolated" : "plain"}.html`;
        await page.route(url, (route) =>
          route.fulfill({
            status: 200,
            contentType: "text/html",
            headers: isolated
              ? {
                  "cross-origin-opener-policy": "same-origin",
                  "cross-origin-embedder-policy": "require-corp",
                }
              : {},
            body: html,
          }),
        );
        await page.goto(url);
        await page.waitForFunction(() => Object.keys((globalThis as any).results).length === 2, null, {
          timeout: 30_000,
        });
        results[isolated ? "isolated" : "plain"] = await page.evaluate(() => (globalThis as any).results);
        expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolated);
      }
      const pointer = 'use the async client instead: import { Discogs } from "discogs-sdk"';
      for (const [where, message] of Object.entries(results).flatMap(([k, r]) =>
        Object.entries(r).map(([w, m]) => [`${k} ${w}`, m] as const),
      )) {
        expect(message, where).toMatch(/^DiscogsError: DiscogsSync cannot run here: /);
        expect(message, where).toContain(pointer);
      }
      expect(results.plain!.main).toContain("no SharedArrayBuffer");
      expect(results.isolated!.main).toContain("Atomics.wait is not allowed on this thread");
      expect(results.isolated!.worker).toContain("node:worker_threads");
    },
  );
});

test("the package exports ./sync for import and require, with types", () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    exports: Record<string, { import: Record<string, string>; require: Record<string, string> }>;
  };
  const entry = pkg.exports["./sync"]!;
  for (const file of [entry.import.types, entry.import.default, entry.require.types, entry.require.default]) {
    expect(existsSync(path.join(ROOT, file!)), file).toBe(true);
  }
});
