/**
 * Credential resolution and the auth strategy, applied in one place (the transport), never in resources.
 *
 * Precedence, resolved once at construction:
 * 1. Each credential option falls back to its environment variable (`DISCOGS_TOKEN`, `DISCOGS_CONSUMER_KEY`,
 *    `DISCOGS_CONSUMER_SECRET`, `DISCOGS_ACCESS_TOKEN`, `DISCOGS_ACCESS_TOKEN_SECRET`) where the runtime has
 *    environment variables; an explicit option (even `null`, which means "none") wins over the variable.
 * 2. Any incomplete set throws a `TypeError` naming what is missing: `accessToken` without
 *    `accessTokenSecret` (or the reverse), an access token without `consumerKey`/`consumerSecret`, or
 *    `consumerKey` without `consumerSecret` (or the reverse).
 * 3. Among complete sets: OAuth 1.0a (all four values) first, then the personal `token`, then the
 *    consumer key + secret. No credentials: anonymous (Discogs' 25-per-minute tier).
 *
 * @module
 */

import { readEnv } from "./env";
import { headerSafe } from "./headers";
import { oauthAuthorizationHeader, type OAuthSignatureMethod } from "./oauth";

/**
 * Credential options of the client. `null` means "none, and do not read the environment variable". A value (or an
 * environment variable) a header cannot carry, such as one with a line break or a character above U+00FF, is a
 * `TypeError` at construction naming the option (or the variable); the message never contains the value.
 */
export interface CredentialOptions {
  /** Personal access token. @default process.env.DISCOGS_TOKEN */
  token?: string | null | undefined;
  /** OAuth consumer key. @default process.env.DISCOGS_CONSUMER_KEY */
  consumerKey?: string | null | undefined;
  /** OAuth consumer secret. @default process.env.DISCOGS_CONSUMER_SECRET */
  consumerSecret?: string | null | undefined;
  /** OAuth access token. @default process.env.DISCOGS_ACCESS_TOKEN */
  accessToken?: string | null | undefined;
  /** OAuth access token secret. @default process.env.DISCOGS_ACCESS_TOKEN_SECRET */
  accessTokenSecret?: string | null | undefined;
  /** Signature method for OAuth 1.0a requests. @default "HMAC-SHA1" */
  oauthSignatureMethod?: OAuthSignatureMethod;
}

/** The auth mode a client resolved to. */
export type AuthMode = "none" | "token" | "key" | "oauth";

/** The resolved credentials: an internal object, never printed (see `toJSON`/inspect below). */
export type ResolvedAuth =
  | { mode: "none" }
  | { mode: "token"; token: string }
  | { mode: "key"; consumerKey: string; consumerSecret: string }
  | {
      mode: "oauth";
      consumerKey: string;
      consumerSecret: string;
      accessToken: string;
      accessTokenSecret: string;
      signatureMethod: OAuthSignatureMethod;
    };

/**
 * An explicit option (checked: it travels in the Authorization header), else its environment variable (checked
 * the same way, named in the message). Messages never contain the value.
 */
function pick(value: string | null | undefined, envName: string, argName: string): string | undefined {
  if (value === null) return undefined;
  if (value !== undefined) return headerSafe(argName, value);
  const env = readEnv(envName);
  return env === undefined ? undefined : headerSafe(`${envName} (read for ${argName})`, env);
}

/** Resolves the credentials per the precedence in this module's documentation. */
export function resolveAuth(opts: CredentialOptions): ResolvedAuth {
  const token = pick(opts.token, "DISCOGS_TOKEN", "token");
  const consumerKey = pick(opts.consumerKey, "DISCOGS_CONSUMER_KEY", "consumerKey");
  const consumerSecret = pick(opts.consumerSecret, "DISCOGS_CONSUMER_SECRET", "consumerSecret");
  const accessToken = pick(opts.accessToken, "DISCOGS_ACCESS_TOKEN", "accessToken");
  const accessTokenSecret = pick(opts.accessTokenSecret, "DISCOGS_ACCESS_TOKEN_SECRET", "accessTokenSecret");
  const signatureMethod = opts.oauthSignatureMethod ?? "HMAC-SHA1";
  if (signatureMethod !== "HMAC-SHA1" && signatureMethod !== "PLAINTEXT") {
    throw new TypeError(`oauthSignatureMethod must be "HMAC-SHA1" or "PLAINTEXT"`);
  }

  if (accessToken && !accessTokenSecret) {
    throw new TypeError("Incomplete OAuth credentials: accessToken is set but accessTokenSecret is missing");
  }
  if (accessTokenSecret && !accessToken) {
    throw new TypeError("Incomplete OAuth credentials: accessTokenSecret is set but accessToken is missing");
  }
  if (consumerKey && !consumerSecret) {
    throw new TypeError("Incomplete credentials: consumerKey is set but consumerSecret is missing");
  }
  if (consumerSecret && !consumerKey) {
    throw new TypeError("Incomplete credentials: consumerSecret is set but consumerKey is missing");
  }
  if (accessToken && !consumerKey) {
    throw new TypeError(
      "Incomplete OAuth credentials: accessToken and accessTokenSecret need consumerKey and consumerSecret",
    );
  }

  if (accessToken && accessTokenSecret && consumerKey && consumerSecret) {
    return { mode: "oauth", consumerKey, consumerSecret, accessToken, accessTokenSecret, signatureMethod };
  }
  if (token) return { mode: "token", token };
  if (consumerKey && consumerSecret) return { mode: "key", consumerKey, consumerSecret };
  return { mode: "none" };
}

/** The `Authorization` header value for one request, or undefined when anonymous. */
export async function authorizationHeader(
  auth: ResolvedAuth,
  method: string,
  url: URL,
): Promise<string | undefined> {
  switch (auth.mode) {
    case "none":
      return undefined;
    case "token":
      return `Discogs token=${auth.token}`;
    case "key":
      return `Discogs key=${auth.consumerKey}, secret=${auth.consumerSecret}`;
    case "oauth":
      return oauthAuthorizationHeader({
        method,
        url,
        consumerKey: auth.consumerKey,
        consumerSecret: auth.consumerSecret,
        token: auth.accessToken,
        tokenSecret: auth.accessTokenSecret,
        signatureMethod: auth.signatureMethod,
      });
  }
}

/**
 * A stable, non-reversible identity key for the credentials (SHA-256 of the identity-bearing values,
 * hex-truncated). Used to scope caches and shared limiter state; never contains a credential.
 */
export async function identityKey(auth: ResolvedAuth): Promise<string> {
  const material =
    auth.mode === "none"
      ? "none"
      : auth.mode === "token"
        ? `token:${auth.token}`
        : auth.mode === "key"
          ? `key:${auth.consumerKey}:${auth.consumerSecret}`
          : `oauth:${auth.consumerKey}:${auth.accessToken}:${auth.accessTokenSecret}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(material));
  let hex = "";
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, "0");
  return `${auth.mode}:${hex.slice(0, 32)}`;
}

/** Every secret value of the credentials (for the scrubber that keeps them out of messages and logs). */
export function secretValues(auth: ResolvedAuth): string[] {
  switch (auth.mode) {
    case "none":
      return [];
    case "token":
      return [auth.token];
    case "key":
      return [auth.consumerKey, auth.consumerSecret];
    case "oauth":
      return [auth.consumerKey, auth.consumerSecret, auth.accessToken, auth.accessTokenSecret];
  }
}
