/**
 * `redisCacheStore` on a real redis-server, through node-redis and ioredis alike: identity isolation, TTLs in
 * Redis, invalidation seen by every process, and single flight across processes. Each client object stands for
 * one process.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Discogs, NotFoundError } from "../src/index";
import { redisCacheStore } from "../src/redis/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { CLIENT_KINDS, connect, suiteRedis, uniquePrefix, whyNoRedis, type TestRedis } from "./helpers/redis";

const skip = whyNoRedis();
if (skip) console.log(`NOT RUN: test/redis-cache.test.ts: ${skip}`);

describe.skipIf(!!skip).each(CLIENT_KINDS)("redisCacheStore with %s", (kind) => {
  let server: { url: string; stop: () => Promise<void> };
  let emu: Emulator;
  let prefix: string;
  const opened: TestRedis[] = [];
  const clients: Discogs[] = [];

  beforeAll(async () => {
    server = await suiteRedis();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    prefix = uniquePrefix(kind);
    emu = await startEmulator({
      rateLimit: false,
      credentials: { tokens: { "tok-example": "example", "tok-rodney": "rodneyfool" } },
    });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    for (const r of opened.splice(0)) await r.close();
    await emu.close();
  });

  /** A client in a process of its own (its own Redis connection and store). */
  async function proc(token = "tok-example", cacheTtl?: number): Promise<{ c: Discogs; r: TestRedis }> {
    const r = await connect(kind, server.url);
    opened.push(r);
    const c = new Discogs({
      baseUrl: emu.url,
      token,
      rateLimit: false,
      cache: redisCacheStore(r.client, { prefix }),
      ...(cacheTtl ? { cacheTtl } : {}),
    });
    clients.push(c);
    return { c, r };
  }

  const upstream = (path: string) => emu.requests.filter((q) => q.method === "GET" && q.path === path).length;

  it("one identity never sees another's response", async () => {
    const a = await proc("tok-example");
    const b = await proc("tok-rodney");
    expect(((await a.c.get("/oauth/identity")) as { username: string }).username).toBe("example");
    expect(((await a.c.get("/oauth/identity")) as { username: string }).username).toBe("example");
    expect(upstream("/oauth/identity")).toBe(1);
    expect(((await b.c.get("/oauth/identity")) as { username: string }).username).toBe("rodneyfool");
    expect(upstream("/oauth/identity")).toBe(2);
    // the keys hold a hash of the credentials, never a credential
    const keys = (await a.r.send(["KEYS", `${prefix}*`])) as string[];
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.join(" ")).not.toMatch(/tok-/);
  });

  it("stores values with their TTL in Redis", async () => {
    const { c, r } = await proc("tok-example", 1500);
    await c.releases.get(352665);
    const keys = (await r.send(["KEYS", `${prefix}c:v:*`])) as string[];
    expect(keys).toHaveLength(1);
    const ttl = Number(await r.send(["PTTL", keys[0] as string]));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1500);
    // no lock is left behind
    expect(await r.send(["KEYS", `${prefix}c:l:*`])).toEqual([]);
  });

  it("a write in one process makes the affected GETs miss in the others", async () => {
    const [p1, p2, p3] = [await proc(), await proc(), await proc()];
    const wants = (c: Discogs) =>
      c.get("/users/example/wants") as Promise<{ wants: { id: number }[]; pagination: { items: number } }>;
    const before = await wants(p2!.c);
    await wants(p3!.c);
    expect(upstream("/users/example/wants")).toBe(1); // p3 was served from the shared cache
    const added = [...emu.state.releases.keys()].find((id) => !before.wants.some((w) => w.id === id))!;
    await p1!.c.put(`/users/example/wants/${added}`);
    const after2 = await wants(p2!.c);
    const after3 = await wants(p3!.c);
    expect(upstream("/users/example/wants")).toBe(2);
    expect(after2.pagination.items).toBe(before.pagination.items + 1);
    expect(after3.pagination.items).toBe(before.pagination.items + 1);
  });

  it("single flight: three processes asking for the same release at once send one request", async () => {
    const ps = [await proc(), await proc(), await proc()];
    const got = await Promise.all(ps.flatMap(({ c }) => [c.releases.get(249504), c.releases.get(249504)]));
    expect(new Set(got.map((r) => r.title)).size).toBe(1);
    expect(upstream("/releases/249504")).toBe(1);
    // and the repeat is served from the cache
    await Promise.all(ps.map(({ c }) => c.releases.get(249504)));
    expect(upstream("/releases/249504")).toBe(1);
  });

  it("a failed fetch gives its lock back at once: the waiting processes go on (no wait for the lock's TTL)", async () => {
    const ps = [await proc(), await proc(), await proc()];
    // lockTtlMs is 60 s: were the lock not given back, this would outlast the test's timeout
    const results = await Promise.allSettled(ps.map(({ c }) => c.releases.get(999_999_991)));
    for (const r of results) {
      expect(r.status).toBe("rejected");
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(NotFoundError);
    }
    expect(upstream("/releases/999999991")).toBeGreaterThanOrEqual(1);
    expect(upstream("/releases/999999991")).toBeLessThanOrEqual(3);
    expect(await ps[0]!.r.send(["KEYS", `${prefix}c:l:*`])).toEqual([]);
    // the next request behaves as if nothing happened
    await expect(ps[1]!.c.releases.get(352665)).resolves.toMatchObject({ id: 352665 });
  });

  it("clearCache empties this prefix only", async () => {
    const { c, r } = await proc();
    await c.releases.get(352665);
    await r.send(["SET", `${prefix}other`, "kept", "PX", "10000"]);
    await c.clearCache();
    expect(await r.send(["KEYS", `${prefix}c:*`])).toEqual([]);
    expect(await r.send(["GET", `${prefix}other`])).toBe("kept");
  });

  it("refuses unknown options", async () => {
    const r = await connect(kind, server.url);
    opened.push(r);
    expect(() => redisCacheStore(r.client, { ttl: 5 } as never)).toThrow(/ttl/);
    expect(() => redisCacheStore(r.client, { lockTtlMs: -1 })).toThrow(/lockTtlMs/);
    expect(() => redisCacheStore(null as never)).toThrow(TypeError);
  });
});
