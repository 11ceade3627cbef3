/**
 * Small shapes that appear inside many Discogs responses: images, credits, tracks, formats, prices,
 * pagination and the like.
 *
 * Each model is an interface (`Image`) and a schema (`ImageSchema`) checked against it at compile time. Every
 * schema keeps unknown fields (Discogs adds fields over time; see `extraFields`) and accepts the cryptic wire names
 * listed in `FIELD_ALIASES` in place of the readable names the parsed objects carry.
 *
 * @module
 */

import {
  array,
  bool,
  nullable,
  num,
  object,
  openEnum,
  optional,
  str,
  type ObjectSchema,
  type Open,
  type Schema,
  type Shape,
} from "./schema";
import {
  CURRENCIES,
  DATA_QUALITIES,
  IMAGE_TYPES,
  RELEASE_STATUSES,
  TRACK_TYPES,
  type Currency,
  type DataQuality,
  type ImageType,
  type ReleaseStatus,
  type TrackType,
} from "./values";

/**
 * An image of a release, master, artist or label.
 * Unauthenticated responses (2021) sent `uri`, `uri_150` and `resource_url` as empty strings.
 */
export interface Image {
  /** `"primary"` or `"secondary"`. */
  type?: Open<ImageType>;
  uri: string;
  resource_url?: string;
  /** 150-pixel thumbnail. Wire name `uri150`. */
  uri_150?: string;
  width?: number;
  height?: number;
}
/** Schema of {@link Image}. Wire name `uri150` is read as `uri_150`. */
export const ImageSchema = /* @__PURE__ */ object(
  (): Shape<Image> => ({
    type: optional(openEnum(IMAGE_TYPES)),
    uri: str,
    resource_url: optional(str),
    uri_150: optional(str),
    width: optional(num),
    height: optional(num),
  }),
  ["uri150"],
);

/** A video linked to a release or master. `duration` is an integer number of seconds (tracks use `"m:ss"` strings). */
export interface Video {
  uri: string;
  title: string;
  description?: string;
  /** Length in whole seconds. */
  duration?: number;
  embed?: boolean;
}
/** Schema of {@link Video}. */
export const VideoSchema = /* @__PURE__ */ object((): Shape<Video> => ({
  uri: str,
  title: str,
  description: optional(str),
  duration: optional(num),
  embed: optional(bool),
}));

/**
 * An artist credited on a release, master or track (`artists` and `extra_artists` lists).
 * `name_variation` (wire `anv`), `join`, `role` and `tracks` are empty strings when unused;
 * `thumbnail_url` only appears in 2025 captures.
 */
export interface ArtistCredit {
  id: number;
  name: string;
  /** The name as printed on the release ("artist name variation"). Wire name `anv`. */
  name_variation?: string;
  /** Joining text to the next credit, e.g. `"&"`, `","`. */
  join?: string;
  /** Credit role for extra artists, e.g. `"Producer, Written-By"`. */
  role?: string;
  /** Track positions the credit applies to, e.g. `"A1 to B2"`. */
  tracks?: string;
  resource_url?: string;
  thumbnail_url?: string;
}
/** Schema of {@link ArtistCredit}. Wire name `anv` is read as `name_variation`. */
export const ArtistCreditSchema = /* @__PURE__ */ object(
  (): Shape<ArtistCredit> => ({
    id: num,
    name: str,
    name_variation: optional(str),
    join: optional(str),
    role: optional(str),
    tracks: optional(str),
    resource_url: optional(str),
    thumbnail_url: optional(str),
  }),
  ["anv"],
);

/**
 * One entry of a tracklist. `type_` is `"track"`, `"heading"` or `"index"`; index tracks carry `sub_tracks`.
 * `duration` is a `"m:ss"` string, often `""`.
 */
export interface Track {
  position?: string;
  /** `"track"`, `"heading"` or `"index"`. */
  type_?: Open<TrackType>;
  title: string;
  /** `"m:ss"`, or `""` when unknown. */
  duration?: string;
  artists?: ArtistCredit[];
  /** Track-level credits. Wire name `extraartists`. */
  extra_artists?: ArtistCredit[];
  /** Parts of an index track. */
  sub_tracks?: Track[];
}
/** Schema of {@link Track}. Wire name `extraartists` is read as `extra_artists`. */
export const TrackSchema: ObjectSchema<Track> = /* @__PURE__ */ object(
  (): Shape<Track> => ({
    position: optional(str),
    type_: optional(openEnum(TRACK_TYPES)),
    title: str,
    duration: optional(str),
    artists: optional(array(ArtistCreditSchema)),
    extra_artists: optional(array(ArtistCreditSchema)),
    sub_tracks: optional(array(TrackSchema)),
  }),
  ["extraartists"],
  "Track",
);

/**
 * A physical or digital format of a release. `quantity` (wire `qty`) is a string such as `"2"`;
 * `text` is free text (e.g. `"Transparent"`) and often absent.
 */
export interface Format {
  /** E.g. `"Vinyl"`, `"CD"`, `"File"`. */
  name: string;
  /** Number of items in this format, as a string. Wire name `qty`. */
  quantity?: string;
  descriptions?: string[];
  text?: string;
}
/** Schema of {@link Format}. Wire name `qty` is read as `quantity`. */
export const FormatSchema = /* @__PURE__ */ object(
  (): Shape<Format> => ({
    name: str,
    quantity: optional(str),
    descriptions: optional(array(str)),
    text: optional(str),
  }),
  ["qty"],
);

/**
 * A label (or series) a release appears on. `entity_type` is a numeric string (`"1"` = Label), sometimes `""` in
 * collection/wantlist items, which also omit `entity_type_name`.
 */
export interface LabelCredit {
  id: number;
  name: string;
  /** Catalog number on this label. Wire name `catno`. */
  catalog_number?: string;
  entity_type?: string;
  entity_type_name?: string;
  resource_url?: string;
  thumbnail_url?: string;
}
/** Schema of {@link LabelCredit}. Wire name `catno` is read as `catalog_number`. */
export const LabelCreditSchema = /* @__PURE__ */ object(
  (): Shape<LabelCredit> => ({
    id: num,
    name: str,
    catalog_number: optional(str),
    entity_type: optional(str),
    entity_type_name: optional(str),
    resource_url: optional(str),
    thumbnail_url: optional(str),
  }),
  ["catno"],
);

/**
 * A company credited on a release (pressing plant, copyright holder, distributor...), with the role in
 * `entity_type_name` (`entity_type` is its numeric code as a string).
 */
export interface Company {
  id: number;
  name: string;
  /** Catalog number, usually `""`. Wire name `catno`. */
  catalog_number?: string;
  entity_type?: string;
  entity_type_name?: string;
  resource_url?: string;
  thumbnail_url?: string;
}
/** Schema of {@link Company}. Wire name `catno` is read as `catalog_number`. */
export const CompanySchema = /* @__PURE__ */ object(
  (): Shape<Company> => ({
    id: num,
    name: str,
    catalog_number: optional(str),
    entity_type: optional(str),
    entity_type_name: optional(str),
    resource_url: optional(str),
    thumbnail_url: optional(str),
  }),
  ["catno"],
);

/** A barcode, matrix number or other identifier printed on a release. `description` is often absent. */
export interface Identifier {
  /** E.g. `"Barcode"`, `"Matrix / Runout"`, `"Rights Society"`. */
  type: string;
  value: string;
  description?: string;
}
/** Schema of {@link Identifier}. */
export const IdentifierSchema = /* @__PURE__ */ object((): Shape<Identifier> => ({
  type: str,
  value: str,
  description: optional(str),
}));

/** A rating summary: number of votes and their average (a float, `0` when unrated). */
export interface RatingSummary {
  count: number;
  average: number;
}
/** Schema of {@link RatingSummary}. */
export const RatingSummarySchema = /* @__PURE__ */ object((): Shape<RatingSummary> => ({
  count: num,
  average: num,
}));

/**
 * A short reference to a Discogs user, as embedded in other objects (release submitter/contributors, order
 * buyer/seller, order message sender). `id` and `avatar_url` are only present in some places.
 */
export interface UserSummary {
  username: string;
  id?: number;
  resource_url?: string;
  avatar_url?: string;
}
/** Schema of {@link UserSummary}. */
export const UserSummarySchema = /* @__PURE__ */ object((): Shape<UserSummary> => ({
  username: str,
  id: optional(num),
  resource_url: optional(str),
  avatar_url: optional(str),
}));

/**
 * Community data of a release. On full releases every field is present; search results only carry
 * `{want, have}`.
 */
export interface Community {
  have?: number;
  want?: number;
  rating?: RatingSummary;
  submitter?: UserSummary;
  contributors?: UserSummary[];
  data_quality?: Open<DataQuality>;
  status?: Open<ReleaseStatus>;
}
/** Schema of {@link Community}. */
export const CommunitySchema = /* @__PURE__ */ object((): Shape<Community> => ({
  have: optional(num),
  want: optional(num),
  rating: optional(RatingSummarySchema),
  submitter: optional(UserSummarySchema),
  contributors: optional(array(UserSummarySchema)),
  data_quality: optional(openEnum(DATA_QUALITIES)),
  status: optional(openEnum(RELEASE_STATUSES)),
}));

/** How many copies are in collections and wantlists. */
export interface CollectionCounts {
  in_collection?: number;
  in_wantlist?: number;
}
/** Schema of {@link CollectionCounts}. */
export const CollectionCountsSchema = /* @__PURE__ */ object((): Shape<CollectionCounts> => ({
  in_collection: optional(num),
  in_wantlist: optional(num),
}));

/**
 * The `stats` blob on master versions, artist releases and listing releases (live-only, not in the docs):
 * community counts, plus the authenticated user's counts when there is one.
 */
export interface ItemStats {
  community?: CollectionCounts;
  user?: CollectionCounts;
}
/** Schema of {@link ItemStats}. */
export const ItemStatsSchema = /* @__PURE__ */ object((): Shape<ItemStats> => ({
  community: optional(CollectionCountsSchema),
  user: optional(CollectionCountsSchema),
}));

/**
 * The summary of a release embedded in collection items and wantlist entries. `genres`, `styles`,
 * `master_id`/`master_url` are live-only; labels here often have `entity_type: ""` and no `entity_type_name`.
 */
export interface BasicInformation {
  id: number;
  title: string;
  /** Release year; `0` when unknown. */
  year?: number;
  resource_url?: string;
  thumb?: string;
  cover_image?: string;
  /** Absent, `0` or `null` when the release has no master. */
  master_id?: number | null;
  master_url?: string | null;
  formats?: Format[];
  labels?: LabelCredit[];
  artists?: ArtistCredit[];
  genres?: string[];
  styles?: string[];
}
/** Schema of {@link BasicInformation}. */
export const BasicInformationSchema = /* @__PURE__ */ object((): Shape<BasicInformation> => ({
  id: num,
  title: str,
  year: optional(num),
  resource_url: optional(str),
  thumb: optional(str),
  cover_image: optional(str),
  master_id: optional(nullable(num)),
  master_url: optional(nullable(str)),
  formats: optional(array(FormatSchema)),
  labels: optional(array(LabelCreditSchema)),
  artists: optional(array(ArtistCreditSchema)),
  genres: optional(array(str)),
  styles: optional(array(str)),
}));

/**
 * A related artist: a group member (`members`, with `active`), a group of a person (`groups`) or an alias
 * (`aliases`, no `active`). `thumbnail_url` only appears in 2025 captures.
 */
export interface Member {
  id: number;
  name: string;
  resource_url?: string;
  /** Whether the member is still in the group (members and groups only). */
  active?: boolean;
  thumbnail_url?: string;
}
/** Schema of {@link Member}. */
export const MemberSchema = /* @__PURE__ */ object((): Shape<Member> => ({
  id: num,
  name: str,
  resource_url: optional(str),
  active: optional(bool),
  thumbnail_url: optional(str),
}));

/** A sub-label or parent label reference. URLs are relative in some old captures. */
export interface SubLabel {
  id: number;
  name: string;
  resource_url?: string;
}
/** Schema of {@link SubLabel}. */
export const SubLabelSchema = /* @__PURE__ */ object((): Shape<SubLabel> => ({
  id: num,
  name: str,
  resource_url: optional(str),
}));

/** An amount of money: `{currency, value}`. `value` is a float (e.g. `14.319139100000001`). */
export interface Price {
  /** Currency code, e.g. `"USD"`. */
  currency: Open<Currency>;
  value: number;
}
/** Schema of {@link Price}. */
export const PriceSchema = /* @__PURE__ */ object((): Shape<Price> => ({
  currency: openEnum(CURRENCIES),
  value: num,
}));

/** A listing price in another currency (the viewer's): the fields of {@link OriginalPrice} without `converted`. */
export interface ConvertedPrice {
  /** Currency code, e.g. `"USD"`. Wire name `curr_abbr`. */
  currency_code?: Open<Currency>;
  /** Discogs' numeric currency id. Wire name `curr_id`. */
  currency_id?: number;
  /** Display string, e.g. `"$82.50"`. */
  formatted?: string;
  value: number;
}
/** Schema of {@link ConvertedPrice}. Wire names `curr_abbr`, `curr_id` are read as `currency_code`, `currency_id`. */
export const ConvertedPriceSchema = /* @__PURE__ */ object(
  (): Shape<ConvertedPrice> => ({
    currency_code: optional(openEnum(CURRENCIES)),
    currency_id: optional(num),
    formatted: optional(str),
    value: num,
  }),
  ["curr_abbr", "curr_id"],
);

/**
 * A listing price in the seller's currency. 2025 captures add `converted`: the same shape in the viewer's
 * currency.
 */
export interface OriginalPrice extends ConvertedPrice {
  /** The price in the viewer's currency (2025 captures). */
  converted?: ConvertedPrice;
}
/** Schema of {@link OriginalPrice}. Wire names `curr_abbr`, `curr_id` are read as `currency_code`, `currency_id`. */
export const OriginalPriceSchema = /* @__PURE__ */ object(
  (): Shape<OriginalPrice> => ({
    currency_code: optional(openEnum(CURRENCIES)),
    currency_id: optional(num),
    formatted: optional(str),
    value: num,
    converted: optional(ConvertedPriceSchema),
  }),
  ["curr_abbr", "curr_id"],
);

/** The links of a {@link Pagination}: only the applicable ones (`{}` for a single page). */
export interface PaginationUrls {
  first?: string;
  prev?: string;
  next?: string;
  last?: string;
}

/**
 * Pagination envelope. `urls` only holds the applicable links (`{}` for a single page; page 1 has only
 * `next`/`last`). `pages` may be capped (search reported 1000 pages for 890 761 items).
 */
export interface Pagination {
  page: number;
  pages: number;
  per_page: number;
  items: number;
  urls?: PaginationUrls;
}
/** Schema of {@link Pagination}. */
export const PaginationSchema = /* @__PURE__ */ object((): Shape<Pagination> => ({
  page: num,
  pages: num,
  per_page: num,
  items: num,
  urls: optional(
    object((): Shape<PaginationUrls> => ({
      first: optional(str),
      prev: optional(str),
      next: optional(str),
      last: optional(str),
    })),
  ),
}));

/** One page of a paginated endpoint: `{pagination, [K]: T[]}` (unknown fields such as `filters` are kept). */
export type PageBody<K extends string, T> = { pagination: Pagination } & { [P in K]: T[] };

/** The schema of one page of a paginated endpoint. */
export type PageSchema<K extends string, T> = ObjectSchema<PageBody<K, T>>;

/**
 * The schema of one page of a paginated endpoint: `{pagination, [itemKey]: Item[]}` (unknown fields such as
 * master versions' `filters` are kept).
 *
 * @example
 * const page = pageSchema("releases", ArtistReleaseSchema).parse(body);
 * page.releases[0]?.title;
 */
/* @__NO_SIDE_EFFECTS__ */
export function pageSchema<K extends string, T>(itemKey: K, item: Schema<T>): PageSchema<K, T> {
  // The shape's keys are computed, so it cannot be checked against `PageBody` field by field.
  const shape = () => ({ pagination: PaginationSchema, [itemKey]: array(item) });
  return object(shape as unknown as () => Shape<PageBody<K, T>>);
}

/** The database counts of the API root. */
export interface ApiStatistics {
  releases?: number;
  artists?: number;
  labels?: number;
}

/** The API root (`GET /`): a greeting, the API version and database counts. */
export interface ApiRoot {
  hello?: string;
  api_version?: string;
  documentation_url?: string;
  statistics?: ApiStatistics;
}
/** Schema of {@link ApiRoot}. */
export const ApiRootSchema = /* @__PURE__ */ object((): Shape<ApiRoot> => ({
  hello: optional(str),
  api_version: optional(str),
  documentation_url: optional(str),
  statistics: optional(
    object((): Shape<ApiStatistics> => ({
      releases: optional(num),
      artists: optional(num),
      labels: optional(num),
    })),
  ),
}));
