/**
 * Models of the Discogs database: releases, masters, artists, labels, their release lists, search results,
 * ratings and stats.
 *
 * @module
 */

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
  type ArtistCredit,
  type Community,
  type Company,
  type Format,
  type Identifier,
  type Image,
  type ItemStats,
  type LabelCredit,
  type Member,
  type RatingSummary,
  type SubLabel,
  type Track,
  type Video,
} from "./common";
import {
  array,
  bool,
  nullable,
  num,
  object,
  openEnum,
  optional,
  str,
  union,
  type Open,
  type Shape,
} from "./schema";
import {
  ARTIST_RELEASE_ROLES,
  ARTIST_RELEASE_TYPES,
  DATA_QUALITIES,
  RELEASE_STATUSES,
  SEARCH_TYPES,
  type ArtistReleaseRole,
  type ArtistReleaseType,
  type DataQuality,
  type ReleaseStatus,
  type SearchType,
} from "./values";

/**
 * A release (`GET /releases/{id}`; also the items of contributions and submissions).
 * Quirks: `lowest_price` is a number or `null`; `master_id`/`master_url` are absent (or `0`/`null`) when there is
 * no master; `released` is a string such as `"1987"` or `"1999-03-00"`; `year` is `0` when unknown;
 * `artists_sort` and `blocked_from_sale` are live-only. Contribution/submission items may omit `tracklist`,
 * `videos`, `notes`, `country` and others.
 */
export interface Release {
  id: number;
  title: string;
  resource_url: string;
  /** `"Accepted"`, `"Draft"`, `"Deleted"` or `"Rejected"`. */
  status?: Open<ReleaseStatus>;
  /** Release year; `0` when unknown. */
  year?: number;
  uri?: string;
  artists?: ArtistCredit[];
  artists_sort?: string;
  labels?: LabelCredit[];
  series?: LabelCredit[];
  companies?: Company[];
  formats?: Format[];
  data_quality?: Open<DataQuality>;
  community?: Community;
  format_quantity?: number;
  date_added?: string;
  date_changed?: string;
  num_for_sale?: number;
  /** Lowest marketplace price in the requested currency, `null` when nothing is for sale. */
  lowest_price?: number | null;
  /** Absent, `0` or `null` when the release has no master. */
  master_id?: number | null;
  master_url?: string | null;
  country?: string;
  /** Release date as a string: `"1987"`, `"1987-07-00"`. */
  released?: string;
  released_formatted?: string;
  notes?: string;
  identifiers?: Identifier[];
  videos?: Video[];
  genres?: string[];
  styles?: string[];
  tracklist?: Track[];
  /** Release-level credits. Wire name `extraartists`. */
  extra_artists?: ArtistCredit[];
  images?: Image[];
  thumb?: string;
  /** Estimated shipping weight in grams. */
  estimated_weight?: number;
  blocked_from_sale?: boolean;
}
/** Schema of {@link Release}. Wire name `extraartists` is read as `extra_artists`. */
export const ReleaseSchema = /* @__PURE__ */ object(
  (): Shape<Release> => ({
    id: num,
    title: str,
    resource_url: str,
    status: optional(openEnum(RELEASE_STATUSES)),
    year: optional(num),
    uri: optional(str),
    artists: optional(array(ArtistCreditSchema)),
    artists_sort: optional(str),
    labels: optional(array(LabelCreditSchema)),
    series: optional(array(LabelCreditSchema)),
    companies: optional(array(CompanySchema)),
    formats: optional(array(FormatSchema)),
    data_quality: optional(openEnum(DATA_QUALITIES)),
    community: optional(CommunitySchema),
    format_quantity: optional(num),
    date_added: optional(str),
    date_changed: optional(str),
    num_for_sale: optional(num),
    lowest_price: optional(nullable(num)),
    master_id: optional(nullable(num)),
    master_url: optional(nullable(str)),
    country: optional(str),
    released: optional(str),
    released_formatted: optional(str),
    notes: optional(str),
    identifiers: optional(array(IdentifierSchema)),
    videos: optional(array(VideoSchema)),
    genres: optional(array(str)),
    styles: optional(array(str)),
    tracklist: optional(array(TrackSchema)),
    extra_artists: optional(array(ArtistCreditSchema)),
    images: optional(array(ImageSchema)),
    thumb: optional(str),
    estimated_weight: optional(num),
    blocked_from_sale: optional(bool),
  }),
  ["extraartists"],
);

/**
 * A master release (`GET /masters/{id}`): the group of all versions of a release. No labels, formats or notes.
 * `most_recent_release(_url)` is live-only; `num_for_sale`/`lowest_price` are missing in old captures and
 * `lowest_price` is `null` when nothing is for sale.
 */
export interface Master {
  id: number;
  title: string;
  resource_url: string;
  main_release?: number;
  main_release_url?: string;
  most_recent_release?: number;
  most_recent_release_url?: string;
  versions_url?: string;
  uri?: string;
  artists?: ArtistCredit[];
  genres?: string[];
  styles?: string[];
  year?: number;
  tracklist?: Track[];
  images?: Image[];
  videos?: Video[];
  num_for_sale?: number;
  lowest_price?: number | null;
  data_quality?: Open<DataQuality>;
}
/** Schema of {@link Master}. */
export const MasterSchema = /* @__PURE__ */ object((): Shape<Master> => ({
  id: num,
  title: str,
  resource_url: str,
  main_release: optional(num),
  main_release_url: optional(str),
  most_recent_release: optional(num),
  most_recent_release_url: optional(str),
  versions_url: optional(str),
  uri: optional(str),
  artists: optional(array(ArtistCreditSchema)),
  genres: optional(array(str)),
  styles: optional(array(str)),
  year: optional(num),
  tracklist: optional(array(TrackSchema)),
  images: optional(array(ImageSchema)),
  videos: optional(array(VideoSchema)),
  num_for_sale: optional(num),
  lowest_price: optional(nullable(num)),
  data_quality: optional(openEnum(DATA_QUALITIES)),
}));

/**
 * One version of a master (`GET /masters/{id}/versions`). `format` is a display string (`"12\", 33 ⅓ RPM"`),
 * `released` a year string; `stats` and `major_formats` are missing in old captures.
 * The page body may also carry live-only `filters` and `filter_facets`, kept as unknown fields.
 */
export interface MasterVersion {
  id: number;
  title: string;
  resource_url: string;
  status?: Open<ReleaseStatus>;
  stats?: ItemStats;
  thumb?: string;
  format?: string;
  country?: string;
  label?: string;
  released?: string;
  major_formats?: string[];
  /** Wire name `catno`. */
  catalog_number?: string;
}
/** Schema of {@link MasterVersion}. Wire name `catno` is read as `catalog_number`. */
export const MasterVersionSchema = /* @__PURE__ */ object(
  (): Shape<MasterVersion> => ({
    id: num,
    title: str,
    resource_url: str,
    status: optional(openEnum(RELEASE_STATUSES)),
    stats: optional(ItemStatsSchema),
    thumb: optional(str),
    format: optional(str),
    country: optional(str),
    label: optional(str),
    released: optional(str),
    major_formats: optional(array(str)),
    catalog_number: optional(str),
  }),
  ["catno"],
);

/**
 * An artist (`GET /artists/{id}`; also the artists of submissions).
 * Quirks: `name` is missing from the docs example; `members` are objects on `/artists/{id}` but plain name strings
 * in submissions (2021 capture); `realname` only for persons; `members` only for groups, `groups` only for persons.
 */
export interface Artist {
  id: number;
  resource_url: string;
  name?: string;
  realname?: string;
  profile?: string;
  releases_url?: string;
  uri?: string;
  urls?: string[];
  /** Other spellings of the name. Wire name `namevariations`. */
  name_variations?: string[];
  aliases?: Member[];
  /** Group members: objects on `/artists/{id}`, plain names in submissions. */
  members?: (Member | string)[];
  groups?: Member[];
  images?: Image[];
  data_quality?: Open<DataQuality>;
}
/** Schema of {@link Artist}. Wire name `namevariations` is read as `name_variations`. */
export const ArtistSchema = /* @__PURE__ */ object(
  (): Shape<Artist> => ({
    id: num,
    resource_url: str,
    name: optional(str),
    realname: optional(str),
    profile: optional(str),
    releases_url: optional(str),
    uri: optional(str),
    urls: optional(array(str)),
    name_variations: optional(array(str)),
    aliases: optional(array(MemberSchema)),
    members: optional(array(union([MemberSchema, str]))),
    groups: optional(array(MemberSchema)),
    images: optional(array(ImageSchema)),
    data_quality: optional(openEnum(DATA_QUALITIES)),
  }),
  ["namevariations"],
);

/**
 * An item of `GET /artists/{id}/releases`: a master (`type: "master"`, with `main_release`) or a release
 * (`type: "release"`, with `status`, `format`, `label`). `year` may be missing; `stats` and `trackinfo` are live-only.
 */
export interface ArtistRelease {
  id: number;
  title: string;
  resource_url: string;
  /** `"release"` or `"master"`. */
  type?: Open<ArtistReleaseType>;
  /** E.g. `"Main"`, `"Remix"`, `"Producer"`, `"Appearance"`, `"TrackAppearance"`. */
  role?: Open<ArtistReleaseRole>;
  artist?: string;
  year?: number;
  thumb?: string;
  main_release?: number;
  status?: Open<ReleaseStatus>;
  format?: string;
  label?: string;
  stats?: ItemStats;
  trackinfo?: string;
}
/** Schema of {@link ArtistRelease}. */
export const ArtistReleaseSchema = /* @__PURE__ */ object((): Shape<ArtistRelease> => ({
  id: num,
  title: str,
  resource_url: str,
  type: optional(openEnum(ARTIST_RELEASE_TYPES)),
  role: optional(openEnum(ARTIST_RELEASE_ROLES)),
  artist: optional(str),
  year: optional(num),
  thumb: optional(str),
  main_release: optional(num),
  status: optional(openEnum(RELEASE_STATUSES)),
  format: optional(str),
  label: optional(str),
  stats: optional(ItemStatsSchema),
  trackinfo: optional(str),
}));

/**
 * A label (`GET /labels/{id}`; also the labels of submissions). `parent_label` only on sub-labels, which may also
 * lack `contact_info`, `uri`, `urls`, `images`.
 */
export interface Label {
  id: number;
  name: string;
  resource_url: string;
  profile?: string;
  contact_info?: string;
  releases_url?: string;
  uri?: string;
  urls?: string[];
  /** Wire name `sublabels`. */
  sub_labels?: SubLabel[];
  parent_label?: SubLabel;
  images?: Image[];
  data_quality?: Open<DataQuality>;
}
/** Schema of {@link Label}. Wire name `sublabels` is read as `sub_labels`. */
export const LabelSchema = /* @__PURE__ */ object(
  (): Shape<Label> => ({
    id: num,
    name: str,
    resource_url: str,
    profile: optional(str),
    contact_info: optional(str),
    releases_url: optional(str),
    uri: optional(str),
    urls: optional(array(str)),
    sub_labels: optional(array(SubLabelSchema)),
    parent_label: optional(SubLabelSchema),
    images: optional(array(ImageSchema)),
    data_quality: optional(openEnum(DATA_QUALITIES)),
  }),
  ["sublabels"],
);

/** An item of `GET /labels/{id}/releases`. `year` is missing in old captures. */
export interface LabelRelease {
  id: number;
  title: string;
  resource_url: string;
  status?: Open<ReleaseStatus>;
  /** Wire name `catno`. */
  catalog_number?: string;
  format?: string;
  artist?: string;
  year?: number;
  thumb?: string;
  stats?: ItemStats;
}
/** Schema of {@link LabelRelease}. Wire name `catno` is read as `catalog_number`. */
export const LabelReleaseSchema = /* @__PURE__ */ object(
  (): Shape<LabelRelease> => ({
    id: num,
    title: str,
    resource_url: str,
    status: optional(openEnum(RELEASE_STATUSES)),
    catalog_number: optional(str),
    format: optional(str),
    artist: optional(str),
    year: optional(num),
    thumb: optional(str),
    stats: optional(ItemStatsSchema),
  }),
  ["catno"],
);

/** Whether the authenticated user has a search result (authenticated searches only). */
export interface SearchUserData {
  in_wantlist?: boolean;
  in_collection?: boolean;
}

/**
 * One result of `GET /database/search`.
 * Quirks: `year` is a **string** here (a number elsewhere); `uri` is relative; `thumb` may be `null` or `""`;
 * `label` is a list, but a single string in an old capture; `master_id`/`master_url` are `null` for artists and
 * labels and absent in old captures; artist/label results carry only `id, type, title, uri, resource_url, thumb`
 * (+ `cover_image`, `user_data`).
 */
export interface SearchResult {
  id: number;
  /** `"release"`, `"master"`, `"artist"` or `"label"`. */
  type: Open<SearchType>;
  /** `"Artist - Title"` for releases and masters. */
  title: string;
  resource_url: string;
  uri?: string;
  thumb?: string | null;
  cover_image?: string;
  country?: string;
  /** A year **string** such as `"1997"`. */
  year?: string;
  format?: string[];
  label?: string[] | string;
  genre?: string[];
  style?: string[];
  barcode?: string[];
  /** Wire name `catno`. */
  catalog_number?: string;
  community?: Community;
  format_quantity?: number;
  formats?: Format[];
  /** Whether the authenticated user has it (authenticated searches only). */
  user_data?: SearchUserData;
  master_id?: number | null;
  master_url?: string | null;
}
/** Schema of {@link SearchResult}. Wire name `catno` is read as `catalog_number`. */
export const SearchResultSchema = /* @__PURE__ */ object(
  (): Shape<SearchResult> => ({
    id: num,
    type: openEnum(SEARCH_TYPES),
    title: str,
    resource_url: str,
    uri: optional(str),
    thumb: optional(nullable(str)),
    cover_image: optional(str),
    country: optional(str),
    year: optional(str),
    format: optional(array(str)),
    label: optional(union([array(str), str])),
    genre: optional(array(str)),
    style: optional(array(str)),
    barcode: optional(array(str)),
    catalog_number: optional(str),
    community: optional(CommunitySchema),
    format_quantity: optional(num),
    formats: optional(array(FormatSchema)),
    user_data: optional(
      object((): Shape<SearchUserData> => ({
        in_wantlist: optional(bool),
        in_collection: optional(bool),
      })),
    ),
    master_id: optional(nullable(num)),
    master_url: optional(nullable(str)),
  }),
  ["catno"],
);

/** `GET /releases/{id}/rating`: the community rating `{rating: {count, average}, release_id}`. */
export interface CommunityRating {
  rating: RatingSummary;
  release_id: number;
}
/** Schema of {@link CommunityRating}. */
export const CommunityRatingSchema = /* @__PURE__ */ object((): Shape<CommunityRating> => ({
  rating: RatingSummarySchema,
  release_id: num,
}));

/** `GET|PUT /releases/{id}/rating/{username}`: one user's rating (1-5; `0` when unrated). */
export interface UserReleaseRating {
  username: string;
  release_id: number;
  rating: number;
}
/** Schema of {@link UserReleaseRating}. */
export const UserReleaseRatingSchema = /* @__PURE__ */ object((): Shape<UserReleaseRating> => ({
  username: str,
  release_id: num,
  rating: num,
}));

/**
 * `GET /releases/{id}/stats`. The docs show `{num_have, num_want}` but the live API (2021) returned
 * `{is_offensive}` instead, so every field is optional. Have/want counts are in the release's `community`.
 */
export interface ReleaseStats {
  num_have?: number;
  num_want?: number;
  is_offensive?: boolean;
}
/** Schema of {@link ReleaseStats}. */
export const ReleaseStatsSchema = /* @__PURE__ */ object((): Shape<ReleaseStats> => ({
  num_have: optional(num),
  num_want: optional(num),
  is_offensive: optional(bool),
}));
