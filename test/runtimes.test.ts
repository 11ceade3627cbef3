/**
 * The quickstart (examples/quickstart.ts), from the BUILT package, against the emulator, on every runtime the
 * README claims: Node 20+, Bun and Deno (both from npm), headless Chromium (Debian's chromium driven by
 * playwright-core) and a Workers runtime (workerd through miniflare). Each runtime is one test asserting the
 * release title line and a search result line, plus the requests the emulator received from it.
 *
 * A runtime that cannot run here is reported with its exact reason (printed, and as the skip note), never
 * skipped silently; REQUIRE_ALL_RUNTIMES=1 turns such a skip into a failure. See docs/runtimes.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, test, type TestContext } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import {
  BIN,
  bundleQuickstart,
  CHROMIUM,
  CHROMIUM_ARGS,
  describeRun,
  ensureBuilt,
  exampleEnv,
  QUICKSTART_LINES,
  ROOT,
  runProcess,
} from "./runtimes/helpers";

const TOKEN = "runtimes-token";

let emu: Emulator | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(ensureBuilt, 300_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await emu?.close();
  emu = undefined;
});

/** A fresh emulator for one runtime, so its request log shows exactly what that runtime sent. */
async function emulator(): Promise<Emulator> {
  emu = await startEmulator();
  return emu;
}

/** Prints why a runtime cannot run here and skips its test (or fails it with REQUIRE_ALL_RUNTIMES=1). */
function cannotRun(ctx: TestContext, runtime: string, reason: string): void {
  const message = `${runtime} NOT RUN: ${reason}`;
  console.warn(`[runtimes] ${message}`);
  if (process.env.REQUIRE_ALL_RUNTIMES === "1") throw new Error(message);
  ctx.skip(message);
}

/** The quickstart's output and the emulator's log: the key lines, three authenticated requests. */
function expectQuickstart(output: string, server: Emulator, runtime: string): void {
  for (const line of QUICKSTART_LINES) {
    expect(
      output.split("\n").some((l) => l.includes(line)),
      `${runtime}: no line "${line}" in:\n${output}`,
    ).toBe(true);
  }
  expect(output, runtime).toMatch(/^The Downward Spiral \(1994\)$/m);
  const requests = server.requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.auth}`);
  expect(requests, runtime).toEqual(
    expect.arrayContaining(["GET /releases/352665 200 token", "GET /database/search 200 token"]),
  );
  expect(
    server.requests.filter((r) => r.status !== 200),
    runtime,
  ).toEqual([]);
}

describe("the quickstart from the built package, on every runtime", () => {
  test("Node.js 20+ (ESM through tsx, and the CommonJS build)", { timeout: 90_000 }, async () => {
    const major = Number(process.versions.node.split(".")[0]);
    expect(major, `Node ${process.version}`).toBeGreaterThanOrEqual(20);

    const server = await emulator();
    const env = exampleEnv({ DISCOGS_BASE_URL: server.url, DISCOGS_TOKEN: TOKEN });
    const esm = await runProcess(process.execPath, ["--import", "tsx", "examples/quickstart.ts"], { env });
    expect(esm.code, `node examples/quickstart.ts: ${describeRun(esm)}`).toBe(0);
    expectQuickstart(esm.stdout, server, "node (ESM)");

    server.clearRequests();
    const cjs = await runProcess(process.execPath, ["test/runtimes/node-cjs.cjs"], { env });
    expect(cjs.code, `node test/runtimes/node-cjs.cjs: ${describeRun(cjs)}`).toBe(0);
    expectQuickstart(cjs.stdout, server, "node (CommonJS)");
    expect(cjs.stdout).toContain(`entry: ${path.join(ROOT, "dist", "index.cjs")}`);
  });

  test("Bun (the bun npm package)", { timeout: 90_000 }, async (ctx) => {
    const bun = path.join(BIN, "bun");
    if (!existsSync(bun))
      return cannotRun(ctx, "Bun", `${bun} not found: the bun dev dependency is not installed`);
    const version = await runProcess(bun, ["--version"], { timeoutMs: 30_000 });
    if (version.code !== 0) return cannotRun(ctx, "Bun", `\`bun --version\` failed: ${describeRun(version)}`);

    const server = await emulator();
    const r = await runProcess(bun, ["--no-install", "examples/quickstart.ts"], {
      env: exampleEnv({ DISCOGS_BASE_URL: server.url, DISCOGS_TOKEN: TOKEN }),
    });
    expect(r.code, `bun ${version.stdout.trim()} examples/quickstart.ts: ${describeRun(r)}`).toBe(0);
    expectQuickstart(r.stdout, server, `bun ${version.stdout.trim()}`);
  });

  test("Deno (the deno npm package)", { timeout: 90_000 }, async (ctx) => {
    const deno = path.join(BIN, "deno");
    if (!existsSync(deno))
      return cannotRun(ctx, "Deno", `${deno} not found: the deno dev dependency is not installed`);
    const version = await runProcess(deno, ["--version"], { timeoutMs: 30_000 });
    if (version.code !== 0)
      return cannotRun(ctx, "Deno", `\`deno --version\` failed: ${describeRun(version)}`);

    const server = await emulator();
    // Least privilege: environment, the emulator's address, and reading the repository (dist/, node_modules/).
    const args = [
      "run",
      "--no-lock",
      "--no-prompt",
      "--node-modules-dir=manual",
      "--allow-env",
      "--allow-net=127.0.0.1",
      `--allow-read=${ROOT}`,
      "examples/quickstart.ts",
    ];
    const r = await runProcess(deno, args, {
      env: exampleEnv({ DISCOGS_BASE_URL: server.url, DISCOGS_TOKEN: TOKEN, DENO_NO_UPDATE_CHECK: "1" }),
    });
    const name = version.stdout.split("\n")[0]?.trim() ?? "deno";
    expect(r.code, `${name} run examples/quickstart.ts: ${describeRun(r)}`).toBe(0);
    expectQuickstart(r.stdout, server, name);
  });

  test("headless Chromium (Debian chromium + playwright-core)", { timeout: 120_000 }, async (ctx) => {
    if (!existsSync(CHROMIUM)) {
      return cannotRun(
        ctx,
        "Chromium",
        `${CHROMIUM} not found: install it with scripts/ensure-chromium.sh (apt-get install -y chromium)`,
      );
    }
    const server = await emulator();
    const bundle = await bundleQuickstart(["browser"]);
    const env = { DISCOGS_BASE_URL: server.url, DISCOGS_TOKEN: TOKEN };
    const page = readFileSync(path.join(ROOT, "test/runtimes/browser.html"), "utf8").replace(
      "__ENV__",
      JSON.stringify(env),
    );

    // The page and the bundle come from a static server on another port: the SDK's requests are cross-origin,
    // so they go through the emulator's CORS handling (preflights included), like an app calling Discogs.
    const files: Record<string, [string, string]> = {
      "/": ["text/html; charset=utf-8", page],
      "/quickstart.js": ["text/javascript; charset=utf-8", bundle],
    };
    const site = http.createServer((req, res) => {
      const file = files[new URL(req.url ?? "/", "http://x").pathname];
      res.writeHead(file ? 200 : 404, {
        "content-type": file?.[0] ?? "text/plain",
        "cache-control": "no-store",
      });
      res.end(file?.[1] ?? "not found");
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => site.close(() => resolve())));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;

    const { chromium } = await import("playwright-core");
    const profile = mkdtempSync(path.join(os.tmpdir(), "discogs-sdk-chromium-"));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    // launchPersistentContext: the fresh --user-data-dir is `profile` (playwright refuses it in `args`).
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    cleanups.push(() => context.close());
    const tab = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    await tab.goto(siteUrl);
    await tab.waitForFunction(() => document.title !== "running", null, { timeout: 60_000 });
    const output = (await tab.textContent("#out")) ?? "";
    const title = await tab.title();
    const browser = context.browser()?.version() ?? (await tab.evaluate(() => navigator.userAgent));

    expect(title, `${browser}: ${output}\n${errors.join("\n")}`).toBe("done");
    expect(errors).toEqual([]);
    expectQuickstart(output, server, `Chromium ${browser}`);
    // Every request came from the page's origin (cross-origin through CORS).
    expect(new Set(server.requests.map((r) => r.headers.origin))).toEqual(
      new Set([siteUrl.replace(/\/$/, "")]),
    );
  });

  test("Workers runtime (workerd through miniflare)", { timeout: 90_000 }, async (ctx) => {
    const workerd = path.join(BIN, "workerd");
    if (!existsSync(workerd)) {
      return cannotRun(
        ctx,
        "Workers",
        `${workerd} not found: the miniflare dev dependency (workerd) is not installed`,
      );
    }
    const server = await emulator();
    const bundle = await bundleQuickstart(["workerd", "worker", "browser"]);
    const fixture = readFileSync(path.join(ROOT, "test/runtimes/worker.js"), "utf8");
    if (!fixture.includes("/* QUICKSTART_BUNDLE */"))
      throw new Error("worker.js lost its QUICKSTART_BUNDLE marker");
    const script = fixture.replace("/* QUICKSTART_BUNDLE */", () => bundle);

    // Explicit modules (not a string `script`): miniflare rejects any import() in a string script, and the SDK
    // keeps a never-taken `import("node:fs/promises")` for uploads from a file path.
    const dir = mkdtempSync(path.join(os.tmpdir(), "discogs-sdk-worker-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const modulePath = path.join(dir, "worker.mjs");
    writeFileSync(modulePath, script);
    const { Miniflare } = await import("miniflare");
    const mf = new Miniflare({
      modules: [{ type: "ESModule", path: modulePath, contents: script }],
      modulesRoot: dir,
      compatibilityDate: "2025-09-01",
      bindings: { DISCOGS_BASE_URL: server.url, DISCOGS_TOKEN: TOKEN },
    });
    cleanups.push(() => mf.dispose());
    const res = await mf.dispatchFetch("http://localhost/");
    const output = await res.text();
    expect(res.status, output).toBe(200);
    expectQuickstart(output, server, "workerd");
  });
});
