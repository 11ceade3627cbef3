/**
 * `client.artists`: artists and their releases.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import { path, positiveId } from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { pageSchema } from "../../models/common";
import { ArtistReleaseSchema, ArtistSchema, type Artist, type ArtistRelease } from "../../models/database";
import { getLoader } from "../helpers";
import { APIResource } from "../resource";
import { listQuery, type SortParams } from "../users/shared";

/** Sort keys of `GET /artists/{id}/releases`. */
export const ARTIST_RELEASE_SORTS = ["year", "title", "format"] as const;
/** A sort key of an artist's releases. */
export type ArtistReleaseSort = (typeof ARTIST_RELEASE_SORTS)[number];

/** Sorting and paging of `client.artists.get(id).releases.list`. */
export type ArtistReleasesParams = SortParams<ArtistReleaseSort>;

const ArtistReleasesPageSchema = pageSchema("releases", ArtistReleaseSchema);

/** `client.artists` */
export class Artists extends APIResource {
  /**
   * An artist (`GET /artists/{id}`), fetched when awaited. `.releases` never fetches the artist.
   *
   * @example
   * ```ts
   * const artist = await client.artists.get(3857);
   * console.log(artist.name, artist.name_variations);
   * ```
   */
  get(id: number, options?: RequestOptions): ArtistResource {
    return new ArtistResource(this._client, positiveId("id", id), options);
  }
}

/** A lazy artist: `await` it for the {@link Artist}; `.releases` never sends a request. */
export class ArtistResource extends Lazy<Artist> {
  /** The artist id. */
  readonly id: number;
  /** The artist's releases and masters. */
  readonly releases: ArtistReleases;

  /** @internal */
  constructor(client: Discogs, id: number, options?: RequestOptions) {
    super(getLoader(client, { path: path`/artists/${id}`, schema: ArtistSchema, options }));
    this.id = id;
    this.releases = new ArtistReleases(client, id);
  }
}

/** `client.artists.get(id).releases` */
export class ArtistReleases extends APIResource {
  /** The artist id. */
  readonly artistId: number;

  /** @internal */
  constructor(client: Discogs, artistId: number) {
    super(client);
    this.artistId = artistId;
  }

  /**
   * The artist's releases and masters (`GET /artists/{id}/releases`); a paginator.
   *
   * @example
   * ```ts
   * for await (const rel of client.artists.get(3857).releases.list({ sort: "year", sort_order: "desc" })) {
   *   console.log(`${rel.title} (${rel.year})`);
   * }
   * ```
   */
  list(params?: ArtistReleasesParams, options?: RequestOptions): Paginator<ArtistRelease> {
    return this._client._paginate({
      path: path`/artists/${this.artistId}/releases`,
      query: listQuery(params, ARTIST_RELEASE_SORTS),
      schema: ArtistReleasesPageSchema,
      items: (page: { releases: ArtistRelease[] }) => page.releases,
      options,
    });
  }
}
