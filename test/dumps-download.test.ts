/**
 * `listDumps` and `downloadDump` against a local stand-in of data.discogs.com (`test/helpers/dump-site.ts`):
 * the HTML listings, `?download=` links, CHECKSUM.txt, no Range, the 429 block, broken connections, redirects.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  downloadDump,
  DumpDownloadError,
  listDumps,
  parseChecksums,
  readReleases,
  type DumpDownloadProgress,
} from "../src/dumps/index";
import { startDumpSite, type DumpSite } from "./helpers/dump-site";
import { release, releasesXml } from "./helpers/dump-samples";

const tmp = mkdtempSync(join(tmpdir(), "dumps-dl-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dir = () => join(tmp, `d${++n}`) + "/";

const releases = gzipSync(releasesXml(...Array.from({ length: 300 }, (_, i) => release(i + 1))));
const artists = gzipSync("<artists>\n<artist><id>1</id><name>The Persuader</name></artist>\n</artists>\n");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const FILES = {
  "data/2025/discogs_20251201_releases.xml.gz": releases,
  "data/2025/discogs_20251201_artists.xml.gz": artists,
  "data/2025/discogs_20251201_labels.xml.gz": gzipSync("<labels>\n</labels>\n"),
  "data/2025/discogs_20251201_masters.xml.gz": gzipSync("<masters>\n</masters>\n"),
  "data/2026/discogs_20260601_releases.xml.gz": releases,
  "data/2026/discogs_20260601_artists.xml.gz": artists,
  "data/2026/discogs_20260601_labels.xml.gz": gzipSync("<labels>\n</labels>\n"),
  "data/2026/discogs_20260601_masters.xml.gz": gzipSync("<masters>\n</masters>\n"),
  // July is being written: no CHECKSUM.txt yet.
  "data/2026/discogs_20260701_labels.xml.gz": gzipSync("<labels>\n</labels>\n"),
};

let site: DumpSite;
beforeEach(async () => {
  site = await startDumpSite({ files: FILES, incomplete: ["20260701"] });
});
afterEach(async () => {
  await site.close();
});

describe("listDumps", () => {
  it("reads the root for the latest year, then that year's listing", async () => {
    const months = await listDumps({ baseUrl: site.url });
    expect(months.map((m) => [m.date, m.stamp, m.complete])).toEqual([
      ["2026-06", "20260601", true],
      ["2026-07", "20260701", false],
    ]);
    const june = months[0]!;
    expect(june.files.map((f) => f.kind).sort()).toEqual([
      "artists",
      "checksum",
      "labels",
      "masters",
      "releases",
    ]);
    const rel = june.files.find((f) => f.kind === "releases")!;
    expect(rel).toMatchObject({
      name: "discogs_20260601_releases.xml.gz",
      key: "data/2026/discogs_20260601_releases.xml.gz",
      lastModified: "2026-06-01 19:22:10",
    });
    expect(new URL(rel.url).searchParams.get("download")).toBe(rel.key);
    // The listing rounds ("12.3 KB"): within 5 %.
    expect(Math.abs(rel.approxBytes! - releases.length) / releases.length).toBeLessThan(0.05);
    expect(site.requests.map((r) => r.url)).toEqual(["/", "/?prefix=data%2F2026%2F"]);
  });

  it("one request for a given year", async () => {
    const months = await listDumps({ baseUrl: site.url, year: 2025 });
    expect(months.map((m) => m.date)).toEqual(["2025-12"]);
    expect(site.requests).toHaveLength(1);
  });

  it("refuses bad options with a TypeError before any request", async () => {
    await expect(listDumps({ baseUrl: site.url, yaer: 2025 } as never)).rejects.toThrow(
      /unknown option "yaer"/,
    );
    await expect(listDumps({ baseUrl: site.url, year: 26 })).rejects.toThrow(TypeError);
    await expect(listDumps({ baseUrl: "ftp://example.com/" })).rejects.toThrow(TypeError);
    expect(site.requests).toHaveLength(0);
  });
});

describe("parseChecksums", () => {
  it("splits on any whitespace: one space, two spaces, tabs, CRLF, a binary-mode star", () => {
    const a = "a".repeat(64);
    const b = "B".repeat(64);
    const c = "c".repeat(64);
    const sums = parseChecksums(`${a} one.xml.gz\r\n${b}  two.xml.gz\n${c}\t*three.xml.gz\n\n`);
    expect(Object.fromEntries(sums)).toEqual({
      "one.xml.gz": a,
      "two.xml.gz": "b".repeat(64),
      "three.xml.gz": c,
    });
  });
});

describe("downloadDump", () => {
  it("downloads, verifies the SHA-256 while streaming, and renames into place", async () => {
    const to = dir();
    const calls: DumpDownloadProgress[] = [];
    const got = await downloadDump({
      baseUrl: site.url,
      date: "2026-06",
      kind: "releases",
      to,
      onProgress: (p) => calls.push(p),
    });
    expect(got).toEqual({
      path: join(to, "discogs_20260601_releases.xml.gz"),
      name: "discogs_20260601_releases.xml.gz",
      date: "2026-06",
      kind: "releases",
      bytes: releases.length,
      sha256: sha(releases),
      restarts: 0,
    });
    expect(readFileSync(got.path)).toEqual(releases);
    expect(readdirSync(to)).toEqual(["discogs_20260601_releases.xml.gz"]);
    expect(calls.at(-1)).toMatchObject({ done: true, bytes: releases.length, restarts: 0 });
    // listing, CHECKSUM.txt, the file; no Range ever.
    expect(site.requests.map((r) => new URL(r.url, site.url).search)).toEqual([
      "?prefix=data%2F2026%2F",
      "?download=data%2F2026%2Fdiscogs_20260601_CHECKSUM.txt",
      "?download=data%2F2026%2Fdiscogs_20260601_releases.xml.gz",
    ]);
    expect(site.requests.every((r) => r.headers.range === undefined)).toBe(true);
    expect(site.requests[2]!.headers["user-agent"]).toMatch(/^discogs-sdk\//);
    // The file reads back.
    let count = 0;
    for await (const _ of readReleases(got.path)) count++;
    expect(count).toBe(300);
  });

  it("reuses the listing and CHECKSUM.txt for the other files of the month: one request each", async () => {
    await downloadDump({ baseUrl: site.url, date: "2025-12", kind: "releases", to: dir() });
    const before = site.requests.length;
    await downloadDump({ baseUrl: site.url, date: "2025-12", kind: "artists", to: dir() });
    expect(site.requests.length - before).toBe(1);
  });

  it("`to` may name the file itself", async () => {
    const file = join(tmp, "named", "releases.xml.gz");
    const got = await downloadDump({ baseUrl: site.url, date: "2026-06", kind: "artists", to: file });
    expect(got.path).toBe(file);
    expect(readFileSync(file)).toEqual(artists);
  });

  it("a wrong checksum: checksum_mismatch, and nothing is kept", async () => {
    site.checksumOverride("discogs_20260601_masters.xml.gz", "0".repeat(64));
    const to = dir();
    const err = await downloadDump({ baseUrl: site.url, date: "2026-06", kind: "masters", to }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(DumpDownloadError);
    expect(err).toMatchObject({ reason: "checksum_mismatch" });
    expect(err.message).toContain("0".repeat(64));
    expect(readdirSync(to)).toEqual([]);
  });

  it("a broken connection restarts from the first byte and says so", async () => {
    site.dropAfter("data/2026/discogs_20260601_releases.xml.gz", 1000, 1);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const calls: DumpDownloadProgress[] = [];
    try {
      const got = await downloadDump({
        baseUrl: site.url,
        date: "2026-06",
        kind: "releases",
        to: dir(),
        progress: true,
        onProgress: (p) => calls.push(p),
      });
      expect(got.restarts).toBe(1);
      expect(readFileSync(got.path)).toEqual(releases);
      const printed = stderr.mock.calls.map((c) => String(c[0])).join("");
      expect(printed).toContain("the site cannot resume, restarting from the first byte (restart 1 of 1)");
    } finally {
      stderr.mockRestore();
    }
    expect(calls.at(-1)).toMatchObject({ done: true, restarts: 1 });
    const downloads = site.requests.filter((r) => r.url.includes("releases.xml.gz"));
    expect(downloads).toHaveLength(2);
    expect(downloads.every((r) => r.headers.range === undefined)).toBe(true);
  });

  it("with no restart left: interrupted, and the partial file is removed", async () => {
    site.dropAfter("data/2026/discogs_20260601_releases.xml.gz", 1000, 5);
    const to = dir();
    const err = await downloadDump({
      baseUrl: site.url,
      date: "2026-06",
      kind: "releases",
      to,
      restarts: 0,
    }).catch((e) => e);
    expect(err).toMatchObject({ reason: "interrupted" });
    expect(err.message).toContain("cannot resume");
    expect(readdirSync(to)).toEqual([]);
  });

  it("prints nothing when stderr is not a terminal (the default for a pipe)", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const isTTY = process.stderr.isTTY;
    Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
    try {
      await downloadDump({ baseUrl: site.url, date: "2026-06", kind: "artists", to: dir() });
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      Object.defineProperty(process.stderr, "isTTY", { value: isTTY, configurable: true });
      stderr.mockRestore();
    }
  });

  it("an incomplete month (no CHECKSUM.txt yet) and an unknown month: not_found", async () => {
    await expect(
      downloadDump({ baseUrl: site.url, date: "2026-07", kind: "labels", to: dir() }),
    ).rejects.toMatchObject({
      reason: "not_found",
      message: expect.stringContaining("no CHECKSUM.txt yet"),
    });
    await expect(
      downloadDump({ baseUrl: site.url, date: "2026-03", kind: "labels", to: dir() }),
    ).rejects.toMatchObject({
      reason: "not_found",
      message: expect.stringContaining("2026 has: 2026-06, 2026-07"),
    });
  });

  it("a redirect to another origin is refused", async () => {
    site.redirect("data/2026/discogs_20260601_labels.xml.gz", "https://evil.example/labels.xml.gz");
    await expect(
      downloadDump({ baseUrl: site.url, date: "2026-06", kind: "labels", to: dir() }),
    ).rejects.toMatchObject({
      reason: "redirect_refused",
    });
  });

  it("refuses bad options with a TypeError before any request", async () => {
    const base = { baseUrl: site.url, date: "2026-06", kind: "releases" as const, to: dir() };
    await expect(downloadDump({ ...base, date: "2026-6" })).rejects.toThrow(TypeError);
    await expect(downloadDump({ ...base, date: "20260601" })).rejects.toThrow(TypeError);
    await expect(downloadDump({ ...base, kind: "images" as never })).rejects.toThrow(TypeError);
    await expect(downloadDump({ ...base, to: "" })).rejects.toThrow(TypeError);
    await expect(downloadDump({ ...base, restarts: -1 })).rejects.toThrow(TypeError);
    await expect(downloadDump({ ...base, resume: true } as never)).rejects.toThrow(/unknown option "resume"/);
    expect(site.requests).toHaveLength(0);
  });

  it("abort: AbortError, and the partial file is removed", async () => {
    const ac = new AbortController();
    const to = dir();
    const p = downloadDump({
      baseUrl: site.url,
      date: "2026-06",
      kind: "releases",
      to,
      signal: ac.signal,
      onProgress: () => ac.abort(),
    });
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
    expect(existsSync(to) ? readdirSync(to) : []).toEqual([]);
  });
});

describe("a copy of the site that lists every file on its root page", () => {
  it("finds the month there: single-quoted, absolute links; the file still comes from the configured origin", async () => {
    const { startLocalServer } = await import("./helpers/local-server");
    const server = await startLocalServer();
    const key = "data/2026/discogs_20260601_artists.xml.gz";
    const sums = `${sha(artists)} discogs_20260601_artists.xml.gz\n`;
    const link = (k: string) =>
      `<a href='https://mirror.example/?download=${encodeURIComponent(k)}'>${k}</a>`;
    server.respond((req, res) => {
      const q = new URL(req.url, "http://x").searchParams;
      if (q.get("download") === key) return void res.end(artists);
      if (q.get("download")?.endsWith("CHECKSUM.txt")) return void res.end(sums);
      if (q.has("prefix")) {
        res.writeHead(404);
        return void res.end("no");
      }
      res.end(`<html>${link(key)}${link("data/2026/discogs_20260601_CHECKSUM.txt")}</html>`);
    });
    try {
      const got = await downloadDump({ baseUrl: server.url, date: "2026-06", kind: "artists", to: dir() });
      expect(readFileSync(got.path)).toEqual(artists);
      expect(server.requests.every((r) => !r.url.includes("mirror.example"))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe("the site's 429", () => {
  it("a clear error with the wait, then no more requests until the block is over", async () => {
    await site.close();
    site = await startDumpSite({ files: FILES, limit: 2 });
    const err = await downloadDump({ baseUrl: site.url, date: "2026-06", kind: "releases", to: dir() }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(DumpDownloadError);
    expect(err).toMatchObject({ reason: "rate_limited", status: 429 });
    expect(err.retryAfterMs).toBe(3574_000);
    expect(err.message).toMatch(/answered 429.*Wait 59 min 34 s/);
    expect(site.requests.map((r) => r.status)).toEqual([200, 200, 429]);

    // The next calls fail at once, without a request: no retry storm.
    const again = await listDumps({ baseUrl: site.url, year: 2025 }).catch((e) => e);
    expect(again).toMatchObject({ reason: "rate_limited" });
    expect(again.retryAfterMs).toBeGreaterThan(3500_000);
    expect(again.message).toContain("no request was sent");
    expect(site.requests).toHaveLength(3);
  });
});
