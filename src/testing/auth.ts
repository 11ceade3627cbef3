/**
 * Authentication as Discogs does it: `Discogs token=`, `Discogs key=, secret=` (header or query string) and
 * OAuth 1.0a (HMAC-SHA1 or PLAINTEXT, RFC 5849). A request whose OAuth signature does not verify is treated
 * as anonymous, not rejected, exactly like the real API.
 *
 * By default every credential is accepted and acts as the default seeded user; {@link CredentialOptions}
 * pins the accepted ones. HMAC-SHA1 can only be verified when the emulator knows the secrets: a consumer
 * secret comes from pinned consumers, from `oauthSecrets`, or is learned from an earlier PLAINTEXT request
 * (whose signature shows it); a token secret comes from the emulator's own OAuth flow or pinned access
 * tokens. When a secret is unknown the HMAC signature is accepted unverified (`signatureValid: undefined`).
 *
 * The HMAC implementation here is independent of the SDK's (it uses `node:crypto`), so the emulator checks
 * the SDK rather than agreeing with it by construction.
 *
 * @module
 */

import { createHmac, timingSafeEqual } from "node:crypto";
import type { AuthInfo } from "./framework";
import type { EmulatorState } from "./state";

/** Credentials the emulator accepts. A field that is given pins that kind; an absent one accepts anything. */
export interface CredentialOptions {
  /** Personal access tokens: token -> username. Unknown tokens get 401. */
  tokens?: Record<string, string>;
  /** Consumer key/secret pairs (for `Discogs key=, secret=` and OAuth). Unknown consumers get 401. */
  consumers?: { key: string; secret: string }[];
  /**
   * OAuth access tokens: token -> { secret, username }. Unknown access tokens get 401 (tokens issued by the
   * emulator's own OAuth flow are always known).
   */
  accessTokens?: Record<string, { secret: string; username: string }>;
}

/** Authentication options. */
export interface AuthOptions {
  /**
   * Pins the accepted credentials.
   * @default every credential is accepted and acts as `state.defaultUsername`
   */
  credentials?: CredentialOptions;
  /** Consumer secrets by consumer key, so HMAC-SHA1 signatures of unpinned consumers can be verified. */
  oauthSecrets?: Record<string, string>;
  /**
   * How far an OAuth timestamp may be from the emulator's clock, in seconds.
   * @default 300
   */
  maxClockSkewSeconds?: number;
}

/** What authentication needs from a request. */
export interface AuthRequest {
  /** The HTTP method, upper-case. */
  method: string;
  /** The base string URI: `scheme://host[:port]/path` as the client addressed it, without the query. */
  baseUri: string;
  /** The query parameters (part of the signature base string). */
  query: URLSearchParams;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** The body parameters when the body is `application/x-www-form-urlencoded`. */
  form?: URLSearchParams;
}

/** The outcome of {@link Authenticator.authenticate}. */
export interface AuthResult {
  /** Who the request acts as, and how it authenticated. */
  auth: AuthInfo;
  /** Set when pinned credentials refuse the request: the 401 message. */
  reject?: string;
  /** A stable key for the credential presented (for per-credential rate limiting), when there is one. */
  credentialKey?: string;
}

const AUTH_MESSAGE = "You must authenticate to access this resource.";

/** RFC 3986 percent-encoding as RFC 5849 section 3.6 requires. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Parses an `Authorization: OAuth ...` header into its (percent-decoded) parameters, or null when the header
 * is not an OAuth header.
 */
export function parseOAuthHeader(header: string | undefined): Record<string, string> | null {
  if (!header) return null;
  const m = /^\s*OAuth(?:\s+(.*))?$/is.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  const re = /([A-Za-z0-9_.~-]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g;
  for (const p of (m[1] ?? "").matchAll(re)) {
    params[p[1] as string] = safeDecode(p[2] ?? p[3] ?? "");
  }
  return params;
}

/**
 * The OAuth protocol parameters of a request: the `Authorization: OAuth` header's, else `oauth_*` fields of a
 * form body, else `oauth_*` query parameters (RFC 5849 section 3.5). Returns null when there are none.
 */
export function oauthParams(
  req: Pick<AuthRequest, "headers" | "form" | "query">,
): Record<string, string> | null {
  const header = parseOAuthHeader(req.headers.authorization);
  if (header) {
    // Body fields may complete the header (e.g. oauth_verifier sent as a form field).
    for (const [k, v] of req.form ?? []) if (k.startsWith("oauth_") && !(k in header)) header[k] = v;
    return header;
  }
  for (const source of [req.form, req.query]) {
    if (!source?.has("oauth_consumer_key")) continue;
    const params: Record<string, string> = {};
    for (const [k, v] of source) if (k.startsWith("oauth_")) params[k] = v;
    return params;
  }
  return null;
}

/** The RFC 5849 signature base string of a request (section 3.4.1). */
export function signatureBaseString(req: AuthRequest, protocolParams: Record<string, string>): string {
  const pairs: [string, string][] = [];
  const inBody = !parseOAuthHeader(req.headers.authorization) && req.form?.has("oauth_consumer_key");
  const inQuery =
    !parseOAuthHeader(req.headers.authorization) && !inBody && req.query.has("oauth_consumer_key");
  for (const [k, v] of req.query) if (!(inQuery && k.startsWith("oauth_"))) pairs.push([k, v]);
  for (const [k, v] of req.form ?? []) if (!(inBody && k.startsWith("oauth_"))) pairs.push([k, v]);
  // Protocol parameters come from the header (or the body/query, skipped above to avoid doubles).
  for (const [k, v] of Object.entries(protocolParams)) {
    if (k !== "oauth_signature" && k !== "realm") pairs.push([k, v]);
  }
  const encoded = pairs.map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const normalized = encoded.map(([k, v]) => `${k}=${v}`).join("&");
  return `${req.method.toUpperCase()}&${percentEncode(normalizeBaseUri(req.baseUri))}&${percentEncode(normalized)}`;
}

/** Lower-cases scheme and host and drops a default port (RFC 5849 section 3.4.1.2). */
export function normalizeBaseUri(uri: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(uri);
  if (!m) return uri;
  const scheme = (m[1] as string).toLowerCase();
  let host = (m[2] as string).toLowerCase();
  if ((scheme === "http" && host.endsWith(":80")) || (scheme === "https" && host.endsWith(":443"))) {
    host = host.slice(0, host.lastIndexOf(":"));
  }
  return `${scheme}://${host}${m[3] || "/"}`;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Checks an OAuth signature. Returns true/false, or undefined when HMAC-SHA1 cannot be checked because a
 * secret is unknown. For PLAINTEXT an unknown secret is not compared (its half of the signature is accepted).
 *
 * @param consumerSecret - the consumer secret, or undefined when unknown
 * @param tokenSecret - the token secret (`""` without a token), or undefined when unknown
 */
export function checkSignature(
  req: AuthRequest,
  params: Record<string, string>,
  consumerSecret: string | undefined,
  tokenSecret: string | undefined,
): boolean | undefined {
  const method = (params.oauth_signature_method ?? "").toUpperCase();
  const signature = params.oauth_signature ?? "";
  if (method === "PLAINTEXT") {
    const amp = signature.indexOf("&");
    if (amp === -1) return false;
    const [cs, ts] = [signature.slice(0, amp), signature.slice(amp + 1)];
    if (consumerSecret !== undefined && cs !== percentEncode(consumerSecret)) return false;
    if (tokenSecret !== undefined && ts !== percentEncode(tokenSecret)) return false;
    return true;
  }
  if (method === "HMAC-SHA1") {
    if (consumerSecret === undefined || tokenSecret === undefined) return undefined;
    const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
    const expected = createHmac("sha1", key).update(signatureBaseString(req, params)).digest("base64");
    return safeEqual(expected, signature);
  }
  return false;
}

/** Why OAuth parameters are unusable, or null when they are well-formed (nonce, timestamp, required fields). */
export function oauthProblem(
  params: Record<string, string>,
  maxSkewSeconds = 300,
  nowMs = Date.now(),
): string | null {
  for (const k of [
    "oauth_consumer_key",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
  ]) {
    if (!params[k]) return `Missing ${k}.`;
  }
  const method = (params.oauth_signature_method as string).toUpperCase();
  if (method !== "PLAINTEXT" && method !== "HMAC-SHA1") return "Unsupported signature method.";
  if ((params.oauth_nonce as string).length > 64) return "Invalid nonce.";
  const ts = params.oauth_timestamp as string;
  if (!/^\d{1,12}$/.test(ts)) return "Invalid timestamp.";
  if (Math.abs(Number(ts) - nowMs / 1000) > maxSkewSeconds) return "Timestamp out of range.";
  if (params.oauth_version !== undefined && params.oauth_version !== "1.0") return "Invalid version.";
  return null;
}

/** Applies the credential rules of one emulator. */
export class Authenticator {
  readonly #options: AuthOptions;
  /** Consumer secrets seen in PLAINTEXT signatures (default mode only). */
  readonly #learned = new Map<string, string>();

  /** @param options - the emulator's auth options */
  constructor(options: AuthOptions = {}) {
    this.#options = options;
  }

  /** Whether OAuth timestamps are checked with this skew (seconds). */
  get maxClockSkewSeconds(): number {
    return this.#options.maxClockSkewSeconds ?? 300;
  }

  /** Whether a consumer key may be used (always, unless consumers are pinned). */
  consumerAllowed(key: string): boolean {
    const pinned = this.#options.credentials?.consumers;
    return !pinned || pinned.some((c) => c.key === key);
  }

  /** The consumer secret for a key when known (pinned, `oauthSecrets`, or learned from PLAINTEXT). */
  consumerSecret(key: string): string | undefined {
    const pinned = this.#options.credentials?.consumers?.find((c) => c.key === key);
    return pinned?.secret ?? this.#options.oauthSecrets?.[key] ?? this.#learned.get(key);
  }

  /** Remembers a consumer secret shown by a valid PLAINTEXT signature (unpinned consumers only). */
  learnFromPlaintext(params: Record<string, string>): void {
    const key = params.oauth_consumer_key;
    if (!key || this.consumerSecret(key) !== undefined) return;
    if ((params.oauth_signature_method ?? "").toUpperCase() !== "PLAINTEXT") return;
    const sig = params.oauth_signature ?? "";
    const amp = sig.indexOf("&");
    if (amp !== -1) this.#learned.set(key, safeDecode(sig.slice(0, amp)));
  }

  /** Authenticates a request. Never throws. */
  authenticate(req: AuthRequest, state: EmulatorState): AuthResult {
    const header = req.headers.authorization?.trim() ?? "";
    const discogs = /^Discogs\s+(.*)$/is.exec(header);
    if (discogs) {
      const fields: Record<string, string> = {};
      for (const part of (discogs[1] as string).split(",")) {
        const eq = part.indexOf("=");
        if (eq > 0) fields[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
      }
      if (fields.token) return this.#token(fields.token, state);
      if (fields.key && fields.secret) return this.#key(fields.key, fields.secret);
      return { auth: { kind: "none", user: null } };
    }
    const oauth = oauthParams(req);
    if (oauth) return this.#oauth(req, oauth, state);
    const token = req.query.get("token");
    if (token) return this.#token(token, state);
    const key = req.query.get("key");
    const secret = req.query.get("secret");
    if (key && secret) return this.#key(key, secret);
    return { auth: { kind: "none", user: null } };
  }

  #token(token: string, state: EmulatorState): AuthResult {
    const credentialKey = `token:${token}`;
    const pinned = this.#options.credentials?.tokens;
    if (pinned) {
      const username = Object.hasOwn(pinned, token) ? pinned[token] : undefined;
      const user = username !== undefined ? state.user(username) : undefined;
      if (!user) return { auth: { kind: "none", user: null }, reject: AUTH_MESSAGE };
      return { auth: { kind: "token", user }, credentialKey };
    }
    return { auth: { kind: "token", user: state.user(state.defaultUsername) ?? null }, credentialKey };
  }

  #key(key: string, secret: string): AuthResult {
    const pinned = this.#options.credentials?.consumers;
    if (pinned && !pinned.some((c) => c.key === key && c.secret === secret)) {
      return { auth: { kind: "none", user: null }, reject: AUTH_MESSAGE };
    }
    return { auth: { kind: "key", user: null, consumerKey: key }, credentialKey: `key:${key}` };
  }

  #oauth(req: AuthRequest, params: Record<string, string>, state: EmulatorState): AuthResult {
    const anonymous: AuthResult = { auth: { kind: "none", user: null, signatureValid: false } };
    if (oauthProblem(params, this.maxClockSkewSeconds)) return anonymous;
    const consumerKey = params.oauth_consumer_key as string;
    if (!this.consumerAllowed(consumerKey)) return { ...anonymous, reject: AUTH_MESSAGE };
    const token = params.oauth_token;
    let tokenSecret: string | undefined = token ? undefined : "";
    let username: string | undefined;
    let tokenKnown = !token;
    if (token) {
      const issued = state.accessTokens.get(token);
      const pinned = this.#options.credentials?.accessTokens?.[token];
      const request = state.requestTokens.get(token);
      if (issued) {
        if (issued.consumerKey !== consumerKey) return anonymous;
        tokenSecret = issued.secret;
        username = issued.username;
        tokenKnown = true;
      } else if (pinned && Object.hasOwn(this.#options.credentials?.accessTokens ?? {}, token)) {
        tokenSecret = pinned.secret;
        username = pinned.username;
        tokenKnown = true;
      } else if (request) {
        // A request token (the access_token step): signed with its secret, acts as nobody.
        if (request.consumerKey !== consumerKey) return anonymous;
        tokenSecret = request.secret;
        tokenKnown = true;
      } else if (this.#options.credentials?.accessTokens) {
        return { ...anonymous, reject: AUTH_MESSAGE };
      } else {
        username = state.defaultUsername;
      }
    }
    const valid = checkSignature(req, params, this.consumerSecret(consumerKey), tokenSecret);
    if (valid === false) return anonymous;
    this.learnFromPlaintext(params);
    const user = username !== undefined ? (state.user(username) ?? null) : null;
    if (tokenKnown && username !== undefined && !user) return { ...anonymous, reject: AUTH_MESSAGE };
    const auth: AuthInfo = { kind: "oauth", user, consumerKey, signatureValid: valid };
    return { auth, credentialKey: `oauth:${consumerKey}:${token ?? ""}` };
  }
}
