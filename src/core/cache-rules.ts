/**
 * Cache keys and the invalidation table: which cached GETs a successful write drops.
 *
 * Pure functions over URLs, shared by every cache store (memory, SQLite, user-supplied).
 *
 * @module
 */

import type { HttpMethod } from "./transport";

/**
 * One row of {@link INVALIDATION_RULES}.
 *
 * `write` is `"METHODS /path"`: methods joined by `|`, path segments either literal or a `{param}`.
 * `drop` lists the cached GET paths to drop, with the write's `{param}`s substituted:
 * - `/a/b` drops that exact path (any query string: every page, sort, filter);
 * - `/a/b*` drops that path and everything below it (`/a/b/...`), any query string;
 * - a `{*}` segment (`/users/{*}/inventory*`) matches any single segment (any user).
 */
export interface InvalidationRule {
  /** The write: `"POST|DELETE /marketplace/listings/{listing}"`. */
  readonly write: string;
  /** The GET paths it invalidates. */
  readonly drop: readonly string[];
}

/**
 * What each write invalidates (the one table; the README's "Caching" section copies it).
 *
 * Dropping is across identities: a write by one user also drops what other identities cached for the same
 * paths (another user's view of a public wantlist, inventory or profile). Paths are matched after the base
 * URL's own path, and usernames compare case-insensitively (Discogs usernames do).
 *
 * | Write | Drops |
 * |---|---|
 * | `PUT\|POST\|DELETE /users/{user}/wants/{release}` | `/users/{user}/wants*`, `/users/{user}` |
 * | `POST /users/{user}` (profile edit) | `/users/{user}` |
 * | `POST /users/{user}/collection/folders` (create) | `/users/{user}/collection/folders` |
 * | `POST\|DELETE /users/{user}/collection/folders/{folder}` (rename, delete) | `/users/{user}/collection/folders`, `/users/{user}/collection/folders/{folder}*` |
 * | `POST /users/{user}/collection/folders/{folder}/releases/{release}` (add) | `/users/{user}/collection/folders*`, `/users/{user}/collection/releases/{release}*`, `/users/{user}/collection/value`, `/users/{user}` |
 * | `POST\|DELETE …/folders/{folder}/releases/{release}/instances/{instance}` (move, rate, delete) | same as add |
 * | `POST …/instances/{instance}/fields/{field}` (notes) | `/users/{user}/collection/folders*`, `/users/{user}/collection/releases/{release}*` |
 * | `PUT\|DELETE /releases/{release}/rating/{user}` | `/releases/{release}/rating*`, `/releases/{release}` |
 * | `POST /marketplace/listings` (create) | `/users/{*}/inventory*` |
 * | `POST\|DELETE /marketplace/listings/{listing}` (edit, delete) | `/marketplace/listings/{listing}*`, `/users/{*}/inventory*` |
 * | `POST /marketplace/orders/{order}` (edit) | `/marketplace/orders/{order}*`, `/marketplace/orders` |
 * | `POST /marketplace/orders/{order}/messages` | `/marketplace/orders/{order}*`, `/marketplace/orders` |
 * | `POST /inventory/upload/{kind}` (add, change, delete) | `/inventory/upload`, `/users/{*}/inventory*`, `/marketplace/listings*` |
 * | `POST /inventory/export` | `/inventory/export` |
 * | any other write | its own path `*` |
 */
export const INVALIDATION_RULES: readonly InvalidationRule[] = [
  { write: "PUT|POST|DELETE /users/{user}/wants/{release}", drop: ["/users/{user}/wants*", "/users/{user}"] },
  { write: "POST /users/{user}", drop: ["/users/{user}"] },
  { write: "POST /users/{user}/collection/folders", drop: ["/users/{user}/collection/folders"] },
  {
    write: "POST|DELETE /users/{user}/collection/folders/{folder}",
    drop: ["/users/{user}/collection/folders", "/users/{user}/collection/folders/{folder}*"],
  },
  {
    write: "POST /users/{user}/collection/folders/{folder}/releases/{release}",
    drop: [
      "/users/{user}/collection/folders*",
      "/users/{user}/collection/releases/{release}*",
      "/users/{user}/collection/value",
      "/users/{user}",
    ],
  },
  {
    write: "POST|DELETE /users/{user}/collection/folders/{folder}/releases/{release}/instances/{instance}",
    drop: [
      "/users/{user}/collection/folders*",
      "/users/{user}/collection/releases/{release}*",
      "/users/{user}/collection/value",
      "/users/{user}",
    ],
  },
  {
    write:
      "POST /users/{user}/collection/folders/{folder}/releases/{release}/instances/{instance}/fields/{field}",
    drop: ["/users/{user}/collection/folders*", "/users/{user}/collection/releases/{release}*"],
  },
  {
    write: "PUT|DELETE /releases/{release}/rating/{user}",
    drop: ["/releases/{release}/rating*", "/releases/{release}"],
  },
  { write: "POST /marketplace/listings", drop: ["/users/{*}/inventory*"] },
  {
    write: "POST|DELETE /marketplace/listings/{listing}",
    drop: ["/marketplace/listings/{listing}*", "/users/{*}/inventory*"],
  },
  {
    write: "POST /marketplace/orders/{order}",
    drop: ["/marketplace/orders/{order}*", "/marketplace/orders"],
  },
  {
    write: "POST /marketplace/orders/{order}/messages",
    drop: ["/marketplace/orders/{order}*", "/marketplace/orders"],
  },
  {
    write: "POST /inventory/upload/{kind}",
    drop: ["/inventory/upload", "/users/{*}/inventory*", "/marketplace/listings*"],
  },
  { write: "POST /inventory/export", drop: ["/inventory/export"] },
];

/** A set of cached keys to drop: every key starting with `prefix` for which `test` is true. */
export interface InvalidationTarget {
  /** The literal key prefix (up to the first wildcard). */
  readonly prefix: string;
  /** The exact test on a whole key. */
  readonly test: (key: string) => boolean;
  /** The drop path the target came from, for messages. */
  readonly path: string;
}

interface CompiledRule {
  methods: ReadonlySet<string>;
  regex: RegExp;
  names: string[];
  drop: readonly string[];
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compileRule(rule: InvalidationRule): CompiledRule {
  const space = rule.write.indexOf(" ");
  const methods = new Set(rule.write.slice(0, space).split("|"));
  const names: string[] = [];
  const pattern = rule.write
    .slice(space + 1)
    .split("/")
    .map((seg) => {
      const m = /^\{(\w+)\}$/.exec(seg);
      if (!m) return escapeRegex(seg);
      names.push(m[1]!);
      return "([^/]+)";
    })
    .join("/");
  // Anchored at the end only: whatever comes before is the base URL's own path (e.g. `/api`).
  return { methods, regex: new RegExp(`^(.*?)${pattern}$`), names, drop: rule.drop };
}

const COMPILED: readonly CompiledRule[] = INVALIDATION_RULES.map(compileRule);

/** Segments whose value is a username (compared case-insensitively): `users/{user}`, `releases/{id}/rating/{user}`. */
function canonicalPath(pathname: string): string {
  const segs = pathname.split("/");
  for (let i = 1; i < segs.length; i++) {
    const prev = segs[i - 1];
    if (prev === "users" || (prev === "rating" && segs[i - 3] === "releases"))
      segs[i] = segs[i]!.toLowerCase();
  }
  return segs.join("/");
}

/** The canonical form of a URL for cache keys: lower-case usernames, sorted query parameters. */
export function canonicalUrl(url: URL): string {
  const u = new URL(url.toString());
  u.hash = "";
  u.pathname = canonicalPath(u.pathname);
  u.searchParams.sort();
  return u.toString();
}

/**
 * The store key of a transport key (`"GET <url> <identity>"`): the same layout with the URL in canonical form.
 * The identity (a hash of the credentials, never a credential) stays in the key, so one identity never reads
 * another identity's response.
 */
export function storeKey(transportKey: string): string {
  const first = transportKey.indexOf(" ");
  const last = transportKey.lastIndexOf(" ");
  if (first <= 0 || last <= first) return transportKey;
  try {
    const url = canonicalUrl(new URL(transportKey.slice(first + 1, last)));
    return `${transportKey.slice(0, first)} ${url}${transportKey.slice(last)}`;
  } catch {
    return transportKey;
  }
}

/** Builds the target for one drop path (already substituted, canonical), under `root` (origin + base path). */
function target(root: string, drop: string): InvalidationTarget {
  const below = drop.endsWith("*");
  const path = below ? drop.slice(0, -1) : drop;
  const wildcard = path.indexOf("/{*}");
  const literal = wildcard === -1 ? path : path.slice(0, wildcard + 1);
  const body = path
    .split("/")
    .map((seg) => (seg === "{*}" ? "[^/?# ]+" : escapeRegex(seg)))
    .join("/");
  // Keys are `GET <url> <identity>`: after the path comes a query (`?`), a sub-path (`/`, when `*`) or the space.
  const tail = below ? "(?:[/?][^ ]*)?" : "(?:\\?[^ ]*)?";
  const regex = new RegExp(`^GET ${escapeRegex(root)}${body}${tail} `);
  return { prefix: `GET ${root}${literal}`, test: (key) => regex.test(key), path: drop };
}

/**
 * The cached GETs that a write `method url` invalidates, per {@link INVALIDATION_RULES}. A write that no rule
 * names drops its own path and everything below it.
 */
export function invalidationTargets(method: HttpMethod, url: URL): InvalidationTarget[] {
  if (method === "GET") return [];
  const pathname = canonicalPath(url.pathname.replace(/\/+$/, "") || "/");
  for (const rule of COMPILED) {
    if (!rule.methods.has(method)) continue;
    const m = rule.regex.exec(pathname);
    if (!m) continue;
    const root = url.origin + m[1]!;
    const params: Record<string, string> = {};
    rule.names.forEach((name, i) => (params[name] = m[i + 2]!));
    return rule.drop.map((d) =>
      target(
        root,
        d.replace(/\{(\w+)\}/g, (_, n: string) => params[n] ?? ""),
      ),
    );
  }
  return [target(url.origin, `${pathname}*`)];
}
