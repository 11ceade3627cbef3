/**
 * `client.search(params)`: database search.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/transport";
import type { SearchResult } from "../../models/database";

/** Search filters; `query` is sent as `q`, the others under Discogs' own names. */
export interface SearchParams {
  query?: string;
}

/** Searches the database (see `Discogs.search`). */
export function search(_client: Discogs, _params: SearchParams, _options?: RequestOptions): Paginator<SearchResult> {
  throw new Error("not implemented");
}
