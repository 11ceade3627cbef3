/**
 * The shared-budget benchmark of `discogs-sdk/redis` (issue 15): worker processes behind "one egress IP" against
 * one emulator whose window is compressed 10x (60 requests per 6 s), with and without Redis.
 *
 * Set-up (as root): Debian's `redis-server` (installed with apt-get when missing) on a free port; a second
 * network namespace joined by a veth pair (198.18.0.0/24, the benchmarking range), where half of the workers run,
 * reaching Redis and the emulator over the veth pair as a second machine behind the same NAT would. The emulator
 * counts per credential (`keyBy: "credential"`, one token for everybody), which stands for "one egress IP" since
 * the two namespaces have two addresses. Without root or `ip`, every worker runs in this namespace (the tables
 * say so).
 *
 * Every figure is printed beside the ideal measured in the same run: `(ceil(N / limit) - 1)` windows plus the
 * latency of one look-up measured alone. Run: `npx tsx bench/redis.ts` (`--quick` for a smaller run, `--only
 * shared,noredis` for some scenarios: single, shared, clocks, killed, foreign, lanes, cache, noredis;
 * `BENCH_DEBUG=1` prints the no-Redis run's arrivals, 429s marked `!`, to stderr; `BENCH_RESERVE=0.3` runs the
 * lanes scenario with that `backgroundReserve`). Prints Markdown tables;
 * nothing is written.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORKER = path.join(ROOT, "bench/children/redis-worker.ts");
const quick = process.argv.includes("--quick");
const LIMIT = 60;
const WINDOW = 6000;
const N = quick ? 120 : 300;
const NS = "dsdk-bench";
const HOST_IP = "198.18.0.1";
const NS_IP = "198.18.0.2";
/** The budget's key TTL in Redis: two windows and a second (see src/redis/budget.lua.ts). */
const KEY_TTL_MS = 2 * WINDOW + 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (a: number, b: number) => (b === 0 ? "0.0%" : `${((100 * a) / b).toFixed(1)}%`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * (v.length - 1)))] as number;
};
const median = (xs: number[]) => quantile(xs, 0.5);

function sh(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
}

/** Debian's redis-server, installed when missing. */
function ensureRedisServer(): string | undefined {
  if (sh("redis-server", ["--version"])) return undefined;
  process.stderr.write("redis-server is missing: apt-get install -y redis-server\n");
  if (!sh("apt-get", ["install", "-y", "-q", "redis-server"])) {
    sh("apt-get", ["update", "-q"]);
    sh("apt-get", ["install", "-y", "-q", "redis-server"]);
  }
  return sh("redis-server", ["--version"])
    ? undefined
    : "redis-server is not installed and apt-get could not install it";
}

/** The second namespace and its veth pair; false when they cannot be made here. */
function setupNetns(): boolean {
  teardownNetns();
  const steps: string[][] = [
    ["netns", "add", NS],
    ["link", "add", "dsdk-bh", "type", "veth", "peer", "name", "dsdk-bn"],
    ["link", "set", "dsdk-bn", "netns", NS],
    ["addr", "add", `${HOST_IP}/24`, "dev", "dsdk-bh"],
    ["link", "set", "dsdk-bh", "up"],
    ["netns", "exec", NS, "ip", "addr", "add", `${NS_IP}/24`, "dev", "dsdk-bn"],
    ["netns", "exec", NS, "ip", "link", "set", "dsdk-bn", "up"],
    ["netns", "exec", NS, "ip", "link", "set", "lo", "up"],
  ];
  for (const step of steps) {
    if (!sh("ip", step)) {
      teardownNetns();
      return false;
    }
  }
  return true;
}

function teardownNetns(): void {
  sh("ip", ["netns", "del", NS]);
  sh("ip", ["link", "del", "dsdk-bh"]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Our redis-server, stopped by pid. */
class RedisServer {
  child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    readonly binds: string[],
  ) {}
  async start(): Promise<void> {
    this.child = spawn(
      "redis-server",
      [
        "--port",
        String(this.port),
        "--bind",
        ...this.binds,
        "--protected-mode",
        "no",
        "--save",
        "",
        "--appendonly",
        "no",
      ],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 200; i++) {
      const r = spawnSync("redis-cli", ["-p", String(this.port), "PING"], { encoding: "utf8" });
      if (r.stdout?.trim() === "PONG") return;
      await sleep(25);
    }
    throw new Error("redis-server did not start");
  }
  async kill(): Promise<void> {
    const c = this.child;
    this.child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((r) => {
      c.once("exit", () => r());
      c.kill("SIGKILL");
    });
  }
  cli(...args: string[]): string {
    return spawnSync("redis-cli", ["-p", String(this.port), ...args], { encoding: "utf8" }).stdout.trim();
  }
}

/** A worker process, in this namespace or the second one, driven over IPC. */
class Worker {
  readonly child: ChildProcess;
  readonly #queue: ((m: unknown) => void)[] = [];
  readonly ready: Promise<void>;
  constructor(readonly inNs: boolean) {
    const node = [process.execPath, "--import", "tsx", WORKER];
    const [cmd, ...args] = inNs ? ["ip", "netns", "exec", NS, ...node] : node;
    this.child = spawn(cmd as string, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.ready = new Promise((resolve, reject) => {
      this.child.once("message", () => resolve());
      this.child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    });
    this.ready.then(
      () => this.child.on("message", (m) => this.#queue.shift()?.(m)),
      () => {},
    );
  }
  async call<T = Record<string, unknown>>(m: object): Promise<T> {
    await this.ready;
    return new Promise<T>((resolve, reject) => {
      this.#queue.push((r) => {
        const e = (r as { error?: string }).error;
        if (e) reject(new Error(e));
        else resolve(r as T);
      });
      this.child.send(m);
    });
  }
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await this.call({ cmd: "close" }).catch(() => {});
    if (this.child.exitCode === null) this.child.kill();
  }
}

interface Logged {
  path: string;
  status: number;
  rateLimited: boolean;
  time: number;
  method: string;
  query?: Record<string, string>;
}

interface Ctx {
  emuUrl: string;
  releases: number[];
  redisUrl: string;
  redis: RedisServer;
  netns: boolean;
  /** The latency of one look-up alone, ms (measured first). */
  loneMs: number;
}

let prefixSeq = 0;
const newPrefix = () => `bench${process.pid}-${++prefixSeq}:`;

async function resetEmu(ctx: Ctx): Promise<void> {
  await (await fetch(`${ctx.emuUrl}/_emulator/reset`, { method: "POST" })).arrayBuffer();
}

async function log(ctx: Ctx): Promise<Logged[]> {
  return ((await (await fetch(`${ctx.emuUrl}/_emulator/requests`)).json()) as Logged[]).filter(
    (r) => !r.path.startsWith("/_emulator"),
  );
}

/** Starts `count` workers, half of them (the odd ones) in the second namespace, node-redis and ioredis alternating. */
async function workers(
  ctx: Ctx,
  count: number,
  init: (i: number) => Record<string, unknown>,
  spread = true,
): Promise<Worker[]> {
  const ws = Array.from({ length: count }, (_, i) => new Worker(spread && ctx.netns && i % 2 === 1));
  await Promise.all(
    ws.map((w, i) =>
      w.call({
        cmd: "init",
        emuUrl: ctx.emuUrl,
        redisUrl: ctx.redisUrl,
        kind: i % 2 === 0 ? "node-redis" : "ioredis",
        limit: LIMIT,
        windowMs: WINDOW,
        store: true,
        cache: false,
        ...init(i),
      }),
    ),
  );
  return ws;
}

const ideal = (ctx: Ctx, n: number) => (Math.ceil(n / LIMIT) - 1) * WINDOW + ctx.loneMs;

interface BurstResult {
  ok: number;
  errors: number;
  wallMs: number;
  latencies: number[];
  firstError?: string;
}

/** Fires `perWorker` look-ups in each worker at once; returns the callers' results and the wall time. */
async function fire(ctx: Ctx, ws: Worker[], perWorker: number, tag: string) {
  const ids = ctx.releases;
  const t0 = performance.now();
  const results = await Promise.all(
    ws.map((w, i) =>
      w.call<BurstResult>({
        cmd: "burst",
        ids: Array.from({ length: perWorker }, (_, k) => ids[(i * perWorker + k) % ids.length]),
        tag,
      }),
    ),
  );
  return {
    wallMs: performance.now() - t0,
    ok: results.reduce((a, r) => a + r.ok, 0),
    errors: results.reduce((a, r) => a + r.errors, 0),
    firstError: results.find((r) => r.firstError)?.firstError,
  };
}

async function stats(ws: Worker[]) {
  const all = await Promise.all(
    ws.map((w) =>
      w.call<{
        takeMs: number[];
        settleMs: number[];
        takes: { at: number; ms: number }[];
        events: { state: string; at: number }[];
        unhandled: string[];
        loopDelayMaxMs: number;
      }>({ cmd: "stats" }),
    ),
  );
  return {
    loopDelayMaxMs: Math.max(...all.map((a) => a.loopDelayMaxMs)),
    takeMs: all.flatMap((a) => a.takeMs),
    takes: all.flatMap((a) => a.takes),
    settleMs: all.flatMap((a) => a.settleMs),
    events: all.map((a) => a.events),
    unhandled: all.flatMap((a) => a.unhandled),
  };
}

const rows: string[] = [];
const notes: string[] = [];
const goal = (met: boolean) => (met ? "met" : "**missed**");

function row(scenario: string, cells: string[]): void {
  rows.push(`| ${scenario} | ${cells.join(" | ")} |`);
}

// ---------------------------------------------------------------------------------------------------------------

async function measureLone(ctx: Ctx): Promise<number> {
  const [w] = await workers(ctx, 1, () => ({ store: false }), false);
  await w!.call({ cmd: "burst", ids: [ctx.releases[0]], tag: "warm" });
  const r = await w!.call<{ latencies: number[] }>({
    cmd: "sequence",
    ids: ctx.releases.slice(0, 5),
    spacingMs: 20,
    tag: "lone",
  });
  await w!.close();
  await resetEmu(ctx);
  return median(r.latencies);
}

async function singleProcess(ctx: Ctx): Promise<void> {
  await resetEmu(ctx);
  const [w] = await workers(ctx, 1, () => ({ store: false }), false);
  const r = await fire(ctx, [w!], N, "single");
  await w!.close();
  const l = await log(ctx);
  const n429 = l.filter((q) => q.rateLimited).length;
  row(`1 process, in-process limiter (reference), ${N} look-ups`, [
    `${r.ok}/${N}`,
    String(r.errors),
    `${l.length}`,
    `${n429} (${pct(n429, l.length)})`,
    s(r.wallMs),
    s(ideal(ctx, N)),
    `${(r.wallMs / ideal(ctx, N)).toFixed(2)}x`,
    "reference",
  ]);
}

async function shared(ctx: Ctx): Promise<void> {
  await resetEmu(ctx);
  const prefix = newPrefix();
  const ws = await workers(ctx, 4, () => ({ prefix }));
  const r = await fire(ctx, ws, N / 4, "shared");
  const st = await stats(ws);
  await Promise.all(ws.map((w) => w.close()));
  const l = await log(ctx);
  const n429 = l.filter((q) => q.rateLimited).length;
  const ratio = r.wallMs / ideal(ctx, N);
  const met = r.errors === 0 && n429 <= 0.01 * l.length && ratio <= 1.15;
  row(
    `4 processes (${ctx.netns ? "2 in a second netns" : "one netns"}), shared Redis budget, ${N} look-ups`,
    [
      `${r.ok}/${N}`,
      String(r.errors),
      `${l.length}`,
      `${n429} (${pct(n429, l.length)})`,
      s(r.wallMs),
      s(ideal(ctx, N)),
      `${ratio.toFixed(2)}x`,
      `${goal(met)} (0 errors, ≤ 1% 429s, ≤ 1.15x)`,
    ],
  );
  notes.push(
    `shared budget: store take p50 ${median(st.takeMs).toFixed(2)} ms, p99 ${quantile(st.takeMs, 0.99).toFixed(1)} ms, max ${Math.max(...st.takeMs).toFixed(1)} ms (${st.takeMs.length} takes for ${N} look-ups; the workers' event loops ran up to ${st.loopDelayMaxMs.toFixed(0)} ms late); fallbacks to the local limiter: ${st.events.map((e) => e.filter((x) => x.state === "local").length).join("/")}`,
  );
  if (r.firstError) notes.push(`shared budget: first caller error: ${r.firstError}`);
}

async function clocksAndIdle(ctx: Ctx): Promise<void> {
  await resetEmu(ctx);
  const prefix = newPrefix();
  const offsets = [-5000, 0, 5000, 30_000];
  const ws = await workers(ctx, 4, (i) => ({ prefix, clockOffsetMs: offsets[i] }));
  const per = 30;
  const a = await fire(ctx, ws, per, "clock1");
  const la = await log(ctx);
  const gap = KEY_TTL_MS + 2000;
  await sleep(gap);
  const keysAfterGap = ctx.redis.cli("--scan", "--pattern", `${prefix}*`).split("\n").filter(Boolean).length;
  await resetEmu(ctx);
  const b = await fire(ctx, ws, per, "clock2");
  const lb = await log(ctx);
  await Promise.all(ws.map((w) => w.close()));
  const keys = ctx.redis.cli("--scan", "--pattern", `${prefix}*`).split("\n").filter(Boolean);
  const noTtl = keys.filter((k) => Number(ctx.redis.cli("PTTL", k)) < 0);
  const members = keys
    .filter((k) => /:(fly|own|ext)$/.test(k))
    .map((k) => `${k.split(":").pop()} ${ctx.redis.cli("ZCARD", k)}`);
  const n429a = la.filter((q) => q.rateLimited).length;
  const n429b = lb.filter((q) => q.rateLimited).length;
  const total = 4 * per;
  const met =
    a.errors + b.errors === 0 && n429a <= 0.01 * la.length && n429b <= 0.01 * lb.length && noTtl.length === 0;
  row(`clocks -5 s / 0 / +5 s / +30 s, burst, idle ${s(gap)} (key TTL ${s(KEY_TTL_MS)}), burst`, [
    `${a.ok + b.ok}/${2 * total}`,
    `${a.errors} + ${b.errors} after the gap`,
    `${la.length} + ${lb.length}`,
    `${n429a} (${pct(n429a, la.length)}) + ${n429b} (${pct(n429b, lb.length)})`,
    `${s(a.wallMs)} + ${s(b.wallMs)}`,
    s(ideal(ctx, total)),
    `${(a.wallMs / ideal(ctx, total)).toFixed(2)}x / ${(b.wallMs / ideal(ctx, total)).toFixed(2)}x`,
    `${goal(met)} (≤ 1%, 0 errors after the gap, no key without TTL)`,
  ]);
  notes.push(
    `clocks and idle gap: ${keysAfterGap} budget keys left after the gap; after the run ${keys.length} keys, ${noTtl.length} without a TTL; members: ${members.join(", ") || "none"} (limit ${LIMIT})`,
  );
}

async function redisKilled(ctx: Ctx): Promise<void> {
  await resetEmu(ctx);
  const prefix = newPrefix();
  const ws = await workers(ctx, 4, () => ({ prefix }));
  const killAt = 5000;
  const downMs = 10_000;
  const t0 = Date.now();
  const run = fire(ctx, ws, N / 4, "killed");
  await sleep(killAt);
  const killedAt = Date.now();
  await ctx.redis.kill();
  await sleep(downMs);
  const restartedAt = Date.now();
  await ctx.redis.start();
  const r = await run;
  await sleep(2500); // rejoin events of workers that finished early
  const st = await stats(ws);
  await Promise.all(ws.map((w) => w.close()));
  const l = await log(ctx);
  const rejoin = st.events.map((ev) => ev.find((e) => e.state === "shared" && e.at >= restartedAt)?.at);
  const rejoinDelays = rejoin.map((at) => (at === undefined ? NaN : at - restartedAt));
  const lastRejoin = Math.max(...rejoin.map((x) => x ?? Infinity));
  const outage = l.filter(
    (q) => q.time >= killedAt && q.time <= (Number.isFinite(lastRejoin) ? lastRejoin : Infinity),
  );
  const n429 = l.filter((q) => q.rateLimited).length;
  const o429 = outage.filter((q) => q.rateLimited).length;
  const maxTake = Math.max(...st.takeMs);
  // what a request waited on Redis while it was down: the takes that started between the kill and the rejoin
  const outageTakes = st.takes
    .filter((t) => t.at >= killedAt && t.at <= (Number.isFinite(lastRejoin) ? lastRejoin : Infinity))
    .map((t) => t.ms);
  const maxOutageTake = Math.max(0, ...outageTakes);
  const met =
    r.errors === 0 &&
    st.unhandled.length === 0 &&
    maxOutageTake <= 50 &&
    o429 <= 0.05 * Math.max(1, outage.length) &&
    rejoinDelays.every((d) => d <= 2000);
  row(
    `Redis killed at +${killAt / 1000} s, restarted ${downMs / 1000} s later (4 processes, ${N} look-ups)`,
    [
      `${r.ok}/${N}`,
      String(r.errors),
      `${l.length}`,
      `${n429} (${pct(n429, l.length)}); outage ${o429}/${outage.length} (${pct(o429, outage.length)})`,
      s(r.wallMs),
      s(ideal(ctx, N)),
      `${(r.wallMs / ideal(ctx, N)).toFixed(2)}x`,
      `${goal(met)} (no unhandled rejection, ≤ 50 ms on Redis, ≤ 5% in the outage, rejoin ≤ 2 s)`,
    ],
  );
  notes.push(
    `Redis killed: slowest store take while Redis was down ${maxOutageTake.toFixed(1)} ms (${outageTakes.length} takes), over the whole run ${maxTake.toFixed(1)} ms (p99 ${quantile(st.takeMs, 0.99).toFixed(1)} ms; the workers' event loops ran up to ${st.loopDelayMaxMs.toFixed(0)} ms late), ` +
      `unhandled rejections ${st.unhandled.length}, fallback events ${st.events.map((e) => e.filter((x) => x.state === "local").length).join("/")}, ` +
      `shared budget used again ${rejoinDelays.map((d) => (Number.isNaN(d) ? "never" : `${d} ms`)).join(" / ")} after the restart (client reconnect strategy: 100 ms); run started ${s(killedAt - t0 - killAt)} late`,
  );
  if (r.firstError) notes.push(`Redis killed: first caller error: ${r.firstError}`);
}

async function foreign(ctx: Ctx): Promise<void> {
  await resetEmu(ctx);
  const prefix = newPrefix();
  const ws = await workers(ctx, 4, () => ({ prefix }));
  // another program on the IP spends 50 of 60 first
  await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const res = await fetch(`${ctx.emuUrl}/releases/${ctx.releases[i]}?foreign=${i}`, {
        headers: { authorization: "Discogs token=bench-token", "user-agent": "Foreign/1.0" },
      });
      await res.arrayBuffer();
    }),
  );
  const per = quick ? 10 : 30;
  const r = await fire(ctx, ws, per, "after-foreign");
  await Promise.all(ws.map((w) => w.close()));
  const ours = (await log(ctx)).filter((q) => q.query?.foreign === undefined);
  const n429 = ours.filter((q) => q.rateLimited).length;
  row(`a foreign program spent 50 of 60 first; then 4 processes, ${4 * per} look-ups`, [
    `${r.ok}/${4 * per}`,
    String(r.errors),
    `${ours.length}`,
    `${n429}`,
    s(r.wallMs),
    s(ideal(ctx, 4 * per + 50)),
    `${(r.wallMs / ideal(ctx, 4 * per + 50)).toFixed(2)}x`,
    `${goal(n429 <= 1 && r.errors === 0)} (≤ 1 429)`,
  ]);
}

async function lanes(ctx: Ctx): Promise<void> {
  const count = quick ? 10 : 20;
  const spacing = 400;
  // interactive alone
  await resetEmu(ctx);
  let prefix = newPrefix();
  let [fg] = await workers(ctx, 1, () => ({ prefix }), false);
  await fg!.call({ cmd: "burst", ids: [ctx.releases[0]], tag: "warm" });
  const alone = await fg!.call<{ latencies: number[] }>({
    cmd: "sequence",
    ids: ctx.releases.slice(0, count),
    spacingMs: spacing,
    tag: "alone",
  });
  await fg!.close();
  // with a background export spending the budget in another process (in the second namespace)
  await resetEmu(ctx);
  await sleep(WINDOW);
  prefix = newPrefix();
  const reserve = process.env.BENCH_RESERVE; // the stores' backgroundReserve, to compare with the default
  const [bg, fg2] = await workers(ctx, 2, (i) => ({
    prefix,
    priority: i === 1 ? "interactive" : "background",
    ...(reserve ? { backgroundReserve: Number(reserve) } : {}),
  }));
  [fg] = [fg2];
  const exportN = quick ? 120 : 240;
  const exp = bg!.call<BurstResult>({
    cmd: "burst",
    ids: Array.from({ length: exportN }, (_, i) => ctx.releases[i % ctx.releases.length]),
    tag: "export",
  });
  await sleep(300);
  const mixed = await fg!.call<{ latencies: number[]; errors: number }>({
    cmd: "sequence",
    ids: ctx.releases.slice(0, count),
    spacingMs: spacing,
    tag: "mixed",
  });
  const e = await exp;
  await Promise.all([bg!.close(), fg!.close()]);
  const l = await log(ctx);
  const n429 = l.filter((q) => q.rateLimited).length;
  const ratio50 = median(mixed.latencies) / median(alone.latencies);
  const ratio95 = quantile(mixed.latencies, 0.95) / quantile(alone.latencies, 0.95);
  row(`background export (${exportN}) + ${count} interactive look-ups ${spacing} ms apart, other process`, [
    `${e.ok + mixed.latencies.length}/${exportN + count}`,
    String(e.errors + mixed.errors),
    `${l.length}`,
    `${n429} (${pct(n429, l.length)})`,
    `interactive p50 ${median(mixed.latencies).toFixed(1)} ms, p95 ${quantile(mixed.latencies, 0.95).toFixed(1)} ms`,
    `alone p50 ${median(alone.latencies).toFixed(1)} ms, p95 ${quantile(alone.latencies, 0.95).toFixed(1)} ms`,
    `${ratio50.toFixed(2)}x p50, ${ratio95.toFixed(2)}x p95`,
    `${goal(ratio50 <= 2)} (≤ 2x, judged on the median; p95 shown)`,
  ]);
  notes.push(
    `lanes: the export took ${s(e.wallMs)} for ${exportN} (ideal ${s(ideal(ctx, exportN))}); interactive ` +
      `latencies beside it, in order (ms): ${mixed.latencies.map((x) => x.toFixed(0)).join(", ")}`,
  );
}

async function cache(ctx: Ctx): Promise<void> {
  await resetEmu(ctx);
  const prefix = newPrefix();
  const ws = await workers(ctx, 3, () => ({ prefix, cache: true }));
  const ids = ctx.releases.slice(0, 100);
  const t0 = performance.now();
  const cold = await Promise.all(ws.map((w) => w.call<BurstResult>({ cmd: "releases", ids })));
  const coldMs = performance.now() - t0;
  const afterCold = (await log(ctx)).filter(
    (q) => q.method === "GET" && q.path.startsWith("/releases/"),
  ).length;
  const t1 = performance.now();
  const warm = await Promise.all(ws.map((w) => w.call<BurstResult>({ cmd: "releases", ids })));
  const warmMs = performance.now() - t1;
  const afterWarm = (await log(ctx)).filter(
    (q) => q.method === "GET" && q.path.startsWith("/releases/"),
  ).length;
  const errors = [...cold, ...warm].reduce((a, r) => a + r.errors, 0);
  row(`cache: 3 processes fetch the same 100 releases at once, cold, then again`, [
    `${[...cold, ...warm].reduce((a, r) => a + r.ok, 0)}/600`,
    String(errors),
    `${afterCold} upstream GETs cold, ${afterWarm - afterCold} on the repeat`,
    "",
    `${s(coldMs)} cold, ${s(warmMs)} repeat`,
    s(ideal(ctx, 100)),
    `${(coldMs / ideal(ctx, 100)).toFixed(2)}x`,
    `${goal(afterCold <= 100 && afterWarm === afterCold && errors === 0)} (≤ 100 cold, 0 on the repeat)`,
  ]);

  // a write in process 0; processes 1 and 2 keep reading the wantlist
  const wantsPath = "/users/example/wants";
  const wanted = (await (
    await fetch(`${ctx.emuUrl}${wantsPath}?per_page=100`, {
      headers: { authorization: "Discogs token=bench-token" },
    })
  ).json()) as { wants: { id: number }[]; pagination: { items: number } };
  const newWant = ctx.releases.find((id) => !wanted.wants.some((w) => w.id === id))!;
  await Promise.all(ws.map((w) => w.call({ cmd: "poll", path: wantsPath, durationMs: 50, intervalMs: 10 })));
  type Seen = { at: number; hit: boolean; items: number };
  const polls = ws
    .slice(1)
    .map((w) => w.call<{ seen: Seen[] }>({ cmd: "poll", path: wantsPath, durationMs: 1500, intervalMs: 5 }));
  await sleep(500);
  const { at: writeDone } = await ws[0]!.call<{ at: number }>({ cmd: "write", id: newWant });
  const seen = await Promise.all(polls);
  await Promise.all(ws.map((w) => w.close()));
  const old = wanted.pagination.items;
  // stale: a read sent after the write returned that still shows the wantlist before it
  const stale = seen.map((p) => p.seen.filter((x) => x.at >= writeDone && x.items === old).length);
  const fresh = seen.map((p) => p.seen.find((x) => x.at >= writeDone && x.items === old + 1));
  const delays = fresh.map((x) => (x === undefined ? NaN : x.at - writeDone));
  const met = stale.every((h) => h === 0) && delays.every((d) => d <= 100);
  row(`cache: a write in one process, the others reading every 5 ms`, [
    "",
    "",
    `reads after the write returned that were stale: ${stale.join(" / ")}`,
    "",
    `first read showing the write ${delays.map((d) => (Number.isNaN(d) ? "never" : `${d} ms`)).join(" / ")} after it returned (${fresh.map((x) => (x?.hit ? "a cache hit: refilled by another process" : "a miss")).join(" / ")})`,
    "",
    "",
    `${goal(met)} (miss within 100 ms)`,
  ]);
}

async function withoutRedis(ctx: Ctx): Promise<void> {
  await resetEmu(ctx);
  const per = quick ? 30 : 60;
  const ws = await workers(ctx, 3, () => ({ store: false }));
  const r = await fire(ctx, ws, per, "noredis");
  await Promise.all(ws.map((w) => w.close()));
  const l = await log(ctx);
  const n429 = l.filter((q) => q.rateLimited).length;
  const total = 3 * per;
  if (process.env.BENCH_DEBUG) {
    const t0 = l[0]?.time ?? 0;
    // each request's time (ms from the first), the worker that sent it (a, b, c) and "!" when refused
    const who = (q: Logged) =>
      "abc"[Math.floor(ctx.releases.indexOf(Number(q.path.split("/")[2])) / per)] ?? "?";
    console.error(l.map((q) => `${q.time - t0}${who(q)}${q.rateLimited ? "!" : ""}`).join(" "));
  }
  row(`without Redis: 3 processes, in-process limiters, ${total} look-ups`, [
    `${r.ok}/${total}`,
    String(r.errors),
    `${l.length}`,
    `${n429} (${pct(n429, l.length)})`,
    s(r.wallMs),
    s(ideal(ctx, total)),
    `${(r.wallMs / ideal(ctx, total)).toFixed(2)}x`,
    `${goal(n429 <= 0.05 * l.length && r.errors === 0)} (≤ 5% 429s)`,
  ]);
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const missing = ensureRedisServer();
  if (missing) {
    console.log(`NOT RUN: ${missing}`);
    return;
  }
  const netns = process.getuid?.() === 0 && setupNetns();
  const host = netns ? HOST_IP : "127.0.0.1";
  const redis = new RedisServer(await freePort(), netns ? ["127.0.0.1", HOST_IP] : ["127.0.0.1"]);
  const emuChild = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      WORKER,
      "--serve",
      "--limit",
      String(LIMIT),
      "--window",
      String(WINDOW),
      "--host",
      host,
    ],
    { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const cleanup = () => {
    emuChild.kill();
    void redis.kill();
    if (netns) teardownNetns();
  };
  process.once("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    await redis.start();
    const emu = await new Promise<{ url: string; releases: number[] }>((resolve, reject) => {
      emuChild.once("message", (m) => resolve(m as never));
      emuChild.once("exit", (c) => reject(new Error(`the emulator exited with ${c}`)));
    });
    const ctx: Ctx = {
      emuUrl: emu.url,
      releases: emu.releases,
      redisUrl: `redis://${host}:${redis.port}`,
      redis,
      netns,
      loneMs: 0,
    };
    ctx.loneMs = await measureLone(ctx);
    console.log(
      `Emulator at ${emu.url} (${LIMIT} per ${WINDOW} ms, counted per credential: one "egress IP"), redis-server ` +
        `${spawnSync("redis-server", ["--version"], { encoding: "utf8" }).stdout.split(" ")[2]} at ${ctx.redisUrl}; ` +
        `${netns ? `workers 1 and 3 in network namespace ${NS} (${NS_IP}, over a veth pair)` : "no second network namespace (needs root and ip)"}; ` +
        `node-redis and ioredis alternate between workers; Node ${process.version}`,
    );
    console.log(`One look-up alone: ${ctx.loneMs.toFixed(1)} ms.\n`);
    const only =
      process.argv.indexOf("--only") >= 0
        ? process.argv[process.argv.indexOf("--only") + 1]!.split(",")
        : undefined;
    const scenarios: [string, (c: Ctx) => Promise<void>][] = [
      ["single", singleProcess],
      ["shared", shared],
      ["clocks", clocksAndIdle],
      ["killed", redisKilled],
      ["foreign", foreign],
      ["lanes", lanes],
      ["cache", cache],
      ["noredis", withoutRedis],
    ];
    for (const [name, fn] of scenarios) {
      if (only && !only.includes(name)) continue;
      process.stderr.write(`redis bench: ${name}\n`);
      await fn(ctx);
    }
    console.log(
      `Shared budget on Redis: ideal = (ceil(N / ${LIMIT}) - 1) windows of ${WINDOW / 1000} s + one look-up alone, measured in this run.\n`,
    );
    console.log(
      "| scenario | caller successes | caller errors | server requests | server 429s | wall time | ideal | vs ideal | goal |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const r of rows) console.log(r);
    for (const n of notes) console.log(`  ${n}`);
  } finally {
    cleanup();
  }
}

await main();
