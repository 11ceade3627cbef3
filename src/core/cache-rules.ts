/**
 * Cache keys and invalidation: which cached GETs a successful write drops (its endpoint declaration names them:
 * `invalidates` in `src/endpoints/`).
 *
 * Pure functions over URLs, shared by every cache store (memory, SQLite, user-supplied). Paths are matched after
 * the base URL's own path, and usernames compare case-insensitively (Discogs usernames do). Dropping is across
 * identities: a write by one user also drops what other identities cached for the same paths.
 *
 * @module
 */

import type { HttpMethod } from "./request";

/** A set of cached keys to drop: every key starting with `prefix` for which `test` is true. */
export interface InvalidationTarget {
  /** The literal key prefix (up to the first wildcard). */
  readonly prefix: string;
  /** The exact test on a whole key. */
  readonly test: (key: string) => boolean;
  /** The drop path the target came from, for messages. */
  readonly path: string;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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
 * The cached GETs that a write invalidates: the paths its endpoint declaration names (`paths.drops`, under
 * `paths.root`, the base URL), or, for a write without a declaration (the escape hatch), its own path and
 * everything below it.
 */
export function invalidationTargets(
  method: HttpMethod,
  url: URL,
  paths?: { root: string; drops: readonly string[] },
): InvalidationTarget[] {
  if (method === "GET") return [];
  if (paths) return paths.drops.map((d) => target(paths.root, canonicalPath(d)));
  const pathname = canonicalPath(url.pathname.replace(/\/+$/, "") || "/");
  return [target(url.origin, `${pathname}*`)];
}
