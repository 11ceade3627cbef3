/**
 * The terminal side of the output contract, through a pseudo-terminal (python3's standard pty module, present
 * wherever python3 is): aligned tables with colour, relative times, colour off with NO_COLOR / --no-color /
 * TERM=dumb, --fields as columns, and the export's progress bar on a terminal stderr (never in the data).
 */
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import { ensureBuilt, freshHome, runCli, runInPty } from "./helpers/cli";

const TOKEN = "tty-test-token-0b5e";
const ESC = "\x1b[";
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const RAW = /[\r\x1b]/;
const python = spawnSync("python3", ["-c", "import pty"]).status === 0;
if (!python) console.log("NOT RUN: the pseudo-terminal tests need python3 (its standard pty module)");
let emu: Emulator;
let auth: string[];

beforeAll(async () => {
  await ensureBuilt();
  emu = await startEmulator({ rateLimit: false, credentials: { tokens: { [TOKEN]: "example" } } });
  auth = ["--base-url", emu.url, "--token", TOKEN];
}, 180_000);
afterAll(async () => {
  await emu?.close();
});

describe.skipIf(!python)("on a terminal", () => {
  test("a list is an aligned table: bold upper-case headers, relative times, lines within the width", async () => {
    const r = await runInPty(["collection", "list", "--limit", "5", ...auth], { columns: 120 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${ESC}1m`); // bold headers
    const plain = r.stdout.replace(ANSI, "");
    const lines = plain.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^RELEASE +INSTANCE +ARTIST +TITLE +YEAR +FORMAT +FOLDER +RATING +ADDED$/);
    // Columns line up: each header starts where its column starts.
    const at = lines[0]!.indexOf("TITLE");
    for (const line of lines.slice(1)) expect(line[at - 1]).toBe(" ");
    expect(plain).toMatch(/\d+ years ago/);
    expect(plain).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(120);
  });

  test("one object is a field / value table", async () => {
    const r = await runInPty(["release", "352665", ...auth]);
    expect(r.code).toBe(0);
    const plain = r.stdout.replace(ANSI, "");
    expect(plain).toMatch(/^ID +352665$/m);
    expect(plain).toMatch(/^Title +The Downward Spiral$/m);
    expect(plain).toMatch(/^Format +CD, Album$/m);
  });

  test("no colour with NO_COLOR, --no-color or TERM=dumb", async () => {
    for (const [args, env] of [
      [[], { NO_COLOR: "1" }],
      [["--no-color"], {}],
      [[], { TERM: "dumb" }],
    ] as const) {
      const r = await runInPty(["collection", "list", "--limit", "3", ...auth, ...args], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^RELEASE +INSTANCE/m);
      expect(r.stdout).not.toContain("\x1b");
    }
  });

  test("--fields picks the columns; --json prints JSON on a terminal too", async () => {
    const r = await runInPty([
      "collection",
      "list",
      "--limit",
      "2",
      "--fields",
      "id,basic_information.title",
      "--no-color",
      ...auth,
    ]);
    expect(r.stdout.split("\n")[0]).toMatch(/^ID +BASIC_INFORMATION\.TITLE$/);
    const j = await runInPty(["release", "352665", "--json", "--fields", "id,title", ...auth]);
    expect(j.stdout.trim()).toBe('{"id":352665,"title":"The Downward Spiral"}');
  });

  test("export: a progress bar with an ETA on the terminal stderr, clean CSV in the file", async () => {
    const home = freshHome();
    const file = path.join(home, "out.csv");
    const stdoutFile = path.join(home, "stdout.txt");
    emu.faults.add({
      kind: "latency",
      ms: 300,
      path: "/users/example/collection/folders/0/releases",
      times: 2,
    });
    const r = await runInPty(["collection", "export", "-o", file, ...auth], { home, stdoutFile });
    expect(r.code).toBe(0);
    const terminal = r.stdout; // stderr: the terminal
    expect(terminal).toMatch(/Exporting collection \[[█░]+\] 100\/132 75% ETA \d+s/);
    expect(terminal).toContain("132/132 100%");
    expect(terminal).toMatch(/Exported 132 items to .*out\.csv in \d+\.\d s/);
    expect(readFileSync(stdoutFile, "utf8")).toBe("");
    const csv = readFileSync(file, "utf8");
    expect(csv).not.toMatch(RAW);
    expect(csv.split("\n")).toHaveLength(134);
  });

  test("no bar when stderr is not a terminal", async () => {
    const home = freshHome();
    const r = await runCli(["collection", "export", "-o", path.join(home, "x.csv"), ...auth], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  test("errors go to stderr in red on a terminal, plain with NO_COLOR", async () => {
    const red = await runInPty(["release", "999999999", ...auth]);
    expect(red.code).toBe(3);
    expect(red.stdout).toContain(`${ESC}31merror:`);
    const plain = await runInPty(["release", "999999999", ...auth], { env: { NO_COLOR: "1" } });
    expect(plain.stdout).toMatch(/^error: Release not found/m);
  });
});
