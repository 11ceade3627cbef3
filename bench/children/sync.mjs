// A child process of bench/sections/sync.ts: the synchronous client (the BUILT package, dist/) measured in a
// plain `node` process (no tsx: its worker thread inherits the process's flags, as a user's script's would),
// against an emulator in another process (its URL is the first argument; rate limiting off).
//   node bench/children/sync.mjs <emulator url> <calls> <startups>
// Prints one JSON line: start-up times, per-call times (sync against awaited async, interleaved), and the CPU
// time against the wall time of a call held 2 s by a latency fault.
import { Worker } from "node:worker_threads";

const [url, callsArg, startsArg] = process.argv.slice(2);
const CALLS = Number(callsArg ?? 200);
const STARTS = Number(startsArg ?? 15);
const ROOT = new URL("../../", import.meta.url);
const { DiscogsSync } = await import(new URL("dist/sync/index.js", ROOT).href);
const { Discogs } = await import(new URL("dist/index.js", ROOT).href);
const OPTIONS = { baseUrl: url, token: "bench-token", rateLimit: false };
const ID = 352665;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Time until a new worker thread running `code` (an ES module) posts its first message. */
async function workerStart(code) {
  const t0 = performance.now();
  const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
  await new Promise((resolve, reject) => {
    w.once("message", resolve);
    w.once("error", reject);
  });
  const ms = performance.now() - t0;
  await w.terminate();
  return ms;
}

// 1. Start-up: `new DiscogsSync()` for the first client of the thread (a new worker each time: the last close()
// ends it), against the floor: a bare worker thread, and a worker thread that imports the async SDK.
const sdk = new URL("dist/index.js", ROOT).href;
const startup = { sync: [], bareWorker: [], workerImportingSdk: [] };
for (let i = 0; i < STARTS; i++) {
  const order = i % 2 ? ["sync", "bare", "sdk"] : ["sdk", "bare", "sync"];
  for (const which of order) {
    await sleep(30); // let the previous thread go
    if (which === "sync") {
      const t0 = performance.now();
      const client = new DiscogsSync(OPTIONS);
      startup.sync.push(performance.now() - t0);
      client.close();
    } else if (which === "bare") {
      startup.bareWorker.push(
        await workerStart(`import { parentPort } from "node:worker_threads"; parentPort.postMessage(1);`),
      );
    } else {
      startup.workerImportingSdk.push(
        await workerStart(
          `import { parentPort } from "node:worker_threads"; await import(${JSON.stringify(sdk)}); parentPort.postMessage(1);`,
        ),
      );
    }
  }
}

// 2. Per call: `client.releases.get(id).title` (sync) against `(await client.releases.get(id)).title`, interleaved.
const sync = new DiscogsSync(OPTIONS);
const async = new Discogs(OPTIONS);
let sink = 0;
for (let i = 0; i < 20; i++) {
  sink += sync.releases.get(ID).title.length;
  sink += (await async.releases.get(ID)).title.length;
}
const perCall = { sync: [], async: [] };
for (let i = 0; i < CALLS; i++) {
  const runSync = () => {
    const t0 = performance.now();
    const title = sync.releases.get(ID).title;
    perCall.sync.push(performance.now() - t0);
    if (title !== "The Downward Spiral") throw new Error(`unexpected title ${title}`);
  };
  const runAsync = async () => {
    const t0 = performance.now();
    const title = (await async.releases.get(ID)).title;
    perCall.async.push(performance.now() - t0);
    if (title !== "The Downward Spiral") throw new Error(`unexpected title ${title}`);
  };
  if (i % 2) {
    runSync();
    await runAsync();
  } else {
    await runAsync();
    runSync();
  }
}

// 3. A call held 2 s by a latency fault: process CPU time (every thread) against wall time, sync then async.
async function hold() {
  const res = await fetch(`${url}/_emulator/faults`, {
    method: "POST",
    body: JSON.stringify({ kind: "latency", ms: 2000, path: `/releases/${ID}` }),
  });
  if (!res.ok) throw new Error(`fault: HTTP ${res.status}`);
}
const blocked = {};
await hold();
{
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  sink += sync.releases.get(ID).title.length;
  const cpu = process.cpuUsage(c0);
  blocked.sync = { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}
await hold();
{
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  sink += (await async.releases.get(ID)).title.length;
  const cpu = process.cpuUsage(c0);
  blocked.async = { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}
sync.close();
await async.close();
if (sink === 0) throw new Error("no titles read");
process.stdout.write(JSON.stringify({ startup, perCall, blocked }) + "\n");
