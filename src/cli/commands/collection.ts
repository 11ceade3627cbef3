/**
 * `discogs collection list|export|add|remove`.
 *
 * @module
 */

import { str } from "../args";
import type { CommandContext } from "../context";
import { COLLECTION_CSV_HEADER, collectionRow } from "../csv";
import { CliError, EXIT, UsageError } from "../exit";
import type { CollectionItem } from "../../index";
import { readFrom, resultPath, runBulk, warnUnusedColumns, type Plan } from "./bulk";
import { exportSettings, runExport } from "./export";
import { readInput, type InputRow, type InputTable } from "./rows";
import { COLLECTION_VIEW, folderOption, limitOf, releaseIdArg, sortOrder, take } from "./views";

/** Names of the two folders every collection has. */
const FIXED_FOLDERS: Record<number, string> = { 0: "All", 1: "Uncategorized" };

/** `discogs collection list` */
export async function list(ctx: CommandContext): Promise<void> {
  const { limit, perPage } = limitOf(ctx);
  const params: Record<string, unknown> = { per_page: perPage };
  const sort = str(ctx.opts, "sort");
  if (sort !== undefined) params.sort = sort;
  const order = sortOrder(ctx);
  if (order) params.sort_order = order;
  const client = await ctx.client();
  const folder = folderOption(ctx, 0);
  const listOf = (user: string) =>
    client.users
      .get(user)
      .collection.folders.get(folder)
      .releases.list(params as never, { signal: ctx.signal });
  listOf("-"); // the SDK checks the params (a TypeError, exit 2) before the username may cost a request
  const items = listOf(await ctx.username());
  await ctx.out.list(take(items, limit), COLLECTION_VIEW);
}

/** `discogs collection export` */
export async function exportCollection(ctx: CommandContext): Promise<number> {
  const settings = exportSettings(ctx);
  const user = await ctx.username();
  const client = await ctx.client();
  const folder = folderOption(ctx, 0);
  const collection = client.users.get(user).collection;
  // Folder names for the CollectionFolder column: 1 is always "Uncategorized", so a collection kept there needs
  // no extra request; other folders are looked up once, when the first item in one shows up.
  let names: Promise<Map<number, string>> | undefined;
  const folderName = async (id: number | undefined): Promise<string> => {
    if (id === undefined) return "";
    if (FIXED_FOLDERS[id]) return FIXED_FOLDERS[id]!;
    names ??= collection.folders
      .list({ signal: ctx.signal })
      .then((fs) => new Map(fs.map((f) => [f.id, f.name])))
      .catch((e: unknown) => {
        ctx.log(`folder names unavailable (${(e as Error).message}): the folder id is written instead`);
        return new Map<number, string>();
      });
    return (await names).get(id) ?? String(id);
  };
  return runExport<CollectionItem>(ctx, settings, {
    kind: "collection",
    header: COLLECTION_CSV_HEADER,
    key: { user, folder },
    endpoint: {
      list: (params, options) => collection.folders.get(folder).releases.list(params as never, options),
      params: { sort: "added", sort_order: "asc" },
    },
    csvRow: async (item) => collectionRow(item as never, await folderName(item.folder_id)),
  });
}

/** Counts of the current instances of `releases` in the user's collection: a walk, or one look-up each. */
async function instanceCounts(
  ctx: CommandContext,
  user: string,
  releases: Set<number>,
): Promise<Map<number, number | "missing">> {
  const client = await ctx.client();
  const collection = client.users.get(user).collection;
  const counts = new Map<number, number | "missing">();
  for (const id of releases) counts.set(id, 0);
  if (releases.size === 0) return counts;
  const pages = collection.folders.get(0).releases.list({}, { signal: ctx.signal }).pages();
  const it = pages[Symbol.asyncIterator]();
  let first = true;
  for (;;) {
    const next = await it.next();
    if (next.done) return counts;
    const page = next.value;
    for (const item of page.items)
      if (counts.has(item.id)) counts.set(item.id, (counts.get(item.id) as number) + 1);
    const left = (page.pagination?.pages ?? 1) - (page.pagination?.page ?? 1);
    // Cheaper to look the releases up one by one than to walk the rest of a big collection.
    if (first && left > releases.size) {
      await it.return?.();
      break;
    }
    first = false;
  }
  for (const id of releases) {
    try {
      let n = 0;
      for await (const _ of collection.releases.get(id).list({}, { signal: ctx.signal })) n++;
      counts.set(id, n);
    } catch (e) {
      const sdk = await ctx.sdk();
      if (e instanceof sdk.NotFoundError) counts.set(id, "missing");
      else throw e;
    }
  }
  return counts;
}

/** `discogs collection add [ids...] [--from file]` */
export async function add(ctx: CommandContext): Promise<number> {
  const from = str(ctx.opts, "from");
  if (from !== undefined && ctx.args.length) throw new UsageError("give release ids or --from, not both");
  if (from === undefined && ctx.args.length === 0) {
    throw new UsageError("collection add needs release ids or --from <file>", "discogs help collection add");
  }
  if (from === undefined && str(ctx.opts, "result") !== undefined)
    throw new UsageError("--result goes with --from");
  const table: InputTable =
    from !== undefined
      ? readInput(from, await readFrom(ctx, from), "release_id")
      : {
          columns: ["release_id"],
          rows: ctx.args.map((a, i) => ({ n: i + 1, cells: { release_id: a }, values: { release_id: a } })),
        };
  if (from !== undefined)
    warnUnusedColumns(
      ctx,
      table,
      ["release_id", "folder_id", "collectionfolder"],
      "collection add sets the release and the folder",
    );
  const defaultFolder = folderOption(ctx, 1);
  if (defaultFolder === 0)
    throw new UsageError('--folder 0 ("All") cannot take releases: use 1 (Uncategorized) or another folder');

  // Validate every row before anything is sent.
  const bad: string[] = [];
  const parsed = new Map<number, { release: number; folder: number | string }>();
  for (const r of table.rows) {
    try {
      const release = releaseIdArg(r.values.release_id ?? "", "release_id");
      let folder: number | string = defaultFolder;
      if (r.values.folder_id) {
        if (!/^\d+$/.test(r.values.folder_id) || r.values.folder_id === "0")
          throw new UsageError(
            `folder_id must be a folder id above 0, got ${JSON.stringify(r.values.folder_id)}`,
          );
        folder = Number(r.values.folder_id);
      } else if (r.values.collectionfolder) folder = r.values.collectionfolder;
      parsed.set(r.n, { release, folder });
    } catch (e) {
      bad.push(`row ${r.n}: ${(e as Error).message}`);
    }
  }
  if (bad.length)
    throw new UsageError(
      `invalid rows, nothing was sent:\n  ${bad.slice(0, 10).join("\n  ")}${bad.length > 10 ? `\n  (and ${bad.length - 10} more)` : ""}`,
    );

  const user = await ctx.username();
  const client = await ctx.client();
  const collection = client.users.get(user).collection;
  return runBulk(ctx, {
    name: "collection add",
    keyColumn: "release_id",
    table,
    resultFile: resultPath(from, str(ctx.opts, "result")),
    async plan(rows: InputRow[]) {
      const plans = new Map<number, Plan>();
      const wanted = rows.map((r) => ({ r, ...parsed.get(r.n)! }));
      let folderIds: Map<string, number> | undefined;
      if (wanted.some((w) => typeof w.folder === "string")) {
        const folders = await collection.folders.list({ signal: ctx.signal });
        folderIds = new Map(folders.map((f) => [f.name.toLowerCase(), f.id]));
      }
      // With --from, the file says what should be there: a release already in the collection is skipped
      // (listed n times, it should be there n times). Ids on the command line are always added.
      const counts =
        from !== undefined
          ? await instanceCounts(ctx, user, new Set(wanted.map((w) => w.release)))
          : undefined;
      const seen = new Map<number, number>();
      for (const w of wanted) {
        const folder = typeof w.folder === "number" ? w.folder : folderIds?.get(w.folder.toLowerCase());
        if (folder === undefined || folder === 0) {
          plans.set(w.r.n, {
            action: "fail",
            detail: `no folder named ${JSON.stringify(w.folder)} (create it on Discogs first)`,
          });
          continue;
        }
        const k = (seen.get(w.release) ?? 0) + 1;
        seen.set(w.release, k);
        const have = counts?.get(w.release);
        if (have === "missing") {
          plans.set(w.r.n, { action: "fail", detail: `release ${w.release} not found` });
          continue;
        }
        if (have !== undefined && k <= have) {
          plans.set(w.r.n, {
            action: "skip",
            detail: `already in the collection (${have} cop${have === 1 ? "y" : "ies"})`,
          });
          continue;
        }
        plans.set(w.r.n, {
          action: "add",
          changes: { folder_id: { from: null, to: folder } },
          create: true,
          send: async () => {
            const created = await collection.folders.get(folder).releases.create({ release_id: w.release });
            return created;
          },
        });
      }
      return plans;
    },
  });
}

/** `discogs collection remove <release-id> [--instance id]` */
export async function remove(ctx: CommandContext): Promise<number> {
  const release = releaseIdArg(ctx.args[0]!);
  const instanceArg = str(ctx.opts, "instance");
  const instance = instanceArg === undefined ? undefined : releaseIdArg(instanceArg, "instance id");
  const user = await ctx.username();
  const client = await ctx.client();
  const collection = client.users.get(user).collection;
  const copies = await collection.releases
    .get(release)
    .list({}, { signal: ctx.signal })
    .toArray({ limit: 10_000 });
  const targets = copies.filter((c) => instance === undefined || c.instance_id === instance);
  if (targets.length === 0) {
    throw new CliError(
      instance === undefined
        ? `release ${release} is not in ${user}'s collection`
        : `release ${release} has no instance ${instance} in ${user}'s collection (instances: ${copies.map((c) => c.instance_id).join(", ") || "none"})`,
      EXIT.notFound,
      "discogs collection list shows the collection",
    );
  }
  const dryRun = ctx.opts["dry-run"] === true;
  const results = [];
  for (const c of targets) {
    if (!dryRun) {
      if (ctx.interrupted()) break;
      await collection.folders
        .get(c.folder_id ?? 0)
        .releases.get(release)
        .instances.delete(c.instance_id);
    }
    results.push({
      release_id: release,
      instance_id: c.instance_id,
      folder_id: c.folder_id,
      action: "remove",
      result: dryRun ? "dry-run" : "ok",
    });
  }
  await ctx.out.list(results, {
    columns: [
      { header: "release_id", path: "release_id" },
      { header: "instance_id", path: "instance_id" },
      { header: "folder_id", path: "folder_id" },
      { header: "result", path: "result" },
    ],
  });
  return EXIT.ok;
}
