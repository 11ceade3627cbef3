/**
 * Small helpers shared by the database, marketplace and inventory resources: the lazy GET behind every `get`,
 * and argument checks that more than one resource needs.
 *
 * @module
 */

import type { Discogs } from "../client";
import { Lazy } from "../core/lazy";
import { DiscogsError } from "../core/errors";
import type { APIRequest, WithResponse } from "../core/request";

/** A GET request as a resource describes it (the method is implied). */
export type GetRequest<T> = Omit<APIRequest<T>, "method">;

/** The loader of a lazy resource: sends `GET` when called (that is, when the resource is first awaited). */
export function getLoader<T>(client: Discogs, req: GetRequest<T>): () => Promise<WithResponse<T>> {
  return () => client._requestWithResponse<T>({ method: "GET", ...req });
}

/** A lazy GET: nothing is sent until the result is awaited; the value is fetched once. */
export function lazyGet<T>(client: Discogs, req: GetRequest<T>): Lazy<T> {
  return new Lazy(getLoader(client, req));
}

/** Checks an optional year filter: a string (sent as is) or an integer. */
export function optYear(name: string, value: unknown): string | number | undefined {
  if (value === undefined || typeof value === "string" || Number.isInteger(value))
    return value as string | number | undefined;
  throw new TypeError(
    `${name} must be a year (a string or an integer), got ${typeof value === "number" ? value : typeof value}`,
  );
}

/** What an inventory export request or upload returns: the job's id and URL, from Discogs' `Location` header. */
export interface InventoryJob {
  /** The export or upload id, for `client.exports.get(id)` / `client.uploads.get(id)`. */
  id: number;
  /** The job's API URL, as Discogs sent it, e.g. `https://api.discogs.com/inventory/export/599632`. */
  location: string;
}

/**
 * Reads the job that `POST /inventory/export` and `POST /inventory/upload/*` created from the response's
 * `Location` header (Discogs sends no documented body). The location must be on the client's origin (a
 * `DiscogsError` naming the host otherwise). Throws a `DiscogsError` when the header is missing or does not end
 * with an id: the job was created, so look it up with `list()`.
 */
export function jobFromLocation(
  client: Discogs,
  response: Response,
  kind: "export" | "upload",
): InventoryJob {
  const location = response.headers.get("location");
  let id: number | undefined;
  if (location) {
    const url = client._transport.urls.follow(location, client.baseUrl + "/", `${kind} job location`);
    const last = url.pathname.replace(/\/+$/, "").split("/").pop() ?? "";
    if (/^[1-9]\d*$/.test(last)) id = Number(last);
  }
  if (!location || id === undefined) {
    throw new DiscogsError(
      `Discogs accepted the inventory ${kind} (HTTP ${response.status}) but sent no Location header with its id; ` +
        `find it with client.${kind}s.list()`,
    );
  }
  return { id, location };
}
