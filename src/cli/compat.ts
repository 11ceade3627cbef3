/**
 * The two client features the CLI builds on for its exports and its escape hatch: a list that starts at page N
 * (`list({ page })`) and `client.get/post/put/delete`.
 *
 * @module
 */

import type { Discogs, Page, Paginator, RequestOptions } from "../index";

/** A list endpoint as the CLI walks it. */
export interface ListEndpoint<T> {
  /** The public list call: `(params) => client....list(params)`. */
  list: (params: Record<string, unknown>, options?: RequestOptions) => Paginator<T>;
  /** The list's params (sort, status, ...; `per_page` is 100 unless given). */
  params: Record<string, unknown>;
}

/** The pages of a list from page `start` (1-based) on: one request per page, none before `start`. */
export function pagesFrom<T>(
  endpoint: ListEndpoint<T>,
  start: number,
  options: RequestOptions,
): AsyncIterable<Page<T>> {
  const params = { per_page: 100, ...endpoint.params };
  return endpoint.list(start > 1 ? { ...params, page: start } : params, options).pages();
}

/** Options of {@link rawRequest}. */
export interface RawRequestOptions {
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  signal?: AbortSignal;
}

/** One request to any path, through the client's pipeline (`client.get/post/put/delete`). */
export function rawRequest(
  client: Discogs,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  options: RawRequestOptions,
): Promise<unknown> {
  const opts: { query?: Record<string, string | number | boolean>; body?: unknown; signal?: AbortSignal } =
    {};
  if (options.query && Object.keys(options.query).length) opts.query = options.query;
  if (options.body !== undefined) opts.body = options.body;
  if (options.signal) opts.signal = options.signal;
  switch (method) {
    case "GET":
      return client.get(path, opts);
    case "POST":
      return client.post(path, opts);
    case "PUT":
      return client.put(path, opts);
    case "DELETE":
      return client.delete(path, opts);
  }
}
