/**
 * discogs-sdk/lite, from the built package: the same client without the models' schemas and without response
 * validation. It answers as the full client does with `validation: "off"` (aliases applied, every field kept),
 * refuses any other `validation`, exports no schema, and its bundle carries neither the schemas nor their runtime.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import { ensureBuilt, ROOT } from "./runtimes/helpers";

type Lite = typeof import("../src/lite");
let lite: Lite;
let emu: Emulator;

beforeAll(async () => {
  await ensureBuilt();
  lite = (await import(path.join(ROOT, "dist/lite/index.js"))) as Lite;
  emu = await startEmulator({ rateLimit: false });
}, 300_000);
afterAll(async () => {
  await emu?.close();
});

describe("discogs-sdk/lite", () => {
  it("gets, lists and pages like the full client with validation off: same data, aliases applied", async () => {
    const full = (await import(path.join(ROOT, "dist/index.js"))) as typeof import("../src/index");
    const a = new lite.Discogs({ baseUrl: emu.url, token: "t" });
    const b = new full.Discogs({ baseUrl: emu.url, token: "t", validation: "off" });
    try {
      const release = await a.releases.get(352665);
      expect(release).toEqual(await b.releases.get(352665));
      expect(release.title).toBe("The Downward Spiral");
      expect(JSON.stringify(release)).not.toMatch(/"extraartists"|"anv"/); // the readable names
      const page = await a.users.get("example").wantlist.list({ per_page: 5, page: 2 });
      expect(page.items).toHaveLength(5);
      expect(page.pagination.page).toBe(2);
      expect(await a.search({ query: "Nine Inch Nails" }).toArray({ limit: 3 })).toHaveLength(3);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("refuses any validation but off, before any request, naming it", () => {
    expect(() => new lite.Discogs({ validation: "strict" })).toThrow(
      /^validation must be "off" with discogs-sdk\/lite/,
    );
    expect(() => new lite.Discogs({ validation: "warn" })).toThrow(TypeError);
    expect(new lite.Discogs({ validation: "off" }).baseUrl).toBe("https://api.discogs.com");
  });

  it("exports what discogs-sdk exports, but the schemas", async () => {
    const full = (await import(path.join(ROOT, "dist/index.js"))) as Record<string, unknown>;
    const mine = lite as unknown as Record<string, unknown>;
    const missing = Object.keys(full).filter((k) => !(k in mine));
    expect(missing.length).toBeGreaterThan(10);
    expect(
      missing.every((k) =>
        /Schema$|^extraFields$|^SchemaError$|^pageSchema$|^renameAliases(Deep)?$|^FIELD_ALIASES$/.test(k),
      ),
      missing.join(", "),
    ).toBe(true);
    for (const k of [
      "Discogs",
      "NotFoundError",
      "MemoryCacheStore",
      "CURRENCIES",
      "VERSION",
      "getRequestToken",
    ])
      expect(k in mine, k).toBe(true);
  });

  it("a browser bundle of it carries no Node-only code; on Node its cacheDir is the SQLite cache", async () => {
    const { build } = await import("esbuild");
    const entry = path.join(ROOT, "dist/lite/index.js");
    const bundle = async (platform: "browser" | "node") =>
      (
        await build({
          stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: ROOT, loader: "js" },
          bundle: true,
          write: false,
          format: "esm",
          platform,
          external: ["better-sqlite3"],
          logLevel: "silent",
        })
      ).outputFiles[0]!.text;
    // The SQLite store's SQL and its loader's package name: present in the Node bundle, absent from the browser one.
    for (const marker of ["CREATE TABLE", "better-sqlite3"]) {
      expect((await bundle("node")).includes(marker), `node: ${marker}`).toBe(true);
      expect((await bundle("browser")).includes(marker), `browser: ${marker}`).toBe(false);
    }

    const dir = mkdtempSync(path.join(tmpdir(), "dsdk-lite-cache-"));
    try {
      const options = { userAgent: "LiteTest/1.0", baseUrl: emu.url, token: "t", cacheDir: dir };
      const first = new lite.Discogs(options);
      expect((await first.releases.get(249504)).id).toBe(249504);
      await first.close();
      emu.clearRequests();
      const second = new lite.Discogs(options);
      expect((await second.releases.get(249504)).id).toBe(249504);
      await second.close();
      expect(emu.requests.length, "served from the SQLite file by a new client").toBe(0);
      expect(existsSync(path.join(dir, "cache.db"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("its bundle has no schema and no schema runtime", () => {
    const code = readFileSync(path.join(ROOT, "dist/lite/index.js"), "utf8");
    for (const marker of ["blocked_from_sale", "estimated_weight", "isSchemaNode", "renameInPlace"]) {
      expect(code.includes(marker), marker).toBe(false);
    }
  });
});
