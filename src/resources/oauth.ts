/**
 * The OAuth 1.0a flow: get a request token, send the user to Discogs to authorize it, exchange the verifier for
 * an access token. The four values (consumer key and secret, access token and secret) then authenticate a
 * client: `new Discogs({ consumerKey, consumerSecret, accessToken, accessTokenSecret })`.
 *
 * Both steps go through the same transport as the client (User-Agent, timeout, retries, rate limiting, typed
 * errors) and use only `fetch` and Web Crypto, so they run on every runtime.
 *
 * @module
 */

import { Discogs, type ClientOptions } from "../client";
import { DiscogsAPIError } from "../core/errors";
import { oauthAuthorizationHeader, type OAuthSignatureMethod } from "../core/oauth";
import { headerSafe } from "../core/headers";
import { checkKeys, optString, optionsObject } from "../core/params";
import type { RequestOptions } from "../core/transport";

/** Transport settings of the OAuth flow functions: the same as the client's. */
export type OAuthFlowTransportOptions = Pick<
  ClientOptions,
  "baseUrl" | "userAgent" | "timeout" | "maxRetries" | "retry" | "fetch" | "rateLimit" | "hooks"
>;

/** Options of {@link getRequestToken}. */
export interface RequestTokenOptions extends OAuthFlowTransportOptions {
  /** Your application's consumer key. */
  consumerKey: string;
  /** Your application's consumer secret. */
  consumerSecret: string;
  /**
   * Where Discogs sends the user after they authorize, with `oauth_token` and `oauth_verifier` in the query;
   * `"oob"` shows the verifier to the user instead. @default "oob"
   */
  callbackUrl?: string;
  /** The page users authorize on. @default "https://www.discogs.com/oauth/authorize" */
  authorizeBaseUrl?: string;
  /** OAuth signature method. @default "HMAC-SHA1" */
  signatureMethod?: OAuthSignatureMethod;
  /** Per-request options (`signal`, `timeout`, `maxRetries`, `headers`). */
  requestOptions?: RequestOptions;
}

/** Result of {@link getRequestToken}. */
export interface RequestToken {
  /** The request token (`oauth_token`). */
  token: string;
  /** The request token secret (`oauth_token_secret`): keep it for {@link getAccessToken}. */
  tokenSecret: string;
  /** Where to send the user: the authorize page with `oauth_token`. */
  authorizeUrl: string;
  /** Whether Discogs confirmed the callback URL (`oauth_callback_confirmed`). */
  callbackConfirmed: boolean;
}

/** Options of {@link getAccessToken}. */
export interface AccessTokenOptions extends OAuthFlowTransportOptions {
  /** Your application's consumer key. */
  consumerKey: string;
  /** Your application's consumer secret. */
  consumerSecret: string;
  /** The request token from {@link getRequestToken}. */
  requestToken: string;
  /** The request token secret from {@link getRequestToken}. */
  requestTokenSecret: string;
  /** The verifier Discogs gave the user (or sent to your callback as `oauth_verifier`). */
  verifier: string;
  /** OAuth signature method. @default "HMAC-SHA1" */
  signatureMethod?: OAuthSignatureMethod;
  /** Per-request options (`signal`, `timeout`, `maxRetries`, `headers`). */
  requestOptions?: RequestOptions;
}

/** Result of {@link getAccessToken}: the user's access token, which does not expire until the user revokes it. */
export interface AccessToken {
  accessToken: string;
  accessTokenSecret: string;
}

const DEFAULT_AUTHORIZE_URL = "https://www.discogs.com/oauth/authorize";
const SIGNATURE_METHODS: readonly OAuthSignatureMethod[] = ["HMAC-SHA1", "PLAINTEXT"];

/** A required value that travels in the OAuth header: a non-empty string a header can carry. */
function required(name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(
      `${name} is required and must be a non-empty string, got ${typeof value === "string" ? "an empty string" : typeof value}`,
    );
  }
  return headerSafe(name, value);
}

const TRANSPORT_KEYS = [
  "baseUrl",
  "userAgent",
  "timeout",
  "maxRetries",
  "retry",
  "fetch",
  "rateLimit",
  "hooks",
];
const REQUEST_TOKEN_KEYS = [
  ...TRANSPORT_KEYS,
  "consumerKey",
  "consumerSecret",
  "callbackUrl",
  "authorizeBaseUrl",
  "signatureMethod",
  "requestOptions",
];
const ACCESS_TOKEN_KEYS = [
  ...TRANSPORT_KEYS,
  "consumerKey",
  "consumerSecret",
  "requestToken",
  "requestTokenSecret",
  "verifier",
  "signatureMethod",
  "requestOptions",
];

function absoluteUrl(name: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute URL, got ${JSON.stringify(value)}`);
  }
}

function signatureMethod(value: unknown): OAuthSignatureMethod {
  if (value === undefined) return "HMAC-SHA1";
  if (SIGNATURE_METHODS.includes(value as OAuthSignatureMethod)) return value as OAuthSignatureMethod;
  throw new TypeError(`signatureMethod must be "HMAC-SHA1" or "PLAINTEXT", got ${String(value)}`);
}

/**
 * Sends one OAuth token request through a credential-less client built with the caller's transport options,
 * signed with `sign`, and returns the form-encoded response's `oauth_token` and `oauth_token_secret`.
 */
async function tokenRequest(
  opts: OAuthFlowTransportOptions,
  method: "GET" | "POST",
  path: string,
  sign: (method: string, url: URL) => Promise<string>,
  requestOptions: RequestOptions | undefined,
): Promise<{ token: string; secret: string; form: URLSearchParams }> {
  const client = new Discogs({
    baseUrl: opts.baseUrl,
    userAgent: opts.userAgent,
    timeout: opts.timeout,
    maxRetries: opts.maxRetries,
    retry: opts.retry,
    fetch: opts.fetch,
    rateLimit: opts.rateLimit,
    hooks: opts.hooks,
    token: null,
    consumerKey: null,
    consumerSecret: null,
    accessToken: null,
    accessTokenSecret: null,
  });
  try {
    const { data: form, response } = await client._requestWithResponse<URLSearchParams>({
      method,
      path,
      // Discogs' docs send the token requests as form requests; the parameters travel in the OAuth header.
      rawBody: method === "POST" ? new URLSearchParams() : undefined,
      responseType: "form",
      authHeader: sign,
      options: requestOptions,
    });
    const token = form.get("oauth_token");
    const secret = form.get("oauth_token_secret");
    if (!token || !secret) {
      throw new DiscogsAPIError({
        status: response.status,
        message: `Discogs' ${path} response has no oauth_token/oauth_token_secret`,
        body: form.toString(),
        headers: {},
        method,
        url: client.baseUrl + path,
      });
    }
    return { token, secret, form };
  } finally {
    await client.close();
  }
}

/**
 * Step 1 of the OAuth flow: gets a request token (`GET /oauth/request_token`, signed with your consumer key and
 * secret) and the URL to send the user to. Errors are the SDK's typed errors (e.g. `AuthenticationError` for
 * an unknown consumer).
 *
 * @example
 * ```ts
 * import { getRequestToken, getAccessToken, Discogs } from "discogs-sdk";
 * const rt = await getRequestToken({ consumerKey, consumerSecret, callbackUrl: "https://example.com/cb" });
 * // send the user to rt.authorizeUrl; Discogs redirects back with oauth_verifier
 * const at = await getAccessToken({
 *   consumerKey, consumerSecret, requestToken: rt.token, requestTokenSecret: rt.tokenSecret, verifier,
 * });
 * const client = new Discogs({ consumerKey, consumerSecret, ...at });
 * ```
 */
export async function getRequestToken(options: RequestTokenOptions): Promise<RequestToken> {
  const o = optionsObject("options", options);
  checkKeys("getRequestToken() options", o, REQUEST_TOKEN_KEYS);
  const consumerKey = required("consumerKey", o.consumerKey);
  const consumerSecret = required("consumerSecret", o.consumerSecret);
  const callbackUrl = optString("callbackUrl", o.callbackUrl) ?? "oob";
  if (callbackUrl.trim() === "") throw new TypeError("callbackUrl must be a non-empty string");
  const authorize = absoluteUrl(
    "authorizeBaseUrl",
    optString("authorizeBaseUrl", o.authorizeBaseUrl) ?? DEFAULT_AUTHORIZE_URL,
  );
  const method = signatureMethod(o.signatureMethod);
  const { token, secret, form } = await tokenRequest(
    o,
    "GET",
    "/oauth/request_token",
    (m, url) =>
      oauthAuthorizationHeader({
        method: m,
        url,
        consumerKey,
        consumerSecret,
        signatureMethod: method,
        extra: { oauth_callback: callbackUrl },
      }),
    o.requestOptions,
  );
  authorize.searchParams.set("oauth_token", token);
  return {
    token,
    tokenSecret: secret,
    authorizeUrl: authorize.toString(),
    callbackConfirmed: form.get("oauth_callback_confirmed") === "true",
  };
}

/**
 * Step 3 of the OAuth flow: exchanges the authorized request token and the user's verifier for an access token
 * (`POST /oauth/access_token`). Never retried after it may have reached Discogs (a verifier is single-use).
 * Request tokens and verifiers expire 15 minutes after issue (Discogs then answers 400).
 *
 * @example
 * ```ts
 * const { accessToken, accessTokenSecret } = await getAccessToken({
 *   consumerKey, consumerSecret, requestToken: rt.token, requestTokenSecret: rt.tokenSecret, verifier: "abc123",
 * });
 * ```
 */
export async function getAccessToken(options: AccessTokenOptions): Promise<AccessToken> {
  const o = optionsObject("options", options);
  checkKeys("getAccessToken() options", o, ACCESS_TOKEN_KEYS);
  const consumerKey = required("consumerKey", o.consumerKey);
  const consumerSecret = required("consumerSecret", o.consumerSecret);
  const requestToken = required("requestToken", o.requestToken);
  const requestTokenSecret = required("requestTokenSecret", o.requestTokenSecret);
  const verifier = required("verifier", o.verifier);
  const method = signatureMethod(o.signatureMethod);
  const { token, secret } = await tokenRequest(
    o,
    "POST",
    "/oauth/access_token",
    (m, url) =>
      oauthAuthorizationHeader({
        method: m,
        url,
        consumerKey,
        consumerSecret,
        token: requestToken,
        tokenSecret: requestTokenSecret,
        signatureMethod: method,
        extra: { oauth_verifier: verifier },
      }),
    o.requestOptions,
  );
  return { accessToken: token, accessTokenSecret: secret };
}
