/**
 * The emulator's database endpoints over real HTTP: releases, ratings, stats, masters and versions, artists,
 * labels, search. Shapes are compared with the recorded Discogs responses in the shared fixtures when present.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import { FIXTURES, fixture, shapeDiff as diffShape } from "./helpers/fixture-shape";

// ---------------------------------------------------------------------------------------------------------------
// Fixture shape comparison

if (!FIXTURES)
  console.log("Skipping fixture shape comparisons: no shared/reference/fixtures directory found.");

/** Keys that Discogs itself only sends on some objects of a kind (per track, per identifier, per era...). */
const OPTIONAL_KEYS = new Set([
  "extraartists",
  "artists",
  "sub_tracks",
  "description",
  "text",
  "thumbnail_url",
  "trackinfo",
  "realname",
  "groups",
  "members",
  "aliases",
]);

/** Objects whose keys are data, not field names. */
const MAP_KEYS = ["available", "applied"];

/** Shape differences from a recorded body, with this file's rules (see test/helpers/fixture-shape.ts). */
const shapeDiff = (actual: unknown, expected: unknown) =>
  diffShape(actual, expected, { optional: OPTIONAL_KEYS, mapKeys: MAP_KEYS });

const itFixture = it.skipIf(!FIXTURES);

// ---------------------------------------------------------------------------------------------------------------
// HTTP helpers

let emu: Emulator;
const UA = "discogs-sdk-tests/1.0";

beforeAll(async () => {
  emu = await startEmulator({
    rateLimit: false,
    credentials: {
      tokens: { "tok-example": "example", "tok-rodney": "rodneyfool" },
      consumers: [{ key: "ck", secret: "cs" }],
    },
  });
});
afterAll(async () => {
  await emu?.close();
});

type Auth = "example" | "rodney" | "key" | "none";

function headers(auth: Auth): Record<string, string> {
  const h: Record<string, string> = { "User-Agent": UA };
  if (auth === "example") h.Authorization = "Discogs token=tok-example";
  if (auth === "rodney") h.Authorization = "Discogs token=tok-rodney";
  if (auth === "key") h.Authorization = "Discogs key=ck, secret=cs";
  return h;
}

async function call(
  method: string,
  path: string,
  auth: Auth = "example",
  body?: unknown,
): Promise<{ status: number; body: any; res: Response }> {
  const h = headers(auth);
  const init: RequestInit = { method, headers: h };
  if (body !== undefined) {
    h["Content-Type"] = "application/json";
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const res = await fetch(emu.url + path, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, res };
}

const get = (path: string, auth: Auth = "example") => call("GET", path, auth);

/** Every `http(s)://` URL in a body that points at an API host must point at the emulator. */
function apiUrls(body: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string" && /^https?:\/\/api\./.test(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(body);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

describe("releases", () => {
  it("GET /releases/352665 has the full release shape with absolute emulator URLs", async () => {
    const { status, body } = await get("/releases/352665", "none");
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 352665, title: "The Downward Spiral", year: 1994, master_id: 3719 });
    expect(body.artists[0]).toMatchObject({ id: 3857, name: "Nine Inch Nails", anv: "" });
    expect(body.resource_url).toBe(`${emu.url}/releases/352665`);
    expect(body.master_url).toBe(`${emu.url}/masters/3719`);
    expect(apiUrls(body)).toEqual([]);
    expect(typeof body.released).toBe("string");
    expect(body.formats[0].qty).toBe("1");
    expect(body.images[0]).toHaveProperty("uri150");
    expect(body.tracklist).toHaveLength(14);
    expect(body.tracklist[4]).toMatchObject({
      position: "5",
      title: "Closer",
      duration: "6:13",
      type_: "track",
    });
    expect(body.community.rating.count).toBeGreaterThan(0);
    expect(typeof body.lowest_price === "number" || body.lowest_price === null).toBe(true);
    expect(body.num_for_sale).toBeGreaterThan(0);
  });

  itFixture("release shape matches the recorded release-249504 bodies", async () => {
    const { body } = await get("/releases/249504");
    expect(body).toMatchObject({ id: 249504, title: "Never Gonna Give You Up", master_id: 96559 });
    expect(shapeDiff(body, fixture("release-249504.json"))).toEqual([]);
    expect(shapeDiff(body, fixture("release-249504.real-2021.json"))).toEqual([]);
    const one = await get("/releases/1");
    expect(one.body.title).toBe("Stockholm");
    expect(shapeDiff(one.body, fixture("release-1.real-2014.json"))).toEqual([]);
  });

  it("release 5000000 has a large tracklist with headings, index tracks and per-track credits", async () => {
    const { status, body } = await get("/releases/5000000");
    expect(status).toBe(200);
    const tracks = body.tracklist as any[];
    expect(tracks.filter((t) => t.type_ !== "heading").length).toBeGreaterThanOrEqual(400);
    expect(tracks.some((t) => t.type_ === "heading")).toBe(true);
    const index = tracks.find((t) => t.type_ === "index");
    expect(index.sub_tracks.length).toBeGreaterThan(1);
    expect(index.sub_tracks[0].artists[0]).toHaveProperty("id");
    const track = tracks.find((t) => t.type_ === "track");
    expect(track.artists.length).toBeGreaterThan(0);
    expect(track.extraartists.length).toBeGreaterThan(0);
    expect(tracks.some((t) => t.duration === "")).toBe(true);
  });

  it("404s unknown and non-numeric release ids with Discogs' message", async () => {
    for (const p of ["/releases/999999999", "/releases/abc", "/releases/12x"]) {
      const { status, body } = await get(p);
      expect(status).toBe(404);
      expect(body).toEqual({ message: "Release not found." });
    }
    if (FIXTURES)
      expect((await get("/releases/999999999")).body).toEqual(fixture("error-404-release-not-found.json"));
  });

  it("accepts curr_abbr", async () => {
    const { status, body } = await get("/releases/249504?curr_abbr=EUR");
    expect(status).toBe(200);
    expect(body.id).toBe(249504);
  });

  it("reports the release stats in the documented shape plus is_offensive", async () => {
    const { status, body } = await get("/releases/249504/stats", "none");
    expect(status).toBe(200);
    expect(body).toEqual({ num_have: expect.any(Number), num_want: expect.any(Number), is_offensive: false });
    if (FIXTURES) expect(shapeDiff(body, fixture("release-stats-249504.json"))).toEqual([]);
  });
});

describe("release ratings", () => {
  it("gets a user's rating (0 when unrated)", async () => {
    const mine = await get("/releases/352665/rating/example", "none");
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ username: "example", release_id: 352665, rating: 5 });
    const unrated = await get("/releases/352665/rating/privateuser");
    expect(unrated.body).toEqual({ username: "privateuser", release_id: 352665, rating: 0 });
    if (FIXTURES) expect(shapeDiff(mine.body, fixture("release-rating-249504-memory.json"))).toEqual([]);
  });

  it("PUT then DELETE changes the user's rating and the community rating", async () => {
    const before = (await get("/releases/249504/rating")).body;
    expect(before.release_id).toBe(249504);
    const put = await call("PUT", "/releases/249504/rating/rodneyfool", "rodney", { rating: 2 });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ username: "rodneyfool", release_id: 249504, rating: 2 });
    if (FIXTURES) expect(shapeDiff(put.body, fixture("release-rating-put-249504-memory.json"))).toEqual([]);
    expect((await get("/releases/249504/rating/rodneyfool")).body.rating).toBe(2);
    const after = (await get("/releases/249504/rating")).body;
    expect(after.rating.count).toBe(before.rating.count + 1);
    expect((await get("/releases/249504")).body.community.rating).toEqual(after.rating);
    if (FIXTURES) expect(shapeDiff(after, fixture("release-community-rating-249504.json"))).toEqual([]);

    const del = await call("DELETE", "/releases/249504/rating/rodneyfool", "rodney");
    expect(del.status).toBe(204);
    expect((await get("/releases/249504/rating/rodneyfool")).body.rating).toBe(0);
    expect((await get("/releases/249504/rating")).body).toEqual(before);
  });

  it("requires the owner: 401 anonymous, 403 another user", async () => {
    expect((await call("PUT", "/releases/249504/rating/rodneyfool", "none", { rating: 3 })).status).toBe(401);
    const other = await call("PUT", "/releases/249504/rating/rodneyfool", "example", { rating: 3 });
    expect(other.status).toBe(403);
    expect(other.body.message).toEqual(expect.any(String));
    expect((await call("DELETE", "/releases/249504/rating/rodneyfool", "example")).status).toBe(403);
  });

  it("422s bad ratings with a FastAPI-style detail", async () => {
    for (const bad of [
      { rating: 6 },
      { rating: 0 },
      { rating: "five" },
      { rating: 2.5 },
      {},
      { rating: null },
    ]) {
      const { status, body } = await call("PUT", "/releases/249504/rating/example", "example", bad);
      expect(status).toBe(422);
      expect(body.message).toEqual(expect.any(String));
      expect(body.detail[0]).toMatchObject({
        loc: ["body", "rating"],
        msg: expect.any(String),
        type: expect.any(String),
      });
    }
    const malformed = await call("PUT", "/releases/249504/rating/example", "example", "{not json");
    expect(malformed.status).toBe(422);
    expect((await call("PUT", "/releases/999999999/rating/example", "example", { rating: 3 })).status).toBe(
      404,
    );
  });
});

describe("masters", () => {
  it("GET /masters/3719 has the master shape with computed marketplace fields", async () => {
    const { status, body } = await get("/masters/3719", "none");
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 3719, title: "The Downward Spiral", main_release: 352665, year: 1994 });
    expect(body.versions_url).toBe(`${emu.url}/masters/3719/versions`);
    expect(body.main_release_url).toBe(`${emu.url}/releases/352665`);
    expect(body.num_for_sale).toBeGreaterThan(0);
    expect(typeof body.lowest_price).toBe("number");
    if (FIXTURES) {
      expect(shapeDiff(body, fixture("master-1000.json"))).toEqual([]);
      expect(shapeDiff(body, fixture("master-666.real-2021.json"))).toEqual([]);
    }
    for (const id of [96559, 1000, 5427]) expect((await get(`/masters/${id}`)).status).toBe(200);
  });

  it("404s unknown masters with Discogs' message", async () => {
    for (const p of ["/masters/999999999", "/masters/x", "/masters/999999999/versions"]) {
      const { status, body } = await get(p);
      expect(status).toBe(404);
      expect(body).toEqual({ message: "Master Release not found." });
    }
  });

  it("versions span pages and carry filters and filter_facets", async () => {
    const p1 = await get("/masters/3719/versions?per_page=50");
    expect(p1.status).toBe(200);
    expect(p1.body.pagination).toMatchObject({ page: 1, per_page: 50, items: 135, pages: 3 });
    expect(p1.body.pagination.urls.next).toBe(`${emu.url}/masters/3719/versions?per_page=50&page=2`);
    expect(p1.res.headers.get("link")).toContain('rel="next"');
    expect(p1.body.versions).toHaveLength(50);
    const p3 = await get("/masters/3719/versions?per_page=50&page=3");
    expect(p3.body.versions).toHaveLength(35);
    expect(Object.keys(p3.body.pagination.urls).sort()).toEqual(["first", "prev"]);
    expect((await get("/masters/3719/versions?per_page=100&page=2")).body.versions).toHaveLength(35);
    const ids = new Set(
      [
        ...p1.body.versions,
        ...(await get("/masters/3719/versions?per_page=50&page=2")).body.versions,
        ...p3.body.versions,
      ].map((v: any) => v.id),
    );
    expect(ids.size).toBe(135);
    expect(p1.body.filters.applied).toEqual({});
    expect(p1.body.filters.available.format.CD).toBeGreaterThan(0);
    expect(p1.body.filter_facets.map((f: any) => f.id)).toEqual(["format", "label", "country", "released"]);
    expect(p1.body.versions[0].stats.user).toEqual({
      in_collection: expect.any(Number),
      in_wantlist: expect.any(Number),
    });
    if (FIXTURES) {
      expect(shapeDiff(p1.body, fixture("master-versions-1000.json"))).toEqual([]);
      expect(shapeDiff(p1.body, fixture("master-versions-666.real-2021.json"))).toEqual([]);
    }
  });

  it("applies the format, label, country and released filters", async () => {
    const vinyl = (await get("/masters/3719/versions?format=Vinyl&per_page=100")).body;
    expect(vinyl.versions.length).toBeGreaterThan(0);
    expect(vinyl.versions.every((v: any) => v.major_formats.includes("Vinyl"))).toBe(true);
    expect(vinyl.filters.applied).toEqual({ format: ["Vinyl"] });
    const us = (await get("/masters/3719/versions?country=US&released=1994&per_page=100")).body;
    expect(us.versions.every((v: any) => v.country === "US" && v.released === "1994")).toBe(true);
    expect(us.pagination.items).toBe(us.versions.length);
    const island = (await get("/masters/3719/versions?label=Island+Records&per_page=100")).body;
    expect(island.versions.length).toBeGreaterThan(0);
    expect(island.versions.every((v: any) => v.label === "Island Records")).toBe(true);
    const none = (await get("/masters/3719/versions?country=Atlantis")).body;
    expect(none.pagination.items).toBe(0);
    expect(none.versions).toEqual([]);
  });

  it("sorts versions by each documented key in both orders", async () => {
    for (const sort of ["released", "title", "format", "label", "catno", "country"]) {
      const key = sort;
      const values = async (order: string) => {
        const out: string[] = [];
        for (const page of [1, 2]) {
          const body = (
            await get(`/masters/3719/versions?sort=${sort}&sort_order=${order}&per_page=100&page=${page}`)
          ).body;
          out.push(...body.versions.map((v: any) => String(v[key])));
        }
        return out;
      };
      const cmp = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true });
      const asc = await values("asc");
      const desc = await values("desc");
      expect(asc).toHaveLength(135);
      expect(asc).toEqual([...asc].sort(cmp));
      expect(desc).toEqual([...desc].sort((a, b) => cmp(b, a)));
    }
  });
});

describe("artists", () => {
  it("GET /artists/3857 has members, namevariations, aliases, urls and images", async () => {
    const { status, body } = await get("/artists/3857", "none");
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 3857, name: "Nine Inch Nails" });
    expect(body.members.length).toBeGreaterThan(3);
    expect(body.members[0]).toMatchObject({
      id: expect.any(Number),
      name: expect.any(String),
      active: expect.any(Boolean),
    });
    expect(body.namevariations).toContain("NIN");
    expect(body.aliases.length).toBeGreaterThan(0);
    expect(body.urls.length).toBeGreaterThan(0);
    expect(body.images[0].uri150).toEqual(expect.any(String));
    expect(body.releases_url).toBe(`${emu.url}/artists/3857/releases`);
    // A member is an artist too, with the group listed.
    const member = await get(`/artists/${body.members[0].id}`);
    expect(member.body.groups[0].id).toBe(3857);
    if (FIXTURES) {
      expect(shapeDiff(body, fixture("artist-108713.json"))).toEqual([]);
      expect(shapeDiff(body, fixture("artist-260935.real-2025.json"))).toEqual([]);
    }
    for (const id of [72872, 1]) expect((await get(`/artists/${id}`)).status).toBe(200);
  });

  it("404s unknown artists", async () => {
    for (const p of ["/artists/999999999", "/artists/nope", "/artists/999999999/releases"]) {
      const { status, body } = await get(p);
      expect(status).toBe(404);
      expect(body).toEqual({ message: "Artist not found." });
    }
  });

  it("artist releases span pages and mix masters and releases with roles", async () => {
    const p1 = await get("/artists/3857/releases?per_page=100");
    expect(p1.status).toBe(200);
    expect(p1.body.pagination.items).toBeGreaterThanOrEqual(250);
    expect(p1.body.pagination.pages).toBe(Math.ceil(p1.body.pagination.items / 100));
    const all: any[] = [...p1.body.releases];
    for (let page = 2; page <= p1.body.pagination.pages; page++)
      all.push(...(await get(`/artists/3857/releases?per_page=100&page=${page}`)).body.releases);
    expect(all).toHaveLength(p1.body.pagination.items);
    expect(all.some((r) => r.type === "master" && r.id === 3719 && r.main_release === 352665)).toBe(true);
    expect(
      all.some((r) => r.type === "release" && typeof r.format === "string" && typeof r.label === "string"),
    ).toBe(true);
    expect(new Set(all.map((r) => r.role))).toEqual(
      new Set(["Main", "Producer", "Remix", "TrackAppearance"]),
    );
    expect(all.find((r) => r.role === "TrackAppearance").trackinfo).toEqual(expect.any(String));
    expect(all[0].stats.community).toEqual({
      in_wantlist: expect.any(Number),
      in_collection: expect.any(Number),
    });
    if (FIXTURES) {
      expect(shapeDiff(p1.body, fixture("artist-releases-108713.json"))).toEqual([]);
      expect(shapeDiff(p1.body, fixture("artist-releases-1.real-2021.json"))).toEqual([]);
    }
  });

  it("sorts artist releases by year, title and format", async () => {
    const years = (
      await get("/artists/3857/releases?sort=year&sort_order=desc&per_page=100")
    ).body.releases.map((r: any) => r.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const titles = (await get("/artists/3857/releases?sort=title&per_page=100")).body.releases.map(
      (r: any) => r.title,
    );
    expect(titles).toEqual(
      [...titles].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true })),
    );
    expect((await get("/artists/3857/releases?sort=format")).status).toBe(200);
  });
});

describe("labels", () => {
  it("GET /labels/1 has sub-labels; /labels/31405 has its parent label", async () => {
    const planetE = await get("/labels/1", "none");
    expect(planetE.status).toBe(200);
    expect(planetE.body).toMatchObject({ id: 1, name: "Planet E" });
    expect(planetE.body.sublabels.map((s: any) => s.id)).toContain(31405);
    const sub = await get("/labels/31405");
    expect(sub.body.parent_label).toEqual({ id: 1, name: "Planet E", resource_url: `${emu.url}/labels/1` });
    expect((await get("/labels/647")).body.name).toBe("Interscope Records");
    if (FIXTURES) {
      expect(shapeDiff(planetE.body, fixture("label-1.json"))).toEqual([]);
      expect(shapeDiff(sub.body, fixture("label-31405-sublabel.joalla.json"))).toEqual([]);
    }
  });

  it("404s unknown labels", async () => {
    for (const p of ["/labels/999999999", "/labels/x", "/labels/999999999/releases"]) {
      const { status, body } = await get(p);
      expect(status).toBe(404);
      expect(body).toEqual({ message: "Label not found." });
    }
    if (FIXTURES)
      expect((await get("/labels/999999999")).body).toEqual(fixture("error-404-label-not-found.json"));
  });

  it("label releases span pages", async () => {
    const p1 = await get("/labels/647/releases");
    expect(p1.body.pagination).toMatchObject({ page: 1, per_page: 50 });
    expect(p1.body.pagination.items).toBeGreaterThan(100);
    expect(p1.body.releases[0]).toMatchObject({
      id: expect.any(Number),
      catno: expect.any(String),
      format: expect.any(String),
      artist: expect.any(String),
    });
    const planetE = await get("/labels/1/releases");
    expect(planetE.body.pagination.pages).toBeGreaterThan(1);
    const last = await get(`/labels/1/releases?page=${planetE.body.pagination.pages}`);
    expect(last.body.releases.length).toBe(
      planetE.body.pagination.items - 50 * (planetE.body.pagination.pages - 1),
    );
    expect((await get(`/labels/1/releases?page=${planetE.body.pagination.pages + 1}`)).status).toBe(404);
    if (FIXTURES) {
      expect(shapeDiff(p1.body, fixture("label-releases-1.json"))).toEqual([]);
      expect(shapeDiff(p1.body, fixture("label-releases-1.real-2014.json"))).toEqual([]);
    }
  });
});

describe("search", () => {
  it("401s without any credentials; key/secret is enough", async () => {
    const anon = await get("/database/search?q=nirvana", "none");
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual({ message: "You must authenticate to access this resource." });
    const key = await get("/database/search?q=nine+inch+nails", "key");
    expect(key.status).toBe(200);
    expect(key.body.results.length).toBeGreaterThan(0);
  });

  it("q matches title and artist text case-insensitively and returns the search result shape", async () => {
    const { status, body } = await get("/database/search?q=DOWNWARD+spiral&type=release&per_page=5");
    expect(status).toBe(200);
    expect(body.pagination.items).toBeGreaterThan(100);
    const r = body.results[0];
    expect(r).toMatchObject({
      type: "release",
      title: expect.stringContaining("Nine Inch Nails - The Downward Spiral"),
    });
    expect(typeof r.year).toBe("string");
    expect(r.uri.startsWith("/release/")).toBe(true);
    expect(r.resource_url.startsWith(emu.url)).toBe(true);
    expect(r.user_data).toEqual({ in_wantlist: expect.any(Boolean), in_collection: expect.any(Boolean) });
    expect(r.community).toEqual({ want: expect.any(Number), have: expect.any(Number) });
    expect(Array.isArray(r.barcode) && Array.isArray(r.format) && Array.isArray(r.label)).toBe(true);
    expect(r.formats[0].qty).toEqual(expect.any(String));
    expect(typeof r.format_quantity).toBe("number");
    if (FIXTURES) expect(shapeDiff(body, fixture("search-release-elvin-bishop.real-2022.json"))).toEqual([]);
  });

  it("returns masters, artists and labels in their shapes", async () => {
    const masters = (await get("/database/search?q=downward+spiral&type=master")).body;
    expect(masters.results[0]).toMatchObject({ type: "master", id: 3719, master_id: 3719 });
    expect(masters.results[0].uri).toBe("/master/3719-Nine-Inch-Nails-The-Downward-Spiral");
    const artists = (await get("/database/search?q=nine+inch+nails&type=artist")).body;
    expect(artists.results[0]).toMatchObject({
      type: "artist",
      id: 3857,
      title: "Nine Inch Nails",
      master_id: null,
      master_url: null,
    });
    expect(artists.results[0].uri).toBe("/artist/3857-Nine-Inch-Nails");
    const labels = (await get("/database/search?q=planet+e&type=label")).body;
    expect(labels.results[0]).toMatchObject({ type: "label", id: 1, title: "Planet E" });
    if (FIXTURES) {
      const mixed = (await get("/database/search?q=downward+spiral")).body;
      expect(shapeDiff(mixed, fixture("search-master-babymetal.real-2025.json"))).toEqual([]);
    }
  });

  it("applies the field filters", async () => {
    const check = async (query: string, pred: (r: any) => boolean) => {
      const body = (await get(`/database/search?${query}&per_page=100`)).body;
      expect(body.results.length).toBeGreaterThan(0);
      expect(body.results.every(pred)).toBe(true);
      return body;
    };
    await check("artist=rick+astley&type=release", (r) => r.title.startsWith("Rick Astley"));
    await check("release_title=stockholm", (r) => r.title.endsWith("Stockholm"));
    await check("title=persuader+-+stockholm", (r) => r.title === "The Persuader - Stockholm");
    await check("label=planet+e&type=release", (r) => r.label.includes("Planet E"));
    await check("genre=pop&type=release", (r) => r.genre.includes("Pop"));
    await check("style=industrial&type=release", (r) => r.style.includes("Industrial"));
    await check("country=japan&type=release", (r) => r.country === "Japan");
    await check("year=1987&type=release", (r) => r.year === "1987");
    await check("format=cassette&type=release", (r) => r.format.includes("Cassette"));
    await check("catno=PB+41447", (r) => r.catno === "PB 41447");
    await check("barcode=5012394144777", (r) => (r.type === "release" ? r.id === 249504 : r.id === 96559));
    await check("track=vasastaden&type=release", (r) => r.title.includes("Stockholm"));
    await check("credit=flood&type=release", (r) => r.title.startsWith("Nine Inch Nails"));
    await check("anv=mixmaster", (r) => (r.type === "release" ? r.id === 249504 : r.id === 96559));
    await check("submitter=sharevari&type=release", (r) => typeof r.id === "number");
    await check("contributor=rodneyfool&q=downward", (r) => r.title.includes("Downward"));
    const none = (await get("/database/search?q=zzzzzz-no-such-thing")).body;
    expect(none.pagination.items).toBe(0);
    expect(none.results).toEqual([]);
  });

  it("paginates search results", async () => {
    const p1 = (await get("/database/search?q=nine+inch+nails&per_page=100")).body;
    expect(p1.pagination.pages).toBeGreaterThan(1);
    const p2 = (await get("/database/search?q=nine+inch+nails&per_page=100&page=2")).body;
    const ids1 = new Set(p1.results.map((r: any) => `${r.type}:${r.id}`));
    expect(p2.results.some((r: any) => ids1.has(`${r.type}:${r.id}`))).toBe(false);
  });

  it("reproduces Discogs' 500 for a malformed query and 422s an unknown type", async () => {
    const { status, body } = await get("/database/search?q=__malformed__");
    expect(status).toBe(500);
    expect(body).toEqual({ message: "An internal server error occurred. (Malformed query?)" });
    if (FIXTURES) expect(body).toEqual(fixture("error-500-search-malformed-query.json"));
    expect((await get("/database/search?q=x&type=song")).status).toBe(422);
  });
});

describe("derived views follow emu.state", () => {
  it("a release added, then renamed, shows up in its master's versions, its artist's and label's releases, and search", async () => {
    const base = emu.state.releases.get(352665)!;
    const id = 99_000_001;
    const added = structuredClone(base);
    Object.assign(added, {
      id,
      title: "Further Down The Spiral (Test Pressing)",
      resource_url: `${emu.url}/releases/${id}`,
    });
    emu.state.releases.set(id, added);
    const solo = structuredClone(base);
    Object.assign(solo, {
      id: id + 1,
      title: "A Spiral Without Master",
      master_id: 0,
      resource_url: `${emu.url}/releases/${id + 1}`,
    });
    emu.state.releases.set(id + 1, solo);
    try {
      const ids = (items: { id: number }[]) => items.map((i) => i.id);
      const versions = (await get("/masters/3719/versions?per_page=500")).body as {
        versions: { id: number }[];
      };
      expect(ids(versions.versions)).toContain(id);
      const byArtist = (await get("/artists/3857/releases?per_page=500")).body as {
        releases: { id: number; title: string }[];
      };
      expect(ids(byArtist.releases)).toContain(id + 1); // no master: listed as itself
      const label = base.labels[0].id as number;
      const byLabel = (await get(`/labels/${label}/releases?per_page=500`)).body as {
        releases: { id: number; title: string }[];
      };
      expect(byLabel.releases.find((r) => r.id === id)?.title).toBe(
        "Further Down The Spiral (Test Pressing)",
      );
      const found = (await get("/database/search?q=Further%20Down%20The%20Spiral&type=release")).body as {
        results: { id: number }[];
      };
      expect(ids(found.results)).toContain(id);

      added.title = "Renamed In Place";
      const renamed = (await get("/database/search?q=Renamed%20In%20Place&type=release")).body as {
        results: { id: number }[];
      };
      expect(ids(renamed.results)).toContain(id);
      const gone = (await get("/database/search?q=Further%20Down%20The%20Spiral&type=release")).body as {
        results: { id: number }[];
      };
      expect(ids(gone.results)).not.toContain(id);
      const byLabel2 = (await get(`/labels/${label}/releases?per_page=500`)).body as {
        releases: { id: number; title: string }[];
      };
      expect(byLabel2.releases.find((r) => r.id === id)?.title).toBe("Renamed In Place");
    } finally {
      emu.state.releases.delete(id);
      emu.state.releases.delete(id + 1);
    }
    const after = (await get("/masters/3719/versions?per_page=500")).body as { versions: { id: number }[] };
    expect(after.versions.map((v) => v.id)).not.toContain(id);
  });
});
