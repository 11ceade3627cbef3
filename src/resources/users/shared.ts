/**
 * The paging and sorting parameter types every list method shares (their checks are in the endpoint
 * declarations, `src/endpoints/`).
 *
 * @module
 */

import { CURRENCIES, type Currency, type SortOrder } from "../../endpoints/values";

export { CURRENCIES, type Currency, type SortOrder };

/** Paging parameter every list method accepts. */
export interface PageParams {
  /** The page to start from (1-based): a list walks on from there, an awaited list gives that page. @default 1 */
  page?: number | undefined;
  /** Items per page, 1 to 100. @default 100 (Discogs' maximum; the server's own default is 50) */
  per_page?: number | undefined;
}

/** Sorting and paging parameters of a sortable list. */
export interface SortParams<S extends string> extends PageParams {
  /** Sort key. @default Discogs' default for the endpoint */
  sort?: S | undefined;
  /** Sort direction. @default Discogs' default for the endpoint */
  sort_order?: SortOrder | undefined;
}
