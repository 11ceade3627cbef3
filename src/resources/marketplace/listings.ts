/**
 * `client.marketplace.listings`: marketplace listings (get, create, edit, delete), plus the inventory paginator
 * that `client.users.get(username).inventory.list()` is built on.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { APIPromise } from "../../core/api-promise";
import { pathArg, prepare } from "../../core/endpoint";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import { optionsObject } from "../../core/params";
import type { RequestOptions } from "../../core/request";
import {
  createListing,
  deleteListing,
  getListing,
  listInventory,
  updateListing,
} from "../../endpoints/marketplace";
import {
  CONDITIONS,
  LISTING_STATUSES,
  SLEEVE_CONDITIONS,
  type Condition,
  type InventorySort,
  type InventoryStatus,
  type ListingStatus,
  type SleeveCondition,
} from "../../endpoints/values";
import type { Listing, ListingCreated } from "../../models/marketplace";
import type { CurrencyParams } from "../database/releases";
import { call, list, loader } from "../helpers";
import { APIResource } from "../resource";
import type { SortParams } from "../users/shared";

export type { Condition, InventorySort, InventoryStatus, ListingStatus, SleeveCondition };

/** Fields of a listing as Discogs' create and edit take them (Discogs' names). */
export interface ListingFields {
  /** The release being sold. Required. */
  release_id: number;
  /** Media condition. Required. */
  condition: Condition;
  /** Price in the seller's currency: from 0.01, in whole cents. Required. */
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
  const user = pathArg<string>(listInventory, "username", username, "username");
  return list(client, listInventory, { username: user }, params, options);
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
    return new ListingResource(this._client, pathArg(getListing, "listing_id", id, "id"), params, options);
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
  create(params: ListingCreateParams, options?: RequestOptions): APIPromise<ListingCreated> {
    const p = optionsObject("params", params);
    return call(
      this._client,
      createListing,
      {},
      { ...p, status: p.status === undefined ? "For Sale" : p.status },
      options,
    );
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
  update(id: number, params: ListingUpdateParams, options?: RequestOptions): APIPromise<void> {
    const listing_id = pathArg<number>(updateListing, "listing_id", id, "id");
    const given = optionsObject("params", params);
    if (given.release_id !== undefined && given.condition !== undefined && given.price !== undefined) {
      return call(this._client, updateListing, { listing_id }, given, options);
    }
    prepare(updateListing, { listing_id }, given, options); // bad input throws now, before the GET
    const send = async () => {
      const current = await this.get(listing_id, undefined, { ...options, cache: false });
      const merged: Record<string, unknown> = { ...fieldsOf(current) };
      for (const [key, value] of Object.entries(given)) if (value !== undefined) merged[key] = value;
      return call(this._client, updateListing, { listing_id }, merged, options).withResponse();
    };
    return new APIPromise(send());
  }

  /**
   * Deletes a listing (`DELETE /marketplace/listings/{id}`, 204; owner only).
   *
   * @example
   * ```ts
   * await client.marketplace.listings.delete(172723812);
   * ```
   */
  delete(id: number, options?: RequestOptions): APIPromise<void> {
    return call(
      this._client,
      deleteListing,
      { listing_id: pathArg(deleteListing, "listing_id", id, "id") },
      undefined,
      options,
    );
  }
}

/** A lazy listing: `await` it for the {@link Listing}. */
export class ListingResource extends Lazy<Listing> {
  /** The listing id. */
  readonly id: number;

  /** @internal */
  constructor(client: Discogs, id: number, params?: CurrencyParams, options?: RequestOptions) {
    super(loader(client, getListing, { listing_id: id }, params, options));
    this.id = id;
  }
}
