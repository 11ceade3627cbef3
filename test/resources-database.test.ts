/**
 * `client.releases`, `client.masters`, `client.artists`, `client.labels` and `client.search`, against the
 * emulator: the request on the wire (method, path, query, body), the parsed and typed result, laziness, request
 * counts, pagination and argument checks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  Discogs,
  Lazy,
  NotFoundError,
  type Artist,
  type ArtistRelease,
  type CommunityRating,
  type Label,
  type LabelRelease,
  type MarketplaceReleaseStats,
  type Master,
  type MasterVersion,
  type PriceSuggestions,
  type Release,
  type ReleaseStats,
  type SearchResult,
  type Track,
  type UserReleaseRating,
} from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { harness, walk } from "./helpers/harness";

let emu: Emulator;
let client: Discogs;
const { wire, expectTypeError } = harness(() => emu);

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  client = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});
beforeEach(() => emu.clearRequests());

describe("client.releases.get", () => {
  it("is lazy: nothing is sent until awaited, then GET /releases/{id} once", async () => {
    const lazy = client.releases.get(352665);
    expect(lazy).toBeInstanceOf(Lazy);
    expect(lazy.id).toBe(352665);
    await new Promise((r) => setTimeout(r, 20));
    expect(emu.requests).toHaveLength(0);

    const release = await lazy;
    expectTypeOf(release).toEqualTypeOf<Release>();
    expect(wire()).toEqual([{ method: "GET", path: "/releases/352665", query: {}, body: undefined }]);
    expect(release.id).toBe(352665);
    expect(release.title).toBe("The Downward Spiral");
    expect(release.year).toBe(1994);
    // Aliases: extraartists -> extra_artists on the release and on tracks, anv -> name_variation, catno.
    const first = release.tracklist?.[0];
    expect(first?.extra_artists?.[0]).toMatchObject({
      name: "Adrian Belew",
      role: "Guitar",
      name_variation: "",
    });
    expect(first).not.toHaveProperty("extraartists");
    expect(release).toHaveProperty("extra_artists");
    expect(release).not.toHaveProperty("extraartists");
    expect(release.labels?.[0]?.catalog_number).toBeTypeOf("string");
    expect(release.formats?.[0]?.quantity).toBeTypeOf("string");
    expect(release.resource_url).toBe(`${emu.url}/releases/352665`);

    // A second await (and fetch()) reuses the result.
    expect(await lazy).toBe(release);
    expect(await lazy.fetch()).toBe(release);
    expect(emu.requests).toHaveLength(1);
  });

  it("sends curr_abbr", async () => {
    const release = await client.releases.get(249504, { curr_abbr: "EUR" });
    expect(wire()).toEqual([
      { method: "GET", path: "/releases/249504", query: { curr_abbr: "EUR" }, body: undefined },
    ]);
    expect(release.id).toBe(249504);
  });

  it("parses a 500-track tracklist", async () => {
    const release = await client.releases.get(5000000);
    const count = (tracks: Track[] = []): number =>
      tracks.reduce((n, t) => n + (t.type_ === "track" ? 1 : 0) + count(t.sub_tracks), 0);
    expect(count(release.tracklist)).toBeGreaterThanOrEqual(500);
  });

  it("does not memoize a failure: the next await tries again", async () => {
    emu.faults.add({ kind: "status", status: 404, path: "/releases/1", times: 1 });
    const lazy = client.releases.get(1);
    await expect(lazy).rejects.toBeInstanceOf(NotFoundError);
    const release = await lazy;
    expect(release.id).toBe(1);
    expect(wire().map((r) => r.path)).toEqual(["/releases/1", "/releases/1"]);
    expect(emu.requests.map((r) => r.status)).toEqual([404, 200]);
  });

  it("maps an unknown release to NotFoundError", async () => {
    const err = await client.releases.get(999_999_999).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).message).toBe("Release not found.");
  });

  it("rejects bad ids and currencies before any request", async () => {
    for (const id of [0, -1, Number.NaN, 1.5, "", "../x", {}, null, undefined]) {
      await expectTypeError(() => client.releases.get(id as never), /^id must be a positive integer/);
    }
    await expectTypeError(
      () => client.releases.get(1, { curr_abbr: "XYZ" as never }),
      /^curr_abbr must be one of/,
    );
    await expectTypeError(() => client.releases.get(1, "EUR" as never), /^params must be an object/);
  });
});

describe("release sub-resources", () => {
  it("accessors send nothing; .rating.get() is exactly one request", async () => {
    const lazy = client.releases.get(352665);
    void lazy.rating;
    void lazy.stats;
    void lazy.priceSuggestions;
    void lazy.marketplaceStats;
    const pending = lazy.rating.get();
    await new Promise((r) => setTimeout(r, 20));
    expect(emu.requests).toHaveLength(0);

    const rating = await pending;
    expectTypeOf(rating).toEqualTypeOf<CommunityRating>();
    expect(wire()).toEqual([{ method: "GET", path: "/releases/352665/rating", query: {}, body: undefined }]);
    expect(rating.release_id).toBe(352665);
    expect(rating.rating.count).toBeGreaterThan(0);
    expect(rating.rating.average).toBeGreaterThan(0);
  });

  it("rating.get(username), update, delete", async () => {
    const ratings = client.releases.get(352665).rating;

    const updated = await ratings.update("example", 4);
    expectTypeOf(updated).toEqualTypeOf<UserReleaseRating>();
    expect(updated).toEqual({ username: "example", release_id: 352665, rating: 4 });

    const mine = await ratings.get("example");
    expectTypeOf(mine).toEqualTypeOf<UserReleaseRating>();
    expect(mine.rating).toBe(4);

    const deleted = await ratings.delete("example");
    expect(deleted).toBeUndefined();
    expect((await ratings.get("example")).rating).toBe(0);

    expect(wire()).toEqual([
      { method: "PUT", path: "/releases/352665/rating/example", query: {}, body: { rating: 4 } },
      { method: "GET", path: "/releases/352665/rating/example", query: {}, body: undefined },
      { method: "DELETE", path: "/releases/352665/rating/example", query: {}, body: undefined },
      { method: "GET", path: "/releases/352665/rating/example", query: {}, body: undefined },
    ]);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 200, 204, 200]);
  });

  it("URL-encodes usernames", async () => {
    const r = await client.releases.get(249504).rating.get("some user");
    expect(emu.requests[0]?.path).toBe("/releases/249504/rating/some user");
    expect(r.rating).toBe(0);
  });

  it("stats.get()", async () => {
    const stats = await client.releases.get(249504).stats.get();
    expectTypeOf(stats).toEqualTypeOf<ReleaseStats>();
    expect(wire()).toEqual([{ method: "GET", path: "/releases/249504/stats", query: {}, body: undefined }]);
    expect(stats.num_have).toBeTypeOf("number");
    expect(stats.num_want).toBeTypeOf("number");
  });

  it("priceSuggestions.get()", async () => {
    const prices = await client.releases.get(352665).priceSuggestions.get();
    expectTypeOf(prices).toEqualTypeOf<PriceSuggestions>();
    expect(wire()).toEqual([
      { method: "GET", path: "/marketplace/price_suggestions/352665", query: {}, body: undefined },
    ]);
    expect(prices["Mint (M)"]).toMatchObject({ currency: expect.any(String), value: expect.any(Number) });
    expect(prices["Very Good Plus (VG+)"]?.value).toBeGreaterThan(0);
  });

  it("marketplaceStats.get({ curr_abbr })", async () => {
    const stats = await client.releases.get(352665).marketplaceStats.get({ curr_abbr: "EUR" });
    expectTypeOf(stats).toEqualTypeOf<MarketplaceReleaseStats>();
    expect(wire()).toEqual([
      { method: "GET", path: "/marketplace/stats/352665", query: { curr_abbr: "EUR" }, body: undefined },
    ]);
    expect(stats.num_for_sale).toBeGreaterThan(0);
    expect(stats.lowest_price).toMatchObject({ currency: "EUR", value: expect.any(Number) });
    expect(stats.blocked_from_sale).toBe(false);
    await client.releases.get(352665).marketplaceStats.get();
    expect(emu.requests[1]?.query).toEqual({});
  });

  it("rejects bad ratings and usernames before any request", async () => {
    const ratings = client.releases.get(352665).rating;
    for (const bad of [0, 6, 2.5, Number.NaN, "5", null]) {
      await expectTypeError(
        () => ratings.update("example", bad as never),
        /^rating must be an integer from 1 to 5/,
      );
    }
    await expectTypeError(() => ratings.update("example", undefined as never), /^rating is required/);
    for (const bad of ["", "../x", "a/b", 5]) {
      await expectTypeError(() => ratings.update(bad as never, 5), /^username /);
      await expectTypeError(() => ratings.delete(bad as never), /^username /);
      await expectTypeError(() => ratings.get(bad as never), /^username /);
    }
    await expectTypeError(
      () => client.releases.get(1).marketplaceStats.get({ curr_abbr: "usd" as never }),
      /^curr_abbr must be one of/,
    );
  });
});

describe("client.masters", () => {
  it("get(id) is lazy and typed", async () => {
    const lazy = client.masters.get(3719);
    void lazy.versions;
    expect(emu.requests).toHaveLength(0);
    const master = await lazy;
    expectTypeOf(master).toEqualTypeOf<Master>();
    expect(wire()).toEqual([{ method: "GET", path: "/masters/3719", query: {}, body: undefined }]);
    expect(master.id).toBe(3719);
    expect(master.title).toBe("The Downward Spiral");
    expect(master.main_release).toBeTypeOf("number");
  });

  it("versions.list() walks every page with per_page=100", async () => {
    const { items, sizes, reported } = await walk(client.masters.get(3719).versions.list());
    expectTypeOf(items).toEqualTypeOf<MasterVersion[]>();
    expect(reported).toBe(emu.state.masterVersions.get(3719)!.length);
    expect(items).toHaveLength(reported);
    expect(sizes).toEqual([100, reported - 100]);
    expect(emu.requests).toHaveLength(2);
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/masters/3719/versions",
      query: { per_page: "100" },
    });
    expect(emu.requests[1]?.query).toMatchObject({ per_page: "100", page: "2" });
    // catno -> catalog_number
    expect(items[0]?.catalog_number).toBeTypeOf("string");
    expect(items[0]).not.toHaveProperty("catno");
  });

  it("versions.list(filters) sends Discogs' names", async () => {
    const versions = client.masters.get(3719).versions.list({
      format: "Vinyl",
      label: "Nothing Records",
      released: 1994,
      country: "US",
      sort: "released",
      sort_order: "desc",
      per_page: 5,
    });
    expect(emu.requests).toHaveLength(0);
    const items = await versions.toArray({ limit: 3 });
    expect(items.length).toBeLessThanOrEqual(3);
    expect(wire()).toEqual([
      {
        method: "GET",
        path: "/masters/3719/versions",
        query: {
          format: "Vinyl",
          label: "Nothing Records",
          released: "1994",
          country: "US",
          sort: "released",
          sort_order: "desc",
          per_page: "5",
        },
        body: undefined,
      },
    ]);
    for (const v of items) expect(v.country).toBe("US");
  });

  it("rejects bad arguments before any request", async () => {
    await expectTypeError(() => client.masters.get(0), /^id must be a positive integer/);
    const versions = client.masters.get(3719).versions;
    await expectTypeError(() => versions.list({ sort: "year" as never }), /^sort must be one of/);
    await expectTypeError(() => versions.list({ sort_order: "up" as never }), /^sort_order must be one of/);
    await expectTypeError(
      () => versions.list({ per_page: 101 }),
      /^per_page must be an integer from 1 to 100/,
    );
    await expectTypeError(() => versions.list({ released: 19.5 }), /^released must be a year/);
    await expectTypeError(() => versions.list({ format: 1 as never }), /^format must be a string/);
  });
});

describe("client.artists", () => {
  it("get(id) is lazy and typed", async () => {
    const artist = await client.artists.get(3857);
    expectTypeOf(artist).toEqualTypeOf<Artist>();
    expect(wire()).toEqual([{ method: "GET", path: "/artists/3857", query: {}, body: undefined }]);
    expect(artist.name).toBe("Nine Inch Nails");
    expect(Array.isArray(artist.name_variations)).toBe(true);
    expect(artist).not.toHaveProperty("namevariations");
  });

  it("releases.list({ sort, sort_order }) walks every page", async () => {
    const { items, sizes, reported } = await walk(
      client.artists.get(3857).releases.list({ sort: "year", sort_order: "desc" }),
    );
    expectTypeOf(items).toEqualTypeOf<ArtistRelease[]>();
    expect(reported).toBe(emu.state.artistReleases.get(3857)!.length);
    expect(items).toHaveLength(reported);
    expect(sizes.length).toBe(Math.ceil(reported / 100));
    expect(new Set(items.map((r) => `${r.type}:${r.id}`)).size).toBe(reported);
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/artists/3857/releases",
      query: { sort: "year", sort_order: "desc", per_page: "100" },
    });
    const years = items.map((r) => r.year ?? 0);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });

  it("rejects bad sorts before any request", async () => {
    await expectTypeError(
      () => client.artists.get(3857).releases.list({ sort: "released" as never }),
      /^sort /,
    );
    await expectTypeError(() => client.artists.get("3857x" as never), /^id /);
  });
});

describe("client.labels", () => {
  it("get(id) is lazy and typed", async () => {
    const label = await client.labels.get(647);
    expectTypeOf(label).toEqualTypeOf<Label>();
    expect(wire()).toEqual([{ method: "GET", path: "/labels/647", query: {}, body: undefined }]);
    expect(label.name).toBe("Interscope Records");
    expect(label).not.toHaveProperty("sublabels");
  });

  it("a sub-label carries parent_label", async () => {
    const label = await client.labels.get(31405);
    expect(label.parent_label?.id).toBeTypeOf("number");
  });

  it("releases.list() walks every page", async () => {
    const { items, reported, sizes } = await walk(client.labels.get(647).releases.list());
    expectTypeOf(items).toEqualTypeOf<LabelRelease[]>();
    expect(reported).toBe(emu.state.labelReleases.get(647)!.length);
    expect(items).toHaveLength(reported);
    expect(sizes).toEqual([100, reported - 100]);
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/labels/647/releases",
      query: { per_page: "100" },
    });
    expect(items[0]?.catalog_number).toBeTypeOf("string");
  });

  it("toArray({ limit }) fetches only the pages it needs", async () => {
    const items = await client.labels.get(647).releases.list({ per_page: 10 }).toArray({ limit: 15 });
    expect(items).toHaveLength(15);
    expect(emu.requests).toHaveLength(2);
  });
});

describe("client.search", () => {
  it("sends nothing until iterated; query is sent as q", async () => {
    const results = client.search({ query: "Nine Inch Nails", type: "artist" });
    await new Promise((r) => setTimeout(r, 20));
    expect(emu.requests).toHaveLength(0);
    const items = await results.toArray({ limit: 5 });
    expectTypeOf(items).toEqualTypeOf<SearchResult[]>();
    expect(wire()).toEqual([
      {
        method: "GET",
        path: "/database/search",
        query: { q: "Nine Inch Nails", type: "artist", per_page: "100" },
        body: undefined,
      },
    ]);
    expect(items[0]).toMatchObject({ type: "artist", id: 3857, title: "Nine Inch Nails" });
  });

  it("sends every filter under Discogs' names", async () => {
    const params = {
      query: "q",
      type: "release",
      title: "t",
      release_title: "rt",
      credit: "c",
      artist: "a",
      anv: "anv",
      label: "l",
      genre: "g",
      style: "s",
      country: "co",
      year: 1994,
      format: "f",
      catno: "cn",
      barcode: "b",
      track: "tr",
      submitter: "sub",
      contributor: "con",
      per_page: 7,
    } as const;
    await client.search(params).toArray({ limit: 1 });
    const { query, type, year, per_page, ...rest } = params;
    expect(wire()).toEqual([
      {
        method: "GET",
        path: "/database/search",
        query: { q: query, type, year: String(year), per_page: String(per_page), ...rest },
        body: undefined,
      },
    ]);
  });

  it("parses release results (year is a string, catno -> catalog_number)", async () => {
    const items = await client
      .search({ query: "Downward Spiral", type: "release", year: "1994" })
      .toArray({ limit: 3 });
    expect(items.length).toBeGreaterThan(0);
    const r = items[0]!;
    expect(r.type).toBe("release");
    expect(r.year).toBe("1994");
    expect(r).toHaveProperty("catalog_number");
    expect(r).not.toHaveProperty("catno");
  });

  it("rejects bad filters before any request", async () => {
    await expectTypeError(() => client.search({ type: "track" as never }), /^type must be one of/);
    await expectTypeError(() => client.search({ query: 5 as never }), /^query must be a string/);
    await expectTypeError(() => client.search({ barcode: [] as never }), /^barcode must be a string/);
    await expectTypeError(() => client.search({ year: Number.NaN }), /^year must be a year/);
    await expectTypeError(() => client.search({ per_page: 0 }), /^per_page /);
    await expectTypeError(() => client.search("nin" as never), /^params must be an object/);
  });
});

describe("the Python SDK README, in TypeScript", () => {
  it("quick start and fetching resources", async () => {
    const release = await client.releases.get(352665);
    expect(`${release.title} (${release.year})`).toBe("The Downward Spiral (1994)");

    const titles: string[] = [];
    for await (const result of client.search({ query: "Nine Inch Nails", type: "artist" }))
      titles.push(result.title);
    expect(titles).toContain("Nine Inch Nails");

    expect((await client.artists.get(3857)).name).toBe("Nine Inch Nails");
    expect((await client.masters.get(3719)).id).toBe(3719);
    expect((await client.labels.get(647)).id).toBe(647);
  });

  it("search", async () => {
    const lines: string[] = [];
    for await (const result of client.search({
      query: "Pretty Hate Machine",
      type: "release",
      year: "1989",
    })) {
      lines.push(`[${result.type}] ${result.title}`);
    }
    expect(lines).toContain("[release] Nine Inch Nails - Pretty Hate Machine");
  });

  it("sub-resources", async () => {
    const rating = await client.releases.get(352665).rating.get();
    expect(rating.rating.average).toBeGreaterThan(0);

    let n = 0;
    for await (const rel of client.artists.get(3857).releases.list({ sort: "year", sort_order: "desc" })) {
      expect(typeof rel.title).toBe("string");
      n++;
    }
    expect(n).toBe(emu.state.artistReleases.get(3857)!.length);

    const formats: string[] = [];
    for await (const v of client.masters.get(3719).versions.list({ format: "Vinyl", country: "US" })) {
      formats.push(`${v.title} [${v.format}]`);
    }
    expect(formats.length).toBeGreaterThan(0);
  });

  it("error handling", async () => {
    let caught = "";
    try {
      const release = await client.releases.get(999999999);
      void release.title;
    } catch (e) {
      if (e instanceof NotFoundError) caught = "Not found";
    }
    expect(caught).toBe("Not found");
  });
});
