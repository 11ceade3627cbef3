/**
 * The `discogs` CLI (built, `dist/cli/index.js`, run as a child process as users run it):
 *
 * - start-up: `discogs --help` against a bare `node -e 0`, interleaved, median of 10 each;
 * - `collection export --format csv` against the emulator limited to 60 requests per 6 s (Discogs' window
 *   compressed 10x; the CLI is told with DISCOGS_RATE_LIMIT_WINDOW_MS=6000): requests made, wall time against
 *   the limit-bound ideal, and peak RSS for 200, 2,000 and 10,000 items.
 *
 * The limit-bound ideal of an export of P pages: when P <= 60, no wait is forced, and the ideal is the same export
 * with nothing limiting it (the same CLI against the emulator with rate limiting off, in the same run). Above 60,
 * a perfect sequential client starting with a fresh window may send request 60k+1 no sooner than one window after
 * request 60(k-1)+1: ideal = start-up + max(P x page time, k x 6 s + (P - 60k) x page time), k = ceil(P/60) - 1,
 * with start-up and page time fitted (least squares) to the unlimited runs. A plain `fetch` loop over the same
 * pages is shown too, as the floor of any client.
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { paginate, startEmulator, type Emulator, type Wire } from "../../src/testing/index";
import { mb, median, ms, progress, ratio, ROOT, run, shuffle, type SectionResult } from "../lib/util";

const BIN = path.join(ROOT, "dist/cli/index.js");
const HOOK = path.join(ROOT, "bench/children/rss-hook.cjs");
const USER = "bench_collector";
const ROUTE = `/users/${USER}/collection/folders/0/releases`;
const LIMIT = 60;
const WINDOW_MS = 6_000;
const TOKEN = "bench-cli-token";
/** `--help` may take this much longer than a bare `node -e 0` (the goal). */
const STARTUP_GOAL_MS = 100;
/** The export may take this much longer than its limit-bound ideal (the goal). */
const TIME_GOAL = 1.1;
/** Peak RSS of a 2,000-item export may exceed a 200-item export's by this factor and still count as flat. */
const RSS_GOAL = 1.1;

interface ExportRun {
  wallMs: number;
  requests: number;
  otherRequests: number;
  rss: number;
  /** Heap still used after a full GC at exit: what the run kept. */
  retained: number;
  rows: number;
  status429: number;
}

/** Clones `n` collection items from `example`'s seeded collection, all in folder 1 ("Uncategorized"). */
async function collectionItems(emu: Emulator, n: number): Promise<Wire[]> {
  const template: Wire[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(
      `${emu.url}/users/example/collection/folders/0/releases?per_page=100&page=${page}`,
      {
        headers: { Authorization: `Discogs token=${TOKEN}`, "User-Agent": "bench" },
      },
    );
    const body = (await res.json()) as { releases: Wire[]; pagination: { pages: number } };
    template.push(...body.releases);
    if (page >= body.pagination.pages) break;
  }
  return Array.from({ length: n }, (_, i) => ({
    ...structuredClone(template[i % template.length]!),
    instance_id: 50_000_000 + i,
    folder_id: 1,
  }));
}

export async function cliSection(options: { quick?: boolean } = {}): Promise<SectionResult> {
  const quick = options.quick ?? false;
  const work = mkdtempSync(path.join(tmpdir(), "discogs-bench-cli-"));
  const lists = new Map<number, Wire[]>();
  let current: Wire[] = [];
  const emu = await startEmulator({
    rateLimit: { authenticated: LIMIT, windowMs: WINDOW_MS },
    routes: (router) => router.add("GET", ROUTE, (ctx) => paginate(ctx, current, "releases")),
  });
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(work, "config"),
    XDG_STATE_HOME: path.join(work, "state"),
    XDG_CACHE_HOME: path.join(work, "cache"),
    DISCOGS_TOKEN: TOKEN,
    DISCOGS_RATE_LIMIT_WINDOW_MS: String(WINDOW_MS),
    NO_COLOR: "1",
  };
  try {
    // ---- start-up
    const rounds = 10;
    const bare: number[] = [];
    const help: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const which of shuffle(["bare", "help"])) {
        const out =
          which === "bare"
            ? await run(process.execPath, ["-e", "0"])
            : await run(process.execPath, [BIN, "--help"], { env });
        if (out.code !== 0) throw new Error(`${which} failed: ${out.stderr}`);
        (which === "bare" ? bare : help).push(out.wallMs);
      }
    }
    progress(`cli: start-up measured (${rounds} rounds)`);

    // ---- exports
    const sizes = quick ? [200, 2_000] : [200, 2_000, 10_000];
    const reps = quick ? 1 : 3;
    const all = await collectionItems(emu, Math.max(...sizes));
    for (const n of sizes) lists.set(n, all.slice(0, n));
    const exportOnce = async (n: number, limited: boolean): Promise<ExportRun> => {
      current = lists.get(n)!;
      emu.setRateLimit(limited ? { authenticated: LIMIT, windowMs: WINDOW_MS } : false);
      emu.reset(); // a fresh window, an empty log
      const rssFile = path.join(work, "rss");
      const csv = path.join(work, "out.csv");
      const out = await run(
        process.execPath,
        [
          "--expose-gc",
          "--require",
          HOOK,
          BIN,
          "collection",
          "export",
          "--user",
          USER,
          "--base-url",
          emu.url,
          "-o",
          csv,
        ],
        { env: { ...env, DISCOGS_BENCH_RSS_FILE: rssFile }, timeoutMs: 600_000 },
      );
      if (out.code !== 0) throw new Error(`export of ${n} failed (${out.code}): ${out.stderr.slice(-2000)}`);
      const rows = readFileSync(csv, "utf8").split("\n").length - 2;
      if (rows !== n) throw new Error(`export of ${n} wrote ${rows} rows`);
      const pageRequests = emu.requests.filter((r) => r.path === ROUTE);
      const mem = JSON.parse(readFileSync(rssFile, "utf8")) as { rss: number; retained: number };
      return {
        wallMs: out.wallMs,
        requests: pageRequests.length,
        otherRequests: emu.requests.length - pageRequests.length,
        rss: mem.rss,
        retained: mem.retained,
        rows,
        status429: emu.requests.filter((r) => r.status === 429).length,
      };
    };
    /** A plain fetch loop over the same pages in a fresh Node process: the floor of any client. */
    const fetchFloor = async (n: number): Promise<number> => {
      current = lists.get(n)!;
      emu.setRateLimit(false);
      emu.reset();
      const script =
        `let p=1;for(;;){const r=await fetch(process.argv[1]+"?per_page=100&sort=added&sort_order=asc&page="+p,` +
        `{headers:{authorization:"Discogs token=${TOKEN}","user-agent":"bench"}});const b=await r.json();` +
        `if(p>=b.pagination.pages)break;p++}`;
      const out = await run(process.execPath, ["--input-type=module", "-e", script, `${emu.url}${ROUTE}`]);
      if (out.code !== 0) throw new Error(`fetch floor failed: ${out.stderr}`);
      return out.wallMs;
    };

    const results = new Map<string, ExportRun[]>();
    const floors = new Map<number, number[]>();
    const key = (n: number, limited: boolean) => `${n}:${limited}`;
    for (let r = 0; r < reps; r++) {
      for (const n of sizes) {
        for (const limited of shuffle([true, false])) {
          progress(
            `cli: export ${n.toLocaleString("en-US")} items, ${limited ? "60 per 6 s" : "no limit"} (run ${r + 1}/${reps})`,
          );
          const res = await exportOnce(n, limited);
          results.set(key(n, limited), [...(results.get(key(n, limited)) ?? []), res]);
        }
        floors.set(n, [...(floors.get(n) ?? []), await fetchFloor(n)]);
      }
    }

    const med = (n: number, limited: boolean, f: (x: ExportRun) => number) =>
      median(results.get(key(n, limited))!.map(f));
    const pages = (n: number) => Math.ceil(n / 100);
    // The unlimited runs as start-up + pages x per-page time (least squares over the sizes).
    const xs = sizes.map(pages);
    const ys = sizes.map((n) => med(n, false, (x) => x.wallMs));
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const perPage =
      xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    const startup = my - perPage * mx;
    const forced = (n: number) => (Math.ceil(pages(n) / LIMIT) - 1) * WINDOW_MS;
    /**
     * The limit-bound ideal: with no wait forced (pages <= 60), the same export with nothing limiting it; else the
     * start-up, then the forced waits (request 60k+1 may start one window after request k*60+1), then the pages
     * after the last forced wait.
     */
    const ideal = (n: number) => {
      const p = pages(n);
      if (p <= LIMIT) return med(n, false, (x) => x.wallMs);
      const k = Math.ceil(p / LIMIT) - 1;
      return startup + Math.max(p * perPage, k * WINDOW_MS + (p - k * LIMIT) * perPage);
    };
    const rows = sizes.map((n) => {
      const limited = med(n, true, (x) => x.wallMs);
      return [
        n.toLocaleString("en-US"),
        String(pages(n)),
        results
          .get(key(n, true))!
          .map((x) => x.requests)
          .join(", "),
        ms(med(n, false, (x) => x.wallMs)),
        ms(forced(n)),
        ms(ideal(n)),
        ms(limited),
        ratio(limited, ideal(n)),
        ms(median(floors.get(n)!)),
        mb(med(n, true, (x) => x.rss)),
        mb(
          med(n, true, (x) => x.retained),
          2,
        ),
      ];
    });
    const startupDelta = median(help) - median(bare);
    const n2k = 2_000;
    const requests2k = results.get(key(n2k, true))!.map((x) => x.requests);
    const other2k = results.get(key(n2k, true))!.map((x) => x.otherRequests);
    const any429 = [...results.values()].flat().reduce((a, x) => a + x.status429, 0);
    const rss200 = med(200, true, (x) => x.rss);
    const kept = (n: number) =>
      mb(
        med(n, true, (x) => x.retained),
        2,
      );
    const sizeList = sizes.map((n) => n.toLocaleString("en-US")).join(" / ");
    const rss10k = sizes.includes(10_000)
      ? `; 10,000 items: ${mb(med(10_000, true, (x) => x.rss))} (${ratio(
          med(10_000, true, (x) => x.rss),
          med(2_000, true, (x) => x.rss),
        )} of 2,000)`
      : "";
    const rssNote = `${rss10k}; heap kept after a full GC: ${sizes.map(kept).join(" / ")} for ${sizeList} items`;
    const rss2k = med(n2k, true, (x) => x.rss);
    const goals = [
      {
        name: "discogs --help start-up: at most 100 ms above a bare node -e 0 (median of 10)",
        met: startupDelta <= STARTUP_GOAL_MS,
        detail: `${ms(median(help))} vs ${ms(median(bare))}: +${ms(startupDelta)}`,
      },
      {
        name: "collection export of 2,000 items: exactly 20 requests",
        met: requests2k.every((c) => c === 20) && other2k.every((c) => c === 0),
        detail: `page requests per run: ${requests2k.join(", ")}; other requests: ${other2k.join(", ")}; 429s in all runs: ${any429}`,
      },
      {
        name: "collection export of 2,000 items: at most 1.1x the limit-bound ideal time",
        met: med(n2k, true, (x) => x.wallMs) <= TIME_GOAL * ideal(n2k),
        detail: `${ms(med(n2k, true, (x) => x.wallMs))} vs ideal ${ms(ideal(n2k))}: ${ratio(
          med(n2k, true, (x) => x.wallMs),
          ideal(n2k),
        )}`,
      },
      {
        name: "collection export RSS flat: 2,000 items at most 1.1x a 200-item export",
        met: rss2k <= RSS_GOAL * rss200,
        detail: `${mb(rss2k)} vs ${mb(rss200)}: ${ratio(rss2k, rss200)}${rssNote}`,
      },
    ];
    if (sizes.includes(10_000)) {
      const lim = med(10_000, true, (x) => x.wallMs);
      goals.push({
        name: "collection export of 10,000 items (the limit binds: 100 requests): at most 1.1x the ideal",
        met: lim <= TIME_GOAL * ideal(10_000),
        detail: `${ms(lim)} vs ideal ${ms(ideal(10_000))}: ${ratio(lim, ideal(10_000))}; RSS ${mb(med(10_000, true, (x) => x.rss))}`,
      });
    }
    return {
      id: "cli",
      title: "CLI: start-up and collection export at the rate limit",
      method:
        "The built `discogs` bin in a child process. Start-up: `discogs --help` and a bare `node -e 0`, interleaved in a " +
        "random order, 10 each, medians. Export: `discogs collection export --user <u> -o out.csv` against the emulator " +
        "limited to 60 requests per 6 s (DISCOGS_RATE_LIMIT_WINDOW_MS=6000 tells the CLI), a fresh window per run, " +
        `${reps} run(s) per size, medians; requests counted in the emulator's log. Ideal = (ceil(pages / 60) - 1) x 6 s ` +
        "(the waits the limit forces) + the same export with rate limiting off (same run). Fetch floor: a bare `fetch` " +
        "loop over the same pages in a fresh Node process. RSS: peak resident set size of the CLI process; heap kept: " +
        "the heap still used after a full GC at exit (what the run retained, as opposed to garbage not yet collected).",
      tables: [
        {
          title: "Start-up",
          headers: ["Command", "Median", "Min", "Max"],
          rows: [
            ["node -e 0", ms(median(bare)), ms(Math.min(...bare)), ms(Math.max(...bare))],
            ["discogs --help", ms(median(help)), ms(Math.min(...help)), ms(Math.max(...help))],
          ],
        },
        {
          title: "collection export --format csv, 60 requests per 6 s",
          headers: [
            "Items",
            "Pages",
            "Requests (per run)",
            "No limit",
            "Forced waits",
            "Ideal",
            "At the limit",
            "vs ideal",
            "Fetch floor",
            "Peak RSS",
            "Heap kept",
          ],
          rows,
        },
      ],
      goals,
      raw: { bare, help, results: Object.fromEntries(results), floors: Object.fromEntries(floors) },
    };
  } finally {
    await emu.close();
    rmSync(work, { recursive: true, force: true });
  }
}
