/**
 * `client.user`: the authenticated user.
 *
 * @module
 */

import type { RequestOptions } from "../../core/request";
import { getIdentity } from "../../endpoints/users";
import type { Identity } from "../../models/users";
import { call } from "../helpers";
import { APIResource } from "../resource";

/** `client.user`: the authenticated user. */
export class CurrentUser extends APIResource {
  #identity: Promise<Identity> | null = null;

  /**
   * Who the credentials belong to (`GET /oauth/identity`; needs a token or OAuth). Memoized per client: one
   * request however often it is called, including concurrent calls; a failure is not memoized, so the next
   * call tries again. `options` apply to the call that sends the request.
   *
   * @example
   * ```ts
   * const me = await client.user.identity();
   * const profile = await client.users.get(me.username);
   * ```
   */
  identity(options?: RequestOptions): Promise<Identity> {
    if (this.#identity) return this.#identity;
    const p = call(this._client, getIdentity, {}, undefined, options).then((v) => v);
    this.#identity = p;
    p.catch(() => {
      if (this.#identity === p) this.#identity = null;
    });
    return p;
  }
}
