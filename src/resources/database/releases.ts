/**
 * `client.releases`: releases and their ratings, stats, price suggestions and marketplace stats.
 *
 * Every `get` returns a lazy thenable that sends nothing until it is awaited; sub-resource accessors
 * (`.rating`, `.stats`, `.priceSuggestions`, `.marketplaceStats`) never send a request. Bad arguments throw a
 * `TypeError` naming the argument, synchronously, before any request.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { Lazy } from "../../core/lazy";
import { intInRange, oneOf, optionsObject, path, positiveId, segment } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import {
  CommunityRatingSchema,
  ReleaseSchema,
  ReleaseStatsSchema,
  UserReleaseRatingSchema,
  type CommunityRating,
  type Release,
  type ReleaseStats,
  type UserReleaseRating,
} from "../../models/database";
import {
  MarketplaceReleaseStatsSchema,
  PriceSuggestionsSchema,
  type MarketplaceReleaseStats,
  type PriceSuggestions,
} from "../../models/marketplace";
import { getLoader, lazyGet } from "../helpers";
import { APIResource } from "../resource";
import { CURRENCIES, type Currency } from "../users/shared";

/** Query of `client.releases.get` and `.marketplaceStats.get`. */
export interface CurrencyParams {
  /** Currency for prices (`lowest_price`), one of Discogs' currencies. @default the user's currency, else USD */
  curr_abbr?: Currency;
}

/** Query of `client.releases.get`. */
export type ReleaseGetParams = CurrencyParams;

/** The checked query of a `{ curr_abbr? }` params object. */
export type CurrencyQuery = { curr_abbr: Currency | undefined };

/** Checks a `{ curr_abbr? }` params object and returns its query. */
export function currencyQuery(params: CurrencyParams | undefined): CurrencyQuery {
  const { curr_abbr } = optionsObject("params", params);
  return { curr_abbr: oneOf("curr_abbr", curr_abbr, CURRENCIES) };
}

/** `client.releases` */
export class Releases extends APIResource {
  /**
   * A release (`GET /releases/{id}`), fetched when awaited. Sub-resources (`.rating`, `.stats`, ...) never
   * fetch the release.
   *
   * @example
   * ```ts
   * const release = await client.releases.get(352665);
   * console.log(release.title, release.tracklist?.[0]?.extra_artists);
   * const rating = await client.releases.get(352665).rating.get(); // one request
   * ```
   */
  get(id: number, params?: ReleaseGetParams, options?: RequestOptions): ReleaseResource {
    const releaseId = positiveId("id", id);
    return new ReleaseResource(this._client, releaseId, currencyQuery(params), options);
  }
}

/** A lazy release: `await` it for the {@link Release}; its accessors never send a request. */
export class ReleaseResource extends Lazy<Release> {
  /** The release id. */
  readonly id: number;
  /** Community rating and users' ratings. */
  readonly rating: ReleaseRating;
  /** Have/want statistics. */
  readonly stats: ReleaseStatsResource;
  /** Suggested prices per condition (needs a user with seller settings). */
  readonly priceSuggestions: ReleasePriceSuggestions;
  /** Lowest price and number for sale on the marketplace. */
  readonly marketplaceStats: ReleaseMarketplaceStats;

  /** @internal */
  constructor(
    client: Discogs,
    id: number,
    query: { curr_abbr: Currency | undefined },
    options?: RequestOptions,
  ) {
    super(getLoader(client, { path: path`/releases/${id}`, query, schema: ReleaseSchema, options }));
    this.id = id;
    this.rating = new ReleaseRating(client, id);
    this.stats = new ReleaseStatsResource(client, id);
    this.priceSuggestions = new ReleasePriceSuggestions(client, id);
    this.marketplaceStats = new ReleaseMarketplaceStats(client, id);
  }
}

/** Base of the sub-resources of one release. */
abstract class ReleaseSubResource extends APIResource {
  /** The release id. */
  readonly releaseId: number;
  /** @internal */
  constructor(client: Discogs, releaseId: number) {
    super(client);
    this.releaseId = releaseId;
  }
}

/** `client.releases.get(id).rating` */
export class ReleaseRating extends ReleaseSubResource {
  /**
   * Without a username: the community rating (`GET /releases/{id}/rating`). With one: that user's rating
   * (`GET /releases/{id}/rating/{username}`; `rating` is `0` when the user has not rated it). Lazy: sent when
   * awaited.
   *
   * @example
   * ```ts
   * const { rating } = await client.releases.get(352665).rating.get();
   * console.log(rating.average, rating.count);
   * const mine = await client.releases.get(352665).rating.get("example");
   * ```
   */
  get(username?: undefined, options?: RequestOptions): Lazy<CommunityRating>;
  get(username: string, options?: RequestOptions): Lazy<UserReleaseRating>;
  get(username?: string, options?: RequestOptions): Lazy<CommunityRating | UserReleaseRating> {
    const id = this.releaseId;
    if (username === undefined) {
      return lazyGet(this._client, {
        path: path`/releases/${id}/rating`,
        schema: CommunityRatingSchema,
        options,
      });
    }
    const user = segment("username", username);
    return lazyGet(this._client, {
      path: path`/releases/${id}/rating/${user}`,
      schema: UserReleaseRatingSchema,
      options,
    });
  }

  /**
   * Sets `username`'s rating of the release (`PUT /releases/{id}/rating/{username}`, body `{"rating": n}`); needs
   * credentials acting as that user. `rating` is an integer from 1 to 5. Returns the stored rating.
   *
   * @example
   * ```ts
   * const r = await client.releases.get(352665).rating.update("example", 5);
   * console.log(r.rating); // 5
   * ```
   */
  update(username: string, rating: number, options?: RequestOptions): Promise<UserReleaseRating> {
    const user = segment("username", username);
    if (rating === undefined) throw new TypeError("rating is required: an integer from 1 to 5");
    const value = intInRange("rating", rating, 1, 5);
    return this._client._request({
      method: "PUT",
      path: path`/releases/${this.releaseId}/rating/${user}`,
      body: { rating: value },
      schema: UserReleaseRatingSchema,
      options,
    });
  }

  /**
   * Removes `username`'s rating of the release (`DELETE /releases/{id}/rating/{username}`, 204); needs
   * credentials acting as that user.
   *
   * @example
   * ```ts
   * await client.releases.get(352665).rating.delete("example");
   * ```
   */
  delete(username: string, options?: RequestOptions): Promise<void> {
    const user = segment("username", username);
    return this._client._request<void>({
      method: "DELETE",
      path: path`/releases/${this.releaseId}/rating/${user}`,
      responseType: "none",
      options,
    });
  }
}

/** `client.releases.get(id).stats` */
export class ReleaseStatsResource extends ReleaseSubResource {
  /**
   * Release statistics (`GET /releases/{id}/stats`). Quirk: the docs show `{num_have, num_want}`, the live API
   * has sent `{is_offensive}` instead, so every field is optional; have/want counts are also in the release's
   * `community`. Lazy: sent when awaited.
   *
   * @example
   * ```ts
   * const stats = await client.releases.get(352665).stats.get();
   * console.log(stats.num_have, stats.num_want);
   * ```
   */
  get(options?: RequestOptions): Lazy<ReleaseStats> {
    return lazyGet(this._client, {
      path: path`/releases/${this.releaseId}/stats`,
      schema: ReleaseStatsSchema,
      options,
    });
  }
}

/** `client.releases.get(id).priceSuggestions` */
export class ReleasePriceSuggestions extends ReleaseSubResource {
  /**
   * Suggested prices per media condition, in the user's selling currency
   * (`GET /marketplace/price_suggestions/{id}`; needs a user with seller settings; `{}` without a suggestion).
   * Lazy: sent when awaited.
   *
   * @example
   * ```ts
   * const prices = await client.releases.get(352665).priceSuggestions.get();
   * console.log(prices["Very Good Plus (VG+)"]?.value);
   * ```
   */
  get(options?: RequestOptions): Lazy<PriceSuggestions> {
    return lazyGet(this._client, {
      path: path`/marketplace/price_suggestions/${this.releaseId}`,
      schema: PriceSuggestionsSchema,
      options,
    });
  }
}

/** `client.releases.get(id).marketplaceStats` */
export class ReleaseMarketplaceStats extends ReleaseSubResource {
  /**
   * Marketplace statistics of the release (`GET /marketplace/stats/{id}`): lowest price (in `curr_abbr`),
   * number for sale, whether it is blocked from sale. Lazy: sent when awaited.
   *
   * @example
   * ```ts
   * const stats = await client.releases.get(352665).marketplaceStats.get({ curr_abbr: "EUR" });
   * console.log(stats.lowest_price?.value, stats.num_for_sale);
   * ```
   */
  get(params?: CurrencyParams, options?: RequestOptions): Lazy<MarketplaceReleaseStats> {
    return lazyGet(this._client, {
      path: path`/marketplace/stats/${this.releaseId}`,
      query: currencyQuery(params),
      schema: MarketplaceReleaseStatsSchema,
      options,
    });
  }
}
