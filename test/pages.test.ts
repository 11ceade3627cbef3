/**
 * Start anywhere, page by page (issue 13):
 *
 * - every list accepts `page` and walks from there (a walk from page 3 never requests pages 1 and 2);
 * - `await list` sends one request and gives `{ items, pagination, hasNextPage(), getNextPage() }`; `for await`
 *   still walks every item;
 * - a walk ends when `page >= pages`, on an empty page, or on a page it already had (a `next` link back to page 1
 *   with another `per_page` never yields items twice); a missing `next` link with `page < pages` still reaches
 *   the last page: nothing is passed off as complete.
 *
 * Real HTTP: the emulator for every list endpoint, a local server for the pagination blocks Discogs could send.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Discogs, type Paginator } from "../src/index";
import { ENDPOINTS } from "../src/endpoints/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { startLocalServer, type LocalServer, type Recorded, type Responder } from "./helpers/local-server";

let emu: Emulator;
let client: Discogs;

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  client = new Discogs({ baseUrl: emu.url, token: "tok-pages", rateLimit: false });
  // Lists the seed holds one item of get a second one, so that every list has a page 2 at per_page 1.
  await client.exports.request();
  await client.uploads.create("release_id,price,media_condition\n352665,10.00,Mint (M)\n");
  const folder = client.users.get("example").collection.folders.get(1);
  await folder.releases.create({ release_id: 352665 });
  await folder.releases.create({ release_id: 352665 });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});
afterEach(() => {
  emu.clearRequests();
});

type PageParams = { page?: number; per_page?: number };

/** Every list endpoint, called through its SDK method (the names are the declarations' names). */
const LISTS: [string, (c: Discogs, p: PageParams) => Paginator<unknown>][] = [
  ["artists.releases.list", (c, p) => c.artists.get(3857).releases.list(p)],
  ["search", (c, p) => c.search({ query: "Nine Inch Nails", ...p })],
  ["labels.releases.list", (c, p) => c.labels.get(647).releases.list(p)],
  ["masters.versions.list", (c, p) => c.masters.get(3719).versions.list(p)],
  ["marketplace.orders.list", (c, p) => c.marketplace.orders.list(p)],
  ["marketplace.orders.messages.list", (c, p) => c.marketplace.orders.get("1-1").messages.list(p)],
  ["users.inventory.list", (c, p) => c.users.get("example").inventory.list(p)],
  ["exports.list", (c, p) => c.exports.list(p)],
  ["uploads.list", (c, p) => c.uploads.list(p)],
  [
    "users.collection.folders.releases.list",
    (c, p) => c.users.get("example").collection.folders.get(0).releases.list(p),
  ],
  [
    "users.collection.releases.list",
    (c, p) => c.users.get("example").collection.releases.get(352665).list(p),
  ],
  ["users.contributions.list", (c, p) => c.users.get("example").contributions.list(p)],
  ["users.lists.list", (c, p) => c.users.get("example").lists.list(p)],
  ["users.submissions.list", (c, p) => c.users.get("example").submissions.list(p)],
  ["users.wantlist.list", (c, p) => c.users.get("example").wantlist.list(p)],
];

describe("every list starts at the page asked for", () => {
  it("the table above names every list endpoint", () => {
    const lists = ENDPOINTS.filter((e) => e.list !== undefined).map((e) => e.name);
    expect(LISTS.map(([name]) => name).sort()).toEqual([...lists].sort());
  });

  it.each(LISTS)(
    "%s: await list({ page: 2 }) is one request for page 2; for await from the last page, one more",
    async (_name, list) => {
      const page = await list(client, { page: 2, per_page: 1 });
      expect(emu.requests).toHaveLength(1);
      expect(emu.requests[0]!.query).toMatchObject({ page: "2", per_page: "1" });
      expect(page.pagination.page).toBe(2);
      expect(page.items).toHaveLength(1);
      const last = page.pagination.pages;
      expect(page.hasNextPage()).toBe(last > 2);

      emu.clearRequests();
      const items: unknown[] = [];
      for await (const item of list(client, { page: last, per_page: 1 })) items.push(item);
      expect(items).toHaveLength(1);
      expect(emu.requests.map((r) => r.query.page)).toEqual([String(last)]);
    },
  );
});

describe("await vs for await (against the emulator)", () => {
  const wantlist = (p: PageParams = {}) => client.users.get("example").wantlist.list(p);

  it("a walk from page 3 never requests pages 1 and 2, and yields every item from there", async () => {
    const first = await wantlist({ per_page: 10 });
    const { items: total, pages } = first.pagination;
    emu.clearRequests();
    const ids: number[] = [];
    for await (const want of wantlist({ page: 3, per_page: 10 })) ids.push(want.id);
    expect(emu.requests.map((r) => Number(r.query.page))).toEqual(
      Array.from({ length: pages - 2 }, (_, i) => i + 3),
    );
    expect(ids).toHaveLength(total - 20);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("await list: one request, { items, pagination, hasNextPage(), getNextPage() }; getNextPage: one more", async () => {
    const page = await wantlist({ page: 3, per_page: 10 });
    expect(emu.requests).toHaveLength(1);
    expect(Object.keys(page).sort()).toEqual(["items", "pagination"]);
    expect(page.pagination).toMatchObject({ page: 3, per_page: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(emu.requests).toHaveLength(2);
    expect(next.pagination.page).toBe(4);
    expect(next.items.map((w) => w.id)).not.toContain(page.items[0]!.id);
  });

  it("hasNextPage() is false on the last page, and getNextPage() there throws without a request", async () => {
    const { pages } = (await wantlist({ per_page: 50 })).pagination;
    const last = await wantlist({ page: pages, per_page: 50 });
    emu.clearRequests();
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toThrow(/There is no next page: check hasNextPage\(\) first/);
    expect(emu.requests).toEqual([]);
  });

  it("a page past the end is Discogs' 404, not an empty success", async () => {
    const { pages } = (await wantlist({ per_page: 100 })).pagination;
    await expect(wantlist({ page: pages + 1, per_page: 100 }).then((p) => p.items)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("a manual loop with hasNextPage()/getNextPage() sees every item once", async () => {
    let page = await wantlist({ per_page: 25 });
    const ids = [...page.items.map((w) => w.id)];
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      ids.push(...page.items.map((w) => w.id));
    }
    expect(ids).toHaveLength(page.pagination.items);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

// -------------------------------------------------------------------------------------------------------------
// Pagination blocks Discogs could send, from a local server

let server: LocalServer;
let local: Discogs;
beforeAll(async () => {
  server = await startLocalServer();
  local = new Discogs({ baseUrl: server.url, token: "tok-local-pages", rateLimit: false, maxRetries: 0 });
});
afterAll(async () => {
  await local.close();
  await server.close();
});

interface Block {
  page: number;
  pages: number;
  per_page?: number;
  next?: string;
  ids: number[];
}

/** A wantlist page as Discogs sends it. */
function wantsPage(b: Block): Responder {
  return (_req, res) => {
    const urls = b.next === undefined ? {} : { next: b.next.replace("BASE", server.url) };
    const body = {
      pagination: { page: b.page, pages: b.pages, per_page: b.per_page ?? 2, items: b.pages * 2, urls },
      wants: b.ids.map((id) => ({
        id,
        resource_url: `${server.url}/x`,
        basic_information: { id, title: `T${id}`, resource_url: `${server.url}/releases/${id}` },
      })),
    };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
}

/** Answers by the requested page number (`pages[n]`); a page not in the map fails the test. */
function byPage(pages: Record<number, Block>): Responder {
  return (req: Recorded, res) => {
    const n = Number(new URL(req.url, server.url).searchParams.get("page") ?? 1);
    const block = pages[n];
    if (!block) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `page ${n} must not be requested` }));
      return;
    }
    wantsPage(block)(req, res);
  };
}

async function walkIds(p: Paginator<{ id: number }>): Promise<number[]> {
  const ids: number[] = [];
  for await (const w of p) ids.push(w.id);
  return ids;
}

const wants = (params: PageParams = {}) =>
  local.users.get("example").wantlist.list({ per_page: 2, ...params });
const requested = () => server.requests.map((r) => new URL(r.url, server.url).search);

describe("where a walk ends", () => {
  afterEach(() => {
    server.requests.length = 0;
  });

  it("at page >= pages, even when a next link is there", async () => {
    server.respond(
      byPage({
        1: { page: 1, pages: 2, next: "BASE/users/example/wants?page=2&per_page=2", ids: [1, 2] },
        2: { page: 2, pages: 2, next: "BASE/users/example/wants?page=3&per_page=2", ids: [3, 4] },
      }),
    );
    expect(await walkIds(wants())).toEqual([1, 2, 3, 4]);
    expect(server.requests).toHaveLength(2);
  });

  it("on an empty page, though pages says more follow", async () => {
    server.respond(
      byPage({
        1: { page: 1, pages: 5, next: "BASE/users/example/wants?page=2&per_page=2", ids: [1, 2] },
        2: { page: 2, pages: 5, next: "BASE/users/example/wants?page=3&per_page=2", ids: [] },
      }),
    );
    expect(await walkIds(wants())).toEqual([1, 2]);
    expect(server.requests).toHaveLength(2);
    const empty = await (await wants()).getNextPage();
    expect(empty.items).toEqual([]);
    expect(empty.hasNextPage()).toBe(false);
  });

  it("on a page it already had: an answer for page 1 to the request for page 2 yields nothing twice", async () => {
    server.respond(
      byPage({
        1: { page: 1, pages: 3, next: "BASE/users/example/wants?page=2&per_page=2", ids: [1, 2] },
        2: { page: 1, pages: 3, next: "BASE/users/example/wants?page=2&per_page=2", ids: [1, 2] },
      }),
    );
    expect(await walkIds(wants())).toEqual([1, 2]);
    expect(server.requests).toHaveLength(2);
  });

  it("a manual hasNextPage()/getNextPage() loop also ends on a page it already had", async () => {
    server.respond(
      byPage({
        1: { page: 1, pages: 3, next: "BASE/users/example/wants?page=2&per_page=2", ids: [1, 2] },
        2: { page: 1, pages: 3, next: "BASE/users/example/wants?page=2&per_page=2", ids: [1, 2] },
      }),
    );
    let page = await wants();
    let loops = 0;
    while (page.hasNextPage() && loops++ < 5) page = await page.getNextPage();
    expect(loops).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it("a next link back to page 1 with another per_page is not followed: page 2 is asked for, no item twice", async () => {
    server.respond(
      byPage({
        1: { page: 1, pages: 3, next: "BASE/users/example/wants?page=1&per_page=50", ids: [1, 2] },
        2: { page: 2, pages: 3, next: "BASE/users/example/wants?page=2&per_page=50", ids: [3, 4] },
        3: { page: 3, pages: 3, ids: [5, 6] },
      }),
    );
    expect(await walkIds(wants())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(requested()).toEqual(["?per_page=2", "?per_page=2&page=2", "?per_page=2&page=3"]);
  });

  it("a next link to the following page with another per_page is not followed either (items would be skipped)", async () => {
    server.respond(
      byPage({
        1: { page: 1, pages: 2, next: "BASE/users/example/wants?page=2&per_page=1", ids: [1, 2] },
        2: { page: 2, pages: 2, ids: [3, 4] },
      }),
    );
    expect(await walkIds(wants())).toEqual([1, 2, 3, 4]);
    expect(requested()).toEqual(["?per_page=2", "?per_page=2&page=2"]);
  });

  it("a next link that asks for the following page with our per_page is followed as Discogs sent it", async () => {
    server.respond(
      byPage({
        1: { page: 1, pages: 2, next: "BASE/users/example/wants?per_page=2&page=2&sort=added", ids: [1, 2] },
        2: { page: 2, pages: 2, ids: [3, 4] },
      }),
    );
    expect(await walkIds(wants())).toEqual([1, 2, 3, 4]);
    expect(requested()).toEqual(["?per_page=2", "?per_page=2&page=2&sort=added"]);
  });

  it("a missing next link with page < pages still reaches the last page: nothing passed off as complete", async () => {
    server.respond(
      byPage({
        1: { page: 1, pages: 3, ids: [1, 2] },
        2: { page: 2, pages: 3, ids: [3, 4] },
        3: { page: 3, pages: 3, ids: [5] },
      }),
    );
    expect(await walkIds(wants())).toEqual([1, 2, 3, 4, 5]);
    const page = await wants();
    expect(page.hasNextPage()).toBe(true);
    expect((await page.getNextPage()).items.map((w) => w.id)).toEqual([3, 4]);
  });

  it("a walk that starts at page 2 with no next links goes on from there and never asks for page 1", async () => {
    server.respond(
      byPage({
        2: { page: 2, pages: 3, ids: [3, 4] },
        3: { page: 3, pages: 3, ids: [5] },
      }),
    );
    expect(await walkIds(wants({ page: 2 }))).toEqual([3, 4, 5]);
    expect(requested()).toEqual(["?per_page=2&page=2", "?per_page=2&page=3"]);
  });

  it("a page that fails mid-walk: the items before it, then the typed error (not a short list)", async () => {
    server.respond(
      byPage({
        1: { page: 1, pages: 3, ids: [1, 2] },
      }),
    );
    const ids: number[] = [];
    await expect(
      (async () => {
        for await (const w of wants()) ids.push(w.id);
      })(),
    ).rejects.toMatchObject({ status: 500 });
    expect(ids).toEqual([1, 2]);
  });
});
