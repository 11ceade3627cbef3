/**
 * A local stand-in for data.discogs.com as it behaves in 2026 (`../shared/reference/dumps/RESEARCH.md` §1):
 *
 * - `/` lists the years as `<a href="?prefix=data%2F2026%2F">2026/</a>`;
 * - `/?prefix=data%2FYYYY%2F` lists that year's files as rows `date time  size  <a href="?download=…">name</a>`,
 *   sizes rounded in MB/GB (base 1024) as the site prints them;
 * - `/?download=data%2FYYYY%2Fname` sends the file as an attachment: no `Content-Length` (chunked), `Range`
 *   ignored (always 200 and the whole file);
 * - `discogs_YYYYMMDD_CHECKSUM.txt` holds `hex64 name` lines with a single space, in no fixed order;
 * - after `limit` requests within `windowMs` every request (any path, HEAD included) gets 429 with
 *   `retry-after: 3574` and `{"message":"You are making requests too quickly."}`.
 *
 * Faults for tests: `dropAfter` (the connection breaks after N bytes of a file, for the next `times` downloads),
 * `redirect` (a download answers 302 to another origin), `checksumOverride` (a wrong line in CHECKSUM.txt).
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface DumpSiteRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  status: number;
}

export interface DumpSiteOptions {
  /** Files by key, e.g. `data/2026/discogs_20260601_releases.xml.gz`. A month's CHECKSUM.txt is made from them unless given. */
  files: Record<string, Buffer | string>;
  /** Requests allowed within `windowMs` before the 429s start. @default 15 */
  limit?: number;
  /** @default 360000 (6 minutes) */
  windowMs?: number;
  /** The `retry-after` of the 429, in seconds. @default 3574 */
  retryAfter?: number;
  /** Separator between hash and name in CHECKSUM.txt. @default " " */
  checksumSeparator?: string;
  /** Months (stamps such as "20260601") for which no CHECKSUM.txt is listed yet (a month still being written). */
  incomplete?: string[];
}

export interface DumpSite {
  url: string;
  requests: DumpSiteRequest[];
  /** Breaks the connection after `bytes` bytes of `key`, for the next `times` downloads of it. */
  dropAfter(key: string, bytes: number, times?: number): void;
  /** Makes downloads of `key` answer 302 to `location`. */
  redirect(key: string, location: string): void;
  /** Replaces the hash of `name` in its month's CHECKSUM.txt. */
  checksumOverride(name: string, hash: string): void;
  /** Forgets the requests counted toward the limit. */
  resetLimit(): void;
  close(): Promise<void>;
}

const MONTHS_PREFIX = /^data\/(\d{4})\/discogs_(\d{8})_/;

function listedSize(n: number): string {
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

export async function startDumpSite(options: DumpSiteOptions): Promise<DumpSite> {
  const limit = options.limit ?? 15;
  const windowMs = options.windowMs ?? 360_000;
  const retryAfter = options.retryAfter ?? 3574;
  const sep = options.checksumSeparator ?? " ";
  const files = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(options.files)) files.set(k, Buffer.isBuffer(v) ? v : Buffer.from(v));
  const overrides = new Map<string, string>();
  const drops = new Map<string, { bytes: number; times: number }>();
  const redirects = new Map<string, string>();
  const incomplete = new Set(options.incomplete ?? []);

  // CHECKSUM.txt for each month that has data files and is not marked incomplete.
  const checksumKey = (year: string, stamp: string) => `data/${year}/discogs_${stamp}_CHECKSUM.txt`;
  const checksumText = (year: string, stamp: string): string => {
    const lines: string[] = [];
    for (const [key, body] of files) {
      const m = MONTHS_PREFIX.exec(key);
      if (!m || m[1] !== year || m[2] !== stamp || key.endsWith("CHECKSUM.txt")) continue;
      const name = key.slice(key.lastIndexOf("/") + 1);
      lines.push(`${overrides.get(name) ?? createHash("sha256").update(body).digest("hex")}${sep}${name}`);
    }
    return lines.reverse().join("\n") + "\n";
  };
  const allKeys = (): string[] => {
    const keys = new Set(files.keys());
    for (const key of files.keys()) {
      const m = MONTHS_PREFIX.exec(key);
      if (m && !incomplete.has(m[2]!)) keys.add(checksumKey(m[1]!, m[2]!));
    }
    return [...keys].sort();
  };
  const body = (key: string): Buffer | undefined => {
    if (key.endsWith("_CHECKSUM.txt")) {
      const m = MONTHS_PREFIX.exec(key);
      if (!m || incomplete.has(m[2]!) || !allKeys().includes(key)) return undefined;
      return Buffer.from(checksumText(m[1]!, m[2]!));
    }
    return files.get(key);
  };

  const requests: DumpSiteRequest[] = [];
  let counted: number[] = [];
  let blockedUntil = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const record = (status: number) =>
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, status });
    const now = Date.now();
    counted = counted.filter((t) => now - t < windowMs);
    if (now < blockedUntil || counted.length >= limit) {
      if (now >= blockedUntil) blockedUntil = now + retryAfter * 1000;
      record(429);
      res.writeHead(429, {
        "content-type": "application/json",
        "retry-after": String(retryAfter),
        server: "cloudflare",
      });
      res.end(JSON.stringify({ message: "You are making requests too quickly." }));
      return;
    }
    counted.push(now);
    const html = (status: number, text: string) => {
      record(status);
      res.writeHead(status, { "content-type": "text/html; charset=utf-8", server: "cloudflare" });
      res.end(req.method === "HEAD" ? undefined : text);
    };
    const download = url.searchParams.get("download");
    const prefix = url.searchParams.get("prefix");
    if (url.pathname !== "/") return html(404, "<h1>Not found</h1>");
    if (download !== null) {
      const data = body(download);
      if (!data) return html(404, "<h1>Not found</h1>");
      const target = redirects.get(download);
      if (target) {
        record(302);
        res.writeHead(302, { location: target });
        res.end();
        return;
      }
      record(200);
      // Range is ignored; no Content-Length (chunked), as an attachment.
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename="${download.slice(download.lastIndexOf("/") + 1)}"`,
        server: "cloudflare",
      });
      if (req.method === "HEAD") return res.end();
      const drop = drops.get(download);
      if (drop && drop.times > 0) {
        drop.times--;
        res.write(data.subarray(0, drop.bytes), () => {
          // Break the connection mid-file (after the bytes are flushed).
          setTimeout(() => res.socket?.destroy(), 20);
        });
        return;
      }
      // In a few pieces, so that the client sees a stream.
      const piece = Math.max(1, Math.ceil(data.length / 4));
      for (let i = 0; i < data.length; i += piece) res.write(data.subarray(i, i + piece));
      res.end();
      return;
    }
    if (prefix !== null) {
      const m = /^data\/(\d{4})\/$/.exec(prefix);
      if (!m) return html(404, "<h1>Not found</h1>");
      const rows = allKeys()
        .filter((k) => k.startsWith(prefix))
        .map((k) => {
          const stamp = MONTHS_PREFIX.exec(k)![2]!;
          const size = body(k)!.length;
          const when = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)} 19:22:10`;
          const name = k.slice(k.lastIndexOf("/") + 1);
          return `<tr><td>${when}  ${listedSize(size)}  <a href="?download=${encodeURIComponent(k)}">${name}</a></td></tr>`;
        });
      return html(
        200,
        `<html><head><title>Discogs Data</title></head><body><h1>data/${m[1]}/</h1>` +
          `<p><a href="?prefix=data%2F">../</a></p><table>\n${rows.join("\n")}\n</table></body></html>`,
      );
    }
    const years = [
      ...new Set(
        allKeys()
          .map((k) => MONTHS_PREFIX.exec(k)?.[1])
          .filter(Boolean),
      ),
    ]
      .sort()
      .reverse();
    return html(
      200,
      `<html><head><title>Discogs Data</title></head><body><p>Here you will find monthly dumps of Discogs Release, ` +
        `Artist, Label, and Master Release data. This data is made available under the CC0 No Rights Reserved license.</p>\n` +
        years.map((y) => `<a href="?prefix=data%2F${y}%2F">${y}/</a>`).join("\n") +
        `</body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    dropAfter(key, bytes, times = 1) {
      drops.set(key, { bytes, times });
    },
    redirect(key, location) {
      redirects.set(key, location);
    },
    checksumOverride(name, hash) {
      overrides.set(name, hash);
    },
    resetLimit() {
      counted = [];
      blockedUntil = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
