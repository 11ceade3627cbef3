/**
 * Where the dump samples are: `../shared/reference/dumps` (releases, artists; may be absent, then the tests
 * that need it skip with a printed reason) and `test/fixtures/dumps` (labels, masters), plus small builders of
 * dump XML for the tests.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

/** The shared dump samples folder, or undefined when it is not beside the repository. */
export const SHARED_DUMPS: string | undefined = [
  process.env.DISCOGS_DUMP_SAMPLES,
  fileURLToPath(new URL("../../../shared/reference/dumps", import.meta.url)),
  "/work/shared/reference/dumps",
].find((p): p is string => !!p && existsSync(p));

/** The shared API fixtures folder, or undefined. */
export const SHARED_FIXTURES: string | undefined = [
  fileURLToPath(new URL("../../../shared/reference/fixtures", import.meta.url)),
  "/work/shared/reference/fixtures",
].find((p) => existsSync(p));

/** The repository's own dump samples. */
export const LOCAL_DUMPS = fileURLToPath(new URL("../fixtures/dumps", import.meta.url));

export const SAMPLES = {
  releases2024: "discogs_20241201_releases.sample-12.pretty.xml",
  releases2020: "discogs_20200806_releases.excerpt-150.xml.gz",
  artists2025: "discogs_20250901_artists.sample-22.pretty.xml",
  labels2025: "discogs_20250901_labels.sample-14.pretty.xml",
  masters2025: "discogs_20250901_masters.sample-4.pretty.xml",
} as const;

/** Path of a sample (shared or local). */
export function samplePath(name: string): string {
  if (existsSync(join(LOCAL_DUMPS, name))) return join(LOCAL_DUMPS, name);
  if (!SHARED_DUMPS) throw new Error(`no shared dump samples for ${name}`);
  return join(SHARED_DUMPS, name);
}

/** The uncompressed text of a sample. */
export function sampleText(name: string): string {
  const raw = readFileSync(samplePath(name));
  return (name.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
}

/** The record ids in a sample's text, in order, found without parsing (attribute or first `<id>` child). */
export function idsIn(kind: "releases" | "artists" | "labels" | "masters", text: string): number[] {
  if (kind === "releases") return [...text.matchAll(/<release id="(\d+)"/g)].map((m) => Number(m[1]));
  if (kind === "masters") return [...text.matchAll(/<master id="(\d+)"/g)].map((m) => Number(m[1]));
  const tag = kind === "artists" ? "artist" : "label";
  // A record starts at the beginning of a line (one tab of indentation in the pretty samples).
  return [...text.matchAll(new RegExp(`^\\t?<${tag}>\\s*<id>(\\d+)</id>`, "gm"))].map((m) => Number(m[1]));
}

/** A minimal releases dump around the given records. */
export function releasesXml(...records: string[]): string {
  return `<releases>\n${records.map((r) => r + "\n").join("")}</releases>\n`;
}

/** A small well-formed release record in the 2026 shape. */
export function release(id: number, extra = ""): string {
  return (
    `<release id="${id}"><artists><artist><id>1</id><name>The Persuader</name></artist></artists>` +
    `<title>Release ${id}</title><labels><label name="Svek" catno="SK0${id}" id="5"/></labels>` +
    `<formats><format name="Vinyl" qty="2" text=""><descriptions><description>12"</description></descriptions></format></formats>` +
    `<genres><genre>Electronic</genre></genres><styles><style>Deep House</style></styles><country>Sweden</country>` +
    `<released>1999-03-00</released><data_quality>Needs Vote</data_quality><master_id is_main_release="true">0</master_id>` +
    `<tracklist><track><position>A</position><title>Östermalm</title><duration>4:45</duration></track></tracklist>` +
    `${extra}</release>`
  );
}
