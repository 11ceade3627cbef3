/**
 * Argument checks shared by the user, collection, wantlist, inventory and list resources: sort and paging
 * parameters, ratings, required fields and update bodies. Each throws a `TypeError` naming the argument before
 * any request is sent.
 *
 * @module
 */

import { intInRange, oneOf, optionsObject } from "../../core/params";
import type { QueryValue } from "../../core/transport";

/** `sort_order` of every sortable Discogs list. */
export type SortOrder = "asc" | "desc";

const SORT_ORDERS: readonly SortOrder[] = ["asc", "desc"];

/** Paging parameter every list method accepts. */
export interface PageParams {
  /** Items per page, 1 to 100. @default 100 (Discogs' maximum; the server's own default is 50) */
  per_page?: number;
}

/** Sorting and paging parameters of a sortable list. */
export interface SortParams<S extends string> extends PageParams {
  /** Sort key. @default Discogs' default for the endpoint */
  sort?: S;
  /** Sort direction. @default Discogs' default for the endpoint */
  sort_order?: SortOrder;
}

// The currency list lives with the models (prices carry it too); re-exported here for the resources.
export { CURRENCIES, type Currency } from "../../models/values";

/**
 * Checks the params object of a list method and returns its query: `per_page` (1..100), plus `sort` from
 * `sorts` and `sort_order` when `sorts` is given.
 */
export function listQuery(
  params: (PageParams & { sort?: unknown; sort_order?: unknown }) | undefined,
  sorts?: readonly string[],
): Record<string, QueryValue> {
  const p = optionsObject("params", params);
  const query: Record<string, QueryValue> = {};
  // Only set keys that have a value: an `undefined` per_page would override the paginator's default of 100.
  const perPage = intInRange("per_page", p.per_page, 1, 100);
  if (perPage !== undefined) query.per_page = perPage;
  if (sorts) {
    const sort = oneOf("sort", p.sort, sorts);
    const sortOrder = oneOf("sort_order", p.sort_order, SORT_ORDERS);
    if (sort !== undefined) query.sort = sort;
    if (sortOrder !== undefined) query.sort_order = sortOrder;
  }
  return query;
}

/** An optional 0..5 rating (`0` clears it), as Discogs' collection and wantlist take it. */
export function rating(name: string, value: unknown): number | undefined {
  return intInRange(name, value, 0, 5);
}

/** A required string (empty allowed unless `nonEmpty`). */
export function requiredString(name: string, value: unknown, nonEmpty = false): string {
  if (typeof value !== "string" || (nonEmpty && value.trim() === "")) {
    throw new TypeError(
      `${name} is required and must be a ${nonEmpty ? "non-empty " : ""}string, got ${typeof value}`,
    );
  }
  return value;
}

/**
 * Drops `undefined` entries of an update body and refuses an update that sets nothing (`what`: the allowed
 * field names), since such a request would change nothing.
 */
export function updateBody<T extends Record<string, unknown>>(body: T, what: string): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(body)) if (v !== undefined) out[k as keyof T] = v as T[keyof T];
  if (Object.keys(out).length === 0) throw new TypeError(`params must set at least one of ${what}`);
  return out;
}
