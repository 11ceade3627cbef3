/**
 * `client.labels`: labels and their releases.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import { path, positiveId } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { pageSchema } from "../../models/common";
import { LabelReleaseSchema, LabelSchema, type Label, type LabelRelease } from "../../models/database";
import { getLoader } from "../helpers";
import { APIResource } from "../resource";
import { listQuery, type PageParams } from "../users/shared";

/** Paging of `client.labels.get(id).releases.list` (Discogs documents no sort for it). */
export type LabelReleasesParams = PageParams;

const LabelReleasesPageSchema = pageSchema("releases", LabelReleaseSchema);

/** `client.labels` */
export class Labels extends APIResource {
  /**
   * A label (`GET /labels/{id}`), fetched when awaited. `.releases` never fetches the label.
   *
   * @example
   * ```ts
   * const label = await client.labels.get(647);
   * console.log(label.name, label.sub_labels?.length);
   * ```
   */
  get(id: number, options?: RequestOptions): LabelResource {
    return new LabelResource(this._client, positiveId("id", id), options);
  }
}

/** A lazy label: `await` it for the {@link Label}; `.releases` never sends a request. */
export class LabelResource extends Lazy<Label> {
  /** The label id. */
  readonly id: number;
  /** The label's releases. */
  readonly releases: LabelReleases;

  /** @internal */
  constructor(client: Discogs, id: number, options?: RequestOptions) {
    super(getLoader(client, { path: path`/labels/${id}`, schema: LabelSchema, options }));
    this.id = id;
    this.releases = new LabelReleases(client, id);
  }
}

/** `client.labels.get(id).releases` */
export class LabelReleases extends APIResource {
  /** The label id. */
  readonly labelId: number;

  /** @internal */
  constructor(client: Discogs, labelId: number) {
    super(client);
    this.labelId = labelId;
  }

  /**
   * The label's releases (`GET /labels/{id}/releases`); a paginator.
   *
   * @example
   * ```ts
   * for await (const rel of client.labels.get(647).releases.list()) {
   *   console.log(rel.catalog_number, rel.title);
   * }
   * ```
   */
  list(params?: LabelReleasesParams, options?: RequestOptions): Paginator<LabelRelease> {
    return this._client._paginate({
      path: path`/labels/${this.labelId}/releases`,
      query: listQuery(params),
      schema: LabelReleasesPageSchema,
      items: (page: { releases: LabelRelease[] }) => page.releases,
      options,
    });
  }
}
