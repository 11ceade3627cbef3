/**
 * `client.marketplace`: listings, orders, fees.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { APIResource } from "../resource";
import { MarketplaceFee } from "./fee";
import { Listings } from "./listings";
import { Orders } from "./orders";

/** `client.marketplace`: listings, orders, fees. Its accessors never send a request. */
export class Marketplace extends APIResource {
  /** Listings: `get`, `create`, `update`, `delete`. */
  readonly listings: Listings;
  /** The seller's orders and their messages. */
  readonly orders: Orders;
  /** Marketplace fees. */
  readonly fee: MarketplaceFee;

  /** @internal */
  constructor(client: Discogs) {
    super(client);
    this.listings = new Listings(client);
    this.orders = new Orders(client);
    this.fee = new MarketplaceFee(client);
  }
}
