/**
 * `client.users.get(username).lists`: a user's lists.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import { listUserLists } from "../../endpoints/users";
import type { ListSummary } from "../../models/users";
import { list } from "../helpers";
import { APIResource } from "../resource";
import type { PageParams } from "./shared";

/** `client.users.get(username).lists` */
export class UserLists extends APIResource {
  readonly #username: string;
  constructor(client: Discogs, username: string) {
    super(client);
    this.#username = username;
  }

  /**
   * The user's lists (`GET /users/{username}/lists`), as summaries; private lists only for the owner. Fetch a
   * list's items with `client.lists.get(summary.id)`.
   *
   * @example
   * ```ts
   * for await (const summary of client.users.get("rodneyfool").lists.list()) {
   *   const list = await client.lists.get(summary.id);
   *   console.log(list.name, list.items.length);
   * }
   * ```
   */
  list(params?: PageParams, options?: RequestOptions): Paginator<ListSummary> {
    return list(this._client, listUserLists, { username: this.#username }, params, options);
  }
}
