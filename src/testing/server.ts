/**
 * The emulator's HTTP server: a real `node:http` (or `node:https`) server on 127.0.0.1 that runs every
 * request through the Discogs pipeline: CORS, body parsing, authentication, rate limiting, fault injection,
 * routing, and a JSON reply with Discogs' headers. It also serves the `/_emulator/*` control endpoints.
 *
 * @module
 */

import {
  createServer as createHttpServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { Authenticator, type AuthOptions, type AuthRequest, type AuthResult } from "./auth";
import { MESSAGES, type Ctx, type Reply, type Router, type UploadedFile } from "./framework";
import { faultFromJson, Faults, maintenancePage, type FaultSpec } from "./faults";
import { multipartBoundary, parseMultipart } from "./multipart";
import { RateLimiter, type RateLimitDecision, type RateLimitOptions } from "./ratelimit";
import { createRouter } from "./routes/index";
import { authorizeRequestToken, OAUTH_PROTOCOL_PATHS, WWW_AUTHENTICATE } from "./routes/oauth";
import { seedDatabase } from "./seed/database";
import { seedMarketplace } from "./seed/marketplace";
import { seedUsers } from "./seed/users";
import { EmulatorState } from "./state";
import { createSelfSignedCertificate } from "./tls";

/** Options of {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions extends AuthOptions {
  /**
   * The port to listen on; 0 picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * The address to listen on.
   * @default "127.0.0.1"
   */
  host?: string;
  /**
   * Serve HTTPS with a self-signed certificate made at start (see `emu.ca`).
   * @default false
   */
  tls?: boolean;
  /**
   * Rate limiting: `false` never refuses a request (the headers are still sent and report a budget of
   * 1,000,000, so that clients which throttle from them do not wait), an object overrides the
   * Discogs defaults (60 authenticated / 25 anonymous per 60 s moving window, per client address).
   * @default { authenticated: 60, anonymous: 25, windowMs: 60000, keyBy: "ip" }
   */
  rateLimit?: false | RateLimitOptions;
  /**
   * Seed the state with the bundled database, marketplace and users.
   * @default true
   */
  seed?: boolean;
  /**
   * Use this state instead of a new one (it is still seeded unless `seed: false`).
   * @default a new `EmulatorState`
   */
  state?: EmulatorState;
  /** Registers extra routes before the built-in ones (they win over a built-in route with the same path). */
  routes?: (router: Router) => void;
  /**
   * The most requests kept in `emu.requests`; older entries are dropped first.
   * @default 10000
   */
  maxLoggedRequests?: number;
}

/** One request as the emulator saw it (`emu.requests`). */
export interface LoggedRequest {
  /** The HTTP method, upper-case. */
  method: string;
  /** The decoded path (the raw path when it could not be decoded). */
  path: string;
  /** Query parameters (the last value wins when a name repeats). */
  query: Record<string, string>;
  /** Request headers with lower-case names; values as sent (`authorization` included). */
  headers: Record<string, string>;
  /** The parsed body (JSON object, form fields), or undefined. */
  body: unknown;
  /** The raw body as UTF-8 text. */
  rawBody: string;
  /** The status sent (0 when the connection was reset without a response). */
  status: number;
  /** How the request authenticated (`"none"` for a bad OAuth signature). */
  auth: "none" | "token" | "key" | "oauth";
  /** The user the request acted as, if any. */
  username?: string;
  /** For OAuth: true/false when the signature was checked, undefined when it could not be. */
  signatureValid?: boolean;
  /** Whether the request was refused with 429 by the rate limiter. */
  rateLimited: boolean;
  /** The injected fault kind, if a fault applied. */
  fault?: string;
  /** When the request arrived (epoch milliseconds). */
  time: number;
}

/** A running emulator, as {@link startEmulator} returns it. */
export interface Emulator {
  /** The base URL, e.g. `http://127.0.0.1:49152` (no trailing slash). */
  readonly url: string;
  /** The port listened on. */
  readonly port: number;
  /** The in-memory state; tests may read and change it. */
  readonly state: EmulatorState;
  /** Every API request handled, oldest first (control endpoints and CORS preflights are not logged). */
  readonly requests: LoggedRequest[];
  /** Fault injection: `emu.faults.add({ kind: "status", status: 503 })`. */
  readonly faults: Faults;
  /** The PEM certificate to trust in TLS mode (`tls: true`), else undefined. */
  readonly ca: string | undefined;
  /** The rate limiter (its `settings` may be read). */
  readonly rateLimiter: RateLimiter;
  /** The underlying Node server (`server.listening` is false once closed). */
  readonly server: Server;
  /** Empties `requests` (in place). */
  clearRequests(): void;
  /**
   * Plays the user approving an OAuth request token; returns the `oauth_verifier`.
   *
   * @param username - the approving user (default: `state.defaultUsername`, "example")
   */
  authorize(requestToken: string, username?: string): string;
  /** Changes rate limiting: `false` disables refusals, an object changes the given settings and enables it. */
  setRateLimit(options: false | RateLimitOptions): void;
  /** Clears the request log, the faults and every rate-limit window. */
  reset(): void;
  /** Stops the server: closes every connection (stalled ones included) and clears timers. */
  close(): Promise<void>;
}

const API_HEADERS = {
  "x-discogs-media-type": "discogs.v2",
};

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers":
    "Content-Type, Authorization, User-Agent, Accept, Private-Auth-Secret, Discogs-UID",
  "access-control-allow-methods": "GET,PUT,POST,DELETE,PATCH,OPTIONS",
  "access-control-expose-headers":
    "Location, Link, X-Discogs-Ratelimit, X-Discogs-Ratelimit-Used, X-Discogs-Ratelimit-Remaining",
};

const INTERNAL_ERROR = "An internal server error occurred.";
const MAX_BODY_BYTES = 50 * 1024 * 1024;

interface ParsedBody {
  body: Record<string, unknown> | undefined;
  files: UploadedFile[];
  invalid: boolean;
  form?: URLSearchParams;
}

function parseBody(raw: Buffer, contentType: string): ParsedBody {
  const result: ParsedBody = { body: undefined, files: [], invalid: false };
  if (raw.length === 0) return result;
  const text = () => raw.toString("utf8");
  const asObject = (value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  if (/^\s*application\/([\w.+-]*\+)?json/i.test(contentType)) {
    try {
      result.body = asObject(JSON.parse(text()));
    } catch {
      result.body = undefined;
    }
    result.invalid = result.body === undefined;
  } else if (/^\s*application\/x-www-form-urlencoded/i.test(contentType)) {
    result.form = new URLSearchParams(text());
    result.body = Object.fromEntries(result.form);
  } else if (/^\s*multipart\/form-data/i.test(contentType)) {
    const boundary = multipartBoundary(contentType);
    if (boundary) {
      const parts = parseMultipart(raw, boundary);
      result.body = parts.fields;
      result.files = parts.files;
    }
  } else if ((!contentType || /^\s*text\/plain/i.test(contentType)) && /^\s*\{/.test(text())) {
    // Lenient: fetch() sends a string body as text/plain; accept JSON objects sent that way.
    try {
      result.body = asObject(JSON.parse(text()));
    } catch {
      result.body = undefined;
    }
  }
  return result;
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function splitUrl(url: string): { rawPath: string; rawQuery: string } {
  let u = url.split("#")[0] ?? "";
  // Absolute-form request targets (proxies): keep only the path.
  const abs = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(u);
  if (abs) u = u.slice(abs[0].length) || "/";
  const q = u.indexOf("?");
  const rawPath = q === -1 ? u : u.slice(0, q);
  return {
    rawPath: rawPath.startsWith("/") ? rawPath : "/" + rawPath,
    rawQuery: q === -1 ? "" : u.slice(q + 1),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error("Request body too large."), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on("end", () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    req.on("close", () => {
      if (!ended) reject(new Error("The client closed the connection."));
    });
    req.on("error", reject);
  });
}

function errorMessage(status: number): string {
  if (status === 429) return MESSAGES.tooQuick;
  if (status === 401) return MESSAGES.auth;
  if (status === 404) return MESSAGES.notFound;
  if (status === 500) return INTERNAL_ERROR;
  return STATUS_CODES[status] ?? "Error";
}

/** Serializes a reply: the body bytes and the content type it implies. */
function serialize(reply: Reply): { body: Buffer; contentType?: string } {
  if (reply.status === 204 || reply.status === 304) return { body: Buffer.alloc(0) };
  if (reply.json !== undefined)
    return { body: Buffer.from(JSON.stringify(reply.json)), contentType: "application/json" };
  if (reply.text !== undefined)
    return { body: Buffer.from(reply.text), contentType: "text/plain; charset=utf-8" };
  return { body: Buffer.alloc(0) };
}

/**
 * Starts an emulator. See {@link EmulatorOptions} for the options and {@link Emulator} for what it returns.
 *
 * @example
 * ```ts
 * import { startEmulator } from "discogs-sdk/testing";
 *
 * const emu = await startEmulator();
 * const res = await fetch(`${emu.url}/releases/1`, { headers: { Authorization: "Discogs token=t" } });
 * await emu.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = options.state ?? new EmulatorState();
  const authenticator = new Authenticator(options);
  const routerOptions: Parameters<typeof createRouter>[0] = { authenticator };
  if (options.routes) routerOptions.routes = options.routes;
  const router = createRouter(routerOptions);
  const limiter = new RateLimiter(options.rateLimit);
  const faults = new Faults();
  const requests: LoggedRequest[] = [];
  const maxLogged = options.maxLoggedRequests ?? 10_000;
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closed = false;

  let ca: string | undefined;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      // Last resort: never crash, never hang.
      if (!res.headersSent) {
        try {
          res.writeHead(500, { "content-type": "application/json", ...CORS_HEADERS });
          res.end(JSON.stringify({ message: INTERNAL_ERROR }));
          return;
        } catch {
          // fall through
        }
      }
      res.destroy();
    });
  };
  let server: Server;
  if (options.tls) {
    const cert = await createSelfSignedCertificate();
    ca = cert.cert;
    server = createHttpsServer({ key: cert.key, cert: cert.cert }, listener);
  } else {
    server = createHttpServer(listener);
  }
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `${options.tls ? "https" : "http"}://${urlHost}:${port}`;
  // Seed after listening, so `resource_url`s use the real base URL.
  state.baseUrl = url;
  if (options.seed !== false) {
    try {
      seedDatabase(state);
      seedUsers(state);
      seedMarketplace(state);
      ensureDefaultUser(state);
    } catch (e) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw e;
    }
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, ms),
      };
      timers.add(entry);
    });

  const log = (entry: LoggedRequest) => {
    requests.push(entry);
    if (requests.length > maxLogged) requests.splice(0, requests.length - maxLogged);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const time = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
    if (method === "OPTIONS") {
      req.resume();
      res.writeHead(204, { "access-control-max-age": "86400", "content-length": "0" });
      res.end();
      return;
    }
    const { rawPath, rawQuery } = splitUrl(req.url ?? "/");
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req);
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status && !res.headersSent) {
        res.writeHead(status, { "content-type": "application/json", connection: "close" });
        res.end(JSON.stringify({ message: "Request body too large." }));
      } else res.destroy();
      return;
    }
    if (closed) {
      res.destroy();
      return;
    }
    const headers = lowerHeaders(req);
    const query = new URLSearchParams(rawQuery);
    if (rawPath === "/_emulator" || rawPath.startsWith("/_emulator/")) {
      control(method, rawPath, rawBody, res);
      return;
    }

    let path: string | null;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      path = null;
    }
    const parsed = parseBody(rawBody, headers["content-type"] ?? "");
    const scheme = options.tls ? "https" : "http";
    const authReq: AuthRequest = {
      method,
      baseUri: `${scheme}://${headers.host ?? `${urlHost}:${port}`}${rawPath}`,
      query,
      headers,
    };
    if (parsed.form) authReq.form = parsed.form;
    let authResult: AuthResult;
    try {
      authResult = authenticator.authenticate(authReq, state);
    } catch {
      authResult = { auth: { kind: "none", user: null } };
    }
    const { auth } = authResult;
    const entry: LoggedRequest = {
      method,
      path: path ?? rawPath,
      query: Object.fromEntries(query),
      headers,
      body: parsed.body,
      rawBody: rawBody.toString("utf8"),
      status: 0,
      auth: auth.kind,
      rateLimited: false,
      time,
    };
    if (auth.user) entry.username = auth.user.username;
    if (auth.kind === "oauth" || "signatureValid" in auth) entry.signatureValid = auth.signatureValid;

    const address = req.socket.remoteAddress ?? "unknown";
    const key =
      limiter.settings.keyBy === "credential" && authResult.credentialKey
        ? authResult.credentialKey
        : address;
    const decision = limiter.hit(key, auth.kind !== "none");
    const baseHeaders = (d: RateLimitDecision): Record<string, string> => ({
      ...API_HEADERS,
      "x-discogs-ratelimit": String(d.limit),
      "x-discogs-ratelimit-used": String(d.used),
      "x-discogs-ratelimit-remaining": String(d.remaining),
    });
    const send = (status: number, extra: Record<string, string>, body: Buffer, contentType?: string) => {
      entry.status = status;
      log(entry);
      const h: Record<string, string> = { ...baseHeaders(decision) };
      if (contentType) h["content-type"] = contentType;
      for (const [k, v] of Object.entries(extra)) h[k.toLowerCase()] = v;
      if (status === 401 && !h["www-authenticate"]) h["www-authenticate"] = WWW_AUTHENTICATE;
      h["content-length"] = String(body.length);
      res.writeHead(status, h);
      res.end(method === "HEAD" ? undefined : body);
    };
    const sendReply = (reply: Reply) => {
      const { body, contentType } = serialize(reply);
      const extra = { ...reply.headers };
      const hasType = Object.keys(extra).some((k) => k.toLowerCase() === "content-type");
      send(reply.status, extra, body, hasType ? undefined : contentType);
    };
    const sendError = (status: number, message: string, extra: Record<string, string> = {}) =>
      send(status, extra, Buffer.from(JSON.stringify({ message })), "application/json");

    if (!decision.allowed) {
      entry.rateLimited = true;
      sendError(429, MESSAGES.tooQuick);
      return;
    }
    if (authResult.reject && !(path && OAUTH_PROTOCOL_PATHS.includes(path))) {
      sendError(401, authResult.reject);
      return;
    }

    const fault = faults.take(method, path ?? rawPath);
    if (fault) {
      entry.fault = fault.kind;
      if (applyEarlyFault(fault, res, entry, send, baseHeaders(decision))) return;
      if (fault.kind === "latency") {
        await sleep(fault.ms ?? 1000);
        if (closed) {
          res.destroy();
          return;
        }
      }
    }

    let reply: Reply;
    const match = path === null ? null : safeMatch(router, method === "HEAD" ? "GET" : method, rawPath);
    if (match === null) reply = { status: 404, json: { message: MESSAGES.notFound } };
    else if (match === "method") reply = { status: 405, json: { message: "Method not allowed." } };
    else if (parsed.invalid && ["POST", "PUT", "PATCH"].includes(method)) {
      reply = { status: 422, json: { message: "Invalid JSON." } };
    } else {
      const ctx: Ctx = {
        method,
        path: path as string,
        params: match.params,
        query,
        headers,
        body: parsed.body,
        rawBody,
        files: parsed.files,
        bodyInvalid: parsed.invalid,
        auth,
        state,
        baseUrl: url,
      };
      try {
        reply = await match.handler(ctx);
        if (!reply || typeof reply.status !== "number") throw new TypeError("A handler returned no reply.");
      } catch {
        reply = { status: 500, json: { message: INTERNAL_ERROR } };
      }
    }
    if (closed) {
      res.destroy();
      return;
    }

    if (fault?.kind === "truncated") {
      const { body, contentType } = serialize(reply);
      entry.status = reply.status;
      log(entry);
      const h: Record<string, string> = { ...baseHeaders(decision), ...lowerKeys(reply.headers) };
      if (contentType && !h["content-type"]) h["content-type"] = contentType;
      h["content-length"] = String(body.length);
      res.writeHead(reply.status, h);
      res.flushHeaders(); // a body-less reply (204) ignores write(): its headers must still go out
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    if (fault?.kind === "invalid-json") {
      send(200, {}, Buffer.from('{"broken": '), "application/json");
      return;
    }
    sendReply(reply);
  }

  function applyEarlyFault(
    fault: FaultSpec,
    res: ServerResponse,
    entry: LoggedRequest,
    send: (status: number, extra: Record<string, string>, body: Buffer, contentType?: string) => void,
    headers: Record<string, string>,
  ): boolean {
    const status = fault.status ?? 500;
    const retry: Record<string, string> =
      fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {};
    switch (fault.kind) {
      case "status": {
        const body = fault.body !== undefined ? fault.body : { message: errorMessage(status) };
        send(status, retry, Buffer.from(JSON.stringify(body)), "application/json");
        return true;
      }
      case "html":
        send(status, retry, Buffer.from(maintenancePage(status)), "text/html; charset=utf-8");
        return true;
      case "empty":
        send(status, retry, Buffer.alloc(0));
        return true;
      case "stall":
        entry.status = fault.status ?? 200;
        log(entry);
        res.writeHead(entry.status, { ...headers, "content-type": "application/json" });
        res.flushHeaders();
        return true;
      case "reset": {
        if (fault.afterHeaders) {
          entry.status = fault.status ?? 200;
          log(entry);
          const body = Buffer.from(JSON.stringify(fault.body ?? { message: "This response was cut off." }));
          res.writeHead(entry.status, {
            ...headers,
            "content-type": "application/json",
            "content-length": String(body.length),
          });
          res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
        } else {
          entry.status = 0;
          log(entry);
          res.socket?.destroy();
          res.destroy();
        }
        return true;
      }
      default:
        return false;
    }
  }

  function control(method: string, rawPath: string, rawBody: Buffer, res: ServerResponse): void {
    const reply = (status: number, body?: unknown) => {
      const data = body === undefined ? "" : JSON.stringify(body);
      res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
      res.end(data);
    };
    const route = `${method} ${rawPath.replace(/\/+$/, "")}`;
    switch (route) {
      case "GET /_emulator/requests":
        return reply(200, requests);
      case "DELETE /_emulator/requests":
        requests.length = 0;
        return reply(204);
      case "GET /_emulator/faults":
        return reply(
          200,
          faults.list().map((f) => ({
            ...f.spec,
            path: f.spec.path instanceof RegExp ? String(f.spec.path) : f.spec.path,
            remaining: Number.isFinite(f.remaining) ? f.remaining : "Infinity",
          })),
        );
      case "POST /_emulator/faults": {
        let spec: FaultSpec;
        try {
          spec = faultFromJson(JSON.parse(rawBody.toString("utf8") || "null"));
        } catch (e) {
          return reply(400, { message: e instanceof SyntaxError ? "Invalid JSON." : (e as Error).message });
        }
        faults.add(spec);
        return reply(201, { ok: true });
      }
      case "DELETE /_emulator/faults":
        faults.clear();
        return reply(204);
      case "POST /_emulator/reset":
        emulator.reset();
        return reply(204);
      default:
        return reply(404, { message: MESSAGES.notFound });
    }
  }

  const emulator: Emulator = {
    url,
    port,
    state,
    requests,
    faults,
    ca,
    rateLimiter: limiter,
    server,
    clearRequests() {
      requests.length = 0;
    },
    authorize(requestToken: string, username?: string) {
      return authorizeRequestToken(state, requestToken, username);
    },
    setRateLimit(rateLimit: false | RateLimitOptions) {
      if (rateLimit === false) limiter.configure({ enabled: false });
      else limiter.configure({ ...rateLimit, enabled: true });
    },
    reset() {
      requests.length = 0;
      faults.clear();
      limiter.reset();
    },
    close() {
      if (closed) return closing;
      closed = true;
      for (const t of timers) {
        clearTimeout(t.timer);
        t.resolve();
      }
      timers.clear();
      closing = new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
  let closing: Promise<void> = Promise.resolve();
  return emulator;
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function safeMatch(router: Router, method: string, rawPath: string): ReturnType<Router["match"]> {
  try {
    return router.match(method, rawPath);
  } catch {
    return null;
  }
}

/** Adds a minimal default user when the seeds did not create one, so credentials always act as someone. */
function ensureDefaultUser(state: EmulatorState): void {
  const username = state.defaultUsername;
  if (state.user(username)) return;
  let id = 1;
  for (const u of state.users.values()) id = Math.max(id, u.id + 1);
  state.users.set(username, {
    id,
    username,
    collectionPublic: true,
    wantlistPublic: true,
    profile: {
      id,
      username,
      resource_url: state.url(`/users/${username}`),
      uri: `https://www.discogs.com/user/${username}`,
      name: "",
      profile: "",
      location: "",
      home_page: "",
      registered: "2010-01-01T00:00:00-08:00",
    },
  });
}
