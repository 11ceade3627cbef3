/**
 * The database endpoints: releases, masters, artists, labels, search, ratings and stats.
 *
 * @module
 */

import { endpoint, inBody, inPath, inQuery } from "../core/endpoint";
import { enumOf, intIn, optString, optYear, positiveId, segment } from "../core/params";
import {
  ArtistReleaseSchema,
  ArtistSchema,
  CommunityRatingSchema,
  LabelReleaseSchema,
  LabelSchema,
  MasterSchema,
  MasterVersionSchema,
  ReleaseSchema,
  ReleaseStatsSchema,
  SearchResultSchema,
  UserReleaseRatingSchema,
} from "../models/database";
import { MarketplaceReleaseStatsSchema, PriceSuggestionsSchema } from "../models/marketplace";
import { CURRENCIES, SEARCH_TYPES, SORT_ORDERS } from "./values";

export { SEARCH_TYPES };
/** Sort keys of an artist's releases. */
export const ARTIST_RELEASE_SORTS = ["year", "title", "format"] as const;
/** Sort keys of a master's versions. */
export const MASTER_VERSION_SORTS = ["released", "title", "format", "label", "catno", "country"] as const;

const currency = inQuery(enumOf(CURRENCIES), { doc: "currency of prices, e.g. USD" });
const sortOrder = inQuery(enumOf(SORT_ORDERS), { doc: "asc or desc" });
const releaseId = inPath(positiveId, "release id");

export const getRelease = endpoint({
  name: "releases.get",
  summary: "A release: title, artists, labels, formats, tracklist, credits, identifiers, community stats",
  method: "GET",
  path: "/releases/{release_id}",
  params: { release_id: releaseId, curr_abbr: currency },
  response: ReleaseSchema,
  auth: "none",
});

export const getReleaseRating = endpoint({
  name: "releases.rating.get",
  summary: "A release's community rating (average and count)",
  method: "GET",
  path: "/releases/{release_id}/rating",
  params: { release_id: releaseId },
  response: CommunityRatingSchema,
  auth: "none",
});

const ratingUser = inPath(segment, "username");

export const getUserReleaseRating = endpoint({
  name: "releases.rating.get(username)",
  summary: "One user's rating of a release (0: not rated)",
  method: "GET",
  path: "/releases/{release_id}/rating/{username}",
  params: { release_id: releaseId, username: ratingUser },
  response: UserReleaseRatingSchema,
  auth: "none",
});

const ratingDrops = ["/releases/{release_id}/rating*", "/releases/{release_id}"];

export const updateReleaseRating = endpoint({
  name: "releases.rating.update",
  summary: "Sets the user's rating of a release (1 to 5)",
  method: "PUT",
  path: "/releases/{release_id}/rating/{username}",
  params: {
    release_id: releaseId,
    username: ratingUser,
    rating: inBody(intIn(1, 5), { required: true, doc: "1 to 5" }),
  },
  response: UserReleaseRatingSchema,
  invalidates: ratingDrops,
  auth: "user",
});

export const deleteReleaseRating = endpoint<void>({
  name: "releases.rating.delete",
  summary: "Removes the user's rating of a release",
  method: "DELETE",
  path: "/releases/{release_id}/rating/{username}",
  params: { release_id: releaseId, username: ratingUser },
  responseType: "none",
  invalidates: ratingDrops,
  auth: "user",
  destructive: true,
});

export const getReleaseStats = endpoint({
  name: "releases.stats.get",
  summary: "A release's have/want counts",
  method: "GET",
  path: "/releases/{release_id}/stats",
  params: { release_id: releaseId },
  response: ReleaseStatsSchema,
  auth: "none",
});

export const getPriceSuggestions = endpoint({
  name: "releases.priceSuggestions.get",
  summary: "Suggested prices per media condition (needs seller settings)",
  method: "GET",
  path: "/marketplace/price_suggestions/{release_id}",
  params: { release_id: releaseId },
  response: PriceSuggestionsSchema,
  auth: "user",
});

export const getMarketplaceStats = endpoint({
  name: "releases.marketplaceStats.get",
  summary: "A release's lowest price and number for sale",
  method: "GET",
  path: "/marketplace/stats/{release_id}",
  params: { release_id: releaseId, curr_abbr: currency },
  response: MarketplaceReleaseStatsSchema,
  auth: "none",
});

export const getMaster = endpoint({
  name: "masters.get",
  summary: "A master release: the group of every version of a release",
  method: "GET",
  path: "/masters/{master_id}",
  params: { master_id: inPath(positiveId, "master id") },
  response: MasterSchema,
  auth: "none",
});

export const listMasterVersions = endpoint({
  name: "masters.versions.list",
  summary: "The versions (releases) of a master, filterable by format, label, year and country",
  method: "GET",
  path: "/masters/{master_id}/versions",
  params: {
    master_id: inPath(positiveId, "master id"),
    format: inQuery(optString, { doc: "format, e.g. Vinyl" }),
    label: inQuery(optString),
    released: inQuery(optYear, { doc: "year" }),
    country: inQuery(optString),
    sort: inQuery(enumOf(MASTER_VERSION_SORTS), { doc: "sort key" }),
    sort_order: sortOrder,
  },
  response: MasterVersionSchema,
  list: "versions",
  auth: "none",
});

export const getArtist = endpoint({
  name: "artists.get",
  summary: "An artist: name, profile, members, aliases, URLs",
  method: "GET",
  path: "/artists/{artist_id}",
  params: { artist_id: inPath(positiveId, "artist id") },
  response: ArtistSchema,
  auth: "none",
});

export const listArtistReleases = endpoint({
  name: "artists.releases.list",
  summary: "An artist's releases and masters",
  method: "GET",
  path: "/artists/{artist_id}/releases",
  params: {
    artist_id: inPath(positiveId, "artist id"),
    sort: inQuery(enumOf(ARTIST_RELEASE_SORTS), { doc: "sort key" }),
    sort_order: sortOrder,
  },
  response: ArtistReleaseSchema,
  list: "releases",
  auth: "none",
});

export const getLabel = endpoint({
  name: "labels.get",
  summary: "A label: name, profile, sublabels, contact info",
  method: "GET",
  path: "/labels/{label_id}",
  params: { label_id: inPath(positiveId, "label id") },
  response: LabelSchema,
  auth: "none",
});

export const listLabelReleases = endpoint({
  name: "labels.releases.list",
  summary: "A label's releases",
  method: "GET",
  path: "/labels/{label_id}/releases",
  params: { label_id: inPath(positiveId, "label id") },
  response: LabelReleaseSchema,
  list: "releases",
  auth: "none",
});

const text = (doc?: string) => inQuery(optString, doc === undefined ? {} : { doc });

export const search = endpoint({
  name: "search",
  summary: "Searches releases, masters, artists and labels",
  method: "GET",
  path: "/database/search",
  params: {
    query: inQuery(optString, { wire: "q", doc: "free text" }),
    type: inQuery(enumOf(SEARCH_TYPES), { doc: "release, master, artist or label" }),
    title: text('combined "Artist - Title"'),
    release_title: text(),
    credit: text("credited artist"),
    artist: text(),
    anv: text("artist name variation"),
    label: text(),
    genre: text(),
    style: text(),
    country: text(),
    year: inQuery(optYear),
    format: text(),
    catno: text("catalog number"),
    barcode: text(),
    track: text("track title"),
    submitter: text("username of the submitter"),
    contributor: text("username of a contributor"),
  },
  hints: { q: "query" },
  response: SearchResultSchema,
  list: "results",
  auth: "any",
});
