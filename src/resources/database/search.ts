/**
 * `client.search(params)`: database search.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import { search as searchEndpoint } from "../../endpoints/database";
import type { SearchType } from "../../endpoints/values";
import type { SearchResult } from "../../models/database";
import { list } from "../helpers";
import type { PageParams } from "../users/shared";

export type { SearchType };

/** Search filters; `query` is sent as `q`, the others under Discogs' own names. Every filter is optional. */
export interface SearchParams extends PageParams {
  /** Free-text query, sent as `q`. */
  query?: string;
  /** Result type. */
  type?: SearchType;
  /** Combined `"Artist - Title"` search of releases. */
  title?: string;
  /** Release title. */
  release_title?: string;
  /** Credited artist. */
  credit?: string;
  /** Artist name. */
  artist?: string;
  /** Artist name variation. */
  anv?: string;
  /** Label name. */
  label?: string;
  genre?: string;
  style?: string;
  country?: string;
  /** Release year, e.g. `1989` or `"1989"`. */
  year?: string | number;
  format?: string;
  /** Catalog number. */
  catno?: string;
  barcode?: string;
  /** Track title. */
  track?: string;
  /** Username of the submitter. */
  submitter?: string;
  /** Username of a contributor. */
  contributor?: string;
}

/**
 * Searches the database (`GET /database/search`, needs any credentials; see `Discogs.search`). Returns a
 * paginator: nothing is sent until iteration starts. Quirk: Discogs' docs call the free-text parameter "query",
 * the query string key is `q`.
 *
 * @example
 * ```ts
 * for await (const r of client.search({ query: "Pretty Hate Machine", type: "release", year: 1989 })) {
 *   console.log(`[${r.type}] ${r.title}`);
 * }
 * ```
 */
export function search(
  client: Discogs,
  params: SearchParams = {},
  options?: RequestOptions,
): Paginator<SearchResult> {
  return list(client, searchEndpoint, {}, params, options);
}
