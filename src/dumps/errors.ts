/**
 * Errors of `discogs-sdk/dumps`. Both extend the SDK's {@link DiscogsError}; an abort is the SDK's
 * {@link DiscogsAbortError} (`name === "AbortError"`).
 *
 * @module
 */

import { DiscogsError } from "../core/errors";

/** Why a dump could not be read to its end. */
export type DumpParseErrorReason =
  /** The bytes are not the well-formed XML of a Discogs dump (or not valid UTF-8, or a corrupt gzip stream). */
  | "malformed"
  /** The data ends inside a record, or before the root's end tag (or the gzip stream is cut short). */
  | "truncated"
  /** `strict: true` and the record has an element, attribute or value the reader does not know. */
  | "unknown"
  /** The root element is not the one of this reader (`readReleases` on an artists dump). */
  | "wrong_kind";

/**
 * A dump that cannot be read on. Thrown by the reader's iterator only after every complete record before the
 * fault was delivered, so `lastId` is the last record you received.
 */
export class DumpParseError extends DiscogsError {
  /** What went wrong. */
  readonly reason: DumpParseErrorReason;
  /** Byte offset in the uncompressed XML where the fault was found (for a truncated file: its length). */
  readonly offset: number;
  /** Id of the last complete record delivered before the fault, `undefined` if there was none. */
  readonly lastId: number | undefined;
  /** Id of the record that holds the fault, when it could be read. */
  readonly recordId: number | undefined;
  /** Element path of the fault, e.g. `release/formats/format/@size`, when there is one. */
  readonly path: string | undefined;
  constructor(init: {
    reason: DumpParseErrorReason;
    message: string;
    offset: number;
    lastId: number | undefined;
    recordId?: number | undefined;
    path?: string | undefined;
    cause?: unknown;
  }) {
    const where =
      `at byte ${init.offset}` +
      (init.recordId !== undefined ? `, in record ${init.recordId}` : "") +
      (init.path ? ` (${init.path})` : "") +
      (init.lastId !== undefined
        ? `; last complete record: ${init.lastId}`
        : "; no complete record before it");
    super(`${init.message} ${where}`, { cause: init.cause });
    this.reason = init.reason;
    this.offset = init.offset;
    this.lastId = init.lastId;
    this.recordId = init.recordId;
    this.path = init.path;
  }
}

/** Why a download from data.discogs.com failed. */
export type DumpDownloadErrorReason =
  /** The site answered 429, or an earlier 429's block has not expired yet: see `retryAfterMs`. */
  | "rate_limited"
  /** The SHA-256 of the bytes received differs from the month's CHECKSUM.txt. The file was not kept. */
  | "checksum_mismatch"
  /** The month, the file or its line in CHECKSUM.txt does not exist. */
  | "not_found"
  /** The connection broke mid-file and no restart was left (the site cannot resume: each restart begins at byte 0). */
  | "interrupted"
  /** The site redirected to another origin, which is refused. */
  | "redirect_refused"
  /** Any other HTTP status. */
  | "http_status";

/** A download or listing from data.discogs.com that failed. */
export class DumpDownloadError extends DiscogsError {
  /** What went wrong. */
  readonly reason: DumpDownloadErrorReason;
  /** The URL requested. */
  readonly url: string;
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  /**
   * For `rate_limited`: milliseconds to wait before the site accepts requests again (its `retry-after`;
   * about an hour after roughly 15 requests).
   */
  readonly retryAfterMs: number | undefined;
  constructor(init: {
    reason: DumpDownloadErrorReason;
    message: string;
    url: string;
    status?: number | undefined;
    retryAfterMs?: number | undefined;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.reason = init.reason;
    this.url = init.url;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }
}
