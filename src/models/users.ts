/**
 * Models of users: identity, profiles, submissions and contributions, collection, wantlist and lists.
 *
 * @module
 */

import * as z from "zod/mini";

import { model } from "./base";
import { BasicInformationSchema, PaginationSchema } from "./common";
import { ArtistSchema, LabelSchema, ReleaseSchema } from "./database";

/** `GET /oauth/identity`: who the credentials belong to. */
export const IdentitySchema = model({
  id: z.number(),
  username: z.string(),
  resource_url: z.string(),
  /** Name of the application the token was issued to. */
  consumer_name: z.optional(z.string()),
});
/** Who the credentials belong to. */
export type Identity = z.output<typeof IdentitySchema>;

/**
 * A user profile (`GET|POST /users/{username}`). `num_collection`/`num_wantlist` only when public or self;
 * `email`, `num_unread`, `activated`, `marketplace_suspended` and `is_staff` only for yourself. Text fields are often
 * `""`; `rating_avg` (and possibly `rank`) are floats. `currency_code` is wire `curr_abbr` (may be `""`).
 */
export const UserSchema = model(
  {
    id: z.number(),
    username: z.string(),
    resource_url: z.string(),
    name: z.optional(z.string()),
    uri: z.optional(z.string()),
    profile: z.optional(z.string()),
    home_page: z.optional(z.string()),
    location: z.optional(z.string()),
    registered: z.optional(z.string()),
    rank: z.optional(z.number()),
    num_pending: z.optional(z.number()),
    num_for_sale: z.optional(z.number()),
    num_lists: z.optional(z.number()),
    num_collection: z.optional(z.number()),
    num_wantlist: z.optional(z.number()),
    releases_contributed: z.optional(z.number()),
    releases_rated: z.optional(z.number()),
    rating_avg: z.optional(z.number()),
    inventory_url: z.optional(z.string()),
    collection_folders_url: z.optional(z.string()),
    collection_fields_url: z.optional(z.string()),
    wantlist_url: z.optional(z.string()),
    avatar_url: z.optional(z.string()),
    banner_url: z.optional(z.string()),
    buyer_rating: z.optional(z.number()),
    buyer_rating_stars: z.optional(z.number()),
    buyer_num_ratings: z.optional(z.number()),
    seller_rating: z.optional(z.number()),
    seller_rating_stars: z.optional(z.number()),
    seller_num_ratings: z.optional(z.number()),
    /** Preferred currency, e.g. `"USD"`. Wire name `curr_abbr`. */
    currency_code: z.optional(z.string()),
    /** Self only. */
    email: z.optional(z.string()),
    /** Self only. */
    num_unread: z.optional(z.number()),
    /** Self only. */
    activated: z.optional(z.boolean()),
    /** Self only. */
    marketplace_suspended: z.optional(z.boolean()),
    /** Self only. */
    is_staff: z.optional(z.boolean()),
  },
  ["curr_abbr"],
);
/** A user profile. */
export type User = z.output<typeof UserSchema>;

/**
 * The `submissions` object of `GET /users/{username}/submissions`: full artists, labels and releases the user
 * submitted. Each list may be missing or empty. Submitted artists may list `members` as plain names.
 */
export const SubmissionsSchema = model({
  artists: z.optional(z.array(ArtistSchema)),
  labels: z.optional(z.array(LabelSchema)),
  releases: z.optional(z.array(ReleaseSchema)),
});
/** The artists, labels and releases a user submitted. */
export type Submissions = z.output<typeof SubmissionsSchema>;

/** One page of `GET /users/{username}/submissions`: `{pagination, submissions: {artists, labels, releases}}`. */
export const SubmissionsPageSchema = model({
  pagination: PaginationSchema,
  submissions: SubmissionsSchema,
});
/** One page of a user's submissions. */
export type SubmissionsPage = z.output<typeof SubmissionsPageSchema>;

/** An item of `GET /users/{username}/contributions`: a full {@link Release} (contributions may omit tracklists). */
export const ContributionSchema = ReleaseSchema;
/** A release the user contributed to. */
export type Contribution = z.output<typeof ContributionSchema>;

/** A collection folder. Folder `0` is "All" (read-only), `1` is "Uncategorized". */
export const CollectionFolderSchema = model({
  id: z.number(),
  name: z.string(),
  /** Number of items in the folder. */
  count: z.optional(z.number()),
  resource_url: z.optional(z.string()),
});
/** A collection folder. */
export type CollectionFolder = z.output<typeof CollectionFolderSchema>;

/** `GET /users/{username}/collection/folders`: `{folders: CollectionFolder[]}` (not paginated). */
export const CollectionFoldersSchema = model({
  folders: z.array(CollectionFolderSchema),
});
/** A user's collection folders. */
export type CollectionFolders = z.output<typeof CollectionFoldersSchema>;

/** The value of one custom field on a collection item. */
export const CollectionNoteSchema = model({
  field_id: z.number(),
  value: z.string(),
});
/** The value of one custom field on a collection item. */
export type CollectionNote = z.output<typeof CollectionNoteSchema>;

/**
 * An instance of a release in a user's collection (one item per instance, so a release can appear twice).
 * `notes` only when fields are set (non-owners see only public fields); `date_added` is missing in one docs example.
 */
export const CollectionItemSchema = model({
  /** The release id. */
  id: z.number(),
  instance_id: z.number(),
  folder_id: z.optional(z.number()),
  /** 0-5; `0` when unrated. */
  rating: z.optional(z.number()),
  date_added: z.optional(z.string()),
  basic_information: BasicInformationSchema,
  notes: z.optional(z.array(CollectionNoteSchema)),
});
/** An instance of a release in a user's collection. */
export type CollectionItem = z.output<typeof CollectionItemSchema>;

/** `POST .../collection/folders/{folder_id}/releases/{release_id}` (201): the new instance. */
export const CollectionInstanceCreatedSchema = model({
  instance_id: z.number(),
  resource_url: z.string(),
});
/** The new collection instance. */
export type CollectionInstanceCreated = z.output<typeof CollectionInstanceCreatedSchema>;

/**
 * A custom collection field: `type: "dropdown"` with `options`, or `type: "textarea"` with `lines`.
 * Non-owners only see `public: true` fields.
 */
export const CollectionFieldSchema = model({
  id: z.number(),
  name: z.string(),
  /** `"dropdown"` or `"textarea"`. */
  type: z.string(),
  position: z.optional(z.number()),
  public: z.optional(z.boolean()),
  /** Dropdown fields: the allowed values. */
  options: z.optional(z.array(z.string())),
  /** Textarea fields: number of lines. */
  lines: z.optional(z.number()),
});
/** A custom collection field. */
export type CollectionField = z.output<typeof CollectionFieldSchema>;

/** `GET /users/{username}/collection/fields`: `{fields: CollectionField[]}` (not paginated). */
export const CollectionFieldsSchema = model({
  fields: z.array(CollectionFieldSchema),
});
/** A user's custom collection fields. */
export type CollectionFields = z.output<typeof CollectionFieldsSchema>;

/**
 * `GET /users/{username}/collection/value`: **formatted strings** in the user's currency (`"$250.00"`, `"£2.50"`),
 * not numbers.
 */
export const CollectionValueSchema = model({
  maximum: z.string(),
  median: z.string(),
  minimum: z.string(),
});
/** The estimated value of a collection, as formatted strings. */
export type CollectionValue = z.output<typeof CollectionValueSchema>;

/**
 * A wantlist entry (`GET /users/{username}/wants` items; PUT/POST replies). `notes` is owner-only;
 * `date_added` is live-only.
 */
export const WantSchema = model({
  /** The release id. */
  id: z.number(),
  resource_url: z.optional(z.string()),
  /** 0-5; `0` when unrated. */
  rating: z.optional(z.number()),
  notes: z.optional(z.string()),
  date_added: z.optional(z.string()),
  basic_information: BasicInformationSchema,
});
/** A wantlist entry. */
export type Want = z.output<typeof WantSchema>;

/** An item of `GET /users/{username}/lists`. Uses `id`/`date_added`/`date_changed`, unlike {@link List}. */
export const ListSummarySchema = model({
  id: z.number(),
  name: z.string(),
  description: z.optional(z.string()),
  public: z.optional(z.boolean()),
  date_added: z.optional(z.string()),
  date_changed: z.optional(z.string()),
  uri: z.optional(z.string()),
  resource_url: z.optional(z.string()),
});
/** An item of a user's lists. */
export type ListSummary = z.output<typeof ListSummarySchema>;

/** An entry of a list: a release, master, artist or label with the curator's comment. `image_url` may be `""`. */
export const ListItemSchema = model({
  id: z.number(),
  /** `"release"`, `"master"`, `"artist"` or `"label"`. */
  type: z.string(),
  display_title: z.string(),
  comment: z.optional(z.string()),
  uri: z.optional(z.string()),
  image_url: z.optional(z.string()),
  resource_url: z.optional(z.string()),
});
/** An entry of a list. */
export type ListItem = z.output<typeof ListItemSchema>;

/**
 * A list (`GET /lists/{id}`, not paginated). The documented shape has `list_id`, `created_at`/`modified_at`
 * (wire `created_ts`/`modified_ts`) and `url`; an older shape has `id`, `date_added`, `date_changed` and `uri`
 * instead, so all of them are optional.
 */
export const ListSchema = model(
  {
    name: z.string(),
    list_id: z.optional(z.number()),
    id: z.optional(z.number()),
    description: z.optional(z.string()),
    public: z.optional(z.boolean()),
    /** Wire name `created_ts`. */
    created_at: z.optional(z.string()),
    /** Wire name `modified_ts`. */
    modified_at: z.optional(z.string()),
    date_added: z.optional(z.string()),
    date_changed: z.optional(z.string()),
    url: z.optional(z.string()),
    uri: z.optional(z.string()),
    resource_url: z.optional(z.string()),
    items: z.array(ListItemSchema),
  },
  ["created_ts", "modified_ts"],
);
/** A list with its items. */
export type List = z.output<typeof ListSchema>;
