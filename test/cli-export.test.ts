/**
 * `discogs collection|wantlist|inventory export` through the built bin against the emulator: the website's CSV
 * header byte for byte, rows streamed page by page, JSONL, and resume after Ctrl-C re-requesting at most one
 * page, both to a file (--output) and to stdout.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { COLLECTION_CSV_HEADER, INVENTORY_CSV_HEADER, WANTLIST_CSV_HEADER, parseCsv } from "../src/cli/csv";
import { startEmulator, type Emulator } from "../src/testing/index";
import { ensureBuilt, freshHome, jsonLines, outputs, runCli, until } from "./helpers/cli";

const TOKEN = "export-test-token-93b1";
const PAGE_PATH = "/users/example/collection/folders/0/releases";
let emu: Emulator;
let auth: string[];
let total: number;

beforeAll(async () => {
  await ensureBuilt();
  emu = await startEmulator({ rateLimit: false, credentials: { tokens: { [TOKEN]: "example" } } });
  auth = ["--base-url", emu.url, "--token", TOKEN];
  // 132 seeded items, plus copies up to 450: five pages of 100.
  const items = emu.state.collection.get("example")!;
  const seeded = items.length;
  for (let i = 0; items.length < 450; i++) {
    const src = items[i % seeded]!;
    items.push({
      ...structuredClone(src),
      instance_id: emu.state.nextInstanceId++,
      date_added: `2023-01-${String((i % 28) + 1).padStart(2, "0")}T10:00:00-08:00`,
    });
  }
  total = items.length;
}, 180_000);
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => emu.reset());

const pageRequests = () =>
  emu.requests.filter((r) => r.path === PAGE_PATH).map((r) => Number(r.query.page ?? 1));

describe("collection export --format csv", () => {
  test("the header is the website's, byte for byte; one row per item, in pages of 100", async () => {
    const home = freshHome();
    const r = await runCli(["collection", "export", ...auth], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(""); // no progress bar: stderr is not a terminal
    expect(
      r.stdout.startsWith(
        "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes\n",
      ),
    ).toBe(true);
    expect(COLLECTION_CSV_HEADER).toBe(r.stdout.split("\n")[0]);
    const rows = parseCsv(r.stdout);
    expect(rows).toHaveLength(total + 1);
    expect(rows.every((row) => row.length === 13)).toBe(true);
    expect(pageRequests()).toEqual([1, 2, 3, 4, 5]);
    expect(emu.requests.find((q) => q.path === PAGE_PATH)!.query).toMatchObject({
      per_page: "100",
      sort: "added",
      sort_order: "asc",
    });
  });

  test("a row: catalog numbers, artists, labels, website-style format, rating, year, id, folder name, date, notes", async () => {
    const r = await runCli(["collection", "export", ...auth]);
    const rows = parseCsv(r.stdout).slice(1);
    const items = [...emu.state.collection.get("example")!].sort(
      (a, b) => Date.parse(a.date_added) - Date.parse(b.date_added),
    );
    const folders = new Map(emu.state.folders.get("example")!.map((f) => [f.id, f.name]));
    // The first item by date; its basic_information as the emulator serves it.
    const first = items[0]!;
    const res = await fetch(`${emu.url}/users/example/collection/releases/${first.release_id}`, {
      headers: { authorization: `Discogs token=${TOKEN}` },
    });
    const info = ((await res.json()) as { releases: { basic_information: any }[] }).releases[0]!
      .basic_information;
    const row = rows[0]!;
    expect(row[7]).toBe(String(first.release_id));
    expect(row[0]).toBe([...new Set(info.labels.map((l: any) => l.catno))].join(", "));
    expect(row[2]).toBe(info.title);
    expect(row[3]).toBe([...new Set(info.labels.map((l: any) => l.name))].join(", "));
    expect(row[5]).toBe(first.rating ? String(first.rating) : "");
    expect(row[6]).toBe(String(info.year));
    expect(row[8]).toBe(folders.get(first.folder_id));
    expect(row[9]).toBe(first.date_added.slice(0, 19).replace("T", " "));
    const note = (id: number) => first.notes.find((n) => n.field_id === id)?.value ?? "";
    expect(row.slice(10)).toEqual([note(1), note(2), note(3)]);
    // Every folder name is right.
    for (const [i, it] of items.entries()) expect(rows[i]![8]).toBe(folders.get(it.folder_id));
  });

  test("--format jsonl writes one item a line; --fields projects", async () => {
    const r = await runCli([
      "collection",
      "export",
      "--format",
      "jsonl",
      "--fields",
      "instance_id,basic_information.title",
      ...auth,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout) as { instance_id: number; basic_information: { title: string } }[];
    expect(lines).toHaveLength(total);
    expect(Object.keys(lines[0]!)).toEqual(["instance_id", "basic_information"]);
    expect(Object.keys(lines[0]!.basic_information)).toEqual(["title"]);
  });

  test("--fields with csv, or --json with --format csv, is a usage error before any request", async () => {
    expect((await runCli(["collection", "export", "--fields", "id", ...auth])).code).toBe(2);
    expect((await runCli(["collection", "export", "--json", "--format", "csv", ...auth])).code).toBe(2);
    expect(emu.requests).toHaveLength(0);
    // Nothing to resume: a usage error before any page is requested (the user's name may be looked up).
    expect((await runCli(["collection", "export", "--resume", ...auth])).code).toBe(2);
    expect(pageRequests()).toEqual([]);
  });
});

/** Runs an export that Ctrl-C interrupts while page 3 is in flight. */
async function interruptedAtPage3(args: string[], home: string) {
  emu.faults.add({ kind: "latency", ms: 1, path: PAGE_PATH, times: 2 });
  emu.faults.add({ kind: "latency", ms: 30_000, path: PAGE_PATH });
  return runCli(args, {
    home,
    onSpawn: (child) => {
      child.stdin!.end();
      void until(() => emu.faults.list().length === 0, 30_000, "page 3 in flight").then(() =>
        child.kill("SIGINT"),
      );
    },
  });
}

describe("resume after Ctrl-C", () => {
  test("--output: exit 130, then --resume re-requests only the page that was in flight; the file equals a full export", async () => {
    const home = freshHome();
    const file = path.join(home, "collection.csv");
    const first = await interruptedAtPage3(["collection", "export", "-o", file, ...auth], home);
    expect(first.code).toBe(130);
    expect(first.stderr).toContain("--resume");
    const firstPages = pageRequests();
    expect(firstPages).toEqual([1, 2]); // page 3 was cut off before the emulator answered
    expect(parseCsv(readFileSync(file, "utf8"))).toHaveLength(201);
    emu.reset();

    const second = await runCli(["collection", "export", "-o", file, "--resume", ...auth], { home });
    expect(second.code, second.stderr).toBe(0);
    const secondPages = pageRequests();
    expect(secondPages).toEqual([3, 4, 5]);
    // Requested twice: page 3 only (sent in the first run, cut off), never pages 1 and 2.
    expect(secondPages.filter((p) => p <= 2)).toEqual([]);
    emu.reset();

    const full = path.join(home, "full.csv");
    expect((await runCli(["collection", "export", "-o", full, ...auth], { home })).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(readFileSync(full, "utf8"));
    // Done: nothing left to resume.
    expect((await runCli(["collection", "export", "-o", file, "--resume", ...auth], { home })).code).toBe(2);
  });

  test("stdout: the resumed run writes only the rest (no second header); both outputs together equal a full export", async () => {
    const home = freshHome();
    const first = await interruptedAtPage3(["collection", "export", ...auth], home);
    expect(first.code).toBe(130);
    emu.reset();
    const second = await runCli(["collection", "export", "--resume", ...auth], { home });
    expect(second.code, second.stderr).toBe(0);
    expect(pageRequests()).toEqual([3, 4, 5]);
    const full = await runCli(["collection", "export", ...auth], { home });
    expect(first.stdout + second.stdout).toBe(full.stdout);
  });
});

describe("wantlist and inventory exports", () => {
  test("wantlist export: the website's wantlist header, one row per want; jsonl", async () => {
    const r = await runCli(["wantlist", "export", ...auth]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,Notes",
    );
    expect(WANTLIST_CSV_HEADER).toBe(r.stdout.split("\n")[0]);
    expect(parseCsv(r.stdout)).toHaveLength(emu.state.wants.get("example")!.size + 1);
    const j = await runCli(["wantlist", "export", "--format", "jsonl", ...auth]);
    expect(jsonLines(j.stdout)).toHaveLength(emu.state.wants.get("example")!.size);
  });

  test("inventory export: the inventory export's header; resumable like the others", async () => {
    const home = freshHome();
    const file = path.join(home, "inventory.csv");
    const r = await runCli(["inventory", "export", "-o", file, ...auth], { home });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toBe(
      "listing_id,artist,title,label,catno,format,release_id,status,price,listed,comments,media_condition,sleeve_condition,accept_offer,external_id,weight,format_quantity,location,quantity",
    );
    expect(INVENTORY_CSV_HEADER).toBe(text.split("\n")[0]);
    const rows = parseCsv(text).slice(1);
    const mine = [...emu.state.listings.values()].filter((l) => l.seller?.username === "example");
    expect(rows).toHaveLength(mine.length);
    const byId = new Map(rows.map((row) => [row[0], row]));
    for (const l of mine) {
      const row = byId.get(String(l.id))!;
      expect(row[6]).toBe(String(l.release.id));
      expect(row[7]).toBe(l.status);
      expect(Number(row[8])).toBeCloseTo(l.price.value, 2);
    }
  });
});

afterAll(() => {
  for (const o of outputs) expect(o.stdout + o.stderr).not.toContain(TOKEN);
});
