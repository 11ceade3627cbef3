import { it } from "vitest";
import { createLimiter, type LimiterClock } from "../src/core/limiter";
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
it("dbg2", async () => { 
  for (let seed = 1; seed <= 6; seed++) { (globalThis as any).LIMDBG = Number(process.env.LOG) === seed;
    const clock = new FakeClock();
    const server = new ServerWindow({ authenticated: 10, windowMs: 1000 }, () => clock.now());
    const l = createLimiter({ limit: 10, windowMs: 1000 }, { baseUrl: "http://q.test", authenticated: true }, { clock, store: new MemoryRateLimitStore() });
    const r0 = rng(seed); const n = 15 + seed * 7; let done = 0; const log: string[] = [];
    const p = Promise.all(Array.from({ length: n }, async () => {
      for (;;) {
        const tk = await l.acquire(); const lat = 1 + Math.floor(r0() * 120); const st0 = clock.t;
        const st = await new Promise<number>((res) => clock.setTimer(() => { const d = server.hit("ip", true); log.push(`start ${st0 - 1e6} arr ${clock.t - 1e6} ${d.allowed ? "ok" : "429"} rem=${d.remaining}`); clock.setTimer(() => { l.update(d, d.allowed ? 200 : 429, tk); res(d.allowed ? 200 : 429); }, lat - (lat >> 1)); }, lat >> 1));
        if (st === 200) { done++; return; }
      }
    }));
    await flush(); while (done < n && (await clock.step())) {} await p;
    console.log(`SEED ${seed} n=${n} t=${clock.t - 1e6} bound=${(Math.ceil(n / 10) - 1) * 1100 + 1000}`);
    if (process.env.LOG && Number(process.env.LOG) === seed) console.log(log.join("\n"));
  }
});
