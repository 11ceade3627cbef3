/**
 * Models of the marketplace: listings, orders and their messages, fees, price suggestions, release marketplace
 * stats, and inventory exports and uploads.
 *
 * @module
 */

import {
  ImageSchema,
  ItemStatsSchema,
  OriginalPriceSchema,
  PriceSchema,
  UserSummarySchema,
  type Image,
  type ItemStats,
  type OriginalPrice,
  type Price,
  type UserSummary,
} from "./common";
import {
  array,
  bool,
  emptyObject,
  literal,
  nullable,
  num,
  object,
  openEnum,
  optional,
  record,
  str,
  union,
  type EmptyObject,
  type Open,
  type Schema,
  type Shape,
} from "./schema";
import {
  CONDITIONS,
  CURRENCIES,
  LISTING_STATES,
  ORDER_MESSAGE_TYPES,
  ORDER_STATUSES,
  SLEEVE_CONDITIONS,
  UPLOAD_TYPES,
  type Condition,
  type Currency,
  type ListingState,
  type OrderMessageType,
  type OrderStatus,
  type SleeveCondition,
  type UploadType,
} from "./values";

/** A seller's feedback summary. */
export interface SellerStats {
  /** Positive-feedback percentage as a string, e.g. `"99.8"`. */
  rating?: string;
  stars?: number;
  total?: number;
}

/**
 * The seller of a listing. Inventory pages of 2014 only have `id, username, resource_url`; newer responses add
 * `avatar_url`, `stats`, `payment`, `shipping`, and 2025 captures `uid`, `html_url`, `min_order_total`.
 */
export interface ListingSeller {
  id: number;
  username: string;
  resource_url?: string;
  url?: string;
  html_url?: string;
  uid?: number;
  avatar_url?: string;
  stats?: SellerStats;
  min_order_total?: number;
  payment?: string;
  shipping?: string;
}
/** Schema of {@link ListingSeller}. */
export const ListingSellerSchema = /* @__PURE__ */ object((): Shape<ListingSeller> => ({
  id: num,
  username: str,
  resource_url: optional(str),
  url: optional(str),
  html_url: optional(str),
  uid: optional(num),
  avatar_url: optional(str),
  stats: optional(
    object((): Shape<SellerStats> => ({
      rating: optional(str),
      stars: optional(num),
      total: optional(num),
    })),
  ),
  min_order_total: optional(num),
  payment: optional(str),
  shipping: optional(str),
}));

/**
 * The release a listing sells. `catalog_number` is sent under this readable name by Discogs itself.
 * `artist`, `title`, `format`, `label`, `images`, `stats` are missing from older responses.
 */
export interface ListingRelease {
  id: number;
  /** `"Artist - Title (Format)"`. */
  description?: string;
  artist?: string;
  title?: string;
  format?: string;
  label?: string;
  year?: number;
  catalog_number?: string;
  resource_url?: string;
  thumbnail?: string;
  images?: Image[];
  stats?: ItemStats;
}
/** Schema of {@link ListingRelease}. */
export const ListingReleaseSchema = /* @__PURE__ */ object((): Shape<ListingRelease> => ({
  id: num,
  description: optional(str),
  artist: optional(str),
  title: optional(str),
  format: optional(str),
  label: optional(str),
  year: optional(num),
  catalog_number: optional(str),
  resource_url: optional(str),
  thumbnail: optional(str),
  images: optional(array(ImageSchema)),
  stats: optional(ItemStatsSchema),
}));

/**
 * A marketplace listing (`GET /marketplace/listings/{id}` and inventory items).
 * Quirks: `shipping_price` and `original_shipping_price` may be `{}`; `original_price`, `offer_submitted` and
 * `in_cart` are missing from old responses; the owner-only fields `weight` and `format_quantity` are a number or
 * `"auto"`; `external_id`, `location` and `quantity` are owner-only too.
 */
export interface Listing {
  id: number;
  resource_url: string;
  uri?: string;
  /** `"For Sale"`, `"Draft"`, `"Expired"`, `"Sold"`, ... */
  status?: Open<ListingState>;
  condition?: Open<Condition>;
  sleeve_condition?: Open<SleeveCondition>;
  comments?: string;
  ships_from?: string;
  posted?: string;
  allow_offers?: boolean;
  offer_submitted?: boolean;
  audio?: boolean;
  in_cart?: boolean;
  price?: Price;
  original_price?: OriginalPrice;
  /** `{}` when no shipping price applies. */
  shipping_price?: Price | EmptyObject;
  /** `{}` when no shipping price applies. */
  original_shipping_price?: OriginalPrice | EmptyObject;
  seller?: ListingSeller;
  release?: ListingRelease;
  /** Owner only: weight in grams, or `"auto"`. */
  weight?: number | "auto";
  /** Owner only: number of items counted for shipping, or `"auto"`. */
  format_quantity?: number | "auto";
  /** Owner only: private free-text reference. */
  external_id?: string;
  /** Owner only: private storage location. */
  location?: string;
  /** Owner only. */
  quantity?: number;
}
/** Schema of {@link Listing}. */
export const ListingSchema = /* @__PURE__ */ object((): Shape<Listing> => ({
  id: num,
  resource_url: str,
  uri: optional(str),
  status: optional(openEnum(LISTING_STATES)),
  condition: optional(openEnum(CONDITIONS)),
  sleeve_condition: optional(openEnum(SLEEVE_CONDITIONS)),
  comments: optional(str),
  ships_from: optional(str),
  posted: optional(str),
  allow_offers: optional(bool),
  offer_submitted: optional(bool),
  audio: optional(bool),
  in_cart: optional(bool),
  price: optional(PriceSchema),
  original_price: optional(OriginalPriceSchema),
  shipping_price: optional(union([PriceSchema, emptyObject])),
  original_shipping_price: optional(union([OriginalPriceSchema, emptyObject])),
  seller: optional(ListingSellerSchema),
  release: optional(ListingReleaseSchema),
  weight: optional(union([num, literal("auto")])),
  format_quantity: optional(union([num, literal("auto")])),
  external_id: optional(str),
  location: optional(str),
  quantity: optional(num),
}));

/** `POST /marketplace/listings` (201): the new listing's id and URL. */
export interface ListingCreated {
  listing_id: number;
  resource_url: string;
}
/** Schema of {@link ListingCreated}. */
export const ListingCreatedSchema = /* @__PURE__ */ object((): Shape<ListingCreated> => ({
  listing_id: num,
  resource_url: str,
}));

/** The release of an order item. */
export interface OrderItemRelease {
  id: number;
  description?: string;
  resource_url?: string;
  thumbnail?: string;
}

/** One item of an order. `release.resource_url`/`thumbnail` and the conditions are missing in some responses. */
export interface OrderItem {
  id: number;
  release: OrderItemRelease;
  price?: Price;
  media_condition?: Open<Condition>;
  sleeve_condition?: Open<SleeveCondition>;
}
/** Schema of {@link OrderItem}. */
export const OrderItemSchema = /* @__PURE__ */ object((): Shape<OrderItem> => ({
  id: num,
  release: object((): Shape<OrderItemRelease> => ({
    id: num,
    description: optional(str),
    resource_url: optional(str),
    thumbnail: optional(str),
  })),
  price: optional(PriceSchema),
  media_condition: optional(openEnum(CONDITIONS)),
  sleeve_condition: optional(openEnum(SLEEVE_CONDITIONS)),
}));

/** The shipping of an order. */
export interface OrderShipping {
  currency?: Open<Currency>;
  method?: string;
  value?: number;
}

/**
 * A marketplace order (`GET /marketplace/orders/{id}`, order lists). The id is a **string** like `"1-1"`.
 * `shipping_address` is a multi-line string; `next_status` lists the statuses the seller may move to.
 */
export interface Order {
  id: string;
  resource_url: string;
  messages_url?: string;
  uri?: string;
  status?: Open<OrderStatus>;
  next_status?: Open<OrderStatus>[];
  fee?: Price;
  created?: string;
  items?: OrderItem[];
  shipping?: OrderShipping;
  shipping_address?: string;
  additional_instructions?: string;
  archived?: boolean;
  seller?: UserSummary;
  buyer?: UserSummary;
  last_activity?: string;
  total?: Price;
}
/** Schema of {@link Order}. */
export const OrderSchema = /* @__PURE__ */ object((): Shape<Order> => ({
  id: str,
  resource_url: str,
  messages_url: optional(str),
  uri: optional(str),
  status: optional(openEnum(ORDER_STATUSES)),
  next_status: optional(array(openEnum(ORDER_STATUSES))),
  fee: optional(PriceSchema),
  created: optional(str),
  items: optional(array(OrderItemSchema)),
  shipping: optional(
    object((): Shape<OrderShipping> => ({
      currency: optional(openEnum(CURRENCIES)),
      method: optional(str),
      value: optional(num),
    })),
  ),
  shipping_address: optional(str),
  additional_instructions: optional(str),
  archived: optional(bool),
  seller: optional(UserSummarySchema),
  buyer: optional(UserSummarySchema),
  last_activity: optional(str),
  total: optional(PriceSchema),
}));

/** The order an order message belongs to: `{id, resource_url}` (id is a string). */
export interface OrderRef {
  id: string;
  resource_url?: string;
}
const OrderRefSchema = /* @__PURE__ */ object((): Shape<OrderRef> => ({
  id: str,
  resource_url: optional(str),
}));

/** The refund of a `refund_sent`/`refund_received` order message. */
export interface OrderRefund {
  amount?: number;
  order?: OrderRef;
}

/**
 * A message of an order (`GET|POST /marketplace/orders/{id}/messages`). `type` is `message`, `status`, `shipping`,
 * `refund_sent` or `refund_received` (absent on the POST reply); which of `from_user` (wire `from`), `actor`,
 * `status_id`, `refund`, `original`/`new` appear depends on it. `subject` is often `""`.
 */
export interface OrderMessage {
  message: string;
  timestamp: string;
  order: OrderRef;
  subject?: string;
  type?: Open<OrderMessageType>;
  /** Who wrote a `message`. Wire name `from`. */
  from_user?: UserSummary;
  /** Who changed the status (`status` messages). */
  actor?: UserSummary;
  status_id?: number;
  refund?: OrderRefund;
  /** Previous shipping price (`shipping` messages). */
  original?: number;
  /** New shipping price (`shipping` messages). */
  new?: number;
}
/** Schema of {@link OrderMessage}. Wire name `from` is read as `from_user`. */
export const OrderMessageSchema = /* @__PURE__ */ object(
  (): Shape<OrderMessage> => ({
    message: str,
    timestamp: str,
    order: OrderRefSchema,
    subject: optional(str),
    type: optional(openEnum(ORDER_MESSAGE_TYPES)),
    from_user: optional(UserSummarySchema),
    actor: optional(UserSummarySchema),
    status_id: optional(num),
    refund: optional(
      object((): Shape<OrderRefund> => ({
        amount: optional(num),
        order: optional(OrderRefSchema),
      })),
    ),
    original: optional(num),
    new: optional(num),
  }),
  ["from"],
);

/** `GET /marketplace/fee/{price}[/{currency}]`: the fee Discogs charges for a sale at that price. */
export interface Fee {
  value: number;
  currency: Open<Currency>;
}
/** Schema of {@link Fee}. */
export const FeeSchema = /* @__PURE__ */ object((): Shape<Fee> => ({
  value: num,
  currency: openEnum(CURRENCIES),
}));

/**
 * `GET /marketplace/price_suggestions/{release_id}`: a suggested price per media condition (keys such as
 * `"Mint (M)"`), in the user's selling currency. `{}` when there is no suggestion.
 */
export type PriceSuggestions = Record<string, Price>;
/** Schema of {@link PriceSuggestions}. */
export const PriceSuggestionsSchema: Schema<PriceSuggestions> = /* @__PURE__ */ record(PriceSchema);

/**
 * `GET /marketplace/stats/{release_id}`. `lowest_price` and `num_for_sale` are `null` when nothing is for sale or
 * the release is blocked; `blocked_from_sale` is missing from older responses.
 */
export interface MarketplaceReleaseStats {
  lowest_price?: Price | null;
  num_for_sale?: number | null;
  blocked_from_sale?: boolean;
}
/** Schema of {@link MarketplaceReleaseStats}. */
export const MarketplaceReleaseStatsSchema = /* @__PURE__ */ object((): Shape<MarketplaceReleaseStats> => ({
  lowest_price: optional(nullable(PriceSchema)),
  num_for_sale: optional(nullable(num)),
  blocked_from_sale: optional(bool),
}));

/**
 * An inventory export (`GET /inventory/export[/{id}]`). Timestamps are naive (`"2018-09-27T12:59:02"`, no offset);
 * `finished_at` may be `null` while pending [unverified].
 */
export interface Export {
  id: number;
  /** `"success"` when done. */
  status?: string;
  /** Wire name `created_ts`. */
  created_at?: string;
  /** Wire name `finished_ts`. */
  finished_at?: string | null;
  filename?: string;
  url?: string;
  download_url?: string;
}
/** Schema of {@link Export}. Wire names `created_ts`, `finished_ts` are read as `created_at`, `finished_at`. */
export const ExportSchema = /* @__PURE__ */ object(
  (): Shape<Export> => ({
    id: num,
    status: optional(str),
    created_at: optional(str),
    finished_at: optional(nullable(str)),
    filename: optional(str),
    url: optional(str),
    download_url: optional(str),
  }),
  ["created_ts", "finished_ts"],
);

/**
 * An inventory upload (`GET /inventory/upload[/{id}]`). `results` is an HTML-ish summary
 * (`"CSV file contains 1 records.<p>Processed 1 records."`). Timestamps are naive.
 */
export interface Upload {
  id: number;
  /** `"success"` when done. */
  status?: string;
  /** `"add"`, `"change"` or `"delete"`. */
  type?: Open<UploadType>;
  results?: string;
  /** Wire name `created_ts`. */
  created_at?: string;
  /** Wire name `finished_ts`. */
  finished_at?: string | null;
  filename?: string;
}
/** Schema of {@link Upload}. Wire names `created_ts`, `finished_ts` are read as `created_at`, `finished_at`. */
export const UploadSchema = /* @__PURE__ */ object(
  (): Shape<Upload> => ({
    id: num,
    status: optional(str),
    type: optional(openEnum(UPLOAD_TYPES)),
    results: optional(str),
    created_at: optional(str),
    finished_at: optional(nullable(str)),
    filename: optional(str),
  }),
  ["created_ts", "finished_ts"],
);
