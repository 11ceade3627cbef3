/**
 * A small `multipart/form-data` parser (RFC 7578) for the emulator: enough for inventory uploads (one CSV file
 * plus a few text fields). It never throws: malformed input yields whatever parts could be read.
 *
 * @module
 */

import type { UploadedFile } from "./framework";

/** The result of {@link parseMultipart}. */
export interface MultipartBody {
  /** Text fields by name (the last value wins when a name repeats). */
  fields: Record<string, string>;
  /** File parts (parts whose `Content-Disposition` has a `filename`). */
  files: UploadedFile[];
}

/** The `boundary` parameter of a `multipart/form-data` content type, or null. */
export function multipartBoundary(contentType: string): string | null {
  if (!/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  return boundary && boundary.length <= 200 ? boundary : null;
}

/** Reads one header parameter (`name="x"`) from a `Content-Disposition` value. */
function dispositionParam(value: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i");
  const m = re.exec(value);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2];
}

/**
 * Parses a `multipart/form-data` body.
 *
 * @param body - the raw request body
 * @param boundary - the boundary from the content type (see {@link multipartBoundary})
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const result: MultipartBody = { fields: {}, files: [] };
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    // "--" after the delimiter closes the body.
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break;
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    else if (body[start] === 0x0a) start += 1;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    let end = next;
    // The CRLF before the next delimiter belongs to the delimiter.
    if (body[end - 1] === 0x0a) end -= 1;
    if (body[end - 1] === 0x0d) end -= 1;
    readPart(body.subarray(start, Math.max(start, end)), result);
    pos = next;
  }
  return result;
}

function readPart(part: Buffer, result: MultipartBody): void {
  let headerEnd = part.indexOf("\r\n\r\n");
  let sepLength = 4;
  if (headerEnd === -1) {
    headerEnd = part.indexOf("\n\n");
    sepLength = 2;
  }
  if (headerEnd === -1) return;
  const headers: Record<string, string> = {};
  for (const line of part.subarray(0, headerEnd).toString("utf8").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const disposition = headers["content-disposition"];
  if (!disposition || !/^\s*form-data/i.test(disposition)) return;
  const name = dispositionParam(disposition, "name");
  if (name === undefined) return;
  const content = part.subarray(headerEnd + sepLength);
  const filename = dispositionParam(disposition, "filename");
  if (filename !== undefined) {
    result.files.push({
      field: name,
      filename,
      contentType: headers["content-type"] ?? "application/octet-stream",
      content: Buffer.from(content),
    });
  } else {
    result.fields[name] = content.toString("utf8");
  }
}
