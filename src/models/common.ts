/**
 * Small shapes that appear inside many Discogs responses: images, credits, tracks, formats, prices,
 * pagination and the like.
 *
 * Every schema keeps unknown fields (Discogs adds fields over time) and accepts the cryptic wire names listed in
 * {@link FIELD_ALIASES} in place of the readable names the parsed objects carry.
 *
 * @module
 */

import * as z from "zod/mini";

import { model } from "./base";

/**
 * An image of a release, master, artist or label.
 * Unauthenticated responses (2021) sent `uri`, `uri_150` and `resource_url` as empty strings.
 * Wire name `uri150` is read as `uri_150`.
 */
export const ImageSchema = model(
  {
    /** `"primary"` or `"secondary"`. */
    type: z.optional(z.string()),
    uri: z.string(),
    resource_url: z.optional(z.string()),
    /** 150-pixel thumbnail. Wire name `uri150`. */
    uri_150: z.optional(z.string()),
    width: z.optional(z.number()),
    height: z.optional(z.number()),
  },
  ["uri150"],
);
/** An image of a release, master, artist or label. */
export type Image = z.output<typeof ImageSchema>;

/** A video linked to a release or master. `duration` is an integer number of seconds (tracks use `"m:ss"` strings). */
export const VideoSchema = model({
  uri: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  /** Length in whole seconds. */
  duration: z.optional(z.number()),
  embed: z.optional(z.boolean()),
});
/** A video linked to a release or master. */
export type Video = z.output<typeof VideoSchema>;

/**
 * An artist credited on a release, master or track (`artists` and `extra_artists` lists).
 * `name_variation` (wire `anv`), `join`, `role` and `tracks` are empty strings when unused;
 * `thumbnail_url` only appears in 2025 captures.
 */
export const ArtistCreditSchema = model(
  {
    id: z.number(),
    name: z.string(),
    /** The name as printed on the release ("artist name variation"). Wire name `anv`. */
    name_variation: z.optional(z.string()),
    /** Joining text to the next credit, e.g. `"&"`, `","`. */
    join: z.optional(z.string()),
    /** Credit role for extra artists, e.g. `"Producer, Written-By"`. */
    role: z.optional(z.string()),
    /** Track positions the credit applies to, e.g. `"A1 to B2"`. */
    tracks: z.optional(z.string()),
    resource_url: z.optional(z.string()),
    thumbnail_url: z.optional(z.string()),
  },
  ["anv"],
);
/** An artist credited on a release, master or track. */
export type ArtistCredit = z.output<typeof ArtistCreditSchema>;

/**
 * One entry of a tracklist. `type_` is `"track"`, `"heading"` or `"index"`; index tracks carry `sub_tracks`.
 * `duration` is a `"m:ss"` string, often `""`. Wire name `extraartists` is read as `extra_artists`.
 */
export const TrackSchema = model(
  {
    position: z.optional(z.string()),
    /** `"track"`, `"heading"` or `"index"`. */
    type_: z.optional(z.string()),
    title: z.string(),
    /** `"m:ss"`, or `""` when unknown. */
    duration: z.optional(z.string()),
    artists: z.optional(z.array(ArtistCreditSchema)),
    /** Track-level credits. Wire name `extraartists`. */
    extra_artists: z.optional(z.array(ArtistCreditSchema)),
    /** Parts of an index track. */
    get sub_tracks(): z.ZodMiniOptional<z.ZodMiniArray<z.ZodMiniType<TrackOutput, unknown>>> {
      return z.optional(z.array(TrackSchema));
    },
  },
  ["extraartists"],
);

/** The parsed track (declared by hand because the shape refers to itself through `sub_tracks`). */
export interface TrackOutput {
  position?: string | undefined;
  type_?: string | undefined;
  title: string;
  duration?: string | undefined;
  artists?: ArtistCredit[] | undefined;
  extra_artists?: ArtistCredit[] | undefined;
  sub_tracks?: TrackOutput[] | undefined;
  [key: string]: unknown;
}
/** One entry of a tracklist. */
export type Track = z.output<typeof TrackSchema>;

/**
 * A physical or digital format of a release. `quantity` (wire `qty`) is a string such as `"2"`;
 * `text` is free text (e.g. `"Transparent"`) and often absent.
 */
export const FormatSchema = model(
  {
    name: z.string(),
    /** Number of items in this format, as a string. Wire name `qty`. */
    quantity: z.optional(z.string()),
    descriptions: z.optional(z.array(z.string())),
    text: z.optional(z.string()),
  },
  ["qty"],
);
/** A physical or digital format of a release. */
export type Format = z.output<typeof FormatSchema>;

/**
 * A label (or series) a release appears on. `catalog_number` is wire `catno`. `entity_type` is a numeric string
 * (`"1"` = Label), sometimes `""` in collection/wantlist items, which also omit `entity_type_name`.
 */
export const LabelCreditSchema = model(
  {
    id: z.number(),
    name: z.string(),
    /** Catalog number on this label. Wire name `catno`. */
    catalog_number: z.optional(z.string()),
    entity_type: z.optional(z.string()),
    entity_type_name: z.optional(z.string()),
    resource_url: z.optional(z.string()),
    thumbnail_url: z.optional(z.string()),
  },
  ["catno"],
);
/** A label (or series) a release appears on. */
export type LabelCredit = z.output<typeof LabelCreditSchema>;

/**
 * A company credited on a release (pressing plant, copyright holder, distributor...), with the role in
 * `entity_type_name` (`entity_type` is its numeric code as a string). `catalog_number` is wire `catno`, usually `""`.
 */
export const CompanySchema = model(
  {
    id: z.number(),
    name: z.string(),
    /** Catalog number, usually `""`. Wire name `catno`. */
    catalog_number: z.optional(z.string()),
    entity_type: z.optional(z.string()),
    entity_type_name: z.optional(z.string()),
    resource_url: z.optional(z.string()),
    thumbnail_url: z.optional(z.string()),
  },
  ["catno"],
);
/** A company credited on a release. */
export type Company = z.output<typeof CompanySchema>;

/** A barcode, matrix number or other identifier printed on a release. `description` is often absent. */
export const IdentifierSchema = model({
  /** E.g. `"Barcode"`, `"Matrix / Runout"`, `"Rights Society"`. */
  type: z.string(),
  value: z.string(),
  description: z.optional(z.string()),
});
/** A barcode, matrix number or other identifier printed on a release. */
export type Identifier = z.output<typeof IdentifierSchema>;

/** A rating summary: number of votes and their average (a float, `0` when unrated). */
export const RatingSummarySchema = model({
  count: z.number(),
  average: z.number(),
});
/** A rating summary: number of votes and their average. */
export type RatingSummary = z.output<typeof RatingSummarySchema>;

/**
 * A short reference to a Discogs user, as embedded in other objects (release submitter/contributors, order
 * buyer/seller, order message sender). `id` and `avatar_url` are only present in some places.
 */
export const UserSummarySchema = model({
  username: z.string(),
  id: z.optional(z.number()),
  resource_url: z.optional(z.string()),
  avatar_url: z.optional(z.string()),
});
/** A short reference to a Discogs user. */
export type UserSummary = z.output<typeof UserSummarySchema>;

/**
 * Community data of a release. On full releases every field is present; search results only carry
 * `{want, have}`.
 */
export const CommunitySchema = model({
  have: z.optional(z.number()),
  want: z.optional(z.number()),
  rating: z.optional(RatingSummarySchema),
  submitter: z.optional(UserSummarySchema),
  contributors: z.optional(z.array(UserSummarySchema)),
  data_quality: z.optional(z.string()),
  status: z.optional(z.string()),
});
/** Community data of a release. */
export type Community = z.output<typeof CommunitySchema>;

/** How many copies are in collections and wantlists: `{in_collection, in_wantlist}` counts. */
export const CollectionCountsSchema = model({
  in_collection: z.optional(z.number()),
  in_wantlist: z.optional(z.number()),
});
/** `{in_collection, in_wantlist}` counts. */
export type CollectionCounts = z.output<typeof CollectionCountsSchema>;

/**
 * The `stats` blob on master versions, artist releases and listing releases (live-only, not in the docs):
 * community counts, plus the authenticated user's counts when there is one.
 */
export const ItemStatsSchema = model({
  community: z.optional(CollectionCountsSchema),
  user: z.optional(CollectionCountsSchema),
});
/** The `stats` blob on master versions, artist releases and listing releases. */
export type ItemStats = z.output<typeof ItemStatsSchema>;

/**
 * The summary of a release embedded in collection items and wantlist entries. `genres`, `styles`,
 * `master_id`/`master_url` are live-only; labels here often have `entity_type: ""` and no `entity_type_name`.
 */
export const BasicInformationSchema = model({
  id: z.number(),
  title: z.string(),
  /** Release year; `0` when unknown. */
  year: z.optional(z.number()),
  resource_url: z.optional(z.string()),
  thumb: z.optional(z.string()),
  cover_image: z.optional(z.string()),
  /** Absent, `0` or `null` when the release has no master. */
  master_id: z.optional(z.nullable(z.number())),
  master_url: z.optional(z.nullable(z.string())),
  formats: z.optional(z.array(FormatSchema)),
  labels: z.optional(z.array(LabelCreditSchema)),
  artists: z.optional(z.array(ArtistCreditSchema)),
  genres: z.optional(z.array(z.string())),
  styles: z.optional(z.array(z.string())),
});
/** The summary of a release embedded in collection items and wantlist entries. */
export type BasicInformation = z.output<typeof BasicInformationSchema>;

/**
 * A related artist: a group member (`members`, with `active`), a group of a person (`groups`) or an alias
 * (`aliases`, no `active`). `thumbnail_url` only appears in 2025 captures.
 */
export const MemberSchema = model({
  id: z.number(),
  name: z.string(),
  resource_url: z.optional(z.string()),
  /** Whether the member is still in the group (members and groups only). */
  active: z.optional(z.boolean()),
  thumbnail_url: z.optional(z.string()),
});
/** A related artist: group member, group or alias. */
export type Member = z.output<typeof MemberSchema>;

/** A sub-label or parent label reference. URLs are relative in some old captures. */
export const SubLabelSchema = model({
  id: z.number(),
  name: z.string(),
  resource_url: z.optional(z.string()),
});
/** A sub-label or parent label reference. */
export type SubLabel = z.output<typeof SubLabelSchema>;

/** An amount of money: `{currency, value}`. `value` is a float (e.g. `14.319139100000001`). */
export const PriceSchema = model({
  /** Currency code, e.g. `"USD"`. */
  currency: z.string(),
  value: z.number(),
});
/** An amount of money. */
export type Price = z.output<typeof PriceSchema>;

const originalPriceShape = {
  /** Currency code, e.g. `"EUR"`. Wire name `curr_abbr`. */
  currency_code: z.optional(z.string()),
  /** Discogs' numeric currency id. Wire name `curr_id`. */
  currency_id: z.optional(z.number()),
  /** Display string, e.g. `"€75.94"`. */
  formatted: z.optional(z.string()),
  value: z.number(),
};

/**
 * A listing price in the seller's currency. `currency_code`/`currency_id` are wire `curr_abbr`/`curr_id`.
 * 2025 captures add `converted`: the same shape in the viewer's currency.
 */
export const OriginalPriceSchema = model(
  {
    ...originalPriceShape,
    converted: z.optional(model(originalPriceShape, ["curr_abbr", "curr_id"])),
  },
  ["curr_abbr", "curr_id"],
);
/** A listing price in the seller's currency. */
export type OriginalPrice = z.output<typeof OriginalPriceSchema>;

/**
 * Pagination envelope. `urls` only holds the applicable links (`{}` for a single page; page 1 has only
 * `next`/`last`). `pages` may be capped (search reported 1000 pages for 890 761 items).
 */
export const PaginationSchema = model({
  page: z.number(),
  pages: z.number(),
  per_page: z.number(),
  items: z.number(),
  urls: z.optional(
    model({
      first: z.optional(z.string()),
      prev: z.optional(z.string()),
      next: z.optional(z.string()),
      last: z.optional(z.string()),
    }),
  ),
});
/** Pagination envelope. */
export type Pagination = z.output<typeof PaginationSchema>;

/** The schema of one page: `{pagination, [itemKey]: Item[]}`, unknown fields kept. */
export type PageSchema<K extends string, Item extends z.ZodMiniType> = z.ZodMiniObject<
  { pagination: typeof PaginationSchema } & { [P in K]: z.ZodMiniArray<Item> },
  z.core.$loose
>;

/**
 * The schema of one page of a paginated endpoint: `{pagination, [itemKey]: Item[]}` (unknown fields such as
 * master versions' `filters` are kept).
 *
 * @example
 * const page = pageSchema("releases", ArtistReleaseSchema).parse(body);
 * page.releases[0]?.title;
 */
export function pageSchema<K extends string, Item extends z.ZodMiniType>(
  itemKey: K,
  item: Item,
): PageSchema<K, Item> {
  const shape = { pagination: PaginationSchema, [itemKey]: z.array(item) };
  return z.looseObject(shape) as unknown as PageSchema<K, Item>;
}

/** The API root (`GET /`): a greeting, the API version and database counts. */
export const ApiRootSchema = model({
  hello: z.optional(z.string()),
  api_version: z.optional(z.string()),
  documentation_url: z.optional(z.string()),
  statistics: z.optional(
    model({
      releases: z.optional(z.number()),
      artists: z.optional(z.number()),
      labels: z.optional(z.number()),
    }),
  ),
});
/** The API root (`GET /`). */
export type ApiRoot = z.output<typeof ApiRootSchema>;
