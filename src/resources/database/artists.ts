/**
 * `client.artists`: artists and their releases.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { pathArg } from "../../core/endpoint";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import { ARTIST_RELEASE_SORTS, getArtist, listArtistReleases } from "../../endpoints/database";
import type { Artist, ArtistRelease } from "../../models/database";
import { list, loader } from "../helpers";
import { APIResource } from "../resource";
import type { SortParams } from "../users/shared";

/** Sort keys of `GET /artists/{id}/releases`. */
/** A sort key of an artist's releases. */
export type ArtistReleaseSort = (typeof ARTIST_RELEASE_SORTS)[number];

/** Sorting and paging of `client.artists.get(id).releases.list`. */
export type ArtistReleasesParams = SortParams<ArtistReleaseSort>;

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
    return new ArtistResource(this._client, pathArg(getArtist, "artist_id", id, "id"), options);
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
    super(loader(client, getArtist, { artist_id: id }, undefined, options));
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
    return list(this._client, listArtistReleases, { artist_id: this.artistId }, params, options);
  }
}
