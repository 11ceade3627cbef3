/**
 * Rate-limiter benchmark: N look-ups fired at once against the emulator, with Discogs' window compressed
 * 10x (60 requests per 6 s), for discogs-sdk, raw fetch and the two peer clients; then three processes
 * sharing one emulator.
 *
 * Every client makes one untimed warm-up look-up first; the emulator is then reset, so each timed run starts
 * from an empty window. Run: `npx tsx bench/limiter.ts` (options: `--n 150`, `--window 6000`, `--limit 60`, `--procs 3`,
 * `--per-proc 60`, `--skip-peers`). Prints the tables; nothing is written.
 *
 * The emulator runs in a child process of its own (so that serving does not slow the clients down), in TLS
 * mode because the peers only speak HTTPS; the clients set NODE_TLS_REJECT_UNAUTHORIZED=0 to trust its
 * self-signed certificate. Server-side counts come from its `GET /_emulator/requests` log.
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { DiscogsClient as LionClient } from "@lionralfs/discogs-client";
import { Discogs } from "../src/index";
import { startEmulator } from "../src/testing/index";

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
// Node warns once that TLS verification is off; the emulator's certificate is self-signed on purpose.
process.removeAllListeners("warning");

const require = createRequire(import.meta.url);
const Disconnect = require("disconnect") as { Client: new (ua: string, auth: object) => DisconnectClient };

interface DisconnectClient {
  setConfig(c: object): DisconnectClient;
  database(): { getRelease(id: number): Promise<unknown> };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const N = arg("n", 150);
const WINDOW = arg("window", 6000);
const LIMIT = arg("limit", 60);
const PROCS = arg("procs", 3);
const PER_PROC = arg("per-proc", 60);
const TOKEN = "bench-token";
const UA = "LimiterBench/1.0";

/** Wall time a perfect limiter needs for n requests: ceil(n / limit) - 1 full windows (plus latency). */
function idealMs(n: number): number {
  return (Math.ceil(n / LIMIT) - 1) * WINDOW;
}

interface Row {
  client: string;
  ok: number;
  errors: number;
  serverRequests: number;
  server429: number;
  wallMs: number;
  firstError?: string;
}

/** The emulator in its child process, seen through its URL. */
interface Server {
  url: string;
  releases: number[];
}

/** Clears the emulator's request log and rate-limit windows. */
async function reset(emu: Server): Promise<void> {
  const r = await fetch(`${emu.url}/_emulator/reset`, { method: "POST" });
  await r.arrayBuffer();
}

/** The look-ups the emulator saw since the last reset. */
async function serverLog(emu: Server): Promise<{ path: string; rateLimited: boolean; time: number }[]> {
  const log = (await (await fetch(`${emu.url}/_emulator/requests`)).json()) as {
    path: string;
    rateLimited: boolean;
    time: number;
  }[];
  return log.filter((r) => r.path.startsWith("/releases/"));
}

/**
 * Times `ids.length` look-ups fired at once. Each client first makes one untimed look-up of another release
 * (connection, TLS and JIT warm-up: a program that has been running); then the emulator's windows are reset.
 */
async function run(
  emu: Server,
  name: string,
  get: (id: number) => Promise<unknown>,
  ids: number[],
  warmId: number,
): Promise<Row> {
  await get(warmId).catch(() => {});
  await reset(emu);
  const t0 = performance.now();
  const results = await Promise.allSettled(ids.map((id) => get(id)));
  const wallMs = performance.now() - t0;
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  const requests = await serverLog(emu);
  const row: Row = {
    client: name,
    ok: results.length - failed.length,
    errors: failed.length,
    serverRequests: requests.length,
    server429: requests.filter((r) => r.rateLimited).length,
    wallMs,
  };
  if (failed[0])
    row.firstError = String((failed[0].reason as Error)?.message ?? failed[0].reason).slice(0, 80);
  // Let the window drain so that the next client starts from a clean slate, as after a reset.
  await new Promise((r) => setTimeout(r, 200));
  return row;
}

function pct(a: number, b: number): string {
  return b === 0 ? "0.0%" : `${((100 * a) / b).toFixed(1)}%`;
}

function printTable(rows: Row[], n: number): void {
  const ideal = idealMs(n);
  console.log(
    `\nN = ${n} look-ups fired at once; limit ${LIMIT} per ${WINDOW} ms (moving window); ideal ≈ ${(ideal / 1000).toFixed(1)} s ` +
      `(ceil(N/limit)-1 = ${Math.ceil(n / LIMIT) - 1} windows)\n`,
  );
  console.log("| client | caller successes | server requests | server 429s | wall time | vs ideal |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(
      `| ${r.client} | ${r.ok}/${n} | ${r.serverRequests} | ${r.server429} (${pct(r.server429, r.serverRequests)}) | ` +
        `${(r.wallMs / 1000).toFixed(2)} s | ${(r.wallMs / ideal).toFixed(2)}x |`,
    );
  }
  for (const r of rows) if (r.firstError) console.log(`  ${r.client}: first caller error: ${r.firstError}`);
}

async function singleProcess(emu: Server, ids: number[], warmId: number): Promise<void> {
  const rows: Row[] = [];
  const base = new URL(emu.url);

  const ours = new Discogs({
    baseUrl: emu.url,
    token: TOKEN,
    userAgent: UA,
    rateLimit: { windowMs: WINDOW },
  });
  rows.push(
    await run(
      emu,
      "discogs-sdk (this)",
      (id) => ours._request({ method: "GET", path: `/releases/${id}` }),
      ids,
      warmId,
    ),
  );
  await ours.close();

  rows.push(
    await run(
      emu,
      "raw fetch",
      async (id) => {
        const res = await fetch(`${emu.url}/releases/${id}`, {
          headers: { Authorization: `Discogs token=${TOKEN}`, "User-Agent": UA },
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      },
      ids,
      warmId,
    ),
  );

  if (!process.argv.includes("--skip-peers")) {
    const dc = new Disconnect.Client(UA, { userToken: TOKEN }).setConfig({
      host: base.hostname,
      port: Number(base.port),
      requestLimitAuth: LIMIT,
      requestLimitInterval: WINDOW,
    });
    rows.push(await run(emu, "disconnect 1.2.2", (id) => dc.database().getRelease(id), ids, warmId));

    // lionralfs' backoff is 2000 ms x 2.7^n for a 60 s window; scaled by the same 10x compression.
    const scale = WINDOW / 60_000;
    for (const retries of [0, 5]) {
      const lc = new LionClient({ userAgent: UA, auth: { userToken: TOKEN } });
      lc.setConfig({
        host: base.hostname,
        port: Number(base.port),
        exponentialBackoffMaxRetries: retries,
        exponentialBackoffIntervalMs: 2000 * scale,
        exponentialBackoffRate: 2.7,
      });
      const label =
        retries === 0
          ? "@lionralfs/discogs-client 4.1.4 (default: no retries)"
          : `@lionralfs/discogs-client 4.1.4 (retries: ${retries}, ${2000 * scale} ms x 2.7^n)`;
      rows.push(await run(emu, label, (id) => lc.database().getRelease(id), ids, warmId));
    }
  }
  printTable(rows, ids.length);
}

/** Child: N look-ups with our client, started on the parent's "go"; reports back. */
async function worker(): Promise<void> {
  const url = process.argv[process.argv.indexOf("--worker") + 1] as string;
  const ids = (process.argv[process.argv.indexOf("--ids") + 1] as string).split(",").map(Number);
  const c = new Discogs({ baseUrl: url, token: TOKEN, userAgent: UA, rateLimit: { windowMs: WINDOW } });
  await new Promise<void>((resolve) => {
    process.once("message", () => resolve());
    process.send?.({ ready: true });
  });
  const t0 = performance.now();
  const results = await Promise.allSettled(
    ids.map((id) => c._request({ method: "GET", path: `/releases/${id}` })),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  process.send?.({
    ok: results.length - failed.length,
    errors: failed.length,
    wallMs: performance.now() - t0,
    firstError: failed[0] ? String((failed[0].reason as Error)?.message) : undefined,
  });
  await c.close();
  process.disconnect?.();
}

async function multiProcess(emu: Server, ids: number[], stagger: number): Promise<void> {
  await reset(emu);
  const self = fileURLToPath(import.meta.url);
  const children = Array.from({ length: PROCS }, (_, p) =>
    fork(
      self,
      [
        "--worker",
        emu.url,
        "--ids",
        ids.slice(p * PER_PROC, (p + 1) * PER_PROC).join(","),
        "--window",
        String(WINDOW),
        "--limit",
        String(LIMIT),
      ],
      {
        env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: "0", NODE_NO_WARNINGS: "1" },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      },
    ),
  );
  const results = children.map(
    (c) =>
      new Promise<{ ok: number; errors: number; wallMs: number; firstError?: string }>((resolve, reject) => {
        c.on("message", (m: { ready?: boolean; ok?: number }) => {
          if (m.ok !== undefined) resolve(m as never);
        });
        c.once("exit", (code) => (code ? reject(new Error(`worker exited with ${code}`)) : undefined));
      }),
  );
  await Promise.all(children.map((c) => new Promise<void>((r) => c.once("message", () => r()))));
  const t0 = performance.now();
  for (const [i, c] of children.entries()) {
    if (stagger && i > 0) await new Promise((r) => setTimeout(r, stagger));
    c.send("go");
  }
  const done = await Promise.all(results);
  const wallMs = performance.now() - t0;
  const requests = await serverLog(emu);
  const server429 = requests.filter((r) => r.rateLimited).length;
  const total = PROCS * PER_PROC;
  const errors = done.reduce((s, d) => s + d.errors, 0);
  console.log(
    `| ${PROCS} processes x ${PER_PROC}, ${stagger ? `started ${stagger} ms apart` : "started together"} | ` +
      `${total - errors}/${total} | ${errors} | ${requests.length} | ${server429} (${pct(server429, requests.length)}) | ` +
      `${(wallMs / 1000).toFixed(2)} s | ${(idealMs(total) / 1000).toFixed(1)} s | ${done.map((d) => (d.wallMs / 1000).toFixed(1)).join(" / ")} s |`,
  );
  for (const d of done) if (d.firstError) console.log(`  first caller error: ${d.firstError}`);
}

/** Child: the emulator; tells the parent its URL and stops when the parent goes. */
async function serve(): Promise<void> {
  const emu = await startEmulator({ tls: true, rateLimit: { authenticated: LIMIT, windowMs: WINDOW } });
  process.send?.({ url: emu.url, releases: [...emu.state.releases.keys()] } satisfies Server);
  process.once("disconnect", () => void emu.close());
}

async function startServer(): Promise<{ emu: Server; stop: () => void }> {
  const child = fork(
    fileURLToPath(import.meta.url),
    ["--serve", "--window", String(WINDOW), "--limit", String(LIMIT)],
    {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  const emu = await new Promise<Server>((resolve, reject) => {
    child.once("message", (m) => resolve(m as Server));
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  return { emu, stop: () => child.disconnect() };
}

async function main(): Promise<void> {
  if (process.argv.includes("--worker")) return worker();
  if (process.argv.includes("--serve")) return serve();
  const { emu, stop } = await startServer();
  try {
    const all = emu.releases;
    if (all.length < Math.max(N, PROCS * PER_PROC))
      throw new Error(`the emulator has only ${all.length} releases`);
    console.log(`Emulator (TLS) at ${emu.url}; Node ${process.version}`);
    await singleProcess(emu, all.slice(0, N), all[all.length - 1] as number);

    console.log(
      `\nThree programs on one IP: ${PROCS} processes (child_process.fork), each with its own discogs-sdk client,`,
    );
    console.log(
      `${PER_PROC} look-ups each fired at once; one emulator counts for all (/_emulator/requests).\n`,
    );
    console.log(
      "| scenario | caller successes | caller errors | server requests | server 429s | wall time | ideal | per process |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
    await multiProcess(emu, all, 0);
    await multiProcess(emu, all, 1000);
  } finally {
    stop();
  }
}

await main();
