/**
 * Memory stays flat over a long stream: the heap retained after a full GC, measured a quarter of the way in and
 * at the end of a 60,000-record gzipped stream generated on the fly, grows by less than a few megabytes (a leak of
 * even 100 bytes a record would add 4.5 MB). No timing is asserted.
 */
import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createGzip } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readReleases } from "../src/dumps/index";
import { release } from "./helpers/dump-samples";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function retained(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A releases dump of `count` records, produced as it is read, gzipped. */
function stream(count: number): Readable {
  function* xml() {
    yield "<releases>\n";
    for (let i = 1; i <= count; i++)
      yield `${release(i, `<notes>Note ${i} ${"x".repeat(i % 200)}</notes>`)}\n`;
    yield "</releases>\n";
  }
  return Readable.from(xml()).pipe(createGzip({ level: 1 }));
}

describe("memory", () => {
  it("stays flat over a long stream", async () => {
    const total = 60_000;
    let n = 0;
    let sum = 0;
    let atQuarter = 0;
    for await (const r of readReleases(stream(total))) {
      n++;
      sum += r.tracklist!.length + r.id;
      if (n === total / 4) atQuarter = retained();
    }
    const atEnd = retained();
    expect(n).toBe(total);
    expect(sum).toBeGreaterThan(0);
    const growth = atEnd - atQuarter;
    // 45,000 records between the two samples.
    expect(growth).toBeLessThan(3 * 1024 * 1024);
  }, 120_000);
});
