/**
 * Closed sets of values that parameters accept, declared once and read by the endpoint declarations, the
 * resources' types and the docs.
 *
 * @module
 */

/** `sort_order` of every sortable Discogs list. */
export const SORT_ORDERS = ["asc", "desc"] as const;
/** A sort direction. */
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Currencies Discogs accepts for `curr_abbr`. */
export const CURRENCIES = [
  "USD",
  "GBP",
  "EUR",
  "CAD",
  "AUD",
  "JPY",
  "CHF",
  "MXN",
  "BRL",
  "NZD",
  "SEK",
  "ZAR",
] as const;
/** A currency Discogs accepts for `curr_abbr`. */
export type Currency = (typeof CURRENCIES)[number];

/** Media conditions Discogs accepts (`condition`), best first. */
export const CONDITIONS = [
  "Mint (M)",
  "Near Mint (NM or M-)",
  "Very Good Plus (VG+)",
  "Very Good (VG)",
  "Good Plus (G+)",
  "Good (G)",
  "Fair (F)",
  "Poor (P)",
] as const;
/** A media condition. */
export type Condition = (typeof CONDITIONS)[number];

/** Sleeve conditions Discogs accepts (`sleeve_condition`): the media conditions plus three sleeve-only values. */
export const SLEEVE_CONDITIONS = [...CONDITIONS, "Generic", "Not Graded", "No Cover"] as const;
/** A sleeve condition. */
export type SleeveCondition = (typeof SLEEVE_CONDITIONS)[number];

/** Statuses a listing can be created or edited with. */
export const LISTING_STATUSES = ["For Sale", "Draft"] as const;
/** A status a listing can be created or edited with. */
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** Values of the inventory `status` filter (from Discogs' 422 message). */
export const INVENTORY_STATUSES = [
  "All",
  "Deleted",
  "Draft",
  "Expired",
  "For Sale",
  "Sold",
  "Suspended",
  "Violation",
] as const;
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

/** Statuses an order can be moved to (`status` of an order edit or a message). */
export const ORDER_STATUSES = [
  "New Order",
  "Buyer Contacted",
  "Invoice Sent",
  "Payment Pending",
  "Payment Received",
  "In Progress",
  "Shipped",
  "Refund Sent",
  "Cancelled (Non-Paying Buyer)",
  "Cancelled (Item Unavailable)",
  "Cancelled (Per Buyer's Request)",
] as const;
/** A status an order can be moved to. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

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
