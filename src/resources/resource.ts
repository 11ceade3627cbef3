/**
 * The base of every resource: it holds only the client.
 *
 * @module
 */

import type { Discogs } from "../client";

/** Base class of resources and sub-resources. */
export abstract class APIResource {
  /** @internal */
  protected readonly _client: Discogs;
  constructor(client: Discogs) {
    this._client = client;
  }
}
