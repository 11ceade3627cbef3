/**
 * `discogs-sdk/dumps`: a streaming reader of Discogs' monthly XML data dumps, and their download from
 * data.discogs.com. Node only; the core bundle does not include it.
 *
 * @example
 * ```ts
 * import { readReleases } from "discogs-sdk/dumps";
 *
 * for await (const release of readReleases("discogs_20260601_releases.xml.gz")) {
 *   console.log(release.id, release.title, release.master_id);
 * }
 * ```
 *
 * @module
 */

export {
  readReleases,
  readArtists,
  readLabels,
  readMasters,
  readDump,
  PROGRESS_INTERVAL_MS,
  type DumpReader,
  type DumpSource,
  type DumpProgress,
  type DumpUnknown,
  type ReadDumpOptions,
  type ReadDumpFieldsOptions,
} from "./reader";
export {
  listDumps,
  downloadDump,
  parseChecksums,
  DUMPS_BASE_URL,
  type ListDumpsOptions,
  type DownloadDumpOptions,
  type DownloadedDump,
  type DumpDownloadProgress,
  type DumpMonth,
  type DumpFileInfo,
} from "./download";
export {
  DumpParseError,
  DumpDownloadError,
  type DumpParseErrorReason,
  type DumpDownloadErrorReason,
} from "./errors";
export type {
  DumpKind,
  DumpRelease,
  DumpArtist,
  DumpLabel,
  DumpMaster,
  DumpArtistCredit,
  DumpLabelCredit,
  DumpCompany,
  DumpFormat,
  DumpIdentifier,
  DumpVideo,
  DumpImage,
  DumpTrack,
  DumpArtistRef,
  DumpLabelRef,
  DumpRecordOf,
} from "./types";
export type { DeviationKind } from "./scanner";
