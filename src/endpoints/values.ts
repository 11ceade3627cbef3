/**
 * Closed sets of values that request parameters accept and the models do not carry, declared once and read by
 * the endpoint declarations and the resources' types. The sets responses carry too (currencies, conditions,
 * order statuses, search types) live with the models (`src/models/values.ts`) and are re-exported here.
 *
 * @module
 */

import { LISTING_STATES, ORDER_STATUSES } from "../models/values";

export {
  CONDITIONS,
  CURRENCIES,
  ORDER_STATUSES,
  SEARCH_TYPES,
  SLEEVE_CONDITIONS,
  type Condition,
  type Currency,
  type OrderStatus,
  type SearchType,
  type SleeveCondition,
} from "../models/values";

/** `sort_order` of every sortable Discogs list. */
export const SORT_ORDERS = ["asc", "desc"] as const;
/** A sort direction. */
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Statuses a listing can be created or edited with. */
export const LISTING_STATUSES = ["For Sale", "Draft"] as const;
/** A status a listing can be created or edited with. */
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** Values of the inventory `status` filter (from Discogs' 422 message): `"All"` and every listing status. */
export const INVENTORY_STATUSES = ["All", ...LISTING_STATES] as const;
/** An inventory `status` filter value. */
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];

/** Sort keys of `GET /users/{username}/inventory` (`status` and `location` work for the owner only). */
export const INVENTORY_SORTS = [
  "listed",
  "price",
  "item",
  "artist",
  "label",
  "catno",
  "audio",
  "status",
  "location",
] as const;
/** An inventory sort key. */
export type InventorySort = (typeof INVENTORY_SORTS)[number];

/** Values of the order list's `status` filter: the statuses above plus a few that only filter. */
export const ORDER_FILTER_STATUSES = [
  "All",
  ...ORDER_STATUSES,
  "Merged",
  "Order Changed",
  "Cancelled",
  "Cancelled (Refund Received)",
] as const;
/** An order list `status` filter value. */
export type OrderFilterStatus = (typeof ORDER_FILTER_STATUSES)[number];

/** Sort keys of `GET /marketplace/orders`. */
export const ORDER_SORTS = ["id", "buyer", "created", "status", "last_activity"] as const;
/** An order sort key. */
export type OrderSort = (typeof ORDER_SORTS)[number];
