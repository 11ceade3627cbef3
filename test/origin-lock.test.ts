/**
 * The origin lock: credentials go to the configured base URL's origin and nowhere else. Every URL the SDK did not
 * build itself (pagination `next` links, job `Location`s, redirect targets) is resolved with the URL parser and
 * must be on the base URL's origin; anything else is a DiscogsError naming the foreign host, and is sent nowhere.
 *
 * A second local server stands for the foreign host: the test fails if it receives any request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Discogs, DiscogsError, type ClientOptions } from "../src/index";
import { reply, startLocalServer, type LocalServer, type Responder } from "./helpers/local-server";

let home: LocalServer;
let foreign: LocalServer;
let foreignHost: string;

beforeAll(async () => {
  home = await startLocalServer();
  foreign = await startLocalServer();
  foreignHost = new URL(foreign.url).host;
  foreign.respond(
    reply(200, { pagination: { page: 2, pages: 2, items: 2, per_page: 1, urls: {} }, wants: [] }),
  );
});

afterAll(async () => {
  await home.close();
  await foreign.close();
});

afterEach(() => {
  expect(foreign.requests, "the foreign server received a request").toEqual([]);
  home.requests.length = 0;
});

const SECRETS = {
  token: "tok-ORIGIN-secret",
  consumerKey: "ck-ORIGIN",
  consumerSecret: "cs-ORIGIN-secret",
  accessToken: "at-ORIGIN",
  accessTokenSecret: "as-ORIGIN-secret",
};

const MODES: [string, ClientOptions][] = [
  ["token", { token: SECRETS.token }],
  ["key/secret", { token: null, consumerKey: SECRETS.consumerKey, consumerSecret: SECRETS.consumerSecret }],
  ["OAuth HMAC-SHA1", { ...SECRETS, token: null, oauthSignatureMethod: "HMAC-SHA1" }],
  ["OAuth PLAINTEXT", { ...SECRETS, token: null, oauthSignatureMethod: "PLAINTEXT" }],
  [
    "anonymous",
    { token: null, consumerKey: null, consumerSecret: null, accessToken: null, accessTokenSecret: null },
  ],
];

function client(options: ClientOptions): Discogs {
  return new Discogs({
    baseUrl: home.url,
    rateLimit: false,
    maxRetries: 0,
    retry: { baseDelayMs: 1 },
    ...options,
  });
}

/**
 * Every form of link to the foreign host that a naive `startsWith("http")` check misses (`HOST` stands for the
 * foreign server's host:port, filled in once it listens).
 */
const CRAFTED = [
  "http://HOST/users/example/wants?page=2&per_page=1",
  "//HOST/users/example/wants?page=2&per_page=1",
  "///HOST/users/example/wants?page=2&per_page=1",
  " http://HOST/users/example/wants?page=2&per_page=1",
  "\thttp://HOST/users/example/wants?page=2&per_page=1",
  "http:\\\\HOST\\users\\example\\wants?page=2&per_page=1",
  "http:/\\HOST/users/example/wants?page=2&per_page=1",
  "\\\\HOST\\users\\example\\wants?page=2&per_page=1",
  "HTTP://HOST/users/example/wants?page=2&per_page=1",
];

function firstPage(next: string): Responder {
  return reply(200, {
    pagination: { page: 1, pages: 2, items: 2, per_page: 1, urls: { next } },
    wants: [
      {
        id: 1,
        resource_url: `${home.url}/x`,
        basic_information: { id: 1, title: "A", resource_url: `${home.url}/r/1` },
      },
    ],
  });
}

async function failure(p: PromiseLike<unknown> | (() => PromiseLike<unknown>)): Promise<unknown> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    return e;
  }
  return undefined;
}

function expectRefused(error: unknown): void {
  expect(error).toBeInstanceOf(DiscogsError);
  expect((error as Error).message).toContain(foreignHost);
  for (const s of Object.values(SECRETS)) expect((error as Error).message).not.toContain(s);
}

describe.each(MODES)("%s: a crafted pagination next link", (_mode, options) => {
  it.each(CRAFTED.map((l) => [JSON.stringify(l), l]))(
    "%s is refused, naming the host",
    async (_shown, template) => {
      home.respond(firstPage(template.replace("HOST", foreignHost)));
      const c = client(options);
      const seen: unknown[] = [];
      const error = await failure(async () => {
        for await (const item of c.users.get("example").wantlist.list({ per_page: 1 })) seen.push(item);
      });
      expect(seen).toHaveLength(1); // the first page's item, then the refusal: nothing passed off as complete
      expectRefused(error);
      expect(home.requests).toHaveLength(1);
      // The next request behaves as if nothing happened.
      home.respond(reply(200, { id: 1, name: "ok" }));
      await c.get("/ok");
      await c.close();
    },
  );
});

describe.each(MODES)("%s: a redirect", (_mode, options) => {
  it.each([301, 302, 303, 307, 308])(
    "%d to another origin is not followed (GET, then a create)",
    async (status) => {
      const c = client({ ...options, cache: true });
      home.respond(reply(status, "", { location: `${foreign.url}/releases/1` }));
      expectRefused(await failure(c.releases.get(1)));
      home.respond(reply(status, "", { location: `//${foreignHost}/marketplace/listings` }));
      expectRefused(
        await failure(c.marketplace.listings.create({ release_id: 1, condition: "Mint (M)", price: 1 })),
      );
      expect(home.requests.map((r) => r.method)).toEqual(["GET", "POST"]);
      // Nothing from the refused redirect was cached: the next GET goes to the server and gets its own answer.
      home.respond(reply(200, { id: 1, title: "Home", resource_url: `${home.url}/releases/1` }));
      expect((await c.releases.get(1)).title).toBe("Home");
      await c.close();
    },
  );
});

describe("same-origin redirects", () => {
  it("a GET follows one on the base origin; a write is never re-sent to another URL", async () => {
    const c = client({ token: SECRETS.token });
    home.respond(
      reply(301, "", { location: "/releases/2" }),
      reply(200, { id: 2, title: "Moved", resource_url: `${home.url}/releases/2` }),
    );
    expect((await c.releases.get(1)).title).toBe("Moved");
    expect(home.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /releases/1", "GET /releases/2"]);
    expect(home.requests[1]!.headers.authorization).toBe(`Discogs token=${SECRETS.token}`);
    home.requests.length = 0;
    home.respond(reply(307, "", { location: "/marketplace/listings/elsewhere" }));
    const error = await failure(
      c.marketplace.listings.create({ release_id: 1, condition: "Mint (M)", price: 1 }),
    );
    expect(error).toBeInstanceOf(DiscogsError);
    expect((error as Error).message).toMatch(/a write is never re-sent to another URL/);
    expect(home.requests).toHaveLength(1);
    await c.close();
  });
});

describe("job locations", () => {
  it("an export whose Location is on another origin is refused, naming the host", async () => {
    const c = client({ token: SECRETS.token });
    home.respond(reply(200, "", { location: `${foreign.url}/inventory/export/5` }));
    expectRefused(await failure(c.exports.request()));
    home.respond(reply(200, "", { location: `${home.url}/inventory/export/5` }));
    expect(await c.exports.request()).toEqual({ id: 5, location: `${home.url}/inventory/export/5` });
    await c.close();
  });
});

describe("the escape hatch", () => {
  it("sends to paths of the base URL only", async () => {
    const c = client({ token: SECRETS.token });
    for (const target of [
      `${foreign.url}/x`,
      `//${foreignHost}/x`,
      `\\\\${foreignHost}\\x`,
      ` ${foreign.url}/x`,
    ]) {
      expectRefused(await failure(c.get(target)));
    }
    home.respond(reply(200, { ok: true }));
    expect(await c.get("/releases/1")).toEqual({ ok: true });
    expect(await c.get(`${home.url}/releases/1`)).toEqual({ ok: true });
    await c.close();
  });
});

describe("baseUrl", () => {
  it.each([
    ["user info", "http://user:hunter2-secret@127.0.0.1:1/"],
    ["a query", "https://api.discogs.com/?token=hunter2-secret"],
    ["a fragment", "https://api.discogs.com/#hunter2-secret"],
    ["another scheme", "ftp://api.discogs.com/"],
    ["no scheme", "api.discogs.com"],
  ])("with %s is a TypeError at construction, which never repeats a secret", (_what, baseUrl) => {
    let error: unknown;
    try {
      new Discogs({ baseUrl });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^baseUrl /);
    expect((error as Error).message).not.toContain("hunter2");
  });
});
