/**
 * Where the dump's bytes come from: a file path, a Node `Readable`, a Web `ReadableStream` or bytes in
 * memory, gzipped or plain (told apart by the gzip magic bytes `1f 8b`, not by the name). Gunzip runs in
 * zlib's stream, whose work is done on libuv's thread pool: it inflates ahead of the parser (up to
 * {@link READ_AHEAD} bytes) while the main thread parses, so the two use both cores.
 *
 * Every source is opened in {@link openSource} and released by {@link ByteSource.close}, which the reader
 * calls in one `finally`; `close` is idempotent and makes a pending `read` end at once.
 *
 * Internal to the package (not exported from an entry point).
 * @module
 */

import { open, type FileHandle } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createGunzip, type Gunzip } from "node:zlib";

/** What the readers accept as a dump. */
export type DumpSource =
  string | URL | Uint8Array | ArrayBuffer | NodeJS.ReadableStream | ReadableStream<Uint8Array>;

/** Bytes read from a file per read call. */
const FILE_CHUNK = 1 << 20;
/** Bytes of an in-memory source handed on at a time. */
const MEMORY_CHUNK = 1 << 20;
/** Output chunk of gunzip. */
const INFLATE_CHUNK = 256 << 10;
/** Inflated bytes queued ahead of the parser before gunzip is paused. */
export const READ_AHEAD = 4 << 20;

/** A pull source of uncompressed XML bytes. */
export interface ByteSource {
  /** The next chunk of XML, or `null` at the end. Rejects on a read or gunzip error. */
  read(): Promise<Buffer | null>;
  /** Releases everything (file handle, streams); a pending `read` resolves `null` or rejects. Idempotent. */
  close(): Promise<void>;
  /** Bytes read from the source so far (compressed bytes for a gzipped source). */
  readonly bytesRead: number;
  /** The source's size in bytes when known (a file, bytes in memory). */
  readonly totalBytes: number | undefined;
  /** Whether the source is gzipped (known after the first `read`). */
  readonly gzipped: boolean;
}

/** A pull source of raw bytes (before gunzip). */
interface RawSource {
  read(): Promise<Buffer | null>;
  close(): Promise<void>;
  totalBytes: number | undefined;
}

function toBuffer(chunk: unknown, what: string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(
    `${what} yielded a ${typeof chunk === "string" ? "string" : typeof chunk} chunk: a dump source must yield bytes ` +
      `(do not call setEncoding on it)`,
  );
}

/** Checks a source's type (a `TypeError` before anything is opened). */
export function checkSource(source: unknown): asserts source is DumpSource {
  if (typeof source === "string") {
    if (source === "") throw new TypeError("source: an empty path");
    return;
  }
  if (source instanceof URL) {
    if (source.protocol !== "file:")
      throw new TypeError(`source: only file: URLs can be read, got ${source.protocol}`);
    return;
  }
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return;
  if (source !== null && typeof source === "object") {
    const s = source as Record<string | symbol, unknown>;
    if (typeof s.getReader === "function") return;
    if (typeof s[Symbol.asyncIterator] === "function" && typeof s.pipe === "function") return;
  }
  throw new TypeError(
    "source: expected a file path, a file: URL, a Node Readable, a Web ReadableStream or bytes (Uint8Array/Buffer)",
  );
}

async function openRaw(source: DumpSource): Promise<RawSource> {
  if (typeof source === "string" || source instanceof URL) {
    const path = typeof source === "string" ? source : fileURLToPath(source);
    const fh: FileHandle = await open(path, "r");
    let size: number | undefined;
    try {
      size = (await fh.stat()).size;
    } catch (e) {
      await fh.close();
      throw e;
    }
    let closed = false;
    let reading: Promise<unknown> = Promise.resolve();
    return {
      totalBytes: size,
      async read() {
        if (closed) return null;
        const buf = Buffer.allocUnsafe(FILE_CHUNK);
        const pending = fh.read(buf, 0, FILE_CHUNK, null);
        reading = pending.catch(() => undefined);
        const { bytesRead } = await pending;
        if (closed) return null;
        return bytesRead === 0 ? null : buf.subarray(0, bytesRead);
      },
      async close() {
        if (closed) return;
        closed = true;
        // Let an in-flight read finish on the handle before closing it.
        await reading;
        await fh.close();
      },
    };
  }
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const all = source instanceof ArrayBuffer ? Buffer.from(source) : toBuffer(source, "source");
    let at = 0;
    return {
      totalBytes: all.length,
      async read() {
        if (at >= all.length) return null;
        const chunk = all.subarray(at, Math.min(all.length, at + MEMORY_CHUNK));
        at += chunk.length;
        return chunk;
      },
      async close() {
        at = all.length;
      },
    };
  }
  const s = source as unknown as Record<string | symbol, unknown>;
  if (typeof s.getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    let closed = false;
    return {
      totalBytes: undefined,
      async read() {
        if (closed) return null;
        const { value, done } = await reader.read();
        if (done || closed) return null;
        return toBuffer(value, "The ReadableStream");
      },
      async close() {
        if (closed) return;
        closed = true;
        try {
          await reader.cancel();
        } catch {
          // the stream had already failed; nothing left to release
        }
        reader.releaseLock();
      },
    };
  }
  const readable = source as NodeJS.ReadableStream & { destroy?: () => void };
  const it = readable[Symbol.asyncIterator]();
  let closed = false;
  return {
    totalBytes: undefined,
    async read() {
      if (closed) return null;
      const { value, done } = await it.next();
      if (done || closed) return null;
      return toBuffer(value, "The Readable");
    },
    async close() {
      if (closed) return;
      closed = true;
      readable.destroy?.();
      try {
        await it.return?.();
      } catch {
        // destroyed streams may reject their iterator's return; the stream is released either way
      }
    },
  };
}

/** Opens `source` and returns its uncompressed bytes as a pull source. */
export async function openSource(source: DumpSource): Promise<ByteSource> {
  const raw = await openRaw(source);
  let bytesRead = 0;
  let first: Buffer | null;
  try {
    // Read until there are two bytes to look at (a stream may hand out a single byte first).
    first = await raw.read();
    while (first !== null && first.length < 2) {
      const more = await raw.read();
      if (more === null) break;
      first = Buffer.concat([first, more]);
    }
  } catch (e) {
    await raw.close();
    throw e;
  }
  if (first !== null) bytesRead += first.length;
  const gzipped = first !== null && first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  if (!gzipped) {
    let pendingFirst = first;
    return {
      get bytesRead() {
        return bytesRead;
      },
      totalBytes: raw.totalBytes,
      gzipped: false,
      async read() {
        if (pendingFirst !== null) {
          const c = pendingFirst;
          pendingFirst = null;
          return c;
        }
        const c = await raw.read();
        if (c !== null) bytesRead += c.length;
        return c;
      },
      close: () => raw.close(),
    };
  }
  return new GunzipSource(raw, first!, bytesRead);
}

/** Gunzip in zlib's stream (thread pool), with a bounded queue of inflated chunks ahead of the parser. */
class GunzipSource implements ByteSource {
  readonly gzipped = true;
  readonly totalBytes: number | undefined;
  bytesRead: number;
  private readonly z: Gunzip;
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private ended = false;
  private error: Error | null = null;
  private closed = false;
  private wake: (() => void) | null = null;
  private drain: (() => void) | null = null;
  private readonly pump: Promise<void>;

  constructor(
    private readonly raw: RawSource,
    first: Buffer,
    bytesRead: number,
  ) {
    this.totalBytes = raw.totalBytes;
    this.bytesRead = bytesRead;
    this.z = createGunzip({ chunkSize: INFLATE_CHUNK });
    this.z.on("data", (chunk: Buffer) => {
      this.queue.push(chunk);
      this.queued += chunk.length;
      if (this.queued >= READ_AHEAD) this.z.pause();
      this.signal();
    });
    this.z.on("end", () => {
      this.ended = true;
      this.signal();
    });
    this.z.on("error", (err: Error) => {
      this.error ??= err;
      this.signal();
      this.release();
    });
    this.z.on("drain", () => this.release());
    this.pump = this.feed(first);
  }

  private signal(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private release(): void {
    const d = this.drain;
    this.drain = null;
    d?.();
  }

  /** Writes the raw bytes into gunzip, waiting for `drain` when its input buffer is full. */
  private async feed(first: Buffer): Promise<void> {
    try {
      let chunk: Buffer | null = first;
      while (chunk !== null && !this.closed && this.error === null) {
        if (!this.z.write(chunk)) {
          await new Promise<void>((resolve) => {
            this.drain = resolve;
          });
        }
        if (this.closed || this.error !== null) break;
        chunk = await this.raw.read();
        if (chunk !== null) this.bytesRead += chunk.length;
      }
      if (!this.closed && this.error === null) this.z.end();
    } catch (e) {
      this.error ??= e instanceof Error ? e : new Error(String(e));
      this.signal();
    }
  }

  async read(): Promise<Buffer | null> {
    for (;;) {
      if (this.queue.length > 0) {
        const c = this.queue.shift()!;
        this.queued -= c.length;
        if (this.queued < READ_AHEAD / 2 && this.z.isPaused() && !this.closed) this.z.resume();
        return c;
      }
      if (this.error !== null) throw this.error;
      if (this.ended || this.closed) return null;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.queued = 0;
    this.z.destroy();
    this.signal();
    this.release();
    // Close the raw source first: a pump waiting on a stream's read is released by it.
    await this.raw.close();
    await this.pump;
  }
}
