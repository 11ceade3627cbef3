/**
 * Wire-level recording for the bad-input properties: a `fetch` that records exactly what the SDK sends
 * (method, URL, headers, body) and answers with a canned response, or forwards to a real server.
 */
import { Discogs, type ClientOptions } from "../../src/index";

/** One request as the SDK put it on the wire. */
export interface WireRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The JSON body parsed, the FormData, the URLSearchParams, or undefined. */
  body: unknown;
}

/** What a test expects on the wire. */
export interface ExpectedRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The path exactly as encoded on the wire. */
  path: string;
  /** Every query parameter (no other may be present). */
  query?: Record<string, string>;
  /** The JSON body (`undefined` members are absent), when there is one. */
  json?: unknown;
  /** For uploads: the text of the multipart file field `upload`. */
  upload?: string;
}

function parseBody(body: BodyInit | null | undefined): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  return body;
}

/** The canned answer: `{}` (validation off lets every model through), a Location for job creations. */
function canned(url: URL): Response {
  if (url.pathname.startsWith("/oauth/request_token") || url.pathname.startsWith("/oauth/access_token")) {
    return new Response("oauth_token=tok&oauth_token_secret=sec&oauth_callback_confirmed=true", {
      status: 200,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }
  return new Response("{}", {
    status: 200,
    headers: { "content-type": "application/json", location: `${url.origin}/inventory/upload/1` },
  });
}

/** A fetch that records every call; it answers itself, or forwards to the real fetch with `forward`. */
export function recordingFetch(forward = false): { fetch: typeof fetch; calls: WireRequest[] } {
  const calls: WireRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    calls.push({
      method: init.method ?? "GET",
      url,
      headers: new Headers(init.headers),
      body: parseBody(init.body),
    });
    if (forward) return globalThis.fetch(input, init);
    return canned(url);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

export const WIRE_BASE = "https://api.discogs.test";

/** A client on a recording fetch (no network): validation off, no retries, no limiter. */
export function wireClient(extra: ClientOptions = {}): { client: Discogs; calls: WireRequest[] } {
  const { fetch, calls } = recordingFetch();
  const client = new Discogs({
    baseUrl: WIRE_BASE,
    token: "tok-wire",
    fetch,
    rateLimit: false,
    validation: "off",
    maxRetries: 0,
    ...extra,
  });
  return { client, calls };
}

/**
 * Drives whatever a method returned until its request(s) went out: awaits promises and lazy resources,
 * takes one item of a paginator, cancels a stream.
 */
export async function drive(result: unknown): Promise<unknown> {
  if (result && typeof (result as { toArray?: unknown }).toArray === "function") {
    return (result as { toArray(o: { limit: number }): Promise<unknown> }).toArray({ limit: 1 });
  }
  const value = await result;
  if (value instanceof ReadableStream) await value.cancel();
  return value;
}

/** Calls `fn` and drives its result; returns the error it threw or rejected with (undefined if none). */
export async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await drive(fn());
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Compares one recorded request to the expectation; returns a description of the difference, or undefined. */
export async function compareRequest(
  actual: WireRequest | undefined,
  expected: ExpectedRequest,
): Promise<string | undefined> {
  if (!actual) return "no request was sent";
  const problems: string[] = [];
  if (actual.method !== expected.method) problems.push(`method ${actual.method} != ${expected.method}`);
  if (actual.url.origin !== WIRE_BASE) problems.push(`origin ${actual.url.origin}`);
  if (actual.url.pathname !== expected.path) problems.push(`path ${actual.url.pathname} != ${expected.path}`);
  const query: Record<string, string> = {};
  for (const [k, v] of actual.url.searchParams) {
    if (k in query) problems.push(`query ${k} repeated`);
    query[k] = v;
  }
  const wantQuery = expected.query ?? {};
  if (JSON.stringify(sortKeys(query)) !== JSON.stringify(sortKeys(wantQuery)))
    problems.push(`query ${JSON.stringify(query)} != ${JSON.stringify(wantQuery)}`);
  if (expected.upload !== undefined) {
    const form = actual.body;
    if (!(form instanceof FormData)) problems.push("body is not multipart form data");
    else {
      const file = form.get("upload");
      if (!(file instanceof Blob)) problems.push("no upload file field");
      else if ((await file.text()) !== expected.upload) problems.push("upload content differs");
      if ([...form.keys()].length !== 1) problems.push(`form fields ${[...form.keys()].join(",")}`);
    }
  } else if (expected.json !== undefined) {
    if (actual.headers.get("content-type") !== "application/json") problems.push("content-type is not JSON");
    const want = JSON.parse(JSON.stringify(expected.json)) as unknown; // drops undefined members
    if (JSON.stringify(sortKeys(actual.body)) !== JSON.stringify(sortKeys(want)))
      problems.push(`body ${JSON.stringify(actual.body)} != ${JSON.stringify(want)}`);
  } else if (
    actual.body !== undefined &&
    !(actual.body instanceof URLSearchParams && [...actual.body].length === 0)
  ) {
    problems.push(`unexpected body ${JSON.stringify(actual.body)}`);
  }
  return problems.length ? problems.join("; ") : undefined;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
