/**
 * `client.labels`: labels and their releases.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { pathArg } from "../../core/endpoint";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import { getLabel, listLabelReleases } from "../../endpoints/database";
import type { Label, LabelRelease } from "../../models/database";
import { list, loader } from "../helpers";
import { APIResource } from "../resource";
import type { PageParams } from "../users/shared";

/** Paging of `client.labels.get(id).releases.list` (Discogs documents no sort for it). */
export type LabelReleasesParams = PageParams;

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
    return new LabelResource(this._client, pathArg(getLabel, "label_id", id, "id"), options);
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
    super(loader(client, getLabel, { label_id: id }, undefined, options));
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
    return list(this._client, listLabelReleases, { label_id: this.labelId }, params, options);
  }
}
