import { it } from "vitest";
import { createLimiter, type LimiterClock, type Limiter } from "../src/core/limiter";
import { MemoryRateLimitStore } from "../src/core/limiter-store";
import { RateLimiter as ServerWindow } from "../src/testing/ratelimit";
const flush = () => new Promise<void>((r) => setImmediate(r));
class FakeClock implements LimiterClock {
  t = 1_000_000; id = 0; timers = new Map<number, { at: number; fn: () => void }>();
  now() { return this.t; }
  setTimer(fn: () => void, ms: number) { const id = ++this.id; this.timers.set(id, { at: this.t + ms, fn }); return id; }
  clearTimer(h: unknown) { this.timers.delete(h as number); }
  async step() { let n: any; for (const e of this.timers) if (!n || e[1].at < n[1].at) n = e; if (!n) return false; this.timers.delete(n[0]); this.t = Math.max(this.t, n[1].at); n[1].fn(); await flush(); return true; }
}
function rng(seed: number) { let a = seed; return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const P = Number(process.env.P ?? 2), N = Number(process.env.N ?? 60), L = Number(process.env.L ?? 20), J = Number(process.env.J ?? 60), STAG = Number(process.env.STAG ?? 0);
it("dbg", async () => { (globalThis as any).LIMDBG = 1; (globalThis as any).LIMID = 0;
  for (let seed = 1; seed <= Number(process.env.SEEDS ?? 1); seed++) {
  const clock = new FakeClock();
  const server = new ServerWindow({ authenticated: L, windowMs: 10_000 }, () => clock.now());
  const log: string[] = [];
  const r0 = rng(seed);
  const mk = () => createLimiter({ windowMs: 10_000 }, { baseUrl: "http://p.test", authenticated: true }, { clock, store: new MemoryRateLimitStore() });
  let done = 0; let rej = 0; let att = 0; const fin: number[] = [];
  const run = async (name: string, l: Limiter, n: number, delay: number) => {
    if (delay) await new Promise<void>((r) => clock.setTimer(r, delay));
    await Promise.all(Array.from({ length: n }, async () => {
      for (;;) {
        const tk = await l.acquire(); att++;
        const lat = 20 + Math.floor(r0() * J);
        const st = await new Promise<number>((res) => clock.setTimer(() => { const d = server.hit("ip", true); if (!d.allowed) rej++; log.push(`${clock.t - 1_000_000} ${name} ${d.allowed ? "ok" : "429"} rem=${d.remaining}`); clock.setTimer(() => { l.update(d, d.allowed ? 200 : 429, tk); res(d.allowed ? 200 : 429); }, lat - (lat >> 1)); }, lat >> 1));
        if (st === 200) return;
      }
    }));
    fin.push(clock.t - 1_000_000);
    done++;
  };
  const p = Promise.all(Array.from({ length: P }, (_, i) => run(String.fromCharCode(65 + i), mk(), N, i * STAG)));
  await flush();
  while (done < P && (await clock.step())) {}
  await p;
  const ideal = (Math.ceil((P * N) / L) - 1) * 10_000;
  console.log(`SEED ${seed} 429s ${rej}/${att} = ${((100 * rej) / att).toFixed(1)}% finish ${fin.join(",")} ideal ${ideal} ratio ${(Math.max(...fin) / ideal).toFixed(2)}`);
  if (process.env.LOG) console.log(log.join("\n"));
  }
});
