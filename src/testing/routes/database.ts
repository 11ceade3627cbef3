/**
 * Database endpoints of the emulator: releases (with user ratings, community rating and stats), masters and
 * their versions, artists and their releases, labels and their releases, and `GET /database/search`.
 *
 * Also exports the small helpers the marketplace and inventory routes share ({@link rebase}, {@link send},
 * {@link sendPage}, {@link invalid}, {@link numericId}, the condition and currency enums).
 *
 * @module
 */

import {
  error,
  json,
  MESSAGES,
  noContent,
  pageParams,
  paginate,
  requireOwner,
  type Ctx,
  type PageSource,
  type Reply,
  type Router,
} from "../framework";
import { CONDITIONS, CURRENCIES, SLEEVE_CONDITIONS } from "../../models/values";
import { API_ROOT, artistsDisplay, slug } from "../seed/database";
import type { EmulatorState, Wire } from "../state";

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

// Discogs' currencies and conditions: the SDK's own lists (one fact, one place).
export { CURRENCIES, SLEEVE_CONDITIONS };
/** Media conditions, best first. */
export const MEDIA_CONDITIONS = CONDITIONS;

/**
 * A deep copy of `value` in which every string starting with `https://api.discogs.com` (how stored data spells
 * API URLs) starts with `baseUrl` instead, so responses link back to the emulator.
 */
export function rebase<T>(value: T, baseUrl: string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return v.startsWith(API_ROOT) ? baseUrl + v.slice(API_ROOT.length) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** A JSON reply whose stored API URLs are rewritten to the emulator's base URL. */
export function send(ctx: Ctx, status: number, body: unknown, headers?: Record<string, string>): Reply {
  return json(status, rebase(body, ctx.baseUrl), headers);
}

/** {@link paginate}, with stored API URLs rewritten to the emulator's base URL (the page's items only). */
export function sendPage<T>(
  ctx: Ctx,
  items: PageSource<T>,
  key: string,
  extra: Record<string, unknown> = {},
  view?: (item: T, index: number, page: readonly T[]) => unknown,
): Reply {
  const reply = paginate(ctx, items, key, extra, view);
  if (reply.status === 200) reply.json = rebase(reply.json, ctx.baseUrl);
  return reply;
}

/**
 * A 422 in Discogs' newer validation style: `{"message": ..., "detail": [{"loc": ["body", field], "msg", "type"}]}`.
 *
 * @param field - the offending field (`loc` is `["body", field]`; pass `null` for the whole body)
 * @param msg - the per-field message
 * @param type - the error type (`missing`, `literal_error`, `int_parsing`, ...)
 * @param message - the top-level message (default `Invalid <field>: <msg>`)
 */
export function invalid(field: string | null, msg: string, type: string, message?: string): Reply {
  return {
    status: 422,
    json: {
      message: message ?? (field ? `Invalid ${field}: ${msg}` : msg),
      detail: [{ loc: field ? ["body", field] : ["body"], msg, type }],
    },
  };
}

/** A path id made only of digits, as a number; null otherwise (the route then answers 404). */
export function numericId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}

/** Rounds to 2 decimals. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A Discogs timestamp for now, in Pacific time with a fixed `-07:00` offset (`2024-05-01T10:20:30-07:00`). */
export function nowPacific(): string {
  return new Date(Date.now() - 7 * 3_600_000).toISOString().slice(0, 19) + "-07:00";
}

/**
 * The `{in_collection, in_wantlist}` counts of `username` for some release ids: copies in the collection (one
 * pass over it, a set look-up per entry) and ids in the wantlist.
 */
export function userCounts(state: EmulatorState, username: string, releaseIds: Iterable<unknown>): Wire {
  const ids = new Set(releaseIds);
  const coll =
    state.collection.get(username) ?? state.collection.get(state.user(username)?.username ?? "") ?? [];
  const wants = state.wants.get(username) ?? state.wants.get(state.user(username)?.username ?? "");
  let inCollection = 0;
  for (const i of coll) if (ids.has(i.release_id)) inCollection++;
  let inWantlist = 0;
  if (wants) for (const id of ids) if (wants.has(id as number)) inWantlist++;
  return { in_collection: inCollection, in_wantlist: inWantlist };
}

/**
 * The caller's counts ({@link userCounts}) for each item of one page, or null when the caller is no user (the
 * counts are then left out). `idsOf` gives the release ids an item stands for (a master: its versions). The
 * collection is read once, on the page's first item, for the ids of the whole page: a page costs one light
 * pass over the collection, not one per item. Used as a page view's helper: `(item, page) => counts(item, page)`.
 */
export function pageUserCounts<T>(
  ctx: Ctx,
  idsOf: (item: T) => readonly unknown[],
): ((item: T, page: readonly T[]) => Wire) | null {
  const user = ctx.auth.user;
  if (!user) return null;
  let copies: Map<unknown, number> | undefined;
  const wants =
    ctx.state.wants.get(user.username) ?? ctx.state.wants.get(ctx.state.user(user.username)?.username ?? "");
  return (item, page) => {
    if (!copies) {
      copies = new Map(page.flatMap(idsOf).map((id) => [id, 0]));
      const coll = ctx.state.collection.get(user.username) ?? [];
      for (const i of coll) {
        const n = copies.get(i.release_id);
        if (n !== undefined) copies.set(i.release_id, n + 1);
      }
    }
    let inCollection = 0;
    let inWantlist = 0;
    for (const id of new Set(idsOf(item))) {
      inCollection += copies.get(id) ?? userCounts(ctx.state, user.username, [id]).in_collection;
      if (wants?.has(id as number)) inWantlist++;
    }
    return { in_collection: inCollection, in_wantlist: inWantlist };
  };
}

/** For-sale listings of some releases: how many and the lowest price (value only). */
export function marketFor(
  state: EmulatorState,
  releaseIds: ReadonlySet<number>,
): { count: number; lowest: number | null } {
  let count = 0;
  let lowest: number | null = null;
  for (const l of state.listings.values()) {
    if (l.status !== "For Sale" || !releaseIds.has(l.release?.id)) continue;
    count++;
    const v = Number(l.price?.value);
    if (Number.isFinite(v) && (lowest === null || v < lowest)) lowest = v;
  }
  return { count, lowest };
}

/** A release's community rating: its stored (outside world) rating plus the emulator users' ratings. */
export function communityRating(state: EmulatorState, release: Wire): { count: number; average: number } {
  const base = release.community?.rating ?? { count: 0, average: 0 };
  const baseCount = Number(base.count) || 0;
  let sum = (Number(base.average) || 0) * baseCount;
  let count = baseCount;
  for (const r of state.ratings.get(release.id)?.values() ?? []) {
    sum += r;
    count++;
  }
  return { count, average: count ? round2(sum / count) : 0 };
}

/** Sort direction from `sort_order` (`desc` → -1, anything else → 1). */
function direction(ctx: Ctx): 1 | -1 {
  return ctx.query.get("sort_order")?.toLowerCase() === "desc" ? -1 : 1;
}

/** Compares two sort keys (numbers numerically, strings case-insensitively with numbers in them as numbers). */
export function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return sameShapeCompare(a, b) ?? COLLATOR.compare(a, b);
  return COLLATOR.compare(String(a ?? ""), String(b ?? ""));
}

/**
 * The collator's answer for two strings of one shape, without the collator: when they have the same length and
 * the same characters up to a run of digits where they first differ, and that run ends at the same place in
 * both (timestamps such as `2014-07-15T12:55:01-07:00`, catalog numbers), the runs line up with the same width,
 * so the first differing digit decides, as numeric collation would. Undefined when that cannot be told.
 */
function sameShapeCompare(a: string, b: string): number | undefined {
  if (a.length !== b.length) return undefined;
  let first = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    const xDigit = x >= 48 && x <= 57;
    if (x === y) {
      if (first !== 0 && !xDigit) return first; // the differing run ended in both at once
      continue;
    }
    if (!xDigit || y < 48 || y > 57) return undefined; // a letter or sign differs, or the runs differ in length
    if (first === 0) first = x - y;
  }
  return first;
}

const COLLATOR = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * Sorts a copy of `items` by `key(item)` in `dir` order, ties broken by id. `key` runs once per item (not once
 * per comparison), so a sort costs one key per item plus the comparisons.
 */
export function sortBy<T extends Wire>(items: readonly T[], key: (item: T) => unknown, dir: 1 | -1): T[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => dir * compareKeys(a.key, b.key) || compareKeys(a.item.id, b.item.id));
  return keyed.map((k) => k.item);
}

/**
 * `items` in `key` order (`dir`), ties broken by id, as {@link sortBy} orders them, for {@link paginate}: only
 * the items up to the end of the page `ctx` asks for are ordered, with a bounded heap, so page 1 of 40,000 items
 * costs one key and about one comparison per item instead of a whole sort. Deep pages (past half the list) fall
 * back to {@link sortBy}.
 */
export function sortedPages<T extends Wire>(
  ctx: Ctx,
  items: readonly T[],
  key: (item: T) => unknown,
  dir: 1 | -1,
): PageSource<T> {
  const { page, perPage } = pageParams(ctx.query);
  const end = page * perPage;
  if (end * 2 >= items.length) return sortBy(items, key, dir);
  type Keyed = { item: T; key: unknown; index: number };
  /** > 0 when `a` comes after `b`; ties as in {@link sortBy}: by id, then by position (its sort is stable). */
  const after = (a: Keyed, b: Keyed) =>
    dir * compareKeys(a.key, b.key) || compareKeys(a.item.id, b.item.id) || a.index - b.index;
  // A max-heap (by `after`) of the `end` first items seen so far: its root is the last of them.
  const heap: Keyed[] = [];
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && after(heap[l]!, heap[top]!) > 0) top = l;
      if (r < heap.length && after(heap[r]!, heap[top]!) > 0) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  };
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const k = key(item);
    if (heap.length < end) {
      heap.push({ item, key: k, index });
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (after(heap[i]!, heap[parent]!) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else {
      const root = heap[0]!;
      // A later item never goes before an equal one (its position breaks the tie): only "< 0" replaces.
      if ((dir * compareKeys(k, root.key) || compareKeys(item.id, root.item.id)) < 0) {
        heap[0] = { item, key: k, index };
        siftDown(0);
      }
    }
  }
  const first = heap.sort(after).map((e) => e.item);
  return { length: items.length, slice: (start, stop) => first.slice(start, Math.min(stop, end)) };
}

/** Milliseconds since the epoch of a Discogs timestamp (0 when it is not one), for sorting. */
export function timeKey(stamp: unknown): number {
  return typeof stamp === "string" ? Date.parse(stamp) || 0 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Releases

const RELEASE_NOT_FOUND = "Release not found.";

function releaseOr404(ctx: Ctx): Wire | Reply {
  const id = numericId(ctx.params.release_id);
  const release = id === null ? undefined : ctx.state.releases.get(id);
  return release ?? error(404, RELEASE_NOT_FOUND);
}

function isReply(x: unknown): x is Reply {
  return (
    !!x && typeof x === "object" && "status" in x && typeof (x as Reply).status === "number" && !("id" in x)
  );
}

function getRelease(ctx: Ctx): Reply {
  const r = releaseOr404(ctx);
  if (isReply(r)) return r;
  const market = marketFor(ctx.state, new Set([r.id]));
  const body: Wire = { ...r, community: { ...r.community, rating: communityRating(ctx.state, r) } };
  body.num_for_sale = market.count;
  body.lowest_price = market.lowest;
  return send(ctx, 200, body);
}

function ratingBody(release: Wire, username: string, rating: number): Wire {
  return { username, release_id: release.id, rating };
}

function getUserRating(ctx: Ctx): Reply {
  const r = releaseOr404(ctx);
  if (isReply(r)) return r;
  const username = ctx.state.user(ctx.params.username ?? "")?.username ?? ctx.params.username ?? "";
  const stored = ctx.state.ratings.get(r.id);
  let value = 0;
  for (const [u, v] of stored ?? []) if (u.toLowerCase() === username.toLowerCase()) value = v;
  return send(ctx, 200, ratingBody(r, username, value));
}

/** Reads an integer in `[min, max]` from a body field; returns the number or a 422 reply. */
export function intField(
  body: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
  required = true,
): number | undefined | Reply {
  const raw = body[field];
  if (raw === undefined || raw === null || raw === "") {
    return required ? invalid(field, "Field required", "missing") : undefined;
  }
  const n =
    typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) return invalid(field, "Input should be a valid integer", "int_parsing");
  if (n < min || n > max) {
    return invalid(field, `Input should be between ${min} and ${max}`, "value_error");
  }
  return n;
}

function putUserRating(ctx: Ctx): Reply {
  const username = ctx.params.username ?? "";
  const denied = requireOwner(ctx, username);
  if (denied) return denied;
  const r = releaseOr404(ctx);
  if (isReply(r)) return r;
  if (ctx.bodyInvalid) return invalid(null, "Invalid JSON body.", "json_invalid");
  const input = { ...Object.fromEntries(ctx.query), ...(ctx.body ?? {}) };
  const raw = input.rating;
  if (raw === undefined || raw === null || raw === "") return invalid("rating", "Field required", "missing");
  const n =
    typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 5) {
    return invalid(
      "rating",
      "Input should be 1, 2, 3, 4 or 5",
      "literal_error",
      "Invalid rating: expected an integer from 1 to 5.",
    );
  }
  const owner = ctx.auth.user!.username;
  const m = ctx.state.ratings.get(r.id) ?? new Map<string, number>();
  for (const u of [...m.keys()]) if (u.toLowerCase() === owner.toLowerCase()) m.delete(u);
  m.set(owner, n);
  ctx.state.ratings.set(r.id, m);
  return send(ctx, 200, ratingBody(r, owner, n));
}

function deleteUserRating(ctx: Ctx): Reply {
  const denied = requireOwner(ctx, ctx.params.username ?? "");
  if (denied) return denied;
  const r = releaseOr404(ctx);
  if (isReply(r)) return r;
  const m = ctx.state.ratings.get(r.id);
  const owner = ctx.auth.user!.username.toLowerCase();
  if (m) for (const u of [...m.keys()]) if (u.toLowerCase() === owner) m.delete(u);
  return noContent();
}

function getCommunityRating(ctx: Ctx): Reply {
  const r = releaseOr404(ctx);
  if (isReply(r)) return r;
  return send(ctx, 200, { rating: communityRating(ctx.state, r), release_id: r.id });
}

function getReleaseStats(ctx: Ctx): Reply {
  const r = releaseOr404(ctx);
  if (isReply(r)) return r;
  return send(ctx, 200, {
    num_have: r.community?.have ?? 0,
    num_want: r.community?.want ?? 0,
    is_offensive: false,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Masters

const MASTER_NOT_FOUND = "Master Release not found.";

function masterOr404(ctx: Ctx): Wire | Reply {
  const id = numericId(ctx.params.master_id);
  const master = id === null ? undefined : ctx.state.masters.get(id);
  return master ?? error(404, MASTER_NOT_FOUND);
}

function getMaster(ctx: Ctx): Reply {
  const m = masterOr404(ctx);
  if (isReply(m)) return m;
  const ids = new Set((ctx.state.masterVersions.get(m.id) ?? []).map((v) => v.id as number));
  ids.add(m.main_release);
  const market = marketFor(ctx.state, ids);
  return send(ctx, 200, { ...m, num_for_sale: market.count, lowest_price: market.lowest });
}

/** The filterable values of a master version (from the full release when it is seeded). */
function versionFacets(
  state: EmulatorState,
  v: Wire,
): Record<"format" | "label" | "country" | "released", string[]> {
  const r = state.releases.get(v.id);
  const formats = r
    ? [...new Set(r.formats.flatMap((f: Wire) => [f.name, ...(f.descriptions ?? [])]))]
    : [...(v.major_formats ?? []), ...String(v.format ?? "").split(", ")];
  const labels = r ? [...new Set(r.labels.map((l: Wire) => l.name))] : [v.label];
  return {
    format: formats.filter(Boolean) as string[],
    label: labels.filter(Boolean) as string[],
    country: v.country ? [v.country] : [],
    released: v.released ? [String(v.released).slice(0, 4)] : [],
  };
}

const FACETS = [
  ["format", "Format", true],
  ["label", "Label", true],
  ["country", "Country", true],
  ["released", "Released", false],
] as const;

function getMasterVersions(ctx: Ctx): Reply {
  const m = masterOr404(ctx);
  if (isReply(m)) return m;
  const all = ctx.state.masterVersions.get(m.id) ?? [];
  const facets = new Map(all.map((v) => [v.id as number, versionFacets(ctx.state, v)]));
  const applied: Record<string, string[]> = {};
  for (const [key] of FACETS) {
    const values = ctx.query.getAll(key).filter((x) => x !== "");
    if (values.length) applied[key] = values;
  }
  let versions = all.filter((v) =>
    Object.entries(applied).every(([key, wanted]) => {
      const have = (facets.get(v.id)?.[key as keyof ReturnType<typeof versionFacets>] ?? []).map((x) =>
        x.toLowerCase(),
      );
      return wanted.some((w) => have.includes(w.toLowerCase()));
    }),
  );
  const available: Record<string, Record<string, number>> = {};
  const filterFacets: Wire[] = [];
  for (const [key, title, multiple] of FACETS) {
    const counts = new Map<string, number>();
    for (const v of versions)
      for (const value of facets.get(v.id)?.[key] ?? []) counts.set(value, (counts.get(value) ?? 0) + 1);
    const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    available[key] = Object.fromEntries(sorted);
    filterFacets.push({
      title,
      id: key,
      values: sorted.map(([value, count]) => ({
        title: value,
        value: encodeURIComponent(value).replace(/%20/g, "+"),
        count,
      })),
      allows_multiple_values: multiple,
    });
  }
  const sort = ctx.query.get("sort");
  const keys: Record<string, (v: Wire) => unknown> = {
    released: (v) => v.released,
    title: (v) => v.title,
    format: (v) => v.format,
    label: (v) => v.label,
    catno: (v) => v.catno,
    country: (v) => v.country,
  };
  if (sort && keys[sort]) versions = sortBy(versions, keys[sort], direction(ctx));
  else if (direction(ctx) === -1) versions = [...versions].reverse();
  const counts = pageUserCounts(ctx, (v: Wire) => [v.id]);
  return sendPage(
    ctx,
    versions,
    "versions",
    { filters: { applied, available }, filter_facets: filterFacets },
    (v, _, page) => (counts ? { ...v, stats: { ...v.stats, user: counts(v, page) } } : v),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Artists and labels

function getArtist(ctx: Ctx): Reply {
  const id = numericId(ctx.params.artist_id);
  const artist = id === null ? undefined : ctx.state.artists.get(id);
  if (!artist) return error(404, "Artist not found.");
  return send(ctx, 200, artist);
}

function getArtistReleases(ctx: Ctx): Reply {
  const id = numericId(ctx.params.artist_id);
  const artist = id === null ? undefined : ctx.state.artists.get(id);
  if (!artist) return error(404, "Artist not found.");
  let items = ctx.state.artistReleases.get(artist.id) ?? [];
  const sort = ctx.query.get("sort");
  const keys: Record<string, (v: Wire) => unknown> = {
    year: (v) => v.year ?? 0,
    title: (v) => v.title,
    format: (v) => v.format ?? "",
  };
  if (sort && keys[sort]) items = sortBy(items, keys[sort], direction(ctx));
  else if (direction(ctx) === -1) items = [...items].reverse();
  const counts = pageUserCounts(ctx, (it: Wire) =>
    it.type === "master" ? (ctx.state.masterVersions.get(it.id) ?? []).map((v) => v.id) : [it.id],
  );
  return sendPage(ctx, items, "releases", {}, (it, _, page) =>
    counts ? { ...it, stats: { ...it.stats, user: counts(it, page) } } : it,
  );
}

function getLabel(ctx: Ctx): Reply {
  const id = numericId(ctx.params.label_id);
  const label = id === null ? undefined : ctx.state.labels.get(id);
  if (!label) return error(404, "Label not found.");
  return send(ctx, 200, label);
}

function getLabelReleases(ctx: Ctx): Reply {
  const id = numericId(ctx.params.label_id);
  const label = id === null ? undefined : ctx.state.labels.get(id);
  if (!label) return error(404, "Label not found.");
  const items = ctx.state.labelReleases.get(label.id) ?? [];
  const counts = pageUserCounts(ctx, (it: Wire) => [it.id]);
  return sendPage(ctx, items, "releases", {}, (it, _, page) =>
    counts ? { ...it, stats: { ...it.stats, user: counts(it, page) } } : it,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Search

interface SearchDoc {
  type: "release" | "master" | "artist" | "label";
  id: number;
  /** The release (main release for masters) the release-level filters look at. */
  release?: Wire;
  /** What `title` matches: "Artist - Title" or the name (lower case, like `name` and `text`). */
  title: string;
  /** The bare title (`release_title`) or name. */
  name: string;
  /** Free text `q` matches. */
  text: string;
  popularity: number;
  result: Wire;
}

const lc = (s: unknown) => String(s ?? "").toLowerCase();

function allTracks(r: Wire): Wire[] {
  const out: Wire[] = [];
  const walk = (ts: Wire[]) => {
    for (const t of ts) {
      out.push(t);
      if (t.sub_tracks) walk(t.sub_tracks);
    }
  };
  walk(r.tracklist ?? []);
  return out;
}

function allCredits(r: Wire): Wire[] {
  const tracks = allTracks(r);
  return [
    ...(r.artists ?? []),
    ...(r.extraartists ?? []),
    ...tracks.flatMap((t) => [...(t.artists ?? []), ...(t.extraartists ?? [])]),
  ];
}

function releaseResultFields(r: Wire): Wire {
  return {
    country: r.country ?? "",
    year: r.year ? String(r.year) : "",
    format: r.formats.flatMap((f: Wire) => [f.name, ...(f.descriptions ?? [])]),
    label: [...new Set([...r.labels, ...(r.companies ?? [])].map((l: Wire) => l.name))],
    genre: [...(r.genres ?? [])],
    style: [...(r.styles ?? [])],
    barcode: (r.identifiers ?? []).map((i: Wire) => i.value),
    catno: r.labels[0]?.catno ?? "",
    thumb: r.thumb ?? "",
    cover_image: r.images?.[0]?.uri ?? "",
    community: { want: r.community?.want ?? 0, have: r.community?.have ?? 0 },
  };
}

/** Search documents per state, rebuilt when what they are made of changes (see {@link searchSignature}). */
const SEARCH_CACHE = new WeakMap<EmulatorState, { signature: string; docs: SearchDoc[] }>();

/**
 * A fingerprint of what the search index is made of: every release, master, artist and label with its title or
 * name, credits and labels. A release added, renamed or removed through `emu.state` changes it, so search follows
 * the state; reading it costs a pass over the entities, much less than rebuilding the index.
 */
function searchSignature(state: EmulatorState): string {
  let h = 2166136261;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  };
  for (const r of state.releases.values()) {
    mix(`${r.id}|${r.title}|${r.year}|${r.master_id}|`);
    for (const a of r.artists ?? []) mix(`${a.id}:${a.name}:${a.anv}|`);
    for (const l of r.labels ?? []) mix(`${l.id}:${l.name}:${l.catno}|`);
  }
  for (const m of state.masters.values()) mix(`m${m.id}|${m.title}|${m.main_release}|`);
  for (const a of state.artists.values()) mix(`a${a.id}|${a.name}|`);
  for (const l of state.labels.values()) mix(`l${l.id}|${l.name}|`);
  return `${state.releases.size}:${state.masters.size}:${state.artists.size}:${state.labels.size}:${h >>> 0}`;
}

function searchDocs(state: EmulatorState): SearchDoc[] {
  const signature = searchSignature(state);
  const cached = SEARCH_CACHE.get(state);
  if (cached?.signature === signature) return cached.docs;
  const docs = buildSearchDocs(state);
  for (const d of docs) {
    d.text = lc(d.text);
    d.title = lc(d.title);
    d.name = lc(d.name);
  }
  SEARCH_CACHE.set(state, { signature, docs });
  return docs;
}

function buildSearchDocs(state: EmulatorState): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const a of state.artists.values()) {
    docs.push({
      type: "artist",
      id: a.id,
      title: a.name,
      name: a.name,
      text: [a.name, ...(a.namevariations ?? []), a.realname ?? ""].join(" "),
      popularity: (state.artistReleases.get(a.id)?.length ?? 0) * 1000,
      result: {
        id: a.id,
        type: "artist",
        master_id: null,
        master_url: null,
        uri: `/artist/${a.id}-${slug(a.name)}`,
        title: a.name,
        thumb: a.images?.[0]?.uri150 ?? "",
        cover_image: a.images?.[0]?.uri ?? "",
        resource_url: a.resource_url,
      },
    });
  }
  for (const l of state.labels.values()) {
    docs.push({
      type: "label",
      id: l.id,
      title: l.name,
      name: l.name,
      text: l.name,
      popularity: (state.labelReleases.get(l.id)?.length ?? 0) * 100,
      result: {
        id: l.id,
        type: "label",
        master_id: null,
        master_url: null,
        uri: `/label/${l.id}-${slug(l.name)}`,
        title: l.name,
        thumb: l.images?.[0]?.uri150 ?? "",
        cover_image: l.images?.[0]?.uri ?? "",
        resource_url: l.resource_url,
      },
    });
  }
  const text = (r: Wire, title: string) =>
    [
      title,
      ...r.artists.flatMap((a: Wire) => [a.name, a.anv]),
      ...r.labels.flatMap((l: Wire) => [l.name, l.catno]),
    ].join(" ");
  for (const m of state.masters.values()) {
    const main = state.releases.get(m.main_release);
    if (!main) continue;
    const title = `${artistsDisplay(m.artists)} - ${m.title}`;
    docs.push({
      type: "master",
      id: m.id,
      release: main,
      title,
      name: m.title,
      text: text(main, title),
      popularity: main.community?.have ?? 0,
      result: {
        ...releaseResultFields(main),
        year: m.year ? String(m.year) : "",
        type: "master",
        id: m.id,
        master_id: m.id,
        master_url: m.resource_url,
        uri: `/master/${m.id}-${slug(title)}`,
        title,
        resource_url: m.resource_url,
      },
    });
  }
  for (const r of state.releases.values()) {
    const title = `${artistsDisplay(r.artists)} - ${r.title}`;
    docs.push({
      type: "release",
      id: r.id,
      release: r,
      title,
      name: r.title,
      text: text(r, title),
      popularity: r.community?.have ?? 0,
      result: {
        ...releaseResultFields(r),
        type: "release",
        id: r.id,
        master_id: r.master_id ?? null,
        master_url: r.master_url ?? null,
        uri: `/release/${r.id}-${slug(title)}`,
        title,
        resource_url: r.resource_url,
        format_quantity: r.format_quantity,
        formats: r.formats,
      },
    });
  }
  return docs;
}

/** Release-level filters: query parameter → predicate over the release. */
const RELEASE_FILTERS: Record<string, (r: Wire, v: string) => boolean> = {
  release_title: (r, v) => lc(r.title).includes(v),
  credit: (r, v) => allCredits(r).some((c) => lc(c.name).includes(v) || lc(c.anv).includes(v)),
  artist: (r, v) => r.artists.some((c: Wire) => lc(c.name).includes(v) || lc(c.anv).includes(v)),
  anv: (r, v) => allCredits(r).some((c) => c.anv && lc(c.anv).includes(v)),
  label: (r, v) => r.labels.some((l: Wire) => lc(l.name).includes(v)),
  genre: (r, v) => (r.genres ?? []).some((g: string) => lc(g) === v),
  style: (r, v) => (r.styles ?? []).some((g: string) => lc(g) === v),
  country: (r, v) => lc(r.country) === v,
  year: (r, v) => {
    const range = /^(\d{4})\s*-\s*(\d{4})$/.exec(v);
    return range ? r.year >= Number(range[1]) && r.year <= Number(range[2]) : String(r.year) === v;
  },
  format: (r, v) =>
    r.formats.some((f: Wire) => lc(f.name) === v || (f.descriptions ?? []).some((d: string) => lc(d) === v)),
  catno: (r, v) =>
    r.labels.some((l: Wire) => lc(l.catno).replace(/\s+/g, "").includes(v.replace(/\s+/g, ""))),
  barcode: (r, v) =>
    (r.identifiers ?? []).some((i: Wire) =>
      lc(i.value)
        .replace(/[\s-]+/g, "")
        .includes(v.replace(/[\s-]+/g, "")),
    ),
  track: (r, v) => allTracks(r).some((t) => lc(t.title).includes(v)),
  submitter: (r, v) => lc(r.community?.submitter?.username) === v,
  contributor: (r, v) => (r.community?.contributors ?? []).some((c: Wire) => lc(c.username) === v),
};

const SEARCH_TYPES = ["release", "master", "artist", "label"];

function search(ctx: Ctx): Reply {
  if (ctx.auth.kind === "none") return error(401, MESSAGES.auth);
  const q = (ctx.query.get("q") ?? ctx.query.get("query") ?? "").trim();
  if (q === "__malformed__") return error(500, "An internal server error occurred. (Malformed query?)");
  if (q === "__timeout__") return error(500, "Query time exceeded. Please try a simpler query.");
  const type = ctx.query.get("type")?.toLowerCase() || null;
  if (type && !SEARCH_TYPES.includes(type)) {
    return error(422, `Invalid type: expected one of ${SEARCH_TYPES.join(", ")}.`);
  }
  const words = lc(q).split(/\s+/).filter(Boolean);
  const title = lc(ctx.query.get("title") ?? "").trim();
  const filters = Object.keys(RELEASE_FILTERS)
    .map((k) => [k, lc(ctx.query.get(k) ?? "").trim()] as const)
    .filter(([, v]) => v !== "");
  const results: { doc: SearchDoc; score: number }[] = [];
  for (const doc of searchDocs(ctx.state)) {
    if (type && doc.type !== type) continue;
    if (!words.every((w) => doc.text.includes(w))) continue;
    if (title && !doc.title.includes(title)) continue;
    let ok = true;
    for (const [k, v] of filters) {
      if (doc.release) ok = RELEASE_FILTERS[k]!(doc.release, v);
      else if (doc.type === "artist") ok = (k === "artist" || k === "credit") && doc.name.includes(v);
      else ok = k === "label" && doc.name.includes(v);
      if (!ok) break;
    }
    if (!ok) continue;
    const exact = words.length > 0 && (doc.name === lc(q) || doc.title === lc(q));
    results.push({ doc, score: (exact ? 1e9 : 0) + doc.popularity });
  }
  const typeRank = { artist: 0, master: 1, release: 2, label: 3 };
  results.sort(
    (a, b) => b.score - a.score || typeRank[a.doc.type] - typeRank[b.doc.type] || a.doc.id - b.doc.id,
  );
  const counts = pageUserCounts(ctx, ({ doc }: (typeof results)[number]) =>
    doc.type === "release"
      ? [doc.id]
      : doc.type === "master"
        ? (ctx.state.masterVersions.get(doc.id) ?? []).map((v) => v.id)
        : [],
  );
  return sendPage(ctx, results, "results", {}, (r, _, page) => {
    const c = counts?.(r, page);
    const userData = { in_wantlist: (c?.in_wantlist ?? 0) > 0, in_collection: (c?.in_collection ?? 0) > 0 };
    return { ...r.doc.result, user_data: userData };
  });
}

// ---------------------------------------------------------------------------------------------------------------

/** Registers the database endpoints (releases, ratings, stats, masters, versions, artists, labels, search). */
export function registerDatabase(router: Router): void {
  router
    .add("GET", "/releases/:release_id", getRelease)
    .add("GET", "/releases/:release_id/rating/:username", getUserRating)
    .add("PUT", "/releases/:release_id/rating/:username", putUserRating)
    .add("DELETE", "/releases/:release_id/rating/:username", deleteUserRating)
    .add("GET", "/releases/:release_id/rating", getCommunityRating)
    .add("GET", "/releases/:release_id/stats", getReleaseStats)
    .add("GET", "/masters/:master_id", getMaster)
    .add("GET", "/masters/:master_id/versions", getMasterVersions)
    .add("GET", "/artists/:artist_id", getArtist)
    .add("GET", "/artists/:artist_id/releases", getArtistReleases)
    .add("GET", "/labels/:label_id", getLabel)
    .add("GET", "/labels/:label_id/releases", getLabelReleases)
    .add("GET", "/database/search", search);
}
