/**
 * `discogs-sdk/dumps`: records per second from a gzipped dump to typed objects delivered by `for await`,
 * against gunzip alone on the same file in the same round; memory of the reading process. The corpora are the
 * real sample records repeated with fresh ids to at least 500 MB of XML per kind (`bench/lib/dump-corpus.ts`),
 * generated into a temporary directory and removed afterwards.
 */

import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildCorpus, corpusAvailable, type Corpus, type CorpusKind } from "../lib/dump-corpus";
import {
  lastJson,
  mb,
  median,
  num,
  progress,
  ROOT,
  run,
  type Goal,
  type SectionResult,
  type Table,
} from "../lib/util";

/** The goal: releases per second, at the real 2026 density. */
const GOAL_RELEASES_PER_SECOND = 30_000;
/** The memory goal. */
const GOAL_RSS = 256 * 1024 * 1024;
/** How many times the records are streamed for the memory check on a bigger dump. */
const LONG = 4;
/**
 * Peak RSS reading {@link LONG} times the corpus may exceed the peak reading it once by this factor and still
 * count as flat (memory proportional to the data would be about 4x; V8's heap and the garbage outside it settle
 * after the first few hundred megabytes).
 */
const FLAT = 1.25;

/**
 * The real dumps, for converting figures: bytes of XML per record and whole-file sizes. Releases are exact
 * (the 2026-06 dump unzipped: 61,590,487,061 bytes, 19,192,301 releases), labels exact (2026-08: 442,488,486
 * bytes, 2,405,196 labels); artists and masters are estimates (about 1.7 GB and 3.3 GB of XML in RESEARCH.md
 * §6, with the 2026-06 counts).
 */
const REAL: Record<CorpusKind, { xmlBytes: number; records: number; exact: boolean }> = {
  releases: { xmlBytes: 61_590_487_061, records: 19_192_301, exact: true },
  labels: { xmlBytes: 442_488_486, records: 2_405_196, exact: true },
  artists: { xmlBytes: 1.7e9, records: 10_081_427, exact: false },
  masters: { xmlBytes: 3.3e9, records: 2_560_991, exact: false },
};

interface ChildResult {
  mode: string;
  kind: string;
  records: number;
  skipped: number;
  wallMs: number;
  cpuMs: number;
  maxRss: number;
  peakRss: number;
  earlyRss: number;
}

type Mode = "read" | "gunzip" | "fields" | "filter" | "long";

function minutes(seconds: number): string {
  if (!Number.isFinite(seconds)) return "n/a";
  if (seconds < 90) return `${seconds.toFixed(0)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

function thousands(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "n/a";
}

export async function dumpsSection(options: { quick?: boolean } = {}): Promise<SectionResult> {
  const quick = options.quick ?? false;
  const minXml = Number(process.env.DISCOGS_BENCH_DUMP_MB ?? (quick ? 50 : 500)) * 1e6;
  const rounds = quick ? 1 : 5;
  const extraRounds = quick ? 1 : 3;
  const distUrl = pathToFileURL(path.join(ROOT, "dist/dumps/index.js")).href;
  const child = path.join(ROOT, "bench/children/dump-read.mjs");
  const dir = mkdtempSync(path.join(os.tmpdir(), "discogs-bench-dumps-"));
  const kinds: CorpusKind[] = ["releases", "artists", "labels", "masters"];
  const skippedKinds = kinds.filter((k) => !corpusAvailable(k));
  const results = new Map<string, ChildResult[]>();
  const corpora = new Map<CorpusKind, Corpus>();

  const once = async (mode: Mode, c: Corpus): Promise<ChildResult> => {
    const m = c.members;
    const xml = mode === "long" ? c.xmlBytes + (LONG - 1) * m.bodyXmlBytes : c.xmlBytes;
    const args = [child, distUrl, mode, c.kind, c.file, String(xml)];
    if (mode === "long") args.push([m.head, m.body, m.tail, LONG].join(","));
    const out = await run(process.execPath, args, { timeoutMs: 30 * 60_000 });
    if (out.code !== 0)
      throw new Error(`dump child (${mode} ${c.kind}) failed (${out.code}):\n${out.stderr.slice(-3000)}`);
    const res = lastJson<ChildResult>(out.stdout);
    const expected = mode === "long" ? LONG * c.records : c.records;
    if ((mode === "read" || mode === "long") && res.records !== expected)
      throw new Error(`${c.kind} ${mode}: read ${res.records} records, expected ${expected}`);
    const key = `${c.kind}:${mode}`;
    results.set(key, [...(results.get(key) ?? []), res]);
    return res;
  };

  try {
    for (const kind of kinds) {
      if (skippedKinds.includes(kind)) continue;
      progress(`dumps: generating the ${kind} corpus (${(minXml / 1e6).toFixed(0)} MB of XML, gzip -6)`);
      const c = await buildCorpus(kind, dir, minXml);
      corpora.set(kind, c);
      for (let r = 0; r < rounds; r++) {
        const order: Mode[] = r % 2 ? ["read", "gunzip"] : ["gunzip", "read"];
        for (const mode of order) {
          progress(`dumps: ${kind} ${mode} (round ${r + 1}/${rounds})`);
          await once(mode, c);
        }
      }
      progress(`dumps: ${kind} memory on ${LONG} times the corpus as one stream`);
      await once("long", c);
      if (kind === "releases") {
        for (let r = 0; r < extraRounds; r++) {
          for (const mode of ["fields", "filter"] as const) {
            progress(`dumps: ${kind} ${mode} (round ${r + 1}/${extraRounds})`);
            await once(mode, c);
          }
        }
      }
      rmSync(c.file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  /** The goals are judged on the corpus size only (a smaller one is dominated by start-up and warm-up). */
  const fullSize = minXml >= 500e6;
  const med = (kind: string, mode: Mode, f: (r: ChildResult) => number) =>
    median((results.get(`${kind}:${mode}`) ?? []).map(f));
  const rows: string[][] = [];
  const goals: Goal[] = [];
  const notes: string[] = [];
  if (!fullSize)
    notes.push(`corpora of ${minXml / 1e6} MB: a smoke run, the speed and flatness goals are not judged`);
  let worstRss = 0;
  let flat = true;
  const raw: Record<string, unknown> = {};
  for (const [kind, c] of corpora) {
    const wall = med(kind, "read", (r) => r.wallMs) / 1000;
    const gzWall = med(kind, "gunzip", (r) => r.wallMs) / 1000;
    const readMBs = c.xmlBytes / 1e6 / wall;
    const gunzipMBs = c.xmlBytes / 1e6 / gzWall;
    const perSecond = c.records / wall;
    const real = REAL[kind];
    const realBytesPerRecord = real.xmlBytes / real.records;
    const atReal = (readMBs * 1e6) / realBytesPerRecord;
    const cpu = med(kind, "read", (r) => r.cpuMs) / 1000;
    const maxRss = med(kind, "read", (r) => r.maxRss);
    const longRss = med(kind, "long", (r) => r.maxRss);
    worstRss = Math.max(worstRss, maxRss, Number.isFinite(longRss) ? longRss : 0);
    if (!(longRss <= maxRss * FLAT)) flat = false;
    const fullDump = real.xmlBytes / (readMBs * 1e6);
    // Converting by bytes assumes a cost per byte; much smaller real records pay more per-record overhead.
    const denser = c.xmlBytes / c.records / realBytesPerRecord;
    const mark = denser > 2 ? " †" : "";
    if (denser > 2)
      notes.push(
        `† ${kind}: the sample records are ${denser.toFixed(1)} times the size of the real ones; fixed per-record costs ` +
          "make the real rate lower than this conversion by bytes (an upper bound)",
      );
    rows.push([
      kind,
      `${(c.xmlBytes / 1e6).toFixed(0)} MB (${(c.xmlBytes / c.gzBytes).toFixed(2)}x gz), ${thousands(c.records)} records, ${Math.round(c.xmlBytes / c.records)} B each`,
      num(gunzipMBs, 0),
      num(readMBs, 0),
      `${(readMBs / gunzipMBs).toFixed(2)}x`,
      thousands(perSecond),
      `${thousands(atReal)}${real.exact ? "" : " (est.)"}${mark}`,
      `${num(cpu, 1)} s (${num(c.xmlBytes / 1e6 / cpu, 0)} MB/s)`,
      `${mb(maxRss, 0)} → ${mb(longRss, 0)} (${(longRss / maxRss).toFixed(2)}x)`,
      `${minutes(fullDump)}${real.exact ? "" : " (est.)"}${mark}`,
    ]);
    raw[kind] = {
      corpus: c,
      readMBs,
      gunzipMBs,
      perSecond,
      atReal,
      fullDumpSeconds: fullDump,
      maxRss,
      longRss,
    };
    if (kind === "releases") {
      goals.push({
        name: `Releases from .gz to typed objects by for await: at least ${thousands(GOAL_RELEASES_PER_SECOND)}/s at the real 3,209 B a release`,
        met: fullSize ? atReal >= GOAL_RELEASES_PER_SECOND : null,
        detail:
          `${thousands(atReal)} releases/s at 3,209 B (${num(readMBs, 0)} MB/s of XML; ${thousands(perSecond)}/s on the ` +
          `corpus's ${Math.round(c.xmlBytes / c.records)} B releases), ${(readMBs / gunzipMBs).toFixed(2)}x the speed of gunzip alone ` +
          `(${num(gunzipMBs, 0)} MB/s); the full 2026-06 releases dump (61.6 GB of XML, 19.2 M releases) in ${minutes(fullDump)}`,
      });
      for (const mode of ["fields", "filter"] as const) {
        const w = med(kind, mode, (r) => r.wallMs) / 1000;
        if (!Number.isFinite(w)) continue;
        notes.push(
          `releases with \`${mode === "fields" ? "fields: [title, country, released, genres, styles, labels]" : "filter: id % 100 === 0"}\`: ` +
            `${num(c.xmlBytes / 1e6 / w, 0)} MB/s, ${(wall / w).toFixed(2)}x the full read ` +
            `(median of ${extraRounds}; gunzip alone ${num(gunzipMBs, 0)} MB/s)`,
        );
        raw[`releases:${mode}`] = { MBs: c.xmlBytes / 1e6 / w, speedup: wall / w };
      }
    }
  }
  if (corpora.size > 0) {
    goals.push({
      name: "RSS at most 256 MB while reading (every kind)",
      met: worstRss <= GOAL_RSS,
      detail: `highest median peak RSS ${mb(worstRss, 0)}`,
    });
    goals.push({
      name: "RSS flat whatever the corpus size",
      met: fullSize ? flat : null,
      detail:
        `peak RSS reading ${LONG} times each corpus as one stream (${LONG * (minXml / 1e6)} MB and more of XML) within ` +
        `${FLAT}x of the peak reading it once, for every kind`,
    });
  }
  if (skippedKinds.length)
    notes.push(
      `skipped (samples not found, ../shared/reference/dumps is absent): ${skippedKinds.join(", ")}`,
    );

  const table: Table = {
    headers: [
      "Dump",
      "Corpus",
      "gunzip alone MB/s",
      "Reader MB/s",
      "vs gunzip",
      "Records/s (corpus)",
      "Records/s at real size",
      "CPU (all threads)",
      `Peak RSS: corpus → ${LONG}x`,
      "Full 2026 dump",
    ],
    align: ["l", "l", "r", "r", "r", "r", "r", "r", "r", "r"],
    rows,
    notes: [
      `medians of ${rounds} runs each, reader and gunzip alternating in every round`,
      "real size: releases 3,209 B (2026-06, exact), labels 184 B (2026-08, exact), artists ~169 B and masters ~1,289 B (estimates)",
      ...notes,
    ],
  };
  return {
    id: "dumps",
    title: "Dump reader (discogs-sdk/dumps)",
    method:
      "Each kind's corpus is the real sample records (releases and artists from `../shared/reference/dumps/`, labels " +
      "and masters from `test/fixtures/dumps/`) brought to the 2026 shape and repeated in a shuffled order with fresh " +
      `ids to at least ${(minXml / 1e6).toFixed(0)} MB of XML, gzipped at level 6. Every figure is the median of ` +
      `${rounds} child processes (\`node\`, the built \`dist/dumps/index.js\`) reading the \`.xml.gz\` with ` +
      "`for await (const r of readDump(kind, file))` and touching each record, against " +
      "`fs.createReadStream(file).pipe(zlib.createGunzip())` alone on the same file in the same round. MB are " +
      "10^6 bytes of XML. Peak RSS is `process.resourceUsage().maxRSS` (median of the runs), and once more for " +
      `a stream of the corpus's records ${LONG} times over (its gzip members concatenated), to show that memory ` +
      "does not follow the size of the dump. The full-dump time divides the real dump's XML size by the measured MB/s.",
    tables: [table],
    goals,
    raw: { results: Object.fromEntries(results), summary: raw },
  };
}
