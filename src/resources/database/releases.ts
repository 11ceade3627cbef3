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
import type { APIPromise } from "../../core/api-promise";
import { pathArg } from "../../core/endpoint";
import { Lazy } from "../../core/lazy";
import type { RequestOptions } from "../../core/request";
import {
  deleteReleaseRating,
  getMarketplaceStats,
  getPriceSuggestions,
  getRelease,
  getReleaseRating,
  getReleaseStats,
  getUserReleaseRating,
  updateReleaseRating,
} from "../../endpoints/database";
import type { Currency } from "../../endpoints/values";
import type { CommunityRating, Release, ReleaseStats, UserReleaseRating } from "../../models/database";
import type { MarketplaceReleaseStats, PriceSuggestions } from "../../models/marketplace";
import { call, lazyCall, loader } from "../helpers";
import { APIResource } from "../resource";

/** Query of `client.releases.get` and `.marketplaceStats.get`. */
export interface CurrencyParams {
  /** Currency for prices (`lowest_price`), one of Discogs' currencies. @default the user's currency, else USD */
  curr_abbr?: Currency | undefined;
}

/** Query of `client.releases.get`. */
export type ReleaseGetParams = CurrencyParams;

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
    return new ReleaseResource(this._client, pathArg(getRelease, "release_id", id, "id"), params, options);
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
  constructor(client: Discogs, id: number, params?: ReleaseGetParams, options?: RequestOptions) {
    super(loader(client, getRelease, { release_id: id }, params, options));
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
    const release_id = this.releaseId;
    if (username === undefined)
      return lazyCall(this._client, getReleaseRating, { release_id }, undefined, options);
    const user = pathArg(getUserReleaseRating, "username", username, "username");
    return lazyCall(this._client, getUserReleaseRating, { release_id, username: user }, undefined, options);
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
  update(username: string, rating: number, options?: RequestOptions): APIPromise<UserReleaseRating> {
    const user = pathArg(updateReleaseRating, "username", username, "username");
    if (rating === undefined) throw new TypeError("rating is required: an integer from 1 to 5");
    return call(
      this._client,
      updateReleaseRating,
      { release_id: this.releaseId, username: user },
      { rating },
      options,
    );
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
  delete(username: string, options?: RequestOptions): APIPromise<void> {
    const user = pathArg(deleteReleaseRating, "username", username, "username");
    return call(
      this._client,
      deleteReleaseRating,
      { release_id: this.releaseId, username: user },
      undefined,
      options,
    );
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
    return lazyCall(this._client, getReleaseStats, { release_id: this.releaseId }, undefined, options);
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
    return lazyCall(this._client, getPriceSuggestions, { release_id: this.releaseId }, undefined, options);
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
    return lazyCall(this._client, getMarketplaceStats, { release_id: this.releaseId }, params, options);
  }
}
