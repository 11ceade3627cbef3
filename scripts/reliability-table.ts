/**
 * Regenerates the fault x operation tables of docs/reliability.md by running every cell against the bundled
 * emulator (about 30 s). `--check` only compares and exits 1 when the document is out of date.
 *
 *   npx tsx scripts/reliability-table.ts [--check]
 *
 * test/faults.test.ts asserts every cell and fails when the document differs; `UPDATE_RELIABILITY=1 npx vitest
 * run test/faults.test.ts` regenerates it from the suite instead.
 */
import { startEmulator } from "../src/testing/index";
import { readDocBlock, runAllCells, writeDocBlock } from "../test/helpers/fault-matrix";

async function main(): Promise<void> {
  const emu = await startEmulator({ rateLimit: false });
  try {
    const block = await runAllCells(emu);
    if (process.argv.includes("--check")) {
      if (readDocBlock() !== block) {
        console.error("docs/reliability.md is out of date: run npx tsx scripts/reliability-table.ts");
        process.exitCode = 1;
      } else console.log("docs/reliability.md is up to date");
      return;
    }
    writeDocBlock(block);
    console.log("docs/reliability.md updated");
  } finally {
    await emu.close();
  }
}

void main();
