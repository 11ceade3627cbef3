/**
 * OAuth 1.0a request signing (RFC 5849) on Web Crypto: HMAC-SHA1 and PLAINTEXT. Pure functions, no I/O
 * besides `crypto.subtle` and `crypto.getRandomValues`, so they run on every runtime.
 *
 * @module
 */

/** The OAuth signature methods Discogs accepts. */
export type OAuthSignatureMethod = "HMAC-SHA1" | "PLAINTEXT";

/** RFC 3986 percent-encoding, as RFC 5849 section 3.6 requires (unreserved characters stay as they are). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** A random nonce of 32 hex characters (Discogs rejects nonces longer than 64). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** The base string URI of RFC 5849 section 3.4.1.2: lower-case scheme and host, default port dropped, no query. */
export function baseStringUri(url: URL): string {
  const scheme = url.protocol.toLowerCase();
  const host = url.hostname.toLowerCase();
  const defaultPort =
    (scheme === "http:" && url.port === "80") || (scheme === "https:" && url.port === "443");
  const port = url.port && !defaultPort ? `:${url.port}` : "";
  return `${scheme}//${host}${port}${url.pathname}`;
}

/**
 * The signature base string of RFC 5849 section 3.4.1: method, base URI and the normalized parameters
 * (the URL's query, the form body's parameters and the oauth_* protocol parameters, without `oauth_signature`).
 */
export function signatureBaseString(
  method: string,
  url: URL,
  oauthParams: Record<string, string>,
  bodyParams: [string, string][] = [],
): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of url.searchParams) pairs.push([percentEncode(k), percentEncode(v)]);
  for (const [k, v] of bodyParams) pairs.push([percentEncode(k), percentEncode(v)]);
  for (const [k, v] of Object.entries(oauthParams)) {
    if (k !== "oauth_signature" && k !== "realm") pairs.push([percentEncode(k), percentEncode(v)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const normalized = pairs.map(([k, v]) => `${k}=${v}`).join("&");
  return [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalized)].join("&");
}

function toBase64(bytes: ArrayBuffer): string {
  const arr = new Uint8Array(bytes);
  let bin = "";
  for (const b of arr) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** HMAC-SHA1 of `text` under `key`, base64-encoded, through Web Crypto. */
export async function hmacSha1Base64(key: string, text: string): Promise<string> {
  const enc = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    enc.encode(key),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  return toBase64(await crypto.subtle.sign("HMAC", cryptoKey, enc.encode(text)));
}

/** What {@link oauthAuthorizationHeader} needs to sign one request. */
export interface OAuthSignInput {
  method: string;
  url: string | URL;
  consumerKey: string;
  consumerSecret: string;
  token?: string | undefined;
  tokenSecret?: string | undefined;
  signatureMethod?: OAuthSignatureMethod;
  /** Extra protocol parameters, e.g. `oauth_callback` or `oauth_verifier`. */
  extra?: Record<string, string>;
  /** Form-encoded body parameters (only for `application/x-www-form-urlencoded` bodies). */
  bodyParams?: [string, string][];
  /** Fixed nonce, for tests. */
  nonce?: string;
  /** Fixed timestamp in seconds, for tests. */
  timestamp?: number;
}

/** The oauth_* parameters and the signature for one request. */
export async function oauthParams(input: OAuthSignInput): Promise<Record<string, string>> {
  const method = input.signatureMethod ?? "HMAC-SHA1";
  const params: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce ?? makeNonce(),
    oauth_signature_method: method,
    oauth_timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_version: "1.0",
    ...(input.token ? { oauth_token: input.token } : {}),
    ...input.extra,
  };
  const key = `${percentEncode(input.consumerSecret)}&${percentEncode(input.tokenSecret ?? "")}`;
  if (method === "PLAINTEXT") {
    params.oauth_signature = key;
  } else {
    const url = typeof input.url === "string" ? new URL(input.url) : input.url;
    params.oauth_signature = await hmacSha1Base64(
      key,
      signatureBaseString(input.method, url, params, input.bodyParams),
    );
  }
  return params;
}

/** A complete `Authorization: OAuth ...` header value for one request (a fresh nonce and timestamp each call). */
export async function oauthAuthorizationHeader(input: OAuthSignInput): Promise<string> {
  const params = await oauthParams(input);
  return (
    "OAuth " +
    Object.entries(params)
      .map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`)
      .join(", ")
  );
}

/** Parses an `Authorization: OAuth ...` header into its parameters (decoded). Returns null when it is not OAuth. */
export function parseOAuthHeader(header: string): Record<string, string> | null {
  const m = /^\s*OAuth\s+(.*)$/is.exec(header);
  if (!m) return null;
  const out: Record<string, string> = {};
  const re = /([A-Za-z0-9_\-.~%]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g;
  let part: RegExpExecArray | null;
  while ((part = re.exec(m[1] ?? "")) !== null) {
    try {
      out[decodeURIComponent(part[1]!)] = decodeURIComponent(part[2] ?? part[3] ?? "");
    } catch {
      out[part[1]!] = part[2] ?? part[3] ?? "";
    }
  }
  return out;
}
