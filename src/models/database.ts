/**
 * Models of the Discogs database: releases, masters, artists, labels, their release lists, search results,
 * ratings and stats.
 *
 * @module
 */

import * as z from "zod/mini";

import { model } from "./base";
import {
  ArtistCreditSchema,
  CommunitySchema,
  CompanySchema,
  FormatSchema,
  IdentifierSchema,
  ImageSchema,
  ItemStatsSchema,
  LabelCreditSchema,
  MemberSchema,
  RatingSummarySchema,
  SubLabelSchema,
  TrackSchema,
  VideoSchema,
} from "./common";

/**
 * A release (`GET /releases/{id}`; also the items of contributions and submissions).
 * Quirks: `lowest_price` is a number or `null`; `master_id`/`master_url` are absent (or `0`/`null`) when there is
 * no master; `released` is a string such as `"1987"` or `"1999-03-00"`; `year` is `0` when unknown;
 * `artists_sort` and `blocked_from_sale` are live-only. Contribution/submission items may omit `tracklist`,
 * `videos`, `notes`, `country` and others. Wire name `extraartists` is read as `extra_artists`.
 */
export const ReleaseSchema = model(
  {
    id: z.number(),
    title: z.string(),
    resource_url: z.string(),
    /** `"Accepted"`, `"Draft"`, `"Deleted"` or `"Rejected"`. */
    status: z.optional(z.string()),
    year: z.optional(z.number()),
    uri: z.optional(z.string()),
    artists: z.optional(z.array(ArtistCreditSchema)),
    artists_sort: z.optional(z.string()),
    labels: z.optional(z.array(LabelCreditSchema)),
    series: z.optional(z.array(LabelCreditSchema)),
    companies: z.optional(z.array(CompanySchema)),
    formats: z.optional(z.array(FormatSchema)),
    data_quality: z.optional(z.string()),
    community: z.optional(CommunitySchema),
    format_quantity: z.optional(z.number()),
    date_added: z.optional(z.string()),
    date_changed: z.optional(z.string()),
    num_for_sale: z.optional(z.number()),
    /** Lowest marketplace price in the requested currency, `null` when nothing is for sale. */
    lowest_price: z.optional(z.nullable(z.number())),
    /** Absent, `0` or `null` when the release has no master. */
    master_id: z.optional(z.nullable(z.number())),
    master_url: z.optional(z.nullable(z.string())),
    country: z.optional(z.string()),
    /** Release date as a string: `"1987"`, `"1987-07-00"`. */
    released: z.optional(z.string()),
    released_formatted: z.optional(z.string()),
    notes: z.optional(z.string()),
    identifiers: z.optional(z.array(IdentifierSchema)),
    videos: z.optional(z.array(VideoSchema)),
    genres: z.optional(z.array(z.string())),
    styles: z.optional(z.array(z.string())),
    tracklist: z.optional(z.array(TrackSchema)),
    /** Release-level credits. Wire name `extraartists`. */
    extra_artists: z.optional(z.array(ArtistCreditSchema)),
    images: z.optional(z.array(ImageSchema)),
    thumb: z.optional(z.string()),
    /** Estimated shipping weight in grams. */
    estimated_weight: z.optional(z.number()),
    blocked_from_sale: z.optional(z.boolean()),
  },
  ["extraartists"],
);
/** A release. */
export type Release = z.output<typeof ReleaseSchema>;

/**
 * A master release (`GET /masters/{id}`): the group of all versions of a release. No labels, formats or notes.
 * `most_recent_release(_url)` is live-only; `num_for_sale`/`lowest_price` are missing in old captures and
 * `lowest_price` is `null` when nothing is for sale.
 */
export const MasterSchema = model({
  id: z.number(),
  title: z.string(),
  resource_url: z.string(),
  main_release: z.optional(z.number()),
  main_release_url: z.optional(z.string()),
  most_recent_release: z.optional(z.number()),
  most_recent_release_url: z.optional(z.string()),
  versions_url: z.optional(z.string()),
  uri: z.optional(z.string()),
  artists: z.optional(z.array(ArtistCreditSchema)),
  genres: z.optional(z.array(z.string())),
  styles: z.optional(z.array(z.string())),
  year: z.optional(z.number()),
  tracklist: z.optional(z.array(TrackSchema)),
  images: z.optional(z.array(ImageSchema)),
  videos: z.optional(z.array(VideoSchema)),
  num_for_sale: z.optional(z.number()),
  lowest_price: z.optional(z.nullable(z.number())),
  data_quality: z.optional(z.string()),
});
/** A master release. */
export type Master = z.output<typeof MasterSchema>;

/**
 * One version of a master (`GET /masters/{id}/versions`). `format` is a display string (`"12\", 33 ⅓ RPM"`),
 * `released` a year string; `stats` and `major_formats` are missing in old captures. `catalog_number` is wire `catno`.
 * The page body may also carry live-only `filters` and `filter_facets`, kept as unknown fields.
 */
export const MasterVersionSchema = model(
  {
    id: z.number(),
    title: z.string(),
    resource_url: z.string(),
    status: z.optional(z.string()),
    stats: z.optional(ItemStatsSchema),
    thumb: z.optional(z.string()),
    format: z.optional(z.string()),
    country: z.optional(z.string()),
    label: z.optional(z.string()),
    released: z.optional(z.string()),
    major_formats: z.optional(z.array(z.string())),
    /** Wire name `catno`. */
    catalog_number: z.optional(z.string()),
  },
  ["catno"],
);
/** One version of a master. */
export type MasterVersion = z.output<typeof MasterVersionSchema>;

/**
 * An artist (`GET /artists/{id}`; also the artists of submissions).
 * Quirks: `name` is missing from the docs example; `members` are objects on `/artists/{id}` but plain name strings
 * in submissions (2021 capture); `realname` only for persons; `members` only for groups, `groups` only for persons.
 * Wire name `namevariations` is read as `name_variations`.
 */
export const ArtistSchema = model(
  {
    id: z.number(),
    resource_url: z.string(),
    name: z.optional(z.string()),
    realname: z.optional(z.string()),
    profile: z.optional(z.string()),
    releases_url: z.optional(z.string()),
    uri: z.optional(z.string()),
    urls: z.optional(z.array(z.string())),
    /** Other spellings of the name. Wire name `namevariations`. */
    name_variations: z.optional(z.array(z.string())),
    aliases: z.optional(z.array(MemberSchema)),
    /** Group members: objects on `/artists/{id}`, plain names in submissions. */
    members: z.optional(z.array(z.union([MemberSchema, z.string()]))),
    groups: z.optional(z.array(MemberSchema)),
    images: z.optional(z.array(ImageSchema)),
    data_quality: z.optional(z.string()),
  },
  ["namevariations"],
);
/** An artist. */
export type Artist = z.output<typeof ArtistSchema>;

/**
 * An item of `GET /artists/{id}/releases`: a master (`type: "master"`, with `main_release`) or a release
 * (`type: "release"`, with `status`, `format`, `label`). `year` may be missing; `stats` and `trackinfo` are live-only.
 */
export const ArtistReleaseSchema = model({
  id: z.number(),
  title: z.string(),
  resource_url: z.string(),
  /** `"release"` or `"master"`. */
  type: z.optional(z.string()),
  /** E.g. `"Main"`, `"Remix"`, `"Producer"`, `"Appearance"`, `"TrackAppearance"`. */
  role: z.optional(z.string()),
  artist: z.optional(z.string()),
  year: z.optional(z.number()),
  thumb: z.optional(z.string()),
  main_release: z.optional(z.number()),
  status: z.optional(z.string()),
  format: z.optional(z.string()),
  label: z.optional(z.string()),
  stats: z.optional(ItemStatsSchema),
  trackinfo: z.optional(z.string()),
});
/** An item of an artist's release list. */
export type ArtistRelease = z.output<typeof ArtistReleaseSchema>;

/**
 * A label (`GET /labels/{id}`; also the labels of submissions). `parent_label` only on sub-labels, which may also
 * lack `contact_info`, `uri`, `urls`, `images`. Wire name `sublabels` is read as `sub_labels`.
 */
export const LabelSchema = model(
  {
    id: z.number(),
    name: z.string(),
    resource_url: z.string(),
    profile: z.optional(z.string()),
    contact_info: z.optional(z.string()),
    releases_url: z.optional(z.string()),
    uri: z.optional(z.string()),
    urls: z.optional(z.array(z.string())),
    /** Wire name `sublabels`. */
    sub_labels: z.optional(z.array(SubLabelSchema)),
    parent_label: z.optional(SubLabelSchema),
    images: z.optional(z.array(ImageSchema)),
    data_quality: z.optional(z.string()),
  },
  ["sublabels"],
);
/** A label. */
export type Label = z.output<typeof LabelSchema>;

/**
 * An item of `GET /labels/{id}/releases`. `year` is missing in old captures. `catalog_number` is wire `catno`.
 */
export const LabelReleaseSchema = model(
  {
    id: z.number(),
    title: z.string(),
    resource_url: z.string(),
    status: z.optional(z.string()),
    /** Wire name `catno`. */
    catalog_number: z.optional(z.string()),
    format: z.optional(z.string()),
    artist: z.optional(z.string()),
    year: z.optional(z.number()),
    thumb: z.optional(z.string()),
    stats: z.optional(ItemStatsSchema),
  },
  ["catno"],
);
/** An item of a label's release list. */
export type LabelRelease = z.output<typeof LabelReleaseSchema>;

/**
 * One result of `GET /database/search`.
 * Quirks: `year` is a **string** here (a number elsewhere); `uri` is relative; `thumb` may be `null` or `""`;
 * `label` is a list, but a single string in an old capture; `master_id`/`master_url` are `null` for artists and
 * labels and absent in old captures; artist/label results carry only `id, type, title, uri, resource_url, thumb`
 * (+ `cover_image`, `user_data`). `catalog_number` is wire `catno`.
 */
export const SearchResultSchema = model(
  {
    id: z.number(),
    /** `"release"`, `"master"`, `"artist"` or `"label"`. */
    type: z.string(),
    /** `"Artist - Title"` for releases and masters. */
    title: z.string(),
    resource_url: z.string(),
    uri: z.optional(z.string()),
    thumb: z.optional(z.nullable(z.string())),
    cover_image: z.optional(z.string()),
    country: z.optional(z.string()),
    /** A year **string** such as `"1997"`. */
    year: z.optional(z.string()),
    format: z.optional(z.array(z.string())),
    label: z.optional(z.union([z.array(z.string()), z.string()])),
    genre: z.optional(z.array(z.string())),
    style: z.optional(z.array(z.string())),
    barcode: z.optional(z.array(z.string())),
    /** Wire name `catno`. */
    catalog_number: z.optional(z.string()),
    community: z.optional(CommunitySchema),
    format_quantity: z.optional(z.number()),
    formats: z.optional(z.array(FormatSchema)),
    /** Whether the authenticated user has it (authenticated searches only). */
    user_data: z.optional(
      model({
        in_wantlist: z.optional(z.boolean()),
        in_collection: z.optional(z.boolean()),
      }),
    ),
    master_id: z.optional(z.nullable(z.number())),
    master_url: z.optional(z.nullable(z.string())),
  },
  ["catno"],
);
/** One search result. */
export type SearchResult = z.output<typeof SearchResultSchema>;

/** `GET /releases/{id}/rating`: the community rating `{rating: {count, average}, release_id}`. */
export const CommunityRatingSchema = model({
  rating: RatingSummarySchema,
  release_id: z.number(),
});
/** The community rating of a release. */
export type CommunityRating = z.output<typeof CommunityRatingSchema>;

/** `GET|PUT /releases/{id}/rating/{username}`: one user's rating (1-5; `0` when unrated). */
export const UserReleaseRatingSchema = model({
  username: z.string(),
  release_id: z.number(),
  rating: z.number(),
});
/** One user's rating of a release. */
export type UserReleaseRating = z.output<typeof UserReleaseRatingSchema>;

/**
 * `GET /releases/{id}/stats`. The docs show `{num_have, num_want}` but the live API (2021) returned
 * `{is_offensive}` instead, so every field is optional. Have/want counts are in the release's `community`.
 */
export const ReleaseStatsSchema = model({
  num_have: z.optional(z.number()),
  num_want: z.optional(z.number()),
  is_offensive: z.optional(z.boolean()),
});
/** Release stats (documented and live shapes). */
export type ReleaseStats = z.output<typeof ReleaseStatsSchema>;
