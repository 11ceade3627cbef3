/**
 * `client.releases`: releases and their ratings, stats, price suggestions and marketplace stats.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { Lazy } from "../../core/lazy";
import { optionsObject, path, positiveId } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { ReleaseSchema, type Release } from "../../models/database";
import { APIResource } from "../resource";

/** Query of `client.releases.get`. */
export interface ReleaseGetParams {
  /** Currency for `lowest_price` (e.g. `"EUR"`). @default the user's currency, else USD */
  curr_abbr?: string;
}

/** `client.releases` */
export class Releases extends APIResource {
  /**
   * A release, fetched when awaited. Sub-resources (`.rating`, `.stats`, ...) never fetch the release.
   *
   * @example
   * ```ts
   * const release = await client.releases.get(352665);
   * const rating = await client.releases.get(352665).rating.get(); // one request
   * ```
   */
  get(id: number, params?: ReleaseGetParams, options?: RequestOptions): ReleaseResource {
    const releaseId = positiveId("id", id);
    const { curr_abbr } = optionsObject("params", params);
    return new ReleaseResource(this._client, releaseId, curr_abbr, options);
  }
}

/** A lazy release: `await` it for the {@link Release}; its accessors never send a request. */
export class ReleaseResource extends Lazy<Release> {
  /** The release id. */
  readonly id: number;
  /** Community rating and users' ratings. */
  readonly rating: ReleaseRating;
  readonly #client: Discogs;

  constructor(client: Discogs, id: number, currAbbr?: string, options?: RequestOptions) {
    super(() =>
      client._request({
        method: "GET",
        path: path`/releases/${id}`,
        query: { curr_abbr: currAbbr },
        schema: ReleaseSchema,
        options,
      }),
    );
    this.#client = client;
    this.id = id;
    this.rating = new ReleaseRating(client, id);
  }
}

/** `client.releases.get(id).rating` */
export class ReleaseRating extends APIResource {
  readonly #releaseId: number;
  constructor(client: Discogs, releaseId: number) {
    super(client);
    this.#releaseId = releaseId;
  }
}

