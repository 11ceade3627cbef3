/**
 * `client.masters`: master releases and their versions.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { pathArg } from "../../core/endpoint";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import { getMaster, listMasterVersions, MASTER_VERSION_SORTS } from "../../endpoints/database";
import type { Master, MasterVersion } from "../../models/database";
import { list, loader } from "../helpers";
import { APIResource } from "../resource";
import type { SortParams } from "../users/shared";

/** Sort keys of `GET /masters/{id}/versions`. */
/** A sort key of a master's versions. */
export type MasterVersionSort = (typeof MASTER_VERSION_SORTS)[number];

/** Filters, sorting and paging of `client.masters.get(id).versions.list`. */
export interface MasterVersionsParams extends SortParams<MasterVersionSort> {
  /** Format filter, e.g. `"Vinyl"`. */
  format?: string;
  /** Label filter, e.g. `"Scorpio Music"`. */
  label?: string;
  /** Release year filter, e.g. `1992` or `"1992"`. */
  released?: string | number;
  /** Country filter, e.g. `"Belgium"`. */
  country?: string;
}

/** `client.masters` */
export class Masters extends APIResource {
  /**
   * A master release (`GET /masters/{id}`), fetched when awaited. `.versions` never fetches the master.
   *
   * @example
   * ```ts
   * const master = await client.masters.get(3719);
   * console.log(master.title, master.main_release);
   * ```
   */
  get(id: number, options?: RequestOptions): MasterResource {
    return new MasterResource(this._client, pathArg(getMaster, "master_id", id, "id"), options);
  }
}

/** A lazy master release: `await` it for the {@link Master}; `.versions` never sends a request. */
export class MasterResource extends Lazy<Master> {
  /** The master id. */
  readonly id: number;
  /** The versions (releases) of the master. */
  readonly versions: MasterVersions;

  /** @internal */
  constructor(client: Discogs, id: number, options?: RequestOptions) {
    super(loader(client, getMaster, { master_id: id }, undefined, options));
    this.id = id;
    this.versions = new MasterVersions(client, id);
  }
}

/** `client.masters.get(id).versions` */
export class MasterVersions extends APIResource {
  /** The master id. */
  readonly masterId: number;

  /** @internal */
  constructor(client: Discogs, masterId: number) {
    super(client);
    this.masterId = masterId;
  }

  /**
   * The versions of the master (`GET /masters/{id}/versions`), filtered and sorted; a paginator (nothing is
   * fetched until iteration starts). The page body's live-only `filters`/`filter_facets` are not exposed by the
   * paginator; each item is a {@link MasterVersion}.
   *
   * @example
   * ```ts
   * for await (const v of client.masters.get(3719).versions.list({ format: "Vinyl", country: "US" })) {
   *   console.log(`${v.title} [${v.format}]`);
   * }
   * ```
   */
  list(params?: MasterVersionsParams, options?: RequestOptions): Paginator<MasterVersion> {
    return list(this._client, listMasterVersions, { master_id: this.masterId }, params, options);
  }
}
