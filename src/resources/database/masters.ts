/**
 * `client.masters`: master releases and their versions.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import { optString, optionsObject, path, positiveId } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { pageSchema } from "../../models/common";
import { MasterSchema, MasterVersionSchema, type Master, type MasterVersion } from "../../models/database";
import { getLoader, optYear } from "../helpers";
import { APIResource } from "../resource";
import { listQuery, type SortParams } from "../users/shared";

/** Sort keys of `GET /masters/{id}/versions`. */
export const MASTER_VERSION_SORTS = ["released", "title", "format", "label", "catno", "country"] as const;
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

const VersionsPageSchema = pageSchema("versions", MasterVersionSchema);

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
    return new MasterResource(this._client, positiveId("id", id), options);
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
    super(getLoader(client, { path: path`/masters/${id}`, schema: MasterSchema, options }));
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
    const p = optionsObject("params", params);
    return this._client._paginate({
      path: path`/masters/${this.masterId}/versions`,
      query: {
        ...listQuery(p, MASTER_VERSION_SORTS),
        format: optString("format", p.format),
        label: optString("label", p.label),
        released: optYear("released", p.released),
        country: optString("country", p.country),
      },
      schema: VersionsPageSchema,
      items: (page: { versions: MasterVersion[] }) => page.versions,
      options,
    });
  }
}
