/**
 * The emulator's users routes over real HTTP: profiles, submissions, contributions, collection (folders,
 * instances, fields, value), wantlist and lists. Shapes are compared with the recorded Discogs bodies in
 * `../shared/reference/fixtures` when that folder exists (the comparison is skipped, with a printed reason,
 * when it does not).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EmulatorState, startEmulator, type Emulator } from "../src/testing/index";
import { USER_SEED_IDS, seedUsers } from "../src/testing/seed/users";

// ---------------------------------------------------------------------------------------------------------------
// Harness

const TOKENS = {
  example: "tok-example",
  rodneyfool: "tok-rodney",
  privateuser: "tok-private",
  "360vinyl": "tok-shop",
} as const;
type As = keyof typeof TOKENS | "anon" | "key";

const MSG = {
  auth: "You must authenticate to access this resource.",
  noPermission: "You don't have permission to access this resource.",
  notOwner:
    "You are not allowed to view this resource. Please authenticate as the owner to view this content.",
  userNotFound: "User does not exist or may have been deleted.",
  folderNotEmpty: "Folder must be empty to be deleted.",
};

const { industrial, jazz } = USER_SEED_IDS.folders;

async function start(): Promise<Emulator> {
  return startEmulator({
    rateLimit: false,
    credentials: {
      tokens: Object.fromEntries(Object.entries(TOKENS).map(([user, token]) => [token, user])),
    },
  });
}

interface Res {
  status: number;
  body: any;
  headers: Headers;
}

async function call(
  emu: Emulator,
  method: string,
  path: string,
  opts: { as?: As; body?: unknown; rawBody?: string } = {},
): Promise<Res> {
  const headers: Record<string, string> = { "User-Agent": "discogs-sdk-tests/1.0" };
  const as = opts.as ?? "example";
  if (as === "key") headers.Authorization = "Discogs key=ck, secret=cs";
  else if (as !== "anon") headers.Authorization = `Discogs token=${TOKENS[as]}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined || opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = opts.rawBody ?? JSON.stringify(opts.body);
  }
  const res = await fetch(emu.url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

const get = (emu: Emulator, path: string, as: As = "example") => call(emu, "GET", path, { as });

/** Every item of a paginated endpoint, following `pagination.urls.next`. */
async function allPages(emu: Emulator, path: string, key: string, as: As = "example"): Promise<any[]> {
  const out: any[] = [];
  let url: string | undefined = path;
  for (let guard = 0; url && guard < 50; guard++) {
    const r = await get(emu, url, as);
    expect(r.status).toBe(200);
    out.push(...r.body[key]);
    const next: string | undefined = r.body.pagination.urls.next;
    url = next ? next.slice(emu.url.length) : undefined;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Fixture shapes

const FIXTURES = fileURLToPath(new URL("../../shared/reference/fixtures/", import.meta.url));
const HAVE_FIXTURES = existsSync(FIXTURES);
if (!HAVE_FIXTURES)
  console.log(`emulator-users: ${FIXTURES} not found; fixture shape comparisons are skipped.`);

function kind(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/**
 * Keys and value types of `expected` (a fixture) that `actual` lacks or types differently. Arrays compare element
 * by element (the last actual element stands in when actual is shorter); `null` on either side matches anything;
 * keys named in `optional` may be missing.
 */
function shapeIssues(expected: unknown, actual: unknown, optional: string[], path = "$"): string[] {
  const ek = kind(expected);
  const ak = kind(actual);
  if (ek === "null" || ak === "null") return [];
  if (ek !== ak) return [`${path}: expected ${ek}, got ${ak}`];
  if (ek === "array") {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (!e.length || !a.length) return [];
    return e.flatMap((x, i) => shapeIssues(x, a[Math.min(i, a.length - 1)], optional, `${path}[${i}]`));
  }
  if (ek === "object") {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    return Object.keys(e).flatMap((k) => {
      if (!(k in a)) return optional.includes(k) ? [] : [`${path}.${k}: missing`];
      return shapeIssues(e[k], a[k], optional, `${path}.${k}`);
    });
  }
  return [];
}

function expectShape(fixture: string, actual: unknown, optional: string[] = []): void {
  if (!HAVE_FIXTURES) {
    console.log(`emulator-users: skipping shape comparison with ${fixture} (fixtures folder not found).`);
    return;
  }
  const expected = JSON.parse(readFileSync(FIXTURES + fixture, "utf8"));
  expect(shapeIssues(expected, actual, optional), fixture).toEqual([]);
}

/** Keys the fixtures carry only for some releases (formats `text`, release `notes`, masters). */
const OPTIONAL_RELEASE_KEYS = [
  "text",
  "notes",
  "master_id",
  "master_url",
  "lowest_price",
  "styles",
  "description",
];

// ---------------------------------------------------------------------------------------------------------------

let shared: Emulator;
const opened: Emulator[] = [];
/** A fresh emulator for tests that change state. */
async function fresh(): Promise<Emulator> {
  const emu = await start();
  opened.push(emu);
  return emu;
}

beforeAll(async () => {
  shared = await start();
});
afterAll(async () => {
  await shared.close();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((e) => e.close()));
});

describe("seed", () => {
  it("seeds four users with the documented counts and ids", () => {
    const s = shared.state;
    expect([...s.users.keys()].sort()).toEqual(["360vinyl", "example", "privateuser", "rodneyfool"]);
    expect(s.user("example")!.id).toBe(1);
    const ex = s.collection.get("example")!;
    expect(ex.length).toBeGreaterThanOrEqual(120);
    expect(ex[0]!.instance_id).toBe(USER_SEED_IDS.firstInstance);
    expect(s.folders.get("example")!.map((f) => f.id)).toEqual([0, 1, industrial, jazz]);
    expect(s.wants.get("example")!.size).toBeGreaterThanOrEqual(130);
    expect(s.userLists.get("example")!.map((l) => l.id)).toEqual([...USER_SEED_IDS.lists.example]);
    expect(s.contributions.get("example")!.length).toBeGreaterThanOrEqual(60);
    expect(s.fields.get("example")!.map((f) => [f.id, f.type, f.public])).toEqual([
      [1, "dropdown", true],
      [2, "dropdown", true],
      [3, "textarea", true],
      [4, "textarea", false],
    ]);
    // Some releases are in the collection twice.
    const perRelease = new Map<number, number>();
    for (const i of ex) perRelease.set(i.release_id, (perRelease.get(i.release_id) ?? 0) + 1);
    expect([...perRelease.values()].filter((n) => n === 2).length).toBeGreaterThan(0);
    expect(s.user("privateuser")!.collectionPublic).toBe(false);
    expect(s.user("privateuser")!.wantlistPublic).toBe(false);
  });

  it("references only database releases when the database is seeded", () => {
    const s = shared.state;
    for (const [user, items] of s.collection) {
      for (const i of items) expect(s.releases.has(i.release_id), `${user} ${i.release_id}`).toBe(true);
    }
    for (const [user, wants] of s.wants) {
      for (const id of wants.keys()) expect(s.releases.has(id), `${user} want ${id}`).toBe(true);
    }
  });

  it("is deterministic and works without a database", () => {
    const a = new EmulatorState();
    const b = new EmulatorState();
    seedUsers(a);
    seedUsers(b);
    expect(a.collection.get("example")).toEqual(b.collection.get("example"));
    expect([...a.wants.get("example")!]).toEqual([...b.wants.get("example")!]);
    expect(a.collection.get("example")!.length).toBe(shared.state.collection.get("example")!.length);
    expect(a.wants.get("example")!.size).toBe(shared.state.wants.get("example")!.size);
    expect(a.contributions.get("example")).toEqual([]);
  });
});

describe("profile", () => {
  it("GET /users/{username} for another user: public fields only", async () => {
    const r = await get(shared, "/users/rodneyfool");
    expect(r.status).toBe(200);
    expect(r.body.username).toBe("rodneyfool");
    expect(r.body.resource_url).toBe(`${shared.url}/users/rodneyfool`);
    expect(r.body.wantlist_url).toBe(`${shared.url}/users/rodneyfool/wants`);
    expect(r.body).not.toHaveProperty("email");
    expect(r.body.num_lists).toBe(2); // the private list is not counted
    expect(r.body.num_collection).toBe(shared.state.collection.get("rodneyfool")!.length);
    expectShape("profile-rodneyfool.json", r.body);
  });

  it("GET /users/{username} for yourself adds the self-only fields", async () => {
    const r = await get(shared, "/users/example");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: 1,
      username: "example",
      email: "sampleman@example.com",
      activated: true,
      marketplace_suspended: false,
      is_staff: false,
      num_lists: 3,
      num_collection: shared.state.collection.get("example")!.length,
      num_wantlist: shared.state.wants.get("example")!.size,
      releases_contributed: shared.state.contributions.get("example")!.length,
    });
    expect(typeof r.body.num_unread).toBe("number");
    expectShape("profile-self.real-2021.json", r.body);
    const anon = await get(shared, "/users/example", "anon");
    expect(anon.body).not.toHaveProperty("email");
    expect(anon.body.num_lists).toBe(2);
  });

  it("hides collection and wantlist counts of private users, is case-insensitive, 404s unknown users", async () => {
    const priv = await get(shared, "/users/privateuser", "anon");
    expect(priv.status).toBe(200);
    expect(priv.body).not.toHaveProperty("num_collection");
    expect(priv.body).not.toHaveProperty("num_wantlist");
    const self = await get(shared, "/users/privateuser", "privateuser");
    expect(self.body.num_collection).toBe(10);
    const upper = await get(shared, "/users/EXAMPLE", "anon");
    expect(upper.body.username).toBe("example");
    const missing = await get(shared, "/users/nobody-at-all");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: MSG.userNotFound });
  });

  it("POST /users/{username} edits the profile (owner only) and validates curr_abbr", async () => {
    const emu = await fresh();
    const r = await call(emu, "POST", "/users/example", {
      body: { name: "Ex Ample", location: "Australia", profile: "[b]different[/b]", curr_abbr: "GBP" },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: "Ex Ample",
      location: "Australia",
      curr_abbr: "GBP",
      email: expect.any(String),
    });
    expectShape("profile-edit-example.json", r.body);
    expect((await get(emu, "/users/example", "anon")).body.location).toBe("Australia");

    const bad = await call(emu, "POST", "/users/example", { body: { curr_abbr: "XYZ" } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/curr_abbr/);
    expect((await call(emu, "POST", "/users/example", { body: { name: 42 } })).status).toBe(422);
    expect((await get(emu, "/users/example")).body.curr_abbr).toBe("GBP");

    const other = await call(emu, "POST", "/users/example", { as: "rodneyfool", body: { name: "x" } });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: MSG.noPermission });
    const anon = await call(emu, "POST", "/users/example", { as: "anon", body: { name: "x" } });
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual({ message: MSG.auth });
    expect((await call(emu, "POST", "/users/example", { as: "key", body: { name: "x" } })).status).toBe(401);
    expect((await call(emu, "POST", "/users/example", { rawBody: "{not json" })).status).toBe(422);
  });
});

describe("submissions and contributions", () => {
  it("paginates submissions over the combined count and splits each page", async () => {
    const s = shared.state.submissions.get("example")!;
    const total = s.artists.length + s.labels.length + s.releases.length;
    expect(s.artists.length).toBeGreaterThan(0);
    expect(s.labels.length).toBeGreaterThan(0);
    const first = await get(shared, "/users/example/submissions?per_page=10", "anon");
    expect(first.status).toBe(200);
    expect(first.body.pagination).toMatchObject({
      page: 1,
      per_page: 10,
      items: total,
      pages: Math.ceil(total / 10),
    });
    expect(Object.keys(first.body.submissions).sort()).toEqual(["artists", "labels", "releases"]);
    expectShape("user-submissions-shooezgirl.json", first.body, OPTIONAL_RELEASE_KEYS);
    const counts = { artists: 0, labels: 0, releases: 0 };
    for (let page = 1; page <= first.body.pagination.pages; page++) {
      const r = await get(shared, `/users/example/submissions?per_page=10&page=${page}`, "anon");
      const sub = r.body.submissions;
      const n = sub.artists.length + sub.labels.length + sub.releases.length;
      expect(n).toBe(page < first.body.pagination.pages ? 10 : total - 10 * (page - 1));
      counts.artists += sub.artists.length;
      counts.labels += sub.labels.length;
      counts.releases += sub.releases.length;
      for (const rel of sub.releases) expect(rel.resource_url).toBe(`${shared.url}/releases/${rel.id}`);
    }
    expect(counts).toEqual({
      artists: s.artists.length,
      labels: s.labels.length,
      releases: s.releases.length,
    });
    const empty = await get(shared, "/users/privateuser/submissions");
    expect(empty.body).toMatchObject({
      pagination: { items: 0 },
      submissions: { artists: [], labels: [], releases: [] },
    });
  });

  it("lists contributions as full releases, sorted on request", async () => {
    const items = await allPages(shared, "/users/example/contributions?per_page=25", "contributions", "anon");
    expect(items.length).toBe(shared.state.contributions.get("example")!.length);
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(items[0].resource_url.startsWith(shared.url)).toBe(true);
    for (const r of items.slice(0, 5)) {
      expect(r.community.contributors.map((c: any) => c.username)).toContain("example");
    }
    const first = await get(shared, "/users/example/contributions?per_page=5", "anon");
    expectShape(
      "user-contributions-rodneyfool.real-2021.json",
      { pagination: first.body.pagination, contributions: first.body.contributions },
      OPTIONAL_RELEASE_KEYS,
    );
    const years = (
      await allPages(
        shared,
        "/users/example/contributions?sort=year&sort_order=desc&per_page=100",
        "contributions",
      )
    ).map((r) => r.year as number);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const titles = (
      await get(shared, "/users/example/contributions?sort=title&per_page=100")
    ).body.contributions.map((r: any) => (r.title as string).toLowerCase());
    expect(titles).toEqual([...titles].sort((a: string, b: string) => a.localeCompare(b)));
    expect((await get(shared, "/users/nobody-at-all/contributions")).status).toBe(404);
  });
});

describe("collection folders", () => {
  it("lists every folder with counts for the owner", async () => {
    const r = await get(shared, "/users/example/collection/folders");
    expect(r.status).toBe(200);
    const items = shared.state.collection.get("example")!;
    const count = (id: number) => items.filter((i) => i.folder_id === id).length;
    expect(r.body.folders).toEqual([
      {
        id: 0,
        count: items.length,
        name: "All",
        resource_url: `${shared.url}/users/example/collection/folders/0`,
      },
      {
        id: 1,
        count: count(1),
        name: "Uncategorized",
        resource_url: `${shared.url}/users/example/collection/folders/1`,
      },
      {
        id: industrial,
        count: count(industrial),
        name: "Industrial",
        resource_url: `${shared.url}/users/example/collection/folders/${industrial}`,
      },
      {
        id: jazz,
        count: count(jazz),
        name: "Jazz",
        resource_url: `${shared.url}/users/example/collection/folders/${jazz}`,
      },
    ]);
    expect(count(1)).toBeGreaterThan(50);
    expect(items.length).toBeGreaterThan(100);
    expectShape("collection-folders.json", r.body);
  });

  it("shows only folder 0 of a public collection to others and refuses private collections", async () => {
    for (const as of ["rodneyfool", "anon", "key"] as const) {
      const r = await get(shared, "/users/example/collection/folders", as);
      expect(r.status).toBe(200);
      expect(r.body.folders.map((f: any) => f.id)).toEqual([0]);
    }
    for (const as of ["example", "anon"] as const) {
      const r = await get(shared, "/users/privateuser/collection/folders", as);
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ message: MSG.notOwner });
    }
    expect(
      (await get(shared, "/users/privateuser/collection/folders", "privateuser")).body.folders.length,
    ).toBe(3);
    expect((await get(shared, "/users/nobody-at-all/collection/folders")).status).toBe(404);
  });

  it("GET a folder: owner any folder, others only folder 0 of a public collection", async () => {
    const one = await get(shared, "/users/example/collection/folders/1");
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 1, name: "Uncategorized" });
    expectShape("collection-folder-1.json", one.body);
    expect((await get(shared, "/users/example/collection/folders/0", "anon")).status).toBe(200);
    const other = await get(shared, "/users/example/collection/folders/1", "rodneyfool");
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: MSG.notOwner });
    expect((await get(shared, "/users/privateuser/collection/folders/0", "anon")).status).toBe(403);
    expect((await get(shared, "/users/example/collection/folders/999999")).status).toBe(404);
    expect((await get(shared, "/users/example/collection/folders/abc")).status).toBe(404);
  });

  it("creates, renames and deletes a folder, statefully", async () => {
    const emu = await fresh();
    const created = await call(emu, "POST", "/users/example/collection/folders", {
      body: { name: "My Music" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      count: 0,
      name: "My Music",
      resource_url: `${emu.url}/users/example/collection/folders/${created.body.id}`,
    });
    expectShape("collection-folder-create-201.json", created.body);
    const id = created.body.id as number;
    const list = await get(emu, "/users/example/collection/folders");
    expect(list.body.folders.map((f: any) => f.name)).toContain("My Music");

    const renamed = await call(emu, "POST", `/users/example/collection/folders/${id}`, {
      body: { name: "An Example Folder" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id, name: "An Example Folder", count: 0 });
    expectShape("collection-folder-edit-392.json", renamed.body);
    expect((await get(emu, `/users/example/collection/folders/${id}`)).body.name).toBe("An Example Folder");

    expect((await call(emu, "DELETE", `/users/example/collection/folders/${id}`)).status).toBe(204);
    expect((await get(emu, `/users/example/collection/folders/${id}`)).status).toBe(404);
    expect((await call(emu, "DELETE", `/users/example/collection/folders/${id}`)).status).toBe(404);
    const after = await get(emu, "/users/example/collection/folders");
    expect(after.body.folders.map((f: any) => f.id)).toEqual([0, 1, industrial, jazz]);
  });

  it("refuses bad names, folders 0/1 and non-empty folders", async () => {
    const emu = await fresh();
    for (const body of [{}, { name: "" }, { name: "   " }, { name: 12 }, { name: null }]) {
      const r = await call(emu, "POST", "/users/example/collection/folders", { body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(typeof r.body.message).toBe("string");
    }
    for (const id of [0, 1]) {
      const rename = await call(emu, "POST", `/users/example/collection/folders/${id}`, {
        body: { name: "x" },
      });
      expect(rename.status).toBe(400);
      expect(rename.body.message).toMatch(/cannot be renamed/);
      const del = await call(emu, "DELETE", `/users/example/collection/folders/${id}`);
      expect(del.status).toBe(400);
      expect(del.body.message).toMatch(/cannot be deleted/);
    }
    const nonEmpty = await call(emu, "DELETE", `/users/example/collection/folders/${industrial}`);
    expect(nonEmpty.status).toBe(400);
    expect(nonEmpty.body).toEqual({ message: MSG.folderNotEmpty });
    const renameEmpty = await call(emu, "POST", `/users/example/collection/folders/${jazz}`, {
      body: { name: "" },
    });
    expect(renameEmpty.status).toBe(422);

    const other = await call(emu, "POST", "/users/example/collection/folders", {
      as: "rodneyfool",
      body: { name: "x" },
    });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: MSG.noPermission });
    expect(
      (await call(emu, "POST", "/users/example/collection/folders", { as: "anon", body: { name: "x" } }))
        .status,
    ).toBe(401);
    expect(
      (await call(emu, "DELETE", `/users/example/collection/folders/${industrial}`, { as: "rodneyfool" }))
        .status,
    ).toBe(403);
    expect((await call(emu, "DELETE", "/users/example/collection/folders/abc")).status).toBe(404);
  });
});

describe("collection items", () => {
  it("paginates folder 0 at per_page 100 and 50, with absolute links", async () => {
    const total = shared.state.collection.get("example")!.length;
    const p1 = await get(shared, "/users/example/collection/folders/0/releases?per_page=100", "anon");
    expect(p1.status).toBe(200);
    expect(p1.body.pagination).toMatchObject({ page: 1, pages: 2, per_page: 100, items: total });
    expect(p1.body.releases.length).toBe(100);
    expect(p1.body.pagination.urls.next).toBe(
      `${shared.url}/users/example/collection/folders/0/releases?per_page=100&page=2`,
    );
    expect(p1.headers.get("link")).toContain('rel="next"');
    const p2 = await get(shared, "/users/example/collection/folders/0/releases?per_page=100&page=2", "anon");
    expect(p2.body.releases.length).toBe(total - 100);
    expect(Object.keys(p2.body.pagination.urls).sort()).toEqual(["first", "prev"]);
    const all = await allPages(
      shared,
      "/users/example/collection/folders/0/releases?per_page=50",
      "releases",
      "anon",
    );
    expect(all.length).toBe(total);
    expect(new Set(all.map((i) => i.instance_id)).size).toBe(total);
    expect(
      (await get(shared, "/users/example/collection/folders/0/releases?per_page=50&page=99")).status,
    ).toBe(404);
    const folder1 = await allPages(
      shared,
      "/users/example/collection/folders/1/releases?per_page=50",
      "releases",
    );
    expect(folder1.length).toBeGreaterThan(50);
    expect(folder1.every((i) => i.folder_id === 1)).toBe(true);
  });

  it("returns items in the documented shape with basic_information from the release", async () => {
    const r = await get(shared, "/users/example/collection/folders/1/releases?per_page=100");
    const item = r.body.releases.find((i: any) => i.notes?.some((n: any) => n.field_id === 3));
    expect(item).toBeDefined();
    const bi = item.basic_information;
    const release = shared.state.releases.get(item.id)!;
    expect(bi).toMatchObject({
      id: item.id,
      title: release.title,
      year: release.year,
      resource_url: `${shared.url}/releases/${item.id}`,
      genres: release.genres,
    });
    expect(Object.keys(bi).sort()).toEqual(
      [
        "id",
        "master_id",
        "master_url",
        "resource_url",
        "thumb",
        "cover_image",
        "title",
        "year",
        "formats",
        "labels",
        "artists",
        "genres",
        "styles",
      ].sort(),
    );
    expect(bi.labels[0]).toHaveProperty("catno");
    expect(bi.artists[0]).toHaveProperty("anv");
    expect(bi.formats[0]).toHaveProperty("qty");
    const one = await get(shared, "/users/example/collection/folders/1/releases?per_page=1");
    expectShape(
      "collection-folder-1-releases.json",
      { ...one.body, releases: [item] },
      OPTIONAL_RELEASE_KEYS,
    );
    // The release behind basic_information exists.
    expect((await get(shared, `/releases/${item.id}`)).status).toBe(200);
  });

  it("sorts by every documented key", async () => {
    const base = "/users/example/collection/folders/0/releases?per_page=100";
    const fetchAll = (q: string) => allPages(shared, `${base}&${q}`, "releases");
    const cmp = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" });
    const artists = (await fetchAll("sort=artist")).map((i) => i.basic_information.artists[0]?.name ?? "");
    expect(artists).toEqual([...artists].sort(cmp));
    const titles = (await fetchAll("sort=title&sort_order=desc")).map((i) => i.basic_information.title);
    expect(titles).toEqual([...titles].sort(cmp).reverse());
    const ratings = (await fetchAll("sort=rating&sort_order=desc")).map((i) => i.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    const years = (await fetchAll("sort=year")).map((i) => i.basic_information.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    const added = (await fetchAll("sort=added&sort_order=desc")).map((i) => Date.parse(i.date_added));
    expect(added).toEqual([...added].sort((a, b) => b - a));
    for (const key of ["label", "catno", "format"]) {
      const r = await get(shared, `${base}&sort=${key}`);
      expect(r.status).toBe(200);
      expect(r.body.pagination.items).toBe(shared.state.collection.get("example")!.length);
    }
  });

  it("hides private note fields and private folders from others", async () => {
    const owner = await allPages(
      shared,
      "/users/example/collection/folders/0/releases?per_page=100",
      "releases",
    );
    const others = await allPages(
      shared,
      "/users/example/collection/folders/0/releases?per_page=100",
      "releases",
      "anon",
    );
    const hasField = (items: any[], id: number) =>
      items.some((i) => i.notes?.some((n: any) => n.field_id === id));
    expect(hasField(owner, 4)).toBe(true);
    expect(hasField(others, 4)).toBe(false);
    expect(hasField(others, 1)).toBe(true);
    const otherFolder = await get(
      shared,
      `/users/example/collection/folders/${industrial}/releases`,
      "rodneyfool",
    );
    expect(otherFolder.status).toBe(403);
    expect(otherFolder.body).toEqual({ message: MSG.notOwner });
    expect((await get(shared, "/users/privateuser/collection/folders/0/releases", "anon")).status).toBe(403);
    expect(
      (await get(shared, "/users/privateuser/collection/folders/0/releases", "privateuser")).status,
    ).toBe(200);
    expect((await get(shared, "/users/example/collection/folders/424242/releases")).status).toBe(404);
    expect((await get(shared, "/users/example/collection/folders/x1/releases")).status).toBe(404);
  });

  it("GET collection/releases/{release_id} lists every instance of a release", async () => {
    const items = shared.state.collection.get("example")!;
    const twice = items.find((i) => items.filter((j) => j.release_id === i.release_id).length === 2)!;
    const r = await get(shared, `/users/example/collection/releases/${twice.release_id}`, "anon");
    expect(r.status).toBe(200);
    expect(r.body.releases.length).toBe(2);
    expect(r.body.releases.every((i: any) => i.id === twice.release_id)).toBe(true);
    expectShape("collection-releases-by-release-7781525.json", r.body, OPTIONAL_RELEASE_KEYS);
    const notOwned = [...shared.state.releases.keys()].find((id) => !items.some((i) => i.release_id === id))!;
    const none = await get(shared, `/users/example/collection/releases/${notOwned}`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ pagination: { items: 0 }, releases: [] });
    expect((await get(shared, "/users/example/collection/releases/987654321")).status).toBe(404);
    expect((await get(shared, "/users/example/collection/releases/0")).status).toBe(404);
    expect((await get(shared, "/users/example/collection/releases/abc")).status).toBe(404);
    const priv = shared.state.collection.get("privateuser")![0]!.release_id;
    expect((await get(shared, `/users/privateuser/collection/releases/${priv}`, "example")).status).toBe(403);
    expect(
      (await get(shared, `/users/privateuser/collection/releases/${priv}`, "privateuser")).body.releases
        .length,
    ).toBe(1);
  });
});

describe("collection instances", () => {
  const count = async (emu: Emulator, folder: number) =>
    (await get(emu, `/users/example/collection/folders/${folder}`)).body.count as number;

  it("adds releases (a second add makes another instance) and folder counts follow", async () => {
    const emu = await fresh();
    const [all, uncategorized] = [await count(emu, 0), await count(emu, 1)];
    const r = await call(emu, "POST", "/users/example/collection/folders/1/releases/249504");
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      instance_id: expect.any(Number),
      resource_url: `${emu.url}/users/example/collection/folders/1/release/249504/instance/${r.body.instance_id}`,
    });
    expectShape("collection-add-release-201.json", r.body);
    const again = await call(emu, "POST", "/users/example/collection/folders/1/releases/249504");
    expect(again.status).toBe(201);
    expect(again.body.instance_id).not.toBe(r.body.instance_id);
    expect(await count(emu, 0)).toBe(all + 2);
    expect(await count(emu, 1)).toBe(uncategorized + 2);
    const byRelease = await get(emu, "/users/example/collection/releases/249504");
    const ids = byRelease.body.releases.map((i: any) => i.instance_id);
    expect(ids).toEqual(expect.arrayContaining([r.body.instance_id, again.body.instance_id]));
    const added = byRelease.body.releases.find((i: any) => i.instance_id === r.body.instance_id);
    expect(added).toMatchObject({ folder_id: 1, rating: 0, id: 249504 });
    expect(added.date_added).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$/);
    expect((await get(emu, "/users/example", "example")).body.num_collection).toBe(all + 2);
  });

  it("refuses folder 0, unknown folders and releases, and non-owners", async () => {
    const emu = await fresh();
    const zero = await call(emu, "POST", "/users/example/collection/folders/0/releases/249504");
    expect(zero.status).toBe(400);
    expect(typeof zero.body.message).toBe("string");
    expect((await call(emu, "POST", "/users/example/collection/folders/1/releases/987654321")).status).toBe(
      404,
    );
    expect((await call(emu, "POST", "/users/example/collection/folders/31337/releases/249504")).status).toBe(
      404,
    );
    expect((await call(emu, "POST", "/users/example/collection/folders/1/releases/abc")).status).toBe(404);
    const other = await call(emu, "POST", "/users/example/collection/folders/1/releases/249504", {
      as: "rodneyfool",
    });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: MSG.noPermission });
    expect(
      (await call(emu, "POST", "/users/example/collection/folders/1/releases/249504", { as: "anon" })).status,
    ).toBe(401);
  });

  it("rates and moves an instance; counts follow; the old path 404s", async () => {
    const emu = await fresh();
    const inst = emu.state.collection.get("example")!.find((i) => i.folder_id === 1)!;
    const path = (folder: number) =>
      `/users/example/collection/folders/${folder}/releases/${inst.release_id}/instances/${inst.instance_id}`;
    const [uncategorized, jazzCount] = [await count(emu, 1), await count(emu, jazz)];

    expect((await call(emu, "POST", path(1), { body: { rating: 5 } })).status).toBe(204);
    const rated = await get(emu, `/users/example/collection/releases/${inst.release_id}`);
    expect(rated.body.releases.find((i: any) => i.instance_id === inst.instance_id).rating).toBe(5);

    expect((await call(emu, "POST", path(1), { body: { folder_id: jazz } })).status).toBe(204);
    expect(await count(emu, 1)).toBe(uncategorized - 1);
    expect(await count(emu, jazz)).toBe(jazzCount + 1);
    const jazzItems = await allPages(
      emu,
      `/users/example/collection/folders/${jazz}/releases?per_page=100`,
      "releases",
    );
    expect(jazzItems.some((i) => i.instance_id === inst.instance_id && i.rating === 5)).toBe(true);
    expect((await call(emu, "POST", path(1), { body: { rating: 1 } })).status).toBe(404);
    // Folder 0 addresses an instance in any folder.
    expect((await call(emu, "POST", path(0), { body: { rating: 3 } })).status).toBe(204);
    expect((await call(emu, "POST", path(jazz) + "?rating=2")).status).toBe(204);
    expect(emu.state.collection.get("example")!.find((i) => i.instance_id === inst.instance_id)!.rating).toBe(
      2,
    );
  });

  it("validates instance edits", async () => {
    const emu = await fresh();
    const inst = emu.state.collection.get("example")!.find((i) => i.folder_id === 1)!;
    const path = `/users/example/collection/folders/1/releases/${inst.release_id}/instances/${inst.instance_id}`;
    for (const body of [
      { rating: 6 },
      { rating: -1 },
      { rating: "abc" },
      { rating: 2.5 },
      { rating: true },
      { folder_id: "x" },
    ]) {
      const r = await call(emu, "POST", path, { body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(typeof r.body.message).toBe("string");
    }
    expect((await call(emu, "POST", path, { body: { folder_id: 999999 } })).status).toBe(404);
    expect((await call(emu, "POST", path, { body: { folder_id: 0 } })).status).toBe(400);
    expect(
      emu.state.collection.get("example")!.find((i) => i.instance_id === inst.instance_id)!.folder_id,
    ).toBe(1);
    const wrongRelease = `/users/example/collection/folders/1/releases/1234/instances/${inst.instance_id}`;
    expect((await call(emu, "POST", wrongRelease, { body: { rating: 1 } })).status).toBe(404);
    expect((await call(emu, "POST", `${path}x`, { body: { rating: 1 } })).status).toBe(404);
    const other = await call(emu, "POST", path, { as: "rodneyfool", body: { rating: 1 } });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: MSG.noPermission });
  });

  it("deletes instances; a folder can be deleted once emptied", async () => {
    const emu = await fresh();
    const folder = (await call(emu, "POST", "/users/example/collection/folders", { body: { name: "Temp" } }))
      .body.id;
    const added = await call(emu, "POST", `/users/example/collection/folders/${folder}/releases/1`);
    const path = `/users/example/collection/folders/${folder}/releases/1/instances/${added.body.instance_id}`;
    const refused = await call(emu, "DELETE", `/users/example/collection/folders/${folder}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: MSG.folderNotEmpty });
    const other = await call(emu, "DELETE", path, { as: "rodneyfool" });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: MSG.noPermission });
    expect((await call(emu, "DELETE", path, { as: "anon" })).status).toBe(401);
    expect((await call(emu, "DELETE", path)).status).toBe(204);
    expect((await call(emu, "DELETE", path)).status).toBe(404);
    expect(await count(emu, folder)).toBe(0);
    expect((await call(emu, "DELETE", `/users/example/collection/folders/${folder}`)).status).toBe(204);

    // Moving out also empties a folder.
    const f2 = (await call(emu, "POST", "/users/example/collection/folders", { body: { name: "Temp 2" } }))
      .body.id;
    const inst = (await call(emu, "POST", `/users/example/collection/folders/${f2}/releases/1`)).body
      .instance_id;
    const move = `/users/example/collection/folders/${f2}/releases/1/instances/${inst}`;
    expect((await call(emu, "POST", move, { body: { folder_id: 1 } })).status).toBe(204);
    expect((await call(emu, "DELETE", `/users/example/collection/folders/${f2}`)).status).toBe(204);
  });
});

describe("collection fields and value", () => {
  it("lists fields: all for the owner, public ones for others, none for a private collection", async () => {
    const owner = await get(shared, "/users/example/collection/fields");
    expect(owner.status).toBe(200);
    expect(owner.body.fields.map((f: any) => f.id)).toEqual([1, 2, 3, 4]);
    expect(owner.body.fields[0]).toMatchObject({ name: "Media Condition", type: "dropdown", public: true });
    expect(owner.body.fields[2]).toMatchObject({ name: "Notes", type: "textarea", lines: 3 });
    expectShape("collection-fields.json", owner.body);
    const others = await get(shared, "/users/example/collection/fields", "anon");
    expect(others.body.fields.map((f: any) => f.id)).toEqual([1, 2, 3]);
    expect((await get(shared, "/users/privateuser/collection/fields", "example")).status).toBe(403);
    expect((await get(shared, "/users/privateuser/collection/fields", "privateuser")).status).toBe(200);
  });

  it("sets field values from the JSON body or the query, validating dropdowns", async () => {
    const emu = await fresh();
    const inst = emu.state.collection.get("example")!.find((i) => i.folder_id === industrial)!;
    const base = `/users/example/collection/folders/${industrial}/releases/${inst.release_id}/instances/${inst.instance_id}/fields`;
    expect((await call(emu, "POST", `${base}/1`, { body: { value: "Mint (M)" } })).status).toBe(204);
    expect(
      (await call(emu, "POST", `${base}/3?value=${encodeURIComponent("bleep bloop blorp.")}`)).status,
    ).toBe(204);
    expect((await call(emu, "POST", `${base}/4`, { body: { value: "$12.00" } })).status).toBe(204);
    const notesFor = async (as: As) => {
      const items = await allPages(
        emu,
        "/users/example/collection/folders/0/releases?per_page=100",
        "releases",
        as,
      );
      return items.find((i) => i.instance_id === inst.instance_id).notes as {
        field_id: number;
        value: string;
      }[];
    };
    expect(await notesFor("example")).toEqual(
      expect.arrayContaining([
        { field_id: 1, value: "Mint (M)" },
        { field_id: 3, value: "bleep bloop blorp." },
        { field_id: 4, value: "$12.00" },
      ]),
    );
    expect((await notesFor("anon")).some((n) => n.field_id === 4)).toBe(false);

    const bad = await call(emu, "POST", `${base}/1`, { body: { value: "Pristine" } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/Mint \(M\)/);
    expect((await call(emu, "POST", `${base}/1`)).status).toBe(422);
    expect((await call(emu, "POST", `${base}/3`, { body: { value: 5 } })).status).toBe(422);
    expect((await call(emu, "POST", `${base}/99`, { body: { value: "x" } })).status).toBe(404);
    expect((await call(emu, "POST", `${base}/x`, { body: { value: "x" } })).status).toBe(404);
    const other = await call(emu, "POST", `${base}/3`, { as: "rodneyfool", body: { value: "x" } });
    expect(other.status).toBe(403);
  });

  it("GET collection/value: formatted strings from the collection, owner only", async () => {
    const emu = await fresh();
    const r = await get(emu, "/users/example/collection/value");
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["maximum", "median", "minimum"]);
    expectShape("collection-value.json", r.body);
    const money = (s: string) => Number(s.replace(/[^\d.]/g, ""));
    for (const v of Object.values(r.body) as string[]) expect(v).toMatch(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(money(r.body.minimum)).toBeLessThanOrEqual(money(r.body.median));
    expect(money(r.body.median)).toBeLessThanOrEqual(money(r.body.maximum));
    await call(emu, "POST", "/users/example/collection/folders/1/releases/5000000");
    expect(money((await get(emu, "/users/example/collection/value")).body.median)).toBeGreaterThan(
      money(r.body.median),
    );
    await call(emu, "POST", "/users/example", { body: { curr_abbr: "GBP" } });
    expect((await get(emu, "/users/example/collection/value")).body.median).toMatch(/^£/);
    const other = await get(emu, "/users/example/collection/value", "rodneyfool");
    expect(other.status).toBe(403);
    expect((await get(emu, "/users/example/collection/value", "anon")).status).toBe(401);
  });
});

describe("wantlist", () => {
  it("paginates wants; notes only for the owner", async () => {
    const size = shared.state.wants.get("example")!.size;
    const owner = await get(shared, "/users/example/wants?per_page=100");
    expect(owner.status).toBe(200);
    expect(owner.body.pagination).toMatchObject({ pages: 2, items: size, per_page: 100 });
    const all = await allPages(shared, "/users/example/wants?per_page=50", "wants");
    expect(all.length).toBe(size);
    expect(all.every((w) => typeof w.notes === "string")).toBe(true);
    const w = all[0];
    expect(w.resource_url).toBe(`${shared.url}/users/example/wants/${w.id}`);
    expect(w.basic_information.id).toBe(w.id);
    expect(typeof w.date_added).toBe("string");
    expectShape(
      "wantlist-example.json",
      (await get(shared, "/users/example/wants?per_page=2")).body,
      OPTIONAL_RELEASE_KEYS,
    );
    const anon = await allPages(shared, "/users/example/wants?per_page=100", "wants", "anon");
    expect(anon.length).toBe(size);
    expect(anon.some((x) => "notes" in x)).toBe(false);
    const rated = (
      await get(shared, "/users/example/wants?per_page=100&sort=rating&sort_order=desc")
    ).body.wants.map((x: any) => x.rating);
    expect(rated).toEqual([...rated].sort((a: number, b: number) => b - a));
  });

  it("refuses a private wantlist to others", async () => {
    for (const as of ["anon", "example", "key"] as const) {
      const r = await get(shared, "/users/privateuser/wants", as);
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ message: MSG.notOwner });
    }
    const own = await get(shared, "/users/privateuser/wants", "privateuser");
    expect(own.status).toBe(200);
    expect(own.body.wants.length).toBe(shared.state.wants.get("privateuser")!.size);
    expect((await get(shared, "/users/rodneyfool/wants", "anon")).status).toBe(200);
    expect((await get(shared, "/users/nobody-at-all/wants")).status).toBe(404);
  });

  it("PUT adds (an upsert), POST edits, DELETE removes, statefully", async () => {
    const emu = await fresh();
    const wants = emu.state.wants.get("example")!;
    const size = wants.size;
    const id = [...emu.state.releases.keys()].find((r) => !wants.has(r))!;

    const put = await call(emu, "PUT", `/users/example/wants/${id}`);
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({
      id,
      rating: 0,
      notes: "",
      resource_url: `${emu.url}/users/example/wants/${id}`,
    });
    expect(put.body.basic_information.id).toBe(id);
    expectShape("wantlist-add-201.json", put.body, OPTIONAL_RELEASE_KEYS);
    const listed = await allPages(emu, "/users/example/wants?per_page=100", "wants");
    expect(listed.length).toBe(size + 1);
    expect(listed.some((w) => w.id === id)).toBe(true);
    expect((await get(emu, "/users/example", "anon")).body.num_wantlist).toBe(size + 1);

    const upsert = await call(
      emu,
      "PUT",
      `/users/example/wants/${id}?rating=4&notes=${encodeURIComponent("Any copy")}`,
    );
    expect(upsert.status).toBe(201);
    expect(upsert.body).toMatchObject({ rating: 4, notes: "Any copy" });
    expect(wants.size).toBe(size + 1);

    const edit = await call(emu, "POST", `/users/example/wants/${id}`, {
      body: { notes: "I've added some notes!" },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ id, notes: "I've added some notes!", rating: 4 });
    expectShape("wantlist-edit-200.json", edit.body, OPTIONAL_RELEASE_KEYS);

    expect((await call(emu, "DELETE", `/users/example/wants/${id}`)).status).toBe(204);
    expect((await call(emu, "DELETE", `/users/example/wants/${id}`)).status).toBe(404);
    expect((await call(emu, "POST", `/users/example/wants/${id}`, { body: { rating: 1 } })).status).toBe(404);
    expect(wants.size).toBe(size);
  });

  it("validates wants and refuses non-owners", async () => {
    const emu = await fresh();
    for (const body of [{ rating: 7 }, { rating: "x" }, { rating: 1.5 }, { notes: 3 }, { notes: ["a"] }]) {
      const r = await call(emu, "PUT", "/users/example/wants/1", { body });
      expect(r.status, JSON.stringify(body)).toBe(422);
    }
    expect((await call(emu, "PUT", "/users/example/wants/1?rating=9")).status).toBe(422);
    expect((await call(emu, "PUT", "/users/example/wants/987654321")).status).toBe(404);
    expect((await call(emu, "PUT", "/users/example/wants/abc")).status).toBe(404);
    expect((await call(emu, "DELETE", "/users/example/wants/abc")).status).toBe(404);
    const other = await call(emu, "PUT", "/users/example/wants/1", { as: "rodneyfool" });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: MSG.noPermission });
    expect((await call(emu, "PUT", "/users/example/wants/1", { as: "anon" })).status).toBe(401);
    const existing = [...emu.state.wants.get("example")!.keys()][0]!;
    expect((await call(emu, "DELETE", `/users/example/wants/${existing}`, { as: "rodneyfool" })).status).toBe(
      403,
    );
    expect((await call(emu, "POST", "/users/example/wants/1", { rawBody: "{bad" })).status).toBe(422);
  });
});

describe("lists", () => {
  it("lists a user's lists: private ones only for the owner", async () => {
    const anon = await get(shared, "/users/example/lists", "anon");
    expect(anon.status).toBe(200);
    expect(anon.body.lists.map((l: any) => l.id)).toEqual([520001, 520002]);
    const owner = await get(shared, "/users/example/lists");
    expect(owner.body.lists.map((l: any) => [l.id, l.public])).toEqual([
      [520001, true],
      [520002, true],
      [520003, false],
    ]);
    expect(owner.body.lists[0].resource_url).toBe(`${shared.url}/lists/520001`);
    const page2 = await get(shared, "/users/rodneyfool/lists?per_page=1&page=2", "rodneyfool");
    expect(page2.body.pagination).toMatchObject({ page: 2, pages: 3, per_page: 1, items: 3 });
    expectShape("user-lists-rodneyfool.json", page2.body);
    expect((await get(shared, "/users/privateuser/lists", "anon")).body.lists).toEqual([]);
    expect((await get(shared, "/users/nobody-at-all/lists")).status).toBe(404);
  });

  it("GET /lists/{id}: the modern shape, not paginated, private only for the owner", async () => {
    const r = await get(shared, "/lists/520001", "anon");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ list_id: 520001, name: "Industrial essentials", public: true });
    expect(r.body).not.toHaveProperty("pagination");
    expect(new Set(r.body.items.map((i: any) => i.type))).toEqual(
      new Set(["release", "master", "artist", "label"]),
    );
    for (const item of r.body.items) {
      expect(item.resource_url).toBe(`${shared.url}/${item.type}s/${item.id}`);
      expect((await get(shared, `/${item.type}s/${item.id}`)).status).toBe(200);
    }
    expectShape("list-2.json", r.body);
    const priv = await get(shared, "/lists/520003", "rodneyfool");
    expect(priv.status).toBe(403);
    expect(priv.body).toEqual({ message: MSG.notOwner });
    expect((await get(shared, "/lists/520003", "anon")).status).toBe(403);
    expect((await get(shared, "/lists/520003", "example")).status).toBe(200);
    expect((await get(shared, "/lists/999")).status).toBe(404);
    expect((await get(shared, "/lists/abc")).status).toBe(404);
  });
});
