/**
 * The marketplace endpoints: listings, orders and their messages, the fee, and a user's inventory.
 *
 * @module
 */

import { endpoint, inBody, inPath, inPathFromParams, inQuery } from "../core/endpoint";
import { enumOf, optBoolean, optNonNegative, optString, orderId, positiveId, segment } from "../core/params";
import {
  FeeSchema,
  ListingCreatedSchema,
  ListingSchema,
  OrderMessageSchema,
  OrderSchema,
} from "../models/marketplace";
import {
  CONDITIONS,
  CURRENCIES,
  INVENTORY_SORTS,
  INVENTORY_STATUSES,
  LISTING_STATUSES,
  ORDER_FILTER_STATUSES,
  ORDER_SORTS,
  ORDER_STATUSES,
  SLEEVE_CONDITIONS,
  SORT_ORDERS,
} from "./values";

/**
 * A price: a finite number from 0.01 to the largest amount of whole cents a double holds exactly. Discogs takes
 * prices in cents (the fee's path carries two decimals), so 0.001, 1e21 or 5e-324 are refused before sending.
 */
export function price(name: string, value: unknown): number {
  const cents = typeof value === "number" && Number.isFinite(value) ? Math.round(value * 100) : NaN;
  if (cents >= 1 && cents <= Number.MAX_SAFE_INTEGER) return value as number;
  throw new TypeError(
    `${name} must be a number from 0.01 to ${Math.floor(Number.MAX_SAFE_INTEGER / 100)}, got ${
      typeof value === "number" ? value : typeof value
    }`,
  );
}

/** A non-negative number, or `"auto"` (listing weight and format quantity). */
export function numberOrAuto(name: string, value: unknown): number | "auto" {
  if (value === "auto") return value;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  throw new TypeError(
    `${name} must be a non-negative number or "auto", got ${typeof value === "number" ? value : typeof value}`,
  );
}

/** An ISO 8601 time, from a `Date` or a non-empty string. */
export function isoTime(name: string, value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${name} is an invalid Date`);
    return value.toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  if (typeof value === "string" && value.trim() !== "") return value;
  throw new TypeError(`${name} must be a Date or a non-empty ISO 8601 string`);
}

const listingId = inPath(positiveId, "listing id");
const inventoryDrops = ["/users/{*}/inventory*"];

/** The fields of a listing, as create and edit take them (JSON body, Discogs' names). */
function listingFields(required: boolean) {
  return {
    release_id: inBody(positiveId, { required, doc: "the release being sold" }),
    condition: inBody(enumOf(CONDITIONS), { required, doc: "media condition" }),
    price: inBody(price, { required, doc: "in the seller's currency" }),
    status: inBody(enumOf(LISTING_STATUSES), { doc: '"For Sale" or "Draft"' }),
    sleeve_condition: inBody(enumOf(SLEEVE_CONDITIONS)),
    comments: inBody(optString),
    allow_offers: inBody(optBoolean),
    external_id: inBody(optString, { doc: "private reference" }),
    location: inBody(optString, { doc: "private storage location" }),
    weight: inBody(numberOrAuto, { doc: 'grams, or "auto"' }),
    format_quantity: inBody(numberOrAuto, { doc: 'items counted for shipping, or "auto"' }),
  };
}

export const getListing = endpoint({
  name: "marketplace.listings.get",
  summary: "A marketplace listing: release, condition, price, seller",
  method: "GET",
  path: "/marketplace/listings/{listing_id}",
  params: { listing_id: listingId, curr_abbr: inQuery(enumOf(CURRENCIES), { doc: "currency of the price" }) },
  response: ListingSchema,
  auth: "none",
});

export const createListing = endpoint({
  name: "marketplace.listings.create",
  summary: "Lists a release for sale (a create: never retried once it may have reached Discogs)",
  method: "POST",
  path: "/marketplace/listings",
  params: listingFields(true),
  response: ListingCreatedSchema,
  invalidates: inventoryDrops,
  auth: "user",
});

export const updateListing = endpoint<void>({
  name: "marketplace.listings.update",
  summary: "Edits a listing (fields left out keep their value)",
  method: "POST",
  path: "/marketplace/listings/{listing_id}",
  // Discogs' edit requires release_id, condition and price: `listings.update` fills the ones a caller leaves out
  // from the listing (one GET) before sending, so none is required here.
  params: { listing_id: listingId, ...listingFields(false) },
  idempotent: true,
  responseType: "none",
  invalidates: ["/marketplace/listings/{listing_id}*", ...inventoryDrops],
  auth: "user",
  destructive: true,
});

export const deleteListing = endpoint<void>({
  name: "marketplace.listings.delete",
  summary: "Deletes a listing",
  method: "DELETE",
  path: "/marketplace/listings/{listing_id}",
  params: { listing_id: listingId },
  responseType: "none",
  invalidates: ["/marketplace/listings/{listing_id}*", ...inventoryDrops],
  auth: "user",
  destructive: true,
});

export const listInventory = endpoint({
  name: "users.inventory.list",
  summary: "A user's listings for sale (the owner also sees drafts, sold and expired ones)",
  method: "GET",
  path: "/users/{username}/inventory",
  params: {
    username: inPath(segment, "username"),
    status: inQuery(enumOf(INVENTORY_STATUSES), { doc: "status filter (owner only)" }),
    sort: inQuery(enumOf(INVENTORY_SORTS), { doc: "sort key (status and location: owner only)" }),
    sort_order: inQuery(enumOf(SORT_ORDERS), { doc: "asc or desc" }),
  },
  response: ListingSchema,
  list: "listings",
  auth: "none",
});

const oid = inPath(orderId, 'order id, e.g. "1-1"');
const orderDrops = ["/marketplace/orders/{order_id}*", "/marketplace/orders"];

export const listOrders = endpoint({
  name: "marketplace.orders.list",
  summary: "The seller's orders, filterable by status and creation time",
  method: "GET",
  path: "/marketplace/orders",
  params: {
    status: inQuery(enumOf(ORDER_FILTER_STATUSES), { doc: "order status filter" }),
    created_after: inQuery(isoTime, { doc: "ISO 8601 time" }),
    created_before: inQuery(isoTime, { doc: "ISO 8601 time" }),
    archived: inQuery(optBoolean),
    sort: inQuery(enumOf(ORDER_SORTS), { doc: "sort key" }),
    sort_order: inQuery(enumOf(SORT_ORDERS), { doc: "asc or desc" }),
  },
  response: OrderSchema,
  list: "orders",
  auth: "user",
});

export const getOrder = endpoint({
  name: "marketplace.orders.get",
  summary: "An order: buyer, items, totals, status",
  method: "GET",
  path: "/marketplace/orders/{order_id}",
  params: { order_id: oid },
  response: OrderSchema,
  auth: "user",
});

export const updateOrder = endpoint({
  name: "marketplace.orders.update",
  summary: "Changes an order's status or its shipping cost (one per request)",
  method: "POST",
  path: "/marketplace/orders/{order_id}",
  params: {
    order_id: oid,
    status: inBody(enumOf(ORDER_STATUSES)),
    shipping: inBody(optNonNegative, { doc: "shipping cost" }),
  },
  refine: (p) => {
    if (p.status !== undefined && p.shipping !== undefined) {
      throw new TypeError(
        "params must set either status or shipping, not both (Discogs takes one per request)",
      );
    }
    if (p.status === undefined && p.shipping === undefined)
      throw new TypeError("params must set status or shipping");
  },
  idempotent: true,
  response: OrderSchema,
  invalidates: orderDrops,
  auth: "user",
});

export const listOrderMessages = endpoint({
  name: "marketplace.orders.messages.list",
  summary: "An order's messages",
  method: "GET",
  path: "/marketplace/orders/{order_id}/messages",
  params: { order_id: oid },
  response: OrderMessageSchema,
  list: "messages",
  auth: "user",
});

export const createOrderMessage = endpoint({
  name: "marketplace.orders.messages.create",
  summary: "Sends a message on an order, optionally changing its status",
  method: "POST",
  path: "/marketplace/orders/{order_id}/messages",
  params: { order_id: oid, message: inBody(optString), status: inBody(enumOf(ORDER_STATUSES)) },
  refine: (p) => {
    if (p.message === undefined && p.status === undefined)
      throw new TypeError("params must set message, status or both");
  },
  response: OrderMessageSchema,
  invalidates: orderDrops,
  auth: "user",
});

export const getFee = endpoint({
  name: "marketplace.fee.get",
  summary: "The marketplace fee for a sale at a price",
  method: "GET",
  path: "/marketplace/fee/{price}",
  params: { price: inPathFromParamsPrice() },
  response: FeeSchema,
  auth: "user",
});

export const getFeeInCurrency = endpoint({
  name: "marketplace.fee.get(currency)",
  summary: "The marketplace fee for a sale at a price in a currency",
  method: "GET",
  path: "/marketplace/fee/{price}/{currency}",
  params: { price: inPathFromParamsPrice(), currency: inPathFromParams(enumOf(CURRENCIES), "currency") },
  response: FeeSchema,
  auth: "user",
});

/** The fee's price: a {@link price}, sent in the path with two decimals, as Discogs expects (`25` -> `25.00`). */
export function feePrice(name: string, value: unknown): string {
  return price(name, value).toFixed(2);
}

function inPathFromParamsPrice() {
  return inPathFromParams(feePrice, "the sale price");
}
