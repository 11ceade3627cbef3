/**
 * Synthetic dump corpora for the dumps benchmark: the real sample records (releases and artists from
 * `../shared/reference/dumps/`, labels and masters from `test/fixtures/dumps/`) brought to the 2026 shape (one
 * record per line, no `<images>`, no `status`, no empty elements, raw UTF-8 but for `&#13;`, `&#9;`, `&#10;`),
 * then repeated in a shuffled order with fresh ids up to the size asked, and gzipped. Generated into a
 * temporary directory at bench time, never committed.
 */

import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { createGzip, gunzipSync } from "node:zlib";
import { once } from "node:events";
import { ROOT } from "./util";

export type CorpusKind = "releases" | "artists" | "labels" | "masters";

/** Where the samples are: the shared folder (releases, artists) and the repository's fixtures (labels, masters). */
export const SHARED_DUMPS = path.resolve(ROOT, "../shared/reference/dumps");
const FIXTURES = path.join(ROOT, "test/fixtures/dumps");

const SOURCES: Record<CorpusKind, string[]> = {
  releases: [
    path.join(SHARED_DUMPS, "discogs_20241201_releases.sample-12.pretty.xml"),
    path.join(SHARED_DUMPS, "discogs_20200806_releases.excerpt-150.xml.gz"),
  ],
  artists: [path.join(SHARED_DUMPS, "discogs_20250901_artists.sample-22.pretty.xml")],
  labels: [path.join(FIXTURES, "discogs_20250901_labels.sample-14.pretty.xml")],
  masters: [path.join(FIXTURES, "discogs_20250901_masters.sample-4.pretty.xml")],
};

const RECORD: Record<CorpusKind, string> = {
  releases: "release",
  artists: "artist",
  labels: "label",
  masters: "master",
};

/** Whether the samples a corpus needs are present (the shared folder may be absent). */
export function corpusAvailable(kind: CorpusKind): boolean {
  return SOURCES[kind].every((f) => existsSync(f));
}

/** Brings one sample file's text to the 2026 shape and splits it into records (each without its newline). */
function sampleRecords(kind: CorpusKind): string[] {
  const out: string[] = [];
  for (const file of SOURCES[kind]) {
    const raw = readFileSync(file);
    let xml = (file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
    // Pretty-printing: indentation between tags.
    xml = xml.replace(/>\n[\t ]*</g, "><");
    // 2026 shape.
    xml = xml.replace(/<images>.*?<\/images>|<images\/>/gs, "");
    xml = xml.replace(/ status="[^"]*"/g, "");
    xml = xml.replace(/<(?!title\/|name\/)[a-z_]+\/>/g, "");
    xml = xml.replace(/&#(x[0-9a-fA-F]+|\d+);/g, (m, n: string) => {
      const cp = n.startsWith("x") ? parseInt(n.slice(1), 16) : Number(n);
      return cp === 9 || cp === 10 || cp === 13 ? m : String.fromCodePoint(cp);
    });
    const tag = RECORD[kind];
    // Top-level records: split on the end tag followed by the next start tag or the root's end.
    const first = xml.search(new RegExp(`<${tag}[ >]`));
    const body = xml.slice(first, xml.lastIndexOf(`</${kind}>`));
    const re =
      kind === "labels" ? /(?<=<\/label>)(?=<label>)/g : new RegExp(`(?<=</${tag}>)(?=<${tag}[ >])`, "g");
    for (const rec of body.split(re)) if (rec.trim()) out.push(rec.trim());
  }
  return out;
}

/** A random permutation of the 26 lower-case letters, as a lookup table of char codes. */
function letterPermutation(random: () => number): number[] {
  const letters = Array.from({ length: 26 }, (_, i) => 97 + i);
  for (let i = 25; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [letters[i], letters[j]] = [letters[j]!, letters[i]!];
  }
  return letters;
}

/**
 * The record with the lower-case letters of its text content (not tags, not entity references) permuted:
 * same bytes, same structure, different text, so that gzip cannot match one copy against the last.
 */
function permuteText(rec: string, perm: number[]): string {
  return rec.replace(/>([^<]+)</g, (_m, text: string) => {
    const out = text.replace(/&#?\w+;|[a-z]/g, (t) =>
      t.length === 1 ? String.fromCharCode(perm[t.charCodeAt(0) - 97]!) : t,
    );
    return `>${out}<`;
  });
}

/**
 * The kinds whose samples are smaller than gzip's 32 KB window (22 artists, 14 labels, 4 masters): repeated as
 * they are, gzip would compress them 11 to 70 times instead of the real 3.5 to 5.5, and gunzip alone would be
 * unrealistically fast. Their copies get {@link permuteText}.
 */
const PERMUTED: ReadonlySet<CorpusKind> = new Set(["artists", "labels", "masters"]);

/** Replaces the record's own id (attribute for releases/masters, first `<id>` for artists/labels). */
function withId(kind: CorpusKind, rec: string, id: number): string {
  if (kind === "releases" || kind === "masters") return rec.replace(/ id="\d+"/, ` id="${id}"`);
  return rec.replace(/<id>\d+<\/id>/, `<id>${id}</id>`);
}

/** A small seeded PRNG (mulberry32), so that every run builds the same corpus. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generated corpus. */
export interface Corpus {
  kind: CorpusKind;
  /** Path of the `.xml.gz`: three gzip members, the root's start tag, the records, the root's end tag. */
  file: string;
  /** Uncompressed bytes. */
  xmlBytes: number;
  /** Compressed bytes. */
  gzBytes: number;
  records: number;
  /** Distinct sample records it repeats. */
  samples: number;
  /**
   * Compressed sizes of the three members, so that a reader can stream the records member several times
   * between the start and end tags (a longer dump for the memory check, with no second file).
   */
  members: { head: number; body: number; tail: number; bodyXmlBytes: number };
}

/** Gzips `chunks` (strings) into one gzip member appended to `file`; returns its compressed and raw sizes. */
async function member(
  file: string,
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<[number, number]> {
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(file, { flags: "a" });
  gzip.pipe(out);
  let raw = 0;
  for await (const s of chunks) {
    raw += Buffer.byteLength(s);
    if (!gzip.write(s)) await once(gzip, "drain");
  }
  gzip.end();
  await once(out, "close");
  return [out.bytesWritten, raw];
}

/** Builds `<dir>/<kind>.xml.gz` of at least `minXmlBytes` of XML. */
export async function buildCorpus(kind: CorpusKind, dir: string, minXmlBytes: number): Promise<Corpus> {
  const records = sampleRecords(kind);
  const file = path.join(dir, `discogs_corpus_${kind}.xml.gz`);
  await rm(file, { force: true });
  const random = prng(0x5eed + kind.length);
  let count = 0;
  let id = 1;
  function* body() {
    const order = records.map((_, i) => i);
    let produced = 0;
    let buf = "";
    while (produced + buf.length < minXmlBytes) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const perm = PERMUTED.has(kind) ? letterPermutation(random) : null;
      for (const i of order) {
        const rec = withId(kind, records[i]!, id);
        buf += (perm ? permuteText(rec, perm) : rec) + "\n";
        id += 1 + Math.floor(random() * 3);
        count++;
        if (buf.length > 1 << 20) {
          produced += Buffer.byteLength(buf);
          yield buf;
          buf = "";
        }
      }
    }
    yield buf;
  }
  const [head, headRaw] = await member(file, [`<${kind}>\n`]);
  const [bodyGz, bodyRaw] = await member(file, body());
  const [tail, tailRaw] = await member(file, [`</${kind}>\n`]);
  const { size } = await stat(file);
  return {
    kind,
    file,
    xmlBytes: headRaw + bodyRaw + tailRaw,
    gzBytes: size,
    records: count,
    samples: records.length,
    members: { head, body: bodyGz, tail, bodyXmlBytes: bodyRaw },
  };
}
