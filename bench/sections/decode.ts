/**
 * Parse and validate cost per response: the SDK's real decode path (`decode` in `src/core/decode.ts`, with
 * the schema object the resource hands to the transport) on real bodies from the emulator, in each
 * `validation` mode, against `JSON.parse` alone.
 */

import { Session } from "node:inspector/promises";
import { decode, type Schema, type ValidationMode } from "../../src/core/decode";
import { Transport, type APIRequest } from "../../src/core/transport";
import { Discogs } from "../../src/index";
import { FIELD_ALIASES } from "../../src/models/base";
import { fieldSchemas } from "../../src/models/schema";
import { startBenchEmulator } from "../lib/fixtures";
import { kb, median, progress, quantile, shuffle, type SectionResult, type Table } from "../lib/util";

/** The goal of the issue: strict validation costs at most twice `JSON.parse` (parse + validate ≤ 2 × parse). */
const GOAL = 2;
/** The goal of the issue for validation "off" (parse + alias renaming ≤ 1.2 × parse). */
const OFF_GOAL = 1.2;
/** Length of one timed batch: short, so that the variants of a round see the same load on a shared machine. */
const BATCH_MS = 4;

interface Body {
  name: string;
  endpoint: string;
  text: string;
  schema: Schema<unknown>;
  /** Item count (tracks for the release). */
  detail: string;
}

let _sink: unknown;

/** Captures, for each SDK call, the body the emulator sent and the schema the resource passed to the transport. */
async function captureBodies(): Promise<Body[]> {
  const { emu } = await startBenchEmulator();
  const requests: APIRequest<unknown>[] = [];
  const texts: string[] = [];
  const proto = Transport.prototype as unknown as { request: (req: APIRequest<unknown>) => Promise<unknown> };
  const original = proto.request;
  proto.request = function (this: Transport, req: APIRequest<unknown>) {
    requests.push(req);
    return original.call(this, req);
  };
  try {
    // Release 5000000 (21xCD box set, 441 tracklist entries) padded to 500 entries with copies of its own.
    const release = emu.state.releases.get(5_000_000)!;
    const tracklist = release.tracklist as unknown[];
    for (let i = 0; tracklist.length < 500; i++) tracklist.push(structuredClone(tracklist[i]));
    const client = new Discogs({
      baseUrl: emu.url,
      token: "bench",
      userAgent: "discogs-sdk-bench/1.0",
      rateLimit: false,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        const text = await res.text();
        texts.push(text);
        return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
      },
    });
    const out: Body[] = [];
    const take = (name: string, detail: string) => {
      const req = requests.at(-1)!;
      if (requests.length !== texts.length || !req.schema) throw new Error(`could not capture ${name}`);
      out.push({
        name,
        endpoint: `GET ${req.path.split("?")[0]}`,
        text: texts.at(-1)!,
        schema: req.schema,
        detail,
      });
    };
    const r = await client.releases.get(5_000_000);
    take("Release, 500-entry tracklist", `${r.tracklist?.length ?? 0} tracklist entries`);
    for await (const page of client.search({ type: "release" }).pages()) {
      take("Search page, 100 results", `${page.items.length} results`);
      break;
    }
    for await (const page of client.users.get("360vinyl").inventory.list().pages()) {
      take("Inventory page, 100 listings", `${page.items.length} listings`);
      break;
    }
    await client.close();
    return out;
  } finally {
    proto.request = original;
    await emu.close();
  }
}

/** The SDK's three modes and the baseline. */
type Variant = "JSON.parse" | ValidationMode;
const VARIANTS: Variant[] = ["JSON.parse", "strict", "warn", "off"];

function variantFn(body: Body, v: Variant, warnings: { n: number }): () => unknown {
  const { text, schema, endpoint } = body;
  const onWarning = () => {
    warnings.n++;
  };
  if (v === "JSON.parse") return () => JSON.parse(text);
  return () => decode(schema, JSON.parse(text), v, endpoint, onWarning);
}

/** Operations per batch so that one batch lasts about `targetMs`. */
function calibrate(fn: () => unknown, targetMs: number): number {
  let k = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < k; i++) _sink = fn();
    const dt = performance.now() - t0;
    if (dt >= targetMs / 4 || k >= 1 << 16)
      return Math.max(1, Math.round((k * targetMs) / Math.max(dt, 0.001)));
    k *= 2;
  }
}

interface Timing {
  /** Median ms per operation. */
  median: number;
  p25: number;
  p75: number;
  /** Median over rounds of (this variant / JSON.parse) measured in the same round. */
  ratio: number;
}

/** Interleaved rounds: each round runs every variant once (batch), in a random order. */
function measure(
  fns: Record<Variant, () => unknown>,
  rounds: number,
  batchMs: number,
): Record<Variant, Timing> {
  for (const v of VARIANTS) for (let i = 0; i < 20; i++) _sink = fns[v](); // warm-up
  const k = Object.fromEntries(VARIANTS.map((v) => [v, calibrate(fns[v], batchMs)])) as Record<
    Variant,
    number
  >;
  const per = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  for (let r = 0; r < rounds; r++) {
    for (const v of shuffle([...VARIANTS])) {
      const fn = fns[v];
      const n = k[v];
      const c0 = process.cpuUsage();
      for (let i = 0; i < n; i++) _sink = fn();
      const c = process.cpuUsage(c0);
      per[v].push((c.user + c.system) / 1000 / n);
    }
  }
  const out = {} as Record<Variant, Timing>;
  for (const v of VARIANTS) {
    const ratios = per[v].map((t, i) => t / per["JSON.parse"][i]!);
    out[v] = {
      median: median(per[v]),
      p25: quantile(per[v], 0.25),
      p75: quantile(per[v], 0.75),
      ratio: median(ratios),
    };
  }
  return out;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function category(node: ProfileNode): string {
  const { functionName: fn, url } = node.callFrame;
  if (fn === "(garbage collector)") return "garbage collection";
  if (url === "" && (fn === "parse" || fn === "JSONParse")) return "JSON.parse";
  // Builtins such as JSON.parse have no frame of their own: their time is the self time of their caller, the
  // bench closure, which does nothing else.
  if (url.includes("/bench/sections/decode")) return "JSON.parse (builtin)";
  if (url.includes("/src/models/schema")) return "schema runtime (models/schema.ts)";
  if (url.includes("/src/models/base")) return "alias renaming (models/base.ts)";
  if (url.includes("/src/models/")) return "model code";
  if (url.includes("/src/core/decode")) return "decode glue";
  if (fn === "(program)" || fn === "(idle)") return "runtime (program/idle)";
  return "other";
}

/** CPU profile of the strict path: self time by category and the top functions. */
async function profileStrict(
  body: Body,
  seconds: number,
): Promise<{ categories: [string, number][]; top: [string, number][] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    const fn = variantFn(body, "strict", { n: 0 });
    await session.post("Profiler.start");
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) for (let i = 0; i < 5; i++) _sink = fn();
    const { profile } = (await session.post("Profiler.stop")) as unknown as {
      profile: { nodes: ProfileNode[] };
    };
    const byCat = new Map<string, number>();
    const byFn = new Map<string, number>();
    let total = 0;
    for (const node of profile.nodes) {
      const hits = node.hitCount ?? 0;
      if (!hits) continue;
      const cat = category(node);
      if (cat === "runtime (program/idle)" && node.callFrame.functionName === "(idle)") continue;
      total += hits;
      byCat.set(cat, (byCat.get(cat) ?? 0) + hits);
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url.replace(/^.*?\/(node_modules\/|src\/|bench\/)/, "$1");
      const key = `${functionName || "(anonymous)"}${file ? ` ${file}:${lineNumber + 1}` : ""}`;
      byFn.set(key, (byFn.get(key) ?? 0) + hits);
    }
    const share = (m: Map<string, number>) =>
      [...m].map(([k, v]) => [k, v / total] as [string, number]).sort((a, b) => b[1] - a[1]);
    return { categories: share(byCat), top: share(byFn).slice(0, 8) };
  } finally {
    await session.post("Profiler.disable").catch(() => undefined);
    session.disconnect();
  }
}

const WIRE_NAME = Object.fromEntries(
  Object.entries(FIELD_ALIASES).map(([wire, readable]) => [readable, wire]),
);

/**
 * Strict validation time per field of the model (of the release, or of the page's items), each field's schema
 * run on that field's values alone; shows which parts of the body the validation time goes to.
 */
function fieldBreakdown(body: Body, rounds: number): { field: string; ms: number }[] {
  const data = JSON.parse(body.text) as Record<string, unknown>;
  const pageShape = fieldSchemas(body.schema)!;
  const itemKey =
    "pagination" in pageShape
      ? Object.keys(pageShape).find((k) => k !== "pagination" && Array.isArray(data[k]))
      : undefined;
  const objects = itemKey ? (data[itemKey] as Record<string, unknown>[]) : [data];
  const shape = itemKey ? fieldSchemas(pageShape[itemKey]!) : pageShape;
  if (!shape) return [];
  const results: { field: string; ms: number }[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const wire = WIRE_NAME[key];
    const values = objects.map((o) => (key in o ? o[key] : wire && wire in o ? o[wire] : undefined));
    if (values.every((v) => v === undefined)) continue;
    // Fresh copies each round, like the real path (parse copies what it renames, so this is only for fairness).
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const copies = JSON.parse(JSON.stringify(values)) as unknown[];
      const c0 = process.cpuUsage();
      for (const v of copies) _sink = schema.safeParse(v);
      const c = process.cpuUsage(c0);
      times.push((c.user + c.system) / 1000);
    }
    results.push({ field: itemKey ? `${itemKey}[].${key}` : key, ms: median(times) });
  }
  return results.sort((a, b) => b.ms - a.ms);
}

export async function decodeSection(options: { quick?: boolean } = {}): Promise<SectionResult> {
  const bodies = await captureBodies();
  const rounds = options.quick ? 20 : 100;
  const rows: string[][] = [];
  const goals = [];
  const tables: Table[] = [];
  const raw: Record<string, unknown> = {};
  for (const body of bodies) {
    progress(`decode: ${body.name} (${kb(body.text.length)})`);
    const warnings = { n: 0 };
    // The strict path must succeed on these bodies, or the figures would measure error handling.
    decode(body.schema, JSON.parse(body.text), "strict", body.endpoint, () => undefined);
    const fns = Object.fromEntries(VARIANTS.map((v) => [v, variantFn(body, v, warnings)])) as Record<
      Variant,
      () => unknown
    >;
    const t = measure(fns, rounds, BATCH_MS);
    raw[body.name] = { bytes: body.text.length, detail: body.detail, timings: t, warnings: warnings.n };
    for (const v of VARIANTS) {
      rows.push([
        v === "JSON.parse" ? `${body.name} (${kb(body.text.length)}, ${body.detail})` : "",
        v === "JSON.parse" ? "JSON.parse alone (baseline)" : `parse + decode, validation "${v}"`,
        `${(t[v].median * 1000).toFixed(0)} µs`,
        `${(t[v].p25 * 1000).toFixed(0)}–${(t[v].p75 * 1000).toFixed(0)} µs`,
        `${t[v].ratio.toFixed(2)}x`,
      ]);
    }
    const strict = t.strict.ratio;
    goals.push({
      name: `Strict at most ${GOAL}x JSON.parse: ${body.name}`,
      met: strict <= GOAL,
      detail:
        strict <= GOAL
          ? `${strict.toFixed(2)}x`
          : `${strict.toFixed(2)}x, over the goal by ${((strict / GOAL - 1) * 100).toFixed(0)}% ` +
            `(validation adds ${((t.strict.median - t["JSON.parse"].median) * 1000).toFixed(0)} µs to a ` +
            `${(t["JSON.parse"].median * 1000).toFixed(0)} µs parse; the goal allows ${(t["JSON.parse"].median * 1000).toFixed(0)} µs)`,
    });
    const off = t.off.ratio;
    goals.push({
      name: `Validation "off" at most ${OFF_GOAL}x JSON.parse: ${body.name}`,
      met: off <= OFF_GOAL,
      detail:
        off <= OFF_GOAL
          ? `${off.toFixed(2)}x`
          : `${off.toFixed(2)}x, over the goal by ${((off / OFF_GOAL - 1) * 100).toFixed(0)}% ` +
            `(the alias renaming adds ${((t.off.median - t["JSON.parse"].median) * 1000).toFixed(0)} µs to a ` +
            `${(t["JSON.parse"].median * 1000).toFixed(0)} µs parse)`,
    });
    if (warnings.n) rows.push(["", `(warn mode reported ${warnings.n} mismatches)`, "", "", ""]);

    // Where the strict time goes.
    const prof = await profileStrict(body, options.quick ? 0.7 : 1.5);
    const fields = fieldBreakdown(body, options.quick ? 5 : 15);
    const fieldTotal = fields.reduce((s, f) => s + f.ms, 0);
    tables.push({
      title: `Where the strict time goes: ${body.name} (CPU profile of the strict path, self time)`,
      headers: ["Category", "Share", "≈ per response"],
      rows: prof.categories.map(([c, s]) => [
        c,
        `${(s * 100).toFixed(0)}%`,
        `${(s * t.strict.median * 1000).toFixed(0)} µs`,
      ]),
      notes: [
        `top functions: ${prof.top.map(([f, s]) => `${f} ${(s * 100).toFixed(0)}%`).join("; ")}`,
        `validation time by field (each field's schema on its values alone, median): ${fields
          .slice(0, 6)
          .map(
            (f) => `${f.field} ${(f.ms * 1000).toFixed(0)} µs (${((f.ms / fieldTotal) * 100).toFixed(0)}%)`,
          )
          .join(", ")}`,
      ],
    });
    (raw[body.name] as Record<string, unknown>).profile = prof;
    (raw[body.name] as Record<string, unknown>).fields = fields;
  }
  tables.unshift({
    headers: ["Body", "Path", "Median per response", "p25–p75", "vs JSON.parse"],
    align: ["l", "l", "r", "r", "r"],
    rows,
  });
  return {
    id: "decode",
    title: "Parse and validate cost per response",
    method:
      "Bodies are real emulator responses, captured while the SDK made the calls, together with the schema " +
      "object the resource passed to the transport (release 5000000's tracklist padded from 441 to 500 entries " +
      "with copies of its own entries). Each variant is JSON.parse followed by `decode()` from " +
      "src/core/decode.ts in that mode (what the transport runs); the baseline is JSON.parse alone. " +
      `${rounds} rounds, every variant once per round in a random order, each a batch of about ${BATCH_MS} ms; ` +
      "the figure is the median per response, the ratio the median of the per-round ratios to JSON.parse.",
    tables,
    goals,
    raw,
  };
}
