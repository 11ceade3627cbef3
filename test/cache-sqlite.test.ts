import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Discogs } from "../src/client";
import { createCache } from "../src/core/cache";
import { SqliteCacheStore } from "../src/core/cache-sqlite";
import { startEmulator, type Emulator } from "../src/testing/index";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3") as typeof import("better-sqlite3");
const ROOT = fileURLToPath(new URL("..", import.meta.url));

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "discogs-cache-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const rows = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM discogs_cache_v1").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("SqliteCacheStore", () => {
  it("hits, misses and expires with an injected clock; purges expired rows on open", () => {
    const dir = tempDir();
    let now = 1_000;
    const store = new SqliteCacheStore({ dir, now: () => now });
    expect(store.get("k")).toBeUndefined();
    store.set("k", "v", 100);
    store.set("long", "w", 10_000);
    expect(store.get("k")).toBe("v");
    now += 100;
    expect(store.get("k")).toBeUndefined(); // expired: skipped and deleted
    store.set("short", "x", 50);
    expect(store.size).toBe(2);
    store.close();
    now += 50;
    const again = new SqliteCacheStore({ dir, now: () => now }); // open purges "short"
    expect(again.size).toBe(1);
    expect(again.get("long")).toBe("w");
    again.close();
  });

  it("caps the row count every purgeEvery writes, oldest (soonest to expire) first", () => {
    let now = 0;
    const store = new SqliteCacheStore({ dir: tempDir(), maxEntries: 10, purgeEvery: 5, now: () => now });
    for (let i = 0; i < 40; i++) {
      now++;
      store.set(`k${i}`, String(i), 1000);
      expect(store.size).toBeLessThanOrEqual(10 + 5);
    }
    store.purge();
    expect(store.size).toBeLessThanOrEqual(10);
    expect(store.get("k39")).toBe("39");
    expect(store.get("k0")).toBeUndefined();
    store.close();
  });

  it("deletes by prefix, by prefix + test, and clears", () => {
    const store = new SqliteCacheStore({ dir: tempDir() });
    for (const k of ["GET a/1 x", "GET a/2 x", "GET a/2 y", "GET b/1 x"]) store.set(k, k, 1000);
    store.deleteMatching("GET a/", (k) => k.endsWith(" x"));
    expect(["GET a/1 x", "GET a/2 x", "GET a/2 y"].map((k) => store.get(k))).toEqual([
      undefined,
      undefined,
      "GET a/2 y",
    ]);
    store.deletePrefix("GET a/");
    expect(store.get("GET a/2 y")).toBeUndefined();
    expect(store.get("GET b/1 x")).toBe("GET b/1 x");
    store.clear();
    expect(store.size).toBe(0);
    store.close();
  });

  it("rebuilds a corrupted file and reports it", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "cache.db"), "this is not a database ".repeat(200));
    const onWarning = vi.fn();
    const store = new SqliteCacheStore({ dir, onWarning });
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(String(onWarning.mock.calls[0]![0])).toMatch(/cache\.db is corrupted .*rebuilding it/);
    store.set("k", "v", 1000);
    expect(store.get("k")).toBe("v");
    store.close();
    expect(rows(join(dir, "cache.db"))).toBe(1);
  });

  it("rebuilds a file corrupted while open; the operation answers as a miss", () => {
    const dir = tempDir();
    const onWarning = vi.fn();
    const store = new SqliteCacheStore({ dir, onWarning });
    for (let i = 0; i < 200; i++) store.set(`k${i}`, "x".repeat(2000), 100_000);
    store.close();
    // Overwrite the pages after the header: the database opens, its tables are garbage.
    const file = join(dir, "cache.db");
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 100);
    writeFileSync(file, bytes);
    const again = new SqliteCacheStore({ dir, onWarning });
    expect(again.get("k1")).toBeUndefined();
    again.set("k", "v", 1000);
    expect(again.get("k")).toBe("v");
    expect(onWarning).toHaveBeenCalled();
    again.close();
  });
});

describe("client with cacheDir (emulator)", () => {
  let emu: Emulator;
  const clients: Discogs[] = [];
  beforeAll(async () => {
    emu = await startEmulator({
      rateLimit: false,
      credentials: { tokens: { "tok-example": "example", "tok-private": "privateuser" } },
    });
  });
  afterAll(async () => {
    await emu.close();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    emu.clearRequests();
    vi.restoreAllMocks();
  });

  const client = (cacheDir: string, options: ConstructorParameters<typeof Discogs>[0] = {}) => {
    const c = new Discogs({ baseUrl: emu.url, token: "tok-example", rateLimit: false, cacheDir, ...options });
    clients.push(c);
    return c;
  };
  const get = (c: Discogs, path: string) => c._request<any>({ method: "GET", path });
  const count = (path: string) => emu.requests.filter((r) => r.method === "GET" && r.path === path).length;

  it("persists across a client restart, in a folder it creates, with mode 0600", async () => {
    const dir = join(tempDir(), "nested", "cache");
    const first = client(dir);
    const a = await get(first, "/releases/249504");
    if (process.platform !== "win32") {
      // While open in WAL mode: the database, its WAL and shared-memory files, all owner-only.
      for (const f of ["cache.db", "cache.db-wal", "cache.db-shm"])
        expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
    await first.close();
    const second = client(dir);
    expect(await get(second, "/releases/249504")).toEqual(a);
    expect(count("/releases/249504")).toBe(1);
    expect(rows(join(dir, "cache.db"))).toBe(1);
  });

  it("keeps identities apart in one file", async () => {
    const dir = tempDir();
    const owner = client(dir, { token: "tok-private" });
    const other = client(dir);
    expect((await get(owner, "/oauth/identity")).username).toBe("privateuser");
    expect((await get(other, "/oauth/identity")).username).toBe("example");
    await get(owner, "/users/privateuser/wants");
    await expect(get(other, "/users/privateuser/wants")).rejects.toMatchObject({ status: 403 });
    expect(count("/oauth/identity")).toBe(2);
    expect(count("/users/privateuser/wants")).toBe(2);
    // Nothing in the file carries a credential.
    await owner.close();
    await other.close();
    expect(readFileSync(join(dir, "cache.db")).includes("tok-private")).toBe(false);
  });

  it("invalidates on writes and clears", async () => {
    const dir = tempDir();
    const c = client(dir);
    const name = async () =>
      ((await get(c, "/users/example/collection/folders")).folders as any[]).find((f) => f.id === 1000).name;
    const before = await name();
    await c.users.get("example").collection.folders.update(1000, { name: "Noise" });
    expect(await name()).toBe("Noise");
    await name();
    expect(count("/users/example/collection/folders")).toBe(2);
    await c.clearCache();
    await name();
    expect(count("/users/example/collection/folders")).toBe(3);
    await c.users.get("example").collection.folders.update(1000, { name: before });
  });

  it("rebuilds a corrupted cache.db: warns, never fails a request", async () => {
    const dir = tempDir();
    const file = join(dir, "cache.db");
    writeFileSync(file, Buffer.from("garbage, not SQLite ".repeat(500)));
    writeFileSync(`${file}-wal`, "more garbage");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const c = client(dir);
    const release = await get(c, "/releases/249504");
    expect(release.id).toBe(249504);
    await get(c, "/releases/249504");
    expect(count("/releases/249504")).toBe(1); // the rebuilt file caches again
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/cache\.db is corrupted.*rebuilding it/));
    await c.close();
    expect(readFileSync(file).subarray(0, 15).toString()).toBe("SQLite format 3");
    expect(rows(file)).toBe(1);
  });

  it("an unusable cacheDir fails at construction, naming it", () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "x");
    const under = join(file, "cache");
    expect(() => new Discogs({ token: null, cacheDir: under })).toThrow(
      /cacheDir ".*a-file\/cache" cannot be used: ENOTDIR/,
    );
    expect(() => createCache({ cacheDir: under })).toThrow(Error);
  });

  it("says npm install better-sqlite3 when it is missing", () => {
    const real = process.getBuiltinModule.bind(process);
    vi.spyOn(process, "getBuiltinModule").mockImplementation(((id: string) => {
      if (id !== "node:module") return real(id);
      return {
        createRequire: () => () => {
          throw Object.assign(new Error("Cannot find module 'better-sqlite3'"), { code: "MODULE_NOT_FOUND" });
        },
      };
    }) as typeof process.getBuiltinModule);
    expect(() => new Discogs({ token: null, cacheDir: tempDir() })).toThrow(
      "cacheDir needs the optional dependency better-sqlite3: npm install better-sqlite3",
    );
  });

  it("two processes share one cache file without errors", async () => {
    const dir = tempDir();
    const script = join(dir, "child.mts");
    writeFileSync(
      script,
      `
import { Discogs } from ${JSON.stringify(join(ROOT, "src/client.ts"))};
import { SqliteCacheStore } from ${JSON.stringify(join(ROOT, "src/core/cache-sqlite.ts"))};
const [baseUrl, cacheDir, who] = process.argv.slice(2);
const warnings: unknown[] = [];
console.warn = (...a: unknown[]) => void warnings.push(a);
const store = new SqliteCacheStore({ dir: cacheDir, purgeEvery: 25, maxEntries: 100 });
for (let i = 0; i < 600; i++) {
  store.set("GET k" + (i % 150) + " " + who, JSON.stringify({ who, i }), 60_000);
  const v = store.get("GET k" + ((i * 7) % 150) + " " + (i % 2 ? "a" : "b"));
  if (v !== undefined) JSON.parse(v);
  if (i % 100 === 0) store.deleteMatching("GET k1", (k) => k.endsWith(" " + who));
}
store.close();
const client = new Discogs({ baseUrl, token: "tok-example", rateLimit: false, cacheDir });
for (let i = 0; i < 20; i++) {
  await client._request({ method: "GET", path: "/releases/249504" });
  await client._request({ method: "GET", path: "/users/example/wants", query: { page: 1 + (i % 3), per_page: 10 } });
  if (i % 5 === 0) await client._request({ method: "POST", path: "/users/example/collection/folders/1001", body: { name: "Jazz " + who } });
}
await client.close();
if (warnings.length) { console.error(JSON.stringify(warnings)); process.exit(2); }
console.log("ok " + who);
`,
    );
    const run = (who: string) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", script, emu.url, dir, who], {
          cwd: ROOT,
          env: { ...process.env, DISCOGS_TOKEN: "" },
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("close", (code) => resolve({ code, out, err }));
      });
    const results = await Promise.all([run("a"), run("b")]);
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });
    expect(results.map((r) => r.out.trim()).sort()).toEqual(["ok a", "ok b"]);
    const db = new Database(join(dir, "cache.db"));
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    const c = client(dir);
    emu.clearRequests();
    await get(c, "/releases/249504");
    expect(count("/releases/249504")).toBe(0); // the file still opens and serves what the children stored
  }, 60_000);
});
