/**
 * `client.marketplace.fee`: the marketplace fee for a price.
 *
 * @module
 */

import type { Lazy } from "../../core/lazy";
import { optionsObject } from "../../core/params";
import type { RequestOptions } from "../../core/request";
import { getFee, getFeeInCurrency } from "../../endpoints/marketplace";
import type { Currency } from "../../endpoints/values";
import type { Fee } from "../../models/marketplace";
import { lazyCall } from "../helpers";
import { APIResource } from "../resource";

/** Parameters of `client.marketplace.fee.get`. */
export interface FeeParams {
  /** The sale price: from 0.01, sent with two decimals (`10` → `10.00`). */
  price: number;
  /** The price's currency. @default "USD" (Discogs' default) */
  currency?: Currency | undefined;
}

/** `client.marketplace.fee` */
export class MarketplaceFee extends APIResource {
  /**
   * The fee Discogs charges for a sale at `price` (`GET /marketplace/fee/{price}[/{currency}]`), fetched when
   * awaited. The price goes into the path with two decimals, as Discogs expects (`25` → `/marketplace/fee/25.00`).
   *
   * @example
   * ```ts
   * const fee = await client.marketplace.fee.get({ price: 25, currency: "USD" });
   * console.log(fee.value, fee.currency);
   * ```
   */
  get(params: FeeParams, options?: RequestOptions): Lazy<Fee> {
    const { currency, ...rest } = optionsObject("params", params);
    if (currency === undefined) return lazyCall(this._client, getFee, {}, rest, options);
    return lazyCall(this._client, getFeeInCurrency, {}, { ...rest, currency }, options);
  }
}
