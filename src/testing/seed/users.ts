/**
 * Seed data for the emulator's users slice: profiles, collections (folders, instances, custom fields), wantlists,
 * lists, submissions and contributions, in Discogs' wire format. Everything is deterministic (a fixed PRNG and
 * fixed dates), so two emulators seeded the same way hold the same data.
 *
 * Users:
 * - `example` (id 1, the default identity): public collection and wantlist; folders 0 "All", 1 "Uncategorized"
 *   (55 instances), 1000 "Industrial" (46) and 1001 "Jazz" (31; jazz releases first, then jazz-leaning techno,
 *   as the bundled database has no jazz); 132 instances (ids 10000-10131 in date order; 8 releases twice); custom
 *   fields 1 "Media Condition" (dropdown), 2 "Sleeve Condition" (dropdown), 3 "Notes" (textarea, 3 lines) and
 *   4 "Price Paid" (private textarea); 136 wants; lists 520001, 520002 (public) and 520003 (private); submissions
 *   (artists, labels, releases) and contributions (80 with the bundled database).
 * - `360vinyl` (a record shop in EUR): seller ratings, 6 instances (folder 1002 "Shop Stock"), 3 wants, list 520020.
 * - `rodneyfool`: public collection (20 instances, folder 1003 "Techno & House") and wantlist (25), lists 520010,
 *   520011 (public) and 520012 (private), submissions and contributions.
 * - `privateuser` (GBP): private collection (10 instances, folder 1004 "Keepers"), private wantlist (8), private
 *   list 520030.
 *
 * Collection items, wants and list entries reference releases of `state.releases` (the database seed runs first),
 * so every `basic_information.resource_url` resolves. Only when the database holds too few releases (or none, when
 * this seed runs alone) does a small synthetic **catalog** (ids {@link CATALOG_FIRST_ID} and up, known only to the
 * users slice as `basic_information`) fill the gap, so the counts above never change.
 *
 * @module
 */

import { MEDIA_CONDITIONS, SLEEVE_CONDITIONS } from "../routes/database";
import type { EmulatorState, SeedUser, Wire } from "../state";
import { API_ROOT, WWW_ROOT, slug } from "./database";

// ---------------------------------------------------------------------------------------------------------------
// Ids worth knowing

/** Ids of seeded objects that tests (ours and users') may rely on. */
export const USER_SEED_IDS = {
  /** `example`'s folders. */
  folders: { all: 0, uncategorized: 1, industrial: 1000, jazz: 1001 },
  /** `360vinyl`'s extra folder ("Shop Stock"). */
  vinylFolder: 1002,
  /** `rodneyfool`'s extra folder ("Techno & House"). */
  rodneyfoolFolder: 1003,
  /** `privateuser`'s extra folder ("Keepers"). */
  privateuserFolder: 1004,
  /** The first instance id of `example`'s collection (instances are numbered in date order from here). */
  firstInstance: 10_000,
  /** `example`'s custom fields. */
  fields: { mediaCondition: 1, sleeveCondition: 2, notes: 3, pricePaid: 4 },
  /** Lists: `example` 520001 (public), 520002 (public), 520003 (private); `rodneyfool` 520010, 520011 (public),
   * 520012 (private); `360vinyl` 520020 (public); `privateuser` 520030 (private). */
  lists: {
    example: [520001, 520002, 520003],
    rodneyfool: [520010, 520011, 520012],
    vinyl360: [520020],
    privateuser: [520030],
  },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Enumerations

/** How each of Discogs' currencies (`curr_abbr`) is displayed, with a fixed rate from USD (collection value). */
export const CURRENCY_FORMATS: Record<string, { symbol: string; perUsd: number; decimals: number }> = {
  USD: { symbol: "$", perUsd: 1, decimals: 2 },
  GBP: { symbol: "£", perUsd: 0.79, decimals: 2 },
  EUR: { symbol: "€", perUsd: 0.92, decimals: 2 },
  CAD: { symbol: "CA$", perUsd: 1.36, decimals: 2 },
  AUD: { symbol: "A$", perUsd: 1.52, decimals: 2 },
  JPY: { symbol: "¥", perUsd: 150, decimals: 0 },
  CHF: { symbol: "CHF ", perUsd: 0.88, decimals: 2 },
  MXN: { symbol: "MX$", perUsd: 17, decimals: 2 },
  BRL: { symbol: "R$", perUsd: 5, decimals: 2 },
  NZD: { symbol: "NZ$", perUsd: 1.64, decimals: 2 },
  SEK: { symbol: "SEK ", perUsd: 10.5, decimals: 2 },
  ZAR: { symbol: "ZAR ", perUsd: 18.5, decimals: 2 },
};

/** Self-only profile fields (`email`, `num_unread`, ...), kept beside the public profile. */
export interface SelfFields {
  email: string;
  num_unread: number;
  activated: boolean;
  marketplace_suspended: boolean;
  is_staff: boolean;
}

/** A {@link SeedUser} as this seed creates it: with the self-only profile fields. */
export interface SeededUser extends SeedUser {
  self?: SelfFields;
}

/** The self-only fields of a user (defaults for users created elsewhere). */
export function selfFields(user: SeedUser): SelfFields {
  const s = (user as SeededUser).self;
  return (
    s ?? {
      email: `${user.username}@example.com`,
      num_unread: 0,
      activated: true,
      marketplace_suspended: false,
      is_staff: false,
    }
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic helpers

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit hash of a string or number. */
function hash(v: string | number): number {
  const s = String(v);
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Whether US Pacific time observes daylight saving at `ms` (rules since 2007). */
function pacificDst(ms: number): boolean {
  const y = new Date(ms).getUTCFullYear();
  const nthSunday = (month: number, n: number) => {
    const first = new Date(Date.UTC(y, month, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + (n - 1) * 7;
  };
  const start = Date.UTC(y, 2, nthSunday(2, 2), 10); // 02:00 PST
  const end = Date.UTC(y, 10, nthSunday(10, 1), 9); // 02:00 PDT
  return ms >= start && ms < end;
}

/** Formats an instant like Discogs: ISO 8601 in Pacific time with its offset, e.g. `2014-07-01T10:20:17-07:00`. */
export function pacificTimestamp(ms: number = Date.now()): string {
  const offsetHours = pacificDst(ms) ? -7 : -8;
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetHours * 3_600_000);
  return `${local.toISOString().slice(0, 19)}-0${-offsetHours}:00`;
}

/** A 32-hex-digit pseudo digest (for gravatar-like avatar URLs). */
function hexDigest(s: string): string {
  let out = "";
  for (let i = 0; out.length < 32; i++) out += hash(`${s}#${i}`).toString(16).padStart(8, "0");
  return out.slice(0, 32);
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic catalog (basic_information only)

/** First id of the synthetic catalog the users slice draws on when the database has too few releases. */
export const CATALOG_FIRST_ID = 700_001;
/** Number of synthetic catalog releases. */
export const CATALOG_SIZE = 300;

const CATALOG_ARTISTS: { id: number; name: string; genres: string[]; styles: string[] }[] = [
  { id: 910001, name: "Cold Meridian", genres: ["Electronic"], styles: ["Industrial", "EBM"] },
  { id: 910002, name: "The Ferric Saints", genres: ["Rock"], styles: ["Industrial", "Noise"] },
  { id: 910003, name: "Amara Voss Quartet", genres: ["Jazz"], styles: ["Post Bop"] },
  { id: 910004, name: "Dieter Kalm", genres: ["Electronic"], styles: ["Minimal", "Techno"] },
  { id: 910005, name: "Night Shift Ensemble", genres: ["Jazz"], styles: ["Modal", "Hard Bop"] },
  { id: 910006, name: "Lena Okafor", genres: ["Jazz", "Funk / Soul"], styles: ["Soul-Jazz"] },
  { id: 910007, name: "Rust Protocol", genres: ["Electronic"], styles: ["Industrial", "Dark Ambient"] },
  { id: 910008, name: "The Harbour Lights", genres: ["Rock"], styles: ["Indie Rock"] },
  { id: 910009, name: "Sable & Tide", genres: ["Electronic", "Pop"], styles: ["Synth-pop"] },
  { id: 910010, name: "Marcus Bell Trio", genres: ["Jazz"], styles: ["Cool Jazz"] },
  { id: 910011, name: "Concrete Bloom", genres: ["Electronic"], styles: ["EBM", "Electro"] },
  { id: 910012, name: "Velvet Kiln", genres: ["Rock"], styles: ["Shoegaze"] },
  { id: 910013, name: "Orchid Static", genres: ["Electronic"], styles: ["Ambient"] },
  { id: 910014, name: "Henrik Sol Orchestra", genres: ["Jazz"], styles: ["Big Band"] },
  { id: 910015, name: "The Low Frequencies", genres: ["Funk / Soul"], styles: ["Funk"] },
  { id: 910016, name: "Ashgrove", genres: ["Rock"], styles: ["Post-Punk"] },
  { id: 910017, name: "Yumi Arakawa", genres: ["Jazz"], styles: ["Contemporary Jazz"] },
  { id: 910018, name: "Machine Psalms", genres: ["Electronic", "Rock"], styles: ["Industrial", "Goth Rock"] },
];

const CATALOG_LABELS: { id: number; name: string; prefix: string }[] = [
  { id: 920001, name: "Meridian Tapes", prefix: "MT" },
  { id: 920002, name: "Ironwork Records", prefix: "IRW" },
  { id: 920003, name: "Blue Harbour", prefix: "BH" },
  { id: 920004, name: "Kiln Audio", prefix: "KA" },
  { id: 920005, name: "Static Age Recordings", prefix: "SAR" },
  { id: 920006, name: "Northside Jazz", prefix: "NSJ" },
  { id: 920007, name: "Low End Sound", prefix: "LES" },
  { id: 920008, name: "Ferrous Industries", prefix: "FE" },
];

const TITLE_A = [
  "Concrete",
  "Silent",
  "Electric",
  "Midnight",
  "Hollow",
  "Amber",
  "Distant",
  "Broken",
  "Velvet",
  "Northern",
  "Iron",
  "Blue",
  "Quiet",
  "Burning",
  "Glass",
  "Endless",
  "Lower",
];
const TITLE_B = [
  "Gardens",
  "Signals",
  "Machines",
  "Harbour",
  "Hours",
  "Circuits",
  "Rooms",
  "Rain",
  "Engines",
  "Letters",
  "Horizons",
  "Tides",
  "Voltage",
  "Ballads",
  "Transmissions",
  "Mirrors",
  "Standards",
  "Sessions",
  "Fields",
];
const CATALOG_FORMATS: Wire[] = [
  { name: "Vinyl", qty: "1", descriptions: ["LP", "Album"] },
  { name: "Vinyl", qty: "1", descriptions: ['12"', "33 ⅓ RPM", "EP"] },
  { name: "CD", qty: "1", descriptions: ["Album"] },
  { name: "Vinyl", qty: "2", descriptions: ["LP", "Album", "Reissue"] },
  { name: "Cassette", qty: "1", descriptions: ["Album"] },
  { name: "Vinyl", qty: "1", descriptions: ['7"', "45 RPM", "Single"] },
  { name: "Vinyl", qty: "1", descriptions: ["LP", "Album", "Limited Edition"], text: "Clear" },
];

/** Whether `id` is one of the synthetic catalog releases. */
export function isCatalogId(id: number): boolean {
  return Number.isInteger(id) && id >= CATALOG_FIRST_ID && id < CATALOG_FIRST_ID + CATALOG_SIZE;
}

/**
 * A synthetic catalog release in the subset of the Release wire shape that `basic_information` needs
 * (URLs under `https://api.discogs.com`), or undefined when `id` is not a catalog id.
 */
export function catalogRelease(id: number): Wire | undefined {
  if (!isCatalogId(id)) return undefined;
  const i = id - CATALOG_FIRST_ID;
  const artist = CATALOG_ARTISTS[(i * 7) % CATALOG_ARTISTS.length]!;
  const label = CATALOG_LABELS[(i * 5 + Math.floor(i / 8)) % CATALOG_LABELS.length]!;
  const format = CATALOG_FORMATS[(i * 3) % CATALOG_FORMATS.length]!;
  const title = `${TITLE_A[(i * 5) % TITLE_A.length]} ${TITLE_B[(i * 11) % TITLE_B.length]}`;
  const image = `https://i.discogs.com/emulator/rs:fit/g:sm/q:90/h:600/w:600/R-${id}.jpeg`;
  return {
    id,
    title,
    year: 1968 + ((i * 7) % 56),
    resource_url: `${API_ROOT}/releases/${id}`,
    master_id: 0,
    master_url: null,
    thumb: `https://i.discogs.com/emulator/rs:fit/g:sm/q:40/h:150/w:150/R-${id}.jpeg`,
    images: [{ type: "primary", uri: image, resource_url: image, uri150: image, width: 600, height: 600 }],
    formats: [structuredClone(format)],
    labels: [
      {
        name: label.name,
        catno: `${label.prefix}-${String(100 + ((i * 37) % 900)).padStart(3, "0")}`,
        entity_type: "1",
        entity_type_name: "Label",
        id: label.id,
        resource_url: `${API_ROOT}/labels/${label.id}`,
      },
    ],
    artists: [
      {
        name: artist.name,
        anv: "",
        join: "",
        role: "",
        tracks: "",
        id: artist.id,
        resource_url: `${API_ROOT}/artists/${artist.id}`,
      },
    ],
    genres: [...artist.genres],
    styles: [...artist.styles],
  };
}

/** The release (database first, then the synthetic catalog), or undefined. */
export function findRelease(state: EmulatorState, id: number): Wire | undefined {
  return state.releases.get(id) ?? catalogRelease(id);
}

/** Absolute API URL for an API path, under `baseUrl`. */
function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl}${path}`;
}

/**
 * The `basic_information` of a release, derived from the wire release (database or catalog), with every
 * `resource_url` absolute under `baseUrl`. Undefined when the release is unknown.
 */
export function basicInformation(state: EmulatorState, releaseId: number, baseUrl: string): Wire | undefined {
  const r = findRelease(state, releaseId);
  if (!r) return undefined;
  const masterId = typeof r.master_id === "number" ? r.master_id : 0;
  const images: Wire[] = Array.isArray(r.images) ? r.images : [];
  const primary = images.find((im) => im.type === "primary") ?? images[0];
  return {
    id: releaseId,
    master_id: masterId,
    master_url: masterId ? apiUrl(baseUrl, `/masters/${masterId}`) : null,
    resource_url: apiUrl(baseUrl, `/releases/${releaseId}`),
    thumb: typeof r.thumb === "string" ? r.thumb : "",
    cover_image: typeof primary?.uri === "string" ? primary.uri : "",
    title: typeof r.title === "string" ? r.title : "",
    year: typeof r.year === "number" ? r.year : Number.parseInt(String(r.year ?? "0"), 10) || 0,
    formats: (Array.isArray(r.formats) ? r.formats : []).map((f: Wire) => {
      const out: Wire = { name: f.name ?? "", qty: String(f.qty ?? "1") };
      if (Array.isArray(f.descriptions)) out.descriptions = [...f.descriptions];
      if (typeof f.text === "string") out.text = f.text;
      return out;
    }),
    labels: (Array.isArray(r.labels) ? r.labels : []).map((l: Wire) => ({
      name: l.name ?? "",
      catno: l.catno ?? "",
      entity_type: l.entity_type ?? "1",
      entity_type_name: l.entity_type_name ?? "Label",
      id: l.id,
      resource_url: apiUrl(baseUrl, `/labels/${l.id}`),
    })),
    artists: (Array.isArray(r.artists) ? r.artists : []).map((a: Wire) => ({
      name: a.name ?? "",
      anv: a.anv ?? "",
      join: a.join ?? "",
      role: a.role ?? "",
      tracks: a.tracks ?? "",
      id: a.id,
      resource_url: apiUrl(baseUrl, `/artists/${a.id}`),
    })),
    genres: Array.isArray(r.genres) ? [...r.genres] : [],
    styles: Array.isArray(r.styles) ? [...r.styles] : [],
  };
}

/**
 * The estimated market value of one copy of a release in USD: `{min, median, max}`, a deterministic function of
 * the release id (the emulator has no sales history).
 */
export function releaseValueUsd(releaseId: number): { min: number; median: number; max: number } {
  const median = 4 + (hash(`value:${releaseId}`) % 5600) / 100; // $4.00 .. $59.99
  return {
    min: Math.round(median * 55) / 100,
    median: Math.round(median * 100) / 100,
    max: Math.round(median * 220) / 100,
  };
}

/** Formats an amount in a currency like Discogs' collection value (`$1,234.50`, `£2.50`, `¥1,500`). */
export function formatMoney(usd: number, currency: string): string {
  const c = CURRENCY_FORMATS[currency] ?? CURRENCY_FORMATS.USD!;
  const amount = usd * c.perUsd;
  const text = amount.toLocaleString("en-US", {
    minimumFractionDigits: c.decimals,
    maximumFractionDigits: c.decimals,
  });
  return `${c.symbol}${text}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Seed

type Instance = {
  instance_id: number;
  folder_id: number;
  release_id: number;
  rating: number;
  date_added: string;
  notes: { field_id: number; value: string }[];
};

/** Default custom fields (Discogs gives every account these three). */
function defaultFields(): Wire[] {
  return [
    { name: "Media", options: [...MEDIA_CONDITIONS], id: 1, position: 1, type: "dropdown", public: true },
    { name: "Sleeve", options: [...SLEEVE_CONDITIONS], id: 2, position: 2, type: "dropdown", public: true },
    { name: "Notes", lines: 3, id: 3, position: 3, type: "textarea", public: true },
  ];
}

const NOTE_TEXTS = [
  "Bought at the Mississippi Records sale.",
  "Small seam split on the top edge.",
  "Signed by the band at the 2015 show.",
  "Original inner sleeve, hype sticker intact.",
  "Plays through with light surface noise on side B.",
  "Gift from Sam.",
  "Needs a new outer sleeve.",
  'Trade with a friend for a Cabaret Voltaire 12".',
];

function profileOf(
  state: EmulatorState,
  p: {
    id: number;
    username: string;
    name: string;
    profile: string;
    home_page: string;
    location: string;
    registered: string;
    rank: number;
    num_pending: number;
    buyer: [number, number, number];
    seller: [number, number, number];
    curr_abbr: string;
    banner?: boolean;
  },
): Wire {
  const u = encodeURIComponent(p.username);
  return {
    id: p.id,
    username: p.username,
    name: p.name,
    resource_url: `${API_ROOT}/users/${u}`,
    uri: `${WWW_ROOT}/user/${u}`,
    profile: p.profile,
    home_page: p.home_page,
    location: p.location,
    registered: p.registered,
    rank: p.rank,
    num_pending: p.num_pending,
    num_for_sale: 0,
    num_lists: 0,
    releases_contributed: 0,
    releases_rated: 0,
    rating_avg: 0,
    inventory_url: `${API_ROOT}/users/${u}/inventory`,
    collection_folders_url: `${API_ROOT}/users/${u}/collection/folders`,
    collection_fields_url: `${API_ROOT}/users/${u}/collection/fields`,
    wantlist_url: `${API_ROOT}/users/${u}/wants`,
    avatar_url: `https://secure.gravatar.com/avatar/${hexDigest(p.username)}?s=500&r=pg&d=mm`,
    banner_url: p.banner
      ? `https://i.discogs.com/emulator/rs:fill/g:sm/q:90/h:400/w:1600/B-${p.id}-user-banner.jpeg`
      : "",
    buyer_rating: p.buyer[0],
    buyer_rating_stars: p.buyer[1],
    buyer_num_ratings: p.buyer[2],
    seller_rating: p.seller[0],
    seller_rating_stars: p.seller[1],
    seller_num_ratings: p.seller[2],
    curr_abbr: p.curr_abbr,
    num_collection: 0,
    num_wantlist: 0,
  };
}

/** Adds a user with folders 0 and 1, the given extra folders (fixed ids) and custom fields. */
function addUser(
  state: EmulatorState,
  user: SeededUser,
  extraFolders: { id: number; name: string }[],
  fields: Wire[],
): void {
  state.users.set(user.username, user);
  const folders = [{ id: 0, name: "All" }, { id: 1, name: "Uncategorized" }, ...extraFolders];
  for (const f of extraFolders) state.nextFolderId = Math.max(state.nextFolderId, f.id + 1);
  state.folders.set(user.username, folders);
  state.collection.set(user.username, []);
  state.fields.set(user.username, fields);
  state.wants.set(user.username, new Map());
  state.userLists.set(user.username, []);
  state.submissions.set(user.username, { artists: [], labels: [], releases: [] });
  state.contributions.set(user.username, []);
}

/** Appends collection instances, assigning instance ids and ascending dates. */
function addInstances(
  state: EmulatorState,
  username: string,
  entries: { releaseId: number; folderId: number }[],
  opts: {
    startMs: number;
    stepDays: [number, number];
    seed: number;
    notes: (rand: () => number) => Instance["notes"];
  },
): void {
  const rand = prng(opts.seed);
  const list = state.collection.get(username)!;
  let t = opts.startMs;
  for (const e of entries) {
    t += (opts.stepDays[0] + rand() * (opts.stepDays[1] - opts.stepDays[0])) * 86_400_000;
    t = Math.floor(t / 1000) * 1000;
    const r = rand();
    list.push({
      instance_id: state.nextInstanceId++,
      folder_id: e.folderId,
      release_id: e.releaseId,
      rating: r < 0.4 ? 0 : 1 + Math.floor(rand() * 5),
      date_added: pacificTimestamp(t),
      notes: opts.notes(rand),
    });
  }
}

/** Adds wants with ascending dates. */
function addWants(
  state: EmulatorState,
  username: string,
  ids: number[],
  seed: number,
  startMs: number,
): void {
  const rand = prng(seed);
  const wants = state.wants.get(username)!;
  const texts = [
    "Original pressing only.",
    "Any copy in VG+ or better.",
    "Seen at a fair for $40, too much.",
    "",
    "",
  ];
  let t = startMs;
  for (const id of ids) {
    t += Math.floor(((3 + rand() * 40) * 86_400_000) / 1000) * 1000;
    const r = rand();
    wants.set(id, {
      notes: r < 0.3 ? texts[Math.floor(rand() * texts.length)]! : "",
      rating: rand() < 0.5 ? 0 : 1 + Math.floor(rand() * 5),
      date_added: pacificTimestamp(t),
    });
  }
}

/** Builds a list item for a release, master, artist or label. */
function listItem(state: EmulatorState, type: string, id: number, comment: string): Wire | undefined {
  if (type === "release") {
    const r = findRelease(state, id);
    if (!r) return undefined;
    const artist = (r.artists?.[0]?.name as string | undefined) ?? "Various";
    const title = `${artist} - ${r.title}`;
    return {
      comment,
      display_title: title,
      uri: typeof r.uri === "string" ? r.uri : `${WWW_ROOT}/release/${id}-${slug(title)}`,
      image_url:
        (r.images?.[0]?.uri150 as string | undefined) ?? (typeof r.thumb === "string" ? r.thumb : ""),
      resource_url: `${API_ROOT}/releases/${id}`,
      type,
      id,
    };
  }
  const source = type === "master" ? state.masters : type === "artist" ? state.artists : state.labels;
  const e = source.get(id);
  if (!e) return undefined;
  const name = (type === "master" ? e.title : e.name) as string;
  const display =
    type === "master" && Array.isArray(e.artists) && e.artists[0] ? `${e.artists[0].name} - ${name}` : name;
  return {
    comment,
    display_title: display,
    uri: typeof e.uri === "string" ? e.uri : `${WWW_ROOT}/${type}/${id}-${slug(name)}`,
    image_url: (e.images?.[0]?.uri150 as string | undefined) ?? "",
    resource_url: `${API_ROOT}/${type}s/${id}`,
    type,
    id,
  };
}

/** Creates a list (full wire list in `state.lists`, summary in `state.userLists`). */
function addList(
  state: EmulatorState,
  username: string,
  l: { id: number; name: string; description: string; public: boolean; created: string; modified: string },
  items: [string, number, string][],
): void {
  const built = items
    .map(([type, id, comment]) => listItem(state, type, id, comment))
    .filter((x): x is Wire => !!x);
  state.lists.set(l.id, {
    created_ts: l.created,
    modified_ts: l.modified,
    name: l.name,
    list_id: l.id,
    url: `${WWW_ROOT}/lists/${slug(l.name)}/${l.id}`,
    items: built,
    resource_url: `${API_ROOT}/lists/${l.id}`,
    public: l.public,
    description: l.description,
  });
  state.userLists.get(username)!.push({
    date_added: l.created,
    date_changed: l.modified,
    name: l.name,
    id: l.id,
    uri: `${WWW_ROOT}/lists/${slug(l.name)}/${l.id}`,
    resource_url: `${API_ROOT}/lists/${l.id}`,
    public: l.public,
    description: l.description,
  });
}

/**
 * Picks `n` ids not in `used`, spread evenly over the first pool that has enough (earlier pools are used up
 * first), and marks them used. Deterministic.
 */
function pick(pools: number[][], n: number, used: Set<number>): number[] {
  const out: number[] = [];
  for (const pool of pools) {
    const need = n - out.length;
    if (need <= 0) break;
    const available = pool.filter((id) => !used.has(id));
    const chosen =
      available.length <= need
        ? available
        : Array.from({ length: need }, (_, i) => available[Math.floor((i * available.length) / need)]!);
    for (const id of chosen) {
      used.add(id);
      out.push(id);
    }
  }
  return out;
}

/** Releases grouped by what they sound like: `industrial`, `jazz`, `dance` (house/techno/electro), `other`. */
function categorize(
  state: EmulatorState,
  ids: number[],
): Record<"industrial" | "jazz" | "dance" | "other", number[]> {
  const out = {
    industrial: [] as number[],
    jazz: [] as number[],
    dance: [] as number[],
    other: [] as number[],
  };
  for (const id of ids) {
    const r = findRelease(state, id);
    const tags: string[] = [...(r?.genres ?? []), ...(r?.styles ?? [])];
    if (tags.includes("Industrial")) out.industrial.push(id);
    else if (tags.some((t) => /jazz|bop|big band/i.test(t))) out.jazz.push(id);
    else if (tags.some((t) => /techno|house|electro|minimal|ambient/i.test(t))) out.dance.push(id);
    else out.other.push(id);
  }
  return out;
}

/** Database releases whose community `contributors` (or `submitter`) name `username`, in id order. */
function releasesBy(
  state: EmulatorState,
  dbIds: number[],
  username: string,
  role: "contributor" | "submitter",
): Wire[] {
  const out: Wire[] = [];
  for (const id of dbIds) {
    const r = state.releases.get(id)!;
    const c = r.community ?? {};
    const hit =
      role === "submitter"
        ? c.submitter?.username === username
        : Array.isArray(c.contributors) && c.contributors.some((x: Wire) => x?.username === username);
    if (hit) out.push(r);
  }
  return out;
}

/** Distinct ids of the artists (or labels) credited on `releases` that the database knows, up to `n`. */
function creditedIds(
  state: EmulatorState,
  releases: Wire[],
  kind: "artists" | "labels",
  n: number,
): number[] {
  const known = kind === "artists" ? state.artists : state.labels;
  const out: number[] = [];
  for (const r of releases) {
    for (const c of (r[kind] ?? []) as Wire[]) {
      if (out.length < n && known.has(c.id) && !out.includes(c.id)) out.push(c.id);
    }
  }
  return out;
}

/**
 * Seeds the users slice: users `example`, `360vinyl`, `rodneyfool` and `privateuser` with profiles, collections,
 * custom fields, wantlists, lists, submissions and contributions. Collection items, wants and list entries are
 * drawn from `state.releases` (seeded before); the synthetic catalog only fills in when the database has too few
 * releases (or none). Contributions and submissions are the database releases whose `community.contributors` /
 * `community.submitter` name the user. Deterministic.
 */
export function seedUsers(state: EmulatorState): void {
  const dbIds = [...state.releases.keys()].sort((a, b) => a - b);
  const db = categorize(state, dbIds);
  const cat = categorize(
    state,
    Array.from({ length: CATALOG_SIZE }, (_, i) => CATALOG_FIRST_ID + i).filter(
      (id) => !state.releases.has(id),
    ),
  );
  const catalogAll = [...cat.industrial, ...cat.jazz, ...cat.dance, ...cat.other].sort((a, b) => a - b);
  const allDb = dbIds;

  // ---- example ------------------------------------------------------------------------------------------------
  const example: SeededUser = {
    id: 1,
    username: "example",
    collectionPublic: true,
    wantlistPublic: true,
    profile: profileOf(state, {
      id: 1,
      username: "example",
      name: "Example Sampleman",
      profile:
        "I collect [b]industrial[/b] records and Detroit techno, with a soft spot for anything on [l=Planet E].\r\n\r\nAlways happy to trade.",
      home_page: "http://www.example.com",
      location: "Portland, OR",
      registered: "2011-08-30T14:21:45-07:00",
      rank: 30.0,
      num_pending: 10,
      buyer: [100.0, 5.0, 37],
      seller: [99.2, 5.0, 12],
      curr_abbr: "USD",
      banner: true,
    }),
    self: {
      email: "sampleman@example.com",
      num_unread: 3,
      activated: true,
      marketplace_suspended: false,
      is_staff: false,
    },
  };
  const { industrial, jazz } = USER_SEED_IDS.folders;
  state.nextInstanceId = Math.max(state.nextInstanceId, USER_SEED_IDS.firstInstance);
  addUser(
    state,
    example,
    [
      { id: industrial, name: "Industrial" },
      { id: jazz, name: "Jazz" },
    ],
    [
      {
        name: "Media Condition",
        options: [...MEDIA_CONDITIONS],
        id: 1,
        position: 1,
        type: "dropdown",
        public: true,
      },
      {
        name: "Sleeve Condition",
        options: [...SLEEVE_CONDITIONS],
        id: 2,
        position: 2,
        type: "dropdown",
        public: true,
      },
      { name: "Notes", lines: 3, id: 3, position: 3, type: "textarea", public: true },
      { name: "Price Paid", lines: 1, id: 4, position: 4, type: "textarea", public: false },
    ],
  );

  // 124 distinct releases: 46 Industrial, 31 Jazz (jazz, else jazz-leaning Detroit techno), 47 Uncategorized,
  // plus 8 second copies in Uncategorized = 132 instances (folder 1: 55).
  const exUsed = new Set<number>();
  const indus = pick([db.industrial, cat.industrial, catalogAll], 46, exUsed);
  const jazzy = pick([db.jazz, db.dance, cat.jazz, catalogAll], 31, exUsed);
  const uncat = pick([db.other, db.dance, db.industrial, cat.other, catalogAll], 47, exUsed);
  const queues = new Map<number, number[]>([
    [industrial, [...indus]],
    [jazz, [...jazzy]],
    [1, [...uncat]],
  ]);
  const entries: { releaseId: number; folderId: number }[] = [];
  for (let i = 0; i < 124; i++) {
    const r = i % 8;
    const folderId = r === 1 || r === 4 || r === 6 ? industrial : r === 3 || r === 7 ? jazz : 1;
    const releaseId = queues.get(folderId)!.shift();
    if (releaseId === undefined) continue;
    entries.push({ releaseId, folderId });
    if (i % 15 === 14) entries.push({ releaseId: entries[entries.length - 10]!.releaseId, folderId: 1 });
  }
  addInstances(state, "example", entries, {
    startMs: Date.UTC(2011, 8, 4, 18, 12, 40),
    stepDays: [18, 42],
    seed: 1,
    notes: (rand) => {
      const notes: Instance["notes"] = [];
      if (rand() < 0.6) notes.push({ field_id: 1, value: MEDIA_CONDITIONS[Math.floor(rand() * 4)]! });
      if (rand() < 0.5) notes.push({ field_id: 2, value: MEDIA_CONDITIONS[Math.floor(rand() * 5)]! });
      if (rand() < 0.2)
        notes.push({ field_id: 3, value: NOTE_TEXTS[Math.floor(rand() * NOTE_TEXTS.length)]! });
      if (rand() < 0.3) notes.push({ field_id: 4, value: `$${(5 + Math.floor(rand() * 40)).toFixed(2)}` });
      return notes;
    },
  });

  // 136 wants, none of them already in the collection.
  const exWants = pick([allDb, catalogAll], 136, new Set(exUsed));
  addWants(state, "example", exWants, 2, Date.UTC(2012, 0, 9, 20, 3, 11));

  // The list also points at the master, artist and label of its records (when the database has them).
  const leadReleases = indus.map((id) => findRelease(state, id)).filter((r): r is Wire => !!r);
  const leadMaster = leadReleases.map((r) => r.master_id as number).find((id) => state.masters.has(id));
  const leadArtist = leadReleases
    .map((r) => r.artists?.[0]?.id as number)
    .find((id) => state.artists.has(id));
  const leadLabel = leadReleases.map((r) => r.labels?.[0]?.id as number).find((id) => state.labels.has(id));
  addList(
    state,
    "example",
    {
      id: 520001,
      name: "Industrial essentials",
      description: "Where to start: the records that built the [b]industrial[/b] sound.",
      public: true,
      created: "2016-05-31T10:30:51-07:00",
      modified: "2021-11-02T09:14:03-07:00",
    },
    [
      ...indus
        .slice(0, 6)
        .map((id, i): [string, number, string] => ["release", id, i === 0 ? "Start here." : ""]),
      ...(leadMaster
        ? [["master", leadMaster, "Every pressing is worth hearing."] as [string, number, string]]
        : []),
      ...(leadArtist ? [["artist", leadArtist, "Everything they did."] as [string, number, string]] : []),
      ...(leadLabel ? [["label", leadLabel, "A label worth following."] as [string, number, string]] : []),
    ],
  );
  addList(
    state,
    "example",
    {
      id: 520002,
      name: "Late-night listening",
      description: "Quiet records for after midnight.",
      public: true,
      created: "2018-02-11T22:05:12-08:00",
      modified: "2019-07-20T13:40:45-07:00",
    },
    jazzy
      .slice(0, 8)
      .map((id, i): [string, number, string] => ["release", id, i % 3 === 0 ? "Side B first." : ""]),
  );
  addList(
    state,
    "example",
    {
      id: 520003,
      name: "Gift ideas",
      description: "Private: things to buy for friends.",
      public: false,
      created: "2020-12-01T08:00:00-08:00",
      modified: "2020-12-14T19:22:31-08:00",
    },
    exWants.slice(0, 4).map((id): [string, number, string] => ["release", id, "For Sam?"]),
  );

  const exSubmitted = releasesBy(state, dbIds, "example", "submitter");
  state.submissions.set("example", {
    artists: creditedIds(state, exSubmitted, "artists", 3).map((id) => state.artists.get(id)!),
    labels: creditedIds(state, exSubmitted, "labels", 2).map((id) => state.labels.get(id)!),
    releases: exSubmitted,
  });
  state.contributions.set("example", releasesBy(state, dbIds, "example", "contributor"));

  // ---- 360vinyl -----------------------------------------------------------------------------------------------
  const vinyl: SeededUser = {
    id: 1_337_360,
    username: "360vinyl",
    collectionPublic: true,
    wantlistPublic: true,
    profile: profileOf(state, {
      id: 1_337_360,
      username: "360vinyl",
      name: "360 Vinyl",
      profile:
        "Independent record shop since 2004. All records are graded by hand and play-tested.\r\n\r\n[b]Combined shipping[/b] on every order.",
      home_page: "http://www.360vinyl.example",
      location: "Ghent, Belgium",
      registered: "2009-03-17T02:41:09-07:00",
      rank: 412.75,
      num_pending: 2,
      buyer: [100.0, 5.0, 8],
      seller: [99.8, 5.0, 4182],
      curr_abbr: "EUR",
      banner: true,
    }),
    self: {
      email: "shop@360vinyl.example",
      num_unread: 12,
      activated: true,
      marketplace_suspended: false,
      is_staff: false,
    },
  };
  const shopFolder = USER_SEED_IDS.vinylFolder;
  addUser(state, vinyl, [{ id: shopFolder, name: "Shop Stock" }], defaultFields());
  const vUsed = new Set<number>();
  const vinylRel = pick([db.dance, db.other, catalogAll], 6, vUsed);
  addInstances(
    state,
    "360vinyl",
    vinylRel.map((releaseId, i) => ({ releaseId, folderId: i < 2 ? 1 : shopFolder })),
    {
      startMs: Date.UTC(2015, 1, 2, 11, 0, 0),
      stepDays: [30, 90],
      seed: 3,
      notes: (rand) => [{ field_id: 1, value: MEDIA_CONDITIONS[Math.floor(rand() * 3)]! }],
    },
  );
  addWants(
    state,
    "360vinyl",
    pick([db.other, allDb, catalogAll], 3, vUsed),
    4,
    Date.UTC(2016, 3, 1, 9, 0, 0),
  );
  addList(
    state,
    "360vinyl",
    {
      id: 520020,
      name: "Staff picks",
      description: "What we play in the shop this month.",
      public: true,
      created: "2022-03-01T10:00:00-08:00",
      modified: "2022-03-29T17:45:10-07:00",
    },
    vinylRel.slice(0, 4).map((id): [string, number, string] => ["release", id, "In stock."]),
  );
  state.contributions.set("360vinyl", releasesBy(state, dbIds, "360vinyl", "contributor"));

  // ---- rodneyfool ---------------------------------------------------------------------------------------------
  const rodney: SeededUser = {
    id: 1_578_108,
    username: "rodneyfool",
    collectionPublic: true,
    wantlistPublic: true,
    profile: profileOf(state, {
      id: 1_578_108,
      username: "rodneyfool",
      name: "Rodney",
      profile:
        "Software developer and crate digger.\r\n\r\nMostly [b]techno[/b], house and the odd industrial record.",
      home_page: "",
      location: "I live in the good ol' Pacific NW",
      registered: "2012-08-15T21:13:36-07:00",
      rank: 149,
      num_pending: 61,
      buyer: [100.0, 5.0, 144],
      seller: [100.0, 5.0, 21],
      curr_abbr: "USD",
    }),
    self: {
      email: "rodney@example.com",
      num_unread: 0,
      activated: true,
      marketplace_suspended: false,
      is_staff: true,
    },
  };
  const funk = USER_SEED_IDS.rodneyfoolFolder;
  addUser(state, rodney, [{ id: funk, name: "Techno & House" }], defaultFields());
  const rUsed = new Set<number>();
  const rodneyRel = pick([db.dance, db.other, catalogAll], 20, rUsed);
  addInstances(
    state,
    "rodneyfool",
    rodneyRel.map((releaseId, i) => ({ releaseId, folderId: i % 3 === 0 ? funk : 1 })),
    {
      startMs: Date.UTC(2012, 8, 1, 16, 30, 0),
      stepDays: [20, 120],
      seed: 5,
      notes: (rand) =>
        rand() < 0.3 ? [{ field_id: 3, value: NOTE_TEXTS[Math.floor(rand() * NOTE_TEXTS.length)]! }] : [],
    },
  );
  addWants(state, "rodneyfool", pick([allDb, catalogAll], 25, rUsed), 6, Date.UTC(2013, 4, 5, 12, 0, 0));
  const rodSubmitted = releasesBy(state, dbIds, "rodneyfool", "submitter");
  const rodArtist = creditedIds(state, rodSubmitted, "artists", 1);
  addList(
    state,
    "rodneyfool",
    {
      id: 520010,
      name: "Pacific NW record store haul",
      description: "Everything from one Saturday in Seattle.",
      public: true,
      created: "2016-05-31T10:36:30-07:00",
      modified: "2016-05-31T13:46:12-07:00",
    },
    [
      ...rodneyRel.slice(0, 5).map((id): [string, number, string] => ["release", id, "$5 bin!"]),
      ...rodArtist.map((id): [string, number, string] => ["artist", id, "This is an artist"]),
    ],
  );
  addList(
    state,
    "rodneyfool",
    {
      id: 520011,
      name: "Never leaving the box",
      description: "Records I will play until they wear out.",
      public: true,
      created: "2017-09-09T18:20:00-07:00",
      modified: "2018-01-02T08:15:27-08:00",
    },
    rodneyRel.slice(5, 10).map((id): [string, number, string] => ["release", id, ""]),
  );
  addList(
    state,
    "rodneyfool",
    {
      id: 520012,
      name: "To digitize",
      description: "foo test description",
      public: false,
      created: "2019-04-04T21:00:00-07:00",
      modified: "2019-04-05T07:30:00-07:00",
    },
    rodneyRel.slice(10, 13).map((id): [string, number, string] => ["release", id, "Needs a clean first."]),
  );
  state.submissions.set("rodneyfool", {
    artists: rodArtist.map((id) => state.artists.get(id)!),
    labels: [],
    releases: rodSubmitted,
  });
  state.contributions.set("rodneyfool", releasesBy(state, dbIds, "rodneyfool", "contributor"));

  // ---- privateuser --------------------------------------------------------------------------------------------
  const priv: SeededUser = {
    id: 2_222_222,
    username: "privateuser",
    collectionPublic: false,
    wantlistPublic: false,
    profile: profileOf(state, {
      id: 2_222_222,
      username: "privateuser",
      name: "",
      profile: "",
      home_page: "",
      location: "",
      registered: "2015-04-25T23:52:31-07:00",
      rank: 0.0,
      num_pending: 0,
      buyer: [100.0, 5.0, 7],
      seller: [0.0, 0.0, 0],
      curr_abbr: "GBP",
    }),
    self: {
      email: "private@example.com",
      num_unread: 45,
      activated: true,
      marketplace_suspended: false,
      is_staff: false,
    },
  };
  const keepers = USER_SEED_IDS.privateuserFolder;
  addUser(state, priv, [{ id: keepers, name: "Keepers" }], defaultFields());
  const pUsed = new Set<number>();
  addInstances(
    state,
    "privateuser",
    pick([db.industrial, allDb, catalogAll], 10, pUsed).map((releaseId, i) => ({
      releaseId,
      folderId: i < 4 ? keepers : 1,
    })),
    {
      startMs: Date.UTC(2015, 5, 1, 9, 0, 0),
      stepDays: [10, 60],
      seed: 7,
      notes: () => [],
    },
  );
  const privWants = pick([allDb, catalogAll], 8, pUsed);
  addWants(state, "privateuser", privWants, 8, Date.UTC(2016, 0, 1, 9, 0, 0));
  addList(
    state,
    "privateuser",
    {
      id: 520030,
      name: "Secret stash",
      description: "Nobody needs to know.",
      public: false,
      created: "2021-06-01T12:00:00-07:00",
      modified: "2021-06-02T12:00:00-07:00",
    },
    privWants.slice(0, 2).map((id): [string, number, string] => ["release", id, ""]),
  );
}
