/**
 * Models of users: identity, profiles, submissions and contributions, collection, wantlist and lists.
 *
 * @module
 */

import { BasicInformationSchema, PaginationSchema, type BasicInformation, type Pagination } from "./common";
import { ArtistSchema, LabelSchema, ReleaseSchema, type Artist, type Label, type Release } from "./database";
import {
  array,
  bool,
  num,
  object,
  openEnum,
  optional,
  str,
  type ObjectSchema,
  type Open,
  type Shape,
} from "./schema";
import {
  COLLECTION_FIELD_TYPES,
  CURRENCIES,
  SEARCH_TYPES,
  type CollectionFieldType,
  type Currency,
  type SearchType,
} from "./values";

/** `GET /oauth/identity`: who the credentials belong to. */
export interface Identity {
  id: number;
  username: string;
  resource_url: string;
  /** Name of the application the token was issued to. */
  consumer_name?: string;
}
/** Schema of {@link Identity}. */
export const IdentitySchema = /* @__PURE__ */ object((): Shape<Identity> => ({
  id: num,
  username: str,
  resource_url: str,
  consumer_name: optional(str),
}));

/**
 * A user profile (`GET|POST /users/{username}`). `num_collection`/`num_wantlist` only when public or self;
 * `email`, `num_unread`, `activated`, `marketplace_suspended` and `is_staff` only for yourself. Text fields are often
 * `""`; `rating_avg` (and possibly `rank`) are floats.
 */
export interface User {
  id: number;
  username: string;
  resource_url: string;
  name?: string;
  uri?: string;
  profile?: string;
  home_page?: string;
  location?: string;
  registered?: string;
  rank?: number;
  num_pending?: number;
  num_for_sale?: number;
  num_lists?: number;
  num_collection?: number;
  num_wantlist?: number;
  releases_contributed?: number;
  releases_rated?: number;
  rating_avg?: number;
  inventory_url?: string;
  collection_folders_url?: string;
  collection_fields_url?: string;
  wantlist_url?: string;
  avatar_url?: string;
  banner_url?: string;
  buyer_rating?: number;
  buyer_rating_stars?: number;
  buyer_num_ratings?: number;
  seller_rating?: number;
  seller_rating_stars?: number;
  seller_num_ratings?: number;
  /** Preferred currency, e.g. `"USD"` (may be `""`). Wire name `curr_abbr`. */
  currency_code?: Open<Currency>;
  /** Self only. */
  email?: string;
  /** Self only. */
  num_unread?: number;
  /** Self only. */
  activated?: boolean;
  /** Self only. */
  marketplace_suspended?: boolean;
  /** Self only. */
  is_staff?: boolean;
}
/** Schema of {@link User}. Wire name `curr_abbr` is read as `currency_code`. */
export const UserSchema = /* @__PURE__ */ object(
  (): Shape<User> => ({
    id: num,
    username: str,
    resource_url: str,
    name: optional(str),
    uri: optional(str),
    profile: optional(str),
    home_page: optional(str),
    location: optional(str),
    registered: optional(str),
    rank: optional(num),
    num_pending: optional(num),
    num_for_sale: optional(num),
    num_lists: optional(num),
    num_collection: optional(num),
    num_wantlist: optional(num),
    releases_contributed: optional(num),
    releases_rated: optional(num),
    rating_avg: optional(num),
    inventory_url: optional(str),
    collection_folders_url: optional(str),
    collection_fields_url: optional(str),
    wantlist_url: optional(str),
    avatar_url: optional(str),
    banner_url: optional(str),
    buyer_rating: optional(num),
    buyer_rating_stars: optional(num),
    buyer_num_ratings: optional(num),
    seller_rating: optional(num),
    seller_rating_stars: optional(num),
    seller_num_ratings: optional(num),
    currency_code: optional(openEnum(CURRENCIES)),
    email: optional(str),
    num_unread: optional(num),
    activated: optional(bool),
    marketplace_suspended: optional(bool),
    is_staff: optional(bool),
  }),
  ["curr_abbr"],
);

/**
 * The `submissions` object of `GET /users/{username}/submissions`: full artists, labels and releases the user
 * submitted. Each list may be missing or empty. Submitted artists may list `members` as plain names.
 */
export interface Submissions {
  artists?: Artist[];
  labels?: Label[];
  releases?: Release[];
}
/** Schema of {@link Submissions}. */
export const SubmissionsSchema = /* @__PURE__ */ object((): Shape<Submissions> => ({
  artists: optional(array(ArtistSchema)),
  labels: optional(array(LabelSchema)),
  releases: optional(array(ReleaseSchema)),
}));

/** One page of `GET /users/{username}/submissions`: `{pagination, submissions: {artists, labels, releases}}`. */
export interface SubmissionsPage {
  pagination: Pagination;
  submissions: Submissions;
}
/** Schema of {@link SubmissionsPage}. */
export const SubmissionsPageSchema = /* @__PURE__ */ object((): Shape<SubmissionsPage> => ({
  pagination: PaginationSchema,
  submissions: SubmissionsSchema,
}));

/** An item of `GET /users/{username}/contributions`: a full {@link Release} (contributions may omit tracklists). */
export type Contribution = Release;
/** Schema of {@link Contribution} (the release schema). */
export const ContributionSchema: ObjectSchema<Contribution> = ReleaseSchema;

/** A collection folder. Folder `0` is "All" (read-only), `1` is "Uncategorized". */
export interface CollectionFolder {
  id: number;
  name: string;
  /** Number of items in the folder. */
  count?: number;
  resource_url?: string;
}
/** Schema of {@link CollectionFolder}. */
export const CollectionFolderSchema = /* @__PURE__ */ object((): Shape<CollectionFolder> => ({
  id: num,
  name: str,
  count: optional(num),
  resource_url: optional(str),
}));

/** `GET /users/{username}/collection/folders`: `{folders: CollectionFolder[]}` (not paginated). */
export interface CollectionFolders {
  folders: CollectionFolder[];
}
/** Schema of {@link CollectionFolders}. */
export const CollectionFoldersSchema = /* @__PURE__ */ object((): Shape<CollectionFolders> => ({
  folders: array(CollectionFolderSchema),
}));

/** The value of one custom field on a collection item. */
export interface CollectionNote {
  field_id: number;
  value: string;
}
/** Schema of {@link CollectionNote}. */
export const CollectionNoteSchema = /* @__PURE__ */ object((): Shape<CollectionNote> => ({
  field_id: num,
  value: str,
}));

/**
 * An instance of a release in a user's collection (one item per instance, so a release can appear twice).
 * `notes` only when fields are set (non-owners see only public fields); `date_added` is missing in one docs example.
 */
export interface CollectionItem {
  /** The release id. */
  id: number;
  instance_id: number;
  folder_id?: number;
  /** 0-5; `0` when unrated. */
  rating?: number;
  date_added?: string;
  basic_information: BasicInformation;
  notes?: CollectionNote[];
}
/** Schema of {@link CollectionItem}. */
export const CollectionItemSchema = /* @__PURE__ */ object((): Shape<CollectionItem> => ({
  id: num,
  instance_id: num,
  folder_id: optional(num),
  rating: optional(num),
  date_added: optional(str),
  basic_information: BasicInformationSchema,
  notes: optional(array(CollectionNoteSchema)),
}));

/** `POST .../collection/folders/{folder_id}/releases/{release_id}` (201): the new instance. */
export interface CollectionInstanceCreated {
  instance_id: number;
  resource_url: string;
}
/** Schema of {@link CollectionInstanceCreated}. */
export const CollectionInstanceCreatedSchema = /* @__PURE__ */ object(
  (): Shape<CollectionInstanceCreated> => ({
    instance_id: num,
    resource_url: str,
  }),
);

/**
 * A custom collection field: `type: "dropdown"` with `options`, or `type: "textarea"` with `lines`.
 * Non-owners only see `public: true` fields.
 */
export interface CollectionField {
  id: number;
  name: string;
  /** `"dropdown"` or `"textarea"`. */
  type: Open<CollectionFieldType>;
  position?: number;
  public?: boolean;
  /** Dropdown fields: the allowed values. */
  options?: string[];
  /** Textarea fields: number of lines. */
  lines?: number;
}
/** Schema of {@link CollectionField}. */
export const CollectionFieldSchema = /* @__PURE__ */ object((): Shape<CollectionField> => ({
  id: num,
  name: str,
  type: openEnum(COLLECTION_FIELD_TYPES),
  position: optional(num),
  public: optional(bool),
  options: optional(array(str)),
  lines: optional(num),
}));

/** `GET /users/{username}/collection/fields`: `{fields: CollectionField[]}` (not paginated). */
export interface CollectionFields {
  fields: CollectionField[];
}
/** Schema of {@link CollectionFields}. */
export const CollectionFieldsSchema = /* @__PURE__ */ object((): Shape<CollectionFields> => ({
  fields: array(CollectionFieldSchema),
}));

/**
 * `GET /users/{username}/collection/value`: **formatted strings** in the user's currency (`"$250.00"`, `"£2.50"`),
 * not numbers.
 */
export interface CollectionValue {
  maximum: string;
  median: string;
  minimum: string;
}
/** Schema of {@link CollectionValue}. */
export const CollectionValueSchema = /* @__PURE__ */ object((): Shape<CollectionValue> => ({
  maximum: str,
  median: str,
  minimum: str,
}));

/**
 * A wantlist entry (`GET /users/{username}/wants` items; PUT/POST replies). `notes` is owner-only;
 * `date_added` is live-only.
 */
export interface Want {
  /** The release id. */
  id: number;
  resource_url?: string;
  /** 0-5; `0` when unrated. */
  rating?: number;
  notes?: string;
  date_added?: string;
  basic_information: BasicInformation;
}
/** Schema of {@link Want}. */
export const WantSchema = /* @__PURE__ */ object((): Shape<Want> => ({
  id: num,
  resource_url: optional(str),
  rating: optional(num),
  notes: optional(str),
  date_added: optional(str),
  basic_information: BasicInformationSchema,
}));

/** An item of `GET /users/{username}/lists`. Uses `id`/`date_added`/`date_changed`, unlike {@link List}. */
export interface ListSummary {
  id: number;
  name: string;
  description?: string;
  public?: boolean;
  date_added?: string;
  date_changed?: string;
  uri?: string;
  resource_url?: string;
}
/** Schema of {@link ListSummary}. */
export const ListSummarySchema = /* @__PURE__ */ object((): Shape<ListSummary> => ({
  id: num,
  name: str,
  description: optional(str),
  public: optional(bool),
  date_added: optional(str),
  date_changed: optional(str),
  uri: optional(str),
  resource_url: optional(str),
}));

/** An entry of a list: a release, master, artist or label with the curator's comment. `image_url` may be `""`. */
export interface ListItem {
  id: number;
  /** `"release"`, `"master"`, `"artist"` or `"label"`. */
  type: Open<SearchType>;
  display_title: string;
  comment?: string;
  uri?: string;
  image_url?: string;
  resource_url?: string;
}
/** Schema of {@link ListItem}. */
export const ListItemSchema = /* @__PURE__ */ object((): Shape<ListItem> => ({
  id: num,
  type: openEnum(SEARCH_TYPES),
  display_title: str,
  comment: optional(str),
  uri: optional(str),
  image_url: optional(str),
  resource_url: optional(str),
}));

/**
 * A list (`GET /lists/{id}`, not paginated). The documented shape has `list_id`, `created_at`/`modified_at`
 * (wire `created_ts`/`modified_ts`) and `url`; an older shape has `id`, `date_added`, `date_changed` and `uri`
 * instead, so all of them are optional.
 */
export interface List {
  name: string;
  list_id?: number;
  id?: number;
  description?: string;
  public?: boolean;
  /** Wire name `created_ts`. */
  created_at?: string;
  /** Wire name `modified_ts`. */
  modified_at?: string;
  date_added?: string;
  date_changed?: string;
  url?: string;
  uri?: string;
  resource_url?: string;
  items: ListItem[];
}
/** Schema of {@link List}. Wire names `created_ts`, `modified_ts` are read as `created_at`, `modified_at`. */
export const ListSchema = /* @__PURE__ */ object(
  (): Shape<List> => ({
    name: str,
    list_id: optional(num),
    id: optional(num),
    description: optional(str),
    public: optional(bool),
    created_at: optional(str),
    modified_at: optional(str),
    date_added: optional(str),
    date_changed: optional(str),
    url: optional(str),
    uri: optional(str),
    resource_url: optional(str),
    items: array(ListItemSchema),
  }),
  ["created_ts", "modified_ts"],
);
