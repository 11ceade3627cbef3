/**
 * Seeds the emulator's marketplace and inventory slice: listings, orders (with messages), one inventory export
 * and one inventory upload. Deterministic; runs after {@link seedDatabase} (listings describe seeded releases).
 *
 * Notable ids:
 * - listings of `example` (the default user): `1000000001..1000000012` (8 For Sale, 2 Draft, 1 Expired, 1 Sold);
 * - listings of `360vinyl`: `2000000001..2000000240` (235 For Sale, 5 Sold: non-owners see 235);
 * - listings of `rodneyfool`: `2100000001..2100000003` (For Sale);
 * - listing `172723812` (the example of Discogs' documentation, by `Booms528`, a seller with no seeded profile),
 *   For Sale, of release 352665;
 * - orders sold by `example`: `"1-1".."1-64"` (`"1-1"` is a `New Order`; every 9th is archived); orders sold by
 *   `360vinyl` to `example`: `"845236-1".."845236-3"`; each order has 3-5 messages, newest first;
 * - inventory export `599632` (finished, with CSV) and upload `119615`, both owned by `example`.
 *
 * Stored URLs start with `https://api.discogs.com` (see `API_ROOT`) and are rewritten by the route handlers.
 *
 * @module
 */

import { ORDER_STATUSES as SETTABLE_ORDER_STATUSES } from "../../models/values";
import type { EmulatorState, Wire } from "../state";
import { API_ROOT, artistsDisplay, det, formatString, WWW_ROOT } from "./database";

/** Currency ids and symbols as Discogs formats them (`original_price.curr_id`, `formatted`). */
export const CURRENCY_INFO: Record<string, { id: number; symbol: string; decimals: number }> = {
  USD: { id: 1, symbol: "$", decimals: 2 },
  GBP: { id: 2, symbol: "£", decimals: 2 },
  EUR: { id: 3, symbol: "€", decimals: 2 },
  CAD: { id: 4, symbol: "CA$", decimals: 2 },
  AUD: { id: 5, symbol: "A$", decimals: 2 },
  JPY: { id: 6, symbol: "¥", decimals: 0 },
  CHF: { id: 7, symbol: "CHF", decimals: 2 },
  MXN: { id: 8, symbol: "MX$", decimals: 2 },
  BRL: { id: 9, symbol: "R$", decimals: 2 },
  NZD: { id: 10, symbol: "NZ$", decimals: 2 },
  SEK: { id: 11, symbol: "SEK", decimals: 2 },
  ZAR: { id: 12, symbol: "ZAR", decimals: 2 },
};

/** `"$14.99"`, `"€75.94"`, `"¥1500"`. */
export function formatMoney(value: number, currency: string): string {
  const info = CURRENCY_INFO[currency] ?? CURRENCY_INFO.USD!;
  return `${info.symbol}${value.toFixed(info.decimals)}`;
}

/** `original_price`-style object: `{curr_abbr, curr_id, formatted, value}`. */
export function originalPrice(value: number, currency: string): Wire {
  return {
    curr_abbr: currency,
    curr_id: CURRENCY_INFO[currency]?.id ?? 1,
    formatted: formatMoney(value, currency),
    value,
  };
}

/** Seller details used in listings (`seller` blob), by username. Ids are patched from the seeded users when known. */
const SELLERS: Record<string, Wire> = {
  example: {
    id: 1,
    rating: "100.0",
    stars: 5.0,
    total: 112,
    min_order_total: 0.0,
    payment: "PayPal Commerce",
    shipping:
      "Ships from Portland, OR within 2 business days.\r\nMedia Mail in the US, tracked airmail worldwide.",
    ships_from: "United States",
  },
  "360vinyl": {
    id: 2,
    rating: "99.8",
    stars: 5.0,
    total: 15_571,
    min_order_total: 10.0,
    payment: "PayPal Commerce, Credit Card",
    shipping: "All records ship in sturdy mailers. Combined shipping on orders of 3+ items.",
    ships_from: "United States",
  },
  Booms528: {
    id: 1_369_620,
    rating: "100",
    stars: 5.0,
    total: 15,
    min_order_total: 0.0,
    payment: "PayPal",
    shipping: "Buyer responsible for shipping. Price depends on distance but is usually $5-10.",
    ships_from: "United States",
  },
  rodneyfool: {
    id: 3,
    rating: "98.9",
    stars: 4.5,
    total: 89,
    min_order_total: 5.0,
    payment: "PayPal Commerce",
    shipping: "Versand aus Berlin. EU 8 EUR, worldwide 18 EUR.",
    ships_from: "Germany",
  },
};

/** The `seller` blob of a listing by `username`. */
export function sellerBlob(state: EmulatorState, username: string): Wire {
  const known = state.user(username);
  const s = SELLERS[known?.username ?? username] ?? SELLERS[username.toLowerCase()];
  const name = known?.username ?? username;
  const id = known?.id ?? s?.id ?? 0;
  return {
    id,
    username: name,
    avatar_url:
      known?.profile?.avatar_url ?? `https://i.discogs.com/avatars/${encodeURIComponent(name)}.jpeg`,
    stats: { rating: s?.rating ?? "100.0", stars: s?.stars ?? 5.0, total: s?.total ?? 0 },
    min_order_total: s?.min_order_total ?? 0.0,
    html_url: `${WWW_ROOT}/user/${encodeURIComponent(name)}`,
    uid: id,
    url: `${API_ROOT}/users/${encodeURIComponent(name)}`,
    payment: s?.payment ?? "PayPal Commerce",
    shipping: s?.shipping ?? "",
    resource_url: `${API_ROOT}/users/${encodeURIComponent(name)}`,
  };
}

/** Where a seller ships from. */
export function shipsFrom(username: string): string {
  return SELLERS[username]?.ships_from ?? "United States";
}

/** The `release` blob of a listing, from a stored release. */
export function listingRelease(release: Wire): Wire {
  const fmt = formatString(release.formats ?? []);
  const artist = artistsDisplay(release.artists ?? []);
  return {
    thumbnail: release.thumb ?? "",
    description: `${artist} - ${release.title} (${fmt})`,
    images: (release.images ?? []).slice(0, 2).map((i: Wire) => ({ ...i })),
    artist,
    format: fmt,
    resource_url: release.resource_url,
    title: release.title,
    year: release.year,
    id: release.id,
    label: (release.labels ?? []).map((l: Wire) => l.name).join(", "),
    catalog_number: (release.labels ?? []).map((l: Wire) => l.catno).join(", "),
    stats: {
      community: { in_wantlist: release.community?.want ?? 0, in_collection: release.community?.have ?? 0 },
    },
  };
}

/** What a new or edited listing holds (already validated). */
export interface ListingInput {
  release: Wire;
  condition: string;
  sleeve_condition?: string;
  price: number;
  currency: string;
  status: string;
  comments?: string;
  allow_offers?: boolean;
  external_id?: string;
  location?: string;
  weight?: number | "auto";
  format_quantity?: number | "auto";
  posted: string;
  audio?: boolean;
  shipping?: number;
}

/** Builds a listing in wire format (owner-only fields included; handlers strip them for others). */
export function buildListing(state: EmulatorState, id: number, seller: string, input: ListingInput): Wire {
  const shipping = input.shipping;
  return {
    id,
    resource_url: `${API_ROOT}/marketplace/listings/${id}`,
    uri: `${WWW_ROOT}/sell/item/${id}`,
    status: input.status,
    condition: input.condition,
    sleeve_condition: input.sleeve_condition ?? "",
    comments: input.comments ?? "",
    ships_from: shipsFrom(seller),
    posted: input.posted,
    allow_offers: input.allow_offers ?? false,
    audio: input.audio ?? false,
    price: { value: input.price, currency: input.currency },
    original_price: originalPrice(input.price, input.currency),
    shipping_price: shipping === undefined ? {} : { value: shipping, currency: input.currency },
    original_shipping_price: shipping === undefined ? {} : originalPrice(shipping, input.currency),
    seller: sellerBlob(state, seller),
    release: listingRelease(input.release),
    weight: input.weight ?? "auto",
    format_quantity: input.format_quantity ?? "auto",
    external_id: input.external_id ?? "",
    location: input.location ?? "",
    quantity: 1,
  };
}

const CSV_HEADER =
  "listing_id,artist,title,label,catno,format,release_id,status,price,listed,comments,media_condition,sleeve_condition," +
  "accept_offer,external_id,weight,format_quantity,flat_shipping,location";

/** Quotes a CSV field when needed. */
function csvField(v: unknown): string {
  const s = v === undefined || v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV of `username`'s inventory, as an inventory export contains it. */
export function inventoryCsv(state: EmulatorState, username: string): string {
  const rows = [CSV_HEADER];
  const owner = username.toLowerCase();
  for (const l of state.listings.values()) {
    if (String(l.seller?.username).toLowerCase() !== owner || l.status === "Deleted") continue;
    const r = l.release ?? {};
    rows.push(
      [
        l.id,
        r.artist,
        r.title,
        r.label,
        r.catalog_number,
        r.format,
        r.id,
        l.status,
        Number(l.price?.value ?? 0).toFixed(2),
        String(l.posted ?? "")
          .slice(0, 19)
          .replace("T", " "),
        l.comments,
        l.condition,
        l.sleeve_condition,
        l.allow_offers ? "Y" : "N",
        l.external_id,
        l.weight === "auto" ? "" : l.weight,
        l.format_quantity === "auto" ? "" : l.format_quantity,
        l.shipping_price?.value ?? "",
        l.location,
      ]
        .map(csvField)
        .join(","),
    );
  }
  return rows.join("\n") + "\n";
}

/** A naive inventory timestamp (`2018-09-27T12:59:02`, no offset) for a Date. */
export function naiveStamp(d: Date): string {
  return d.toISOString().slice(0, 19);
}

// ---------------------------------------------------------------------------------------------------------------
// Orders

/** Order statuses a seller can set, in Discogs' order; the position + 1 is the message `status_id`. */
export const ORDER_STATUSES = [
  "New Order",
  "Buyer Contacted",
  "Invoice Sent",
  "Payment Pending",
  "Payment Received",
  "Shipped",
  "In Progress",
  "Refund Sent",
  "Cancelled (Non-Paying Buyer)",
  "Cancelled (Item Unavailable)",
  "Cancelled (Per Buyer's Request)",
] as const;

/** The statuses an order in `status` may move to (`next_status`). */
export function nextStatuses(status: string): string[] {
  if (status.startsWith("Cancelled")) return [status];
  if (status === "Shipped") return ["Shipped", "Refund Sent", "Cancelled (Per Buyer's Request)"];
  if (status === "Refund Sent") return ["Refund Sent", "Cancelled (Per Buyer's Request)"];
  return [...SETTABLE_ORDER_STATUSES];
}

/** A `{username, resource_url}` reference, with `id` when known. */
export function userBlob(state: EmulatorState, username: string, fallbackId?: number): Wire {
  const u = state.user(username);
  const out: Wire = {
    resource_url: `${API_ROOT}/users/${encodeURIComponent(u?.username ?? username)}`,
    username: u?.username ?? username,
  };
  const id = u?.id ?? fallbackId;
  if (id !== undefined) out.id = id;
  return out;
}

const BUYERS: [string, number][] = [
  ["rodneyfool", 3],
  ["privateuser", 4],
  ["360vinyl", 2],
  ["vinylhunter42", 555_001],
  ["crate_digger", 555_002],
  ["djnova", 555_003],
];

const ADDRESSES = [
  "Alex Example\n1200 SE Morrison St.\nPortland, Oregon, 97214\nUnited States\n\nPhone: 555-555-0100",
  "Mia Sample\nKastanienallee 12\n10435 Berlin\nGermany",
  "Sam Placeholder\n44 Northdown Road\nMargate, Kent, CT9 2RW\nUnited Kingdom",
  "Jo Testperson\n3-14-1 Shibuya\nTokyo 150-0002\nJapan",
];

function pacific(dayOffset: number, seconds: number): string {
  const d = new Date(Date.UTC(2023, 0, 1) + dayOffset * 86_400_000 + seconds * 1000);
  return d.toISOString().slice(0, 19) + "-07:00";
}

function orderRef(id: string): Wire {
  return { resource_url: `${API_ROOT}/marketplace/orders/${id}`, id };
}

/** Builds one seeded order and its messages (newest first). */
function buildOrder(
  state: EmulatorState,
  id: string,
  seller: [string, number],
  buyer: [string, number],
  n: number,
  releases: Wire[],
): { order: Wire; messages: Wire[] } {
  const statusCycle = [
    "New Order",
    "Payment Received",
    "Shipped",
    "Invoice Sent",
    "Buyer Contacted",
    "Payment Pending",
    "In Progress",
    "Shipped",
    "Cancelled (Non-Paying Buyer)",
    "Refund Sent",
    "Cancelled (Item Unavailable)",
    "Shipped",
    "Cancelled (Per Buyer's Request)",
  ];
  const status = n === 1 ? "New Order" : statusCycle[det(n * 7 + id.length, statusCycle.length)]!;
  const day = n * 6 + det(n, 5);
  const created = pacific(day, 32_000 + det(n * 3, 30_000));
  const itemCount = 1 + det(n * 11, 3);
  const items: Wire[] = [];
  let subtotal = 0;
  for (let k = 0; k < itemCount; k++) {
    const r = releases[det(n * 13 + k, releases.length)]!;
    const price = Math.round((6 + det(n * 17 + k, 6000) / 100) * 100) / 100;
    subtotal += price;
    items.push({
      release: {
        id: r.id,
        description: `${artistsDisplay(r.artists)} - ${r.title} (${formatString(r.formats)})`,
        resource_url: r.resource_url,
        thumbnail: r.thumb,
      },
      price: { currency: "USD", value: price },
      media_condition: ["Mint (M)", "Near Mint (NM or M-)", "Very Good Plus (VG+)", "Very Good (VG)"][
        det(n + k, 4)
      ],
      sleeve_condition: ["Mint (M)", "Near Mint (NM or M-)", "Very Good Plus (VG+)", "Generic"][
        det(n * 5 + k, 4)
      ],
      id: 900_000_000 + n * 10 + k + (id.startsWith("1-") ? 0 : 5_000_000),
    });
  }
  const shippingValue = status === "New Order" ? 0 : [4, 5, 6.5, 12][det(n * 19, 4)]!;
  const total = Math.round((subtotal + shippingValue) * 100) / 100;
  const lastDay = day + (status === "New Order" ? 0 : 1 + det(n * 23, 9));
  const lastActivity = pacific(lastDay, 40_000 + det(n * 29, 20_000));
  const firstTitle = String(items[0]!.release.description)
    .replace(/^.* - /, "")
    .replace(/ \(.*\)$/, "");
  const more = items.length > 1 ? ` + ${items.length - 1} more item${items.length > 2 ? "s" : ""}` : "";
  const order: Wire = {
    id,
    resource_url: `${API_ROOT}/marketplace/orders/${id}`,
    messages_url: `${API_ROOT}/marketplace/orders/${id}/messages`,
    uri: `${WWW_ROOT}/sell/order/${id}`,
    status,
    next_status: nextStatuses(status),
    fee: { currency: "USD", value: Math.round(subtotal * 0.08 * 100) / 100 },
    created,
    items,
    shipping: {
      currency: "USD",
      method: ["Standard", "Media Mail", "Express", "Tracked Airmail"][det(n * 31, 4)],
      value: shippingValue,
    },
    shipping_address: ADDRESSES[det(n * 37, ADDRESSES.length)],
    additional_instructions: [
      "",
      "please use sturdy packaging.",
      "No rush, thanks!",
      "Please ship in a box, not a mailer.",
    ][det(n * 41, 4)],
    archived: n % 9 === 0,
    seller: userBlob(state, seller[0], seller[1]),
    last_activity: lastActivity,
    buyer: userBlob(state, buyer[0], buyer[1]),
    total: { currency: "USD", value: total },
  };

  // Messages, oldest first, then reversed.
  const ref = orderRef(id);
  const subject = `New Message - Order #${id} - ${firstTitle}${more}`;
  const actor = (u: string) => ({ username: u, resource_url: `${API_ROOT}/users/${encodeURIComponent(u)}` });
  const from = (u: [string, number]) => ({
    id: state.user(u[0])?.id ?? u[1],
    username: u[0],
    avatar_url:
      state.user(u[0])?.profile?.avatar_url ??
      `https://i.discogs.com/avatars/${encodeURIComponent(u[0])}.jpeg`,
    resource_url: `${API_ROOT}/users/${encodeURIComponent(u[0])}`,
  });
  const messages: Wire[] = [
    {
      status_id: 1,
      timestamp: created,
      actor: actor(buyer[0]),
      message: `${buyer[0]} created the order.`,
      type: "status",
      order: ref,
      subject: "",
    },
    {
      from: from(buyer),
      timestamp: pacific(day, 33_000 + det(n * 3, 30_000)),
      message: [
        "Hi! Could you combine shipping with my other order?",
        "Looking forward to this one, thanks!",
        "Is the sleeve in good shape?",
      ][det(n, 3)],
      type: "message",
      order: ref,
      subject,
    },
  ];
  if (status !== "New Order") {
    if (shippingValue > 0 && status !== "Buyer Contacted") {
      messages.push({
        timestamp: pacific(day, 40_000),
        original: 0,
        new: shippingValue,
        message: `${seller[0]} set the shipping price to $${shippingValue.toFixed(2)}.`,
        type: "shipping",
        order: ref,
        subject: "",
      });
    }
    messages.push({
      from: from(seller),
      timestamp: pacific(lastDay, 39_000),
      message: "Thank you for your order!",
      type: "message",
      order: ref,
      subject,
    });
    messages.push({
      status_id: ORDER_STATUSES.indexOf(status as (typeof ORDER_STATUSES)[number]) + 1,
      timestamp: lastActivity,
      actor: actor(seller[0]),
      message: `${seller[0]} changed the order status to ${status}.`,
      type: "status",
      order: ref,
      subject: "",
    });
  }
  messages.sort((a, b) => String(b.timestamp).localeCompare(String(a.timestamp)));
  return { order, messages };
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Seeds listings, orders and their messages, export 599632 and upload 119615 into `state`. Needs the database
 * slice ({@link seedDatabase}) seeded first; listings of releases that are not seeded are skipped.
 */
export function seedMarketplace(state: EmulatorState): void {
  const releaseIds = [...state.releases.keys()].sort((a, b) => a - b);
  const popular = [352665, 249504, 1, 5000000, 400001, 410001];
  const conditions = [
    "Mint (M)",
    "Near Mint (NM or M-)",
    "Very Good Plus (VG+)",
    "Very Good (VG)",
    "Good Plus (G+)",
    "Good (G)",
  ];
  const sleeves = [...conditions, "Generic", "Not Graded", "No Cover"];

  const add = (
    id: number,
    seller: string,
    releaseId: number,
    k: number,
    status: string,
    extra: Partial<ListingInput> = {},
  ) => {
    const release = state.releases.get(releaseId);
    if (!release) return;
    const base = 8 + det(releaseId * 7 + k, 40);
    const price = Math.round((base * (1 - det(k, 4) * 0.12) + det(k * 3, 100) / 100) * 100) / 100;
    state.listings.set(
      id,
      buildListing(state, id, seller, {
        release,
        condition: conditions[det(k * 5, conditions.length)]!,
        sleeve_condition: sleeves[det(k * 7, sleeves.length)]!,
        price,
        currency: "USD",
        status,
        comments: [
          "",
          "Plays great, light marks on sleeve.",
          "Still sealed!",
          "Includes original inner sleeve and insert.",
          "Promo stamp on back cover.",
        ][det(k * 11, 5)],
        allow_offers: det(k * 13, 2) === 1,
        external_id: `SKU-${seller.slice(0, 3).toUpperCase()}-${String(k).padStart(4, "0")}`,
        location: `Shelf ${String.fromCharCode(65 + det(k, 8))}${1 + det(k * 3, 9)}`,
        weight: det(k, 3) === 0 ? "auto" : 80 + det(k * 17, 300),
        format_quantity: det(k * 19, 3) === 0 ? "auto" : Number(release.format_quantity) || 1,
        posted: pacific(400 + (k % 1000) * 2 + det(k, 3), 30_000 + det(k * 23, 40_000)),
        audio: det(k * 29, 5) === 0,
        shipping: det(k * 31, 3) === 0 ? 4 + det(k, 4) : undefined,
        ...extra,
      }),
    );
  };

  // example: 12 listings in various statuses.
  const exampleReleases = [
    352665, 249504, 1, 100001, 100002, 100013, 400001, 600005, 5000000, 100016, 410002, 600077,
  ];
  const exampleStatuses = [
    "For Sale",
    "For Sale",
    "For Sale",
    "For Sale",
    "For Sale",
    "For Sale",
    "For Sale",
    "For Sale",
    "Draft",
    "Draft",
    "Expired",
    "Sold",
  ];
  exampleReleases.forEach((rid, i) =>
    add(1_000_000_001 + i, "example", rid, 10_000 + i, exampleStatuses[i]!),
  );

  // 360vinyl: 240 listings (235 For Sale, 5 Sold).
  for (let i = 0; i < 240; i++) {
    const rid =
      i < popular.length * 2
        ? popular[i % popular.length]!
        : releaseIds[det(i * 37 + 11, releaseIds.length)]!;
    add(2_000_000_001 + i, "360vinyl", rid, 20_000 + i, i % 48 === 47 ? "Sold" : "For Sale");
  }

  // rodneyfool: 3 listings.
  [352665, 1, 100021].forEach((rid, i) => add(2_100_000_001 + i, "rodneyfool", rid, 30_000 + i, "For Sale"));

  // The listing of Discogs' documentation (GET /marketplace/listings/172723812), here of release 352665.
  add(172_723_812, "Booms528", 352665, 40_000, "For Sale", {
    condition: "Mint (M)",
    sleeve_condition: "Mint (M)",
    price: 120,
    comments: "Brand new... Still sealed!",
    allow_offers: false,
    posted: "2014-07-15T12:55:01-07:00",
    audio: false,
    shipping: 2.5,
    external_id: "",
    location: "",
    weight: "auto",
    format_quantity: "auto",
  });

  // Orders sold by example (1-1 .. 1-64) and by 360vinyl to example (845236-1 .. 845236-3).
  const orderReleases = [352665, 249504, 1, ...releaseIds.filter((_, i) => i % 5 === 0)]
    .map((id) => state.releases.get(id))
    .filter((r): r is Wire => !!r);
  for (let n = 1; n <= 64; n++) {
    const buyer = BUYERS[det(n * 43, BUYERS.length)]!;
    const { order, messages } = buildOrder(state, `1-${n}`, ["example", 1], buyer, n, orderReleases);
    state.orders.set(order.id, order);
    state.orderMessages.set(order.id, messages);
  }
  for (let n = 1; n <= 3; n++) {
    const { order, messages } = buildOrder(
      state,
      `845236-${n}`,
      ["360vinyl", 2],
      ["example", 1],
      100 + n,
      orderReleases,
    );
    state.orders.set(order.id, order);
    state.orderMessages.set(order.id, messages);
  }

  // Inventory export 599632 and upload 119615, owned by example.
  state.exports.set(599632, {
    id: 599632,
    status: "success",
    created_ts: "2024-09-27T12:50:39",
    finished_ts: "2024-09-27T12:59:02",
    filename: "example-inventory-20240927-1259.csv",
    url: `${API_ROOT}/inventory/export/599632`,
    download_url: `${API_ROOT}/inventory/export/599632/download`,
    csv: inventoryCsv(state, "example"),
    owner: "example",
  });
  state.uploads.set(119615, {
    id: 119615,
    status: "success",
    results: "CSV file contains 1 records.<p>Processed 1 records.",
    created_ts: "2024-12-18T09:20:28",
    finished_ts: "2024-12-18T09:20:29",
    filename: "add.csv",
    type: "add",
    owner: "example",
  });
}
