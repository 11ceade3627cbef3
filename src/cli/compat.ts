/**
 * The two places where the CLI needs SDK features that are being added to the client (issue 13, see
 * API-PLAN): a list that starts at page N (`list({ page })`), and the escape hatch `client.get/post/put/delete`.
 * Each function uses the public API when the client has it (detected at run time) and falls back to the
 * client's internal request methods otherwise, so the CLI works before and after that change lands.
 *
 * @module
 */

import type { Discogs, Page, Paginator, RequestOptions } from "../index";
import type { SDK } from "./sdk";

/** A list endpoint as the CLI walks it. */
export interface ListEndpoint<T> {
  /** The public list call: `(params) => client....list(params)`. */
  list: (params: Record<string, unknown>, options?: RequestOptions) => Paginator<T>;
  /** The list's params (sort, status, ...; `per_page` is 100 unless given). */
  params: Record<string, unknown>;
  /** Fallback only: the path, the key of the items in a page, and the schema of one item. */
  path: string;
  itemsKey: string;
  itemSchema: keyof SDK & `${string}Schema`;
}

/** Whether this client's paginators take `page` and are awaitable (the API of issue 13). */
function hasPageParam(p: Paginator<unknown>): boolean {
  return typeof (p as unknown as { then?: unknown }).then === "function";
}

/**
 * The pages of a list from page `start` (1-based) on. From page 1 this is the public `list(params).pages()`;
 * from a later page it is `list({ ...params, page }).pages()` when the SDK supports `page`, else the same walk
 * through the client's internal paginator.
 */
export function pagesFrom<T>(
  client: Discogs,
  sdk: SDK,
  endpoint: ListEndpoint<T>,
  start: number,
  options: RequestOptions,
): AsyncIterable<Page<T>> {
  const params = { per_page: 100, ...endpoint.params };
  if (start <= 1) return endpoint.list(params, options).pages();
  const probe = endpoint.list(params, options);
  if (hasPageParam(probe)) return endpoint.list({ ...params, page: start }, options).pages();
  const query: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    query[k] =
      v instanceof Date ? v.toISOString().replace(/\.\d{3}Z$/, "Z") : (v as string | number | boolean);
  }
  query.page = start;
  const schema = sdk.pageSchema(endpoint.itemsKey, sdk[endpoint.itemSchema] as never);
  return client
    ._paginate<T>({
      path: endpoint.path,
      query,
      schema,
      items: (page: Record<string, T[]>) => page[endpoint.itemsKey] ?? [],
      options,
    })
    .pages();
}

/** Options of {@link rawRequest}. */
export interface RawRequestOptions {
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * One request to any path, through the client's pipeline: `client.get/post/put/delete(path, options)` when the
 * client has them, else the client's internal request.
 */
export async function rawRequest(
  client: Discogs,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  options: RawRequestOptions,
): Promise<unknown> {
  const verb = method.toLowerCase() as "get" | "post" | "put" | "delete";
  const hatch = (client as unknown as Record<string, unknown>)[verb];
  const opts: Record<string, unknown> = {};
  if (options.query && Object.keys(options.query).length) opts.query = options.query;
  if (options.body !== undefined) opts.body = options.body;
  if (options.signal) opts.signal = options.signal;
  if (typeof hatch === "function") {
    return (hatch as (p: string, o: object) => Promise<unknown>).call(client, path, opts);
  }
  return client._request({
    method,
    path,
    query: options.query,
    body: options.body,
    options: options.signal ? { signal: options.signal } : undefined,
  });
}
