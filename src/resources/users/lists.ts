/**
 * `client.users.get(username).lists`: a user's lists.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { Paginator } from "../../core/pagination";
import { path } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { pageSchema } from "../../models/common";
import { ListSummarySchema, type ListSummary } from "../../models/users";
import { APIResource } from "../resource";
import { listQuery, type PageParams } from "./shared";

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
    return this._client._paginate({
      path: path`/users/${this.#username}/lists`,
      query: listQuery(params),
      schema: pageSchema("lists", ListSummarySchema),
      items: (page: { lists: ListSummary[] }) => page.lists,
      options,
    });
  }
}
