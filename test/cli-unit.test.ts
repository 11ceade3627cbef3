/** The CLI's pure parts, directly: CSV, the website's formats, the output helpers, argument parsing, credentials. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { nearest, parse } from "../src/cli/args";
import { resolveCredentials, normalizeBaseUrl } from "../src/cli/context";
import { artistString, csvLine, formatString, parseCsv, websiteTime } from "../src/cli/csv";
import { CliError, UsageError } from "../src/cli/exit";
import { cellText, colorAllowed, pick, project, relativeTime, renderTable } from "../src/cli/output";
import { configFile, stateDir } from "../src/cli/paths";
import { parseRef } from "../src/cli/commands/database";
import { readInput } from "../src/cli/commands/rows";
import { resultPath } from "../src/cli/commands/bulk";

describe("CSV", () => {
  test("fields with commas, quotes and line breaks survive a round trip", () => {
    const rows = [
      ["a", 'say "hi"', "x, y", "line1\nline2", ""],
      ["1", "", "", "", "last"],
    ];
    const text = rows.map((r) => csvLine(r)).join("");
    expect(text).toBe('a,"say ""hi""","x, y","line1\nline2",\n1,,,,last\n');
    expect(parseCsv(text)).toEqual(rows);
  });

  test("a BOM, CRLF and blank lines are accepted; an unclosed quote is an error", () => {
    expect(parseCsv('\uFEFFa,b\r\n1,2\r\n\r\n3,"4"\r\n')).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(() => parseCsv('a,"b\n')).toThrow(/quoted field/);
  });

  test("the website's format strings: quantity, Vinyl's size first, abbreviations, ' + ' between formats", () => {
    expect(formatString([{ name: "Vinyl", quantity: "2", descriptions: ["LP", "Album", "Reissue"] }])).toBe(
      "2xLP, Album, RE",
    );
    expect(formatString([{ name: "CD", quantity: "1", descriptions: ["Compilation"] }])).toBe("CD, Comp");
    expect(
      formatString([
        { name: "Vinyl", quantity: "1", descriptions: ['7"', "Single"] },
        { name: "Cassette", quantity: "1" },
      ]),
    ).toBe('7", Single + Cass');
    expect(formatString([{ name: "Vinyl", quantity: "1" }])).toBe("Vinyl");
  });

  test("artists joined with their join words; the website's date", () => {
    expect(artistString([{ name: "A", join: "&" }, { name: "B", join: "," }, { name: "C (2)" }])).toBe(
      "A & B, C (2)",
    );
    expect(artistString([{ name: "A", join: "" }, { name: "B" }])).toBe("A, B");
    expect(websiteTime("2011-09-22T11:12:40-07:00")).toBe("2011-09-22 11:12:40");
  });
});

describe("output helpers", () => {
  test("relative times", () => {
    const now = Date.parse("2024-06-15T12:00:00Z");
    expect(relativeTime("2024-06-15T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2024-06-15T09:00:00Z", now)).toBe("3 hours ago");
    expect(relativeTime("2024-06-13T12:00:00Z", now)).toBe("2 days ago");
    expect(relativeTime("2021-06-15T12:00:00Z", now)).toBe("3 years ago");
    expect(relativeTime("2024-06-16T12:00:00Z", now)).toBe("in 1 day");
  });

  test("pick and project: nested paths, arrays mapped, missing fields null", () => {
    const v = { a: 1, b: { c: 2, d: 3 }, l: [{ n: "x", m: 1 }, { n: "y" }] };
    expect(pick(v, ["l", "n"])).toEqual(["x", "y"]);
    expect(project(v, ["a", "b.c", "l.n", "l.m", "zz"])).toEqual({
      a: 1,
      b: { c: 2 },
      l: [
        { n: "x", m: 1 },
        { n: "y", m: null },
      ],
      zz: null,
    });
  });

  test("cells: names, prices, times, one line", () => {
    expect(cellText([{ name: "A" }, { name: "B" }], 0)).toBe("A, B");
    expect(cellText({ value: 9.99, currency: "USD" }, 0)).toBe("9.99 USD");
    expect(cellText("two\nlines", 0)).toBe("two lines");
    expect(cellText(true, 0)).toBe("yes");
  });

  test("tables fit the width by shortening the widest column", () => {
    const t = renderTable(["id", "title"], [["1", "x".repeat(80)]], { color: false, width: 40 });
    const lines = t.trimEnd().split("\n");
    expect(lines.every((l) => [...l].length <= 40)).toBe(true);
    expect(lines[1]!.endsWith("…")).toBe(true);
  });

  test("colour rules", () => {
    expect(colorAllowed({ isTTY: true }, {}, false)).toBe(true);
    expect(colorAllowed({ isTTY: true }, { NO_COLOR: "1" }, false)).toBe(false);
    expect(colorAllowed({ isTTY: true }, { NO_COLOR: "" }, false)).toBe(true);
    expect(colorAllowed({ isTTY: true }, { TERM: "dumb" }, false)).toBe(false);
    expect(colorAllowed({ isTTY: true }, {}, true)).toBe(false);
    expect(colorAllowed({ isTTY: false }, {}, false)).toBe(false);
  });
});

describe("arguments", () => {
  test("commands, global options before or after, positionals", () => {
    const p = parse(["--json", "collection", "export", "--format", "jsonl", "--resume"]);
    expect(p.kind).toBe("command");
    if (p.kind !== "command") return;
    expect(p.spec.name).toBe("collection export");
    expect(p.options).toMatchObject({ json: true, format: "jsonl", resume: true });
    const s = parse(["search", "--type", "release", "nine", "inch", "--base-url", "http://x"]);
    if (s.kind !== "command") throw new Error();
    expect(s.positionals).toEqual(["nine", "inch"]);
  });

  test("help forms", () => {
    expect(parse([])).toEqual({ kind: "help", topic: [] });
    expect(parse(["--help"])).toEqual({ kind: "help", topic: [] });
    expect(parse(["help", "exit-codes"])).toEqual({ kind: "help", topic: ["exit-codes"] });
    expect(parse(["collection"])).toEqual({ kind: "help", topic: ["collection"] });
    expect(parse(["release", "--help"])).toEqual({ kind: "help", topic: ["release"] });
  });

  test("usage errors name the culprit and suggest", () => {
    const err = (argv: string[]) => {
      try {
        parse(argv);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return e as UsageError;
      }
      throw new Error("no error");
    };
    expect(err(["colection", "list"]).hint).toContain("discogs collection");
    expect(err(["collection", "lsit"]).hint).toContain("collection list");
    expect(err(["release", "1", "--josn"]).hint).toContain("--json");
    expect(err(["release", "1", "2"]).message).toContain('"2"');
    expect(err(["release", "1", "--json=yes"]).message).toContain("--json takes no value");
    expect(nearest("inventroy", ["inventory", "orders"])).toBe("inventory");
  });

  test("typed references", () => {
    expect(parseRef("release", "352665")).toBe(352665);
    expect(parseRef("release", "@r352665")).toBe(352665);
    expect(parseRef("master", "[m3719]")).toBe(3719);
    expect(parseRef("artist", "https://www.discogs.com/artist/3857-Nine-Inch-Nails")).toBe(3857);
    expect(parseRef("release", "https://www.discogs.com/de/release/352665")).toBe(352665);
    expect(() => parseRef("release", "a3857")).toThrow(/artist reference/);
    expect(() => parseRef("label", "abc")).toThrow(UsageError);
  });
});

describe("credentials and paths", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "discogs-cli-unit-"));
  const file = path.join(dir, "config.json");
  writeFileSync(
    file,
    JSON.stringify({ version: 1, hosts: { "https://api.discogs.com": { token: "stored", username: "me" } } }),
  );

  test("environment > --token > config file, the config entry only for its own base URL", () => {
    const warnings: string[] = [];
    const warn = (t: string) => warnings.push(t);
    expect(
      resolveCredentials({ DISCOGS_TOKEN: "env" }, "flag", file, "https://api.discogs.com", warn),
    ).toMatchObject({
      source: "env",
      values: { token: "env" },
    });
    expect(warnings[0]).toContain("--token is ignored");
    expect(resolveCredentials({}, "flag", file, "https://api.discogs.com", warn)).toMatchObject({
      source: "flag",
      values: { token: "flag" },
    });
    expect(resolveCredentials({}, undefined, file, "https://api.discogs.com", warn)).toMatchObject({
      source: "config",
      values: { token: "stored" },
      username: "me",
    });
    expect(resolveCredentials({}, undefined, file, "http://127.0.0.1:1", warn)).toMatchObject({
      source: "none",
    });
  });

  test("incomplete sets are an auth error (exit 4) naming the variables, never their values", () => {
    try {
      resolveCredentials(
        { DISCOGS_CONSUMER_KEY: "k-secretish" },
        undefined,
        file,
        "https://api.discogs.com",
        () => {},
      );
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).code).toBe(4);
      expect((e as Error).message).toContain("DISCOGS_CONSUMER_SECRET is missing");
      expect((e as Error).message).not.toContain("k-secretish");
    }
  });

  test("base URLs", () => {
    expect(normalizeBaseUrl("http://127.0.0.1:8080/", "--base-url")).toBe("http://127.0.0.1:8080");
    expect(() => normalizeBaseUrl("ftp://x", "--base-url")).toThrow(UsageError);
    expect(() => normalizeBaseUrl("https://u:p@x", "--base-url")).toThrow(/credentials/);
  });

  test("XDG first, then the platform's folders", () => {
    expect(configFile({ XDG_CONFIG_HOME: "/x" }, "linux")).toBe("/x/discogs/config.json");
    expect(configFile({}, "linux")).toMatch(/\.config\/discogs\/config\.json$/);
    expect(configFile({}, "darwin")).toMatch(/Library\/Application Support\/discogs\/config\.json$/);
    expect(configFile({ APPDATA: "C:\\Users\\u\\AppData\\Roaming" }, "win32")).toContain("discogs");
    expect(stateDir({ XDG_STATE_HOME: "/s" }, "linux")).toBe("/s/discogs");
  });
});

describe("bulk input", () => {
  test("CSV with loose column names, JSONL, and bare id lists", () => {
    const csv = readInput("x.csv", "Release ID,Notes\n1,a\n2,\n", "release_id");
    expect(csv.rows.map((r) => r.values)).toEqual([
      { release_id: "1", notes: "a" },
      { release_id: "2", notes: "" },
    ]);
    const jsonl = readInput("x.jsonl", '{"release_id":3,"rating":4}\n', "release_id");
    expect(jsonl.rows[0]!.values).toEqual({ release_id: "3", rating: "4" });
    const ids = readInput("x.txt", "r10\n# comment\n11\n", "release_id");
    expect(ids.rows.map((r) => r.values.release_id)).toEqual(["10", "11"]);
    expect(resultPath("prices.csv", undefined)).toBe("prices.result.csv");
    expect(resultPath("-", undefined)).toBe("discogs-result.csv");
    expect(resultPath(undefined, undefined)).toBeUndefined();
  });
});
