/**
 * Runs every example in examples/ as a child process (`node --import tsx examples/<name>.ts`) against a fresh
 * emulator, the way a user runs them, and checks the exit code and the key lines of the output. The examples
 * import "discogs-sdk", which resolves to the built package (dist/) through the package's self-reference, so
 * the package is built first when dist/ is missing. Also checks `npm run demo` (scripts/demo.mjs).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import {
  describeRun,
  ensureBuilt,
  exampleEnv,
  ROOT,
  runProcess,
  type ProcessResult,
} from "./runtimes/helpers";

const TOKEN = "examples-token";
const emulators: Emulator[] = [];

/** Runs one example against its own emulator (each example has the full rate-limit budget to itself). */
async function runExample(name: string): Promise<{ run: ProcessResult; emu: Emulator }> {
  const emu = await startEmulator();
  emulators.push(emu);
  const run = await runProcess(process.execPath, ["--import", "tsx", path.join("examples", `${name}.ts`)], {
    env: exampleEnv({ DISCOGS_BASE_URL: emu.url, DISCOGS_TOKEN: TOKEN }),
    timeoutMs: 90_000,
  });
  expect(run.code, `examples/${name}.ts: ${describeRun(run)}`).toBe(0);
  expect(run.stderr, `examples/${name}.ts wrote to stderr: ${describeRun(run)}`).toBe("");
  return { run, emu };
}

/** Every expected line (string: a line containing it; RegExp: a matching line) must appear in the output. */
function expectLines(run: ProcessResult, expected: (string | RegExp)[]): void {
  const lines = run.stdout.split("\n");
  for (const e of expected) {
    const found = lines.some((l) => (typeof e === "string" ? l.includes(e) : e.test(l)));
    expect(found, `expected a line ${String(e)} in:\n${run.stdout}`).toBe(true);
  }
}

beforeAll(ensureBuilt, 300_000);

afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

const EXAMPLES = [
  "quickstart",
  "authentication",
  "database",
  "marketplace",
  "collection",
  "concurrency",
  "advanced",
];

test("examples/ holds exactly the examples this file runs", () => {
  const files = readdirSync(path.join(ROOT, "examples"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.replace(/\.ts$/, ""))
    .sort();
  expect(files).toEqual([...EXAMPLES].sort());
});

// Each example is a Node process of its own (tsx start-up dominates), so they run side by side.
describe.concurrent("examples against the emulator", () => {
  test("quickstart: a release, its rating, a search", { timeout: 120_000 }, async () => {
    const { run, emu } = await runExample("quickstart");
    expectLines(run, [
      /^The Downward Spiral \(1994\)$/,
      "by Nine Inch Nails",
      "14 tracks, genres: Electronic, Rock",
      "community rating 4.57 / 5 from 6836 votes",
      "[artist] Nine Inch Nails",
      "Auth mode: token",
    ]);
    expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /releases/352665 200",
      "GET /releases/352665/rating 200",
      "GET /database/search 200",
    ]);
    expect(
      emu.requests.every((r) => r.headers["user-agent"]?.startsWith("discogs-sdk-examples/1.0 discogs-sdk/")),
    ).toBe(true);
  });

  test("authentication: token, anonymous, key/secret, the OAuth flow", { timeout: 120_000 }, async () => {
    const { run, emu } = await runExample("authentication");
    expectLines(run, [
      "Personal token: authMode=token",
      'identity: example via "Personal access token"',
      /^Anonymous: authMode=none, read "The Downward Spiral", limit 25\/min$/,
      /^Consumer key\/secret: authMode=key, read "Nine Inch Nails", limit 60\/min$/,
      /authorize at:/,
      /approved in the emulator, verifier \w+/,
      /^OAuth: authMode=oauth, identity example via "example-consumer-key"$/,
      "OAuth (PLAINTEXT): example has 132 releases in their collection",
    ]);
    const auths = emu.requests.map((r) => r.auth);
    expect(auths).toEqual(expect.arrayContaining(["token", "none", "key", "oauth"]));
    // Every OAuth request the emulator could check was correctly signed (none fell back to anonymous).
    expect(emu.requests.filter((r) => r.signatureValid === false)).toEqual([]);
    expect(emu.requests.some((r) => r.path === "/oauth/access_token" && r.status === 200)).toBe(true);
  });

  test("database: releases, masters, artists, labels, search, pagination", { timeout: 120_000 }, async () => {
    const { run } = await runExample("database");
    expectLines(run, [
      "Release 352665: The Downward Spiral (1994, US)",
      "label: Nothing Records INTD-92346",
      "tracklist (14 tracks):",
      "1. Mr. Self Destruct 4:30",
      /in \d+ collections and \d+ wantlists/,
      "Master 3719: The Downward Spiral (1994), main release 352665",
      "first 5 vinyl versions:",
      "Artist 3857: Nine Inch Nails",
      "257 releases on 3 pages; the earliest:",
      "1989 Pretty Hate Machine (master, Main)",
      "read 200 items from 2 pages",
      "Label 647: Interscope Records",
      "[release] Nine Inch Nails - Pretty Hate Machine",
      "[artist] Nine Inch Nails (id 3857)",
    ]);
  });

  test(
    "marketplace: stats, fee, inventory, a listing's life cycle, orders",
    { timeout: 120_000 },
    async () => {
      const { run, emu } = await runExample("marketplace");
      expectLines(run, [
        "Signed in as example",
        /^The Downward Spiral: \d+ for sale, lowest [\d.]+ USD$/,
        /suggested price for VG\+: [\d.]+ USD/,
        "Discogs' fee on a 25.00 USD sale: 2.00 USD",
        "Your most expensive listings:",
        /^Created listing \d+$/,
        "now: Draft, Very Good Plus (VG+), 22.5 USD",
        /deleted listing \d+/,
        /^ {2}Order 1-\d+: .+, \d+ item\(s\), total [\d.]+ USD$/,
        /latest messages of order 1-\d+:/,
      ]);
      const created = Number(/Created listing (\d+)/.exec(run.stdout)?.[1]);
      expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(
        expect.arrayContaining([
          "POST /marketplace/listings 201",
          `POST /marketplace/listings/${created} 204`,
          `DELETE /marketplace/listings/${created} 204`,
        ]),
      );
    },
  );

  test("collection: folders, value, wantlist, lists, and undone writes", { timeout: 120_000 }, async () => {
    const { run, emu } = await runExample("collection");
    expectLines(run, [
      "example: 132 in collection, 136 wanted",
      /^ +0 All \(132\)$/,
      "Recently added",
      /^Collection value: minimum \$[\d,.]+, median \$[\d,.]+, maximum \$[\d,.]+$/,
      "Custom fields: Media Condition (dropdown), Sleeve Condition (dropdown), Notes (textarea)",
      "Wantlist: 136 releases",
      /^List ".+": \d+ items$/,
      /^Created folder \d+ "discogs-sdk example"$/,
      /added The Downward Spiral as instance \d+/,
      'set "Notes" to "Signed copy" and the rating to 5',
      "you now have 1 copy of it",
      'Wanted The Downward Spiral: "Original pressing", rating 4',
      'notes now "Original US pressing"',
      "removed it from the wantlist again",
    ]);
    // Everything the example created is gone again.
    const after = await fetch(`${emu.url}/users/example/collection/folders`, {
      headers: { authorization: `Discogs token=${TOKEN}` },
    }).then((r) => r.json() as Promise<{ folders: { name: string }[] }>);
    expect(after.folders.map((f) => f.name)).not.toContain("discogs-sdk example");
  });

  test("concurrency: many requests under the limiter, cancellation", { timeout: 120_000 }, async () => {
    const { run, emu } = await runExample("concurrency");
    expectLines(run, [
      /^Fetched 25 releases concurrently in \d+ ms$/,
      /requests sent: \d+, 429 responses: 0, throttled: \d+/,
      /budget: \d+ used, \d+ of 60 left in this window/,
      "Two awaits of one lazy master (The Downward Spiral === The Downward Spiral): 1 request",
      /^In parallel: 150 label releases and \d+ master versions$/,
      "Cancelled batch: 10 of 10 requests rejected with DiscogsAbortError",
      "Pagination cancelled: 50 items read, 1 page request sent (AbortError)",
      "Search within a 10 s deadline: 50 results",
    ]);
    expect(emu.requests.filter((r) => r.status === 429)).toEqual([]);
  });

  test("advanced: errors, retries, timeouts, cache, exports, uploads", { timeout: 120_000 }, async () => {
    const { run } = await runExample("advanced");
    expectLines(run, [
      'NotFoundError: HTTP 404 "Release not found." on GET /releases/999999999',
      "TypeError before sending: rating must be",
      "fetch #1 GET /masters/3719 -> 503 (simulated outage)",
      /retry 1 after status:503, waiting \d+ ms/,
      "fetch #2 GET /masters/3719 -> 200",
      'got "The Downward Spiral" after 2 attempts',
      "DiscogsTimeoutError after 300 ms",
      '3 loads of "Nine Inch Nails" (3857, 3857): 2 HTTP requests',
      "after clearCache(): 3 HTTP requests",
      /requested export \d+: success/,
      /\.csv: \d+ listings, columns listing_id, artist, title, label, \.\.\./,
      /the same file as bytes: (\d+) B; as a stream: \1 B/,
      /upload \d+ \(add\): success/,
      /it listed #\d+: Nine Inch Nails - The Downward Spiral/,
      /upload \d+ deleted it again: success/,
    ]);
  });
});

test("npm run demo: starts the emulator, runs the quickstart, exits 0", { timeout: 120_000 }, async () => {
  const run = await runProcess(process.execPath, [path.join("scripts", "demo.mjs")], {
    env: exampleEnv({}),
    timeoutMs: 90_000,
  });
  expect(run.code, describeRun(run)).toBe(0);
  expectLines(run, [/^Discogs emulator running at http:\/\/127\.0\.0\.1:\d+$/, "The Downward Spiral (1994)"]);
  expectLines(run, ["[artist] Nine Inch Nails", /\(3 requests reached the emulator\)/]);
});
