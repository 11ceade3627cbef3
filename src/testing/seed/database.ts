/**
 * Seeds the emulator's database slice: releases, masters (and their version lists), artists (and their release
 * lists), labels (and their release lists) and a few user ratings. Everything is deterministic (no randomness)
 * and stored in Discogs' wire format.
 *
 * URLs are stored as the real API sends them, under `https://api.discogs.com` ({@link API_ROOT}); route handlers
 * rewrite that prefix to the emulator's own base URL when they answer (see `rebase` in `routes/database.ts`).
 *
 * Notable ids:
 * - releases `352665` (Nine Inch Nails - The Downward Spiral, master 3719), `249504` (Rick Astley - Never Gonna
 *   Give You Up, master 96559), `1` (The Persuader - Stockholm, master 5427), `5000000` (a 21xCD box set with a
 *   441-entry tracklist: headings, index tracks with sub-tracks, per-track credits);
 * - generated releases `100001..100080` (a Detroit techno catalogue, mostly on Planet E), `400001..400134`
 *   (versions of master 3719), `410001..410006` (versions of master 96559), `410101..410102` (versions of master
 *   5427), `600001..600260` (Nine Inch Nails singles, promos, remixes, compilation appearances);
 * - masters `3719` (135 versions), `96559` (7), `5427` (3), `1000` (3), `3710..3718` (Nine Inch Nails albums, 2 each);
 * - artists `3857` (Nine Inch Nails, 250+ release-list items), `72872` (Rick Astley), `1` (The Persuader), plus every
 *   credited artist as a smaller record;
 * - labels `647` (Interscope Records), `1` (Planet E, with sub-labels), `31405` (I Ner Zon Sounds, sub-label of
 *   Planet E), `5` (Svek), `895` (RCA), plus every credited label and company as a smaller record.
 *
 * @module
 */

import type { EmulatorState, Wire } from "../state";

/** The API root every stored URL starts with (rewritten to the emulator's base URL in responses). */
export const API_ROOT = "https://api.discogs.com";
/** The website root used by `uri` fields. */
export const WWW_ROOT = "https://www.discogs.com";

/**
 * The latest year any seeded date falls in: no seeded release, listing, order or collection entry is dated
 * after it, so that nothing the emulator serves lies in the future.
 */
export const LATEST_SEEDED_YEAR = 2025;

// ---------------------------------------------------------------------------------------------------------------
// Small deterministic helpers

/** A deterministic pseudo-random integer in `[0, mod)` from a seed number (an integer hash, no state). */
export function det(seed: number, mod: number): number {
  let x = (seed ^ 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return mod > 0 ? x % mod : 0;
}

/** A deterministic url-safe token of `len` characters derived from `text` (stands in for signed image paths). */
function token(text: string, len: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  let out = "";
  for (let i = 0; i < len; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    h = (h + 0x6d2b79f5 + i) >>> 0;
    out += alphabet[h % 64];
  }
  return out;
}

/** A Discogs-style URL slug: `"Nine Inch Nails"` → `"Nine-Inch-Nails"`. */
export function slug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "-"
  );
}

/** Image URLs on Discogs' image host for entity `kind` (`R`, `A`, `L`) `id`, image number `n`. */
export function imageUrls(kind: string, id: number, n: number, w = 600, h = 600): Wire {
  const file = Buffer.from(`${kind}-${id}-${1_100_000_000 + det(id * 31 + n, 500_000_000)}.jpeg`).toString(
    "base64url",
  );
  const big = `https://i.discogs.com/${token(`${kind}${id}-${n}-big`, 43)}/rs:fit/g:sm/q:90/h:${h}/w:${w}/${file}.jpeg`;
  const small = `https://i.discogs.com/${token(`${kind}${id}-${n}-small`, 43)}/rs:fit/g:sm/q:40/h:150/w:150/${file}.jpeg`;
  return {
    type: n === 0 ? "primary" : "secondary",
    uri: big,
    resource_url: big,
    uri150: small,
    width: w,
    height: h,
  };
}

/** `count` images for an entity; the first is `primary`. */
function images(kind: string, id: number, count: number): Wire[] {
  const out: Wire[] = [];
  for (let n = 0; n < count; n++)
    out.push(imageUrls(kind, id, n, 600, n === 0 ? 600 : 400 + det(id + n, 200)));
  return out;
}

/** A Discogs timestamp with Pacific offset from a day offset since 2000-01-01 plus seconds. */
function stamp(dayOffset: number, seconds = 0): string {
  const t = Date.UTC(2000, 0, 1) + dayOffset * 86_400_000 + seconds * 1000;
  const d = new Date(Math.min(t, Date.UTC(LATEST_SEEDED_YEAR, 11, 31, 12)));
  return d.toISOString().slice(0, 19) + "-07:00";
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `released_formatted` from `released`: `"1994-03-08"` → `"08 Mar 1994"`, `"1987-07-00"` → `"Jul 1987"`. */
function releasedFormatted(released: string): string {
  const [y, m, d] = released.split("-");
  if (!m || m === "00") return y ?? "";
  const month = MONTHS[Number(m) - 1] ?? "";
  if (!d || d === "00") return `${month} ${y}`;
  return `${d} ${month} ${y}`;
}

/** A `m:ss` duration from seconds. */
function duration(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** An artist credit (`artists[]`, `extraartists[]`, track credits). */
export function credit(
  id: number,
  name: string,
  extra: { anv?: string; join?: string; role?: string; tracks?: string } = {},
): Wire {
  return {
    name,
    anv: extra.anv ?? "",
    join: extra.join ?? "",
    role: extra.role ?? "",
    tracks: extra.tracks ?? "",
    id,
    resource_url: `${API_ROOT}/artists/${id}`,
  };
}

/** A label credit (`labels[]`). */
function labelCredit(id: number, name: string, catno: string): Wire {
  return {
    name,
    catno,
    entity_type: "1",
    entity_type_name: "Label",
    id,
    resource_url: `${API_ROOT}/labels/${id}`,
  };
}

const ENTITY_TYPES: Record<string, string> = {
  "4": "Record Company",
  "5": "Licensed To",
  "9": "Distributed By",
  "13": "Phonographic Copyright (p)",
  "14": "Copyright (c)",
  "17": "Pressed By",
  "21": "Published By",
  "23": "Recorded At",
  "29": "Mastered At",
  "30": "Lacquer Cut At",
};

/** A company credit (`companies[]`). */
function company(id: number, name: string, entityType: string, catno = ""): Wire {
  return {
    name,
    catno,
    entity_type: entityType,
    entity_type_name: ENTITY_TYPES[entityType] ?? "Label",
    id,
    resource_url: `${API_ROOT}/labels/${id}`,
  };
}

/** A format entry: `{name, qty, descriptions, text?}` (`qty` is a string on the wire). */
function format(name: string, qty: number, descriptions: string[], text?: string): Wire {
  const f: Wire = { name, qty: String(qty), descriptions };
  if (text) f.text = text;
  return f;
}

/** The display string of formats, as in artist/label release lists and master versions: `"2xLP, Album"`. */
export function formatString(formats: readonly Wire[]): string {
  return formats
    .map((f) => {
      const qty = Number(f.qty) > 1 ? `${f.qty}x` : "";
      const parts: string[] =
        f.name === "Vinyl" ? [...(f.descriptions ?? [])] : [f.name, ...(f.descriptions ?? [])];
      if (parts.length === 0) parts.push(f.name);
      parts[0] = qty + parts[0];
      return parts.join(", ");
    })
    .join(" + ");
}

/** A track. */
function track(position: string, title: string, seconds: number | null, extra: Wire = {}): Wire {
  return { position, type_: "track", title, duration: seconds === null ? "" : duration(seconds), ...extra };
}

/** A community submitter/contributor reference. */
function userRef(username: string): Wire {
  return { username, resource_url: `${API_ROOT}/users/${username}` };
}

const CONTRIBUTORS = [
  "memory",
  "teo",
  "Ultravod",
  "daniel-phonk",
  "sharevari",
  "moob",
  "Swedens_Finest",
  "hog",
  "strummin",
  "rodneyfool",
  "example",
];

// ---------------------------------------------------------------------------------------------------------------
// Release builder

interface ReleaseSpec {
  id: number;
  title: string;
  artists: Wire[];
  labels: Wire[];
  formats: Wire[];
  year: number;
  released: string;
  country: string;
  genres: string[];
  styles: string[];
  tracklist: Wire[];
  extraartists?: Wire[];
  companies?: Wire[];
  series?: Wire[];
  identifiers?: Wire[];
  videos?: Wire[];
  notes?: string;
  master_id?: number;
  images?: number;
  data_quality?: string;
  estimated_weight?: number;
  have?: number;
  want?: number;
  rating?: [number, number];
  submitter?: string;
  contributors?: string[];
  date_added?: string;
  date_changed?: string;
}

/** The `artists_sort` / display name of a credit list: `"Stephan-G* & The Persuader"`. */
export function artistsDisplay(artists: readonly Wire[]): string {
  return artists
    .map((a, i) => {
      const name = a.anv ? `${a.anv}*` : a.name;
      const join = i < artists.length - 1 ? (a.join ? ` ${a.join} ` : ", ") : "";
      return name + join;
    })
    .join("")
    .replace(/ , /g, ", ");
}

/** Builds a full release in wire format from a spec. */
function buildRelease(s: ReleaseSpec): Wire {
  const have = s.have ?? 20 + det(s.id, 900);
  const want = s.want ?? 5 + det(s.id * 7, 400);
  const rating = s.rating ?? [3 + det(s.id * 3, 60), Math.round((3 + det(s.id * 5, 200) / 100) * 100) / 100];
  const submitter = s.submitter ?? CONTRIBUTORS[det(s.id, CONTRIBUTORS.length)]!;
  const contributors = s.contributors ?? [submitter, CONTRIBUTORS[det(s.id + 1, CONTRIBUTORS.length)]!];
  const dataQuality = s.data_quality ?? (det(s.id, 3) === 0 ? "Needs Vote" : "Correct");
  const dayAdded = 1_000 + det(s.id * 11, 7_000);
  const imgs = images("R", s.id, s.images ?? 1 + det(s.id, 3));
  const fullTitle = `${artistsDisplay(s.artists)} - ${s.title}`;
  const release: Wire = {
    id: s.id,
    status: "Accepted",
    year: s.year,
    resource_url: `${API_ROOT}/releases/${s.id}`,
    uri: `${WWW_ROOT}/release/${s.id}-${slug(fullTitle)}`,
    artists: s.artists,
    artists_sort: artistsDisplay(s.artists),
    labels: s.labels,
    series: s.series ?? [],
    companies: s.companies ?? [],
    formats: s.formats,
    data_quality: dataQuality,
    community: {
      have,
      want,
      rating: { count: rating[0], average: rating[1] },
      submitter: userRef(submitter),
      contributors: [...new Set(contributors)].map(userRef),
      data_quality: dataQuality,
      status: "Accepted",
    },
    format_quantity: s.formats.reduce((n, f) => n + (Number(f.qty) || 1), 0),
    date_added: s.date_added ?? stamp(dayAdded, det(s.id, 86_400)),
    date_changed: s.date_changed ?? stamp(dayAdded + 30 + det(s.id * 13, 2_000), det(s.id * 17, 86_400)),
    num_for_sale: 0,
    lowest_price: null,
    title: s.title,
    country: s.country,
    released: s.released,
    released_formatted: releasedFormatted(s.released),
    notes: s.notes ?? "",
    identifiers: s.identifiers ?? [],
    videos: s.videos ?? [],
    genres: s.genres,
    styles: s.styles,
    tracklist: s.tracklist,
    extraartists: s.extraartists ?? [],
    images: imgs,
    thumb: imgs[0]?.uri150 ?? "",
    estimated_weight: s.estimated_weight ?? estimateWeight(s.formats),
    blocked_from_sale: false,
  };
  if (s.master_id) {
    release.master_id = s.master_id;
    release.master_url = `${API_ROOT}/masters/${s.master_id}`;
  }
  return release;
}

/** A shipping weight estimate in grams from the formats. */
function estimateWeight(formats: readonly Wire[]): number {
  let grams = 0;
  for (const f of formats) {
    const qty = Number(f.qty) || 1;
    const per =
      f.name === "Vinyl"
        ? (f.descriptions ?? []).includes('7"')
          ? 40
          : 230
        : f.name === "CD"
          ? 85
          : f.name === "Cassette"
            ? 60
            : 0;
    grams += per * qty;
  }
  return grams;
}

// ---------------------------------------------------------------------------------------------------------------
// Credits used throughout

const NIN = credit(3857, "Nine Inch Nails");
const RICK = credit(72872, "Rick Astley");
const PERSUADER = credit(1, "The Persuader");
const VARIOUS = credit(194, "Various");

const PEOPLE = {
  trent: [2340, "Trent Reznor"],
  atticus: [235316, "Atticus Ross"],
  flood: [8386, "Flood"],
  moulder: [9035, "Alan Moulder"],
  vrenna: [129469, "Chris Vrenna"],
  lohner: [218197, "Danny Lohner"],
  clouser: [33346, "Charlie Clouser"],
  finck: [313958, "Robin Finck"],
  belew: [31513, "Adrian Belew"],
  perkins: [233415, "Stephen Perkins"],
  baker: [257412, "Tom Baker"],
  talpas: [376981, "Gary Talpas"],
  cortini: [527093, "Alessandro Cortini"],
  rubin: [1138621, "Ilan Rubin"],
  patrick: [234398, "Richard Patrick"],
  dillon: [478713, "Jerome Dillon"],
  saw: [20942, "Stock, Aitken & Waterman"],
  hammond: [34067, "Pete Hammond"],
  showell: [383408, "Miles Showell"],
  dahlback: [2390, "Jesper Dahlbäck"],
  craig: [3223, "Carl Craig"],
} as const satisfies Record<string, readonly [number, string]>;

function person(key: keyof typeof PEOPLE, role: string, extra: { anv?: string; tracks?: string } = {}): Wire {
  const [id, name] = PEOPLE[key];
  return credit(id, name, { role, ...extra });
}

/** NIN members (for the artist record) and whether they are active. */
const NIN_MEMBERS: [keyof typeof PEOPLE, boolean][] = [
  ["trent", true],
  ["atticus", true],
  ["finck", false],
  ["cortini", false],
  ["rubin", false],
  ["vrenna", false],
  ["lohner", false],
  ["clouser", false],
  ["patrick", false],
  ["dillon", false],
];

/** Techno artists used by the generated catalogue. */
const TECHNO_ARTISTS: [number, string][] = [
  [3223, "Carl Craig"],
  [6447, "Paperclip People"],
  [11762, "Innerzone Orchestra"],
  [1451, "69"],
  [2905, "Moodymann"],
  [3009, "Kenny Larkin"],
  [1, "The Persuader"],
  [17404, "Naomi Daniel"],
  [18640, "Recloose"],
  [2436, "Kevin Saunderson"],
  [7215, "Ian O'Brien"],
  [5472, "Alton Miller"],
];

// ---------------------------------------------------------------------------------------------------------------
// Hand-written releases

function downwardSpiral(): Wire {
  const titles: [string, number][] = [
    ["Mr. Self Destruct", 270],
    ["Piggy", 264],
    ["Heresy", 234],
    ["March Of The Pigs", 178],
    ["Closer", 373],
    ["Ruiner", 298],
    ["The Becoming", 331],
    ["I Do Not Want This", 341],
    ["Big Man With A Gun", 96],
    ["A Warm Place", 202],
    ["Eraser", 294],
    ["Reptile", 411],
    ["The Downward Spiral", 237],
    ["Hurt", 373],
  ];
  const tracklist = titles.map(([title, secs], i) => {
    const extra: Wire = {};
    const credits: Wire[] = [];
    if (title === "Mr. Self Destruct" || title === "The Becoming") credits.push(person("belew", "Guitar"));
    if (title === "Heresy") credits.push(person("perkins", "Drums"));
    if (title === "Piggy" || title === "March Of The Pigs") credits.push(person("vrenna", "Drums"));
    if (title === "Big Man With A Gun" || title === "Reptile") credits.push(person("lohner", "Guitar"));
    if (title === "Closer") credits.push(person("clouser", "Programmed By"));
    if (credits.length) extra.extraartists = credits;
    return track(String(i + 1), title, secs, extra);
  });
  return buildRelease({
    id: 352665,
    title: "The Downward Spiral",
    artists: [NIN],
    labels: [
      labelCredit(33587, "Nothing Records", "INTD-92346"),
      labelCredit(647, "Interscope Records", "INTD-92346"),
    ],
    companies: [
      company(647, "Interscope Records", "13"),
      company(647, "Interscope Records", "14"),
      company(33587, "Nothing Records", "4"),
      company(269163, "Le Pig", "23"),
      company(31036, "A&M Studios", "23"),
      company(264219, "Record Plant", "23"),
      company(267611, "Future Disc", "29"),
      company(34409, "Leaving Hope Music", "21"),
      company(265455, "PDO, USA", "17", "92346-2"),
    ],
    formats: [format("CD", 1, ["Album"])],
    year: 1994,
    released: "1994-03-08",
    country: "US",
    genres: ["Electronic", "Rock"],
    styles: ["Industrial", "Alternative Rock"],
    tracklist,
    extraartists: [
      person("trent", "Written-By, Producer, Performer"),
      person("flood", "Producer"),
      person("moulder", "Mixed By"),
      person("baker", "Mastered By"),
      person("talpas", "Design"),
      person("vrenna", "Drums", { tracks: "2, 4" }),
      person("clouser", "Programmed By, Engineer"),
      person("belew", "Guitar", { tracks: "1, 7" }),
    ],
    identifiers: [
      { type: "Barcode", value: "6 06949 23462 3" },
      { type: "Barcode", value: "606949234623" },
      { type: "Matrix / Runout", value: "INTD-92346 1-1 PDO USA", description: "Variant 1" },
      { type: "Matrix / Runout", value: "INTD-92346 @ PDO USA 92346-2 01 ※", description: "Variant 2" },
      { type: "Label Code", value: "LC 6406" },
      { type: "Rights Society", value: "BMI" },
    ],
    videos: [
      {
        uri: "https://www.youtube.com/watch?v=PTFwQP86BRs",
        title: "Nine Inch Nails - Closer (Director's Cut)",
        description: "Nine Inch Nails - Closer, from The Downward Spiral (1994).",
        duration: 373,
        embed: true,
      },
      {
        uri: "https://www.youtube.com/watch?v=kPz21cDK7dg",
        title: "Nine Inch Nails - Hurt",
        description: "Hurt (1994)",
        duration: 373,
        embed: true,
      },
      {
        uri: "https://www.youtube.com/watch?v=x9AtuvVYr1w",
        title: "Nine Inch Nails - March Of The Pigs",
        description: "",
        duration: 178,
        embed: true,
      },
    ],
    notes:
      "Recorded at Le Pig, Beverly Hills, CA; A&M Studios, Hollywood, CA; Record Plant, Hollywood, CA.\n\n" +
      "Mastered at Future Disc.\n\n[b]halo eight[/b]\n\n℗ © 1994 Nothing/Interscope Records. Distributed by Atlantic Recording Corporation.",
    master_id: 3719,
    images: 4,
    data_quality: "Needs Vote",
    estimated_weight: 85,
    have: 41_320,
    want: 3_512,
    rating: [6_834, 4.57],
    submitter: "sharevari",
    contributors: ["sharevari", "memory", "hog", "strummin", "Ultravod", "rodneyfool"],
    date_added: "2001-12-21T02:15:49-08:00",
    date_changed: "2024-02-11T10:44:12-08:00",
  });
}

function neverGonna(): Wire {
  return buildRelease({
    id: 249504,
    title: "Never Gonna Give You Up",
    artists: [RICK],
    labels: [labelCredit(895, "RCA", "PB 41447")],
    companies: [
      company(82835, "BMG Records (UK) Ltd.", "13"),
      company(82835, "BMG Records (UK) Ltd.", "14"),
      company(301937, "Pete Waterman Ltd.", "13"),
      company(273945, "All Boys Music Ltd.", "21"),
      company(30024, "PWL", "4"),
      company(266218, "Utopia Studios", "30"),
    ],
    formats: [format("Vinyl", 1, ['7"', "45 RPM", "Single"])],
    year: 1987,
    released: "1987-07-00",
    country: "UK",
    genres: ["Electronic", "Pop"],
    styles: ["Euro-Disco", "Synth-pop"],
    tracklist: [
      track("A", "Never Gonna Give You Up", 212),
      track("B", "Never Gonna Give You Up (Instrumental)", 210),
    ],
    extraartists: [
      credit(547352, "Me Company", { anv: "Me Co", role: "Design" }),
      person("hammond", "Mixed By", { anv: "Mixmaster Pete Hammond" }),
      person("showell", "Lacquer Cut By", { anv: "MS" }),
      person("saw", "Producer, Written-By", { anv: "Stock / Aitken / Waterman" }),
    ],
    identifiers: [
      { type: "Barcode", value: "5012394144777" },
      { type: "Label Code", value: "LC 0316" },
      { type: "Matrix / Runout", value: "PB 41447 A2 UTOPIA MS", description: "Side A runout" },
      { type: "Matrix / Runout", value: "PB 41447 B2 UTOPIA MS", description: "Side B runout" },
      { type: "Price Code", value: "AA", description: "UK:" },
    ],
    videos: [
      {
        uri: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        title: "Rick Astley - Never Gonna Give You Up (Official Music Video)",
        description: "The official video for “Never Gonna Give You Up” by Rick Astley.",
        duration: 213,
        embed: true,
      },
    ],
    notes: "Black labels with silver print.\n\nDurations do not appear on the release.",
    master_id: 96559,
    images: 2,
    data_quality: "Correct",
    estimated_weight: 60,
    have: 2_430,
    want: 388,
    rating: [162, 3.66],
    submitter: "memory",
    contributors: ["memory", "hog", "strummin"],
    date_added: "2004-04-30T08:10:05-07:00",
    date_changed: "2019-08-21T23:30:18-07:00",
  });
}

function stockholm(): Wire {
  const parts = ["Östermalm", "Vasastaden", "Kungsholmen", "Södermalm", "Norrmalm", "Gamla Stan"];
  const secs = [290, 380, 175, 335, 289, 324];
  return buildRelease({
    id: 1,
    title: "Stockholm",
    artists: [PERSUADER],
    labels: [labelCredit(5, "Svek", "SK032")],
    companies: [company(271046, "The Globe Studios", "23"), company(266218, "Utopia Studios", "30")],
    formats: [format("Vinyl", 2, ['12"', "33 ⅓ RPM"])],
    year: 1999,
    released: "1999-03-00",
    country: "Sweden",
    genres: ["Electronic"],
    styles: ["Deep House"],
    tracklist: parts.map((t, i) => track(["A", "B", "C1", "C2", "D1", "D2"][i]!, t, secs[i]!)),
    extraartists: [person("dahlback", "Music By [All Tracks By]", { anv: "Jesper Dahlbäck" })],
    identifiers: [
      { type: "Matrix / Runout", value: "MPO SK 032 A1", description: "Side A" },
      { type: "Matrix / Runout", value: "MPO SK 032 B1", description: "Side B" },
      { type: "Rights Society", value: "NCB" },
    ],
    videos: parts.slice(0, 3).map((t, i) => ({
      uri: `https://www.youtube.com/watch?v=${token(`persuader${i}`, 11)}`,
      title: `The Persuader - ${t}`,
      description: `The Persuader - ${t}`,
      duration: secs[i]!,
      embed: true,
    })),
    notes: "The song titles are the names of Stockholm's districts.\n",
    master_id: 5427,
    images: 4,
    data_quality: "Complete and Correct",
    estimated_weight: 460,
    have: 1_874,
    want: 2_203,
    rating: [231, 4.43],
    submitter: "teo",
    contributors: ["teo", "Ultravod", "daniel-phonk", "sharevari", "moob"],
    date_added: "2000-09-01T00:00:00-07:00",
    date_changed: "2023-05-04T03:22:09-07:00",
  });
}

/** Release 5000000: a 21xCD box set with a very long tracklist (headings, index tracks, per-track credits). */
function bigBox(): Wire {
  const discTitles = [
    "Origins",
    "Belleville",
    "Transmat",
    "Metroplex",
    "KMS",
    "Underground Resistance",
    "Planet E",
    "Axis",
    "Submerge",
    "Final Frontier",
    "Red Planet",
    "Tresor Connection",
    "Deep Space",
    "Mahogani",
    "KDJ",
    "Peacefrog",
    "Warp Years",
    "R&S Years",
    "Rephlex",
    "Detroit Beatdown",
    "Epilogue",
  ];
  const words = [
    "Strings",
    "Night",
    "Drive",
    "Circuit",
    "Future",
    "Pulse",
    "Motor",
    "City",
    "Signal",
    "Orbit",
    "Echo",
    "Phase",
  ];
  const tracklist: Wire[] = [];
  discTitles.forEach((disc, d) => {
    tracklist.push({ position: "", type_: "heading", title: `CD${d + 1}: ${disc}`, duration: "" });
    for (let t = 1; t <= 20; t++) {
      const n = d * 20 + t;
      const [aid, aname] = TECHNO_ARTISTS[det(n, TECHNO_ARTISTS.length)]!;
      const title = `${words[det(n * 3, words.length)]} ${words[det(n * 5, words.length)]}${t % 4 === 0 ? " (Dub)" : ""}`;
      const artists = [credit(aid, aname)];
      const extraartists = [credit(aid, aname, { role: "Written-By" })];
      if (t % 6 === 0) {
        const [rid, rname] = TECHNO_ARTISTS[det(n * 7, TECHNO_ARTISTS.length)]!;
        extraartists.push(credit(rid, rname, { role: "Remix" }));
      }
      if (t % 5 === 0) {
        const sub: Wire[] = ["a", "b", "c"].map((s, k) =>
          track(`${d + 1}-${t}${s}`, `${title} (Part ${k + 1})`, 120 + det(n * 10 + k, 240), {
            artists,
            extraartists,
          }),
        );
        tracklist.push({
          position: "",
          type_: "index",
          title: `${title} Suite`,
          duration: "",
          sub_tracks: sub,
        });
      } else {
        const secs = n % 37 === 0 ? null : 180 + det(n, 420);
        tracklist.push(track(`${d + 1}-${t}`, title, secs, { artists, extraartists }));
      }
    }
  });
  return buildRelease({
    id: 5000000,
    title: "Detroit Techno: The Complete Archive",
    artists: [VARIOUS],
    labels: [labelCredit(1, "Planet E", "PLE 65999-2"), labelCredit(31405, "I Ner Zon Sounds", "INZ-BOX1")],
    companies: [company(1, "Planet E", "13"), company(267611, "Future Disc", "29")],
    formats: [
      format("Box Set", 1, ["Compilation", "Limited Edition"]),
      format("CD", 21, ["Compilation", "Remastered"]),
    ],
    year: 2019,
    released: "2019-11-29",
    country: "US",
    genres: ["Electronic"],
    styles: ["Techno", "Detroit Techno", "Deep House"],
    tracklist,
    extraartists: [person("craig", "Compiled By"), person("baker", "Mastered By")],
    identifiers: [{ type: "Barcode", value: "8 19514 00099 7" }],
    notes: "21 CDs in a hardbound box with a 120-page booklet.",
    images: 3,
    have: 412,
    want: 977,
    rating: [58, 4.72],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Generated releases

const FORMAT_PRESETS: Record<string, () => Wire[]> = {
  cd: () => [format("CD", 1, ["Album"])],
  cdre: () => [format("CD", 1, ["Album", "Reissue", "Remastered"])],
  lp: () => [format("Vinyl", 1, ["LP", "Album"])],
  dlp: () => [format("Vinyl", 2, ["LP", "Album", "Reissue"], "180 gram")],
  cass: () => [format("Cassette", 1, ["Album"])],
  twelve: () => [format("Vinyl", 1, ['12"', "33 ⅓ RPM"])],
  seven: () => [format("Vinyl", 1, ['7"', "Single", "45 RPM"])],
  cds: () => [format("CD", 1, ["Single"])],
  promo: () => [format("CD", 1, ["Single", "Promo"])],
  file: () => [format("File", 1, ["FLAC", "Album"])],
};

function genTracks(
  id: number,
  titleBase: string,
  count: number,
  sides: boolean,
  credits: Wire[] = [],
): Wire[] {
  const out: Wire[] = [];
  for (let i = 0; i < count; i++) {
    const pos = sides ? `${String.fromCharCode(65 + Math.floor(i / 2))}${(i % 2) + 1}` : String(i + 1);
    const title =
      i === 0
        ? titleBase
        : `${titleBase} (${["Remix", "Dub", "Live", "Edit", "Instrumental", "Reprise", "Version"][det(id * 10 + i, 7)]})`;
    out.push(
      track(
        pos,
        title,
        150 + det(id * 100 + i, 360),
        credits.length && i === 0 ? { extraartists: credits } : {},
      ),
    );
  }
  return out;
}

const TECHNO_TITLES = [
  "Bug In The Bassbin",
  "Throw",
  "At Les",
  "Desire",
  "Sandstorms",
  "Domina",
  "Galaxy",
  "Climax",
  "Oscillator",
  "Suspiria",
  "Landcruising",
  "4 Jazz Funk Classics",
  "Silent Introduction",
  "Azimuth",
  "The Secret Tapes Of Dr. Eich",
  "Programmed",
  "Dark Energy",
  "Neptune",
  "Isolation",
  "Shadow Of Love",
];
const COUNTRIES = [
  "US",
  "UK",
  "Germany",
  "Netherlands",
  "Japan",
  "France",
  "Sweden",
  "Canada",
  "Europe",
  "Australia",
];

/** 100001..100080: a Detroit techno catalogue (mostly Planet E), plus a few releases by the other seeded artists. */
function technoCatalogue(): Wire[] {
  const out: Wire[] = [];
  for (let i = 1; i <= 80; i++) {
    const id = 100_000 + i;
    let artist = TECHNO_ARTISTS[det(id, TECHNO_ARTISTS.length)]!;
    let title = TECHNO_TITLES[det(id * 3, TECHNO_TITLES.length)]!;
    let master: number | undefined;
    let label = labelCredit(1, "Planet E", `PE${65_200 + i}`);
    let genres = ["Electronic"];
    let styles = [
      ["Techno", "Deep House"],
      ["Detroit Techno"],
      ["Techno", "Minimal"],
      ["House", "Deep House"],
    ][det(id * 5, 4)]!;
    let preset = ["twelve", "twelve", "lp", "cd", "dlp", "file"][det(id * 7, 6)]!;
    if (i === 3 || i === 23 || i === 43) {
      artist = [6447, "Paperclip People"];
      title = "The Secret Tapes Of Dr. Eich";
      master = 1000;
      preset = ["dlp", "cd", "file"][(i - 3) / 20]!;
    } else if (i % 10 === 5) {
      label = labelCredit(31405, "I Ner Zon Sounds", `INZ-${100 + i}`);
      artist = [17404, "Naomi Daniel"];
    } else if (i % 16 === 0) {
      artist = [72872, "Rick Astley"];
      title = ["Whenever You Need Somebody", "Hold Me In Your Arms", "Free", "Body & Soul", "Beautiful Life"][
        i / 16 - 1
      ]!;
      label = labelCredit(895, "RCA", `PL${71_500 + i}`);
      genres = ["Electronic", "Pop"];
      styles = ["Synth-pop"];
    } else if (i % 13 === 0) {
      artist = [3857, "Nine Inch Nails"];
      title = [
        "Further Down The Spiral",
        "Things Falling Apart",
        "And All That Could Have Been",
        "Y34RZ3R0R3M1X3D",
        "Bad Witch",
        "Add Violence",
      ][i / 13 - 1]!;
      label = labelCredit(647, "Interscope Records", `INTD-${95_800 + i}`);
      genres = ["Electronic", "Rock"];
      styles = ["Industrial"];
    } else if (i % 9 === 0) {
      artist = [1, "The Persuader"];
      label = labelCredit(5, "Svek", `SK${100 + i}`);
      styles = ["Deep House", "Tech House"];
    }
    const year = 1991 + det(id * 11, 30);
    const formats = FORMAT_PRESETS[preset]!();
    const sides = formats[0]!.name === "Vinyl";
    out.push(
      buildRelease({
        id,
        title,
        artists: [credit(artist[0], artist[1])],
        labels: [label],
        formats,
        year,
        released:
          det(id, 3) === 0
            ? String(year)
            : `${year}-${String(1 + det(id * 13, 12)).padStart(2, "0")}-${det(id, 2) ? "00" : String(1 + det(id * 17, 28)).padStart(2, "0")}`,
        country: COUNTRIES[det(id * 19, COUNTRIES.length)]!,
        genres,
        styles,
        tracklist: genTracks(
          id,
          title,
          2 + det(id, 7),
          sides,
          det(id, 4) === 0 ? [person("craig", "Producer")] : [],
        ),
        extraartists: [credit(artist[0], artist[1], { role: "Written-By, Producer" })],
        identifiers: det(id, 2)
          ? [{ type: "Barcode", value: `8${String(10_000_000_000 + id * 7919).slice(0, 11)}` }]
          : [],
        master_id: master,
      }),
    );
  }
  return out;
}

/** Versions of master 3719 (The Downward Spiral): 400001..400134. */
function spiralVersions(): Wire[] {
  const variants: [string, string, number, string][] = [
    ["cd", "US", 647, "Interscope Records"],
    ["lp", "US", 33587, "Nothing Records"],
    ["cass", "US", 647, "Interscope Records"],
    ["cd", "Europe", 1866, "Island Records"],
    ["cd", "UK", 1866, "Island Records"],
    ["lp", "UK", 1866, "Island Records"],
    ["cd", "Japan", 58891, "Interscope Records Japan"],
    ["cdre", "US", 647, "Interscope Records"],
    ["dlp", "US", 647, "Interscope Records"],
    ["cd", "Australia", 1866, "Island Records"],
    ["cass", "Poland", 83441, "Pomaton EMI"],
    ["cd", "Canada", 647, "Interscope Records"],
    ["file", "Worldwide", 33587, "Nothing Records"],
    ["cd", "Germany", 1866, "Island Records"],
  ];
  const out: Wire[] = [];
  const base = downwardSpiral();
  for (let i = 1; i <= 134; i++) {
    const id = 400_000 + i;
    const [preset, country, labelId, labelName] = variants[det(id, variants.length)]!;
    const year = [1994, 1994, 1995, 1999, 2004, 2010, 2017, 2022][det(id * 3, 8)]!;
    const formats = FORMAT_PRESETS[preset]!();
    if (det(id * 5, 5) === 0) formats[0]!.descriptions = [...formats[0]!.descriptions, "Promo"];
    const sides = formats[0]!.name === "Vinyl" || formats[0]!.name === "Cassette";
    const catno = `${labelId === 647 ? "INTD" : labelId === 33587 ? "NOTHING" : "CID"}-${92_300 + det(id * 7, 90)}${preset === "cass" ? "-4" : preset === "lp" || preset === "dlp" ? "-1" : "-2"}`;
    out.push(
      buildRelease({
        id,
        title: i % 17 === 0 ? "The Downward Spiral (Deluxe Edition)" : "The Downward Spiral",
        artists: [NIN],
        labels: [labelCredit(labelId, labelName, catno)],
        companies: [company(647, "Interscope Records", "13")],
        formats,
        year,
        released: det(id, 2) ? String(year) : `${year}-${String(1 + det(id * 11, 12)).padStart(2, "0")}-00`,
        country,
        genres: ["Electronic", "Rock"],
        styles: ["Industrial", "Alternative Rock"],
        tracklist: base.tracklist.map((t: Wire, k: number) =>
          sides ? { ...t, position: `${k < 7 ? "A" : "B"}${(k % 7) + 1}` } : { ...t },
        ),
        extraartists: [person("trent", "Written-By, Producer"), person("flood", "Producer")],
        identifiers: [
          {
            type: "Barcode",
            value: `6 06949 ${String(23_000 + det(id, 999)).padStart(5, "0")} ${det(id, 10)}`,
          },
        ],
        master_id: 3719,
      }),
    );
  }
  return out;
}

/** Nine Inch Nails albums (masters 3710..3718) and their versions 600001..600018. */
const NIN_ALBUMS: [number, string, number][] = [
  [3718, "Pretty Hate Machine", 1989],
  [3717, "Broken", 1992],
  [3716, "Fixed", 1992],
  [3715, "The Fragile", 1999],
  [3714, "With Teeth", 2005],
  [3713, "Year Zero", 2007],
  [3712, "Ghosts I-IV", 2008],
  [3711, "The Slip", 2008],
  [3710, "Hesitation Marks", 2013],
];

const NIN_SINGLES = [
  "Head Like A Hole",
  "Down In It",
  "Sin",
  "March Of The Pigs",
  "Closer",
  "Hurt",
  "The Perfect Drug",
  "The Day The World Went Away",
  "We're In This Together",
  "Into The Void",
  "Starfuckers, Inc.",
  "The Hand That Feeds",
  "Only",
  "Every Day Is Exactly The Same",
  "Survivalism",
  "Capital G",
  "Discipline",
  "Came Back Haunted",
  "Copy Of A",
  "Less Than",
];
const NIN_SINGLE_YEARS = [
  1989, 1989, 1990, 1994, 1994, 1995, 1997, 1999, 1999, 2000, 2000, 2005, 2005, 2006, 2007, 2007, 2008, 2013,
  2013, 2016,
];
const OTHER_ARTISTS: [number, string][] = [
  [56120, "Marilyn Manson"],
  [12939, "David Bowie"],
  [14204, "Tori Amos"],
  [5357, "Queen"],
  [24941, "Megadeth"],
  [2742, "Peter Gabriel"],
  [74961, "Pantera"],
  [24935, "Soundgarden"],
];

/** 600001..600260: Nine Inch Nails album versions, singles, promos, remixes and appearances. */
function ninCatalogue(): Wire[] {
  const out: Wire[] = [];
  for (let i = 1; i <= 260; i++) {
    const id = 600_000 + i;
    let artists = [NIN];
    let title: string;
    let master: number | undefined;
    let extraartists: Wire[] = [person("trent", "Written-By, Producer")];
    let tracks: Wire[] | undefined;
    let preset = ["cds", "promo", "twelve", "seven", "cds"][det(id, 5)]!;
    let single = -1;
    if (i <= 18) {
      const [m, t, y] = NIN_ALBUMS[Math.floor((i - 1) / 2)]!;
      master = m;
      title = t;
      preset = i % 2 ? "cd" : "lp";
      extraartists = [
        person("trent", "Written-By, Producer"),
        person(y >= 2007 ? "atticus" : "flood", "Producer"),
      ];
    } else if (i % 10 === 7) {
      // Compilation with a NIN track: a track appearance.
      artists = [VARIOUS];
      title = `${["Lost Highway", "Natural Born Killers", "Quake", "The Crow", "Mortal Kombat", "Further Down"][det(id, 6)]} (Music From The Motion Picture)${i > 130 ? " Vol. 2" : ""}`;
      preset = det(id, 2) ? "cd" : "dlp";
      tracks = [
        track("1", NIN_SINGLES[det(id * 3, NIN_SINGLES.length)]!, 240 + det(id, 120), { artists: [NIN] }),
        track("2", "Ghost Rider", 200 + det(id * 5, 100), {
          artists: [credit(...OTHER_ARTISTS[det(id, OTHER_ARTISTS.length)]!)],
        }),
      ];
      extraartists = [person("trent", "Compiled By")];
    } else if (i % 10 === 9) {
      // Another artist's single with a NIN remix.
      const other = OTHER_ARTISTS[det(id * 7, OTHER_ARTISTS.length)]!;
      artists = [credit(other[0], other[1])];
      title = [
        "I'm Afraid Of Americans",
        "The Beautiful People",
        "Caught A Lite Sneeze",
        "Sweating Bullets",
        "Shock The Monkey",
      ][det(id, 5)]!;
      extraartists = [credit(3857, "Nine Inch Nails", { role: "Remix", tracks: "2" })];
    } else if (i % 13 === 0) {
      const other = OTHER_ARTISTS[det(id * 11, OTHER_ARTISTS.length)]!;
      artists = [credit(other[0], other[1])];
      title = `${["Antichrist Superstar", "Portrait Of An American Family", "Earthling", "Outside"][det(id, 4)]}`;
      preset = "cd";
      extraartists = [credit(3857, "Nine Inch Nails", { role: "Producer" }), person("trent", "Producer")];
    } else {
      single = det(id * 13, NIN_SINGLES.length);
      title = NIN_SINGLES[single]!;
      if (det(id, 4) === 0)
        title += ` (${["Live", "Remixes", "Halo Edition", "Promo Edit"][det(id * 17, 4)]})`;
    }
    const year = master
      ? NIN_ALBUMS.find((a) => a[0] === master)![2] + (i % 2 ? 0 : 1)
      : single >= 0
        ? Math.min(
            LATEST_SEEDED_YEAR,
            NIN_SINGLE_YEARS[single]! + (det(id, 5) === 0 ? 1 + det(id * 3, 20) : 0),
          )
        : 1989 + det(id * 19, 34);
    const formats = FORMAT_PRESETS[preset]!();
    const sides = formats[0]!.name === "Vinyl";
    const labelId = [647, 33587, 1866, 647][det(id * 23, 4)]!;
    const labelName =
      labelId === 647 ? "Interscope Records" : labelId === 33587 ? "Nothing Records" : "Island Records";
    out.push(
      buildRelease({
        id,
        title,
        artists,
        labels: [labelCredit(labelId, labelName, `${labelId === 1866 ? "CID" : "INTDS"}-${95_000 + i}`)],
        formats,
        year,
        released: String(year),
        country: COUNTRIES[det(id * 29, COUNTRIES.length)]!,
        genres: ["Electronic", "Rock"],
        styles: ["Industrial", ...(det(id, 3) === 0 ? ["Electro"] : [])],
        tracklist: tracks ?? genTracks(id, title.replace(/ \(.*\)$/, ""), 1 + det(id * 31, 6), sides),
        extraartists,
        master_id: master,
      }),
    );
  }
  return out;
}

/** A few extra versions: 410001..410006 (master 96559), 410101..410102 (master 5427). */
function extraVersions(): Wire[] {
  const out: Wire[] = [];
  const rick = neverGonna();
  const rickVariants: [string, string, string, number][] = [
    ["twelve", "UK", "PT 41448", 1987],
    ["seven", "US", "5347-7-R", 1987],
    ["twelve", "US", "6784-1-RD", 1987],
    ["seven", "Germany", "109 372", 1987],
    ["cds", "UK", "74321 96789 2", 2002],
    ["seven", "Japan", "RPS-1162", 1988],
  ];
  rickVariants.forEach(([preset, country, catno, year], k) => {
    const id = 410_001 + k;
    out.push(
      buildRelease({
        id,
        title: "Never Gonna Give You Up",
        artists: [RICK],
        labels: [labelCredit(895, "RCA", catno)],
        formats: FORMAT_PRESETS[preset]!(),
        year,
        released: String(year),
        country,
        genres: ["Electronic", "Pop"],
        styles: ["Euro-Disco", "Synth-pop"],
        tracklist: rick.tracklist.map((t: Wire) => ({ ...t })),
        extraartists: [person("saw", "Producer, Written-By", { anv: "Stock / Aitken / Waterman" })],
        master_id: 96559,
      }),
    );
  });
  const persuader = stockholm();
  [2004, 2016].forEach((year, k) => {
    out.push(
      buildRelease({
        id: 410_101 + k,
        title: "Stockholm",
        artists: [PERSUADER],
        labels: [labelCredit(5, "Svek", k ? "SK032RE" : "SKCD032")],
        formats: k ? FORMAT_PRESETS.dlp!() : FORMAT_PRESETS.cd!(),
        year,
        released: String(year),
        country: "Sweden",
        genres: ["Electronic"],
        styles: ["Deep House"],
        tracklist: persuader.tracklist.map((t: Wire, i: number) => ({
          ...t,
          position: k ? t.position : String(i + 1),
        })),
        extraartists: [person("dahlback", "Music By [All Tracks By]", { anv: "Jesper Dahlbäck" })],
        master_id: 5427,
      }),
    );
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Masters

function buildMaster(id: number, main: Wire, versions: readonly Wire[], extra: Wire = {}): Wire {
  const mostRecent = [...versions].sort((a, b) => b.year - a.year || b.id - a.id)[0] ?? main;
  const fullTitle = `${artistsDisplay(main.artists)} - ${main.title}`;
  return {
    id,
    main_release: main.id,
    most_recent_release: mostRecent.id,
    resource_url: `${API_ROOT}/masters/${id}`,
    uri: `${WWW_ROOT}/master/${id}-${slug(fullTitle)}`,
    versions_url: `${API_ROOT}/masters/${id}/versions`,
    main_release_url: `${API_ROOT}/releases/${main.id}`,
    most_recent_release_url: `${API_ROOT}/releases/${mostRecent.id}`,
    num_for_sale: 0,
    lowest_price: null,
    images: main.images.map((i: Wire) => ({ ...i })),
    genres: [...main.genres],
    styles: [...main.styles],
    year: Math.min(...versions.map((v) => v.year).filter((y) => y > 0), main.year),
    tracklist: main.tracklist.map((t: Wire) => ({ ...t })),
    artists: main.artists.map((a: Wire) => ({ ...a })),
    title: main.title,
    data_quality: "Correct",
    videos: main.videos.map((v: Wire) => ({ ...v })),
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Artists and labels

const ARTIST_DETAILS: Record<number, Wire> = {
  3857: {
    profile:
      "Industrial rock project founded in 1988 by [a=Trent Reznor] in Cleveland, Ohio, USA. Reznor was the only official member " +
      "until [a=Atticus Ross] joined in 2016. Live line-ups have included [a=Robin Finck], [a=Chris Vrenna], [a=Danny Lohner] and others.",
    urls: [
      "https://www.nin.com/",
      "https://en.wikipedia.org/wiki/Nine_Inch_Nails",
      "https://www.instagram.com/nineinchnails",
    ],
    namevariations: ["9 Inch Nails", "NIN", "N.I.N.", "Nine Inch Nail", "ナイン・インチ・ネイルズ"],
    aliases: [{ id: 2340, name: "Trent Reznor" }],
    images: 3,
    data_quality: "Needs Vote",
  },
  72872: {
    realname: "Richard Paul Astley",
    profile:
      "English singer, songwriter and radio personality, born 6 February 1966 in Newton-le-Willows, Lancashire, England.",
    urls: ["https://www.rickastley.co.uk/", "https://en.wikipedia.org/wiki/Rick_Astley"],
    namevariations: ["Astley", "R. Astley", "Rick Astly"],
    aliases: [],
    images: 2,
    data_quality: "Needs Vote",
  },
  1: {
    realname: "Jesper Dahlbäck",
    profile: "Swedish techno and house producer [a=Jesper Dahlbäck] under one of his many aliases.",
    urls: [],
    namevariations: ["Persuader", "The Presuader"],
    aliases: [
      { id: 239, name: "Jesper Dahlbäck" },
      { id: 16055, name: "Groove Machine" },
      { id: 19541, name: "Dick Track" },
      { id: 25227, name: "Lenk" },
    ],
    images: 1,
    data_quality: "Needs Vote",
  },
};

/** How many images an artist has (the detailed ones as configured, others 0 or 1). */
function artistImageCount(id: number): number {
  return ARTIST_DETAILS[id]?.images ?? (det(id, 3) === 0 ? 0 : 1);
}

/** An artist's thumbnail URL (`""` without images), as credits in 2025 responses carry it. */
function artistThumb(id: number): string {
  return artistImageCount(id) ? imageUrls("A", id, 0).uri150 : "";
}

function buildArtist(id: number, name: string, detail: Wire | undefined, groups: Wire[]): Wire {
  const a: Wire = {
    name,
    id,
    resource_url: `${API_ROOT}/artists/${id}`,
    uri: `${WWW_ROOT}/artist/${id}-${slug(name)}`,
    releases_url: `${API_ROOT}/artists/${id}/releases`,
    images: images("A", id, artistImageCount(id)),
  };
  if (detail?.realname) a.realname = detail.realname;
  a.profile = detail?.profile ?? "";
  a.urls = detail?.urls ?? [];
  a.namevariations = detail?.namevariations ?? [];
  if (detail?.aliases?.length)
    a.aliases = detail.aliases.map((x: Wire) => ({
      id: x.id,
      name: x.name,
      resource_url: `${API_ROOT}/artists/${x.id}`,
      thumbnail_url: artistThumb(x.id),
    }));
  if (id === 3857)
    a.members = NIN_MEMBERS.map(([key, active]) => {
      const [mid, mname] = PEOPLE[key];
      return {
        id: mid,
        name: mname,
        resource_url: `${API_ROOT}/artists/${mid}`,
        active,
        thumbnail_url: artistThumb(mid),
      };
    });
  if (groups.length) a.groups = groups.map((g) => ({ ...g, thumbnail_url: artistThumb(g.id) }));
  a.data_quality = detail?.data_quality ?? "Needs Vote";
  return a;
}

const LABEL_DETAILS: Record<number, Wire> = {
  647: {
    profile:
      "American record label founded in 1990 by [a=Jimmy Iovine] and Ted Field. Part of Interscope Geffen A&M.",
    contact_info: "Interscope Records\r\n2220 Colorado Avenue\r\nSanta Monica, CA 90404\r\nUSA\r\n",
    urls: ["https://www.interscope.com/", "https://en.wikipedia.org/wiki/Interscope_Records"],
    sublabels: [
      [33587, "Nothing Records"],
      [58891, "Interscope Records Japan"],
    ],
  },
  33587: {
    profile:
      "Label founded in 1992 by [a=Trent Reznor] and John Malm Jr., distributed by [l=Interscope Records].",
    contact_info: "",
    urls: ["https://en.wikipedia.org/wiki/Nothing_Records"],
    parent: [647, "Interscope Records"],
  },
  58891: { profile: "Japanese imprint of [l=Interscope Records].", parent: [647, "Interscope Records"] },
  1: {
    profile: "Classic techno label from Detroit, USA.\r\n[b]Label owner:[/b] [a=Carl Craig].\r\n",
    contact_info:
      "Planet E Communications\r\nP.O. Box 27218\r\nDetroit, MI 48227\r\nUSA\r\n\r\nemail: info AT planet-e DOT net\r\n",
    urls: [
      "https://www.planet-e.net",
      "https://planetecommunications.bandcamp.com",
      "https://twitter.com/planetedetroit",
    ],
    sublabels: [
      [31405, "I Ner Zon Sounds"],
      [41841, "Community Projects"],
      [86537, "Antidote (4)"],
    ],
  },
  31405: {
    profile:
      "Short-lived sub-label of [l=Planet E], used by [a=Carl Craig] for the [a=Naomi Daniel] project.",
    parent: [1, "Planet E"],
  },
  41841: { profile: "Sub-label of [l=Planet E].", parent: [1, "Planet E"] },
  86537: { profile: "Sub-label of [l=Planet E].", parent: [1, "Planet E"] },
  5: {
    profile:
      "Swedish label run by [a=Jesper Dahlbäck], [a=Adam Beyer] and [a=Cari Lekebusch] in the late nineties.",
    contact_info: "Svek\r\nStockholm, Sweden\r\n",
    urls: ["https://www.svek.se"],
  },
  895: {
    profile:
      "RCA (Radio Corporation of America) label imprint. Use for releases that carry only the RCA logo.",
    contact_info: "",
    urls: ["https://www.rcarecords.com/"],
  },
};

function buildLabel(id: number, name: string): Wire {
  const d = LABEL_DETAILS[id];
  const l: Wire = {
    id,
    name,
    resource_url: `${API_ROOT}/labels/${id}`,
    uri: `${WWW_ROOT}/label/${id}-${slug(name)}`,
    releases_url: `${API_ROOT}/labels/${id}/releases`,
    images: images("L", id, d ? 1 : 0),
    profile: d?.profile ?? "",
    contact_info: d?.contact_info ?? "",
    urls: d?.urls ?? [],
  };
  if (d?.sublabels)
    l.sublabels = d.sublabels.map(([sid, sname]: [number, string]) => ({
      id: sid,
      name: sname,
      resource_url: `${API_ROOT}/labels/${sid}`,
    }));
  if (d?.parent)
    l.parent_label = {
      id: d.parent[0],
      name: d.parent[1],
      resource_url: `${API_ROOT}/labels/${d.parent[0]}`,
    };
  l.data_quality = d ? "Needs Vote" : "Correct";
  return l;
}

/** Every credit (artists, extraartists, track credits, sub-track credits) of a release with where it was found. */
export function releaseCredits(r: Wire): { credit: Wire; where: "main" | "extra" | "track" }[] {
  const out: { credit: Wire; where: "main" | "extra" | "track" }[] = [];
  for (const a of r.artists ?? []) out.push({ credit: a, where: "main" });
  for (const a of r.extraartists ?? []) out.push({ credit: a, where: "extra" });
  const walk = (tracks: Wire[]) => {
    for (const t of tracks) {
      for (const a of t.artists ?? []) out.push({ credit: a, where: "track" });
      for (const a of t.extraartists ?? []) out.push({ credit: a, where: "extra" });
      if (t.sub_tracks) walk(t.sub_tracks);
    }
  };
  walk(r.tracklist ?? []);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The seed

/**
 * Seeds releases, masters, artists, labels (and their list endpoints' items) and a few user ratings into
 * `state`. Deterministic: two calls produce identical data.
 */
export function seedDatabase(state: EmulatorState): void {
  const releases = [
    downwardSpiral(),
    neverGonna(),
    stockholm(),
    bigBox(),
    ...technoCatalogue(),
    ...spiralVersions(),
    ...ninCatalogue(),
    ...extraVersions(),
  ];
  for (const r of releases) state.releases.set(r.id, r);

  // Masters.
  const byMaster = new Map<number, Wire[]>();
  for (const r of releases)
    if (r.master_id) byMaster.set(r.master_id, [...(byMaster.get(r.master_id) ?? []), r]);
  const mainOf: Record<number, number> = { 3719: 352665, 96559: 249504, 5427: 1, 1000: 100_003 };
  for (const [mid, versions] of byMaster) {
    const main =
      state.releases.get(mainOf[mid] ?? -1) ??
      [...versions].sort((a, b) => a.year - b.year || a.id - b.id)[0]!;
    state.masters.set(mid, buildMaster(mid, main, versions, mid === 3719 ? { data_quality: "Correct" } : {}));
  }

  // Artists: the three detailed ones plus every credited artist and NIN's members.
  const artistNames = new Map<number, string>();
  for (const r of releases)
    for (const { credit: c } of releaseCredits(r)) if (!artistNames.has(c.id)) artistNames.set(c.id, c.name);
  for (const [, [id, name]] of Object.entries(PEOPLE)) if (!artistNames.has(id)) artistNames.set(id, name);
  for (const d of Object.values(ARTIST_DETAILS))
    for (const a of d.aliases ?? []) if (!artistNames.has(a.id)) artistNames.set(a.id, a.name);
  const memberOf = new Map<number, Wire[]>();
  for (const [key, active] of NIN_MEMBERS)
    memberOf.set(PEOPLE[key][0], [
      { id: 3857, name: "Nine Inch Nails", resource_url: `${API_ROOT}/artists/3857`, active },
    ]);
  for (const [id, name] of artistNames)
    state.artists.set(id, buildArtist(id, name, ARTIST_DETAILS[id], memberOf.get(id) ?? []));

  // Labels: every label and company credited, plus the detailed ones' sub-labels and parents.
  const labelNames = new Map<number, string>();
  for (const r of releases)
    for (const l of [...r.labels, ...r.companies]) if (!labelNames.has(l.id)) labelNames.set(l.id, l.name);
  for (const [id, d] of Object.entries(LABEL_DETAILS)) {
    for (const [sid, sname] of d.sublabels ?? []) if (!labelNames.has(sid)) labelNames.set(sid, sname);
    if (d.parent && !labelNames.has(d.parent[0])) labelNames.set(d.parent[0], d.parent[1]);
    if (!labelNames.has(Number(id))) labelNames.set(Number(id), d.name ?? `Label ${id}`);
  }
  for (const [id, name] of labelNames) {
    state.labels.set(id, buildLabel(id, name));
  }

  // A few user ratings (added to each release's community rating in responses).
  const ratings: [number, string, number][] = [
    [352665, "example", 5],
    [352665, "rodneyfool", 4],
    [249504, "example", 4],
    [249504, "360vinyl", 3],
    [1, "rodneyfool", 5],
    [5000000, "example", 5],
  ];
  for (const [rid, user, value] of ratings) {
    const m = state.ratings.get(rid) ?? new Map<string, number>();
    m.set(user, value);
    state.ratings.set(rid, m);
  }
}
