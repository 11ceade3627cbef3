/**
 * The emulator set-ups the benchmarks share: big lists seeded into `emu.state`, and fast read-only
 * inventories for the memory walk.
 */

import { paginate, startEmulator, type Emulator, type Wire } from "../../src/testing/index";

/** Sellers whose inventory is served from a prepared array (see {@link startBenchEmulator}). */
export const BENCH_SELLERS = { small: "bench1k", big: "bench10k" } as const;

export interface BenchEmulator {
  emu: Emulator;
  /** Fills `seller`'s prepared inventory with `n` listings cloned from the emulator's own 360vinyl listings. */
  prepareInventory(seller: string, n: number): Promise<void>;
}

/**
 * Starts an emulator without rate limiting (request counts and decode costs are not about the limit) plus
 * one extra route per bench seller: `GET /users/<seller>/inventory` serves a prepared array through the
 * emulator's own `paginate`, so that the walk measures the SDK alone (the built-in inventory route filters and
 * orders the seller's listings on every page: a few ms a page at 10,000 listings, see the emulator section).
 */
export async function startBenchEmulator(): Promise<BenchEmulator> {
  const inventories = new Map<string, Wire[]>();
  const emu = await startEmulator({
    rateLimit: false,
    routes: (router) => {
      for (const seller of Object.values(BENCH_SELLERS)) {
        router.add("GET", `/users/${seller}/inventory`, (ctx) =>
          paginate(ctx, inventories.get(seller) ?? [], "listings"),
        );
      }
    },
  });
  let template: Wire[] | undefined;
  return {
    emu,
    async prepareInventory(seller, n) {
      template ??= await inventoryTemplate(emu);
      const items: Wire[] = [];
      for (let i = 0; i < n; i++) {
        const src = template[i % template.length]!;
        const id = 4_000_000_000 + i;
        items.push({
          ...structuredClone(src),
          id,
          resource_url: `${emu.url}/marketplace/listings/${id}`,
          uri: `https://www.discogs.com/sell/item/${id}`,
        });
      }
      inventories.set(seller, items);
    },
  };
}

/** Every listing of 360vinyl's inventory as the emulator renders it to another user. */
async function inventoryTemplate(emu: Emulator): Promise<Wire[]> {
  const out: Wire[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${emu.url}/users/360vinyl/inventory?per_page=100&page=${page}`, {
      headers: { Authorization: "Discogs token=bench", "User-Agent": "bench" },
    });
    if (!res.ok) throw new Error(`inventory template: HTTP ${res.status}`);
    const body = (await res.json()) as { listings: Wire[]; pagination: { pages: number } };
    out.push(...body.listings);
    if (page >= body.pagination.pages) break;
  }
  emu.clearRequests();
  return out;
}

/**
 * Adds a user with a public wantlist of `n` wants. The first wants are releases of the seeded database (full
 * `basic_information`); the rest are ids the database does not hold, which the emulator renders as its
 * placeholder summary. Only the count matters where this is used.
 */
export function seedWantlist(emu: Emulator, username: string, n: number): void {
  const state = emu.state;
  const example = state.user("example")!;
  state.users.set(username, {
    id: 900_000 + state.users.size,
    username,
    collectionPublic: true,
    wantlistPublic: true,
    profile: { ...example.profile, username, id: 900_000 + state.users.size },
  });
  const wants = new Map<number, { notes: string; rating: number; date_added: string }>();
  const ids = [...state.releases.keys()];
  for (let i = 0; wants.size < n; i++) {
    const id = i < ids.length ? ids[i]! : 80_000_000 + i;
    wants.set(id, { notes: "", rating: 0, date_added: "2024-01-01T00:00:00-08:00" });
  }
  state.wants.set(username, wants);
}

/** The number of pages a list needs at `perPage`, asked from the emulator itself (the request is not logged). */
export async function pagesNeeded(
  emu: Emulator,
  pathAndQuery: string,
  perPage = 100,
): Promise<{ items: number; pages: number }> {
  const sep = pathAndQuery.includes("?") ? "&" : "?";
  const before = emu.requests.length;
  const res = await fetch(`${emu.url}${pathAndQuery}${sep}per_page=1`, {
    headers: { Authorization: "Discogs token=bench", "User-Agent": "bench" },
  });
  const body = (await res.json()) as { pagination: { items: number } };
  emu.requests.splice(before);
  const items = body.pagination.items;
  return { items, pages: Math.max(1, Math.ceil(items / perPage)) };
}
