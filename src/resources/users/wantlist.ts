/**
 * `client.users.get(username).wantlist`: the releases a user wants.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { Paginator } from "../../core/pagination";
import { optionsObject, optString, path, positiveId } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { pageSchema } from "../../models/common";
import { WantSchema, type Want } from "../../models/users";
import { APIResource } from "../resource";
import { listQuery, rating, updateBody, type PageParams } from "./shared";

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
    return this._client._paginate({
      path: path`/users/${this.#username}/wants`,
      query: listQuery(params),
      schema: pageSchema("wants", WantSchema),
      items: (page: { wants: Want[] }) => page.wants,
      options,
    });
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
  create(params: WantCreateParams, options?: RequestOptions): Promise<Want> {
    const p = optionsObject("params", params);
    const releaseId = positiveId("release_id", p.release_id);
    const body = { notes: optString("notes", p.notes), rating: rating("rating", p.rating) };
    return this._client._request({
      method: "PUT",
      path: path`/users/${this.#username}/wants/${releaseId}`,
      body,
      schema: WantSchema,
      options,
    });
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
  update(releaseId: number, params: WantUpdateParams, options?: RequestOptions): Promise<Want> {
    const id = positiveId("releaseId", releaseId);
    const p = optionsObject("params", params);
    const body = updateBody(
      { notes: optString("notes", p.notes), rating: rating("rating", p.rating) },
      "notes, rating",
    );
    return this._client._request({
      method: "POST",
      path: path`/users/${this.#username}/wants/${id}`,
      body,
      idempotent: true, // an edit: sending it twice leaves the same want
      schema: WantSchema,
      options,
    });
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
  delete(releaseId: number, options?: RequestOptions): Promise<void> {
    const id = positiveId("releaseId", releaseId);
    return this._client._request<void>({
      method: "DELETE",
      path: path`/users/${this.#username}/wants/${id}`,
      responseType: "none",
      options,
    });
  }
}
