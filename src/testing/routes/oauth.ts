/**
 * The OAuth 1.0a endpoints: `/oauth/request_token`, `/oauth/authorize` (the browser step, auto-approved),
 * `/oauth/access_token` and `/oauth/identity`. Token endpoints answer `text/plain` like Discogs'.
 *
 * @module
 */

import { randomBytes } from "node:crypto";
import { Authenticator, checkSignature, oauthParams, oauthProblem, type AuthRequest } from "../auth";
import { encodePath, error, json, MESSAGES, type Ctx, type Reply, type Router } from "../framework";
import type { EmulatorState } from "../state";

/** How long a request token (and its verifier) stays usable: 15 minutes, like Discogs. */
export const REQUEST_TOKEN_TTL_MS = 15 * 60_000;

/** The paths of the OAuth protocol endpoints, which answer auth problems themselves (as text). */
export const OAUTH_PROTOCOL_PATHS: readonly string[] = ["/oauth/request_token", "/oauth/access_token"];

/** The `WWW-Authenticate` header value of Discogs' 401 responses. */
export const WWW_AUTHENTICATE = 'OAuth realm="https://api.discogs.com"';

const MALFORMED =
  "This URL is an OAuth endpoint, but the request you made doesn't appear to conform to the OAuth 1.0a protocol. " +
  "Please make sure you are sending the required OAuth parameters.";

function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, text: body, headers: { "content-type": "text/plain; charset=utf-8", ...headers } };
}

function newToken(bytes = 20): string {
  return randomBytes(bytes).toString("hex");
}

/** The request as {@link checkSignature} needs it, rebuilt from a handler context. */
export function authRequestFromCtx(ctx: Ctx): AuthRequest {
  const base = new URL(ctx.baseUrl);
  const host = ctx.headers.host ?? base.host;
  const contentType = ctx.headers["content-type"] ?? "";
  const req: AuthRequest = {
    method: ctx.method,
    baseUri: `${base.protocol}//${host}${encodePath(ctx.path)}`,
    query: ctx.query,
    headers: ctx.headers,
  };
  if (/application\/x-www-form-urlencoded/i.test(contentType))
    req.form = new URLSearchParams(ctx.rawBody.toString());
  return req;
}

/**
 * Plays the user's "Authorize" click for a request token: records who approved it and returns the verifier.
 * Throws when the token is unknown or expired, or the user does not exist.
 *
 * @param username - the approving user (default: `state.defaultUsername`)
 */
export function authorizeRequestToken(state: EmulatorState, requestToken: string, username?: string): string {
  const pending = state.requestTokens.get(requestToken);
  if (!pending) throw new Error(`Unknown request token ${JSON.stringify(requestToken)}.`);
  if (Date.now() - pending.createdAt > REQUEST_TOKEN_TTL_MS) {
    state.requestTokens.delete(requestToken);
    throw new Error("The request token has expired.");
  }
  const user = state.user(username ?? state.defaultUsername);
  if (!user) throw new Error(`Unknown user ${JSON.stringify(username ?? state.defaultUsername)}.`);
  pending.username = user.username;
  pending.verifier ??= newToken(5);
  return pending.verifier;
}

/**
 * Registers the OAuth routes.
 *
 * @param authenticator - the emulator's credential rules (pinned consumers, known secrets)
 */
export function registerOAuth(router: Router, authenticator: Authenticator = new Authenticator()): void {
  const requestToken = (ctx: Ctx): Reply => {
    const req = authRequestFromCtx(ctx);
    const params = oauthParams(req);
    if (!params || oauthProblem(params, authenticator.maxClockSkewSeconds)) return text(400, MALFORMED);
    const consumerKey = params.oauth_consumer_key as string;
    if (!authenticator.consumerAllowed(consumerKey)) return text(401, "Invalid consumer.");
    if (checkSignature(req, params, authenticator.consumerSecret(consumerKey), "") === false) {
      return text(401, "Invalid signature.");
    }
    authenticator.learnFromPlaintext(params);
    const token = newToken();
    const secret = newToken();
    ctx.state.requestTokens.set(token, {
      secret,
      consumerKey,
      callback: params.oauth_callback || "oob",
      createdAt: Date.now(),
    });
    return text(200, `oauth_token=${token}&oauth_token_secret=${secret}&oauth_callback_confirmed=true`);
  };
  router.add("GET", "/oauth/request_token", requestToken);
  router.add("POST", "/oauth/request_token", requestToken);

  router.add("POST", "/oauth/access_token", (ctx) => {
    const req = authRequestFromCtx(ctx);
    const params = oauthParams(req);
    if (!params || oauthProblem(params, authenticator.maxClockSkewSeconds)) return text(400, MALFORMED);
    const consumerKey = params.oauth_consumer_key as string;
    const token = params.oauth_token;
    const verifier = params.oauth_verifier;
    if (!token || !verifier) return text(400, MALFORMED);
    if (!authenticator.consumerAllowed(consumerKey)) return text(401, "Invalid consumer.");
    const pending = ctx.state.requestTokens.get(token);
    if (!pending || pending.consumerKey !== consumerKey) return text(401, "Invalid request token.");
    if (Date.now() - pending.createdAt > REQUEST_TOKEN_TTL_MS) {
      ctx.state.requestTokens.delete(token);
      return text(400, "Request token expired.");
    }
    if (checkSignature(req, params, authenticator.consumerSecret(consumerKey), pending.secret) === false) {
      return text(401, "Invalid signature.");
    }
    if (!pending.verifier || !pending.username) return text(401, "Request token not authorized.");
    if (pending.verifier !== verifier) return text(401, "Invalid verifier.");
    ctx.state.requestTokens.delete(token);
    const accessToken = newToken();
    const accessSecret = newToken();
    ctx.state.accessTokens.set(accessToken, {
      secret: accessSecret,
      consumerKey,
      username: pending.username,
    });
    return text(200, `oauth_token=${accessToken}&oauth_token_secret=${accessSecret}`);
  });

  router.add("GET", "/oauth/authorize", (ctx) => {
    const token = ctx.query.get("oauth_token");
    if (!token) return text(400, "Missing oauth_token.");
    let verifier: string;
    try {
      verifier = authorizeRequestToken(ctx.state, token, ctx.query.get("username") ?? undefined);
    } catch (e) {
      return text(400, (e as Error).message);
    }
    const callback = ctx.state.requestTokens.get(token)?.callback;
    if (callback && callback !== "oob" && /^[a-z][a-z0-9+.-]*:/i.test(callback)) {
      const url = new URL(callback);
      url.searchParams.set("oauth_token", token);
      url.searchParams.set("oauth_verifier", verifier);
      return { status: 302, headers: { location: url.toString() } };
    }
    return text(200, verifier);
  });

  router.add("GET", "/oauth/identity", (ctx) => {
    const user = ctx.auth.user;
    if (!user) {
      const reply = error(401, MESSAGES.auth);
      reply.headers = { "www-authenticate": WWW_AUTHENTICATE };
      return reply;
    }
    return json(200, {
      id: user.id,
      username: user.username,
      resource_url: ctx.state.url(`/users/${encodeURIComponent(user.username)}`),
      consumer_name: ctx.auth.kind === "oauth" ? (ctx.auth.consumerKey ?? "") : "Personal access token",
    });
  });
}
