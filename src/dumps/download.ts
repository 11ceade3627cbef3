/**
 * `listDumps` and `downloadDump`: the monthly dump files from data.discogs.com, as the site behaves in 2026
 * (see docs/dumps.md): an HTML listing per year (`?prefix=data%2F2026%2F`), files behind `?download=` links,
 * a `CHECKSUM.txt` per month written last, no `Range` support, no `Content-Length` on `HEAD`, and a one-hour
 * block (429, `retry-after` about 3600) after about 15 requests in a few minutes, for the whole host.
 *
 * Requests go to the configured origin only (data.discogs.com unless `baseUrl` says otherwise, for tests);
 * a redirect to another origin is refused. After a 429 every later call in this process fails at once with
 * the remaining wait, without a request, until the block is over: never a retry storm.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { onAbort } from "../core/abort";
import { DiscogsAbortError } from "../core/errors";
import { parseRetryAfterMs } from "../core/retry";
import { VERSION } from "../version";
import { DumpDownloadError } from "./errors";
import type { DumpKind } from "./types";

/** The one place the dumps are published. */
export const DUMPS_BASE_URL = "https://data.discogs.com/";

const KINDS: readonly DumpKind[] = ["releases", "artists", "labels", "masters"];
const USER_AGENT = `discogs-sdk/${VERSION} (dumps)`;
/** How long a year listing or a CHECKSUM.txt is reused within the process (each request counts toward the site's limit). */
const LISTING_TTL_MS = 10 * 60_000;
/** The wait assumed when a 429 carries no usable `retry-after` (the site blocks for about an hour). */
const DEFAULT_BLOCK_MS = 3600_000;
const MAX_REDIRECTS = 5;
const PROGRESS_EVERY_MS = 200;

/** One file of a month's dump. */
export interface DumpFileInfo {
  /** `"releases"`, `"artists"`, `"labels"`, `"masters"`, or `"checksum"` for `CHECKSUM.txt`. */
  kind: DumpKind | "checksum";
  /** File name, e.g. `discogs_20260601_releases.xml.gz`. */
  name: string;
  /** Key on the site, e.g. `data/2026/discogs_20260601_releases.xml.gz`. */
  key: string;
  /** The `?download=` URL. */
  url: string;
  /** Size in bytes as the listing prints it (rounded, e.g. "10.3 GB"), when the listing shows one. */
  approxBytes: number | undefined;
  /** Date and time the listing shows (UTC, `"2026-06-01 19:22:10"`), when it shows one. */
  lastModified: string | undefined;
}

/** The dump of one month. */
export interface DumpMonth {
  /** `"2026-06"`: what {@link downloadDump} takes as `date`. */
  date: string;
  /** The date in the file names, `"20260601"` (the 1st in recent years; `"20200806"` in 2020). */
  stamp: string;
  /** Whether all four data files and `CHECKSUM.txt` are there (the checksum file is written last). */
  complete: boolean;
  /** The month's files, by name. */
  files: DumpFileInfo[];
}

/** Options of {@link listDumps}. */
export interface ListDumpsOptions {
  /**
   * The year to list. Without it, the site's root page is read to find the latest year (one more request),
   * and the year before is listed too when the latest has no complete month yet.
   * @default the latest year on the site
   */
  year?: number;
  /**
   * The site. Only for tests against a local copy of the site; every request and redirect must stay on its origin.
   * @default "https://data.discogs.com/"
   */
  baseUrl?: string;
  /** Cancels the listing. @default undefined */
  signal?: AbortSignal;
}

/** Progress of a download, passed to `onProgress`. */
export interface DumpDownloadProgress {
  /** Bytes received in the current attempt. */
  bytes: number;
  /** The size: exact from `content-length` when sent, else the listing's rounded size. */
  totalBytes: number | undefined;
  /** Average speed of the current attempt. */
  bytesPerSecond: number;
  /** How many times the download started over from the first byte so far. */
  restarts: number;
  /** `true` on the last call, once the file is complete and verified. */
  done: boolean;
}

/** Options of {@link downloadDump}. */
export interface DownloadDumpOptions {
  /** The month, `"YYYY-MM"`, e.g. `"2026-06"`. */
  date: string;
  /** Which file: `"releases"`, `"artists"`, `"labels"` or `"masters"`. */
  kind: DumpKind;
  /**
   * Where to save it: an existing directory, or a path ending in a separator (created), gets the file under
   * its Discogs name; any other path is the file's own path. The bytes go to `<file>.partial` first and are
   * renamed only once their SHA-256 matches.
   */
  to: string;
  /** The site; for tests only. @default "https://data.discogs.com/" */
  baseUrl?: string;
  /** Cancels the download (the partial file is removed). @default undefined */
  signal?: AbortSignal;
  /**
   * How many times a broken download starts over. The site ignores `Range`, so each restart begins at byte 0
   * (and says so on the progress line and through `onProgress`). Each attempt is a request toward the site's limit.
   * @default 1
   */
  restarts?: number;
  /**
   * Print a progress line on stderr. Only a terminal gets it by default; a pipe gets nothing.
   * @default process.stderr.isTTY
   */
  progress?: boolean;
  /** Called with the progress at most every 200 ms, and once at the end. @default undefined */
  onProgress?: (progress: DumpDownloadProgress) => void;
}

/** A downloaded and verified dump file. */
export interface DownloadedDump {
  /** Where it was saved. */
  path: string;
  /** Its Discogs name. */
  name: string;
  /** The month asked for, `"YYYY-MM"`. */
  date: string;
  /** The kind asked for. */
  kind: DumpKind;
  /** Its size in bytes. */
  bytes: number;
  /** Its SHA-256 (lower-case hex), equal to the month's CHECKSUM.txt. */
  sha256: string;
  /** How many times the download started over. */
  restarts: number;
}

// --- the site's block -----------------------------------------------------------------------------------------

/** Per origin: when the site's 429 block ends (epoch milliseconds). One fact for the whole process. */
const blockedUntil = new Map<string, number>();
/** Per URL: a listing or checksum text and when it was fetched. */
const textCache = new Map<string, { at: number; text: string }>();

function formatWait(ms: number): string {
  const s = Math.ceil(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

function checkBlock(url: URL): void {
  const until = blockedUntil.get(url.origin);
  if (until === undefined) return;
  const wait = until - Date.now();
  if (wait <= 0) {
    blockedUntil.delete(url.origin);
    return;
  }
  throw new DumpDownloadError({
    reason: "rate_limited",
    message:
      `${url.host} blocked this machine after too many requests (HTTP 429); no request was sent. ` +
      `Wait ${formatWait(wait)} (until ${new Date(until).toISOString()}).`,
    url: url.href,
    status: 429,
    retryAfterMs: wait,
  });
}

function baseOf(baseUrl: string | undefined, fn: string): URL {
  const raw = baseUrl ?? DUMPS_BASE_URL;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new TypeError(`${fn}: baseUrl is not a URL: ${JSON.stringify(raw)}`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new TypeError(`${fn}: baseUrl must be http(s), got ${u.protocol}`);
  if (u.search || u.hash) throw new TypeError(`${fn}: baseUrl must have no query or fragment`);
  if (!u.pathname.endsWith("/")) u.pathname += "/";
  return u;
}

/**
 * One GET on the site: respects an earlier 429's block, follows same-origin redirects only, turns 429 into
 * a block and an error. Returns the 2xx response.
 */
async function siteGet(url: URL, signal: AbortSignal | undefined): Promise<Response> {
  const origin = url.origin;
  let current = url;
  for (let hop = 0; ; hop++) {
    checkBlock(current);
    let res: Response;
    try {
      res = await fetch(current, {
        method: "GET",
        redirect: "manual",
        signal,
        headers: { "user-agent": USER_AGENT, accept: "*/*" },
      });
    } catch (e) {
      if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
      throw new DumpDownloadError({
        reason: "http_status",
        message: `Could not reach ${current.host}: ${(e as Error).message}`,
        url: current.href,
        cause: e,
      });
    }
    if (res.status >= 300 && res.status < 400 && res.headers.has("location")) {
      await res.body?.cancel();
      const next = new URL(res.headers.get("location")!, current);
      if (next.origin !== origin)
        throw new DumpDownloadError({
          reason: "redirect_refused",
          message: `${current.host} redirected to another origin (${next.origin}); dumps are only fetched from ${origin}`,
          url: current.href,
          status: res.status,
        });
      if (hop >= MAX_REDIRECTS)
        throw new DumpDownloadError({
          reason: "http_status",
          message: `Too many redirects from ${url.href}`,
          url: url.href,
          status: res.status,
        });
      current = next;
      continue;
    }
    if (res.status === 429) {
      await res.body?.cancel();
      const wait = parseRetryAfterMs(res.headers.get("retry-after"), Date.now()) ?? DEFAULT_BLOCK_MS;
      const until = Date.now() + wait;
      blockedUntil.set(origin, Math.max(until, blockedUntil.get(origin) ?? 0));
      throw new DumpDownloadError({
        reason: "rate_limited",
        message:
          `${current.host} answered 429: it allows about 15 requests in a few minutes, then blocks the host for ` +
          `about an hour. Wait ${formatWait(wait)} (until ${new Date(until).toISOString()}); ` +
          `calls before then fail at once without a request.`,
        url: current.href,
        status: 429,
        retryAfterMs: wait,
      });
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new DumpDownloadError({
        reason: res.status === 404 ? "not_found" : "http_status",
        message: `${current.host} answered ${res.status} ${res.statusText} for ${current.pathname}${current.search}`,
        url: current.href,
        status: res.status,
      });
    }
    return res;
  }
}

/** A text resource of the site, reused for {@link LISTING_TTL_MS} within the process. */
async function siteText(url: URL, signal: AbortSignal | undefined): Promise<string> {
  const hit = textCache.get(url.href);
  if (hit && Date.now() - hit.at < LISTING_TTL_MS) return hit.text;
  const res = await siteGet(url, signal);
  const text = await res.text();
  textCache.set(url.href, { at: Date.now(), text });
  return text;
}

// --- listing -------------------------------------------------------------------------------------------------

const FILE_RE = /^discogs_(\d{4})(\d{2})(\d{2})_(artists|labels|masters|releases|CHECKSUM)\.(xml\.gz|txt)$/;
const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** The `?download=` rows of a year listing. */
export function parseListing(html: string, base: URL): DumpFileInfo[] {
  const out: DumpFileInfo[] = [];
  const seen = new Set<string>();
  // A row: optional "date time  size" text, then a link whose href ends in `?download=<key>` (quoted either way,
  // relative or absolute: only the key is used, the URL is rebuilt on the configured origin).
  const re =
    /(?:(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?)\s+([\d.]+)\s*([KMGT]?i?B)\s*)?<a[^>]*href=["'][^"'?]*\?download=([^"'&]+)/gi;
  for (const m of html.matchAll(re)) {
    let key: string;
    try {
      key = decodeURIComponent(m[4]!.replace(/&amp;/g, "&"));
    } catch {
      continue;
    }
    const name = key.slice(key.lastIndexOf("/") + 1);
    const f = FILE_RE.exec(name);
    if (!f || seen.has(key)) continue;
    seen.add(key);
    const unit = m[3]?.toUpperCase().replace("I", "");
    const url = new URL(base);
    url.search = `?download=${encodeURIComponent(key)}`;
    out.push({
      kind: f[4] === "CHECKSUM" ? "checksum" : (f[4] as DumpKind),
      name,
      key,
      url: url.href,
      approxBytes: m[2] && unit && UNITS[unit] ? Math.round(Number(m[2]) * UNITS[unit]!) : undefined,
      lastModified: m[1],
    });
  }
  return out;
}

function groupMonths(files: DumpFileInfo[]): DumpMonth[] {
  const byStamp = new Map<string, DumpFileInfo[]>();
  for (const f of files) {
    const stamp = FILE_RE.exec(f.name)!.slice(1, 4).join("");
    let list = byStamp.get(stamp);
    if (!list) byStamp.set(stamp, (list = []));
    list.push(f);
  }
  const months: DumpMonth[] = [];
  for (const [stamp, list] of byStamp) {
    const kinds = new Set(list.map((f) => f.kind));
    months.push({
      date: `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}`,
      stamp,
      complete: KINDS.every((k) => kinds.has(k)) && kinds.has("checksum"),
      files: list.sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return months.sort((a, b) => a.stamp.localeCompare(b.stamp));
}

function yearUrl(base: URL, year: number): URL {
  const u = new URL(base);
  u.search = `?prefix=${encodeURIComponent(`data/${year}/`)}`;
  return u;
}

function checkOptions(fn: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options))
    if (!known.includes(key))
      throw new TypeError(`${fn}: unknown option "${key}" (known: ${known.join(", ")})`);
  const o = options as { signal?: unknown };
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal))
    throw new TypeError(`${fn}: signal must be an AbortSignal`);
}

/**
 * The months of dumps on data.discogs.com, oldest first, each with its files (name, `?download=` URL,
 * listed size). One request for a given `year` (two or three without), reused for 10 minutes within the process.
 *
 * @throws {DumpDownloadError} `rate_limited` (with `retryAfterMs`) when the site blocks requests.
 *
 * @example
 * ```ts
 * const months = await listDumps({ year: 2026 });
 * const latest = months.filter((m) => m.complete).at(-1);
 * ```
 */
export async function listDumps(options: ListDumpsOptions = {}): Promise<DumpMonth[]> {
  if (options === null || typeof options !== "object")
    throw new TypeError("listDumps: options must be an object");
  checkOptions("listDumps", options, ["year", "baseUrl", "signal"]);
  const { year, signal } = options;
  if (year !== undefined && (!Number.isInteger(year) || year < 1990 || year > 9999))
    throw new TypeError(`listDumps: year must be a four-digit integer, got ${String(year)}`);
  const base = baseOf(options.baseUrl, "listDumps");
  if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
  if (year !== undefined) return groupMonths(parseListing(await siteText(yearUrl(base, year), signal), base));
  const root = await siteText(base, signal);
  const years = [...root.matchAll(/href="\?prefix=data%2F(\d{4})%2F"/gi)].map((m) => Number(m[1]));
  if (years.length === 0) return [];
  const latest = Math.max(...years);
  let months = groupMonths(parseListing(await siteText(yearUrl(base, latest), signal), base));
  if (!months.some((m) => m.complete) && years.includes(latest - 1))
    months = groupMonths(parseListing(await siteText(yearUrl(base, latest - 1), signal), base)).concat(
      months,
    );
  return months;
}

// --- checksums -----------------------------------------------------------------------------------------------

/**
 * The SHA-256 of each file in a CHECKSUM.txt: `hex64 name` pairs split on any whitespace (the site writes a
 * single space, `sha256sum` two; a leading `*` marks binary mode and is dropped).
 */
export function parseChecksums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const tokens = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const hash = tokens[i]!;
    if (!/^[0-9a-fA-F]{64}$/.test(hash)) continue;
    const name = tokens[i + 1]!.replace(/^\*/, "");
    out.set(name, hash.toLowerCase());
    i++;
  }
  return out;
}

// --- download ------------------------------------------------------------------------------------------------

const DOWNLOAD_KEYS = [
  "date",
  "kind",
  "to",
  "baseUrl",
  "signal",
  "restarts",
  "progress",
  "onProgress",
] as const;

function humanBytes(n: number): string {
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** The progress line of a download on a terminal (stderr). */
class ProgressLine {
  private last = 0;
  private shown = false;
  constructor(
    private readonly name: string,
    private readonly enabled: boolean,
  ) {}

  update(bytes: number, total: number | undefined, bps: number, force = false): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (!force && now - this.last < PROGRESS_EVERY_MS) return;
    this.last = now;
    const pct = total ? ` ${Math.min(99.9, (bytes / total) * 100).toFixed(1)}%` : "";
    const eta = total && bps > 0 ? `  ETA ${formatWait(((total - bytes) / bps) * 1000)}` : "";
    const of = total ? ` / ${humanBytes(total)}` : "";
    process.stderr.write(`\r${this.name}  ${humanBytes(bytes)}${of}${pct}  ${humanBytes(bps)}/s${eta}\x1b[K`);
    this.shown = true;
  }

  say(message: string): void {
    if (!this.enabled) return;
    process.stderr.write(`${this.shown ? "\n" : ""}${message}\n`);
    this.shown = false;
  }

  end(): void {
    if (this.enabled && this.shown) process.stderr.write("\n");
    this.shown = false;
  }
}

async function resolveTarget(to: string, name: string): Promise<string> {
  if (to.endsWith("/") || to.endsWith(path.sep)) {
    await mkdir(to, { recursive: true });
    return path.join(to, name);
  }
  try {
    if ((await stat(to)).isDirectory()) return path.join(to, name);
  } catch {
    // not there yet: a file path
  }
  await mkdir(path.dirname(path.resolve(to)), { recursive: true });
  return to;
}

/**
 * Downloads one dump file from data.discogs.com and verifies its SHA-256 against the month's CHECKSUM.txt while
 * it streams to disk. Three requests for the first file of a month (year listing, CHECKSUM.txt, the file), one
 * for each other file of that month within 10 minutes.
 *
 * @throws {TypeError} at once for a bad option.
 * @throws {DumpDownloadError} `not_found` (month, file or checksum line missing: an incomplete month has no
 *   CHECKSUM.txt yet), `rate_limited` (`retryAfterMs`), `checksum_mismatch` (nothing kept), `interrupted`
 *   (no restart left), `redirect_refused`, `http_status`.
 * @throws {DiscogsAbortError} when `signal` aborts (the partial file is removed).
 *
 * @example
 * ```ts
 * const file = await downloadDump({ date: "2026-06", kind: "releases", to: "./dumps/" });
 * for await (const release of readReleases(file.path)) {
 *   // ...
 * }
 * ```
 */
export async function downloadDump(options: DownloadDumpOptions): Promise<DownloadedDump> {
  if (options === null || typeof options !== "object")
    throw new TypeError("downloadDump: options must be an object");
  checkOptions("downloadDump", options, DOWNLOAD_KEYS);
  const { date, kind, to, signal } = options;
  if (typeof date !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(date))
    throw new TypeError(`downloadDump: date must be "YYYY-MM", e.g. "2026-06", got ${JSON.stringify(date)}`);
  if (!KINDS.includes(kind))
    throw new TypeError(`downloadDump: kind must be one of ${KINDS.join(", ")}, got ${JSON.stringify(kind)}`);
  if (typeof to !== "string" || to === "") throw new TypeError("downloadDump: to must be a path");
  const restarts = options.restarts ?? 1;
  if (!Number.isInteger(restarts) || restarts < 0)
    throw new TypeError(`downloadDump: restarts must be a non-negative integer, got ${String(restarts)}`);
  if (options.progress !== undefined && typeof options.progress !== "boolean")
    throw new TypeError("downloadDump: progress must be a boolean");
  if (options.onProgress !== undefined && typeof options.onProgress !== "function")
    throw new TypeError("downloadDump: onProgress must be a function");
  const base = baseOf(options.baseUrl, "downloadDump");
  if (signal?.aborted) throw new DiscogsAbortError(signal.reason);

  const year = Number(date.slice(0, 4));
  let listingUrl = yearUrl(base, year);
  let months: DumpMonth[] = [];
  try {
    months = groupMonths(parseListing(await siteText(listingUrl, signal), base));
  } catch (e) {
    if (!(e instanceof DumpDownloadError && e.reason === "not_found")) throw e;
  }
  if (!months.some((m) => m.date === date)) {
    // A copy of the site may list every file on its root page instead of per year.
    const rootMonths = groupMonths(parseListing(await siteText(base, signal), base));
    if (rootMonths.some((m) => m.date === date)) {
      months = rootMonths;
      listingUrl = base;
    }
  }
  const month = months.find((m) => m.date === date);
  const file = month?.files.find((f) => f.kind === kind);
  if (!month || !file)
    throw new DumpDownloadError({
      reason: "not_found",
      message:
        `No ${kind} dump for ${date} on ${base.host}` +
        (months.length
          ? ` (${year} has: ${months.map((m) => m.date).join(", ")})`
          : ` (nothing listed for ${year})`),
      url: listingUrl.href,
    });
  const sumFile = month.files.find((f) => f.kind === "checksum");
  if (!sumFile)
    throw new DumpDownloadError({
      reason: "not_found",
      message: `The ${date} dump has no CHECKSUM.txt yet (it is written last, once the month is complete): try again later`,
      url: listingUrl.href,
    });
  const sums = parseChecksums(await siteText(new URL(sumFile.url), signal));
  const expected = sums.get(file.name);
  if (!expected)
    throw new DumpDownloadError({
      reason: "not_found",
      message: `${sumFile.name} has no line for ${file.name}`,
      url: sumFile.url,
    });

  const target = await resolveTarget(to, file.name);
  const partial = `${target}.partial`;
  const line = new ProgressLine(file.name, options.progress ?? process.stderr.isTTY === true);
  let restarted = 0;
  let leftover = false;
  try {
    await stat(partial);
    leftover = true;
  } catch {
    // no earlier attempt
  }
  if (leftover)
    line.say(
      `${file.name}: a partial file from an earlier attempt is there; the site cannot resume, starting over from the first byte`,
    );

  try {
    for (;;) {
      const result = await attempt(
        file.url,
        partial,
        expected,
        file.approxBytes,
        signal,
        line,
        restarted,
        options.onProgress,
      );
      if (result.ok) {
        await rename(partial, target);
        line.end();
        options.onProgress?.({
          bytes: result.bytes,
          totalBytes: result.bytes,
          bytesPerSecond: result.bps,
          restarts: restarted,
          done: true,
        });
        return {
          path: target,
          name: file.name,
          date,
          kind,
          bytes: result.bytes,
          sha256: expected,
          restarts: restarted,
        };
      }
      if (restarted >= restarts)
        throw new DumpDownloadError({
          reason: "interrupted",
          message:
            `The download of ${file.name} broke after ${humanBytes(result.bytes)} (${result.error.message}); ` +
            `the site cannot resume, and no restart is left (restarts: ${restarts})`,
          url: file.url,
          cause: result.error,
        });
      restarted++;
      line.say(
        `${file.name}: the connection broke after ${humanBytes(result.bytes)} (${result.error.message}); ` +
          `the site cannot resume, restarting from the first byte (restart ${restarted} of ${restarts})`,
      );
    }
  } catch (e) {
    line.end();
    await rm(partial, { force: true });
    throw e;
  }
}

type Attempt = { ok: true; bytes: number; bps: number } | { ok: false; bytes: number; error: Error };

/** One GET of the file into `partial`, hashing as it goes. A broken connection is a result, not a throw. */
async function attempt(
  url: string,
  partial: string,
  expected: string,
  approx: number | undefined,
  signal: AbortSignal | undefined,
  line: ProgressLine,
  restarts: number,
  onProgress: DownloadDumpOptions["onProgress"],
): Promise<Attempt> {
  const res = await siteGet(new URL(url), signal);
  const length = Number(res.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : approx;
  const hash = createHash("sha256");
  const fh = await open(partial, "w");
  const reader = res.body!.getReader();
  const stopOnAbort = onAbort(signal, () => void reader.cancel().catch(() => undefined));
  const started = performance.now();
  let bytes = 0;
  let lastReport = 0;
  let finished = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
        finished = true;
        return { ok: false, bytes, error: e instanceof Error ? e : new Error(String(e)) };
      }
      if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
      if (chunk.done) {
        finished = true;
        break;
      }
      hash.update(chunk.value);
      await fh.write(chunk.value);
      bytes += chunk.value.length;
      const now = performance.now();
      const bps = (bytes * 1000) / Math.max(1, now - started);
      line.update(bytes, total, bps);
      if (onProgress && now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        onProgress({ bytes, totalBytes: total, bytesPerSecond: bps, restarts, done: false });
      }
    }
  } finally {
    stopOnAbort();
    // An early exit (abort, a failed write) must not leave the connection open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
    await fh.close();
  }
  if (Number.isFinite(length) && length > 0 && bytes !== length)
    return { ok: false, bytes, error: new Error(`got ${bytes} of ${length} bytes`) };
  const actual = hash.digest("hex");
  const bps = (bytes * 1000) / Math.max(1, performance.now() - started);
  line.update(bytes, bytes, bps, true);
  if (actual !== expected) {
    // The month may have been re-uploaded: read CHECKSUM.txt afresh next time.
    textCache.clear();
    throw new DumpDownloadError({
      reason: "checksum_mismatch",
      message: `SHA-256 of ${path.basename(partial, ".partial")} is ${actual}, CHECKSUM.txt says ${expected}; the file was not kept`,
      url,
    });
  }
  return { ok: true, bytes, bps };
}
