/* global setInterval, clearInterval */
// A child process of bench/sections/dumps.ts: reads one gzipped dump corpus and reports one JSON line.
//   node bench/children/dump-read.mjs <dist/dumps/index.js URL> <mode> <kind> <file.xml.gz> <xml bytes> [long]
// mode: "read"    every record through readReleases/readArtists/... with for await (the product);
//       "gunzip"  the same file through zlib's createGunzip alone (the ceiling), same chunk size;
//       "fields"  read with `fields` (a small selection);
//       "filter"  read with `filter` keeping 1 record in 100;
//       "long"    read a stream of the file's records member repeated: `long` is "head,body,tail,times"
//                 (the compressed sizes of its three gzip members), for the memory check on a bigger dump.
// RSS is sampled every 20 ms; "early" is the peak over the first quarter of the XML, "peak" over the whole run.

import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

const [distUrl, mode, kind, file, xmlTotalArg, longArg] = process.argv.slice(2);
const xmlTotal = Number(xmlTotalArg);

const FIELDS = {
  releases: ["title", "country", "released", "genres", "styles", "labels"],
  artists: ["name", "realname"],
  labels: ["name", "parent_label"],
  masters: ["title", "year", "main_release"],
};

let xmlDone = 0;
let early = 0;
let peak = 0;
const sample = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peak) peak = rss;
  if (xmlDone <= xmlTotal / 4 && rss > early) early = rss;
};
const timer = setInterval(sample, 20);
timer.unref();

const t0 = performance.now();
const c0 = process.cpuUsage();
let records = 0;
let skipped = 0;
let check = 0;

if (mode === "gunzip") {
  const z = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 256 << 10 }));
  for await (const chunk of z) xmlDone += chunk.length;
} else {
  const dumps = await import(distUrl);
  const options = {
    onProgress: (p) => {
      xmlDone = p.xmlBytes;
    },
  };
  if (mode === "fields") options.fields = FIELDS[kind];
  if (mode === "filter") options.filter = (id) => id % 100 === 0;
  let source = file;
  if (mode === "long") {
    // One gzip stream: the start tag's member, the records member `times` times, the end tag's member.
    const [head, body, tail, times] = longArg.split(",").map(Number);
    const range = (start, length) =>
      createReadStream(file, { start, end: start + length - 1, highWaterMark: 1 << 20 });
    source = Readable.from(
      (async function* () {
        yield* range(0, head);
        for (let i = 0; i < times; i++) yield* range(head, body);
        yield* range(head + body, tail);
      })(),
    );
  }
  const reader = dumps.readDump(kind, source, options);
  // Use each record, as an application would.
  for await (const r of reader) {
    records++;
    check += r.id + (r.title ?? r.name ?? "").length;
  }
  skipped = reader.skipped;
  xmlDone = xmlTotal;
}
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(c0);
sample();
clearInterval(timer);
console.log(
  JSON.stringify({
    mode,
    kind,
    records,
    skipped,
    check,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRss: process.resourceUsage().maxRSS * 1024,
    peakRss: peak,
    earlyRss: early,
  }),
);
