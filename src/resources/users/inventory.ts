/**
 * `client.users.get(username).inventory`: a seller's marketplace listings.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { Paginator } from "../../core/pagination";
import { oneOf, optionsObject, path } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { pageSchema } from "../../models/common";
import { ListingSchema, type Listing } from "../../models/marketplace";
import { INVENTORY_SORTS, INVENTORY_STATUSES, type InventoryListParams } from "../marketplace/listings";
import { APIResource } from "../resource";
import { listQuery } from "./shared";

/** `client.users.get(username).inventory` */
export class UserInventory extends APIResource {
  readonly #username: string;
  constructor(client: Discogs, username: string) {
    super(client);
    this.#username = username;
  }

  /**
   * The user's listings (`GET /users/{username}/inventory`). The owner sees private fields (`weight`,
   * `location`, `external_id`, ...). Discogs refuses pages past 100 of other users' inventories (403).
   *
   * @example
   * ```ts
   * const inventory = client.users.get("360vinyl").inventory.list({ sort: "price", sort_order: "asc" });
   * for (const listing of await inventory.toArray({ limit: 10 })) console.log(listing.price?.value);
   * ```
   */
  list(params?: InventoryListParams, options?: RequestOptions): Paginator<Listing> {
    const { status } = optionsObject("params", params);
    return this._client._paginate({
      path: path`/users/${this.#username}/inventory`,
      query: { ...listQuery(params, INVENTORY_SORTS), status: oneOf("status", status, INVENTORY_STATUSES) },
      schema: pageSchema("listings", ListingSchema),
      items: (page: { listings: Listing[] }) => page.listings,
      options,
    });
  }
}
