/**
 * The emulator's list pages, seed and upload errors, as the README and its harness rely on them:
 *
 * - `sortedPages` (ordering only as far as the requested page) gives exactly the pages a full sort gives, for any
 *   data, page and direction; over HTTP, large inventories, collections and wantlists page in the same order as
 *   a full sort of the stored data (their cost is measured by `npm run bench -- --only emulator`, not here);
 * - every id the README uses exists, and no seeded date lies in the future;
 * - an upload Discogs refuses is a 422 whose `message` and `detail` carry the reason, through the SDK, and the
 *   next request behaves as if nothing happened.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Discogs, ValidationError } from "../src/index";
import { startEmulator, type Ctx, type Emulator } from "../src/testing/index";
import { compareKeys, sortBy, sortedPages } from "../src/testing/routes/database";
import { LATEST_SEEDED_YEAR } from "../src/testing/seed/database";
import { FIXTURES, fixture, shapeDiff } from "./helpers/fixture-shape";

/** A handler context with just the query (what `sortedPages` reads). */
const ctxWith = (query: Record<string, string>) => ({ query: new URLSearchParams(query) }) as unknown as Ctx;

describe("sortedPages", () => {
  it("gives every page exactly as a full sort does (ties broken by id, both directions)", () => {
    const item = fc.record({
      id: fc.integer({ min: 1, max: 1_000_000 }),
      key: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom("a", "B", "c", "10", "9")),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 300 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(1 as const, -1 as const),
        (items, page, perPage, dir) => {
          const ctx = ctxWith({ page: String(page), per_page: String(perPage) });
          const full = sortBy(items, (i) => i.key, dir);
          const partial = sortedPages(ctx, items, (i) => i.key, dir);
          const start = (page - 1) * perPage;
          expect(partial.length).toBe(items.length);
          expect(partial.slice(start, start + perPage).map((i) => i.id)).toEqual(
            full.slice(start, start + perPage).map((i) => i.id),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("compares numbers numerically and strings case-insensitively with numeric collation", () => {
    expect([10, 9, 100].sort(compareKeys)).toEqual([9, 10, 100]);
    expect(["b", "A", "a10", "a9"].sort(compareKeys)).toEqual(["A", "a9", "a10", "b"]);
    // Its shortcut for strings of one shape (timestamps, catalog numbers) agrees with the collator everywhere.
    const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
    const sign = (n: number) => Math.sign(n);
    const piece = fc.constantFrom(
      "0",
      "1",
      "2",
      "9",
      "10",
      "09",
      "-",
      "T",
      ":",
      "a",
      "A",
      "b",
      " ",
      "+",
      ".",
    );
    const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sign(compareKeys(a, b))).toBe(sign(collator.compare(a, b)));
      }),
      { numRuns: 3000 },
    );
    // Same-shape pairs: the second is the first with some digits changed.
    const sameShape = fc
      .tuple(text, fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 8 }))
      .map(([a, digits]) => [
        a,
        a.replace(/\d/g, (d, at: number) => String(digits[at % digits.length] ?? d)),
      ]);
    fc.assert(
      fc.property(sameShape, ([a, b]) => {
        expect(sign(compareKeys(a!, b!))).toBe(sign(collator.compare(a!, b!)));
      }),
      { numRuns: 3000 },
    );
    const stamp = fc
      .date({ min: new Date("1990-01-01"), max: new Date("2025-12-31"), noInvalidDate: true })
      .map((d) => `${d.toISOString().slice(0, 19)}-07:00`);
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        expect(sign(compareKeys(a, b))).toBe(sign(collator.compare(a, b)));
        expect(sign(compareKeys(a, b))).toBe(sign(Date.parse(a) - Date.parse(b)));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

let emu: Emulator;
let client: Discogs;
const SELLER = "bigseller";
const N = 2_500;

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  client = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false, retry: { baseDelayMs: 1 } });
  // A user with N listings, N collection items and N wants, in shuffled orders with ties.
  const st = emu.state;
  const template = st.listings.get(1000000001)!;
  const releaseIds = [...st.releases.keys()];
  const example = st.user("example")!;
  st.users.set(SELLER, {
    ...example,
    id: 777_001,
    username: SELLER,
    collectionPublic: true,
    wantlistPublic: true,
  });
  const coll = [];
  const wants = new Map<number, { notes: string; rating: number; date_added: string }>();
  for (let i = 0; i < N; i++) {
    const scrambled = (i * 7919) % N;
    const stamp = new Date(Date.UTC(2020, 0, 1) + Math.floor(scrambled / 3) * 3_600_000)
      .toISOString()
      .slice(0, 19);
    const id = 7_000_000_000 + i;
    st.listings.set(id, {
      ...structuredClone(template),
      id,
      posted: `${stamp}-07:00`,
      price: { value: 1 + (scrambled % 97), currency: "USD" },
      seller: { ...template.seller, username: SELLER },
      status: i % 10 === 0 ? "Draft" : "For Sale",
    });
    coll.push({
      instance_id: 90_000_000 + i,
      folder_id: 1,
      release_id: releaseIds[i % releaseIds.length]!,
      rating: scrambled % 6,
      date_added: `${stamp}-07:00`,
      notes: [],
    });
    wants.set(releaseIds[(i * 13) % releaseIds.length]! + (i >= releaseIds.length ? 50_000_000 + i : 0), {
      notes: "",
      rating: scrambled % 6,
      date_added: `${stamp}-07:00`,
    });
  }
  st.collection.set(SELLER, coll);
  st.wants.set(SELLER, wants);
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

async function getJson(path: string, token = "t"): Promise<any> {
  const res = await fetch(`${emu.url}${path}`, { headers: { authorization: `Discogs token=${token}` } });
  expect(res.status, path).toBe(200);
  return res.json();
}

/** Every page of a list, through the emulator, as ids. */
async function allPages(path: string, key: string, id: (x: any) => unknown): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let page = 1; ; page++) {
    const body = await getJson(`${path}${path.includes("?") ? "&" : "?"}page=${page}&per_page=100`);
    out.push(...body[key].map(id));
    if (page >= body.pagination.pages) return out;
  }
}

describe("large lists page like a full sort of the stored data", () => {
  const listingsOf = (forSaleOnly: boolean) =>
    [...emu.state.listings.values()].filter(
      (l) => l.seller.username === SELLER && (!forSaleOnly || l.status === "For Sale"),
    );

  it("an inventory, default order (newest first) and by price, as a visitor (For Sale only)", async () => {
    const visible = listingsOf(true);
    const newest = sortBy(visible, (l) => Date.parse(l.posted), -1).map((l) => l.id);
    expect(await allPages(`/users/${SELLER}/inventory`, "listings", (l) => l.id)).toEqual(newest);
    const cheapest = sortBy(visible, (l) => l.price.value, 1).map((l) => l.id);
    expect(await allPages(`/users/${SELLER}/inventory?sort=price`, "listings", (l) => l.id)).toEqual(
      cheapest,
    );
  });

  it("the user's collection by date added, and the wantlist by rating", async () => {
    const coll = emu.state.collection.get(SELLER)!;
    const added = sortBy(
      coll.map((i) => ({ ...i, id: i.instance_id })),
      (i) => Date.parse(i.date_added),
      -1,
    ).map((i) => i.instance_id);
    expect(
      await allPages(
        `/users/${SELLER}/collection/folders/0/releases?sort=added&sort_order=desc`,
        "releases",
        (r) => r.instance_id,
      ),
    ).toEqual(added);
    const wants = [...emu.state.wants.get(SELLER)!].map(([id, w]) => ({ id, ...w }));
    const byRating = sortBy(wants, (w) => w.rating, 1).map((w) => w.id);
    expect(await allPages(`/users/${SELLER}/wants?sort=rating`, "wants", (w) => w.id)).toEqual(byRating);
  });

  it("a page past the end is still a 404, and a deep page (past half the list) is right too", async () => {
    const pages = Math.ceil(listingsOf(true).length / 100);
    const res = await fetch(`${emu.url}/users/${SELLER}/inventory?page=${pages + 1}&per_page=100`);
    expect(res.status).toBe(404);
    const last = await getJson(
      `/users/${SELLER}/inventory?page=${pages}&per_page=100&sort=price&sort_order=desc`,
    );
    const expected = sortBy(listingsOf(true), (l) => l.price.value, -1)
      .slice((pages - 1) * 100)
      .map((l) => l.id);
    expect(last.listings.map((l: any) => l.id)).toEqual(expected);
  });

  it("shows each listing's release with the caller's own collection and wantlist counts", async () => {
    const body = await getJson(`/users/${SELLER}/inventory?per_page=5`);
    const coll = emu.state.collection.get("example")!;
    const wants = emu.state.wants.get("example")!;
    for (const l of body.listings) {
      expect(l.release.stats.user).toEqual({
        in_collection: coll.filter((i) => i.release_id === l.release.id).length,
        in_wantlist: wants.has(l.release.id) ? 1 : 0,
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("the seed", () => {
  it("holds every id the README uses", async () => {
    expect((await client.releases.get(352665)).title).toBe("The Downward Spiral");
    expect((await client.artists.get(3857)).name).toBe("Nine Inch Nails");
    expect((await client.masters.get(3719)).title).toBe("The Downward Spiral");
    expect((await client.labels.get(647)).name).toBe("Interscope Records");
    const listing = await client.marketplace.listings.get(172723812);
    expect(listing).toMatchObject({
      id: 172723812,
      status: "For Sale",
      condition: "Mint (M)",
      price: { value: 120, currency: "USD" },
      seller: { username: "Booms528" },
      release: { id: 352665 },
    });
    expect((await client.users.get("example")).username).toBe("example");
  });

  it.runIf(FIXTURES)("serves listing 172723812 in the shape of Discogs' documented example", async () => {
    const body = await getJson("/marketplace/listings/172723812");
    expect(shapeDiff(body, fixture("listing-172723812.json"))).toEqual([]);
  });

  it(`dates nothing after ${LATEST_SEEDED_YEAR} (nor after now)`, async () => {
    const fresh = await startEmulator({ rateLimit: false });
    try {
      const limit = Math.min(Date.now(), Date.UTC(LATEST_SEEDED_YEAR + 1, 0, 1));
      const late: string[] = [];
      const seen = new Set<unknown>();
      const walk = (v: unknown, path: string): void => {
        if (typeof v === "string") {
          // ISO dates and timestamps, alone or with a time and offset; a bare year in a `year`/`released` field.
          const m = /^(\d{4})(-\d\d-\d\d(T[\d:]+([+-]\d\d:\d\d|Z)?)?)?$/.exec(v);
          if (m && (m[2] || /(year|released)$/.test(path))) {
            const t = m[3] ? Date.parse(m[4] ? v : `${v}Z`) : Date.UTC(Number(m[1]), 0, 1);
            if (t >= limit) late.push(`${path} = ${v}`);
          }
          return;
        }
        if (typeof v === "number") {
          if (/\.year$/.test(path) && v > LATEST_SEEDED_YEAR) late.push(`${path} = ${v}`);
          return;
        }
        if (!v || typeof v !== "object" || seen.has(v)) return;
        seen.add(v);
        if (v instanceof Map) for (const [k, x] of v) walk(x, `${path}[${String(k)}]`);
        else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
        else for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
      };
      walk(fresh.state, "state");
      expect(late.slice(0, 20)).toEqual([]);
      // The walk saw the seeded data (a walk that sees nothing would pass trivially).
      expect(seen.size).toBeGreaterThan(10_000);
    } finally {
      await fresh.close();
    }
  });
});

describe("upload errors", () => {
  it("a 422 carries the reason in message and detail, and the next upload succeeds", async () => {
    const err = await client.uploads.change("listing_id,price\n1000000001,20.00\n").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const v = err as ValidationError;
    expect(v.status).toBe(422);
    expect(v.message).toBe("Invalid CSV: missing required column release_id.");
    expect(v.detail).toEqual([
      { loc: ["body", "upload"], msg: "missing required column release_id.", type: "value_error" },
    ]);
    const bad = await client.uploads
      .create("release_id,price,media_condition\n352665,0,Mint (M)\n")
      .catch((e) => e);
    expect((bad as ValidationError).detail[0]?.msg).toBe('row 2: invalid price "0".');
    const ok = await client.uploads.change("release_id,price\n352665,21.00\n");
    expect((await client.uploads.get(ok.id)).status).toBe("success");
    expect(emu.state.listings.get(1000000001)!.price.value).toBe(21);
  });
});
