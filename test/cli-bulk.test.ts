/**
 * Safe bulk writes through the built bin against the emulator: `--dry-run` prints the per-row diff and sends no
 * write (the emulator's request log), a real run sends exactly one request per changed row and writes the
 * result file, a re-run touches only what failed, and a create that may have reached Discogs is never repeated.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { parseCsv } from "../src/cli/csv";
import { startEmulator, type Emulator } from "../src/testing/index";
import { ensureBuilt, freshHome, jsonLines, outputs, runCli } from "./helpers/cli";

const TOKEN = "bulk-test-token-c0ffee";
let emu: Emulator;
let auth: string[];
let home: string;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emu = await startEmulator({ rateLimit: false, credentials: { tokens: { [TOKEN]: "example" } } });
  auth = ["--base-url", emu.url, "--token", TOKEN];
  home = freshHome();
});
afterEach(async () => {
  await emu.close();
});

const writes = () => emu.requests.filter((r) => r.method !== "GET");
const file = (name: string, text: string) => {
  const p = path.join(home, name);
  writeFileSync(p, text);
  return p;
};
const resultRows = (p: string) => {
  const [header, ...rows] = parseCsv(readFileSync(p, "utf8"));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
};

describe("inventory update --from prices.csv", () => {
  const prices = () =>
    file(
      "prices.csv",
      [
        "listing_id,price,condition",
        "1000000001,14.50,", // price changes
        "1000000002,22.05,", // same price: skipped
        "1000000003,,VG+", // condition changes (abbreviation)
        "1000000004,19.99,Mint (M)", // both change
        "1000000012,5.00,", // Sold: cannot be edited
      ].join("\n") + "\n",
    );

  test("--dry-run prints the per-row diff and sends nothing", async () => {
    const before = structuredClone([...emu.state.listings.values()]);
    const r = await runCli(["inventory", "update", "--from", prices(), "--dry-run", ...auth], { home });
    expect(r.code).toBe(1); // one row is invalid (the Sold listing)
    const rows = jsonLines(r.stdout) as {
      row: number;
      listing_id: string;
      action: string;
      changes: Record<string, { from: unknown; to: unknown }>;
    }[];
    expect(rows.map((x) => [x.row, x.listing_id, x.action])).toEqual([
      [1, "1000000001", "update"],
      [2, "1000000002", "skip"],
      [3, "1000000003", "update"],
      [4, "1000000004", "update"],
      [5, "1000000012", "fail"],
    ]);
    expect(rows[0]!.changes).toEqual({ price: { from: 16.75, to: 14.5 } });
    expect(rows[2]!.changes).toEqual({
      condition: { from: "Near Mint (NM or M-)", to: "Very Good Plus (VG+)" },
    });
    expect(rows[3]!.changes).toEqual({
      price: { from: 26.5, to: 19.99 },
      condition: { from: "Very Good Plus (VG+)", to: "Mint (M)" },
    });
    expect(writes()).toEqual([]);
    expect([...emu.state.listings.values()]).toEqual(before);
    expect(() => readFileSync(path.join(home, "prices.result.csv"))).toThrow(); // a dry run writes no result file
  });

  test("a real run sends exactly one request per changed row and writes the result file", async () => {
    const r = await runCli(["inventory", "update", "--from", prices(), ...auth], { home });
    expect(r.code).toBe(1); // the Sold row failed
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      "POST /marketplace/listings/1000000001",
      "POST /marketplace/listings/1000000003",
      "POST /marketplace/listings/1000000004",
    ]);
    // Each edit carries the whole listing, so that nothing else changes.
    expect(writes()[0]!.body).toMatchObject({
      release_id: 352665,
      condition: "Good (G)",
      price: 14.5,
      status: "For Sale",
      sleeve_condition: "Very Good (VG)",
    });
    expect(emu.state.listings.get(1000000001)!.price.value).toBe(14.5);
    expect(emu.state.listings.get(1000000003)!.condition).toBe("Very Good Plus (VG+)");
    expect(emu.state.listings.get(1000000003)!.comments).toBe("Plays great, light marks on sleeve.");
    const results = resultRows(path.join(home, "prices.result.csv"));
    expect(results.map((x) => [x.listing_id, x.result])).toEqual([
      ["1000000001", "ok"],
      ["1000000002", "skipped"],
      ["1000000003", "ok"],
      ["1000000004", "ok"],
      ["1000000012", "failed"],
    ]);
    expect(r.stderr).toContain("Run the same command again to retry the failures");
  });

  test("a re-run touches only the failures", async () => {
    const p = file("p.csv", "listing_id,price\n1000000001,10\n1000000002,11\n1000000003,12\n");
    emu.faults.add({ kind: "status", status: 422, method: "POST", path: "/marketplace/listings/1000000002" });
    const first = await runCli(["inventory", "update", "--from", p, ...auth], { home });
    expect(first.code).toBe(1);
    expect(writes()).toHaveLength(3);
    expect(resultRows(path.join(home, "p.result.csv")).map((x) => x.result)).toEqual(["ok", "failed", "ok"]);
    emu.clearRequests();
    const second = await runCli(["inventory", "update", "--from", p, ...auth], { home });
    expect(second.code, second.stderr).toBe(0);
    expect(writes().map((w) => w.path)).toEqual(["/marketplace/listings/1000000002"]);
    expect(resultRows(path.join(home, "p.result.csv")).map((x) => x.result)).toEqual(["ok", "ok", "ok"]);
    emu.clearRequests();
    expect((await runCli(["inventory", "update", "--from", p, ...auth], { home })).code).toBe(0);
    expect(writes()).toEqual([]);
  });

  test("bad rows are a usage error naming them, before anything is sent", async () => {
    const p = file("bad.csv", "listing_id,price,condition\n1000000001,abc,\n1000000002,5,Shiny\n");
    const r = await runCli(["inventory", "update", "--from", p, ...auth], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("row 1: price");
    expect(r.stderr).toContain("row 2: condition");
    expect(emu.requests).toEqual([]);
  });

  test("one listing on the command line: the same diff, one request", async () => {
    const r = await runCli(["inventory", "update", "1000000005", "--price", "9.5", ...auth], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(writes().map((w) => w.path)).toEqual(["/marketplace/listings/1000000005"]);
    expect(emu.state.listings.get(1000000005)!.price.value).toBe(9.5);
  });
});

describe("collection add --from file", () => {
  test("dry run and real run: releases already in the collection are skipped, the rest added once each", async () => {
    const have = emu.state.collection.get("example")![0]!.release_id;
    const owned = emu.state.collection.get("example")!.filter((i) => i.release_id === have).length;
    const fresh = [...emu.state.releases.keys()].filter(
      (id) => !emu.state.collection.get("example")!.some((i) => i.release_id === id),
    );
    const p = file("adds.csv", ["release_id", have, fresh[0], fresh[1], fresh[1]].join("\n") + "\n");
    const dry = await runCli(["collection", "add", "--from", p, "--dry-run", ...auth], { home });
    expect(dry.code, dry.stderr).toBe(0);
    expect((jsonLines(dry.stdout) as { action: string }[]).map((x) => x.action)).toEqual(
      owned >= 1 ? ["skip", "add", "add", "add"] : ["add", "add", "add", "add"],
    );
    expect(writes()).toEqual([]);
    const before = emu.state.collection.get("example")!.length;
    const real = await runCli(["collection", "add", "--from", p, ...auth], { home });
    expect(real.code, real.stderr).toBe(0);
    expect(writes().map((w) => w.path)).toEqual([
      `/users/example/collection/folders/1/releases/${fresh[0]}`,
      `/users/example/collection/folders/1/releases/${fresh[1]}`,
      `/users/example/collection/folders/1/releases/${fresh[1]}`,
    ]);
    expect(emu.state.collection.get("example")!.length).toBe(before + 3);
    emu.clearRequests();
    // Nothing left to do: the result file says ok, and the collection has them.
    expect((await runCli(["collection", "add", "--from", p, ...auth], { home })).code).toBe(0);
    expect(writes()).toEqual([]);
  });

  test("a create that may have reached Discogs is not retried; the next run checks the collection first", async () => {
    const fresh = [...emu.state.releases.keys()].filter(
      (id) => !emu.state.collection.get("example")!.some((i) => i.release_id === id),
    );
    const p = file("adds.csv", `release_id\n${fresh[0]}\n${fresh[1]}\n${fresh[2]}\n`);
    // The second add: Discogs does it, then the connection breaks before the answer.
    emu.faults.add({
      kind: "truncated",
      method: "POST",
      path: `/users/example/collection/folders/1/releases/${fresh[1]}`,
    });
    const first = await runCli(["collection", "add", "--from", p, ...auth], { home });
    expect(first.code).toBe(1);
    const posts = writes().map((w) => w.path.split("/").pop());
    expect(posts).toEqual([String(fresh[0]), String(fresh[1])]); // sent once, not retried; the run stopped there
    const results = resultRows(path.join(home, "adds.result.csv"));
    expect(results.map((x) => x.result)).toEqual(["ok", "failed", "skipped"]);
    expect(results[1]!.detail).toContain("may have reached Discogs");
    emu.clearRequests();
    const second = await runCli(["collection", "add", "--from", p, ...auth], { home });
    expect(second.code, second.stderr).toBe(0);
    // fresh[1] reached Discogs: it is in the collection now, so only fresh[2] is added.
    expect(writes().map((w) => w.path.split("/").pop())).toEqual([String(fresh[2])]);
    expect(emu.state.collection.get("example")!.filter((i) => i.release_id === fresh[1])).toHaveLength(1);
  });
});

describe("wantlist add --from file", () => {
  test("adds new wants, updates changed ones, skips unchanged ones; the dry run sends nothing", async () => {
    const wants = [...emu.state.wants.get("example")!.entries()];
    const [same, changed] = wants;
    const fresh = [...emu.state.releases.keys()].find((id) => !emu.state.wants.get("example")!.has(id))!;
    const p = file(
      "wants.jsonl",
      [
        { release_id: same![0], rating: same![1].rating },
        { release_id: changed![0], rating: changed![1].rating === 5 ? 4 : 5, notes: "Any copy" },
        { release_id: fresh, notes: "Original pressing", rating: 4 },
      ]
        .map((o) => JSON.stringify(o))
        .join("\n") + "\n",
    );
    const dry = await runCli(["wantlist", "add", "--from", p, "--dry-run", ...auth], { home });
    expect(dry.code, dry.stderr).toBe(0);
    expect((jsonLines(dry.stdout) as { action: string }[]).map((x) => x.action)).toEqual([
      "skip",
      "update",
      "add",
    ]);
    expect(writes()).toEqual([]);
    const real = await runCli(["wantlist", "add", "--from", p, ...auth], { home });
    expect(real.code, real.stderr).toBe(0);
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST /users/example/wants/${changed![0]}`,
      `PUT /users/example/wants/${fresh}`,
    ]);
    expect(emu.state.wants.get("example")!.get(fresh)).toMatchObject({
      notes: "Original pressing",
      rating: 4,
    });
  });
});

afterAll(() => {
  for (const o of outputs) expect(o.stdout + o.stderr).not.toContain(TOKEN);
});
