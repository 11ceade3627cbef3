import { readFileSync } from "node:fs";
import { decode } from "../src/core/decode";
import { pageSchema, ReleaseSchema, SearchResultSchema, ListingSchema } from "../src/models/index";
const bodies = [0, 1, 2].map((i) => readFileSync(`/tmp/mscratch/body${i}.json`, "utf8"));
const schemas = [ReleaseSchema, pageSchema("results", SearchResultSchema), pageSchema("listings", ListingSchema)];
const mode = (process.argv[2] ?? "off") as "off" | "strict";
function bench(name: string, f: () => unknown) {
  const res: number[] = [];
  for (let r = 0; r < 25; r++) { const t0 = process.cpuUsage(); for (let i = 0; i < 10; i++) f(); const c = process.cpuUsage(t0); res.push((c.user + c.system) / 10); }
  res.sort((a, b) => a - b);
  return res[12]!;
}
for (let b = 0; b < 3; b++) {
  const text = bodies[b]!;
  const p = bench("parse", () => JSON.parse(text));
  const d = bench(mode, () => decode(schemas[b], JSON.parse(text), mode, "x", () => {}));
  const p2 = bench("parse", () => JSON.parse(text));
  console.log(b, "parse", p.toFixed(0), p2.toFixed(0), mode, d.toFixed(0), "ratio", (d / ((p + p2) / 2)).toFixed(2));
}
