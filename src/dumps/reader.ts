/**
 * `readReleases`, `readArtists`, `readLabels`, `readMasters`: async iterables of typed records, one per
 * `for await` step. Internally the records of each chunk (up to {@link MAX_BATCH}) are parsed in one go and
 * handed out one by one, so the per-record cost of the async protocol is a resolved promise, not a trip
 * through the event loop.
 *
 * @module
 */

import { onAbort } from "../core/abort";
import { DiscogsAbortError } from "../core/errors";
import { DumpParseError } from "./errors";
import {
  ARTIST_FIELDS,
  LABEL_FIELDS,
  MASTER_FIELDS,
  parseArtist,
  parseLabel,
  parseMaster,
  parseRelease,
  RELEASE_FIELDS,
  SKIPPED,
  type ParseOptions,
} from "./records";
import {
  CLOSE,
  NAME_COUNT,
  nameBytes,
  nameId,
  NEED_MORE,
  Scanner,
  type DeviationKind,
  type PendingDeviation,
} from "./scanner";
import { checkSource, openSource, type ByteSource, type DumpSource } from "./source";
import type { DumpArtist, DumpKind, DumpLabel, DumpMaster, DumpRecordOf, DumpRelease } from "./types";

export type { DumpSource } from "./source";

/** Records parsed ahead in one batch, at most. */
const MAX_BATCH = 1024;
/** Minimum time between two `onProgress` calls, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 250;

/** Progress of a reader, passed to `onProgress`. */
export interface DumpProgress {
  /** Bytes read from the source so far (compressed bytes for a `.gz`). */
  bytes: number;
  /** The source's size in bytes, when known (a path or bytes in memory). */
  totalBytes: number | undefined;
  /** Uncompressed XML bytes parsed so far. */
  xmlBytes: number;
  /** Records delivered so far. */
  records: number;
  /** Records skipped by `filter` so far. */
  skipped: number;
  /** Records (delivered and skipped) per second since the reader started. */
  recordsPerSecond: number;
  /** Milliseconds since the reader started. */
  elapsedMs: number;
  /** `true` on the last call, once the whole dump has been read. */
  done: boolean;
}

/** An element, attribute, text or value the reader does not know, passed to `onUnknown`. */
export interface DumpUnknown {
  /**
   * `element` / `attribute`: not part of any known dump shape (2020-2026), or an element repeated where it may
   * appear once (the path ends in `(repeated)`; the later one wins); `text`: text where only elements belong;
   * `missing`: a required element or attribute is absent (the field is then `""`); `value`: a number or
   * boolean that does not parse (the field is left out).
   */
  kind: DeviationKind;
  /** Element path, e.g. `release/formats/format/@size`, `release/foo`, `release/title`. */
  path: string;
  /** The record's id, when it could be read. */
  recordId: number | undefined;
  /** Byte offset in the uncompressed XML. */
  offset: number;
  /** How many times this path has been reported so far by this reader (1 the first time). */
  count: number;
  /** The offending text or value, for `text` and `value`. */
  value: string | undefined;
}

/** Options of {@link readReleases}, {@link readArtists}, {@link readLabels} and {@link readMasters}. */
export interface ReadDumpOptions<T = unknown> {
  /**
   * Stops the reader at once: the file handle or stream is released right away (not at the next step) and
   * the pending or next step rejects with an `AbortError` ({@link DiscogsAbortError}).
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * Called with the progress at most every 250 ms while records are delivered, and once more at the end
   * (`done: true`).
   * @default undefined
   */
  onProgress?: (progress: DumpProgress) => void;
  /**
   * Called for every element, attribute or text the reader does not know (and for required fields that are
   * missing), with a running count per path. Without it, each new path is reported once through
   * `process.emitWarning`: deviations are never dropped silently.
   * @default undefined
   */
  onUnknown?: (unknown: DumpUnknown) => void;
  /**
   * Makes every deviation an error: a {@link DumpParseError} with reason `"unknown"` naming the record id
   * and the element path, thrown after the records before it were delivered.
   * @default false
   */
  strict?: boolean;
  /**
   * Build only these top-level fields (`id` is always there); the other elements are skipped with a native
   * byte search, unparsed and unchecked. About 1.5 to 3 times faster when the big parts (`tracklist`,
   * `extra_artists`, `videos`, `companies`) are left out; see docs/dumps.md for the measured figures.
   * @default undefined (every field)
   */
  fields?: readonly (keyof T & string)[];
  /**
   * Called with each record's id as soon as it is read; records for which it returns `false` are skipped
   * unparsed (an artist's or label's id is its `<id>` child, read first in current dumps). Useful to resume
   * after a given id or to pick a set of ids: skipping runs at byte-search speed.
   * @default undefined (every record)
   */
  filter?: (id: number) => boolean;
}

/** The async iterable a reader returns: one record per `for await` step, single use. */
export interface DumpReader<T> extends AsyncIterableIterator<T> {
  /** Records delivered so far. */
  readonly records: number;
  /** Records skipped by `filter` so far. */
  readonly skipped: number;
  /** Deviations reported so far, counted by path (see {@link DumpUnknown}). */
  readonly unknown: ReadonlyMap<string, number>;
}

const OPTION_KEYS = new Set(["signal", "onProgress", "onUnknown", "strict", "fields", "filter"]);

interface KindSpec<T> {
  kind: DumpKind;
  root: string;
  record: string;
  parse: (sc: Scanner, o: ParseOptions) => T | typeof SKIPPED;
  fields: Readonly<Record<string, number>>;
  reader: string;
}

const ROOTS: Readonly<Record<DumpKind, string>> = {
  releases: "readReleases",
  artists: "readArtists",
  labels: "readLabels",
  masters: "readMasters",
};

const SPECS: { [K in DumpKind]: KindSpec<DumpRecordOf[K]> } = {
  releases: {
    kind: "releases",
    root: "releases",
    record: "release",
    parse: parseRelease,
    fields: RELEASE_FIELDS,
    reader: "readReleases",
  },
  artists: {
    kind: "artists",
    root: "artists",
    record: "artist",
    parse: parseArtist,
    fields: ARTIST_FIELDS,
    reader: "readArtists",
  },
  labels: {
    kind: "labels",
    root: "labels",
    record: "label",
    parse: parseLabel,
    fields: LABEL_FIELDS,
    reader: "readLabels",
  },
  masters: {
    kind: "masters",
    root: "masters",
    record: "master",
    parse: parseMaster,
    fields: MASTER_FIELDS,
    reader: "readMasters",
  },
};

/** Checks the options (a `TypeError` for anything unknown or of the wrong type) and builds the parse options. */
function checkOptions(spec: KindSpec<unknown>, options: unknown): ParseOptions {
  const fn = spec.reader;
  if (options === undefined) return { want: null, filter: null };
  if (options === null || typeof options !== "object" || Array.isArray(options))
    throw new TypeError(`${fn}: options must be an object`);
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!OPTION_KEYS.has(key))
      throw new TypeError(`${fn}: unknown option "${key}" (known: ${[...OPTION_KEYS].join(", ")})`);
  }
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal))
    throw new TypeError(`${fn}: signal must be an AbortSignal`);
  for (const k of ["onProgress", "onUnknown", "filter"] as const) {
    if (o[k] !== undefined && typeof o[k] !== "function")
      throw new TypeError(`${fn}: ${k} must be a function`);
  }
  if (o.strict !== undefined && typeof o.strict !== "boolean")
    throw new TypeError(`${fn}: strict must be a boolean`);
  let want: Uint8Array | null = null;
  if (o.fields !== undefined) {
    if (!Array.isArray(o.fields)) throw new TypeError(`${fn}: fields must be an array of field names`);
    want = new Uint8Array(NAME_COUNT);
    for (const f of o.fields as unknown[]) {
      if (f === "id") continue;
      const el = typeof f === "string" && Object.hasOwn(spec.fields, f) ? spec.fields[f] : undefined;
      if (el === undefined)
        throw new TypeError(
          `${fn}: unknown field ${JSON.stringify(f)} in fields (known: id, ${Object.keys(spec.fields).join(", ")})`,
        );
      want[el] = 1;
    }
  }
  return { want, filter: (o.filter as ((id: number) => boolean) | undefined) ?? null };
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

const BEFORE_ROOT = 0;
const IN_ROOT = 1;
const AFTER_ROOT = 2;

class Reader<T> implements DumpReader<T> {
  private readonly sc = new Scanner();
  private readonly batch: (T | undefined)[] = [];
  private bi = 0;
  private state = BEFORE_ROOT;
  private src: ByteSource | null = null;
  private eof = false;
  private finished = false;
  /** The release of the source, once started. */
  private closing: Promise<void> | null = null;
  /** An error to throw once the records before it are delivered. */
  private pendingError: unknown = null;
  private aborted: unknown = null;
  private unsubscribe: () => void = () => {};
  private inflight: Promise<IteratorResult<T>> | null = null;
  /** Leftover bytes need at least this much more data before the next attempt (a record spanning chunks). */
  private waitFor = 0;
  private readonly held: Buffer[] = [];
  /** The buffer leftovers and new chunks are joined in. */
  private work: Buffer | null = null;
  private heldBytes = 0;
  private readonly startedAt = performance.now();
  private lastProgress = 0;
  private readonly counts = new Map<string, number>();
  private readonly rootBytes: Uint8Array;
  private readonly recordId: number;
  private readonly rootId: number;
  private readonly otherRoots: Map<number, DumpKind>;
  records = 0;
  skipped = 0;

  constructor(
    private readonly spec: KindSpec<T>,
    private readonly source: DumpSource,
    private readonly parseOptions: ParseOptions,
    private readonly options: ReadDumpOptions<T>,
  ) {
    this.rootBytes = nameBytes(spec.root as "releases");
    this.rootId = nameId(spec.root as "releases");
    this.recordId = nameId(spec.record as "release");
    this.otherRoots = new Map(
      (Object.keys(SPECS) as DumpKind[]).map((k) => [nameId(SPECS[k].root as "releases"), k]),
    );
    const signal = options.signal;
    if (signal) {
      if (signal.aborted) this.aborted = signal.reason;
      else this.unsubscribe = onAbort(signal, () => this.abort(signal.reason));
    }
  }

  get unknown(): ReadonlyMap<string, number> {
    return this.counts;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.bi < this.batch.length) {
      const value = this.batch[this.bi]!;
      this.batch[this.bi++] = undefined;
      return Promise.resolve({ value, done: false });
    }
    if (this.inflight) return this.inflight.then(() => this.next());
    const p = this.fill();
    this.inflight = p;
    const clear = () => {
      if (this.inflight === p) this.inflight = null;
    };
    p.then(clear, clear);
    return p;
  }

  async return(): Promise<IteratorResult<T>> {
    await this.finish();
    return DONE;
  }

  async throw(err?: unknown): Promise<IteratorResult<T>> {
    await this.finish();
    throw err;
  }

  /** Releases everything. Idempotent. */
  private finish(): Promise<void> {
    if (this.closing) return this.closing;
    this.finished = true;
    this.batch.length = 0;
    this.work = null;
    this.held.length = 0;
    this.bi = 0;
    this.unsubscribe();
    const src = this.src;
    this.src = null;
    // Every caller (an abort, `return`, the end, an error) waits for the same close.
    this.closing = src ? src.close() : Promise.resolve();
    return this.closing;
  }

  private abort(reason: unknown): void {
    if (this.aborted !== null || this.finished) return;
    this.aborted = reason ?? new Error("aborted");
    // Release the source now, not at the next step.
    // A failure to close is reported to the next step, which waits for the same promise.
    this.finish().catch(() => undefined);
  }

  private async fill(): Promise<IteratorResult<T>> {
    try {
      const batch = this.batch;
      batch.length = 0;
      this.bi = 0;
      for (;;) {
        if (this.aborted !== null) throw new DiscogsAbortError(this.aborted);
        if (this.finished) return DONE;
        if (batch.length > 0) {
          this.progress(false);
          this.bi = 1;
          const value = batch[0]!;
          batch[0] = undefined;
          return { value, done: false };
        }
        // Thrown only here, once every record parsed before the fault has been handed out.
        if (this.pendingError !== null) throw this.pendingError;
        if (this.src === null) {
          const src = await openSource(this.source);
          if (this.aborted !== null || this.finished) {
            await src.close();
            continue;
          }
          this.src = src;
        }
        if (this.waitFor === 0) {
          this.parse();
          if (batch.length > 0 || this.pendingError !== null) continue;
        }
        if (this.eof) {
          this.atEnd();
          this.progress(true);
          await this.finish();
          return DONE;
        }
        let chunk: Buffer | null;
        try {
          chunk = await this.src.read();
        } catch (e) {
          if (this.aborted !== null) throw new DiscogsAbortError(this.aborted);
          this.sourceError(e);
          continue;
        }
        if (chunk === null) {
          this.eof = true;
          this.flushHeld();
        } else this.append(chunk);
      }
    } catch (e) {
      await this.finish();
      throw e;
    }
  }

  /**
   * A read or gunzip failure: parses what arrived before it, then sets the error to throw once those
   * records are delivered (a gunzip fault becomes a {@link DumpParseError} with the XML offset reached).
   */
  private sourceError(e: unknown): void {
    this.flushHeld();
    this.parse();
    this.eof = true;
    this.waitFor = 0;
    if (this.pendingError !== null) return;
    const err = e as NodeJS.ErrnoException;
    if (typeof err?.code !== "string" || !err.code.startsWith("Z_")) {
      this.pendingError = e;
      return;
    }
    const sc = this.sc;
    const truncated = err.code === "Z_BUF_ERROR";
    this.pendingError = new DumpParseError({
      reason: truncated ? "truncated" : "malformed",
      message: truncated
        ? "The gzip stream ends early (the file is cut short)"
        : `The gzip stream is corrupt (${err.message})`,
      offset: sc.base + sc.end,
      lastId: sc.lastId < 0 ? undefined : sc.lastId,
      cause: e,
    });
  }

  /** Adds a chunk of XML after the unparsed leftover. */
  private append(chunk: Buffer): void {
    const sc = this.sc;
    if (sc.p >= sc.end && this.held.length === 0) {
      sc.base += sc.end;
      sc.b = chunk as Scanner["b"];
      sc.p = 0;
      sc.end = chunk.length;
      return;
    }
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (sc.end - sc.p + this.heldBytes >= this.waitFor) this.flushHeld();
  }

  /**
   * Joins the leftover and the held chunks in the reader's own buffer (reused, grown when a record needs it:
   * allocating a fresh buffer per chunk would double the garbage outside the JS heap) and allows the next attempt.
   */
  private flushHeld(): void {
    this.waitFor = 0;
    if (this.held.length === 0) return;
    const sc = this.sc;
    const left = sc.end - sc.p;
    const need = left + this.heldBytes;
    let w = this.work;
    if (w === null || w.length < need) {
      let size = 1 << 20;
      while (size < need) size *= 2;
      w = Buffer.allocUnsafe(size);
      sc.b.copy(w, 0, sc.p, sc.end);
      this.work = w;
    } else if (sc.b === w) w.copyWithin(0, sc.p, sc.end);
    else sc.b.copy(w, 0, sc.p, sc.end);
    let at = left;
    for (const c of this.held) {
      c.copy(w, at);
      at += c.length;
    }
    this.held.length = 0;
    this.heldBytes = 0;
    sc.base += sc.p;
    sc.b = w as Scanner["b"];
    sc.p = 0;
    sc.end = need;
  }

  /** Parses every complete record in the buffer, up to {@link MAX_BATCH}. */
  private parse(): void {
    const sc = this.sc;
    const batch = this.batch;
    const parseRecord = this.spec.parse;
    const po = this.parseOptions;
    while (batch.length < MAX_BATCH && this.pendingError === null) {
      const start = sc.p;
      try {
        if (this.state !== IN_ROOT) {
          if (this.state === BEFORE_ROOT) this.prolog();
          else this.epilog();
          if (this.state === AFTER_ROOT && sc.p >= sc.end) return;
          continue;
        }
        sc.recId = -1;
        sc.pending = null;
        sc.high = false;
        const t = sc.tag(this.spec.root);
        if (t === CLOSE) {
          sc.close(this.rootBytes, this.spec.root);
          this.state = AFTER_ROOT;
          continue;
        }
        if (t !== this.recordId) {
          sc.dev("element", `${this.spec.root}/${sc.lastName()}`, undefined, sc.base + sc.ns - 1);
          sc.skip();
          this.report(sc.pending!);
          sc.pending = null;
          continue;
        }
        const rec = parseRecord(sc, po);
        sc.checkUtf8(start, sc.p);
        if (sc.pending !== null) this.report(sc.pending);
        sc.lastId = sc.recId;
        if (rec === SKIPPED) this.skipped++;
        else {
          batch.push(rec as T);
          this.records++;
        }
      } catch (e) {
        sc.pending = null;
        if (e === NEED_MORE) {
          sc.p = start;
          sc.recId = -1;
          if (!this.eof) this.waitFor = Math.max(2 * (sc.end - start), 1 << 16);
          else this.pendingError = this.truncated(start);
          return;
        }
        this.pendingError = e;
        return;
      }
    }
  }

  private truncated(start: number): DumpParseError {
    const sc = this.sc;
    const inRecord =
      this.state === IN_ROOT && start < sc.end && sc.b.subarray(start, sc.end).some((c) => c > 0x20);
    return new DumpParseError({
      reason: "truncated",
      message:
        this.state === BEFORE_ROOT
          ? `The data ends before the <${this.spec.root}> root element`
          : inRecord
            ? `The data ends inside a <${this.spec.record}> record`
            : `The data ends before </${this.spec.root}>`,
      offset: sc.base + sc.end,
      lastId: sc.lastId < 0 ? undefined : sc.lastId,
    });
  }

  /** What may precede the root: a BOM, whitespace, an XML declaration, comments, a DOCTYPE. */
  private prolog(): void {
    const sc = this.sc;
    const b = sc.b;
    if (sc.base + sc.p === 0 && sc.end >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) sc.p = 3;
    sc.ws();
    if (b[sc.p] !== 0x3c)
      sc.fail("malformed", `Expected the <${this.spec.root}> root element, found ${sc.near()}`);
    if (this.skipMarkup()) return;
    const t = sc.tag("");
    if (t === this.rootId) {
      if (!sc.noAttrs(this.spec.root)) {
        this.state = IN_ROOT;
        if (sc.pending !== null) {
          this.report(sc.pending);
          sc.pending = null;
        }
      } else this.state = AFTER_ROOT; // an empty dump: <releases/>
      return;
    }
    const other = this.otherRoots.get(t);
    if (other !== undefined)
      sc.fail(
        "wrong_kind",
        `This is a ${other} dump (<${SPECS[other].root}>), not a ${this.spec.kind} dump: read it with ${ROOTS[other]}()`,
      );
    sc.fail("malformed", `Expected the <${this.spec.root}> root element, found <${sc.lastName()}>`);
  }

  /** After the root: only whitespace, comments and processing instructions. */
  private epilog(): void {
    const sc = this.sc;
    const b = sc.b;
    while (sc.p < sc.end && (b[sc.p] === 0x20 || b[sc.p] === 0x0a || b[sc.p] === 0x0d || b[sc.p] === 0x09))
      sc.p++;
    if (sc.p >= sc.end) return;
    if (b[sc.p] === 0x3c && this.skipMarkup()) return;
    sc.fail("malformed", `Content after </${this.spec.root}>: ${sc.near()}`);
  }

  /** Skips `<?…?>`, `<!--…-->` or `<!DOCTYPE …>` at the cursor; `false` if it is none of them. */
  private skipMarkup(): boolean {
    const sc = this.sc;
    const b = sc.b;
    const p = sc.p;
    if (p + 1 >= sc.end) throw NEED_MORE;
    const c = b[p + 1];
    let close: string;
    if (c === 0x3f) close = "?>";
    else if (c === 0x21) {
      if (p + 4 > sc.end) throw NEED_MORE;
      close = b[p + 2] === 0x2d && b[p + 3] === 0x2d ? "-->" : ">";
      if (close === ">" && b.indexOf("[", p) >= 0 && b.indexOf("[", p) < b.indexOf(">", p))
        sc.fail("malformed", "A DOCTYPE with an internal subset is not supported");
    } else return false;
    const e = b.indexOf(close, p + 2);
    if (e < 0 || e + close.length > sc.end) throw NEED_MORE;
    sc.p = e + close.length;
    return true;
  }

  /** The end of the data: complete only after the root's end tag. */
  private atEnd(): void {
    if (this.state === AFTER_ROOT) return;
    throw this.truncated(this.sc.p);
  }

  /** Reports the deviations of a complete record (`strict`: throws for the first one). */
  private report(list: PendingDeviation[]): void {
    const sc = this.sc;
    const recordId = sc.recId < 0 ? undefined : sc.recId;
    for (const d of list) {
      const count = (this.counts.get(d.path) ?? 0) + 1;
      this.counts.set(d.path, count);
      if (this.options.strict) {
        throw new DumpParseError({
          reason: "unknown",
          message: describe(d),
          offset: d.offset,
          lastId: sc.lastId < 0 ? undefined : sc.lastId,
          recordId,
          path: d.path,
        });
      }
      const info: DumpUnknown = {
        kind: d.kind,
        path: d.path,
        recordId,
        offset: d.offset,
        count,
        value: d.value,
      };
      if (this.options.onUnknown) this.options.onUnknown(info);
      else if (count === 1)
        process.emitWarning(
          `discogs-sdk/dumps: ${describe(d).toLowerCase()} at ${d.path}${recordId !== undefined ? ` (record ${recordId})` : ""}; ` +
            `pass onUnknown to handle these, or strict: true to fail on them`,
          { type: "DiscogsDumpWarning", code: "DISCOGS_DUMP_UNKNOWN" },
        );
    }
  }

  private progress(done: boolean): void {
    const cb = this.options.onProgress;
    if (!cb) return;
    const now = performance.now();
    if (!done && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    const elapsedMs = now - this.startedAt;
    const n = this.records + this.skipped;
    cb({
      bytes: this.src?.bytesRead ?? 0,
      totalBytes: this.src?.totalBytes,
      xmlBytes: this.sc.base + this.sc.p,
      records: this.records,
      skipped: this.skipped,
      recordsPerSecond: elapsedMs > 0 ? (n * 1000) / elapsedMs : 0,
      elapsedMs,
      done,
    });
  }
}

function describe(d: PendingDeviation): string {
  switch (d.kind) {
    case "element":
      return d.path.endsWith("(repeated)") ? "A repeated element" : "An unknown element";
    case "attribute":
      return "An unknown attribute";
    case "text":
      return `Unexpected text ${JSON.stringify((d.value ?? "").slice(0, 40))}`;
    case "missing":
      return "A required field is missing";
    case "value":
      return `An invalid value ${JSON.stringify((d.value ?? "").slice(0, 40))}`;
  }
}

function reader<K extends DumpKind>(kind: K, source: unknown, options: unknown): DumpReader<DumpRecordOf[K]> {
  const spec = SPECS[kind] as unknown as KindSpec<DumpRecordOf[K]>;
  checkSource(source);
  const po = checkOptions(spec as KindSpec<unknown>, options);
  return new Reader(spec, source, po, (options ?? {}) as ReadDumpOptions<DumpRecordOf[K]>);
}

/** Options with `fields`: the records carry only those fields (and `id`). */
export type ReadDumpFieldsOptions<T, K extends keyof T> = ReadDumpOptions<T> & { fields: readonly K[] };

/**
 * Reads the releases of a Discogs releases dump (`discogs_YYYYMMDD_releases.xml.gz`), one per `for await`
 * step, as {@link DumpRelease} objects.
 *
 * @param source A file path or `file:` URL, a Node `Readable`, a Web `ReadableStream`, or the bytes;
 *   gzipped or plain XML (told apart by the bytes, not the name).
 * @param options See {@link ReadDumpOptions}.
 * @throws {TypeError} at once for a source or an option it does not accept.
 * @throws {DumpParseError} from the iteration, after every complete record before the fault was delivered.
 *
 * @example
 * ```ts
 * for await (const release of readReleases("discogs_20260601_releases.xml.gz")) {
 *   console.log(release.id, release.title);
 * }
 * ```
 */
export function readReleases<K extends keyof DumpRelease>(
  source: DumpSource,
  options: ReadDumpFieldsOptions<DumpRelease, K>,
): DumpReader<Pick<DumpRelease, K | "id">>;
export function readReleases(
  source: DumpSource,
  options?: ReadDumpOptions<DumpRelease>,
): DumpReader<DumpRelease>;
export function readReleases(
  source: DumpSource,
  options?: ReadDumpOptions<DumpRelease>,
): DumpReader<DumpRelease> {
  return reader("releases", source, options);
}

/**
 * Reads the artists of a Discogs artists dump (`discogs_YYYYMMDD_artists.xml.gz`) as {@link DumpArtist}
 * objects. Same source and options as {@link readReleases}.
 */
export function readArtists<K extends keyof DumpArtist>(
  source: DumpSource,
  options: ReadDumpFieldsOptions<DumpArtist, K>,
): DumpReader<Pick<DumpArtist, K | "id">>;
export function readArtists(
  source: DumpSource,
  options?: ReadDumpOptions<DumpArtist>,
): DumpReader<DumpArtist>;
export function readArtists(
  source: DumpSource,
  options?: ReadDumpOptions<DumpArtist>,
): DumpReader<DumpArtist> {
  return reader("artists", source, options);
}

/**
 * Reads the labels of a Discogs labels dump (`discogs_YYYYMMDD_labels.xml.gz`) as {@link DumpLabel}
 * objects. Same source and options as {@link readReleases}.
 */
export function readLabels<K extends keyof DumpLabel>(
  source: DumpSource,
  options: ReadDumpFieldsOptions<DumpLabel, K>,
): DumpReader<Pick<DumpLabel, K | "id">>;
export function readLabels(source: DumpSource, options?: ReadDumpOptions<DumpLabel>): DumpReader<DumpLabel>;
export function readLabels(source: DumpSource, options?: ReadDumpOptions<DumpLabel>): DumpReader<DumpLabel> {
  return reader("labels", source, options);
}

/**
 * Reads the masters of a Discogs masters dump (`discogs_YYYYMMDD_masters.xml.gz`) as {@link DumpMaster}
 * objects. Same source and options as {@link readReleases}.
 */
export function readMasters<K extends keyof DumpMaster>(
  source: DumpSource,
  options: ReadDumpFieldsOptions<DumpMaster, K>,
): DumpReader<Pick<DumpMaster, K | "id">>;
export function readMasters(
  source: DumpSource,
  options?: ReadDumpOptions<DumpMaster>,
): DumpReader<DumpMaster>;
export function readMasters(
  source: DumpSource,
  options?: ReadDumpOptions<DumpMaster>,
): DumpReader<DumpMaster> {
  return reader("masters", source, options);
}

/**
 * Reads a dump of the given kind: `readDump("releases", src)` is `readReleases(src)`. For code that picks
 * the kind at run time (a CLI, say).
 */
export function readDump<K extends DumpKind>(
  kind: K,
  source: DumpSource,
  options?: ReadDumpOptions<DumpRecordOf[K]>,
): DumpReader<DumpRecordOf[K]> {
  if (!Object.hasOwn(SPECS, kind))
    throw new TypeError(
      `readDump: unknown kind ${JSON.stringify(kind)} (releases, artists, labels or masters)`,
    );
  return reader(kind, source, options);
}
