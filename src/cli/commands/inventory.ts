/**
 * `discogs inventory list|export|update`.
 *
 * @module
 */

import { str } from "../args";
import type { CommandContext } from "../context";
import { INVENTORY_CSV_HEADER, inventoryRow } from "../csv";
import { UsageError } from "../exit";
import type { Listing, ListingFields } from "../../index";
import type { SDK } from "../sdk";
import { readFrom, resultPath, runBulk, warnUnusedColumns, type Change, type Plan } from "./bulk";
import { exportSettings, runExport } from "./export";
import { readInput, type InputRow, type InputTable } from "./rows";
import { INVENTORY_VIEW, limitOf, releaseIdArg, sortOrder, take } from "./views";

/** `discogs inventory list` */
export async function list(ctx: CommandContext): Promise<void> {
  const { limit, perPage } = limitOf(ctx);
  const params: Record<string, unknown> = { per_page: perPage };
  for (const k of ["status", "sort"]) if (str(ctx.opts, k) !== undefined) params[k] = str(ctx.opts, k);
  const order = sortOrder(ctx);
  if (order) params.sort_order = order;
  const client = await ctx.client();
  const listOf = (user: string) =>
    client.users.get(user).inventory.list(params as never, { signal: ctx.signal });
  listOf("-"); // the SDK checks the params (a TypeError, exit 2) before the username may cost a request
  const items = listOf(await ctx.username());
  await ctx.out.list(take(items, limit), INVENTORY_VIEW);
}

/** `discogs inventory export` */
export async function exportInventory(ctx: CommandContext): Promise<number> {
  const settings = exportSettings(ctx);
  const user = await ctx.username();
  const client = await ctx.client();
  const status = str(ctx.opts, "status");
  const inventory = client.users.get(user).inventory;
  return runExport<Listing>(ctx, settings, {
    kind: "inventory",
    header: INVENTORY_CSV_HEADER,
    key: { user, status: status ?? null },
    endpoint: {
      list: (params, options) => inventory.list(params as never, options),
      params: { sort: "listed", sort_order: "asc", ...(status !== undefined ? { status } : {}) },
    },
    csvRow: (l) => inventoryRow(l as never),
  });
}

/** The fields a row may set, by column (aliases of the inventory export included). */
const COLUMNS: Record<string, keyof ListingFields> = {
  price: "price",
  condition: "condition",
  media_condition: "condition",
  sleeve_condition: "sleeve_condition",
  comments: "comments",
  status: "status",
  allow_offers: "allow_offers",
  accept_offer: "allow_offers",
  external_id: "external_id",
  location: "location",
  weight: "weight",
  format_quantity: "format_quantity",
};

type Edit = Partial<ListingFields>;

/** A condition as typed: the full name, or its abbreviation ("VG+", "NM", "M-"), any case. */
function condition(value: string, allowed: readonly string[], name: string): string {
  const v = value.trim().toLowerCase();
  for (const c of allowed) {
    if (c.toLowerCase() === v) return c;
    const abbr = /\(([^)]+)\)$/.exec(c)?.[1];
    if (abbr && abbr.split(" or ").some((a) => a.toLowerCase() === v)) return c;
  }
  throw new TypeError(
    `${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")} (or the abbreviation), got ${JSON.stringify(value)}`,
  );
}

function numberOrAuto(value: string, name: string): number | "auto" {
  if (value.toLowerCase() === "auto") return "auto";
  if (!/^\d+(\.\d+)?$/.test(value))
    throw new TypeError(`${name} must be a number or "auto", got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Parses one row's settable cells (an empty cell leaves the field as it is). */
function parseEdit(values: Record<string, string>, sdk: SDK): Edit {
  const edit: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(COLUMNS)) {
    const v = values[column];
    if (v === undefined || v === "") continue;
    switch (field) {
      case "price": {
        const n = Number(v.replace(/^[^\d.]+/, ""));
        if (!/\d/.test(v) || !Number.isFinite(n) || n <= 0)
          throw new TypeError(`price must be a number above 0, got ${JSON.stringify(v)}`);
        edit.price = Math.round(n * 100) / 100;
        break;
      }
      case "condition":
        edit.condition = condition(v, sdk.CONDITIONS, "condition");
        break;
      case "sleeve_condition":
        edit.sleeve_condition = condition(v, sdk.SLEEVE_CONDITIONS, "sleeve_condition");
        break;
      case "status": {
        const s = sdk.LISTING_STATUSES.find((x) => x.toLowerCase() === v.toLowerCase());
        if (!s) throw new TypeError(`status must be "For Sale" or "Draft", got ${JSON.stringify(v)}`);
        edit.status = s;
        break;
      }
      case "allow_offers": {
        const b = v.toLowerCase();
        if (["y", "yes", "true", "1"].includes(b)) edit.allow_offers = true;
        else if (["n", "no", "false", "0"].includes(b)) edit.allow_offers = false;
        else throw new TypeError(`${column} must be Y or N, got ${JSON.stringify(v)}`);
        break;
      }
      case "weight":
      case "format_quantity":
        edit[field] = numberOrAuto(v, field);
        break;
      default:
        edit[field] = v;
    }
  }
  return edit as Edit;
}

/** The editable fields of a listing as an edit body (the price in the seller's currency). */
function fieldsOf(l: Listing, sdk: SDK): Edit {
  const oneOf = <T extends string>(v: string | undefined, list: readonly T[]) =>
    v !== undefined && (list as readonly string[]).includes(v) ? (v as T) : undefined;
  return {
    release_id: l.release?.id,
    condition: oneOf(l.condition, sdk.CONDITIONS),
    price: l.original_price?.value ?? l.price?.value,
    status: oneOf(l.status, sdk.LISTING_STATUSES),
    sleeve_condition: oneOf(l.sleeve_condition, sdk.SLEEVE_CONDITIONS),
    comments: l.comments,
    allow_offers: l.allow_offers,
    external_id: l.external_id,
    location: l.location,
    weight: l.weight,
    format_quantity: l.format_quantity,
  };
}

const EDITABLE = ["For Sale", "Draft", "Expired"];

/** The current listings of `ids`: one GET each for a few, else a walk of the inventory (then GETs for the rest). */
async function currentListings(ctx: CommandContext, ids: Set<number>): Promise<Map<number, Listing | null>> {
  const client = await ctx.client();
  const sdk = await ctx.sdk();
  const found = new Map<number, Listing | null>();
  if (ids.size > 10) {
    const user = await ctx.username();
    for await (const l of client.users.get(user).inventory.list({ status: "All" }, { signal: ctx.signal })) {
      if (ids.has(l.id)) found.set(l.id, l);
      if (found.size === ids.size) break;
    }
  }
  for (const id of ids) {
    if (found.has(id)) continue;
    try {
      found.set(
        id,
        await client.marketplace.listings.get(id, undefined, { signal: ctx.signal, cache: false }),
      );
    } catch (e) {
      if (e instanceof sdk.NotFoundError) found.set(id, null);
      else throw e;
    }
  }
  return found;
}

function same(field: string, a: unknown, b: unknown): boolean {
  if (field === "price" && typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 0.005;
  return (a ?? "") === (b ?? "");
}

/** `discogs inventory update [--from file | <listing-id> --price ...]` */
export async function update(ctx: CommandContext): Promise<number> {
  const from = str(ctx.opts, "from");
  const flagFields = ["price", "condition", "sleeve-condition", "comments", "status"].filter(
    (f) => ctx.opts[f] !== undefined,
  );
  if (from !== undefined && ctx.args.length) throw new UsageError("give a listing id or --from, not both");
  if (from !== undefined && flagFields.length) {
    throw new UsageError(`--${flagFields[0]} goes with a listing id; with --from, use the file's columns`);
  }
  if (from === undefined && ctx.args.length === 0) {
    throw new UsageError(
      "inventory update needs --from <file>, or a listing id and the fields to set",
      "discogs help inventory update",
    );
  }
  if (from === undefined && flagFields.length === 0) {
    throw new UsageError(
      "nothing to change: give --price, --condition, --sleeve-condition, --comments or --status",
    );
  }
  if (from === undefined && str(ctx.opts, "result") !== undefined)
    throw new UsageError("--result goes with --from");
  const table: InputTable =
    from !== undefined
      ? readInput(from, await readFrom(ctx, from), "listing_id")
      : (() => {
          const values: Record<string, string> = { listing_id: ctx.args[0]! };
          for (const f of flagFields) values[f.replace(/-/g, "_")] = String(ctx.opts[f]);
          return { columns: Object.keys(values), rows: [{ n: 1, cells: { ...values }, values }] };
        })();
  if (from !== undefined) {
    if (!table.columns.some((c) => c.trim().toLowerCase() === "listing_id")) {
      throw new UsageError(
        `--from ${from} has no listing_id column`,
        "the first line must be a header such as listing_id,price",
      );
    }
    warnUnusedColumns(
      ctx,
      table,
      ["listing_id", ...Object.keys(COLUMNS)],
      "read-only or unknown: inventory update sets listing fields only",
    );
  }

  const sdk = await ctx.sdk();
  const bad: string[] = [];
  const parsed = new Map<number, { id: number; edit: Edit }>();
  for (const r of table.rows) {
    try {
      const id = releaseIdArg(r.values.listing_id ?? "", "listing_id");
      parsed.set(r.n, { id, edit: parseEdit(r.values, sdk) });
    } catch (e) {
      bad.push(`row ${r.n}: ${(e as Error).message}`);
    }
  }
  if (bad.length)
    throw new UsageError(
      `invalid rows, nothing was sent:\n  ${bad.slice(0, 10).join("\n  ")}${bad.length > 10 ? `\n  (and ${bad.length - 10} more)` : ""}`,
    );

  const client = await ctx.client();
  return runBulk(ctx, {
    name: "inventory update",
    keyColumn: "listing_id",
    table,
    resultFile: resultPath(from, str(ctx.opts, "result")),
    async plan(rows: InputRow[]) {
      const plans = new Map<number, Plan>();
      const current = await currentListings(ctx, new Set(rows.map((r) => parsed.get(r.n)!.id)));
      const firstRow = new Map<number, number>();
      for (const r of rows) {
        const { id, edit } = parsed.get(r.n)!;
        const earlier = firstRow.get(id);
        if (earlier !== undefined) {
          plans.set(r.n, {
            action: "fail",
            detail: `listing ${id} is also in row ${earlier}: one row per listing`,
          });
          continue;
        }
        firstRow.set(id, r.n);
        const l = current.get(id);
        if (!l) {
          plans.set(r.n, { action: "fail", detail: `listing ${id} not found` });
          continue;
        }
        if (!EDITABLE.includes(l.status ?? "")) {
          plans.set(r.n, {
            action: "fail",
            detail: `listing ${id} is ${l.status ?? "not editable"}: only For Sale, Draft and Expired listings can be edited`,
          });
          continue;
        }
        const now = fieldsOf(l, sdk);
        const changes: Record<string, Change> = {};
        for (const [field, to] of Object.entries(edit)) {
          const fromValue = field === "status" ? l.status : (now as Record<string, unknown>)[field];
          if (!same(field, fromValue, to)) changes[field] = { from: fromValue ?? null, to };
        }
        if (Object.keys(changes).length === 0) {
          plans.set(r.n, { action: "skip", detail: "no change" });
          continue;
        }
        if (l.status === "Expired" && edit.status === undefined) {
          plans.set(r.n, {
            action: "fail",
            detail: `listing ${id} is Expired: set status (For Sale or Draft) to edit it`,
          });
          continue;
        }
        const body: Edit = { ...now, ...edit };
        if (body.release_id === undefined || body.condition === undefined || body.price === undefined) {
          plans.set(r.n, {
            action: "fail",
            detail: `listing ${id} lacks its release, condition or price: edit it on Discogs`,
          });
          continue;
        }
        plans.set(r.n, {
          action: "update",
          changes,
          create: false,
          // All of release_id, condition and price are in the body: the SDK sends exactly one request.
          send: () => client.marketplace.listings.update(id, body),
        });
      }
      return plans;
    },
  });
}
