/**
 * The endpoint declarations (src/endpoints) against everything that is read from them or checked against them:
 * the emulator's routes, the README's tables, the parameter schemas, and the unknown-key rule.
 * (test/bad-input.test.ts checks that every declared endpoint has a bad-input entry.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paramKeys, prepare } from "../src/core/endpoint";
import { ENDPOINTS, findEndpoint } from "../src/endpoints/index";
import { inputSchema, paramSchema } from "../src/endpoints/schema";
import { createRouter } from "../src/testing/routes/index";
import { readReadme, withTables } from "../scripts/readme-tables";

/** A value each check accepts, by parameter name (enough to build a path). */
const SAMPLE: Record<string, unknown> = {
  username: "example",
  order_id: "1-1",
  price: 10,
  currency: "USD",
  folder_id: 2,
  in_folder: 1,
};

function samplePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, n: string) => String(SAMPLE[n] ?? 1));
}

describe("endpoint declarations", () => {
  it("each has a unique name and method + path, and its path placeholders are its path parameters", () => {
    expect(new Set(ENDPOINTS.map((e) => e.name)).size).toBe(ENDPOINTS.length);
    expect(new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`)).size).toBe(ENDPOINTS.length);
    for (const e of ENDPOINTS) {
      const placeholders = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const pathParams = Object.keys(e.params)
        .filter((k) => e.params[k]!.in === "path")
        .sort();
      expect(placeholders, e.name).toEqual(pathParams);
      expect(findEndpoint(e.method, samplePath(e.path))?.endpoint, e.name).toBe(e);
      if (e.list) expect(paramKeys(e), e.name).toEqual(expect.arrayContaining(["page", "per_page"]));
      if (e.method !== "GET" && !e.path.startsWith("/oauth/")) expect(e.invalidates, e.name).toBeDefined();
    }
  });

  it("every parameter has a JSON Schema (generated docs and MCP tool inputs read it)", () => {
    for (const e of ENDPOINTS) {
      for (const [name, spec] of Object.entries(e.params)) {
        expect(paramSchema(spec), `${e.name}: ${name}`).toBeDefined();
      }
      const schema = inputSchema(e) as { properties: object; additionalProperties: boolean };
      expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(e.params).sort());
      expect(schema.additionalProperties).toBe(false);
    }
  });

  it("every endpoint has an emulator route", () => {
    const router = createRouter();
    for (const e of ENDPOINTS) {
      const match = router.match(e.method, samplePath(e.path));
      expect(match === null || match === "method" ? `no route for ${e.method} ${e.path}` : "ok", e.name).toBe(
        "ok",
      );
    }
  });

  it("the README's API coverage and invalidation tables are the generated ones (npx tsx scripts/readme-tables.ts)", async () => {
    const readme = readReadme();
    expect(await withTables(readme)).toBe(readme);
    for (const e of ENDPOINTS) expect(readme, e.name).toContain("`" + e.name + "`");
  });

  it("any unknown key in params is a TypeError naming it, before any request (every endpoint)", () => {
    const keys = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== "__proto__");
    fc.assert(
      fc.property(fc.constantFrom(...ENDPOINTS), keys, fc.anything(), (e, key, value) => {
        fc.pre(!paramKeys(e).includes(key));
        const path: Record<string, unknown> = {};
        for (const [name, spec] of Object.entries(e.params))
          if (spec.in === "path") path[name] = SAMPLE[name] ?? 1;
        let error: unknown;
        try {
          prepare(e, path, { [key]: value }, undefined);
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toContain(JSON.stringify(key.slice(0, 40)));
      }),
      { numRuns: 300 },
    );
  });
});
