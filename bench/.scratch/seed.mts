import { startEmulator } from "../../src/testing/index.ts";
const emu = await startEmulator({ rateLimit: false });
const s = emu.state;
const base = [...s.listings.values()].filter((l) => l.seller?.username === "360vinyl" && l.status === "For Sale");
let id = 4_000_000_000;
for (let i = 0; i < 10000; i++) { const l = structuredClone(base[i % base.length]); l.id = id++; l.seller = { ...l.seller, username: "360vinyl" }; s.listings.set(l.id, l); }
const w = s.wants.get("example")!;
for (let i = 0; w.size < 10000; i++) w.set(90_000_000 + i, { notes: "", rating: 0, date_added: "2020-01-01T00:00:00-07:00" });
const h = { Authorization: "Discogs token=abc" };
for (const p of ["/users/360vinyl/inventory?per_page=100&page=50", "/users/example/wants?per_page=100&page=50"]) {
  const t0 = performance.now();
  const r = await fetch(emu.url + p, { headers: h }); const t = await r.text();
  console.log(r.status, p, t.length, (performance.now() - t0).toFixed(0), "ms");
}
await emu.close();
