/**
 * Memory of a paginated walk: peak RSS and heap of a child process walking 1,000 and 10,000 items with the
 * built SDK (`dist/index.js`), which should be flat in the number of items; collecting 10,000 items into an
 * array is shown as the contrast that is not.
 */

import path from "node:path";
import { pathToFileURL } from "node:url";
import { BENCH_SELLERS, startBenchEmulator } from "../lib/fixtures";
import { lastJson, mb, median, progress, ratio, ROOT, run, type SectionResult } from "../lib/util";

/**
 * The walk counts as flat when 10 times the items cost at most this much more memory (a footprint proportional
 * to the items would be about 10x, as the collecting contrast shows for the heap).
 */
const FLAT = 1.5;

interface WalkResult {
  mode: string;
  items: number;
  pages: number;
  startRss: number;
  startHeap: number;
  peakRss: number;
  maxRss: number;
  peakHeap: number;
  peakRetained: number;
  endHeap: number;
  wallMs: number;
}

interface Config {
  name: string;
  seller: string;
  mode: "walk" | "collect";
  items: number;
}

export async function memorySection(options: { quick?: boolean } = {}): Promise<SectionResult> {
  const reps = options.quick ? 1 : 3;
  const { emu, prepareInventory } = await startBenchEmulator();
  const distUrl = pathToFileURL(path.join(ROOT, "dist/index.js")).href;
  const child = path.join(ROOT, "bench/children/memory-walk.mjs");
  try {
    await prepareInventory(BENCH_SELLERS.small, 1_000);
    await prepareInventory(BENCH_SELLERS.big, 10_000);
    const configs: Config[] = [
      { name: "Walk 1,000 items (baseline)", seller: BENCH_SELLERS.small, mode: "walk", items: 1_000 },
      { name: "Walk 10,000 items", seller: BENCH_SELLERS.big, mode: "walk", items: 10_000 },
      {
        name: "Contrast: collect 10,000 items in an array",
        seller: BENCH_SELLERS.big,
        mode: "collect",
        items: 10_000,
      },
    ];
    const results = new Map<string, WalkResult[]>(configs.map((c) => [c.name, []]));
    for (let r = 0; r < reps; r++) {
      // The contrast runs once: it only shows what growing memory looks like.
      const order = (r % 2 ? [...configs].reverse() : configs).filter((c) => c.mode === "walk" || r === 0);
      for (const c of order) {
        progress(`memory: ${c.name} (run ${r + 1}/${reps})`);
        const out = await run(process.execPath, ["--expose-gc", child, distUrl, emu.url, c.seller, c.mode], {
          timeoutMs: 300_000,
        });
        if (out.code !== 0) throw new Error(`memory child failed (${out.code}):\n${out.stderr.slice(-2000)}`);
        const res = { ...lastJson<WalkResult>(out.stdout), wallMs: out.wallMs };
        if (res.items !== c.items)
          throw new Error(`${c.name}: walked ${res.items} items, expected ${c.items}`);
        results.get(c.name)!.push(res);
        emu.clearRequests();
      }
    }

    const med = (name: string, f: (w: WalkResult) => number) => median(results.get(name)!.map(f));
    const base = configs[0]!.name;
    const metrics = {
      maxRss: (w: WalkResult) => w.maxRss,
      rssGrowth: (w: WalkResult) => w.maxRss - w.startRss,
      peakHeap: (w: WalkResult) => w.peakHeap,
      retained: (w: WalkResult) => w.peakRetained - w.startHeap,
      wall: (w: WalkResult) => w.wallMs,
    };
    const rows = configs.map((c) => {
      const cell = (m: keyof typeof metrics, fmt: (x: number) => string) => {
        const v = med(c.name, metrics[m]);
        return c.name === base ? fmt(v) : `${fmt(v)} (${ratio(v, med(base, metrics[m]))})`;
      };
      return [
        c.name,
        String(c.items),
        String(results.get(c.name)![0]!.pages),
        cell("maxRss", (x) => mb(x)),
        cell("rssGrowth", (x) => mb(x)),
        cell("peakHeap", (x) => mb(x)),
        cell("retained", (x) => mb(x, 2)),
        cell("wall", (x) => `${(x / 1000).toFixed(1)} s`),
      ];
    });
    const big = configs[1]!.name;
    const rssRatio = med(big, metrics.maxRss) / med(base, metrics.maxRss);
    const heapRatio = med(big, metrics.peakHeap) / med(base, metrics.peakHeap);
    const retainedBig = med(big, metrics.retained);
    const retainedSmall = med(base, metrics.retained);
    const retainedRatio = retainedBig / retainedSmall;
    const met = rssRatio <= FLAT && heapRatio <= FLAT && retainedRatio <= FLAT;

    return {
      id: "memory",
      title: "Memory of a paginated walk",
      method:
        "Each walk figure is the median of " +
        `${reps} child process${reps > 1 ? "es" : ""} (the contrast runs once; \`node --expose-gc\`, the built \`dist/index.js\`, ` +
        "validation strict, rate limiting off) walking a seller's inventory with `for await` over " +
        "`client.users.get(seller).inventory.list()`, 100 listings per page, about 2.5 KB of JSON per listing " +
        "(listings cloned from the emulator's own 360vinyl inventory, served by the emulator's `paginate` " +
        "through an extra route). Peak RSS is `process.resourceUsage().maxRSS`, RSS growth that minus the RSS " +
        "after importing the SDK and creating the client; peak heap is the highest " +
        "`heapUsed` sampled after every page; retained heap is the highest `heapUsed` after a forced GC " +
        "(every 5 pages and at the end) minus the heap before the walk. The emulator runs in the parent process.",
      tables: [
        {
          headers: [
            "Run",
            "Items",
            "Pages",
            "Peak RSS",
            "RSS growth",
            "Peak heap used",
            "Retained heap",
            "Wall time",
          ],
          align: ["l", "r", "r", "r", "r", "r", "r", "r"],
          rows,
          notes: [`ratios are against the 1,000-item walk; flat means at most ${FLAT}x`],
        },
      ],
      goals: [
        {
          name: "Memory flat in the number of items (10,000 vs 1,000 items)",
          met,
          detail:
            `peak RSS ${rssRatio.toFixed(2)}x, peak heap ${heapRatio.toFixed(2)}x, retained heap ` +
            `${retainedRatio.toFixed(2)}x (${mb(retainedSmall, 2)} → ${mb(retainedBig, 2)}: about one decoded page); ` +
            `flat means at most ${FLAT}x for 10 times the items`,
        },
      ],
      raw: Object.fromEntries(results),
    };
  } finally {
    await emu.close();
  }
}
