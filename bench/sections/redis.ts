/**
 * The shared budget and cache on Redis (issue 15): runs `bench/redis.ts` in a child process (it installs and
 * starts its own redis-server, and, as root, a second network namespace) and takes over its table. Each row's
 * last column says whether the goal for it was met.
 */

import path from "node:path";
import { progress, ROOT, run, type SectionResult } from "../lib/util";
import { parseMarkdownTables } from "./throughput";

const SCRIPT = path.join(ROOT, "bench/redis.ts");

export async function redisSection(options: { quick?: boolean } = {}): Promise<SectionResult> {
  progress(
    "redis: running bench/redis.ts (worker processes, redis-server, a second network namespace; minutes)",
  );
  const args = ["--import", "tsx", SCRIPT, ...(options.quick ? ["--quick"] : [])];
  const out = await run(process.execPath, args, { timeoutMs: 30 * 60_000 });
  const title = "Shared budget and cache on Redis";
  if (out.code !== 0) {
    throw new Error(
      `bench/redis.ts failed (exit ${out.code}):\n${out.stderr.slice(-3000)}\n${out.stdout.slice(-2000)}`,
    );
  }
  const notRun = /^NOT RUN: (.*)$/m.exec(out.stdout);
  if (notRun) {
    return {
      id: "redis",
      title,
      method: `Not run: ${notRun[1]}.`,
      tables: [],
      goals: [{ name: "Redis benchmark ran", met: null, detail: notRun[1] ?? "" }],
    };
  }
  const { tables, preamble } = parseMarkdownTables(out.stdout);
  const table = tables[0];
  const goals: SectionResult["goals"] = [];
  if (table) {
    const goalCol = table.headers.findIndex((h) => /goal/i.test(h));
    for (const r of table.rows) {
      const cell = r[goalCol] ?? "";
      if (/reference/.test(cell)) continue;
      goals.push({
        name: r[0] ?? "?",
        met: /missed/.test(cell) ? false : /met/.test(cell) ? true : null,
        detail:
          r.filter((_, i) => i > 0 && i !== goalCol && r[i] !== "").join("; ") +
          ` (${cell.replace(/\*/g, "")})`,
      });
    }
  }
  return {
    id: "redis",
    title,
    method:
      "From `bench/redis.ts`, run as a child process" +
      (options.quick ? " with a smaller N (--quick)" : "") +
      ": worker processes (half of them in a second network namespace reaching Redis and the emulator over a veth " +
      "pair, node-redis and ioredis alternating) against one emulator whose window is compressed to 60 requests per " +
      "6 s and counted per credential (one token: one egress IP), with Debian's redis-server started on a free port. " +
      "Server requests and 429s come from the emulator's log; each wall time is set against the ideal measured in the " +
      "same run ((ceil(N/60) - 1) windows plus one look-up alone). " +
      preamble.join(" "),
    tables,
    goals,
    raw: { stdout: out.stdout },
  };
}
