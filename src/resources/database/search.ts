/**
 * `client.search(params)`: database search.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { Paginator } from "../../core/pagination";
import { oneOf, optString, optionsObject } from "../../core/params";
import type { QueryValue, RequestOptions } from "../../core/transport";
import { pageSchema } from "../../models/common";
import { SearchResultSchema, type SearchResult } from "../../models/database";
import { optYear } from "../helpers";
import { listQuery, type PageParams } from "../users/shared";

// The entity kinds live with the models (search results carry them too); re-exported here.
import { SEARCH_TYPES, type SearchType } from "../../models/values";
export { SEARCH_TYPES, type SearchType };

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

/** The string filters, sent under their own names. */
const STRING_FILTERS = [
  "title",
  "release_title",
  "credit",
  "artist",
  "anv",
  "label",
  "genre",
  "style",
  "country",
  "format",
  "catno",
  "barcode",
  "track",
  "submitter",
  "contributor",
] as const satisfies readonly (keyof SearchParams)[];

const SearchPageSchema = pageSchema("results", SearchResultSchema);

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
  const p = optionsObject("params", params);
  const query: Record<string, QueryValue> = {
    ...listQuery(p),
    q: optString("query", p.query),
    type: oneOf("type", p.type, SEARCH_TYPES),
  };
  for (const key of STRING_FILTERS) query[key] = optString(key, p[key]);
  query.year = optYear("year", p.year);
  return client._paginate({
    path: "/database/search",
    query,
    schema: SearchPageSchema,
    items: (page: { results: SearchResult[] }) => page.results,
    options,
  });
}
