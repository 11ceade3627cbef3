/**
 * Bodies: reading what an attempt received into the form the caller asked for, and decoding JSON through the
 * models. One path, used by network responses and cache hits alike.
 *
 * @module
 */

import { decode, type ValidationMode, type ValidationWarning } from "./decode";
import { DiscogsAbortError, DiscogsAPIError, DiscogsConnectionError } from "./errors";
import { redactUrl } from "./redact";
import type { APIRequest } from "./request";

/** A body as an attempt read it: text for everything but `bytes` and `stream`. */
export type RawBody =
  | { kind: "text"; text: string }
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "stream"; stream: ReadableStream<Uint8Array> };

/** A response's headers as a plain object with lower-cased names. */
export function headersToRecord(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => {
    out[k.toLowerCase()] = v;
  });
  return out;
}

/** Parses JSON text; `ok: false` for an empty or malformed body. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === "") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** What {@link readPayload} needs to know about where a body came from. */
export interface BodySource {
  status: number;
  headers: Headers;
  /** The request URL (credentials are stripped from anything shown). */
  url: URL;
}

/**
 * Turns a 2xx body into the payload of `req.responseType`, before schema decoding: JSON is parsed (a body that
 * is empty where JSON is expected, or malformed, is a `DiscogsAPIError` with the 2xx status; GETs retry it), `form` becomes `URLSearchParams`,
 * `none` and 204 become `undefined`. Returns the parsed value (JSON) or the final payload (other types).
 */
export function readPayload(req: APIRequest<unknown>, raw: RawBody, src: BodySource): unknown {
  if (raw.kind === "stream") return raw.stream;
  if (raw.kind === "bytes") return raw.bytes;
  const { text } = raw;
  const type = req.responseType ?? "json";
  if (type === "none" || src.status === 204) return undefined;
  if (type === "text") return text;
  if (type === "form") return new URLSearchParams(text);
  const parsed = parseJson(text);
  if (parsed.ok) return parsed.value;
  // An empty body is a valid answer to a write only when no model is expected from it.
  if (text === "" && req.method !== "GET" && !req.schema) return undefined;
  const where = `${req.method} ${redactUrl(src.url.toString())}`;
  throw new DiscogsAPIError({
    status: src.status,
    message:
      text === ""
        ? `Discogs sent an empty body where JSON was expected: ${where}`
        : `Discogs sent a response that is not valid JSON (${text.length} bytes, probably cut off): ${where}`,
    body: text,
    headers: headersToRecord(src.headers),
    method: req.method,
    url: src.url.toString(),
  });
}

/** Decodes a parsed JSON value with the request's schema in the client's validation mode. */
export function decodeJson<T>(
  req: APIRequest<T>,
  value: unknown,
  url: URL,
  mode: ValidationMode,
  onWarning: (w: ValidationWarning) => void,
): T {
  return decode(req.schema, value, mode, `${req.method} ${url.pathname}`, onWarning);
}

/** A short readable message from an error body: Discogs' `message`, an HTML page's title, or the text. */
export function errorMessage(status: number, statusText: string, text: string, json: unknown): string {
  if (json && typeof json === "object" && typeof (json as { message?: unknown }).message === "string") {
    return (json as { message: string }).message;
  }
  const head = `HTTP ${status}${statusText ? " " + statusText : ""}`;
  const trimmed = text.trim();
  if (trimmed === "") return `${head} (empty body)`;
  if (/^<!doctype html|^<html|<body/i.test(trimmed)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed)?.[1]?.trim();
    const plain = (title || trimmed.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim().slice(0, 200);
    return `${head}: ${plain || "HTML error page"}`;
  }
  return `HTTP ${status}: ${trimmed.replace(/\s+/g, " ").slice(0, 200)}`;
}

/**
 * A download stream with the SDK's errors (a connection lost while reading is a `DiscogsConnectionError`, the
 * caller's abort a `DiscogsAbortError`) that calls `release` once when it ends, fails or is cancelled, so the
 * abort listener the attempt left on it is removed then.
 */
export function typedStream(
  body: ReadableStream<Uint8Array>,
  url: URL,
  signal: AbortSignal | undefined,
  release: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let released = false;
  const done = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: end, value } = await reader.read();
        if (end) {
          done();
          controller.close();
        } else controller.enqueue(value);
      } catch (e) {
        done();
        controller.error(
          signal?.aborted
            ? new DiscogsAbortError(signal.reason)
            : new DiscogsConnectionError(
                `Connection lost while reading the response: GET ${redactUrl(url.toString())}`,
                {
                  method: "GET",
                  url: url.toString(),
                  cause: e,
                },
              ),
        );
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}
