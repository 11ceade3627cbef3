/**
 * The closed sets of values Discogs documents (or that its data shows) for response fields and request
 * parameters. Request parameters accept exactly these (checked before a request is sent); response fields are
 * typed as `Open` unions of them, because Discogs may add a value at any time: the known ones autocomplete,
 * and an unknown one is not a validation error.
 *
 * @module
 */

/** Currencies Discogs accepts for `curr_abbr` (and reports in prices). */
export const CURRENCIES = [
  "USD",
  "GBP",
  "EUR",
  "CAD",
  "AUD",
  "JPY",
  "CHF",
  "MXN",
  "BRL",
  "NZD",
  "SEK",
  "ZAR",
] as const;
/** A currency Discogs accepts for `curr_abbr`. */
export type Currency = (typeof CURRENCIES)[number];

/** Media conditions Discogs accepts (`condition`), best first. */
export const CONDITIONS = [
  "Mint (M)",
  "Near Mint (NM or M-)",
  "Very Good Plus (VG+)",
  "Very Good (VG)",
  "Good Plus (G+)",
  "Good (G)",
  "Fair (F)",
  "Poor (P)",
] as const;
/** A media condition. */
export type Condition = (typeof CONDITIONS)[number];

/** Sleeve conditions Discogs accepts (`sleeve_condition`): the media conditions plus three sleeve-only values. */
export const SLEEVE_CONDITIONS = [...CONDITIONS, "Generic", "Not Graded", "No Cover"] as const;
/** A sleeve condition. */
export type SleeveCondition = (typeof SLEEVE_CONDITIONS)[number];

/** Every status a listing can be in (`Listing.status`); only `"For Sale"` and `"Draft"` can be set. */
export const LISTING_STATES = [
  "Deleted",
  "Draft",
  "Expired",
  "For Sale",
  "Sold",
  "Suspended",
  "Violation",
] as const;
/** A status a listing can be in. */
export type ListingState = (typeof LISTING_STATES)[number];

/** Statuses an order can be moved to (`status` of an order edit or a message). */
export const ORDER_STATUSES = [
  "New Order",
  "Buyer Contacted",
  "Invoice Sent",
  "Payment Pending",
  "Payment Received",
  "In Progress",
  "Shipped",
  "Refund Sent",
  "Cancelled (Non-Paying Buyer)",
  "Cancelled (Item Unavailable)",
  "Cancelled (Per Buyer's Request)",
] as const;
/** A status an order can be moved to. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Kinds of an order message (`OrderMessage.type`). */
export const ORDER_MESSAGE_TYPES = [
  "message",
  "status",
  "shipping",
  "refund_sent",
  "refund_received",
] as const;
/** A kind of order message. */
export type OrderMessageType = (typeof ORDER_MESSAGE_TYPES)[number];

/** Kinds of database entity: what a search returns (`SearchResult.type`, the search `type` filter, `ListItem.type`). */
export const SEARCH_TYPES = ["release", "master", "artist", "label"] as const;
/** A kind of database entity. */
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Statuses of a release in the database (`Release.status`, and the `status` of version and release lists). */
export const RELEASE_STATUSES = ["Accepted", "Draft", "Deleted", "Rejected"] as const;
/** A release status. */
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** Data quality grades of database entries (`data_quality`). */
export const DATA_QUALITIES = [
  "Needs Vote",
  "Correct",
  "Complete and Correct",
  "Needs Minor Changes",
  "Needs Major Changes",
  "Entirely Incorrect",
] as const;
/** A data quality grade. */
export type DataQuality = (typeof DATA_QUALITIES)[number];

/** Kinds of image (`Image.type`). */
export const IMAGE_TYPES = ["primary", "secondary"] as const;
/** A kind of image. */
export type ImageType = (typeof IMAGE_TYPES)[number];

/** Kinds of tracklist entry (`Track.type_`): index tracks carry `sub_tracks`. */
export const TRACK_TYPES = ["track", "heading", "index"] as const;
/** A kind of tracklist entry. */
export type TrackType = (typeof TRACK_TYPES)[number];

/** Kinds of item in an artist's release list (`ArtistRelease.type`). */
export const ARTIST_RELEASE_TYPES = ["release", "master"] as const;
/** A kind of item in an artist's release list. */
export type ArtistReleaseType = (typeof ARTIST_RELEASE_TYPES)[number];

/** Roles seen in an artist's release list (`ArtistRelease.role`); Discogs has more. */
export const ARTIST_RELEASE_ROLES = ["Main", "Remix", "Producer", "Appearance", "TrackAppearance"] as const;
/** A role in an artist's release list. */
export type ArtistReleaseRole = (typeof ARTIST_RELEASE_ROLES)[number];

/** Kinds of custom collection field (`CollectionField.type`). */
export const COLLECTION_FIELD_TYPES = ["dropdown", "textarea"] as const;
/** A kind of custom collection field. */
export type CollectionFieldType = (typeof COLLECTION_FIELD_TYPES)[number];

/** Kinds of inventory upload (`Upload.type`). */
export const UPLOAD_TYPES = ["add", "change", "delete"] as const;
/** A kind of inventory upload. */
export type UploadType = (typeof UPLOAD_TYPES)[number];
