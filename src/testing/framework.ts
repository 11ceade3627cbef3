/**
 * The emulator's routing framework: the request context handlers get, the reply they return, the router,
 * and the helpers for Discogs' envelopes (pagination, errors). Route modules live in `routes/` and register
 * themselves with {@link Router.add}.
 *
 * @module
 */

import type { EmulatorState, SeedUser } from "./state";

/** How the request authenticated. */
export interface AuthInfo {
  /** The credential kind presented (after signature checks: a bad OAuth signature gives `"none"`). */
  kind: "none" | "token" | "key" | "oauth";
  /** The user the credentials act as (token or OAuth), else null. Key/secret identifies no user. */
  user: SeedUser | null;
  /** For OAuth: whether the signature verified. Undefined for other kinds. */
  signatureValid?: boolean;
  /** The consumer key presented (OAuth or key/secret), if any. */
  consumerKey?: string;
}

/** One uploaded multipart file. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/** What a handler gets. */
export interface Ctx {
  method: string;
  /** The decoded path, e.g. `/users/example/wants/1`. */
  path: string;
  /** Path parameters from the route pattern (decoded). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  /** Parsed body: JSON object, form fields (urlencoded or multipart) as an object, or undefined. */
  body: Record<string, unknown> | undefined;
  /** The raw body bytes. */
  rawBody: Buffer;
  /** Multipart files. */
  files: UploadedFile[];
  /** Whether the raw body was present but not valid JSON while the content type said JSON. */
  bodyInvalid: boolean;
  auth: AuthInfo;
  state: EmulatorState;
  /** The emulator's base URL, e.g. `http://127.0.0.1:4321` (for `resource_url` and pagination links). */
  baseUrl: string;
}

/** What a handler returns. */
export interface Reply {
  status: number;
  /** A JSON body (serialized by the server). */
  json?: unknown;
  /** A text body (sent as is). */
  text?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** A route handler. */
export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

/** Method + path pattern router. Patterns use `:name` segments, e.g. `/users/:username/wants/:release_id`. */
export class Router {
  readonly #routes: Route[] = [];

  /** Registers a handler. */
  add(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const regex = new RegExp(
      "^" +
        pattern
          .replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === ":" ? c : "\\" + c))
          .replace(/:([a-z_]+)/gi, (_m, n: string) => {
            names.push(n);
            return "([^/]+)";
          }) +
        "/?$",
    );
    this.#routes.push({ method: method.toUpperCase(), regex, names, handler });
    return this;
  }

  /**
   * Finds the route for a request. Returns `{ handler, params }`, `"method"` when the path exists under
   * another method (405), or null (404).
   */
  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string> } | "method" | null {
    let pathMatched = false;
    for (const r of this.#routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { handler: r.handler, params };
    }
    return pathMatched ? "method" : null;
  }
}

/** A JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, json: body, headers } : { status, json: body };
}

/** A Discogs error reply: `{"message": ...}`. */
export function error(status: number, message: string): Reply {
  return { status, json: { message } };
}

/** 204 No Content. */
export function noContent(): Reply {
  return { status: 204 };
}

/** Common Discogs error messages, verbatim. */
export const MESSAGES = {
  auth: "You must authenticate to access this resource.",
  noPermission: "You don't have permission to access this resource.",
  notOwner:
    "You are not allowed to view this resource. Please authenticate as the owner to view this content.",
  notFound: "The requested resource was not found.",
  requestNotFound: "The request resource was not found.",
  tooQuick: "You are making requests too quickly.",
} as const;

/** Parses `page`/`per_page` like Discogs: defaults 1 and 50, `per_page` capped at 100. */
export function pageParams(query: URLSearchParams): { page: number; perPage: number } {
  const page = Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1);
  const perPage = Math.min(100, Math.max(1, Number.parseInt(query.get("per_page") ?? "50", 10) || 50));
  return { page, perPage };
}

/**
 * What {@link paginate} reads of a list: its length and a slice. An array is one; so is a list that orders only
 * the items up to the requested page (see `sortedPages` in the database routes).
 */
export interface PageSource<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

/**
 * Discogs' pagination envelope: slices `items` for the requested page and returns
 * `{ pagination: {page, pages, per_page, items, urls}, [key]: slice, ...extra }`. `urls` holds only the
 * applicable links (`first`/`prev` after page 1, `next`/`last` before the last page), as absolute URLs that
 * repeat every original query parameter. A page past the end is a 404 like Discogs'.
 *
 * @param view - turns a stored item into what the response shows (`Array.prototype.map`'s arguments: the item,
 *   its index and the page's stored items); it runs for the page's items only, so that a page costs its own size,
 *   not the size of the whole list (pass the stored items, not their views)
 */
export function paginate<T>(
  ctx: Ctx,
  items: PageSource<T>,
  key: string,
  extra: Record<string, unknown> = {},
  view?: (item: T, index: number, page: readonly T[]) => unknown,
): Reply {
  const { page, perPage } = pageParams(ctx.query);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  if (page > pages) return error(404, MESSAGES.notFound);
  const stored = items.slice((page - 1) * perPage, page * perPage);
  const slice = view ? stored.map(view) : stored;
  const link = (p: number) => {
    const q = new URLSearchParams(ctx.query);
    q.set("page", String(p));
    q.set("per_page", String(perPage));
    return `${ctx.baseUrl}${encodePath(ctx.path)}?${q.toString()}`;
  };
  const urls: Record<string, string> = {};
  if (page > 1) {
    urls.first = link(1);
    urls.prev = link(page - 1);
  }
  if (page < pages) {
    urls.last = link(pages);
    urls.next = link(page + 1);
  }
  const linkHeader = Object.entries(urls)
    .map(([rel, u]) => `<${u}>; rel="${rel}"`)
    .join(", ");
  return json(
    200,
    { pagination: { page, pages, per_page: perPage, items: items.length, urls }, [key]: slice, ...extra },
    linkHeader ? { link: linkHeader } : undefined,
  );
}

/** Re-encodes a decoded path for use in a URL. */
export function encodePath(path: string): string {
  return path
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
}

/** Requires a user identity (token or OAuth). Returns an error reply, or null when authenticated as a user. */
export function requireUser(ctx: Ctx): Reply | null {
  if (!ctx.auth.user) return error(401, MESSAGES.auth);
  return null;
}

/** Requires that the request acts as `username`; 401 anonymous, 403 another user. */
export function requireOwner(
  ctx: Ctx,
  username: string,
  forbidden: string = MESSAGES.noPermission,
): Reply | null {
  if (!ctx.auth.user) return error(401, MESSAGES.auth);
  if (ctx.auth.user.username.toLowerCase() !== username.toLowerCase()) return error(403, forbidden);
  return null;
}
