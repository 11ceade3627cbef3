import { Discogs } from "../src/index";
import { startEmulator } from "../src/testing/index";
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
const emu = await startEmulator({ tls: process.argv.includes("--tls"), rateLimit: { authenticated: 60, windowMs: 6000 } });
const ids = [...emu.state.releases.keys()].slice(0, 150);
const c = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: { windowMs: 6000 } });
const t0 = Date.now();
const lat: number[] = [];
await Promise.all(ids.map(async (id) => { const s = Date.now(); await c._request({ method: "GET", path: `/releases/${id}` }); lat.push(Date.now() - s); }));
console.log("elapsed", Date.now() - t0);
const times = emu.requests.map((r) => r.time - t0);
for (let w = 0; w < 4; w++) { const x = times.filter((t) => t >= w * 6000 && t < (w + 1) * 6000); if (x.length) console.log(`w${w}: n=${x.length} first=${Math.min(...x)} last=${Math.max(...x)}`); }
console.log("first 70 arrivals:", times.slice(0, 70).join(" "));
await c.close(); await emu.close();
