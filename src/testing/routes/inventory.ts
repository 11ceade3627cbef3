/**
 * Inventory export and upload endpoints of the emulator. Exports finish immediately (status `success`) with a
 * CSV of the caller's listings; uploads (`multipart/form-data`, file field `upload`) add, change or delete the
 * caller's listings right away and leave an upload record. Every endpoint needs a user (401 otherwise).
 *
 * @module
 */

import { error, MESSAGES, requireUser, type Ctx, type Reply, type Router } from "../framework";
import { API_ROOT } from "../seed/database";
import { buildListing, inventoryCsv, naiveStamp } from "../seed/marketplace";
import type { Wire } from "../state";
import {
  CURRENCIES,
  invalid,
  MEDIA_CONDITIONS,
  nowPacific,
  numericId,
  round2,
  send,
  sendPage,
  SLEEVE_CONDITIONS,
} from "./database";

const lc = (s: unknown) => String(s ?? "").toLowerCase();

/** The public fields of an export or upload record (without the stored CSV and owner). */
function publicRecord(record: Wire): Wire {
  const { csv: _csv, owner: _owner, ...rest } = record;
  return rest;
}

function isMine(ctx: Ctx, record: Wire | undefined): record is Wire {
  return !!record && lc(record.owner) === lc(ctx.auth.user?.username);
}

/** 304 when `If-Modified-Since` is at or after the record's finish time; else null. */
function notModified(ctx: Ctx, record: Wire): Reply | null {
  const since = Date.parse(ctx.headers["if-modified-since"] ?? "");
  const finished = Date.parse(`${record.finished_ts ?? record.created_ts}Z`);
  if (!Number.isNaN(since) && !Number.isNaN(finished) && Math.floor(finished / 1000) * 1000 <= since) {
    return { status: 304, headers: { "last-modified": new Date(finished).toUTCString() } };
  }
  return null;
}

function lastModified(record: Wire): Record<string, string> {
  const finished = Date.parse(`${record.finished_ts ?? record.created_ts}Z`);
  return Number.isNaN(finished) ? {} : { "last-modified": new Date(finished).toUTCString() };
}

/** Newest first. */
function ownRecords(ctx: Ctx, records: Map<number, Wire>): Wire[] {
  return [...records.values()]
    .filter((r) => isMine(ctx, r))
    .sort((a, b) => b.id - a.id)
    .map(publicRecord);
}

// ---------------------------------------------------------------------------------------------------------------
// Exports

function createExport(ctx: Ctx): Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  const username = ctx.auth.user!.username;
  const id = ctx.state.nextExportId++;
  const now = new Date();
  const stamp = naiveStamp(now);
  const record: Wire = {
    id,
    status: "success",
    created_ts: stamp,
    finished_ts: stamp,
    filename: `${username}-inventory-${stamp.slice(0, 10).replace(/-/g, "")}-${stamp.slice(11, 16).replace(":", "")}.csv`,
    url: `${API_ROOT}/inventory/export/${id}`,
    download_url: `${API_ROOT}/inventory/export/${id}/download`,
    csv: inventoryCsv(ctx.state, username),
    owner: username,
  };
  ctx.state.exports.set(id, record);
  return send(ctx, 200, publicRecord(record), { location: `${ctx.baseUrl}/inventory/export/${id}` });
}

function listExports(ctx: Ctx): Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  return sendPage(ctx, ownRecords(ctx, ctx.state.exports), "items");
}

function exportOr404(ctx: Ctx): Wire | Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  const id = numericId(ctx.params.export_id);
  const record = id === null ? undefined : ctx.state.exports.get(id);
  if (!isMine(ctx, record)) return error(404, MESSAGES.requestNotFound);
  return record;
}

const isReply = (x: Wire | Reply): x is Reply => typeof x.status === "number" && ("json" in x || "text" in x);

function getExport(ctx: Ctx): Reply {
  const record = exportOr404(ctx);
  if (isReply(record)) return record;
  return notModified(ctx, record) ?? send(ctx, 200, publicRecord(record), lastModified(record));
}

function downloadExport(ctx: Ctx): Reply {
  const record = exportOr404(ctx);
  if (isReply(record)) return record;
  if (record.status !== "success" || typeof record.csv !== "string")
    return error(409, "The export is not finished yet.");
  return {
    status: 200,
    text: record.csv,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename=${record.filename}`,
      ...lastModified(record),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Uploads

/**
 * Parses CSV text (RFC 4180: quoted fields, `""` escapes, commas and newlines inside quotes, CRLF or LF).
 * Returns the rows, or an error message. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] | string {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== "" || wasQuoted) rows.push(row);
    row = [];
    field = "";
    wasQuoted = false;
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') {
      if (field !== "") return `Row ${rows.length + 1}: unexpected quote inside an unquoted field.`;
      quoted = true;
      wasQuoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else field += c;
  }
  if (quoted) return `Row ${rows.length + 1}: unterminated quoted field.`;
  if (field !== "" || row.length > 0 || wasQuoted) endRow();
  return rows;
}

type UploadType = "add" | "change" | "delete";

const REQUIRED: Record<UploadType, string[]> = {
  add: ["release_id", "price", "media_condition"],
  change: ["release_id"],
  delete: ["listing_id"],
};
const CHANGEABLE = [
  "price",
  "media_condition",
  "sleeve_condition",
  "comments",
  "accept_offer",
  "external_id",
  "location",
  "weight",
  "format_quantity",
];

/** Checks one CSV value of a known column; returns an error message or null. */
function checkValue(column: string, value: string): string | null {
  if (value === "") return null;
  switch (column) {
    case "release_id":
    case "listing_id":
      return /^\d+$/.test(value) ? null : `invalid ${column} "${value}"`;
    case "price":
      return /^\d+(\.\d+)?$/.test(value) && Number(value) > 0 ? null : `invalid price "${value}"`;
    case "media_condition":
      return (MEDIA_CONDITIONS as readonly string[]).includes(value)
        ? null
        : `invalid media_condition "${value}"`;
    case "sleeve_condition":
      return (SLEEVE_CONDITIONS as readonly string[]).includes(value)
        ? null
        : `invalid sleeve_condition "${value}"`;
    case "accept_offer":
      return /^[YN]$/i.test(value) ? null : `invalid accept_offer "${value}" (expected Y or N)`;
    case "weight":
    case "format_quantity":
      return /^\d+$/.test(value) || lc(value) === "auto" ? null : `invalid ${column} "${value}"`;
    default:
      return null;
  }
}

/**
 * The 422 of a CSV Discogs cannot take: `message` is `Invalid CSV: <reason>`, and `detail` has the reason in
 * the FastAPI form of Discogs' newer 422s (`loc: ["body", "upload"]`), so that `ValidationError.detail` says it
 * too.
 */
function badCsv(reason: string): Reply {
  return invalid("upload", reason, "value_error", `Invalid CSV: ${reason}`);
}

function upload(type: UploadType) {
  return (ctx: Ctx): Reply => {
    const denied = requireUser(ctx);
    if (denied) return denied;
    const file = ctx.files.find((f) => f.field === "upload");
    if (!/^\s*multipart\/form-data/i.test(ctx.headers["content-type"] ?? "") || !file) {
      return error(
        415,
        'Unsupported Media Type: send multipart/form-data with the CSV file in the "upload" field.',
      );
    }
    const parsed = parseCsv(file.content.toString("utf8"));
    if (typeof parsed === "string") return badCsv(parsed);
    const [header, ...records] = parsed;
    if (!header) return badCsv("the file is empty (expected a header row).");
    const columns = header.map((h) => h.trim().toLowerCase());
    const missing = REQUIRED[type].filter((c) => !columns.includes(c));
    if (missing.length)
      return badCsv(`missing required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`);
    if (type === "change" && !CHANGEABLE.some((c) => columns.includes(c))) {
      return badCsv(`a change upload needs at least one of ${CHANGEABLE.join(", ")}.`);
    }
    if (records.length === 0) return badCsv("the file contains no records.");
    const rows: Record<string, string>[] = [];
    for (const [n, record] of records.entries()) {
      if (record.length > columns.length) return badCsv(`row ${n + 2} has more fields than the header.`);
      const row: Record<string, string> = {};
      columns.forEach((c, k) => (row[c] = (record[k] ?? "").trim()));
      for (const c of REQUIRED[type]) if (row[c] === "") return badCsv(`row ${n + 2}: ${c} is required.`);
      for (const c of columns) {
        const problem = checkValue(c, row[c] ?? "");
        if (problem) return badCsv(`row ${n + 2}: ${problem}.`);
      }
      if (type === "add" && !ctx.state.releases.has(Number(row.release_id))) {
        return badCsv(`row ${n + 2}: release ${row.release_id} does not exist.`);
      }
      rows.push(row);
    }

    const username = ctx.auth.user!.username;
    const profileCurrency = ctx.auth.user!.profile?.curr_abbr;
    const currency = (CURRENCIES as readonly string[]).includes(profileCurrency) ? profileCurrency : "USD";
    const mine = (l: Wire) => lc(l.seller?.username) === lc(username);
    const num = (v: string | undefined) =>
      v === undefined || v === "" ? undefined : lc(v) === "auto" ? ("auto" as const) : Number(v);
    let processed = 0;
    for (const row of rows) {
      if (type === "add") {
        const id = ctx.state.nextListingId++;
        ctx.state.listings.set(
          id,
          buildListing(ctx.state, id, username, {
            release: ctx.state.releases.get(Number(row.release_id))!,
            condition: row.media_condition!,
            sleeve_condition: row.sleeve_condition || undefined,
            price: round2(Number(row.price)),
            currency,
            status: "For Sale",
            comments: row.comments,
            allow_offers: lc(row.accept_offer) === "y",
            external_id: row.external_id,
            location: row.location,
            weight: num(row.weight),
            format_quantity: num(row.format_quantity),
            posted: nowPacific(),
          }),
        );
        processed++;
      } else if (type === "change") {
        const targets = [...ctx.state.listings.values()].filter(
          (l) => mine(l) && l.release?.id === Number(row.release_id),
        );
        for (const l of targets) {
          if (row.price) {
            const price = round2(Number(row.price));
            l.price = { ...l.price, value: price };
            l.original_price = {
              ...l.original_price,
              value: price,
              formatted: String(l.original_price?.formatted ?? "").replace(/[\d.]+$/, price.toFixed(2)),
            };
          }
          if (row.media_condition) l.condition = row.media_condition;
          if (row.sleeve_condition) l.sleeve_condition = row.sleeve_condition;
          if (row.comments !== undefined && columns.includes("comments")) l.comments = row.comments;
          if (row.accept_offer) l.allow_offers = lc(row.accept_offer) === "y";
          if (row.external_id !== undefined && columns.includes("external_id"))
            l.external_id = row.external_id;
          if (row.location !== undefined && columns.includes("location")) l.location = row.location;
          if (row.weight) l.weight = num(row.weight);
          if (row.format_quantity) l.format_quantity = num(row.format_quantity);
        }
        if (targets.length) processed++;
      } else {
        const id = Number(row.listing_id);
        const l = ctx.state.listings.get(id);
        if (l && mine(l)) {
          ctx.state.listings.delete(id);
          processed++;
        }
      }
    }

    const id = ctx.state.nextUploadId++;
    const stamp = naiveStamp(new Date());
    const record: Wire = {
      id,
      status: "success",
      results: `CSV file contains ${rows.length} records.<p>Processed ${processed} records.`,
      created_ts: stamp,
      finished_ts: stamp,
      filename: file.filename || `${type}.csv`,
      type,
      owner: username,
    };
    ctx.state.uploads.set(id, record);
    return send(ctx, 200, publicRecord(record), { location: `${ctx.baseUrl}/inventory/upload/${id}` });
  };
}

function listUploads(ctx: Ctx): Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  return sendPage(ctx, ownRecords(ctx, ctx.state.uploads), "items");
}

function getUpload(ctx: Ctx): Reply {
  const denied = requireUser(ctx);
  if (denied) return denied;
  const id = numericId(ctx.params.upload_id);
  const record = id === null ? undefined : ctx.state.uploads.get(id);
  if (!isMine(ctx, record)) return error(404, MESSAGES.requestNotFound);
  return notModified(ctx, record) ?? send(ctx, 200, publicRecord(record), lastModified(record));
}

// ---------------------------------------------------------------------------------------------------------------

/** Registers the inventory export and upload endpoints. */
export function registerInventory(router: Router): void {
  router
    .add("POST", "/inventory/export", createExport)
    .add("GET", "/inventory/export", listExports)
    .add("GET", "/inventory/export/:export_id", getExport)
    .add("GET", "/inventory/export/:export_id/download", downloadExport)
    .add("POST", "/inventory/upload/add", upload("add"))
    .add("POST", "/inventory/upload/change", upload("change"))
    .add("POST", "/inventory/upload/delete", upload("delete"))
    .add("GET", "/inventory/upload", listUploads)
    .add("GET", "/inventory/upload/:upload_id", getUpload);
}
