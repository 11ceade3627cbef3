/**
 * `client.users.get(username).wantlist`: the releases a user wants.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { APIPromise } from "../../core/api-promise";
import { pathArg } from "../../core/endpoint";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import { addWant, deleteWant, listWants, updateWant } from "../../endpoints/users";
import type { Want } from "../../models/users";
import { call, list } from "../helpers";
import { APIResource } from "../resource";
import type { PageParams } from "./shared";

/** Body of {@link Wantlist.create}. */
export interface WantCreateParams {
  /** The release to want. */
  release_id: number;
  /** Private notes. @default none */
  notes?: string;
  /** Rating, 0 to 5 (`0` = unrated). @default 0 */
  rating?: number;
}

/** Body of {@link Wantlist.update}. */
export interface WantUpdateParams {
  /** Private notes (`""` clears them). */
  notes?: string;
  /** Rating, 0 to 5 (`0` clears it). */
  rating?: number;
}

/**
 * `client.users.get(username).wantlist`. Discogs' docs show `notes` and `rating` as query parameters of the PUT
 * and POST; Discogs reads them from a JSON body, which is what the SDK sends.
 */
export class Wantlist extends APIResource {
  readonly #username: string;
  constructor(client: Discogs, username: string) {
    super(client);
    this.#username = username;
  }

  /**
   * The wantlist (`GET /users/{username}/wants`); private wantlists only for their owner, and `notes` only for
   * the owner.
   *
   * @example
   * ```ts
   * for await (const want of client.users.get("example").wantlist.list()) {
   *   console.log(want.basic_information.title, want.rating);
   * }
   * ```
   */
  list(params?: PageParams, options?: RequestOptions): Paginator<Want> {
    return list(this._client, listWants, { username: this.#username }, params, options);
  }

  /**
   * Adds a release to the wantlist (`PUT /users/{username}/wants/{release_id}`; owner only) and returns the new
   * {@link Want}. Adding a release already wanted replaces its notes and rating.
   *
   * @example
   * ```ts
   * const want = await client.users.get("example").wantlist.create({ release_id: 352665, notes: "Original pressing", rating: 4 });
   * ```
   */
  create(params: WantCreateParams, options?: RequestOptions): APIPromise<Want> {
    return call(this._client, addWant, { username: this.#username }, params, options);
  }

  /**
   * Edits the notes and/or rating of a wanted release (`POST /users/{username}/wants/{release_id}`; owner only)
   * and returns the updated {@link Want}. An update that sets nothing is refused (TypeError).
   *
   * @example
   * ```ts
   * const want = await client.users.get("example").wantlist.update(352665, { rating: 5 });
   * ```
   */
  update(releaseId: number, params: WantUpdateParams, options?: RequestOptions): APIPromise<Want> {
    const release_id = pathArg(updateWant, "release_id", releaseId, "releaseId");
    return call(this._client, updateWant, { username: this.#username, release_id }, params, options);
  }

  /**
   * Removes a release from the wantlist (`DELETE /users/{username}/wants/{release_id}`; owner only). Discogs
   * answers 204, so this resolves to nothing.
   *
   * @example
   * ```ts
   * await client.users.get("example").wantlist.delete(352665);
   * ```
   */
  delete(releaseId: number, options?: RequestOptions): APIPromise<void> {
    const release_id = pathArg(deleteWant, "release_id", releaseId, "releaseId");
    return call(this._client, deleteWant, { username: this.#username, release_id }, undefined, options);
  }
}
