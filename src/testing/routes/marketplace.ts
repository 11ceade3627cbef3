/**
 * Marketplace endpoints of the emulator: inventories, listings (get, create, edit, delete), orders and their
 * messages, fees, price suggestions and release marketplace stats. Writes change the emulator state.
 *
 * @module
 */

import { error, MESSAGES, noContent, requireUser, type Ctx, type Reply, type Router } from "../framework";
import { API_ROOT, det } from "../seed/database";
import {
  buildListing,
  nextStatuses,
  ORDER_STATUSES,
  sellerBlob,
  userBlob,
  type ListingInput,
} from "../seed/marketplace";
import { LISTING_STATES } from "../../models/values";
import type { EmulatorState, Wire } from "../state";
import {
  CURRENCIES,
  intField,
  invalid,
  marketFor,
  MEDIA_CONDITIONS,
  nowPacific,
  numericId,
  round2,
  send,
  sendPage,
  SLEEVE_CONDITIONS,
  sortBy,
  sortedPages,
  pageUserCounts,
  userCounts,
} from "./database";

const lc = (s: unknown) => String(s ?? "").toLowerCase();

/** Inventory `status` filter values. */
const INVENTORY_STATUSES = ["All", ...LISTING_STATES];
/** Order `status` filter values. */
const ORDER_FILTERS = [
  ...ORDER_STATUSES,
  "All",
  "Merged",
  "Order Changed",
  "Cancelled",
  "Cancelled (Refund Received)",
];
/** Owner-only listing fields. */
const PRIVATE_LISTING_FIELDS = ["weight", "format_quantity", "external_id", "location", "quantity"];

/** Whether the request acts as `username`. */
function actsAs(ctx: Ctx, username: unknown): boolean {
  return !!ctx.auth.user && lc(ctx.auth.user.username) === lc(username);
}

/** The currency the authenticated user sells/buys in (profile `curr_abbr`), else USD. */
function userCurrency(ctx: Ctx): string {
  const c = ctx.auth.user?.profile?.curr_abbr;
  return typeof c === "string" && (CURRENCIES as readonly string[]).includes(c) ? c : "USD";
}

/** `curr_abbr` from the query when it is a known currency (case-insensitive), else undefined. */
function queryCurrency(ctx: Ctx): string | undefined {
  const c = ctx.query.get("curr_abbr")?.toUpperCase();
  return c && (CURRENCIES as readonly string[]).includes(c) ? c : undefined;
}

/**
 * A listing as `ctx`'s caller sees it (owner-only fields stripped for others, user stats, currency relabel).
 *
 * @param userStats - the caller's counts for the listing's release (default: read from the caller's collection)
 */
function listingView(
  ctx: Ctx,
  l: Wire,
  userStats = ctx.auth.user && userCounts(ctx.state, ctx.auth.user.username, [l.release?.id]),
): Wire {
  const out: Wire = { ...l, seller: sellerBlob(ctx.state, l.seller?.username ?? "") };
  if (!actsAs(ctx, l.seller?.username)) for (const k of PRIVATE_LISTING_FIELDS) delete out[k];
  if (userStats) {
    out.offer_submitted = false;
    out.in_cart = false;
    out.release = { ...l.release, stats: { ...l.release?.stats, user: userStats } };
  }
  const curr = queryCurrency(ctx);
  if (curr) {
    out.price = { ...l.price, currency: curr };
    if (l.shipping_price?.currency) out.shipping_price = { ...l.shipping_price, currency: curr };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Inventory

function inventory(ctx: Ctx): Reply {
  const username = ctx.params.username ?? "";
  const known = ctx.state.user(username);
  const seller = lc(username);
  const all: Wire[] = [];
  for (const l of ctx.state.listings.values()) if (lc(l.seller?.username) === seller) all.push(l);
  if (!known && all.length === 0) return error(404, MESSAGES.requestNotFound);
  const owner = actsAs(ctx, username);
  const rawStatus = ctx.query.get("status");
  let status: string | undefined;
  if (rawStatus !== null && rawStatus !== "") {
    status = INVENTORY_STATUSES.find((s) => lc(s) === lc(rawStatus));
    if (!status) return error(422, `Invalid status: expected one of ${INVENTORY_STATUSES.join(", ")}.`);
  }
  let items = owner ? all : all.filter((l) => l.status === "For Sale");
  if (status && status !== "All") items = items.filter((l) => l.status === status);
  const q = lc(ctx.query.get("q") ?? "").trim();
  if (q) {
    items = items.filter((l) =>
      [
        l.release?.description,
        l.release?.artist,
        l.release?.title,
        l.release?.catalog_number,
        l.release?.label,
        l.comments,
      ].some((f) => lc(f).includes(q)),
    );
  }
  const keys: Record<string, (l: Wire) => unknown> = {
    listed: (l) => l.posted,
    price: (l) => Number(l.price?.value ?? 0),
    item: (l) => l.release?.description,
    artist: (l) => l.release?.artist,
    label: (l) => l.release?.label,
    catno: (l) => l.release?.catalog_number,
    audio: (l) => (l.audio ? 1 : 0),
  };
  if (owner) {
    keys.status = (l) => l.status;
    keys.location = (l) => l.location;
  }
  const sort = ctx.query.get("sort");
  const order = ctx.query.get("sort_order")?.toLowerCase();
  const page = Number.parseInt(ctx.query.get("page") ?? "1", 10) || 1;
  if (!owner && page > 100)
    return error(403, "Pagination above 100 disabled for inventories besides your own");
  const ordered =
    sort && keys[sort]
      ? sortedPages(ctx, items, keys[sort], order === "desc" ? -1 : 1)
      : sortedPages(ctx, items, keys.listed!, order === "asc" ? 1 : -1);
  const counts = pageUserCounts(ctx, (l: Wire) => [l.release?.id]);
  return sendPage(ctx, ordered, "listings", {}, (l, _, page) =>
    listingView(ctx, l, counts?.(l, page) ?? null),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Listings

function listingOr404(ctx: Ctx): Wire | null {
  const id = numericId(ctx.params.listing_id);
  return id === null ? null : (ctx.state.listings.get(id) ?? null);
}

function getListing(ctx: Ctx): Reply {
  const l = listingOr404(ctx);
  if (!l || (l.status === "Draft" && !actsAs(ctx, l.seller?.username)))
    return error(404, MESSAGES.requestNotFound);
  return send(ctx, 200, listingView(ctx, l));
}

/** A listing request's fields: query parameters overlaid with the JSON (or form) body. */
function input(ctx: Ctx): Record<string, unknown> {
  return { ...Object.fromEntries(ctx.query), ...(ctx.body ?? {}) };
}

function oneOf(
  body: Record<string, unknown>,
  field: string,
  allowed: readonly string[],
  required: boolean,
): string | undefined | Reply {
  const v = body[field];
  if (v === undefined || v === null || v === "")
    return required ? invalid(field, "Field required", "missing") : undefined;
  if (typeof v !== "string" || !allowed.includes(v)) {
    return invalid(
      field,
      `Input should be ${allowed.map((a) => `'${a}'`).join(", ")}`,
      "literal_error",
      `Invalid ${field}: expected one of ${allowed.join(", ")}.`,
    );
  }
  return v;
}

function numberField(
  body: Record<string, unknown>,
  field: string,
  required: boolean,
  min: number,
  exclusive: boolean,
): number | undefined | Reply {
  const v = body[field];
  if (v === undefined || v === null || v === "")
    return required ? invalid(field, "Field required", "missing") : undefined;
  const n =
    typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) return invalid(field, "Input should be a valid number", "float_parsing");
  if (exclusive ? n <= min : n < min) {
    return invalid(
      field,
      `Input should be greater than${exclusive ? "" : " or equal to"} ${min}`,
      exclusive ? "greater_than" : "greater_than_equal",
    );
  }
  return n;
}

function stringField(body: Record<string, unknown>, field: string): string | undefined | Reply {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") return invalid(field, "Input should be a valid string", "string_type");
  return v;
}

function boolField(body: Record<string, unknown>, field: string): boolean | undefined | Reply {
  const v = body[field];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false|1|0|yes|no|y|n)$/i.test(v)) return /^(true|1|yes|y)$/i.test(v);
  if (v === 1 || v === 0) return v === 1;
  return invalid(field, "Input should be a valid boolean", "bool_parsing");
}

function autoOrNumber(body: Record<string, unknown>, field: string): number | "auto" | undefined | Reply {
  if (typeof body[field] === "string" && lc(body[field]) === "auto") return "auto";
  const n = numberField(body, field, false, 0, false);
  if (typeof n === "number" && !Number.isInteger(n))
    return invalid(field, "Input should be a valid integer", "int_from_float");
  return n;
}

const isReply = (x: unknown): x is Reply =>
  !!x && typeof x === "object" && typeof (x as Reply).status === "number" && ("json" in x || "text" in x);

/**
 * Validates a listing create/edit body. Returns the fields to store, or the 422 reply. `previous` supplies the
 * optional fields the body leaves out (edits).
 */
function validateListing(ctx: Ctx, previous?: Wire): Omit<ListingInput, "posted" | "currency"> | Reply {
  if (ctx.bodyInvalid) return invalid(null, "Invalid JSON body.", "json_invalid");
  const body = input(ctx);
  const releaseId = intField(body, "release_id", 1, Number.MAX_SAFE_INTEGER);
  if (isReply(releaseId)) return releaseId;
  const release = ctx.state.releases.get(releaseId as number);
  if (!release) return invalid("release_id", `Release ${String(releaseId)} does not exist`, "value_error");
  const condition = oneOf(body, "condition", MEDIA_CONDITIONS, true);
  if (isReply(condition)) return condition;
  const sleeve = oneOf(body, "sleeve_condition", SLEEVE_CONDITIONS, false);
  if (isReply(sleeve)) return sleeve;
  const price = numberField(body, "price", true, 0, true);
  if (isReply(price)) return price;
  const status = oneOf(body, "status", ["For Sale", "Draft"], false);
  if (isReply(status)) return status;
  const comments = stringField(body, "comments");
  if (isReply(comments)) return comments;
  const externalId = stringField(body, "external_id");
  if (isReply(externalId)) return externalId;
  const location = stringField(body, "location");
  if (isReply(location)) return location;
  const allowOffers = boolField(body, "allow_offers");
  if (isReply(allowOffers)) return allowOffers;
  const weight = autoOrNumber(body, "weight");
  if (isReply(weight)) return weight;
  const formatQuantity = autoOrNumber(body, "format_quantity");
  if (isReply(formatQuantity)) return formatQuantity;
  return {
    release,
    condition: condition as string,
    sleeve_condition: (sleeve as string | undefined) ?? previous?.sleeve_condition,
    price: round2(price as number),
    status: (status as string | undefined) ?? "For Sale",
    comments: (comments as string | undefined) ?? previous?.comments,
    allow_offers: (allowOffers as boolean | undefined) ?? previous?.allow_offers,
    external_id: (externalId as string | undefined) ?? previous?.external_id,
    location: (location as string | undefined) ?? previous?.location,
    weight: (weight as number | "auto" | undefined) ?? previous?.weight,
    format_quantity: (formatQuantity as number | "auto" | undefined) ?? previous?.format_quantity,
    audio: previous?.audio,
    shipping: previous?.shipping_price?.value,
  };
}

function createListing(ctx: Ctx): Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  const fields = validateListing(ctx);
  if (isReply(fields)) return fields;
  const id = ctx.state.nextListingId++;
  const listing = buildListing(ctx.state, id, ctx.auth.user!.username, {
    ...fields,
    currency: userCurrency(ctx),
    posted: nowPacific(),
  });
  ctx.state.listings.set(id, listing);
  return send(ctx, 201, { listing_id: id, resource_url: `${API_ROOT}/marketplace/listings/${id}` });
}

/** 401 anonymous, 404 unknown listing, 403 another user's listing; else the listing. */
function ownListing(ctx: Ctx): Wire | Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  const l = listingOr404(ctx);
  if (!l) return error(404, MESSAGES.requestNotFound);
  if (!actsAs(ctx, l.seller?.username)) return error(403, MESSAGES.noPermission);
  return l;
}

function editListing(ctx: Ctx): Reply {
  const l = ownListing(ctx);
  if (isReply(l)) return l;
  if (!["For Sale", "Draft", "Expired"].includes(l.status)) {
    return error(
      422,
      `Listing ${l.id} is ${l.status}: only listings that are For Sale, Draft or Expired can be edited.`,
    );
  }
  const fields = validateListing(ctx, l);
  if (isReply(fields)) return fields;
  const updated = buildListing(ctx.state, l.id, l.seller.username, {
    ...fields,
    currency: l.price?.currency ?? userCurrency(ctx),
    posted: l.posted,
  });
  ctx.state.listings.set(l.id, updated);
  return noContent();
}

function deleteListing(ctx: Ctx): Reply {
  const l = ownListing(ctx);
  if (isReply(l)) return l;
  ctx.state.listings.delete(l.id);
  return noContent();
}

// ---------------------------------------------------------------------------------------------------------------
// Orders

function orderView(ctx: Ctx, o: Wire): Wire {
  return {
    ...o,
    seller: userBlob(ctx.state, o.seller?.username ?? "", o.seller?.id),
    buyer: userBlob(ctx.state, o.buyer?.username ?? "", o.buyer?.id),
  };
}

/** 401 anonymous, 404 unknown order, 403 not the seller; else the order. */
function sellerOrder(ctx: Ctx): Wire | Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  const o = ctx.state.orders.get(ctx.params.order_id ?? "");
  if (!o) return error(404, MESSAGES.requestNotFound);
  if (!actsAs(ctx, o.seller?.username)) return error(403, MESSAGES.noPermission);
  return o;
}

function listOrders(ctx: Ctx): Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  let orders = [...ctx.state.orders.values()].filter((o) => actsAs(ctx, o.seller?.username));
  const rawStatus = ctx.query.get("status");
  if (rawStatus) {
    const status = ORDER_FILTERS.find((s) => lc(s) === lc(rawStatus));
    if (!status) return error(422, `Invalid status: expected one of ${ORDER_FILTERS.join(", ")}.`);
    if (status === "Cancelled") orders = orders.filter((o) => String(o.status).startsWith("Cancelled"));
    else if (status !== "All") orders = orders.filter((o) => o.status === status);
  }
  for (const key of ["created_after", "created_before"] as const) {
    const raw = ctx.query.get(key);
    if (!raw) continue;
    const t = Date.parse(raw);
    if (Number.isNaN(t))
      return error(422, `Invalid ${key}: expected an ISO 8601 date-time such as 2019-06-24T20:58:58Z.`);
    orders = orders.filter((o) =>
      key === "created_after" ? Date.parse(o.created) >= t : Date.parse(o.created) <= t,
    );
  }
  const archived = ctx.query.get("archived");
  if (archived) {
    if (!/^(true|false)$/i.test(archived)) return error(422, "Invalid archived: expected true or false.");
    const want = lc(archived) === "true";
    orders = orders.filter((o) => !!o.archived === want);
  }
  const orderNo = (o: Wire) => Number(String(o.id).split("-")[1] ?? 0);
  const keys: Record<string, (o: Wire) => unknown> = {
    id: orderNo,
    buyer: (o) => o.buyer?.username,
    created: (o) => Date.parse(o.created),
    status: (o) => o.status,
    last_activity: (o) => Date.parse(o.last_activity),
  };
  const sort = ctx.query.get("sort");
  const order = ctx.query.get("sort_order")?.toLowerCase();
  orders =
    sort && keys[sort]
      ? sortBy(orders, keys[sort], order === "desc" ? -1 : 1)
      : sortBy(orders, keys.id!, order === "asc" ? 1 : -1);
  return sendPage(ctx, orders, "orders", {}, (o) => orderView(ctx, o));
}

function getOrder(ctx: Ctx): Reply {
  const o = sellerOrder(ctx);
  if (isReply(o)) return o;
  return send(ctx, 200, orderView(ctx, o));
}

function statusId(status: string): number {
  return ORDER_STATUSES.indexOf(status as (typeof ORDER_STATUSES)[number]) + 1;
}

function orderRef(o: Wire): Wire {
  return { resource_url: `${API_ROOT}/marketplace/orders/${o.id}`, id: o.id };
}

/** Moves an order to `status` (no-op when unchanged) and records the status message. */
function changeStatus(
  state: EmulatorState,
  o: Wire,
  status: string,
  actor: string,
  now: string,
  message = true,
): string | null {
  const old = o.status as string;
  if (old === status) return null;
  o.status = status;
  o.next_status = nextStatuses(status);
  o.last_activity = now;
  if (message) {
    const messages = state.orderMessages.get(o.id) ?? [];
    messages.unshift({
      status_id: statusId(status),
      timestamp: now,
      actor: { username: actor, resource_url: `${API_ROOT}/users/${encodeURIComponent(actor)}` },
      message: `Seller changed status from ${old} to ${status}`,
      type: "status",
      order: orderRef(o),
      subject: "",
    });
    state.orderMessages.set(o.id, messages);
  }
  return old;
}

function validateStatus(o: Wire, raw: unknown): string | Reply {
  const allowed = (o.next_status ?? []) as string[];
  if (typeof raw !== "string" || !allowed.includes(raw)) {
    return invalid(
      "status",
      `Input should be ${allowed.map((s) => `'${s}'`).join(", ")}`,
      "literal_error",
      `Invalid status: expected one of ${allowed.join(", ")}.`,
    );
  }
  return raw;
}

function editOrder(ctx: Ctx): Reply {
  const o = sellerOrder(ctx);
  if (isReply(o)) return o;
  if (ctx.bodyInvalid) return invalid(null, "Invalid JSON body.", "json_invalid");
  const body = input(ctx);
  const hasStatus = body.status !== undefined && body.status !== null && body.status !== "";
  const hasShipping = body.shipping !== undefined && body.shipping !== null && body.shipping !== "";
  if (hasStatus && hasShipping)
    return invalid(null, "Send either status or shipping, not both.", "value_error");
  if (!hasStatus && !hasShipping) return invalid(null, "One of status or shipping is required.", "missing");
  const seller = ctx.auth.user!.username;
  const now = nowPacific();
  if (hasStatus) {
    const status = validateStatus(o, body.status);
    if (isReply(status)) return status;
    changeStatus(ctx.state, o, status, seller, now);
  } else {
    const shipping = numberField(body, "shipping", true, 0, false);
    if (isReply(shipping)) return shipping;
    if (/^(Cancelled|Payment Received|Shipped|Refund Sent)/.test(o.status)) {
      return error(422, `The shipping cost of an order that is ${o.status} cannot be changed.`);
    }
    const value = round2(shipping as number);
    const original = Number(o.shipping?.value ?? 0);
    const subtotal = (o.items ?? []).reduce((n: number, i: Wire) => n + Number(i.price?.value ?? 0), 0);
    o.shipping = { ...o.shipping, value };
    o.total = { ...o.total, value: round2(subtotal + value) };
    o.last_activity = now;
    const messages = ctx.state.orderMessages.get(o.id) ?? [];
    messages.unshift({
      timestamp: now,
      original,
      new: value,
      message: `${seller} set the shipping price to $${value.toFixed(2)}.`,
      type: "shipping",
      order: orderRef(o),
      subject: "",
    });
    ctx.state.orderMessages.set(o.id, messages);
    changeStatus(ctx.state, o, "Invoice Sent", seller, now);
  }
  return send(ctx, 200, orderView(ctx, o));
}

function listOrderMessages(ctx: Ctx): Reply {
  const o = sellerOrder(ctx);
  if (isReply(o)) return o;
  return sendPage(ctx, ctx.state.orderMessages.get(o.id) ?? [], "messages");
}

function addOrderMessage(ctx: Ctx): Reply {
  const o = sellerOrder(ctx);
  if (isReply(o)) return o;
  if (ctx.bodyInvalid) return invalid(null, "Invalid JSON body.", "json_invalid");
  const body = input(ctx);
  const hasMessage = body.message !== undefined && body.message !== null && body.message !== "";
  const hasStatus = body.status !== undefined && body.status !== null && body.status !== "";
  if (!hasMessage && !hasStatus)
    return invalid("message", "Field required: send a message, a status, or both.", "missing");
  if (hasMessage && typeof body.message !== "string")
    return invalid("message", "Input should be a valid string", "string_type");
  let status: string | undefined;
  if (hasStatus) {
    const s = validateStatus(o, body.status);
    if (isReply(s)) return s;
    status = s;
  }
  const user = ctx.auth.user!;
  const now = nowPacific();
  const old = status ? changeStatus(ctx.state, o, status, user.username, now, false) : null;
  const text = [
    old !== null ? `Seller changed status from ${old} to ${status}` : "",
    hasMessage ? (body.message as string) : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  const firstTitle = String(o.items?.[0]?.release?.description ?? "")
    .replace(/^.*? - /, "")
    .replace(/ \([^()]*\)$/, "");
  const subject = `Discogs Order #${o.id}, ${firstTitle}`;
  const stored: Wire = {
    from: {
      id: user.id,
      username: user.username,
      avatar_url: user.profile?.avatar_url ?? "",
      resource_url: `${API_ROOT}/users/${encodeURIComponent(user.username)}`,
    },
    timestamp: now,
    message: text,
    type: "message",
    order: orderRef(o),
    subject,
  };
  const messages = ctx.state.orderMessages.get(o.id) ?? [];
  messages.unshift(stored);
  ctx.state.orderMessages.set(o.id, messages);
  o.last_activity = now;
  return send(ctx, 201, {
    from: { username: user.username, resource_url: stored.from.resource_url },
    message: text,
    order: orderRef(o),
    timestamp: now,
    subject,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Fees, price suggestions, stats

function fee(ctx: Ctx): Reply {
  const raw = ctx.params.price ?? "";
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(Number(raw))) {
    return error(
      422,
      `Invalid price: expected a non-negative decimal number such as 10.00, got "${raw.slice(0, 40)}".`,
    );
  }
  const currency = (ctx.params.currency ?? "USD").toUpperCase();
  if (!(CURRENCIES as readonly string[]).includes(currency)) {
    return error(422, `Invalid currency: expected one of ${CURRENCIES.join(", ")}.`);
  }
  return send(ctx, 200, { value: round2(Number(raw) * 0.08), currency });
}

/** Price ratios per media condition, relative to Mint. */
const CONDITION_RATIOS = [1, 0.895, 0.684, 0.474, 0.263, 0.158, 0.105, 0.053];

function priceSuggestions(ctx: Ctx): Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  const id = numericId(ctx.params.release_id);
  const release = id === null ? undefined : ctx.state.releases.get(id);
  if (!release) return error(404, "Release not found.");
  const market = marketFor(ctx.state, new Set([release.id]));
  const mint = market.lowest !== null ? market.lowest * 1.45 : 6 + det(release.id, 4000) / 100;
  const currency = userCurrency(ctx);
  const out: Wire = {};
  MEDIA_CONDITIONS.forEach((c, i) => {
    out[c] = { currency, value: Math.round(mint * CONDITION_RATIOS[i]! * 1e7) / 1e7 };
  });
  return send(ctx, 200, out);
}

function marketplaceStats(ctx: Ctx): Reply {
  const id = numericId(ctx.params.release_id);
  const release = id === null ? undefined : ctx.state.releases.get(id);
  if (!release) return error(404, "Release not found.");
  const market = marketFor(ctx.state, new Set([release.id]));
  const currency = queryCurrency(ctx) ?? userCurrency(ctx);
  return send(ctx, 200, {
    lowest_price: market.lowest === null ? null : { currency, value: market.lowest },
    num_for_sale: market.count,
    blocked_from_sale: !!release.blocked_from_sale,
  });
}

// ---------------------------------------------------------------------------------------------------------------

/** Registers the marketplace endpoints (inventory, listings, orders, messages, fees, suggestions, stats). */
export function registerMarketplace(router: Router): void {
  router
    .add("GET", "/users/:username/inventory", inventory)
    .add("GET", "/marketplace/listings/:listing_id", getListing)
    .add("POST", "/marketplace/listings/:listing_id", editListing)
    .add("DELETE", "/marketplace/listings/:listing_id", deleteListing)
    .add("POST", "/marketplace/listings", createListing)
    .add("GET", "/marketplace/orders", listOrders)
    .add("GET", "/marketplace/orders/:order_id", getOrder)
    .add("POST", "/marketplace/orders/:order_id", editOrder)
    .add("GET", "/marketplace/orders/:order_id/messages", listOrderMessages)
    .add("POST", "/marketplace/orders/:order_id/messages", addOrderMessage)
    .add("GET", "/marketplace/fee/:price", fee)
    .add("GET", "/marketplace/fee/:price/:currency", fee)
    .add("GET", "/marketplace/price_suggestions/:release_id", priceSuggestions)
    .add("GET", "/marketplace/stats/:release_id", marketplaceStats);
}
