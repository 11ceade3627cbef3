/**
 * Models of the marketplace: listings, orders and their messages, fees, price suggestions, release marketplace
 * stats, and inventory exports and uploads.
 *
 * @module
 */

import * as z from "zod/mini";

import { model } from "./base";
import { ImageSchema, ItemStatsSchema, OriginalPriceSchema, PriceSchema, UserSummarySchema } from "./common";

/** `{}`: what Discogs sends for a price that does not apply (e.g. `shipping_price` without a shipping policy). */
const EmptyObjectSchema = z.strictObject({});

/**
 * The seller of a listing. Inventory pages of 2014 only have `id, username, resource_url`; newer responses add
 * `avatar_url`, `stats` (`rating` is a percentage **string** such as `"99.8"`), `payment`, `shipping`, and 2025
 * captures `uid`, `html_url`, `min_order_total`.
 */
export const ListingSellerSchema = model({
  id: z.number(),
  username: z.string(),
  resource_url: z.optional(z.string()),
  url: z.optional(z.string()),
  html_url: z.optional(z.string()),
  uid: z.optional(z.number()),
  avatar_url: z.optional(z.string()),
  stats: z.optional(
    model({
      /** Positive-feedback percentage as a string, e.g. `"99.8"`. */
      rating: z.optional(z.string()),
      stars: z.optional(z.number()),
      total: z.optional(z.number()),
    }),
  ),
  min_order_total: z.optional(z.number()),
  payment: z.optional(z.string()),
  shipping: z.optional(z.string()),
});
/** The seller of a listing. */
export type ListingSeller = z.output<typeof ListingSellerSchema>;

/**
 * The release a listing sells. `catalog_number` is sent under this readable name by Discogs itself.
 * `artist`, `title`, `format`, `label`, `images`, `stats` are missing from older responses.
 */
export const ListingReleaseSchema = model({
  id: z.number(),
  /** `"Artist - Title (Format)"`. */
  description: z.optional(z.string()),
  artist: z.optional(z.string()),
  title: z.optional(z.string()),
  format: z.optional(z.string()),
  label: z.optional(z.string()),
  year: z.optional(z.number()),
  catalog_number: z.optional(z.string()),
  resource_url: z.optional(z.string()),
  thumbnail: z.optional(z.string()),
  images: z.optional(z.array(ImageSchema)),
  stats: z.optional(ItemStatsSchema),
});
/** The release a listing sells. */
export type ListingRelease = z.output<typeof ListingReleaseSchema>;

/**
 * A marketplace listing (`GET /marketplace/listings/{id}` and inventory items).
 * Quirks: `shipping_price` and `original_shipping_price` may be `{}`; `original_price`, `offer_submitted` and
 * `in_cart` are missing from old responses; the owner-only fields `weight` and `format_quantity` are a number or
 * `"auto"`; `external_id`, `location` and `quantity` are owner-only too.
 */
export const ListingSchema = model({
  id: z.number(),
  resource_url: z.string(),
  uri: z.optional(z.string()),
  /** `"For Sale"`, `"Draft"`, `"Expired"`, `"Sold"`, ... */
  status: z.optional(z.string()),
  condition: z.optional(z.string()),
  sleeve_condition: z.optional(z.string()),
  comments: z.optional(z.string()),
  ships_from: z.optional(z.string()),
  posted: z.optional(z.string()),
  allow_offers: z.optional(z.boolean()),
  offer_submitted: z.optional(z.boolean()),
  audio: z.optional(z.boolean()),
  in_cart: z.optional(z.boolean()),
  price: z.optional(PriceSchema),
  original_price: z.optional(OriginalPriceSchema),
  /** `{}` when no shipping price applies. */
  shipping_price: z.optional(z.union([PriceSchema, EmptyObjectSchema])),
  /** `{}` when no shipping price applies. */
  original_shipping_price: z.optional(z.union([OriginalPriceSchema, EmptyObjectSchema])),
  seller: z.optional(ListingSellerSchema),
  release: z.optional(ListingReleaseSchema),
  /** Owner only: weight in grams, or `"auto"`. */
  weight: z.optional(z.union([z.number(), z.literal("auto")])),
  /** Owner only: number of items counted for shipping, or `"auto"`. */
  format_quantity: z.optional(z.union([z.number(), z.literal("auto")])),
  /** Owner only: private free-text reference. */
  external_id: z.optional(z.string()),
  /** Owner only: private storage location. */
  location: z.optional(z.string()),
  /** Owner only. */
  quantity: z.optional(z.number()),
});
/** A marketplace listing. */
export type Listing = z.output<typeof ListingSchema>;

/** `POST /marketplace/listings` (201): the new listing's id and URL. */
export const ListingCreatedSchema = model({
  listing_id: z.number(),
  resource_url: z.string(),
});
/** The new listing's id and URL. */
export type ListingCreated = z.output<typeof ListingCreatedSchema>;

/** One item of an order. `release.resource_url`/`thumbnail` and the conditions are missing in some responses. */
export const OrderItemSchema = model({
  id: z.number(),
  release: model({
    id: z.number(),
    description: z.optional(z.string()),
    resource_url: z.optional(z.string()),
    thumbnail: z.optional(z.string()),
  }),
  price: z.optional(PriceSchema),
  media_condition: z.optional(z.string()),
  sleeve_condition: z.optional(z.string()),
});
/** One item of an order. */
export type OrderItem = z.output<typeof OrderItemSchema>;

/**
 * A marketplace order (`GET /marketplace/orders/{id}`, order lists). The id is a **string** like `"1-1"`.
 * `shipping_address` is a multi-line string; `next_status` lists the statuses the seller may move to.
 */
export const OrderSchema = model({
  id: z.string(),
  resource_url: z.string(),
  messages_url: z.optional(z.string()),
  uri: z.optional(z.string()),
  status: z.optional(z.string()),
  next_status: z.optional(z.array(z.string())),
  fee: z.optional(PriceSchema),
  created: z.optional(z.string()),
  items: z.optional(z.array(OrderItemSchema)),
  shipping: z.optional(
    model({
      currency: z.optional(z.string()),
      method: z.optional(z.string()),
      value: z.optional(z.number()),
    }),
  ),
  shipping_address: z.optional(z.string()),
  additional_instructions: z.optional(z.string()),
  archived: z.optional(z.boolean()),
  seller: z.optional(UserSummarySchema),
  buyer: z.optional(UserSummarySchema),
  last_activity: z.optional(z.string()),
  total: z.optional(PriceSchema),
});
/** A marketplace order. */
export type Order = z.output<typeof OrderSchema>;

/** The order an order message belongs to: `{id, resource_url}` (id is a string). */
const OrderRefSchema = model({
  id: z.string(),
  resource_url: z.optional(z.string()),
});

/**
 * A message of an order (`GET|POST /marketplace/orders/{id}/messages`). `type` is `message`, `status`, `shipping`,
 * `refund_sent` or `refund_received` (absent on the POST reply); which of `from_user` (wire `from`), `actor`,
 * `status_id`, `refund`, `original`/`new` appear depends on it. `subject` is often `""`.
 */
export const OrderMessageSchema = model(
  {
    message: z.string(),
    timestamp: z.string(),
    order: OrderRefSchema,
    subject: z.optional(z.string()),
    type: z.optional(z.string()),
    /** Who wrote a `message`. Wire name `from`. */
    from_user: z.optional(UserSummarySchema),
    /** Who changed the status (`status` messages). */
    actor: z.optional(UserSummarySchema),
    status_id: z.optional(z.number()),
    refund: z.optional(
      model({
        amount: z.optional(z.number()),
        order: z.optional(OrderRefSchema),
      }),
    ),
    /** Previous shipping price (`shipping` messages). */
    original: z.optional(z.number()),
    /** New shipping price (`shipping` messages). */
    new: z.optional(z.number()),
  },
  ["from"],
);
/** A message of an order. */
export type OrderMessage = z.output<typeof OrderMessageSchema>;

/** `GET /marketplace/fee/{price}[/{currency}]`: the fee Discogs charges for a sale at that price. */
export const FeeSchema = model({
  value: z.number(),
  currency: z.string(),
});
/** A marketplace fee. */
export type Fee = z.output<typeof FeeSchema>;

/**
 * `GET /marketplace/price_suggestions/{release_id}`: a suggested price per media condition (keys such as
 * `"Mint (M)"`), in the user's selling currency. `{}` when there is no suggestion.
 */
export const PriceSuggestionsSchema = z.record(z.string(), PriceSchema);
/** Suggested prices per media condition. */
export type PriceSuggestions = z.output<typeof PriceSuggestionsSchema>;

/**
 * `GET /marketplace/stats/{release_id}`. `lowest_price` and `num_for_sale` are `null` when nothing is for sale or
 * the release is blocked; `blocked_from_sale` is missing from older responses.
 */
export const MarketplaceReleaseStatsSchema = model({
  lowest_price: z.optional(z.nullable(PriceSchema)),
  num_for_sale: z.optional(z.nullable(z.number())),
  blocked_from_sale: z.optional(z.boolean()),
});
/** Marketplace stats of a release. */
export type MarketplaceReleaseStats = z.output<typeof MarketplaceReleaseStatsSchema>;

/**
 * An inventory export (`GET /inventory/export[/{id}]`). Timestamps are naive (`"2018-09-27T12:59:02"`, no offset);
 * `created_at`/`finished_at` are wire `created_ts`/`finished_ts` (`finished_at` may be `null` while pending [unverified]).
 */
export const ExportSchema = model(
  {
    id: z.number(),
    /** `"success"` when done. */
    status: z.optional(z.string()),
    /** Wire name `created_ts`. */
    created_at: z.optional(z.string()),
    /** Wire name `finished_ts`. */
    finished_at: z.optional(z.nullable(z.string())),
    filename: z.optional(z.string()),
    url: z.optional(z.string()),
    download_url: z.optional(z.string()),
  },
  ["created_ts", "finished_ts"],
);
/** An inventory export. */
export type Export = z.output<typeof ExportSchema>;

/**
 * An inventory upload (`GET /inventory/upload[/{id}]`). `type` is `"add"`, `"change"` or `"delete"`; `results`
 * is an HTML-ish summary (`"CSV file contains 1 records.<p>Processed 1 records."`). Timestamps are naive;
 * `created_at`/`finished_at` are wire `created_ts`/`finished_ts`.
 */
export const UploadSchema = model(
  {
    id: z.number(),
    status: z.optional(z.string()),
    type: z.optional(z.string()),
    results: z.optional(z.string()),
    /** Wire name `created_ts`. */
    created_at: z.optional(z.string()),
    /** Wire name `finished_ts`. */
    finished_at: z.optional(z.nullable(z.string())),
    filename: z.optional(z.string()),
  },
  ["created_ts", "finished_ts"],
);
/** An inventory upload. */
export type Upload = z.output<typeof UploadSchema>;
