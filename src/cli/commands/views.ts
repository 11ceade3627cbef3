/**
 * How each kind of object shows on a terminal (fields of single objects, columns of lists), and the shared
 * helpers of the command modules.
 *
 * @module
 */

import { intOption, str } from "../args";
import type { CommandContext } from "../context";
import { artistString, formatString } from "../csv";
import { UsageError } from "../exit";
import type { ListView, ObjectView } from "../output";

const count = (key: string, noun: string) => (o: Record<string, unknown>) => {
  const v = o[key];
  return Array.isArray(v) ? `${v.length} ${noun}${v.length === 1 ? "" : "s"}` : undefined;
};

export const RELEASE_VIEW: ObjectView = {
  fields: [
    { label: "ID", path: "id" },
    { label: "Title", path: "title" },
    { label: "Artists", path: "artists", get: (r) => artistString(r.artists) },
    { label: "Year", path: "year" },
    { label: "Released", path: "released" },
    { label: "Country", path: "country" },
    { label: "Labels", path: "labels.name" },
    {
      label: "Catalog#",
      path: "labels.catalog_number",
      get: (r) => [...new Set(r.labels?.map((l: any) => l.catalog_number))],
    },
    { label: "Format", path: "formats", get: (r) => formatString(r.formats) },
    { label: "Genres", path: "genres" },
    { label: "Styles", path: "styles" },
    { label: "Tracks", path: "tracklist", get: count("tracklist", "track") },
    { label: "Rating", path: "community.rating.average" },
    {
      label: "Have/Want",
      path: "community",
      get: (r) => (r.community ? `${r.community.have ?? 0} / ${r.community.want ?? 0}` : undefined),
    },
    { label: "Master", path: "master_id" },
    { label: "URL", path: "uri" },
  ],
};

export const MASTER_VIEW: ObjectView = {
  fields: [
    { label: "ID", path: "id" },
    { label: "Title", path: "title" },
    { label: "Artists", path: "artists", get: (r) => artistString(r.artists) },
    { label: "Year", path: "year" },
    { label: "Genres", path: "genres" },
    { label: "Styles", path: "styles" },
    { label: "Tracks", path: "tracklist", get: count("tracklist", "track") },
    { label: "Main release", path: "main_release" },
    { label: "For sale", path: "num_for_sale" },
    { label: "Lowest price", path: "lowest_price" },
    { label: "URL", path: "uri" },
  ],
};

export const ARTIST_VIEW: ObjectView = {
  fields: [
    { label: "ID", path: "id" },
    { label: "Name", path: "name" },
    { label: "Real name", path: "realname" },
    { label: "Profile", path: "profile" },
    { label: "Members", path: "members.name" },
    { label: "Groups", path: "groups.name" },
    { label: "Aliases", path: "aliases.name" },
    { label: "Links", path: "urls" },
    { label: "URL", path: "uri" },
  ],
};

export const LABEL_VIEW: ObjectView = {
  fields: [
    { label: "ID", path: "id" },
    { label: "Name", path: "name" },
    { label: "Profile", path: "profile" },
    { label: "Contact", path: "contact_info" },
    { label: "Parent", path: "parent_label.name" },
    { label: "Sublabels", path: "sub_labels.name" },
    { label: "Links", path: "urls" },
    { label: "URL", path: "uri" },
  ],
};

export const SEARCH_VIEW: ListView = {
  columns: [
    { header: "id", path: "id", right: true },
    { header: "type", path: "type" },
    { header: "title", path: "title" },
    { header: "year", path: "year" },
    { header: "format", path: "format" },
    { header: "country", path: "country" },
  ],
  empty: "No results.",
};

export const VERSIONS_VIEW: ListView = {
  columns: [
    { header: "id", path: "id", right: true },
    { header: "title", path: "title" },
    { header: "label", path: "label" },
    { header: "catno", path: "catalog_number" },
    { header: "country", path: "country" },
    { header: "format", path: "format" },
    { header: "released", path: "released" },
  ],
  empty: "No versions.",
};

export const ARTIST_RELEASES_VIEW: ListView = {
  columns: [
    { header: "id", path: "id", right: true },
    { header: "type", path: "type" },
    { header: "title", path: "title" },
    { header: "artist", path: "artist" },
    { header: "year", path: "year" },
    { header: "role", path: "role" },
    { header: "format", path: "format" },
  ],
  empty: "No releases.",
};

export const LABEL_RELEASES_VIEW: ListView = {
  columns: [
    { header: "id", path: "id", right: true },
    { header: "catno", path: "catalog_number" },
    { header: "artist", path: "artist" },
    { header: "title", path: "title" },
    { header: "format", path: "format" },
    { header: "year", path: "year" },
  ],
  empty: "No releases.",
};

const basic = (key: string) => (i: { basic_information?: Record<string, any> }) => i.basic_information?.[key];

export const COLLECTION_VIEW: ListView = {
  columns: [
    { header: "release", path: "id", right: true },
    { header: "instance", path: "instance_id", right: true },
    {
      header: "artist",
      path: "basic_information.artists",
      get: (i) => artistString(i.basic_information?.artists),
    },
    { header: "title", path: "basic_information.title" },
    { header: "year", path: "basic_information.year" },
    { header: "format", path: "basic_information.formats", get: (i) => formatString(basic("formats")(i)) },
    { header: "folder", path: "folder_id", right: true },
    { header: "rating", path: "rating", get: (i) => (i.rating ? i.rating : "") },
    { header: "added", path: "date_added" },
  ],
  empty: "The collection is empty.",
};

export const WANTLIST_VIEW: ListView = {
  columns: [
    { header: "release", path: "id", right: true },
    {
      header: "artist",
      path: "basic_information.artists",
      get: (i) => artistString(i.basic_information?.artists),
    },
    { header: "title", path: "basic_information.title" },
    { header: "year", path: "basic_information.year" },
    { header: "format", path: "basic_information.formats", get: (i) => formatString(basic("formats")(i)) },
    { header: "rating", path: "rating", get: (i) => (i.rating ? i.rating : "") },
    { header: "notes", path: "notes" },
    { header: "added", path: "date_added" },
  ],
  empty: "The wantlist is empty.",
};

const price = (p: { value?: number; currency?: string; currency_code?: string } | undefined) =>
  p?.value === undefined ? "" : `${p.value.toFixed(2)} ${p.currency ?? p.currency_code ?? ""}`.trim();

export const INVENTORY_VIEW: ListView = {
  columns: [
    { header: "listing", path: "id", right: true },
    { header: "status", path: "status" },
    { header: "price", path: "price", get: (l) => price(l.original_price ?? l.price), right: true },
    { header: "condition", path: "condition" },
    { header: "sleeve", path: "sleeve_condition" },
    { header: "release", path: "release.description" },
    { header: "posted", path: "posted" },
  ],
  empty: "No listings.",
};

export const ORDERS_VIEW: ListView = {
  columns: [
    { header: "order", path: "id" },
    { header: "status", path: "status" },
    { header: "buyer", path: "buyer.username" },
    {
      header: "items",
      path: "items",
      get: (o) => (Array.isArray(o.items) ? o.items.length : ""),
      right: true,
    },
    { header: "total", path: "total", get: (o) => price(o.total), right: true },
    { header: "created", path: "created" },
    { header: "last activity", path: "last_activity" },
  ],
  empty: "No orders.",
};

export const ORDER_VIEW: ObjectView = {
  fields: [
    { label: "Order", path: "id" },
    { label: "Status", path: "status" },
    { label: "Next status", path: "next_status" },
    { label: "Buyer", path: "buyer.username" },
    { label: "Seller", path: "seller.username" },
    {
      label: "Items",
      path: "items",
      get: (o) => o.items?.map((i: any) => `${i.release?.description ?? i.release?.id} (${price(i.price)})`),
    },
    {
      label: "Shipping",
      path: "shipping",
      get: (o) => (o.shipping ? `${o.shipping.method ?? ""} ${price(o.shipping)}`.trim() : undefined),
    },
    { label: "Total", path: "total", get: (o) => price(o.total) },
    { label: "Fee", path: "fee", get: (o) => price(o.fee) },
    { label: "Ship to", path: "shipping_address" },
    { label: "Instructions", path: "additional_instructions" },
    { label: "Created", path: "created" },
    { label: "Last activity", path: "last_activity" },
    { label: "Archived", path: "archived" },
    { label: "URL", path: "uri" },
  ],
};

export const MESSAGES_VIEW: ListView = {
  columns: [
    { header: "time", path: "timestamp" },
    { header: "from", path: "from_user.username" },
    { header: "type", path: "type" },
    { header: "subject", path: "subject" },
    { header: "message", path: "message" },
  ],
  empty: "No messages.",
};

/** `--limit`, and the `per_page` that fetches no more than needed. */
export function limitOf(
  ctx: CommandContext,
  fallback?: number,
): { limit: number | undefined; perPage: number } {
  const limit = intOption(ctx.opts, "limit", { min: 1 }) ?? fallback;
  return { limit, perPage: limit !== undefined && limit < 100 ? limit : 100 };
}

/** The first `limit` items of an async iterable (all when undefined); stops the walk after the last. */
export async function* take<T>(items: AsyncIterable<T>, limit: number | undefined): AsyncGenerator<T> {
  if (limit === 0) return;
  let n = 0;
  for await (const item of items) {
    yield item;
    if (limit !== undefined && ++n >= limit) return;
  }
}

/** A non-negative integer option such as `--folder`. */
export function folderOption(ctx: CommandContext, fallback: number): number {
  return intOption(ctx.opts, "folder", {}) ?? fallback;
}

/** `--order asc|desc` as Discogs' `sort_order`. */
export function sortOrder(ctx: CommandContext): "asc" | "desc" | undefined {
  const v = str(ctx.opts, "order");
  if (v === undefined) return undefined;
  if (v !== "asc" && v !== "desc")
    throw new UsageError(`--order must be asc or desc, got ${JSON.stringify(v)}`);
  return v;
}

/** A release id given on the command line: 352665, r352665, @r352665 or a discogs.com release URL. */
export function releaseIdArg(value: string, what = "release id"): number {
  const m =
    /^@?\[?r?(\d+)\]?$/i.exec(value.trim()) ??
    /discogs\.com\/(?:[a-z]{2}\/)?(?:[^/]+\/)?release\/(\d+)/i.exec(value);
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new UsageError(`expected a ${what}, got ${JSON.stringify(value)}`);
  return n;
}
