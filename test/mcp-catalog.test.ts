/**
 * The MCP tool catalog as data: every definition pinned by a snapshot (a change to a declaration or a model that
 * changes a tool fails here, visibly), the budget of the default set, the naming rule, the annotations against
 * the HTTP methods, the share of every definition derived from the declarations and models, and the pure parts
 * of the answer shaping (pick lists, projection, drift removal).
 */
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "../src/endpoints/index";
import { buildCatalog, derivedName, NOT_TOOLS, type ToolDef } from "../src/mcp/catalog";
import { defaultToolNames, mcpTools, toolNames } from "../src/mcp/index";
import { conformRoot, outputShape, parsePicks, project } from "../src/mcp/shape";

/** A tool's definition as `tools/list` carries it. */
function definition(t: ToolDef) {
  return {
    name: t.name,
    description: t.description,
    inputSchema: t.inputSchema,
    ...(t.outputSchema ? { outputSchema: t.outputSchema } : {}),
    annotations: t.annotations,
  };
}

/** Every leaf of a JSON value as `path = value` (arrays by index). */
function leaves(value: unknown, path = ""): string[] {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length === 0) return [`${path} = ${JSON.stringify(value)}`];
    return entries.flatMap(([k, v]) => leaves(v, `${path}/${k}`));
  }
  return [`${path} = ${JSON.stringify(value)}`];
}

describe("the catalog", () => {
  const catalog = buildCatalog();

  it("is pinned: every tool's definition, the default set first (toolsnaps)", async () => {
    const snap = catalog.map((t) => ({ ...definition(t), endpoint: t.endpoint.name, default: t.isDefault }));
    // Formatted as the repository's Prettier formats JSON, so that `npm run lint` passes on the snapshot.
    const file = new URL("./__snapshots__/mcp-tools.json", import.meta.url).pathname;
    const options = (await prettier.resolveConfig(file)) ?? {};
    const json = await prettier.format(JSON.stringify(snap), { ...options, filepath: file });
    await expect(json).toMatchFileSnapshot("./__snapshots__/mcp-tools.json");
  });

  it("has a tool for every declaration but those it names a reason for", () => {
    const covered = new Set(catalog.map((t) => t.endpoint.name));
    for (const ep of ENDPOINTS) {
      if (Object.hasOwn(NOT_TOOLS, ep.name)) expect(covered.has(ep.name), ep.name).toBe(false);
      else expect(covered.has(ep.name), ep.name).toBe(true);
    }
    expect(catalog.length).toBe(ENDPOINTS.length - Object.keys(NOT_TOOLS).length);
  });

  it("the default set: at most 30 tools and 12 KB of tools/list JSON", () => {
    const defaults = catalog.filter((t) => t.isDefault);
    const bytes = Buffer.byteLength(JSON.stringify({ tools: defaults.map(definition) }));
    expect(defaults.map((t) => t.name)).toEqual(defaultToolNames());
    expect(defaults.length).toBeLessThanOrEqual(30);
    expect(bytes).toBeLessThanOrEqual(12_000);
    // Even every tool at once stays within Cursor's 40-tool cap.
    expect(catalog.length).toBeLessThanOrEqual(60);
  });

  it("names: discogs_ prefix, at most 40 characters, snake case, unique", () => {
    const names = toolNames();
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) {
      expect(n).toMatch(/^discogs_[a-z0-9_]+$/);
      expect(n.length).toBeLessThanOrEqual(40);
    }
    expect(derivedName(ENDPOINTS.find((e) => e.name === "users.wantlist.list")!)).toBe(
      "discogs_list_wantlist",
    );
    expect(derivedName(ENDPOINTS.find((e) => e.name === "releases.rating.get(username)")!)).toBe(
      "discogs_get_release_rating_by_username",
    );
    expect(derivedName(ENDPOINTS.find((e) => e.name === "user.identity")!)).toBe("discogs_get_identity");
  });

  it("annotations follow the HTTP method: reads read-only, writes not; deletes and overwrites destructive", () => {
    for (const t of catalog) {
      const ep = t.endpoint;
      const a = t.annotations;
      expect(a.readOnlyHint, t.name).toBe(ep.method === "GET");
      if (ep.method === "GET") {
        expect(a.destructiveHint, t.name).toBeUndefined();
        continue;
      }
      expect(a.idempotentHint, t.name).toBe(ep.method !== "POST" || ep.idempotent === true);
      if (ep.method === "DELETE" || ep.destructive) expect(a.destructiveHint, t.name).toBe(true);
      // An edit overwrites (destructive); a create only adds.
      if (ep.method === "POST" && ep.idempotent) expect(a.destructiveHint, t.name).toBe(true);
      if (ep.method === "POST" && !ep.idempotent && !ep.destructive)
        expect(a.destructiveHint, t.name).toBe(false);
    }
    const byName = Object.fromEntries(catalog.map((t) => [t.name, t.annotations]));
    expect(byName.discogs_remove_from_wantlist).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(byName.discogs_add_to_collection).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
  });

  it("every read tool has an output schema and every write tool a confirm argument", () => {
    for (const t of catalog) {
      const props = t.inputSchema.properties as Record<string, unknown>;
      if (t.kind === "write") {
        expect(t.outputSchema, t.name).toBeUndefined();
        expect(props.confirm, t.name).toEqual({ type: "boolean", description: expect.any(String) });
        expect(props.detail, t.name).toBeUndefined();
      } else {
        expect(t.outputSchema?.type, t.name).toBe("object");
        expect(props.detail, t.name).toEqual({ enum: ["summary", "full"] });
      }
      if (t.kind === "list") {
        expect(props.page, t.name).toEqual({ type: "integer", minimum: 1, default: 1 });
        expect(props.per_page, t.name).toEqual({ type: "integer", minimum: 1, maximum: 100, default: 10 });
      }
    }
  });

  it("at least 90% of every definition's leaves are derived from the declarations and models", () => {
    // The pure derivation: the same generator with every hand-written note (names, "when to use" lines,
    // defaults, summary field lists, the default set) switched off. A leaf of a definition counts as derived
    // when the pure derivation produces it unchanged.
    const pure = new Map(buildCatalog({ notes: false }).map((t) => [t.endpoint.name, t]));
    let all = 0;
    let derived = 0;
    for (const t of catalog) {
      const p = pure.get(t.endpoint.name)!;
      const mine = leaves({ ...definition(t), name: t.name });
      const theirs = new Set(leaves({ ...definition(p), name: p.name }));
      all += mine.length;
      derived += mine.filter((l) => theirs.has(l)).length;
    }
    const share = derived / all;
    console.log(`derived: ${derived} of ${all} definition leaves (${(share * 100).toFixed(1)}%)`);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  it("mcpTools() hands out copies: changing one changes no tool", () => {
    const a = mcpTools()[0]!;
    (a.inputSchema as { properties: Record<string, unknown> }).properties.x = {};
    expect(
      (mcpTools()[0]!.inputSchema as { properties: Record<string, unknown> }).properties.x,
    ).toBeUndefined();
  });
});

describe("answer shapes", () => {
  const model = {
    type: "object",
    properties: {
      id: { type: "number" },
      title: { type: "string" },
      resource_url: { type: "string" },
      artists: {
        type: "array",
        items: {
          type: "object",
          properties: { id: { type: "number" }, name: { type: "string" } },
          required: ["id"],
        },
      },
      status: { anyOf: [{ enum: ["Accepted"] }, { type: "string" }] },
      lowest: { type: ["number", "null"] },
    },
    required: ["id"],
    additionalProperties: true,
  };

  it("pick lists parse, and a pick that names no field of the model is an error", () => {
    expect([...parsePicks("id artists(name) title").keys()]).toEqual(["id", "artists", "title"]);
    expect(() => parsePicks("id (")).toThrow(/pick list/);
    expect(() => outputShape(model, parsePicks("id titel"), "test")).toThrow(/"titel" names no field/);
    expect(() => outputShape(model, parsePicks("id(x)"), "test")).toThrow(/has no fields to pick/);
  });

  it("projects a model: picked fields only, compacted (no required, open value sets as strings)", () => {
    expect(outputShape(model, parsePicks("id artists(name) status"), "test")).toEqual({
      type: "object",
      properties: {
        id: { type: "number" },
        artists: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
        status: { type: "string" },
      },
    });
    // Without picks: every field but links.
    const generic = outputShape(model, undefined, "test");
    expect(Object.keys(generic.properties as object)).toEqual(["id", "title", "artists", "status", "lowest"]);
  });

  it("cuts a value to a shape and keeps unknown parts out", () => {
    const shape = outputShape(model, parsePicks("id artists(name)"), "test");
    expect(
      project(shape, { id: 1, title: "x", artists: [{ id: 2, name: "A", extra: 1 }], more: true }),
    ).toEqual({
      id: 1,
      artists: [{ name: "A" }],
    });
  });

  it("removes what does not fit, names it, and never changes the value it was given", () => {
    const shape = outputShape(model, undefined, "test");
    const value = {
      id: "1",
      title: "ok",
      artists: [{ id: 2, name: 3 }, "odd"],
      lowest: null,
      extra: { a: 1 },
    };
    const before = structuredClone(value);
    const dropped: string[] = [];
    expect(conformRoot(shape, value, dropped)).toEqual({
      title: "ok",
      artists: [{ id: 2 }],
      lowest: null,
      extra: { a: 1 },
    });
    expect(dropped).toEqual(["id", "artists.0.name", "artists.1"]);
    expect(value).toEqual(before);
    const fine = { id: 1 };
    expect(conformRoot(shape, fine, [])).toBe(fine);
    const root: string[] = [];
    expect(conformRoot(shape, [1, 2], root)).toEqual({});
    expect(root).toEqual(["(root)"]);
  });
});
