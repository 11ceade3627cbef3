/**
 * `client.marketplace.listings`: marketplace listings (get, create, edit, delete), plus the inventory paginator
 * that `client.users.get(username).inventory.list()` is built on.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import { oneOf, optBoolean, optString, optionsObject, path, positiveId, segment } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { pageSchema } from "../../models/common";
import {
  ListingCreatedSchema,
  ListingSchema,
  type Listing,
  type ListingCreated,
} from "../../models/marketplace";
import { currencyQuery, type CurrencyParams, type CurrencyQuery } from "../database/releases";
import { getLoader } from "../helpers";
import { APIResource } from "../resource";
import { listQuery, type SortParams } from "../users/shared";

// The condition lists live with the models (listings and orders carry them too); re-exported here.
import {
  CONDITIONS,
  LISTING_STATES,
  SLEEVE_CONDITIONS,
  type Condition,
  type SleeveCondition,
} from "../../models/values";
export { CONDITIONS, SLEEVE_CONDITIONS, type Condition, type SleeveCondition };

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

/** Fields of a listing as Discogs' create and edit take them (Discogs' names). */
export interface ListingFields {
  /** The release being sold. Required. */
  release_id: number;
  /** Media condition. Required. */
  condition: Condition;
  /** Price in the seller's currency; a finite number above 0. Required. */
  price: number;
  /** `"For Sale"` or `"Draft"`. @default "For Sale" */
  status?: ListingStatus;
  /** Sleeve condition. @default none */
  sleeve_condition?: SleeveCondition;
  /** Public comments. */
  comments?: string;
  /** Whether buyers may make offers. @default false (Discogs' default) */
  allow_offers?: boolean;
  /** Private free-text reference (only the seller sees it). */
  external_id?: string;
  /** Private storage location (only the seller sees it). */
  location?: string;
  /** Weight in grams, or `"auto"`. */
  weight?: number | "auto";
  /** Number of items counted for shipping, or `"auto"`. */
  format_quantity?: number | "auto";
}

/** Body of `client.marketplace.listings.create`. */
export type ListingCreateParams = ListingFields;

/**
 * Body of `client.marketplace.listings.update`: any subset of the listing fields. See `update` for what happens
 * to the fields left out.
 */
export type ListingUpdateParams = Partial<ListingFields>;

/** Filters, sorting and paging of an inventory (`GET /users/{username}/inventory`). */
export interface InventoryListParams extends SortParams<InventorySort> {
  /** Status filter; non-owners only ever see `"For Sale"`. @default Discogs' default */
  status?: InventoryStatus;
}

/** Checks a price: a finite number above 0. */
export function positivePrice(name: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  throw new TypeError(
    `${name} must be a finite number above 0, got ${typeof value === "number" ? value : typeof value}`,
  );
}

function numberOrAuto(name: string, value: unknown): number | "auto" | undefined {
  if (value === undefined || value === "auto") return value;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  throw new TypeError(
    `${name} must be a non-negative number or "auto", got ${typeof value === "number" ? value : typeof value}`,
  );
}

/**
 * Checks listing fields and returns the JSON body (Discogs' names, `undefined` left out by JSON). With
 * `required`, `release_id`, `condition` and `price` must be present.
 */
function listingBody(params: Partial<ListingFields> | undefined, required: boolean): Partial<ListingFields> {
  const p = optionsObject("params", params);
  if (required) {
    for (const key of ["release_id", "condition", "price"] as const) {
      if (p[key] === undefined) throw new TypeError(`${key} is required`);
    }
  }
  return {
    release_id: p.release_id === undefined ? undefined : positiveId("release_id", p.release_id),
    condition: oneOf("condition", p.condition, CONDITIONS),
    price: p.price === undefined ? undefined : positivePrice("price", p.price),
    status: oneOf("status", p.status, LISTING_STATUSES),
    sleeve_condition: oneOf("sleeve_condition", p.sleeve_condition, SLEEVE_CONDITIONS),
    comments: optString("comments", p.comments),
    allow_offers: optBoolean("allow_offers", p.allow_offers),
    external_id: optString("external_id", p.external_id),
    location: optString("location", p.location),
    weight: numberOrAuto("weight", p.weight),
    format_quantity: numberOrAuto("format_quantity", p.format_quantity),
  };
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value);
}

/** The editable fields of an existing listing, in edit-body form (what `update` fills in from the listing). */
function fieldsOf(listing: Listing): Partial<ListingFields> {
  // The owner's listing carries the price in the seller's currency in `original_price`; `price` may be converted
  // to the viewer's currency.
  const price = listing.original_price?.value ?? listing.price?.value;
  return {
    release_id: listing.release?.id,
    condition: isOneOf(listing.condition, CONDITIONS) ? listing.condition : undefined,
    price,
    status: isOneOf(listing.status, LISTING_STATUSES) ? listing.status : undefined,
    sleeve_condition: isOneOf(listing.sleeve_condition, SLEEVE_CONDITIONS)
      ? listing.sleeve_condition
      : undefined,
    comments: listing.comments,
    allow_offers: listing.allow_offers,
    external_id: listing.external_id,
    location: listing.location,
    weight: listing.weight,
    format_quantity: listing.format_quantity,
  };
}

const InventoryPageSchema = pageSchema("listings", ListingSchema);

/**
 * A paginator over a user's inventory (`GET /users/{username}/inventory`), checking `username` and `params`
 * first. The building block of `client.users.get(username).inventory.list()`.
 *
 * @example
 * ```ts
 * for await (const listing of inventoryPaginator(client, "360vinyl", { sort: "price", sort_order: "asc" })) {
 *   console.log(listing.release?.description, listing.price?.value);
 * }
 * ```
 */
export function inventoryPaginator(
  client: Discogs,
  username: string,
  params?: InventoryListParams,
  options?: RequestOptions,
): Paginator<Listing> {
  const user = segment("username", username);
  const p = optionsObject("params", params);
  return client._paginate({
    path: path`/users/${user}/inventory`,
    query: { ...listQuery(p, INVENTORY_SORTS), status: oneOf("status", p.status, INVENTORY_STATUSES) },
    schema: InventoryPageSchema,
    items: (page: { listings: Listing[] }) => page.listings,
    options,
  });
}

/** `client.marketplace.listings` */
export class Listings extends APIResource {
  /**
   * A listing (`GET /marketplace/listings/{id}`), fetched when awaited; `curr_abbr` converts the price.
   *
   * @example
   * ```ts
   * const listing = await client.marketplace.listings.get(172723812, { curr_abbr: "EUR" });
   * console.log(listing.condition, listing.price?.value);
   * ```
   */
  get(id: number, params?: CurrencyParams, options?: RequestOptions): ListingResource {
    return new ListingResource(this._client, positiveId("id", id), currencyQuery(params), options);
  }

  /**
   * Lists a release for sale (`POST /marketplace/listings`, 201). `release_id`, `condition` and `price` are
   * required; `status` defaults to `"For Sale"`. Quirk: the docs' URI template shows the fields as query
   * parameters, but Discogs reads them from a JSON body (as every client sends them), so that is what is sent.
   * Never retried (a retry could list the item twice). Returns what Discogs returns: `{listing_id, resource_url}`.
   *
   * @example
   * ```ts
   * const { listing_id } = await client.marketplace.listings.create({
   *   release_id: 352665,
   *   condition: "Very Good Plus (VG+)",
   *   price: 25,
   * });
   * ```
   */
  create(params: ListingCreateParams, options?: RequestOptions): Promise<ListingCreated> {
    const body = listingBody(params, true);
    body.status ??= "For Sale";
    return this._client._request({
      method: "POST",
      path: "/marketplace/listings",
      body,
      schema: ListingCreatedSchema,
      options,
    });
  }

  /**
   * Edits a listing (`POST /marketplace/listings/{id}`, 204; owner only, and only listings that are For Sale,
   * Draft or Expired). Discogs' edit requires `release_id`, `condition` and `price` and applies its own defaults
   * (`status` "For Sale", `allow_offers` false) to fields left out, so:
   * - when `params` has all three, the edit is sent as given: one request, and Discogs' defaults apply to the
   *   rest;
   * - when any of the three is missing, the SDK first reads the listing (`GET`, uncached) and fills every field
   *   you did not pass from it (the price from `original_price`, the seller's currency), so only the fields you
   *   pass change: two requests.
   *
   * Like the create, the fields go in a JSON body (the docs list them as parameters). Marked idempotent
   * (retried like a GET): repeating an edit sets the same values.
   *
   * @example
   * ```ts
   * await client.marketplace.listings.update(172723812, { price: 22.5 }); // keeps everything else
   * ```
   */
  update(id: number, params: ListingUpdateParams, options?: RequestOptions): Promise<void> {
    const listingId = positiveId("id", id);
    const given = listingBody(params, false);
    const send = (body: Partial<ListingFields>) =>
      this._client._request<void>({
        method: "POST",
        path: path`/marketplace/listings/${listingId}`,
        body,
        idempotent: true,
        responseType: "none",
        options,
      });
    if (given.release_id !== undefined && given.condition !== undefined && given.price !== undefined)
      return send(given);
    return (async () => {
      const current = await this.get(listingId, undefined, { ...options, cache: false });
      const merged: Partial<ListingFields> = { ...fieldsOf(current) };
      for (const [key, value] of Object.entries(given)) {
        if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
      }
      return send(merged);
    })();
  }

  /**
   * Deletes a listing (`DELETE /marketplace/listings/{id}`, 204; owner only).
   *
   * @example
   * ```ts
   * await client.marketplace.listings.delete(172723812);
   * ```
   */
  delete(id: number, options?: RequestOptions): Promise<void> {
    return this._client._request<void>({
      method: "DELETE",
      path: path`/marketplace/listings/${positiveId("id", id)}`,
      responseType: "none",
      options,
    });
  }
}

/** A lazy listing: `await` it for the {@link Listing}. */
export class ListingResource extends Lazy<Listing> {
  /** The listing id. */
  readonly id: number;

  /** @internal */
  constructor(client: Discogs, id: number, query: CurrencyQuery, options?: RequestOptions) {
    super(
      getLoader(client, {
        path: path`/marketplace/listings/${id}`,
        query,
        schema: ListingSchema,
        options,
      }),
    );
    this.id = id;
  }
}
