/**
 * `client.marketplace.fee`: the marketplace fee for a price.
 *
 * @module
 */

import type { Lazy } from "../../core/lazy";
import { oneOf, optionsObject, path } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { FeeSchema, type Fee } from "../../models/marketplace";
import { lazyGet } from "../helpers";
import { APIResource } from "../resource";
import { CURRENCIES, type Currency } from "../users/shared";
import { positivePrice } from "./listings";

/** Parameters of `client.marketplace.fee.get`. */
export interface FeeParams {
  /** The sale price: a finite number above 0, sent with two decimals (`10` → `10.00`). */
  price: number;
  /** The price's currency. @default "USD" (Discogs' default) */
  currency?: Currency;
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
    const p = optionsObject("params", params);
    const value = positivePrice("price", p.price);
    // The path takes whole cents: a price that rounds to 0.00, or too large for exact cents (toFixed would
    // drift or switch to exponent notation), cannot be sent.
    const cents = Math.round(value * 100);
    if (cents < 1 || cents > Number.MAX_SAFE_INTEGER) {
      throw new TypeError(
        `price must be from 0.01 to ${Math.floor(Number.MAX_SAFE_INTEGER / 100)}, got ${value}`,
      );
    }
    const price = value.toFixed(2);
    const currency = oneOf("currency", p.currency, CURRENCIES);
    return lazyGet(this._client, {
      path:
        currency === undefined
          ? path`/marketplace/fee/${price}`
          : path`/marketplace/fee/${price}/${currency}`,
      schema: FeeSchema,
      options,
    });
  }
}
