import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { decode } from "../src/core/decode";
import { pageSchema, ReleaseSchema, SearchResultSchema, ListingSchema, type Parser } from "../src/models/index";
const which = Number(process.argv[2] ?? 0);
const mode = (process.argv[3] ?? "off") as "off" | "strict";
const text = readFileSync(`/tmp/mscratch/body${which}.json`, "utf8");
const schema = [ReleaseSchema, pageSchema("results", SearchResultSchema), pageSchema("listings", ListingSchema)][which] as Parser<unknown>;
let sink: unknown;
for (let i = 0; i < 200; i++) sink = decode(schema, JSON.parse(text), mode, "x", () => {});
const s = new Session(); s.connect();
await s.post("Profiler.enable"); await s.post("Profiler.setSamplingInterval", { interval: 50 }); await s.post("Profiler.start");
const end = performance.now() + 3000;
while (performance.now() < end) sink = decode(schema, JSON.parse(text), mode, "x", () => {});
const { profile } = (await s.post("Profiler.stop")) as any;
const by = new Map<string, number>(); let total = 0;
for (const n of profile.nodes) { const h = n.hitCount ?? 0; if (!h || n.callFrame.functionName === "(idle)") continue; total += h; const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`; by.set(k, (by.get(k) ?? 0) + h); }
console.log([...by].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${(v / total * 100).toFixed(1)}% ${k}`).join("\n"));
void sink;
