/**
 * `discogs release|master|artist|label <id>` and `discogs search`.
 *
 * @module
 */

import { str } from "../args";
import type { CommandContext } from "../context";
import type { Hints } from "../errors";
import { UsageError } from "../exit";
import {
  ARTIST_RELEASES_VIEW,
  ARTIST_VIEW,
  LABEL_RELEASES_VIEW,
  LABEL_VIEW,
  MASTER_VIEW,
  RELEASE_VIEW,
  SEARCH_VIEW,
  VERSIONS_VIEW,
  limitOf,
  take,
} from "./views";

type Kind = "release" | "master" | "artist" | "label";
const PREFIX: Record<Kind, string> = { release: "r", master: "m", artist: "a", label: "l" };

/**
 * An id of `kind` as typed: `352665`, a typed reference (`r352665`, `@r352665`, `[r352665]`), or a discogs.com
 * URL (`https://www.discogs.com/release/352665-Title`). A reference of another type is a usage error.
 */
export function parseRef(kind: Kind, value: string): number {
  const s = value.trim();
  const url =
    /discogs\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:[^/?#]+\/)?(release|master|artist|label)\/(\d+)/i.exec(s);
  const ref = /^@?\[?([rmal])?(\d+)\]?$/i.exec(s);
  let type: string | undefined;
  let id: string | undefined;
  if (url) [type, id] = [url[1]!.toLowerCase(), url[2]];
  else if (ref)
    [type, id] = [
      ref[1] ? (Object.entries(PREFIX).find(([, p]) => p === ref[1]!.toLowerCase())?.[0] ?? "") : kind,
      ref[2],
    ];
  const n = Number(id);
  if (!id || !Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(
      `expected a ${kind} id such as ${PREFIX[kind] === "r" ? "352665" : "3857"}, got ${JSON.stringify(value)}`,
    );
  }
  if (type !== kind)
    throw new UsageError(
      `${JSON.stringify(value)} is a ${type} reference, not a ${kind}`,
      `try discogs ${type} ${n}`,
    );
  return n;
}

const notFound = (kind: Kind) =>
  `no ${kind} with that id: find the id with discogs search "<words>"${kind === "release" ? "" : ` --type ${kind}`}`;

/** Hints per command for errors (read by the dispatcher). */
export const hints: Record<string, Hints> = {
  release: { notFound: notFound("release") },
  master: { notFound: notFound("master") },
  artist: { notFound: notFound("artist") },
  label: { notFound: notFound("label") },
  search: { auth: "search needs credentials: run discogs auth login, or set DISCOGS_TOKEN" },
};

/** `discogs release <id>` */
export async function release(ctx: CommandContext): Promise<void> {
  const id = parseRef("release", ctx.args[0]!);
  const client = await ctx.client();
  await ctx.out.object(await client.releases.get(id, undefined, { signal: ctx.signal }), RELEASE_VIEW);
}

/** `discogs master <id> [--versions]` */
export async function master(ctx: CommandContext): Promise<void> {
  const id = parseRef("master", ctx.args[0]!);
  const client = await ctx.client();
  const { limit, perPage } = limitOf(ctx);
  if (ctx.opts.versions) {
    const items = client.masters.get(id).versions.list({ per_page: perPage }, { signal: ctx.signal });
    await ctx.out.list(take(items, limit), VERSIONS_VIEW);
    return;
  }
  if (ctx.opts.limit !== undefined) throw new UsageError("--limit applies to --versions only");
  await ctx.out.object(await client.masters.get(id, { signal: ctx.signal }), MASTER_VIEW);
}

/** `discogs artist <id> [--releases]` */
export async function artist(ctx: CommandContext): Promise<void> {
  const id = parseRef("artist", ctx.args[0]!);
  const client = await ctx.client();
  const { limit, perPage } = limitOf(ctx);
  if (ctx.opts.releases) {
    const items = client.artists.get(id).releases.list({ per_page: perPage }, { signal: ctx.signal });
    await ctx.out.list(take(items, limit), ARTIST_RELEASES_VIEW);
    return;
  }
  if (ctx.opts.limit !== undefined) throw new UsageError("--limit applies to --releases only");
  await ctx.out.object(await client.artists.get(id, { signal: ctx.signal }), ARTIST_VIEW);
}

/** `discogs label <id> [--releases]` */
export async function label(ctx: CommandContext): Promise<void> {
  const id = parseRef("label", ctx.args[0]!);
  const client = await ctx.client();
  const { limit, perPage } = limitOf(ctx);
  if (ctx.opts.releases) {
    const items = client.labels.get(id).releases.list({ per_page: perPage }, { signal: ctx.signal });
    await ctx.out.list(take(items, limit), LABEL_RELEASES_VIEW);
    return;
  }
  if (ctx.opts.limit !== undefined) throw new UsageError("--limit applies to --releases only");
  await ctx.out.object(await client.labels.get(id, { signal: ctx.signal }), LABEL_VIEW);
}

const SEARCH_FILTERS: Record<string, string> = {
  title: "title",
  "release-title": "release_title",
  artist: "artist",
  anv: "anv",
  credit: "credit",
  label: "label",
  genre: "genre",
  style: "style",
  country: "country",
  year: "year",
  format: "format",
  catno: "catno",
  barcode: "barcode",
  track: "track",
  submitter: "submitter",
  contributor: "contributor",
};

/** `discogs search [query...] [filters]` */
export async function search(ctx: CommandContext): Promise<void> {
  const query = ctx.args.join(" ").trim();
  const params: Record<string, unknown> = {};
  if (query) params.query = query;
  const type = str(ctx.opts, "type");
  if (type !== undefined) params.type = type.toLowerCase();
  for (const [flag, name] of Object.entries(SEARCH_FILTERS)) {
    const v = str(ctx.opts, flag);
    if (v !== undefined) params[name] = v;
  }
  if (Object.keys(params).length === 0) {
    throw new UsageError(
      "search needs a query or a filter",
      'e.g. discogs search "Pretty Hate Machine", or --artist, --label, --year',
    );
  }
  ctx.requireAuth("search");
  const { limit, perPage } = limitOf(ctx, 20);
  const client = await ctx.client();
  const items = client.search({ ...params, per_page: perPage } as never, { signal: ctx.signal });
  await ctx.out.list(take(items, limit), SEARCH_VIEW);
}
