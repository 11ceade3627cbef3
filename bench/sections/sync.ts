/**
 * The synchronous client (`discogs-sdk/sync`, the built package): what a blocking call costs over the awaited
 * async call, whether a blocked call spends CPU, and how long the worker thread takes to start.
 *
 * The measurements run in a plain `node` child process (bench/children/sync.mjs) against an emulator in another
 * process with rate limiting off (a synchronous call blocks its thread, so the emulator cannot share it), and
 * with the clients' own rate limiting off too (neither should wait for a window).
 */

import path from "node:path";
import { startEmulatorProcess } from "../../test/helpers/emulator-process";
import { lastJson, median, ms, progress, quantile, ratio, ROOT, run, type SectionResult } from "../lib/util";

/** The goals. */
const CALL_OVERHEAD_GOAL_MS = 1;
const START_GOAL_MS = 100;
/** "No CPU while blocked": the whole process may spend at most 1% of the wall time of a call held 2 s. */
const BLOCKED_CPU_SHARE_GOAL = 0.01;

interface ChildOutput {
  startup: { sync: number[]; bareWorker: number[]; workerImportingSdk: number[] };
  perCall: { sync: number[]; async: number[] };
  blocked: { sync: { wallMs: number; cpuMs: number }; async: { wallMs: number; cpuMs: number } };
}

export async function syncSection(o: { quick: boolean }): Promise<SectionResult> {
  const calls = o.quick ? 50 : 200;
  const starts = o.quick ? 5 : 15;
  const emu = await startEmulatorProcess();
  let out: ChildOutput;
  try {
    progress(`sync: ${starts} start-ups, ${calls} calls each way, one call held 2 s (node, dist/)`);
    const child = await run(
      process.execPath,
      [path.join(ROOT, "bench/children/sync.mjs"), emu.url, String(calls), String(starts)],
      { timeoutMs: 5 * 60_000 },
    );
    if (child.code !== 0)
      throw new Error(`bench/children/sync.mjs failed:\n${child.stdout}\n${child.stderr}`);
    out = lastJson<ChildOutput>(child.stdout);
  } finally {
    await emu.close();
  }

  const syncCall = median(out.perCall.sync);
  const asyncCall = median(out.perCall.async);
  const overhead = syncCall - asyncCall;
  const start = median(out.startup.sync);
  const bare = median(out.startup.bareWorker);
  const sdk = median(out.startup.workerImportingSdk);
  const b = out.blocked;
  const share = b.sync.cpuMs / b.sync.wallMs;

  return {
    id: "sync",
    title: "Synchronous client (discogs-sdk/sync)",
    method:
      `A plain \`node\` process loads the built package and talks to an emulator in another process (rate limiting ` +
      `off in both). Per call: \`client.releases.get(352665).title\` with \`DiscogsSync\` against ` +
      `\`(await client.releases.get(352665)).title\` with \`Discogs\`, interleaved, ${calls} each after 20 warm-up ` +
      `calls, medians. Blocked call: a latency fault holds the GET 2 s; the process's CPU time (every thread, ` +
      `\`process.cpuUsage()\`) is read around the call. Start-up: \`new DiscogsSync()\` for the first client of the ` +
      `thread (a new worker thread each time), ${starts} times, against a bare worker thread (the baseline) and, for ` +
      `reference, a worker thread that imports the package's main entry (\`dist/index.js\`, zod loaded from ` +
      `node_modules); the sync worker is one self-contained file with zod bundled and tree-shaken.`,
    tables: [
      {
        title: "One call",
        headers: ["Call", "median", "p90", "vs async"],
        rows: [
          [
            "DiscogsSync: client.releases.get(id).title",
            ms(syncCall),
            ms(quantile(out.perCall.sync, 0.9)),
            ratio(syncCall, asyncCall),
          ],
          [
            "Discogs: (await client.releases.get(id)).title (baseline)",
            ms(asyncCall),
            ms(quantile(out.perCall.async, 0.9)),
            "1.00x",
          ],
        ],
        notes: [`difference of the medians: ${ms(overhead)}`],
      },
      {
        title: "A call held 2 s by the emulator",
        headers: ["Client", "wall", "process CPU", "CPU / wall"],
        rows: [
          [
            "DiscogsSync (this thread blocked in Atomics.wait)",
            ms(b.sync.wallMs),
            ms(b.sync.cpuMs),
            `${(share * 100).toFixed(2)} %`,
          ],
          [
            "Discogs, awaited (baseline)",
            ms(b.async.wallMs),
            ms(b.async.cpuMs),
            `${((b.async.cpuMs / b.async.wallMs) * 100).toFixed(2)} %`,
          ],
        ],
      },
      {
        title: "Start-up",
        headers: ["What", "median", "min", "max"],
        rows: [
          [
            "new DiscogsSync() (worker thread started, async client built)",
            ms(start),
            ms(Math.min(...out.startup.sync)),
            ms(Math.max(...out.startup.sync)),
          ],
          [
            "a worker thread importing dist/index.js (reference)",
            ms(sdk),
            ms(Math.min(...out.startup.workerImportingSdk)),
            ms(Math.max(...out.startup.workerImportingSdk)),
          ],
          [
            "a bare worker thread (baseline)",
            ms(bare),
            ms(Math.min(...out.startup.bareWorker)),
            ms(Math.max(...out.startup.bareWorker)),
          ],
        ],
      },
    ],
    goals: [
      {
        name: `sync releases.get(id).title costs at most ${CALL_OVERHEAD_GOAL_MS} ms more than the awaited async call (median of ${calls})`,
        met: overhead <= CALL_OVERHEAD_GOAL_MS,
        detail: `${ms(syncCall)} against ${ms(asyncCall)}: ${ms(overhead)} more`,
      },
      {
        name: "no CPU is spent while a call is blocked",
        met: share <= BLOCKED_CPU_SHARE_GOAL,
        detail: `${ms(b.sync.cpuMs)} of CPU over ${ms(b.sync.wallMs)} (${(share * 100).toFixed(2)} %, goal at most ${BLOCKED_CPU_SHARE_GOAL * 100} %; awaited async: ${ms(b.async.cpuMs)})`,
      },
      {
        name: `the worker starts in at most ${START_GOAL_MS} ms`,
        met: start <= START_GOAL_MS,
        detail: `${ms(start)} (median; a bare worker thread: ${ms(bare)}; one importing dist/index.js: ${ms(sdk)})`,
      },
    ],
    raw: out,
  };
}
