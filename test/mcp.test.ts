/**
 * discogs-sdk/mcp through a real MCP client (the official SDK's `Client`), in process over the SDK's streamable
 * HTTP handler (`createMcpHandler`, a fresh `McpServer` per HTTP request, the one Discogs client shared), against
 * the emulator: the tool list, every read tool's answer against its output schema (with a real JSON Schema
 * validator, ajv), paging to the last item of a 4,000-item collection, `readOnly`, dry runs that send nothing,
 * confirmed writes sent once, invalid arguments, a Discogs field drift, the rate-limit note, the time bound, and
 * no credential in any answer or log line.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Discogs } from "../src/index";
import {
  createMcpServer,
  defaultToolNames,
  mcpTools,
  serveMcp,
  toolNames,
  type McpClient,
} from "../src/mcp/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { connectInProcess, READ_ARGS, type InProcessMcp } from "./helpers/mcp";

const TOKEN = "mcp-test-token-5ecret-31337";
/** Compile-time: every `Discogs` is an `McpClient` (the structural type the entry point takes). */
export const asMcpClient = (d: Discogs): McpClient => d;
const READ_TOOLS = mcpTools().filter((t) => t.kind !== "write");
const WRITE_TOOLS = mcpTools().filter((t) => t.kind === "write");

let emu: Emulator;
let client: Discogs;
/** Every log line of the client (debug level: each attempt's method, URL, status). */
const logs: string[] = [];
/** Every answer's JSON, scanned for the token at the end. */
const answers: string[] = [];
let session: InProcessMcp;

type Answer = {
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

async function call(name: string, args: Record<string, unknown> = {}, s = session): Promise<Answer> {
  const r = (await s.mcp.callTool({ name, arguments: args })) as Answer;
  answers.push(JSON.stringify(r));
  return r;
}
const text = (r: Answer) => r.content.map((c) => c.text).join("\n");
const writes = () => emu.requests.filter((r) => r.method !== "GET");

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  const capture =
    (level: string) =>
    (...a: unknown[]) =>
      logs.push(`${level} ${a.map(String).join(" ")}`);
  client = new Discogs({
    baseUrl: emu.url,
    token: TOKEN,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    logLevel: "debug",
    logger: {
      error: capture("error"),
      warn: capture("warn"),
      info: capture("info"),
      debug: capture("debug"),
    },
  });
  // Warm the memoized identity so that request counts below are per call.
  await client.user.identity();
  session = await connectInProcess({ client, tools: toolNames() });
});
afterAll(async () => {
  await session?.close();
  // No answer and no log line carries the token.
  expect(answers.length).toBeGreaterThan(50);
  expect(logs.length).toBeGreaterThan(50);
  for (const a of answers) expect(a).not.toContain(TOKEN);
  for (const l of logs) expect(l).not.toContain(TOKEN);
  await client?.close();
  await emu?.close();
});
beforeEach(() => {
  emu.clearRequests();
  emu.faults.clear();
});

describe("tools/list", () => {
  it("the default set: at most 30 tools, under 12 KB, names prefixed and at most 40 characters", async () => {
    const s = await connectInProcess({ client });
    try {
      const list = await s.mcp.listTools();
      const bytes = Buffer.byteLength(JSON.stringify(list));
      expect(list.tools.map((t) => t.name)).toEqual(defaultToolNames());
      expect(list.tools.length).toBeLessThanOrEqual(30);
      expect(bytes).toBeLessThanOrEqual(12_000);
      for (const t of list.tools) {
        expect(t.name).toMatch(/^discogs_[a-z0-9_]+$/);
        expect(t.name.length).toBeLessThanOrEqual(40);
        expect(t.description!.length).toBeGreaterThan(10);
      }
    } finally {
      await s.close();
    }
  });

  it("is what the catalog holds, tool for tool (the snapshot of every definition is in mcp-catalog.test.ts)", async () => {
    const list = await session.mcp.listTools();
    expect(list.tools.length).toBe(toolNames().length);
    for (const t of list.tools) {
      const def = mcpTools().find((d) => d.name === t.name)!;
      expect(t.inputSchema).toEqual(def.inputSchema);
      expect(t.outputSchema).toEqual(def.outputSchema);
      expect(t.annotations).toEqual(def.annotations);
      expect(t.description).toBe(def.description);
    }
  });

  it("every read tool declares an outputSchema; every write tool is annotated as one", async () => {
    const list = await session.mcp.listTools();
    for (const t of list.tools) {
      const def = mcpTools().find((d) => d.name === t.name)!;
      if (def.kind === "write") {
        expect(t.annotations?.readOnlyHint, t.name).toBe(false);
        expect(typeof t.annotations?.destructiveHint, t.name).toBe("boolean");
        expect(typeof t.annotations?.idempotentHint, t.name).toBe("boolean");
      } else {
        expect(t.outputSchema, t.name).toBeDefined();
        expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      }
    }
  });
});

describe("read tools", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });

  it("has arguments for every read tool of the catalog", () => {
    expect(READ_TOOLS.map((t) => t.name).filter((n) => !READ_ARGS[n])).toEqual([]);
  });

  for (const tool of READ_TOOLS) {
    it(`${tool.name}: summary and full answers validate against its outputSchema`, async () => {
      const validate = ajv.compile(tool.outputSchema!);
      for (const detail of ["summary", "full"]) {
        const r = await call(tool.name, { ...READ_ARGS[tool.name], detail });
        expect(r.isError, text(r)).toBeFalsy();
        expect(validate(r.structuredContent), JSON.stringify(validate.errors)).toBe(true);
        expect(text(r).length).toBeGreaterThan(0);
        expect(r.structuredContent!.warnings, `${tool.name} ${detail}`).toBeUndefined();
      }
      // A summary is one request; the full answer another: never an identity look-up (it is remembered).
      if (tool.endpoint !== "user.identity")
        expect(emu.requests.map((q) => q.path)).not.toContain("/oauth/identity");
      expect(emu.requests).toHaveLength(2);
    });
  }

  it("a summary is smaller than the full answer and keeps the model's field names", async () => {
    const summary = await call("discogs_get_release", { release_id: 352665 });
    const full = await call("discogs_get_release", { release_id: 352665, detail: "full" });
    expect(JSON.stringify(summary.structuredContent).length).toBeLessThan(
      JSON.stringify(full.structuredContent).length / 3,
    );
    expect(summary.structuredContent).toMatchObject({ id: 352665, title: "The Downward Spiral", year: 1994 });
    expect(full.structuredContent).toHaveProperty("extra_artists");
    expect(summary.structuredContent).not.toHaveProperty("extra_artists");
    expect(text(summary)).toContain("title: The Downward Spiral");
  });

  it("a list answers 10 items with the total, the page and the next page", async () => {
    const r = await call("discogs_list_wantlist");
    expect(r.structuredContent).toMatchObject({ page: 1, pages: 14, total: 136, next_page: 2 });
    expect(r.structuredContent!.items).toHaveLength(10);
    expect(emu.requests[0]!.query).toMatchObject({ per_page: "10" });
    expect(text(r)).toMatch(/^Page 1 of 14, 136 items in all \(10 here\)\. Next: page 2\./);
  });

  it("a username left out is the token's owner, looked up once for every session", async () => {
    const other = await connectInProcess({ client });
    try {
      const a = await call("discogs_get_user", {}, other);
      const b = await call("discogs_list_collection_folders", {}, other);
      expect(a.structuredContent).toMatchObject({ username: "example" });
      expect(b.isError).toBeFalsy();
      expect(emu.requests.map((q) => q.path)).toEqual([
        "/users/example",
        "/users/example/collection/folders",
      ]);
    } finally {
      await other.close();
    }
  });
});

describe("paging a 4,000-item collection", () => {
  beforeAll(() => {
    const list = emu.state.collection.get("example")!;
    const releases = [...emu.state.releases.keys()];
    for (let i = 0; list.length < 4000; i++) {
      list.push({
        instance_id: emu.state.nextInstanceId++,
        folder_id: 1,
        release_id: releases[i % releases.length]!,
        rating: i % 6,
        date_added: "2024-01-01T00:00:00-08:00",
        notes: [],
      });
    }
  });

  it("reaches every item, the last one included, page by page with next_page", async () => {
    const ids = new Set<unknown>();
    let page: number | null = 1;
    let last: Record<string, unknown> | undefined;
    let calls = 0;
    while (page !== null) {
      const r = await call("discogs_list_collection", { page, per_page: 100 });
      expect(r.isError, text(r)).toBeFalsy();
      const out = r.structuredContent!;
      expect(out.total).toBe(4000);
      for (const item of out.items as Record<string, unknown>[]) ids.add(item.instance_id);
      last = (out.items as Record<string, unknown>[]).at(-1);
      page = out.next_page as number | null;
      calls++;
    }
    expect(calls).toBe(40);
    expect(ids.size).toBe(4000);
    expect(last!.instance_id).toBe(emu.state.collection.get("example")!.at(-1)!.instance_id);
  });

  it("a page far in is one request, and the last page says so", async () => {
    const r = await call("discogs_list_collection", { page: 400 });
    expect(r.structuredContent).toMatchObject({ page: 400, pages: 400, total: 4000, next_page: null });
    expect(text(r)).toContain("This is the last page.");
    expect(emu.requests).toHaveLength(1);
  });
});

describe("readOnly", () => {
  it("registers no write tool, and a call to one is refused", async () => {
    const s = await connectInProcess({ client, readOnly: true });
    try {
      const names = (await s.mcp.listTools()).tools.map((t) => t.name);
      expect(names.length).toBeGreaterThan(5);
      for (const w of WRITE_TOOLS) expect(names).not.toContain(w.name);
      const r = (await s.mcp
        .callTool({ name: "discogs_add_to_wantlist", arguments: { release_id: 1, confirm: true } })
        .catch((e: Error) => ({ isError: true, content: [{ type: "text", text: e.message }] }))) as Answer;
      expect(r.isError).toBe(true);
      expect(writes()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it("naming a write tool with readOnly is a TypeError before anything starts", () => {
    expect(() => createMcpServer({ client, readOnly: true, tools: ["discogs_add_to_wantlist"] })).toThrow(
      /discogs_add_to_wantlist, a write tool, but readOnly is true/,
    );
  });
});

describe("writes", () => {
  /** An instance of `example`'s collection in folder 1 (read when a test runs: earlier writes change them). */
  const instance = (which: "first" | "last") => {
    const all = emu.state.collection.get("example")!.filter((i) => i.folder_id === 1);
    const i = which === "first" ? all[0]! : all.at(-1)!;
    return { in_folder: 1, release_id: i.release_id, instance_id: i.instance_id };
  };
  /** Arguments for every write tool (the seeded objects of `example`), made when its test runs. */
  const WRITE_ARGS: Record<string, () => Record<string, unknown> | Promise<Record<string, unknown>>> = {
    discogs_add_to_collection: () => ({ release_id: 352665 }),
    discogs_add_to_wantlist: () => ({ release_id: 352665, notes: "for the shelf" }),
    discogs_remove_from_wantlist: () => ({ release_id: 352665 }),
    discogs_rate_release: () => ({ release_id: 352665, rating: 5 }),
    discogs_remove_from_collection: () => instance("last"),
    discogs_update_order: () => ({ order_id: "1-1", status: "Shipped" }),
    discogs_create_order_message: () => ({ order_id: "1-1", message: "Shipped today" }),
    discogs_update_want: () => ({ release_id: [...emu.state.wants.get("example")!.keys()][0], rating: 4 }),
    discogs_delete_release_rating: () => ({ release_id: 352665 }),
    discogs_create_listing: () => ({ release_id: 352665, condition: "Mint (M)", price: 25 }),
    // Discogs (and the emulator) want the release, condition and price on every edit of a listing.
    discogs_update_listing: () => ({
      listing_id: 1000000001,
      release_id: 352665,
      condition: "Mint (M)",
      price: 30,
    }),
    discogs_delete_listing: () => ({ listing_id: 1000000002 }),
    discogs_request_export: () => ({}),
    discogs_update_user: () => ({ location: "Portland" }),
    discogs_create_collection_folder: () => ({ name: "New" }),
    discogs_update_collection_folder: () => ({ folder_id: 1000, name: "Renamed" }),
    discogs_delete_collection_folder: async () => {
      const folder = await client.users.get("example").collection.folders.create({ name: "Empty" });
      emu.clearRequests();
      return { folder_id: folder.id };
    },
    discogs_update_collection_instance: () => ({ ...instance("first"), rating: 3 }),
    discogs_update_collection_instance_field: () => ({ ...instance("first"), field_id: 3, value: "Signed" }),
  };

  it("has arguments for every write tool", () => {
    expect(WRITE_TOOLS.map((t) => t.name).filter((n) => !WRITE_ARGS[n])).toEqual([]);
  });

  for (const tool of WRITE_TOOLS) {
    it(`${tool.name} without confirm: true sends nothing and answers the exact request`, async () => {
      const args = await WRITE_ARGS[tool.name]!();
      const r = await call(tool.name, args);
      expect(r.isError, text(r)).toBeFalsy();
      expect(emu.requests).toEqual([]);
      const request = r.structuredContent!.request as { method: string; url: string; body?: unknown };
      expect(r.structuredContent!.dry_run).toBe(true);
      expect(text(r)).toContain("nothing was sent");
      expect(text(r)).toContain(`${request.method} ${request.url}`);
      // The request it described is the one confirm: true sends, byte for byte.
      const sent = await call(tool.name, { ...args, confirm: true });
      expect(sent.isError, text(sent)).toBeFalsy();
      expect(emu.requests).toHaveLength(1);
      const logged = emu.requests[0]!;
      expect(`${emu.url}${logged.path}${new URL(request.url).search}`).toBe(request.url);
      expect(logged.method).toBe(request.method);
      if (request.body !== undefined) expect(logged.body).toEqual(request.body);
      expect(sent.structuredContent).toMatchObject({ dry_run: false, request });
      expect(text(sent)).toMatch(/^Sent: /);
    });
  }

  it("a create that fails after reaching Discogs is sent once, never retried, and says so", async () => {
    emu.faults.add({ kind: "status", status: 500, method: "POST", times: 5 });
    const r = await call("discogs_add_to_collection", { release_id: 352665, confirm: true });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^discogs_add_to_collection failed: An internal server error occurred\./);
    expect(writes()).toHaveLength(1);
  });

  it("an edit (idempotent) is retried like the SDK retries it", async () => {
    emu.faults.add({ kind: "status", status: 503, method: "PUT", times: 1 });
    const r = await call("discogs_rate_release", { release_id: 352665, rating: 4, confirm: true });
    expect(r.isError, text(r)).toBeFalsy();
    expect(writes()).toHaveLength(2);
  });

  it("a dry run checks the arguments like a real call", async () => {
    const r = await call("discogs_rate_release", { release_id: 352665, rating: 9 });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/Invalid arguments for discogs_rate_release: rating/);
    expect(emu.requests).toEqual([]);
  });
});

describe("invalid arguments", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      "discogs_get_release",
      { release_idd: 1 },
      /unknown argument "release_idd": did you mean "release_id"\?/,
    ],
    ["discogs_get_release", {}, /release_id is required/],
    ["discogs_get_release", { release_id: "abc" }, /release_id must be a positive integer, got "abc"/],
    ["discogs_search", { q: "Nine Inch Nails" }, /unknown argument "q": did you mean "query"\?/],
    ["discogs_search", { type: "song" }, /type must be one of .*release.*got "song"/],
    ["discogs_list_wantlist", { per_page: 500 }, /per_page/],
    ["discogs_list_wantlist", { page: 0 }, /page/],
    ["discogs_get_master", { master_id: 3719, detail: "everything" }, /detail must be "summary" or "full"/],
    ["discogs_add_to_wantlist", { release_id: 1, confirm: "yes" }, /confirm must be true/],
    [
      "discogs_add_to_collection",
      { release_id: 1, folder_id: 0 },
      /folder_id 0 \("All"\) cannot take releases/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(`${name} ${JSON.stringify(args)}: an isError answer that says what to fix, nothing sent`, async () => {
      const r = await call(name, args);
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(new RegExp(`^Invalid arguments for ${name}: `));
      expect(text(r)).toMatch(message);
      expect(emu.requests).toEqual([]);
    });
  }

  it("a Discogs error is an isError answer with what to do; the next call works", async () => {
    const missing = await call("discogs_get_release", { release_id: 999999999 });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/failed: .*not found.*discogs_search finds database ids/i);
    const ok = await call("discogs_get_release", { release_id: 352665 });
    expect(ok.isError).toBeFalsy();
  });
});

describe("a field Discogs changed", () => {
  let saved: unknown;
  beforeEach(() => {
    saved = emu.state.releases.get(352665);
  });
  afterEach(() => {
    emu.state.releases.set(352665, saved as never);
  });

  it("is a warning in the answer and left out, never a failed call (the client validates strictly)", async () => {
    // A changed copy: the seeded objects are shared with other emulators of this process.
    const release = structuredClone(saved) as Record<string, unknown>;
    release.title = 1994;
    (release.artists as Record<string, unknown>[])[0]!.name = { first: "Nine" };
    emu.state.releases.set(352665, release as never);
    const ajv = new Ajv2020({ strict: false });
    const schema = mcpTools().find((t) => t.name === "discogs_get_release")!.outputSchema!;
    for (const detail of ["summary", "full"]) {
      const r = await call("discogs_get_release", { release_id: 352665, detail });
      expect(r.isError, text(r)).toBeFalsy();
      const out = r.structuredContent!;
      expect(ajv.validate(schema, out)).toBe(true);
      expect(out).not.toHaveProperty("title");
      expect(out.year).toBe(1994);
      expect(out.warnings).toEqual(
        expect.arrayContaining([expect.stringMatching(/^title: expected string/)]),
      );
      expect(text(r)).toMatch(/Warning: Discogs' answer does not match the SDK's model/);
    }
    // The client itself is strict: the same release through the SDK fails.
    await expect(client.releases.get(352665)).rejects.toThrow(/does not match/);
  });
});

describe("the budget", () => {
  it("an answer says so when the rate limit runs low", async () => {
    const emu2 = await startEmulator({ rateLimit: { authenticated: 8, windowMs: 60_000 } });
    const c = new Discogs({ baseUrl: emu2.url, token: TOKEN });
    const s = await connectInProcess({ client: c });
    try {
      const first = await call("discogs_get_release", { release_id: 352665 }, s);
      expect(first.structuredContent).not.toHaveProperty("rate_limit");
      let low: Answer | undefined;
      for (let i = 0; i < 6 && !low; i++) {
        const r = await call("discogs_get_artist", { artist_id: 3857 }, s);
        if (r.structuredContent?.rate_limit) low = r;
      }
      expect(low, "no answer mentioned the budget").toBeDefined();
      expect(low!.structuredContent!.rate_limit).toMatchObject({ limit: 8 });
      expect(text(low!)).toMatch(/Discogs rate limit: \d+ of 8 requests left/);
    } finally {
      await s.close();
      await c.close();
      await emu2.close();
    }
  });

  it("a call the limiter would hold longer than rateLimit.maxWaitMs is refused at once, and says why", async () => {
    // Its own emulator: clients of one base URL share one budget in a process.
    const emu2 = await startEmulator({ rateLimit: { authenticated: 2, windowMs: 60_000 } });
    const c = new Discogs({ baseUrl: emu2.url, token: TOKEN, rateLimit: { maxWaitMs: 1_000 } });
    const s = await connectInProcess({ client: c });
    try {
      for (const id of [3857, 2340]) {
        const r = await call("discogs_get_artist", { artist_id: id }, s);
        expect(r.isError, text(r)).toBeFalsy();
      }
      const held = await call("discogs_get_artist", { artist_id: 235316 }, s);
      expect(held.isError).toBe(true);
      expect(text(held)).toMatch(
        /would hold this request for about \d+ ms, longer than rateLimit\.maxWaitMs/,
      );
      expect(text(held)).toMatch(/Try again in a minute\./);
      expect(emu2.requests).toHaveLength(2);
    } finally {
      await s.close();
      await c.close();
      await emu2.close();
    }
  });

  it("a call that cannot finish within toolTimeout answers so instead of hanging; the next call works", async () => {
    emu.faults.add({ kind: "stall", path: "/artists/3857" });
    const s = await connectInProcess({ client, toolTimeout: 300 });
    try {
      const r = await call("discogs_get_artist", { artist_id: 3857 }, s);
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(/discogs_get_artist did not finish within 300 ms and was stopped/);
      const next = await call("discogs_get_artist", { artist_id: 3857 }, s);
      expect(next.isError, text(next)).toBeFalsy();
    } finally {
      await s.close();
    }
  });

  it("a write stopped by the bound says it may have reached Discogs", async () => {
    emu.faults.add({ kind: "stall", method: "PUT" });
    const s = await connectInProcess({ client, toolTimeout: 300 });
    try {
      const r = await call("discogs_add_to_wantlist", { release_id: 352665, confirm: true }, s);
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(/may or may not have reached Discogs/);
    } finally {
      await s.close();
    }
  });
});

describe("options", () => {
  it("an unknown option, tool name or a bad value is a TypeError naming it", () => {
    expect(() => createMcpServer({ client, readonly: true } as never)).toThrow(/unknown key "readonly"/);
    expect(() => createMcpServer({ client, tools: ["discogs_get_relase"] })).toThrow(
      /unknown tool "discogs_get_relase": did you mean "discogs_get_release"\?/,
    );
    expect(() => createMcpServer({ client: {} as never })).toThrow(/must be a Discogs client/);
    expect(() => createMcpServer({ client, toolTimeout: -1 })).toThrow(/toolTimeout/);
  });

  it("serveMcp checks its options before it serves anything", async () => {
    await expect(serveMcp({ client, port: 3000 } as never)).rejects.toThrow(
      /serveMcp options have an unknown key "port".*\(it takes client, readOnly, tools, toolTimeout, http, host\)/,
    );
    await expect(serveMcp({ client, host: "0.0.0.0" })).rejects.toThrow(/host is for HTTP: give http/);
    await expect(serveMcp({ client, http: 70000 })).rejects.toThrow(/http must be a port number/);
  });

  it("tools picks a subset, in the order given", async () => {
    const s = await connectInProcess({ client, tools: ["discogs_get_order", "discogs_search"] });
    try {
      expect((await s.mcp.listTools()).tools.map((t) => t.name)).toEqual([
        "discogs_get_order",
        "discogs_search",
      ]);
    } finally {
      await s.close();
    }
  });

  it("without credentials: the tools that need them are left out, the database tools work", async () => {
    const anon = new Discogs({ baseUrl: emu.url });
    const s = await connectInProcess({ client: anon });
    try {
      const names = (await s.mcp.listTools()).tools.map((t) => t.name);
      expect(names).toContain("discogs_get_release");
      expect(names).not.toContain("discogs_add_to_wantlist");
      expect(names).not.toContain("discogs_search"); // Discogs' search needs a key or a token
      const r = await call("discogs_get_user", {}, s);
      expect(text(r)).toMatch(/username is required: the server has no Discogs credentials/);
      expect((await call("discogs_get_release", { release_id: 352665 }, s)).isError).toBeFalsy();
    } finally {
      await s.close();
      await anon.close();
    }
  });
});
