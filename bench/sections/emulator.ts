/**
 * Emulator page cost: what one list page costs the bundled emulator when the list is large. Two emulators, one
 * whose user holds 40,000 listings, collection items and wants, one whose user holds 400 (the baseline); the same
 * pages (100 items) are asked of both, interleaved in a random order each round, over real HTTP. The emulator
 * runs in this process, so the process's CPU time over a request (`process.cpuUsage()`: the server's handling
 * plus the client's, which being descheduled on a shared machine does not inflate) is the figure; the wall time
 * is shown beside it. The ratio big/small says how much of a page's cost grows with the list, not the page.
 */

import { startEmulator, type Emulator } from "../../src/testing/index";
import { buildListing } from "../../src/testing/seed/marketplace";
import { median, ms, progress, ratio, shuffle, type SectionResult } from "../lib/util";

const BIG = 40_000;
const SMALL = 400;
const USER = "pageuser";
/** The goal: a 40,000-item inventory page "well under 100 ms". */
const GOAL_MS = 50;
/** The goal for O(page size): a page of the big list at most this many times the same page of the small one. */
const GOAL_RATIO = 2;

/** Adds USER with `n` listings, `n` collection items (folder 1) and `n` wants, in scrambled orders. */
function seedUser(emu: Emulator, n: number): void {
  const st = emu.state;
  const releaseIds = [...st.releases.keys()];
  const example = st.user("example")!;
  st.users.set(USER, {
    ...example,
    id: 888_001,
    username: USER,
    collectionPublic: true,
    wantlistPublic: true,
  });
  const collection: NonNullable<ReturnType<typeof st.collection.get>> = [];
  const wants = new Map<number, { notes: string; rating: number; date_added: string }>();
  for (let i = 0; i < n; i++) {
    const scrambled = (i * 7919) % n;
    const stamp = `${new Date(Date.UTC(2015, 0, 1) + scrambled * 600_000).toISOString().slice(0, 19)}-07:00`;
    const id = 8_000_000_000 + i;
    // Built as the emulator builds the listings its routes create (listing POST, CSV upload).
    st.listings.set(
      id,
      buildListing(st, id, USER, {
        release: st.releases.get(releaseIds[i % releaseIds.length]!)!,
        condition: "Very Good Plus (VG+)",
        price: 1 + (scrambled % 500),
        currency: "USD",
        status: i % 10 === 0 ? "Draft" : "For Sale",
        posted: stamp,
      }),
    );
    collection.push({
      instance_id: 80_000_000 + i,
      folder_id: 1,
      release_id: releaseIds[i % releaseIds.length]!,
      rating: scrambled % 6,
      date_added: stamp,
      notes: [],
    });
    wants.set(60_000_000 + i, { notes: "", rating: scrambled % 6, date_added: stamp });
  }
  st.collection.set(USER, collection);
  st.wants.set(USER, wants);
  // The user asks for their own pages (owner view: every status, private fields).
  st.defaultUsername = USER;
}

interface Page {
  name: string;
  path: (n: number) => string;
  /** Whether the O(page size) goal covers it (the last page of a list is there for information). */
  goal: boolean;
}

const PAGES: Page[] = [
  {
    name: "Inventory, newest first (page 1)",
    path: () => `/users/${USER}/inventory?per_page=100`,
    goal: true,
  },
  {
    name: "Inventory by price, descending (page 1)",
    path: () => `/users/${USER}/inventory?per_page=100&sort=price&sort_order=desc`,
    goal: true,
  },
  {
    name: "Collection folder 0 by date added (page 1)",
    path: () => `/users/${USER}/collection/folders/0/releases?per_page=100&sort=added&sort_order=desc`,
    goal: true,
  },
  { name: "Wantlist (page 1)", path: () => `/users/${USER}/wants?per_page=100`, goal: true },
  {
    name: "Inventory by price, last page",
    path: (n) => `/users/${USER}/inventory?per_page=100&sort=price&page=${Math.ceil(n / 100)}`,
    goal: false,
  },
];

/** One request: its CPU time and wall time, in milliseconds. */
async function timeRequest(emu: Emulator, path: string): Promise<{ cpu: number; wall: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await fetch(`${emu.url}${path}`, { headers: { authorization: "Discogs token=bench" } });
  const body = await res.text();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${body.slice(0, 200)}`);
  return { cpu: (cpu.user + cpu.system) / 1000, wall };
}

export async function emulatorSection(o: { quick: boolean }): Promise<SectionResult> {
  const rounds = o.quick ? 8 : 40;
  const big = await startEmulator({ rateLimit: false, maxLoggedRequests: 10 });
  const small = await startEmulator({ rateLimit: false, maxLoggedRequests: 10 });
  try {
    progress(`emulator: seeding ${BIG.toLocaleString("en")} and ${SMALL} items`);
    seedUser(big, BIG);
    seedUser(small, SMALL);
    type Sample = { cpu: number; wall: number };
    const times = PAGES.map(() => ({ big: [] as Sample[], small: [] as Sample[] }));
    // Warm-up: one of each (JIT, connections), not counted.
    for (const p of PAGES) {
      await timeRequest(big, p.path(BIG));
      await timeRequest(small, p.path(SMALL));
    }
    for (let r = 0; r < rounds; r++) {
      const jobs = PAGES.flatMap((p, i) => [
        { i, size: "big" as const, emu: big, path: p.path(BIG) },
        { i, size: "small" as const, emu: small, path: p.path(SMALL) },
      ]);
      for (const j of shuffle(jobs)) times[j.i]![j.size].push(await timeRequest(j.emu, j.path));
    }
    const rows = PAGES.map((p, i) => {
      const { big: bs, small: ss } = times[i]!;
      const b = median(bs.map((x) => x.cpu));
      const s = median(ss.map((x) => x.cpu));
      const bw = median(bs.map((x) => x.wall));
      const sw = median(ss.map((x) => x.wall));
      return { page: p, big: b, small: s, bigWall: bw, smallWall: sw, ratio: b / s };
    });
    const inventory = rows[0]!;
    const covered = rows.filter((r) => r.page.goal);
    const worst = covered.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    return {
      id: "emulator",
      title: "Emulator page cost",
      method:
        `Two emulators (rate limiting off): one user with ${BIG.toLocaleString("en")} listings, collection items and wants, ` +
        `one with ${SMALL} (the baseline). The same 100-item pages are requested of both over HTTP, interleaved in a ` +
        `random order, ${rounds} rounds after a warm-up; the figure is the median CPU time of this process (the emulator ` +
        "and the client both run in it) over a request with its body read, the wall time beside it. A ratio near 1 " +
        "means the page costs its own size, not the list's.",
      tables: [
        {
          headers: [
            "Page (100 items)",
            `${BIG.toLocaleString("en")} items: CPU`,
            `${SMALL} items (baseline): CPU`,
            "ratio",
            `${BIG.toLocaleString("en")} items: wall`,
            `${SMALL} items: wall`,
          ],
          rows: rows.map((r) => [
            r.page.name,
            ms(r.big),
            ms(r.small),
            ratio(r.big, r.small),
            ms(r.bigWall),
            ms(r.smallWall),
          ]),
          notes: [
            "Each page builds its 100 views only (listing, collection item, want, with the caller's counts read in one pass " +
              "over their collection for the page's releases); what remains proportional to the list is one pass that " +
              "filters it and reads each item's sort key, and ordering it only as far as the page (a bounded heap).",
            "The last page is for information: ordering up to it is a full sort.",
          ],
        },
      ],
      goals: [
        {
          name: `A ${BIG.toLocaleString("en")}-item inventory page well under 100 ms (at most ${GOAL_MS} ms)`,
          met: inventory.big <= GOAL_MS,
          detail: `${ms(inventory.big)} CPU, ${ms(inventory.bigWall)} wall, medians (the ${SMALL}-item page: ${ms(inventory.small)} CPU)`,
        },
        {
          name: `Pages cost O(page size): a page of ${BIG.toLocaleString("en")} items at most ${GOAL_RATIO}x the same page of ${SMALL}`,
          met: worst.ratio <= GOAL_RATIO,
          detail:
            `worst: ${worst.page.name}, ${ratio(worst.big, worst.small)} (${ms(worst.big)} vs ${ms(worst.small)}) for ` +
            `${BIG / SMALL}x the items: the pass over the list (filter, sort key, heap) costs about ` +
            `${(((worst.big - worst.small) * 1000) / (BIG - SMALL)).toFixed(2)} µs an item`,
        },
      ],
      raw: rows.map((r, i) => ({ page: r.page.name, bigMs: r.big, smallMs: r.small, samples: times[i] })),
    };
  } finally {
    await big.close();
    await small.close();
  }
}
