import { fork } from "node:child_process";
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; process.removeAllListeners("warning");
const child = fork("bench/limiter.ts", ["--serve", "--window", "6000", "--limit", "60"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const emu = await new Promise<{ url: string; releases: number[] }>((r) => child.once("message", (m) => r(m as never)));
const { Discogs } = await import("../src/index");
const t0 = performance.now();
const ev: string[] = [];
const c = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: { windowMs: 6000 }, hooks: {
  onRequest: () => ev.push(`req ${(performance.now() - t0).toFixed(0)}`),
  onResponse: (e) => ev.push(`res ${(performance.now() - t0).toFixed(0)} (${e.durationMs})`) } });
await Promise.all(emu.releases.slice(0, 70).map((id) => c._request({ method: "GET", path: `/releases/${id}` })));
console.log(ev.slice(0, 12).join("\n"), "\n...", ev.slice(60, 64).join(" | "), "\n...", ev.slice(-4).join(" | "));
child.disconnect();
