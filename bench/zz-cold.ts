import { fork } from "node:child_process";
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; process.removeAllListeners("warning");
const child = fork("bench/limiter.ts", ["--serve", "--window", "6000", "--limit", "60"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const emu = await new Promise<{ url: string }>((r) => child.once("message", (m) => r(m as never)));
for (let i = 0; i < 4; i++) {
  const t0 = performance.now();
  const res = await fetch(`${emu.url}/releases/352665?i=${i}`, { headers: { Authorization: "Discogs token=t" } });
  const t1 = performance.now();
  await res.text();
  console.log(`fetch ${i}: headers ${(t1 - t0).toFixed(0)} ms, body ${(performance.now() - t1).toFixed(0)} ms`);
}
const { Discogs } = await import("../src/index");
const c = new Discogs({ baseUrl: emu.url, token: "t", hooks: { onResponse: (e) => console.log("sdk response after", e.durationMs, "ms") } });
for (let i = 0; i < 3; i++) { const t0 = performance.now(); await c._request({ method: "GET", path: "/releases/249504", query: { i } }); console.log(`sdk ${i}: ${(performance.now() - t0).toFixed(0)} ms`); }
child.disconnect();
