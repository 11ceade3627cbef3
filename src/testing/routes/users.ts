/**
 * Emulator routes for users: profiles, submissions, contributions, collections (folders, instances, custom
 * fields, value), wantlists and lists (reference section 7.0, rows 41-63).
 *
 * Semantics worth knowing (where Discogs' docs are silent, the choice is noted):
 * - Reads of a private collection, wantlist or list by anyone but the owner (anonymous included) get 403
 *   `You are not allowed to view this resource. Please authenticate as the owner to view this content.`
 * - Writes need a user identity (401 otherwise) and the owner (403 `You don't have permission to access this
 *   resource.`); an unknown user is a 404 `User does not exist or may have been deleted.`
 * - Folders 0 ("All") and 1 ("Uncategorized") cannot be renamed or deleted, and nothing can be added to or moved
 *   into folder 0: **400** with a message (chosen; Discogs' status is unverified). Deleting a non-empty folder is
 *   400 `Folder must be empty to be deleted.`
 * - In instance paths, folder 0 matches an instance in any folder (folder 0 holds the whole collection).
 * - Validation errors (bad rating, wrong types, unknown currency, dropdown value not in the options, malformed
 *   JSON) are 422 with `message` and a FastAPI-style `detail` array. Non-numeric ids are 404.
 * - `rating`, `notes`, `folder_id` and `value` are read from the JSON (or form) body first, then from the query.
 * - Collection value is a deterministic estimate per release (the emulator has no sales history), summed over the
 *   instances and formatted in the user's currency.
 *
 * @module
 */

import {
  type Ctx,
  type PageSource,
  type Reply,
  type Router,
  MESSAGES,
  error,
  json,
  noContent,
  paginate,
} from "../framework";
import {
  basicInformation,
  findRelease,
  formatMoney,
  pacificTimestamp,
  releaseValueUsd,
  selfFields,
} from "../seed/users";
import type { EmulatorState, SeedUser, Wire } from "../state";
import { CURRENCIES, intField, invalid, numericId, rebase, sortBy, sortedPages, timeKey } from "./database";

/** Messages of the users routes (Discogs' verbatim text where known). */
export const USER_MESSAGES = {
  userNotFound: "User does not exist or may have been deleted.",
  releaseNotFound: "Release not found.",
  folderNotEmpty: "Folder must be empty to be deleted.",
  cannotRename: "The All and Uncategorized folders cannot be renamed.",
  cannotDelete: "The All and Uncategorized folders cannot be deleted.",
  cannotAddToAll: "Releases cannot be added to the All folder (0); use a folder such as 1 (Uncategorized).",
  cannotMoveToAll: "Releases cannot be moved to the All folder (0).",
} as const;

type Instance = NonNullable<ReturnType<EmulatorState["collection"]["get"]>>[number];
type Folder = { id: number; name: string };

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function isReply(x: unknown): x is Reply {
  return typeof x === "object" && x !== null && typeof (x as Reply).status === "number" && !("username" in x);
}

function u(user: SeedUser): string {
  return encodeURIComponent(user.username);
}

function lookupUser(ctx: Ctx): SeedUser | Reply {
  const user = ctx.state.user(ctx.params.username ?? "");
  return user ?? error(404, USER_MESSAGES.userNotFound);
}

function isOwner(ctx: Ctx, user: SeedUser): boolean {
  return !!ctx.auth.user && ctx.auth.user.username.toLowerCase() === user.username.toLowerCase();
}

/** Write access: 401 without a user identity, 404 unknown user, 403 another user. */
function ownerOnly(ctx: Ctx, forbidden: string = MESSAGES.noPermission): SeedUser | Reply {
  if (!ctx.auth.user) return error(401, MESSAGES.auth);
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  if (!isOwner(ctx, user)) return error(403, forbidden);
  return user;
}

/** A parameter from the JSON/form body, else the query string, else undefined. */
function input(ctx: Ctx, name: string): unknown {
  if (ctx.body && Object.prototype.hasOwnProperty.call(ctx.body, name)) return ctx.body[name];
  const q = ctx.query.get(name);
  return q === null ? undefined : q;
}

function malformed(ctx: Ctx): Reply | null {
  return ctx.bodyInvalid ? invalid(null, "Invalid JSON body.", "json_invalid") : null;
}

/** Reads an optional integer parameter in `[min, max]` (a number or a string of digits). */
function intInput(ctx: Ctx, name: string, min: number, max: number): number | undefined | Reply {
  return intField({ [name]: input(ctx, name) }, name, min, max, false);
}

/** Reads an optional string parameter. */
function stringInput(ctx: Ctx, name: string): string | undefined | Reply {
  const v = input(ctx, name);
  if (v === undefined) return undefined;
  if (typeof v !== "string") return invalid(name, "Input should be a valid string", "string_type");
  return v;
}

function collectionOf(state: EmulatorState, user: SeedUser): Instance[] {
  let c = state.collection.get(user.username);
  if (!c) state.collection.set(user.username, (c = []));
  return c;
}

function foldersOf(state: EmulatorState, user: SeedUser): Folder[] {
  let f = state.folders.get(user.username);
  if (!f) {
    f = [
      { id: 0, name: "All" },
      { id: 1, name: "Uncategorized" },
    ];
    state.folders.set(user.username, f);
  }
  return f;
}

function fieldsOf(state: EmulatorState, user: SeedUser): Wire[] {
  return state.fields.get(user.username) ?? [];
}

function wantsOf(
  state: EmulatorState,
  user: SeedUser,
): Map<number, { notes: string; rating: number; date_added: string }> {
  let w = state.wants.get(user.username);
  if (!w) state.wants.set(user.username, (w = new Map()));
  return w;
}

function listsOf(state: EmulatorState, user: SeedUser): Wire[] {
  return state.userLists.get(user.username) ?? [];
}

function folderView(ctx: Ctx, user: SeedUser, f: Folder): Wire {
  const items = collectionOf(ctx.state, user);
  return {
    id: f.id,
    count: f.id === 0 ? items.length : items.filter((i) => i.folder_id === f.id).length,
    name: f.name,
    resource_url: `${ctx.baseUrl}/users/${u(user)}/collection/folders/${f.id}`,
  };
}

function basicInfo(ctx: Ctx, releaseId: number): Wire {
  return (
    basicInformation(ctx.state, releaseId, ctx.baseUrl) ?? {
      id: releaseId,
      master_id: 0,
      master_url: null,
      resource_url: `${ctx.baseUrl}/releases/${releaseId}`,
      thumb: "",
      cover_image: "",
      title: "",
      year: 0,
      formats: [],
      labels: [],
      artists: [],
      genres: [],
      styles: [],
    }
  );
}

function itemView(ctx: Ctx, user: SeedUser, inst: Instance, owner: boolean): Wire {
  const out: Wire = {
    id: inst.release_id,
    instance_id: inst.instance_id,
    date_added: inst.date_added,
    rating: inst.rating,
    folder_id: inst.folder_id,
    basic_information: basicInfo(ctx, inst.release_id),
  };
  const publicFields = new Set(
    fieldsOf(ctx.state, user)
      .filter((f) => f.public)
      .map((f) => f.id as number),
  );
  const notes = inst.notes.filter((n) => owner || publicFields.has(n.field_id)).map((n) => ({ ...n }));
  if (notes.length) out.notes = notes;
  return out;
}

function wantView(ctx: Ctx, user: SeedUser, releaseId: number, owner: boolean): Wire {
  const w = wantsOf(ctx.state, user).get(releaseId)!;
  const out: Wire = {
    id: releaseId,
    resource_url: `${ctx.baseUrl}/users/${u(user)}/wants/${releaseId}`,
    rating: w.rating,
  };
  if (owner) out.notes = w.notes;
  out.date_added = w.date_added;
  out.basic_information = basicInfo(ctx, releaseId);
  return out;
}

const SORT_KEYS = ["label", "artist", "title", "catno", "format", "rating", "added", "year"] as const;
type SortKey = (typeof SORT_KEYS)[number];

/** The sort key and order from the query; `null` sort keeps the stored order. */
function sortParams(ctx: Ctx): { sort: SortKey | null; desc: boolean } {
  const s = ctx.query.get("sort");
  const sort = (SORT_KEYS as readonly string[]).includes(s ?? "") ? (s as SortKey) : null;
  return { sort, desc: ctx.query.get("sort_order") === "desc" };
}

/** A release's sortable value for `key` (rating and added come from the item, not the release). */
function releaseSortValue(release: Wire | undefined, key: SortKey): string | number {
  if (!release) return "";
  switch (key) {
    case "label":
      return String(release.labels?.[0]?.name ?? "");
    case "artist":
      return String(release.artists_sort ?? release.artists?.[0]?.name ?? "");
    case "title":
      return String(release.title ?? "");
    case "catno":
      return String(release.labels?.[0]?.catno ?? "");
    case "format":
      return String(release.formats?.[0]?.name ?? "");
    case "year":
      return Number(release.year) || 0;
    case "rating":
      return Number(release.community?.rating?.average) || 0;
    case "added":
      return Date.parse(String(release.date_added ?? "")) || 0;
  }
}

/** The instances in the order the query asks for (only as far as the requested page: {@link sortedPages}). */
function sortInstances(ctx: Ctx, items: Instance[]): PageSource<Instance> {
  const { sort, desc } = sortParams(ctx);
  if (!sort) return desc ? [...items].reverse() : items;
  return sortedPages(
    ctx,
    items,
    (inst) => {
      if (sort === "rating") return inst.rating;
      if (sort === "added") return timeKey(inst.date_added);
      return releaseSortValue(findRelease(ctx.state, inst.release_id), sort);
    },
    desc ? -1 : 1,
  );
}

/** Folder lookup. */
function findFolder(state: EmulatorState, user: SeedUser, id: number): Folder | undefined {
  return foldersOf(state, user).find((f) => f.id === id);
}

/** Finds an instance by folder (0 = any), release and instance id. */
function findInstance(ctx: Ctx, user: SeedUser): Instance | Reply {
  const folderId = numericId(ctx.params.folder_id);
  const releaseId = numericId(ctx.params.release_id);
  const instanceId = numericId(ctx.params.instance_id);
  if (folderId === null || releaseId === null || instanceId === null) return error(404, MESSAGES.notFound);
  const inst = collectionOf(ctx.state, user).find(
    (i) =>
      i.instance_id === instanceId &&
      i.release_id === releaseId &&
      (folderId === 0 || i.folder_id === folderId),
  );
  return inst ?? error(404, MESSAGES.notFound);
}

/** Whether the viewer may read the collection; a 403 reply otherwise. */
function collectionVisible(ctx: Ctx, user: SeedUser): Reply | null {
  if (isOwner(ctx, user) || user.collectionPublic) return null;
  return error(403, MESSAGES.notOwner);
}

// ---------------------------------------------------------------------------------------------------------------
// Profile

function profileView(ctx: Ctx, user: SeedUser, self: boolean): Wire {
  const p = user.profile ?? {};
  const base = `${ctx.baseUrl}/users/${u(user)}`;
  const state = ctx.state;
  let forSale = 0;
  for (const l of state.listings.values()) {
    if (
      String(l.seller?.username ?? "").toLowerCase() === user.username.toLowerCase() &&
      l.status === "For Sale"
    )
      forSale++;
  }
  let rated = 0;
  let ratingSum = 0;
  for (const byUser of state.ratings.values()) {
    for (const [name, r] of byUser) {
      if (name.toLowerCase() === user.username.toLowerCase()) {
        rated++;
        ratingSum += r;
      }
    }
  }
  const lists = listsOf(state, user).filter((l) => self || l.public);
  const out: Wire = {
    id: user.id,
    username: user.username,
    name: p.name ?? "",
    resource_url: base,
    uri: p.uri ?? `https://www.discogs.com/user/${u(user)}`,
    profile: p.profile ?? "",
    home_page: p.home_page ?? "",
    location: p.location ?? "",
    registered: p.registered ?? "",
    rank: p.rank ?? 0,
    num_pending: p.num_pending ?? 0,
    num_for_sale: forSale,
    num_lists: lists.length,
    releases_contributed: (state.contributions.get(user.username) ?? []).length,
    releases_rated: rated,
    rating_avg: rated ? Math.round((ratingSum / rated) * 100) / 100 : 0,
    inventory_url: `${base}/inventory`,
    collection_folders_url: `${base}/collection/folders`,
    collection_fields_url: `${base}/collection/fields`,
    wantlist_url: `${base}/wants`,
    avatar_url: p.avatar_url ?? "",
    banner_url: p.banner_url ?? "",
    buyer_rating: p.buyer_rating ?? 0,
    buyer_rating_stars: p.buyer_rating_stars ?? 0,
    buyer_num_ratings: p.buyer_num_ratings ?? 0,
    seller_rating: p.seller_rating ?? 0,
    seller_rating_stars: p.seller_rating_stars ?? 0,
    seller_num_ratings: p.seller_num_ratings ?? 0,
    curr_abbr: p.curr_abbr ?? "",
  };
  if (self || user.collectionPublic) out.num_collection = collectionOf(state, user).length;
  if (self || user.wantlistPublic) out.num_wantlist = wantsOf(state, user).size;
  if (self) Object.assign(out, selfFields(user));
  return out;
}

function getProfile(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  return json(200, profileView(ctx, user, isOwner(ctx, user)));
}

function editProfile(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const bad = malformed(ctx);
  if (bad) return bad;
  const updates: Record<string, string> = {};
  for (const key of ["name", "home_page", "location", "profile", "curr_abbr"]) {
    const v = stringInput(ctx, key);
    if (isReply(v)) return v;
    if (v !== undefined) updates[key] = v;
  }
  if (updates.curr_abbr !== undefined) {
    const code = updates.curr_abbr.trim().toUpperCase();
    if (!(CURRENCIES as readonly string[]).includes(code))
      return invalid("curr_abbr", `expected one of ${CURRENCIES.join(", ")}`, "literal_error");
    updates.curr_abbr = code;
  }
  user.profile = user.profile ?? {};
  Object.assign(user.profile, updates);
  return json(200, profileView(ctx, user, true));
}

// ---------------------------------------------------------------------------------------------------------------
// Submissions and contributions

function getSubmissions(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  const s = ctx.state.submissions.get(user.username) ?? { artists: [], labels: [], releases: [] };
  const combined: { kind: "artists" | "labels" | "releases"; item: Wire }[] = [
    ...s.artists.map((item) => ({ kind: "artists" as const, item })),
    ...s.labels.map((item) => ({ kind: "labels" as const, item })),
    ...s.releases.map((item) => ({ kind: "releases" as const, item })),
  ];
  const reply = paginate(ctx, combined, "submissions");
  if (reply.status !== 200) return reply;
  const body = reply.json as Wire;
  const page = body.submissions as typeof combined;
  const out: Record<string, Wire[]> = { artists: [], labels: [], releases: [] };
  for (const e of page) out[e.kind]!.push(rebase(e.item, ctx.baseUrl));
  body.submissions = out;
  return reply;
}

function getContributions(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  const all = ctx.state.contributions.get(user.username) ?? [];
  const { sort, desc } = sortParams(ctx);
  const sorted = sort
    ? sortBy(all, (r) => releaseSortValue(r, sort), desc ? -1 : 1)
    : desc
      ? [...all].reverse()
      : all;
  const reply = paginate(ctx, sorted, "contributions");
  if (reply.status === 200) {
    const body = reply.json as Wire;
    body.contributions = (body.contributions as Wire[]).map((r) => rebase(r, ctx.baseUrl));
  }
  return reply;
}

// ---------------------------------------------------------------------------------------------------------------
// Collection: folders

function listFolders(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  const hidden = collectionVisible(ctx, user);
  if (hidden) return hidden;
  const folders = foldersOf(ctx.state, user).filter((f) => isOwner(ctx, user) || f.id === 0);
  return json(200, { folders: folders.map((f) => folderView(ctx, user, f)) });
}

function folderName(ctx: Ctx): string | Reply {
  const name = input(ctx, "name");
  if (name === undefined || name === null || (typeof name === "string" && !name.trim()))
    return invalid("name", "Field required", "missing", "Folder name is required.");
  if (typeof name !== "string") return invalid("name", "Input should be a valid string", "string_type");
  return name.trim();
}

function createFolder(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const bad = malformed(ctx);
  if (bad) return bad;
  const name = folderName(ctx);
  if (isReply(name)) return name;
  const folder = { id: ctx.state.nextFolderId++, name };
  foldersOf(ctx.state, user).push(folder);
  return json(201, folderView(ctx, user, folder));
}

function getFolder(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  const id = numericId(ctx.params.folder_id);
  if (id === null) return error(404, MESSAGES.notFound);
  if (!isOwner(ctx, user) && (id !== 0 || !user.collectionPublic)) return error(403, MESSAGES.notOwner);
  const folder = findFolder(ctx.state, user, id);
  if (!folder) return error(404, MESSAGES.notFound);
  return json(200, folderView(ctx, user, folder));
}

function renameFolder(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const id = numericId(ctx.params.folder_id);
  const folder = id === null ? undefined : findFolder(ctx.state, user, id);
  if (!folder) return error(404, MESSAGES.notFound);
  if (folder.id === 0 || folder.id === 1) return error(400, USER_MESSAGES.cannotRename);
  const bad = malformed(ctx);
  if (bad) return bad;
  const name = folderName(ctx);
  if (isReply(name)) return name;
  folder.name = name;
  return json(200, folderView(ctx, user, folder));
}

function deleteFolder(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const id = numericId(ctx.params.folder_id);
  const folder = id === null ? undefined : findFolder(ctx.state, user, id);
  if (!folder) return error(404, MESSAGES.notFound);
  if (folder.id === 0 || folder.id === 1) return error(400, USER_MESSAGES.cannotDelete);
  if (collectionOf(ctx.state, user).some((i) => i.folder_id === folder.id))
    return error(400, USER_MESSAGES.folderNotEmpty);
  const folders = foldersOf(ctx.state, user);
  folders.splice(folders.indexOf(folder), 1);
  return noContent();
}

// ---------------------------------------------------------------------------------------------------------------
// Collection: items and instances

function collectionByRelease(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  const releaseId = numericId(ctx.params.release_id);
  if (!releaseId) return error(404, USER_MESSAGES.releaseNotFound);
  const hidden = collectionVisible(ctx, user);
  if (hidden) return hidden;
  const items = collectionOf(ctx.state, user).filter((i) => i.release_id === releaseId);
  if (!items.length && !findRelease(ctx.state, releaseId)) return error(404, USER_MESSAGES.releaseNotFound);
  const owner = isOwner(ctx, user);
  return paginate(ctx, items, "releases", {}, (i) => itemView(ctx, user, i, owner));
}

function folderReleases(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  const id = numericId(ctx.params.folder_id);
  if (id === null) return error(404, MESSAGES.notFound);
  const owner = isOwner(ctx, user);
  if (!owner && (id !== 0 || !user.collectionPublic)) return error(403, MESSAGES.notOwner);
  if (!findFolder(ctx.state, user, id)) return error(404, MESSAGES.notFound);
  const all = collectionOf(ctx.state, user);
  const items = id === 0 ? all : all.filter((i) => i.folder_id === id);
  return paginate(ctx, sortInstances(ctx, items), "releases", {}, (i) => itemView(ctx, user, i, owner));
}

function addToFolder(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const folderId = numericId(ctx.params.folder_id);
  const releaseId = numericId(ctx.params.release_id);
  if (folderId === null) return error(404, MESSAGES.notFound);
  if (!releaseId) return error(404, USER_MESSAGES.releaseNotFound);
  if (!findFolder(ctx.state, user, folderId)) return error(404, MESSAGES.notFound);
  if (folderId === 0) return error(400, USER_MESSAGES.cannotAddToAll);
  if (!findRelease(ctx.state, releaseId)) return error(404, USER_MESSAGES.releaseNotFound);
  const inst: Instance = {
    instance_id: ctx.state.nextInstanceId++,
    folder_id: folderId,
    release_id: releaseId,
    rating: 0,
    date_added: pacificTimestamp(),
    notes: [],
  };
  collectionOf(ctx.state, user).push(inst);
  return json(201, {
    instance_id: inst.instance_id,
    resource_url: `${ctx.baseUrl}/users/${u(user)}/collection/folders/${folderId}/release/${releaseId}/instance/${inst.instance_id}`,
  });
}

function editInstance(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const inst = findInstance(ctx, user);
  if (isReply(inst)) return inst;
  const bad = malformed(ctx);
  if (bad) return bad;
  const rating = intInput(ctx, "rating", 0, 5);
  if (isReply(rating)) return rating;
  const dest = intInput(ctx, "folder_id", 0, Number.MAX_SAFE_INTEGER);
  if (isReply(dest)) return dest;
  if (dest !== undefined) {
    if (!findFolder(ctx.state, user, dest)) return error(404, MESSAGES.notFound);
    if (dest === 0) return error(400, USER_MESSAGES.cannotMoveToAll);
  }
  if (rating !== undefined) inst.rating = rating;
  if (dest !== undefined) inst.folder_id = dest;
  return noContent();
}

function deleteInstance(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const inst = findInstance(ctx, user);
  if (isReply(inst)) return inst;
  const items = collectionOf(ctx.state, user);
  items.splice(items.indexOf(inst), 1);
  return noContent();
}

// ---------------------------------------------------------------------------------------------------------------
// Collection: fields and value

function listFields(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  const hidden = collectionVisible(ctx, user);
  if (hidden) return hidden;
  const owner = isOwner(ctx, user);
  const fields = fieldsOf(ctx.state, user).filter((f) => owner || f.public);
  return json(200, { fields: structuredClone(fields) });
}

function editField(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const inst = findInstance(ctx, user);
  if (isReply(inst)) return inst;
  const fieldId = numericId(ctx.params.field_id);
  const field = fieldId === null ? undefined : fieldsOf(ctx.state, user).find((f) => f.id === fieldId);
  if (!field) return error(404, MESSAGES.notFound);
  const bad = malformed(ctx);
  if (bad) return bad;
  const value = input(ctx, "value");
  if (value === undefined || value === null) return invalid("value", "Field required", "missing");
  if (typeof value !== "string") return invalid("value", "Input should be a valid string", "string_type");
  const options = (field.options ?? []) as string[];
  if (field.type === "dropdown" && value !== "" && !options.includes(value)) {
    const msg = `expected one of ${options.join(", ")}`;
    return invalid("value", msg, "literal_error", `Invalid value for ${field.name}: ${msg}.`);
  }
  const existing = inst.notes.find((n) => n.field_id === field.id);
  if (value === "") inst.notes = inst.notes.filter((n) => n.field_id !== field.id);
  else if (existing) existing.value = value;
  else inst.notes.push({ field_id: field.id as number, value });
  return noContent();
}

function collectionValue(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  let min = 0;
  let median = 0;
  let max = 0;
  for (const inst of collectionOf(ctx.state, user)) {
    const v = releaseValueUsd(inst.release_id);
    min += v.min;
    median += v.median;
    max += v.max;
  }
  const currency = String(user.profile?.curr_abbr || "USD");
  return json(200, {
    maximum: formatMoney(max, currency),
    median: formatMoney(median, currency),
    minimum: formatMoney(min, currency),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Wantlist

function listWants(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  const owner = isOwner(ctx, user);
  if (!owner && !user.wantlistPublic) return error(403, MESSAGES.notOwner);
  const wants = wantsOf(ctx.state, user);
  const { sort, desc } = sortParams(ctx);
  if (sort) {
    const entries = [...wants].map(([id, w]) => ({ id, want: w }));
    const key = ({ id, want }: (typeof entries)[number]) => {
      if (sort === "rating") return want.rating;
      if (sort === "added") return timeKey(want.date_added);
      return releaseSortValue(findRelease(ctx.state, id), sort);
    };
    const ordered = sortedPages(ctx, entries, key, desc ? -1 : 1);
    return paginate(ctx, ordered, "wants", {}, (e) => wantView(ctx, user, e.id, owner));
  }
  const ids = [...wants.keys()];
  if (desc) ids.reverse();
  return paginate(ctx, ids, "wants", {}, (id) => wantView(ctx, user, id, owner));
}

function upsertWant(ctx: Ctx, create: boolean): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const releaseId = numericId(ctx.params.release_id);
  if (!releaseId) return error(404, USER_MESSAGES.releaseNotFound);
  const wants = wantsOf(ctx.state, user);
  if (create ? !findRelease(ctx.state, releaseId) : !wants.has(releaseId))
    return error(404, create ? USER_MESSAGES.releaseNotFound : MESSAGES.notFound);
  const bad = malformed(ctx);
  if (bad) return bad;
  const notes = stringInput(ctx, "notes");
  if (isReply(notes)) return notes;
  const rating = intInput(ctx, "rating", 0, 5);
  if (isReply(rating)) return rating;
  const existing = wants.get(releaseId);
  if (existing) {
    if (notes !== undefined) existing.notes = notes;
    if (rating !== undefined) existing.rating = rating;
  } else {
    wants.set(releaseId, { notes: notes ?? "", rating: rating ?? 0, date_added: pacificTimestamp() });
  }
  return json(create ? 201 : 200, wantView(ctx, user, releaseId, true));
}

function deleteWant(ctx: Ctx): Reply {
  const user = ownerOnly(ctx);
  if (isReply(user)) return user;
  const releaseId = numericId(ctx.params.release_id);
  const wants = wantsOf(ctx.state, user);
  if (!releaseId || !wants.has(releaseId)) return error(404, MESSAGES.notFound);
  wants.delete(releaseId);
  return noContent();
}

// ---------------------------------------------------------------------------------------------------------------
// Lists

function listOwner(state: EmulatorState, listId: number): SeedUser | undefined {
  for (const [username, lists] of state.userLists) {
    if (lists.some((l) => l.id === listId)) return state.user(username);
  }
  return undefined;
}

function userLists(ctx: Ctx): Reply {
  const user = lookupUser(ctx);
  if (isReply(user)) return user;
  const owner = isOwner(ctx, user);
  const items = listsOf(ctx.state, user)
    .map((summary) => {
      const full = ctx.state.lists.get(summary.id as number);
      return {
        date_added: summary.date_added,
        date_changed: summary.date_changed,
        name: full?.name ?? summary.name,
        id: summary.id,
        uri: summary.uri,
        resource_url: `${ctx.baseUrl}/lists/${summary.id}`,
        public: full?.public ?? summary.public,
        description: full?.description ?? summary.description,
      };
    })
    .filter((l) => owner || l.public);
  return paginate(ctx, items, "lists");
}

function getList(ctx: Ctx): Reply {
  const id = numericId(ctx.params.list_id);
  const list = id === null ? undefined : ctx.state.lists.get(id);
  if (!list) return error(404, MESSAGES.notFound);
  if (!list.public) {
    const owner = listOwner(ctx.state, id!);
    if (!owner || !isOwner(ctx, owner)) return error(403, MESSAGES.notOwner);
  }
  const out = rebase(list, ctx.baseUrl);
  out.resource_url = `${ctx.baseUrl}/lists/${id}`;
  out.items = (Array.isArray(out.items) ? out.items : []).map((it: Wire) => ({
    ...it,
    resource_url: `${ctx.baseUrl}/${it.type}s/${it.id}`,
  }));
  return json(200, out);
}

// ---------------------------------------------------------------------------------------------------------------

/** Registers the users routes (profiles, submissions, contributions, collection, wantlist, lists). */
export function registerUsers(router: Router): void {
  const folder = "/users/:username/collection/folders/:folder_id";
  const instance = `${folder}/releases/:release_id/instances/:instance_id`;
  router
    .add("GET", "/users/:username", getProfile)
    .add("POST", "/users/:username", editProfile)
    .add("GET", "/users/:username/submissions", getSubmissions)
    .add("GET", "/users/:username/contributions", getContributions)
    .add("GET", "/users/:username/collection/folders", listFolders)
    .add("POST", "/users/:username/collection/folders", createFolder)
    .add("GET", folder, getFolder)
    .add("POST", folder, renameFolder)
    .add("DELETE", folder, deleteFolder)
    .add("GET", `${folder}/releases`, folderReleases)
    .add("POST", `${folder}/releases/:release_id`, addToFolder)
    .add("POST", instance, editInstance)
    .add("DELETE", instance, deleteInstance)
    .add("POST", `${instance}/fields/:field_id`, editField)
    .add("GET", "/users/:username/collection/releases/:release_id", collectionByRelease)
    .add("GET", "/users/:username/collection/fields", listFields)
    .add("GET", "/users/:username/collection/value", collectionValue)
    .add("GET", "/users/:username/wants", listWants)
    .add("PUT", "/users/:username/wants/:release_id", (ctx) => upsertWant(ctx, true))
    .add("POST", "/users/:username/wants/:release_id", (ctx) => upsertWant(ctx, false))
    .add("DELETE", "/users/:username/wants/:release_id", deleteWant)
    .add("GET", "/users/:username/lists", userLists)
    .add("GET", "/lists/:list_id", getList);
}
