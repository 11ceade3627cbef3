/**
 * Small helpers shared by the database, marketplace and inventory resources: the lazy GET behind every `get`,
 * and argument checks that more than one resource needs.
 *
 * @module
 */

import type { Discogs } from "../client";
import type { APIPromise } from "../core/api-promise";
import type { Schema } from "../core/decode";
import { prepare, type Endpoint } from "../core/endpoint";
import { Lazy } from "../core/lazy";
import type { Paginator } from "../core/pagination";
import { DiscogsError } from "../core/errors";
import type { RequestOptions, WithResponse } from "../core/request";
import { pageSchema } from "../models/common";

/** Path arguments of a call, by the declaration's parameter names. */
export type PathArgs = Readonly<Record<string, unknown>>;

/** The loader of a lazy resource: the call is checked now, and sent when the loader runs (on first await). */
export function loader<R>(
  client: Discogs,
  ep: Endpoint<R>,
  path: PathArgs,
  params?: unknown,
  options?: RequestOptions,
): () => Promise<WithResponse<R>> {
  const req = prepare(ep, path, params, options);
  return () => client._requestWithResponse(req);
}

/** A lazy call of a GET endpoint: checked now, sent when awaited. */
export function lazyCall<R>(
  client: Discogs,
  ep: Endpoint<R>,
  path: PathArgs,
  params?: unknown,
  options?: RequestOptions,
): Lazy<R> {
  return new Lazy(loader(client, ep, path, params, options));
}

/** A call sent now (writes): checked, then sent; the promise offers `.withResponse()`. */
export function call<R>(
  client: Discogs,
  ep: Endpoint<R>,
  path: PathArgs,
  params?: unknown,
  options?: RequestOptions,
  extra?: Parameters<typeof prepare<R>>[4],
): APIPromise<R> {
  return client._request(prepare(ep, path, params, options, extra));
}

const pageSchemas = new WeakMap<Endpoint<unknown>, Schema<unknown>>();

/**
 * A paginated list endpoint: checked now, pages fetched when awaited or iterated. `items` reads the items of a
 * page whose body is not `{ pagination, [list]: items[] }`.
 */
export function list<T>(
  client: Discogs,
  ep: Endpoint<unknown>,
  path: PathArgs,
  params?: unknown,
  options?: RequestOptions,
  items?: (page: any) => T[],
): Paginator<T> {
  const req = prepare(ep, path, params, options);
  const key = ep.list as string;
  let schema = ep.page ?? pageSchemas.get(ep);
  // Without a model (discogs-sdk/lite) a page is not validated; its items are read all the same.
  if (!schema && ep.response) {
    schema = pageSchema(key, ep.response as never) as unknown as Schema<unknown>;
    pageSchemas.set(ep, schema);
  }
  return client._paginate<T>({
    path: req.path,
    query: req.query ?? {},
    schema,
    items: items ?? ((page: Record<string, T[]>) => page[key] ?? []),
    options,
  });
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
