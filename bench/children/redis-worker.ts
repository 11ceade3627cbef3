/**
 * One "process behind the NAT" of the Redis benchmark (`bench/redis.ts`), driven over IPC. Started with
 * `node --import tsx`, possibly inside a second network namespace (`ip netns exec`). Also the emulator's own
 * process (`--serve`).
 *
 * Commands (one message each, answered with one message):
 * - `init`: builds the client (Redis store and/or cache on node-redis or ioredis, or the in-process limiter),
 *   with this process's clock offset by `clockOffsetMs` (a fake `Date`);
 * - `burst`: look-ups fired at once; `sequence`: look-ups one after another, `spacingMs` apart;
 * - `releases`: `client.releases.get(id)` for each id at once (the cache scenario); `write`: a want added;
 * - `stats`: what the store calls cost and what the client reported; `close`.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Redis as IoRedis } from "ioredis";
import { createClient } from "redis";
import { Discogs, type RateLimitStore, type RateLimitStoreEvent } from "../../src/index";
import { redisCacheStore, redisRateLimitStore } from "../../src/redis/index";
import { startEmulator } from "../../src/testing/index";

const realNow = Date.now.bind(Date);
const send = (m: unknown) => process.send?.(m);

interface Init {
  cmd: "init";
  emuUrl: string;
  redisUrl?: string;
  kind?: "node-redis" | "ioredis";
  prefix?: string;
  store: boolean;
  cache: boolean;
  limit: number;
  windowMs: number;
  clockOffsetMs?: number;
  priority?: "interactive" | "background";
  /** The store's `backgroundReserve` (default: the store's own). */
  backgroundReserve?: number;
}

let client: Discogs | undefined;
let closeRedis: (() => Promise<void>) | undefined;
const takeMs: number[] = [];
const settleMs: number[] = [];
/** When each take started (real clock) and how long it took. */
const takes: { at: number; ms: number }[] = [];
const events: (RateLimitStoreEvent & { at: number })[] = [];
const unhandled: string[] = [];
/** How late this process's event loop ran (a busy machine stalls it; Redis is not to blame for that). */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
process.on("unhandledRejection", (e) => unhandled.push(String((e as Error)?.message ?? e)));

/** The store, with every call timed (what a request waits on Redis). */
function timed(store: RateLimitStore): RateLimitStore {
  const time =
    <A extends unknown[], R>(into: number[], fn: (...a: A) => R | Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t0 = performance.now();
      const at = realNow();
      try {
        return await fn(...a);
      } finally {
        const ms = performance.now() - t0;
        into.push(ms);
        if (into === takeMs) takes.push({ at, ms });
      }
    };
  return {
    take: time(takeMs, store.take.bind(store)),
    settle: time(settleMs, store.settle.bind(store)),
    cancel: store.cancel.bind(store),
    inspect: store.inspect.bind(store),
    forget: store.forget.bind(store),
    watch: store.watch?.bind(store),
  };
}

async function init(m: Init): Promise<void> {
  if (m.clockOffsetMs) {
    const offset = m.clockOffsetMs;
    Date.now = () => realNow() + offset;
  }
  let redis: object | undefined;
  if (m.redisUrl && (m.store || m.cache)) {
    if (m.kind === "ioredis") {
      const r = new IoRedis(m.redisUrl, {
        retryStrategy: () => 100,
        connectTimeout: 1000,
        lazyConnect: true,
      });
      r.on("error", () => {});
      await r.connect();
      redis = r;
      closeRedis = async () => r.disconnect();
    } else {
      const r = createClient({
        url: m.redisUrl,
        socket: { reconnectStrategy: () => 100, connectTimeout: 1000 },
      });
      r.on("error", () => {});
      await r.connect();
      redis = r;
      closeRedis = async () => r.destroy();
    }
  }
  const store =
    m.store && redis
      ? timed(
          redisRateLimitStore(redis, {
            prefix: m.prefix,
            ...(m.backgroundReserve === undefined ? {} : { backgroundReserve: m.backgroundReserve }),
          }),
        )
      : undefined;
  client = new Discogs({
    baseUrl: m.emuUrl,
    token: "bench-token",
    userAgent: "RedisBench/1.0",
    rateLimit: store ? { store, windowMs: m.windowMs } : { windowMs: m.windowMs },
    cache: m.cache && redis ? redisCacheStore(redis, { prefix: m.prefix }) : false,
    priority: m.priority ?? "interactive",
    logLevel: "off",
    hooks: { onRateLimitStore: (e) => events.push({ ...e, at: realNow() }) },
  });
}

function errorText(e: unknown): string {
  return String((e as Error)?.message ?? e).slice(0, 120);
}

async function burst(ids: number[], tag: string, priority?: "interactive" | "background") {
  const c = client!;
  const t0 = performance.now();
  const latencies: number[] = [];
  const results = await Promise.allSettled(
    ids.map(async (id, i) => {
      const s = performance.now();
      await c._request({
        method: "GET",
        path: `/releases/${id}`,
        query: { tag, i },
        options: priority ? { cache: false, priority } : { cache: false },
      });
      latencies.push(performance.now() - s);
    }),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  return {
    ok: results.length - failed.length,
    errors: failed.length,
    wallMs: performance.now() - t0,
    latencies,
    firstError: failed[0] ? errorText(failed[0].reason) : undefined,
  };
}

async function sequence(ids: number[], spacingMs: number, tag: string) {
  const c = client!;
  const latencies: number[] = [];
  let errors = 0;
  for (const [i, id] of ids.entries()) {
    const s = performance.now();
    try {
      await c._request({
        method: "GET",
        path: `/releases/${id}`,
        query: { tag, i },
        options: { cache: false },
      });
      latencies.push(performance.now() - s);
    } catch {
      errors++;
    }
    await new Promise((r) => setTimeout(r, spacingMs));
  }
  return { latencies, errors };
}

async function releases(ids: number[]) {
  const c = client!;
  const t0 = performance.now();
  const results = await Promise.allSettled(ids.map((id) => c.releases.get(id)));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  return {
    ok: results.length - failed.length,
    errors: failed.length,
    wallMs: performance.now() - t0,
    firstError: failed[0] ? errorText(failed[0].reason) : undefined,
  };
}

/** GETs `path` every `intervalMs` for `durationMs`: when each was sent and whether the cache answered it. */
async function poll(path: string, durationMs: number, intervalMs: number) {
  const c = client!;
  const seen: { at: number; hit: boolean; items: number }[] = [];
  const end = realNow() + durationMs;
  while (realNow() < end) {
    const at = realNow();
    const { data, response } = await c.get(path).withResponse();
    const items = (data as { pagination?: { items?: number } }).pagination?.items ?? -1;
    seen.push({ at, hit: response.headers.get("x-discogs-sdk-cache") === "hit", items });
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return { seen };
}

async function serve(limit: number, windowMs: number, host: string): Promise<void> {
  const emu = await startEmulator({
    host,
    rateLimit: { authenticated: limit, windowMs, keyBy: "credential" },
  });
  send({ url: emu.url, releases: [...emu.state.releases.keys()] });
  process.once("disconnect", () => void emu.close());
}

if (process.argv.includes("--serve")) {
  const arg = (n: string) => process.argv[process.argv.indexOf(`--${n}`) + 1] as string;
  await serve(Number(arg("limit")), Number(arg("window")), arg("host"));
} else {
  process.on("message", (m: { cmd: string; [k: string]: unknown }) => {
    void (async () => {
      try {
        switch (m.cmd) {
          case "init":
            await init(m as unknown as Init);
            return send({ ok: true });
          case "burst":
            return send(await burst(m.ids as number[], m.tag as string, m.priority as never));
          case "sequence":
            return send(await sequence(m.ids as number[], m.spacingMs as number, m.tag as string));
          case "releases":
            return send(await releases(m.ids as number[]));
          case "poll":
            return send(await poll(m.path as string, m.durationMs as number, m.intervalMs as number));
          case "write": {
            await client!.put(`/users/example/wants/${m.id as number}`);
            return send({ at: realNow() });
          }
          case "stats":
            send({ takeMs, settleMs, takes, events, unhandled, loopDelayMaxMs: loopDelay.max / 1e6 });
            takeMs.length = 0;
            takes.length = 0;
            settleMs.length = 0;
            loopDelay.reset();
            return;
          case "close":
            await client?.close();
            await closeRedis?.();
            send({ closed: true });
            process.disconnect?.();
            return;
        }
      } catch (e) {
        send({ error: errorText(e) });
      }
    })();
  });
  send({ ready: true });
}
