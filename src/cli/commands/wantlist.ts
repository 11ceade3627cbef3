/**
 * `discogs wantlist list|export|add|remove`.
 *
 * @module
 */

import { intOption, str } from "../args";
import type { CommandContext } from "../context";
import { WANTLIST_CSV_HEADER, wantlistRow } from "../csv";
import { EXIT, UsageError } from "../exit";
import type { Want } from "../../index";
import { readFrom, resultPath, runBulk, warnUnusedColumns, type Change, type Plan } from "./bulk";
import { exportSettings, runExport } from "./export";
import { readInput, type InputRow, type InputTable } from "./rows";
import { WANTLIST_VIEW, limitOf, releaseIdArg, take } from "./views";

/** `discogs wantlist list` */
export async function list(ctx: CommandContext): Promise<void> {
  const user = await ctx.username();
  const client = await ctx.client();
  const { limit, perPage } = limitOf(ctx);
  const items = client.users.get(user).wantlist.list({ per_page: perPage }, { signal: ctx.signal });
  await ctx.out.list(take(items, limit), WANTLIST_VIEW);
}

/** `discogs wantlist export` */
export async function exportWantlist(ctx: CommandContext): Promise<number> {
  const settings = exportSettings(ctx);
  const user = await ctx.username();
  const client = await ctx.client();
  const wantlist = client.users.get(user).wantlist;
  return runExport<Want>(ctx, settings, {
    kind: "wantlist",
    header: WANTLIST_CSV_HEADER,
    key: { user },
    endpoint: {
      list: (params, options) => wantlist.list(params as never, options),
      params: {},
    },
    csvRow: (want) => wantlistRow(want as never),
  });
}

function ratingOf(value: string | undefined, where: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^[0-5]$/.test(value))
    throw new UsageError(`${where}: rating must be 0 to 5, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** `discogs wantlist add [ids...] [--notes --rating] [--from file]` */
export async function add(ctx: CommandContext): Promise<number> {
  const from = str(ctx.opts, "from");
  if (from !== undefined && ctx.args.length) throw new UsageError("give release ids or --from, not both");
  if (from === undefined && ctx.args.length === 0) {
    throw new UsageError("wantlist add needs release ids or --from <file>", "discogs help wantlist add");
  }
  if (from !== undefined && (ctx.opts.notes !== undefined || ctx.opts.rating !== undefined)) {
    throw new UsageError(
      "--notes and --rating go with ids on the command line; with --from, use the file's notes and rating columns",
    );
  }
  if (from === undefined && str(ctx.opts, "result") !== undefined)
    throw new UsageError("--result goes with --from");
  const flagRating = intOption(ctx.opts, "rating", { min: 0, max: 5 });
  const flagNotes = str(ctx.opts, "notes");
  const table: InputTable =
    from !== undefined
      ? readInput(from, await readFrom(ctx, from), "release_id")
      : {
          columns: ["release_id"],
          rows: ctx.args.map((a, i) => ({
            n: i + 1,
            cells: { release_id: a },
            values: {
              release_id: a,
              ...(flagNotes !== undefined ? { notes: flagNotes } : {}),
              ...(flagRating !== undefined ? { rating: String(flagRating) } : {}),
            },
          })),
        };
  if (from !== undefined)
    warnUnusedColumns(ctx, table, ["release_id", "notes", "rating"], "wantlist add sets notes and rating");

  const bad: string[] = [];
  const parsed = new Map<number, { release: number; notes?: string; rating?: number }>();
  for (const r of table.rows) {
    try {
      const release = releaseIdArg(r.values.release_id ?? "", "release_id");
      const rating = ratingOf(r.values.rating, `row ${r.n}`);
      const entry: { release: number; notes?: string; rating?: number } = { release };
      // An empty cell leaves the value as it is; --notes "" clears notes.
      if (r.values.notes !== undefined && (r.values.notes !== "" || from === undefined))
        entry.notes = r.values.notes;
      if (rating !== undefined) entry.rating = rating;
      parsed.set(r.n, entry);
    } catch (e) {
      bad.push(`row ${r.n}: ${(e as Error).message}`);
    }
  }
  if (bad.length) throw new UsageError(`invalid rows, nothing was sent:\n  ${bad.slice(0, 10).join("\n  ")}`);

  const user = await ctx.username();
  const client = await ctx.client();
  const wantlist = client.users.get(user).wantlist;
  return runBulk(ctx, {
    name: "wantlist add",
    keyColumn: "release_id",
    table,
    resultFile: resultPath(from, str(ctx.opts, "result")),
    async plan(rows: InputRow[]) {
      const plans = new Map<number, Plan>();
      // Only a file is diffed against the wantlist (one walk); ids on the command line are put as given.
      const current = new Map<number, Want>();
      if (from !== undefined && rows.length) {
        for await (const w of wantlist.list({}, { signal: ctx.signal })) current.set(w.id, w);
      }
      const firstRow = new Map<number, number>();
      for (const r of rows) {
        const p = parsed.get(r.n)!;
        const earlier = firstRow.get(p.release);
        if (earlier !== undefined) {
          plans.set(r.n, { action: "skip", detail: `same release as row ${earlier}` });
          continue;
        }
        firstRow.set(p.release, r.n);
        const have = current.get(p.release);
        const changes: Record<string, Change> = {};
        const body: { notes?: string; rating?: number } = {};
        if (p.notes !== undefined && (!have || (have.notes ?? "") !== p.notes)) {
          changes.notes = { from: have ? (have.notes ?? "") : null, to: p.notes };
          body.notes = p.notes;
        }
        if (p.rating !== undefined && (!have || (have.rating ?? 0) !== p.rating)) {
          changes.rating = { from: have ? (have.rating ?? 0) : null, to: p.rating };
          body.rating = p.rating;
        }
        if (have && Object.keys(body).length === 0) {
          plans.set(r.n, { action: "skip", detail: "already in the wantlist, nothing to change" });
        } else if (have) {
          plans.set(r.n, {
            action: "update",
            changes,
            create: false,
            send: () => wantlist.update(p.release, body),
          });
        } else {
          plans.set(r.n, {
            action: "add",
            changes: { release_id: { from: null, to: p.release }, ...changes },
            create: false, // a PUT: Discogs replaces the want, so a repeat is harmless
            send: () => wantlist.create({ release_id: p.release, ...body }),
          });
        }
      }
      return plans;
    },
  });
}

/** `discogs wantlist remove <ids...>` */
export async function remove(ctx: CommandContext): Promise<number> {
  const ids = ctx.args.map((a) => releaseIdArg(a));
  const user = await ctx.username();
  const client = await ctx.client();
  const sdk = await ctx.sdk();
  const wantlist = client.users.get(user).wantlist;
  const results: { release_id: number; result: string; detail: string }[] = [];
  let code: number = EXIT.ok;
  for (const id of ids) {
    if (ctx.interrupted()) break;
    try {
      await wantlist.delete(id);
      results.push({ release_id: id, result: "ok", detail: "" });
    } catch (e) {
      if (!(e instanceof sdk.NotFoundError)) throw e;
      results.push({ release_id: id, result: "failed", detail: "not in the wantlist" });
      code = EXIT.notFound;
    }
  }
  await ctx.out.list(results, {
    columns: [
      { header: "release_id", path: "release_id" },
      { header: "result", path: "result" },
      { header: "detail", path: "detail" },
    ],
  });
  return code;
}
