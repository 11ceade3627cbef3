/**
 * `client.users.get(username).inventory`: a seller's marketplace listings.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import { listInventory } from "../../endpoints/marketplace";
import type { Listing } from "../../models/marketplace";
import type { InventoryListParams } from "../marketplace/listings";
import { list } from "../helpers";
import { APIResource } from "../resource";

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
    return list(this._client, listInventory, { username: this.#username }, params, options);
  }
}
