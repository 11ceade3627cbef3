/**
 * URLs: the base URL's checks, and the origin lock. Every URL the SDK sends to (paths it built, pagination
 * `next` links, job locations, redirect targets) is resolved here with the URL parser and must have the base
 * URL's origin; anything else is a {@link DiscogsError} naming the foreign host, and nothing is sent.
 *
 * @module
 */

import { DiscogsError } from "./errors";

/** Query parameter values; `undefined` and `null` are left out. */
export type QueryValue = string | number | boolean | null | undefined;

/** The default API base URL. */
export const DEFAULT_BASE_URL = "https://api.discogs.com";

/** `baseUrl` as shown in messages: scheme, host and path only (never user info). */
function describe(value: string): string {
  try {
    const u = new URL(value);
    return JSON.stringify(`${u.protocol}//${u.host}${u.pathname}`);
  } catch {
    return "a string that is not an absolute URL";
  }
}

/**
 * Checks the `baseUrl` option and returns it without a trailing slash. A `TypeError` for anything but an
 * absolute http(s) URL without user info, query or fragment. The message never repeats user info.
 */
export function parseBaseUrl(value: unknown): string {
  if (value === undefined) return DEFAULT_BASE_URL;
  if (typeof value !== "string") throw new TypeError(`baseUrl must be a string, got ${typeof value}`);
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new TypeError("baseUrl must be an absolute http(s) URL such as https://api.discogs.com");
  }
  const shown = describe(value);
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new TypeError(`baseUrl must use http or https, got ${JSON.stringify(u.protocol)}`);
  }
  if (u.username !== "" || u.password !== "") {
    throw new TypeError(
      `baseUrl must not contain user info (user:password@): credentials go in token, consumerKey, ...; got ${shown}`,
    );
  }
  if (u.search !== "" || value.includes("?"))
    throw new TypeError(`baseUrl must not have a query, got ${shown}`);
  if (u.hash !== "" || value.includes("#"))
    throw new TypeError(`baseUrl must not have a fragment, got ${shown}`);
  return u.toString().replace(/\/+$/, "");
}

/** Resolves request paths and foreign links against one base URL, refusing any other origin. */
export class UrlResolver {
  /** The base URL with a trailing slash, so relative paths resolve below its path. */
  readonly #base: URL;
  /** The base URL's origin, e.g. `https://api.discogs.com`. */
  readonly origin: string;

  constructor(baseUrl: string) {
    this.#base = new URL(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.origin = this.#base.origin;
  }

  /**
   * A request path (`/releases/1`, relative to the base URL's path) or an absolute URL (a `next` link, a
   * `Location`), with `query` added. Throws a {@link DiscogsError} naming the host when the result is not on
   * the base URL's origin. `what` names the URL's source in that message.
   */
  resolve(target: string, query?: Record<string, QueryValue>, what = "URL"): URL {
    // A plain path (`/releases/1`, `releases/1`) is relative to the base URL's path; anything else (a scheme,
    // `//host`, backslashes, leading whitespace) is read exactly as the URL parser, and so fetch, reads it.
    const url = PLAIN_PATH.test(target)
      ? this.#parse(target.replace(/^\//, ""), this.#base, what)
      : this.follow(target, this.#base, what);
    this.assertSameOrigin(url, what);
    if (query) {
      for (const [k, v] of Object.entries(query)) {
        if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
      }
    }
    return url;
  }

  /**
   * Resolves a link Discogs sent (a `next` link, a `Location` header) against `from`, the URL it came with, and
   * checks its origin. Leading/trailing whitespace, backslashes and scheme-relative forms are all read as the
   * URL parser (and so `fetch`) reads them.
   */
  follow(link: string, from: URL | string, what: string): URL {
    const url = this.#parse(link, from, what);
    this.assertSameOrigin(url, what);
    return url;
  }

  /** Throws a {@link DiscogsError} naming the host unless `url` is on the base URL's origin. */
  assertSameOrigin(url: URL, what: string): void {
    if (url.origin === this.origin) return;
    const host = url.protocol === "http:" || url.protocol === "https:" ? url.host : url.protocol;
    throw new DiscogsError(
      `Refused to send a request to ${JSON.stringify(host || url.protocol)}: the ${what} is not on ` +
        `${this.origin}, and credentials go to the configured baseUrl only`,
    );
  }

  #parse(value: string, base: URL | string | undefined, what: string): URL {
    try {
      return new URL(value, base);
    } catch {
      throw new DiscogsError(`The ${what} is not a valid URL`);
    }
  }
}

/** A path with no scheme, host or odd start: one optional `/`, then a character that starts a segment. */
const PLAIN_PATH = /^\/?[A-Za-z0-9_.~%-](?![A-Za-z0-9+.-]*:)/;
