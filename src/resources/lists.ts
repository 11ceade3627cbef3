/**
 * `client.lists`: lists by id.
 *
 * @module
 */

import type { Discogs } from "../client";
import { pathArg } from "../core/endpoint";
import { Lazy } from "../core/lazy";
import type { RequestOptions } from "../core/request";
import { getList } from "../endpoints/users";
import type { List } from "../models/users";
import { loader } from "./helpers";
import { APIResource } from "./resource";

/** `client.lists`: lists by id. */
export class Lists extends APIResource {
  /**
   * A list with all its items (`GET /lists/{id}`; not paginated), fetched when awaited. Private lists only for
   * their owner.
   *
   * @example
   * ```ts
   * const list = await client.lists.get(2);
   * for (const item of list.items) console.log(`[${item.type}] ${item.display_title}: ${item.comment ?? ""}`);
   * ```
   */
  get(id: number, options?: RequestOptions): ListResource {
    return new ListResource(this._client, pathArg(getList, "list_id", id, "id"), options);
  }
}

/** A lazy list: `await` it for the {@link List}. */
export class ListResource extends Lazy<List> {
  /** The list id. */
  readonly id: number;

  constructor(client: Discogs, id: number, options?: RequestOptions) {
    super(loader(client, getList, { list_id: id }, undefined, options));
    this.id = id;
  }
}
