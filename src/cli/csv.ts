/**
 * CSV: a writer and a reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a BOM), and the layouts of
 * the Discogs website's exports that `discogs ... export --format csv` writes.
 *
 * The headers are the website's, byte for byte. The rows follow the website's conventions as far as the API's
 * data allows: labels and catalog numbers joined with ", ", formats as "2xLP, Album, RE" (quantity, the format
 * name, except "Vinyl", whose size comes first, descriptions abbreviated as on Discogs), several formats
 * joined with " + ", the date added as "YYYY-MM-DD HH:MM:SS" in the time zone Discogs gives it, a rating of 0
 * as an empty field. Lines end with LF.
 *
 * @module
 */

/** The Discogs website's collection export header. */
export const COLLECTION_CSV_HEADER =
  "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added," +
  "Collection Media Condition,Collection Sleeve Condition,Collection Notes";

/** The Discogs website's wantlist export header. */
export const WANTLIST_CSV_HEADER = "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,Notes";

/** The Discogs inventory export header (`GET /inventory/export/{id}/download`). */
export const INVENTORY_CSV_HEADER =
  "listing_id,artist,title,label,catno,format,release_id,status,price,listed,comments,media_condition," +
  "sleeve_condition,accept_offer,external_id,weight,format_quantity,location,quantity";

/** One CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: unknown): string {
  const s = value === undefined || value === null ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (with its LF). */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(",") + "\n";
}

/** Parses CSV text into rows of fields (a leading BOM and blank lines are dropped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === "" && !fieldStarted)) rows.push(row);
    row = [];
    field = "";
    fieldStarted = false;
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
      continue;
    }
    if (c === '"') {
      quoted = true;
      fieldStarted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
      fieldStarted = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw new TypeError("the CSV ends inside a quoted field (a missing closing quote)");
  if (field !== "" || row.length > 0 || fieldStarted) endRow();
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// The website's conventions

/** Format names as Discogs abbreviates them in exports. */
const FORMAT_NAMES: Record<string, string> = { Cassette: "Cass", "Box Set": "Box", "Flexi-disc": "Flexi" };

/** Format descriptions as Discogs abbreviates them (Discogs' format abbreviations). */
const DESCRIPTIONS: Record<string, string> = {
  Compilation: "Comp",
  Reissue: "RE",
  Remastered: "RM",
  Repress: "RP",
  "Limited Edition": "Ltd",
  Numbered: "Num",
  "Test Pressing": "TP",
  "Unofficial Release": "Unofficial",
  "Special Edition": "S/Edition",
  "Deluxe Edition": "Dlx",
  Enhanced: "Enh",
  "Partially Mixed": "P/Mixed",
  "Club Edition": "Club",
  "Picture Disc": "Pic",
  "Mini-Album": "MiniAlbum",
  Sampler: "Smplr",
  "Single Sided": "S/Sided",
  Quadraphonic: "Quad",
  "Copy Protected": "Copy Prot.",
  Misprint: "Misprint",
  Mispress: "Mispress",
  Promo: "Promo",
  "White Label": "W/Lbl",
  Stereo: "Stereo",
  Mono: "Mono",
};

interface FormatLike {
  name?: string;
  quantity?: string | number;
  qty?: string | number;
  descriptions?: string[];
  text?: string;
}

/** Formats as the website writes them: `"2xLP, Album, RE + CD, Comp"`. */
export function formatString(formats: readonly FormatLike[] | undefined): string {
  return (formats ?? [])
    .map((f) => {
      const qty = Number(f.quantity ?? f.qty ?? 1);
      const name = f.name ?? "";
      const descriptions = (f.descriptions ?? []).map((d) => DESCRIPTIONS[d] ?? d);
      const parts =
        name === "Vinyl" && descriptions.length
          ? descriptions
          : [FORMAT_NAMES[name] ?? name, ...descriptions];
      if (qty > 1) parts[0] = `${qty}x${parts[0]}`;
      return parts.filter((p) => p !== "").join(", ");
    })
    .filter((s) => s !== "")
    .join(" + ");
}

interface ArtistLike {
  name?: string;
  join?: string;
}

/** Artists as the website writes them: names joined with their join words (`"A & B"`), else ", ". */
export function artistString(artists: readonly ArtistLike[] | undefined): string {
  const list = artists ?? [];
  return list
    .map((a, i) => {
      const name = a.name ?? "";
      if (i === list.length - 1) return name;
      const join = (a.join ?? "").trim();
      return !join || join === "," ? `${name}, ` : `${name} ${join} `;
    })
    .join("");
}

/** Distinct non-empty values joined with ", ". */
function joinDistinct(values: readonly (string | undefined)[]): string {
  return [...new Set(values.filter((v): v is string => !!v && v.trim() !== ""))].join(", ");
}

/** `2011-09-22T11:12:40-07:00` as `2011-09-22 11:12:40` (the wall-clock time Discogs gives). */
export function websiteTime(iso: string | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

interface BasicInformation {
  id?: number;
  title?: string;
  year?: number;
  artists?: ArtistLike[];
  labels?: { name?: string; catalog_number?: string; catno?: string }[];
  formats?: FormatLike[];
}

/** The release columns the collection and wantlist layouts share: Catalog#..release_id. */
function releaseColumns(
  b: BasicInformation | undefined,
  rating: number | undefined,
  releaseId: number,
): unknown[] {
  const labels = b?.labels ?? [];
  return [
    joinDistinct(labels.map((l) => l.catalog_number ?? l.catno)),
    artistString(b?.artists),
    b?.title ?? "",
    joinDistinct(labels.map((l) => l.name)),
    formatString(b?.formats),
    rating ? rating : "",
    b?.year ?? "",
    releaseId,
  ];
}

/** The custom field ids of Discogs' default collection fields. */
export const DEFAULT_FIELDS = { mediaCondition: 1, sleeveCondition: 2, notes: 3 } as const;

interface CollectionItemLike {
  id: number;
  folder_id?: number;
  rating?: number;
  date_added?: string;
  basic_information?: BasicInformation;
  notes?: { field_id: number; value: string }[];
}

/** One collection item as a row of the website's collection CSV. */
export function collectionRow(item: CollectionItemLike, folderName: string): string {
  const note = (id: number) => item.notes?.find((n) => n.field_id === id)?.value ?? "";
  return csvLine([
    ...releaseColumns(item.basic_information, item.rating, item.id),
    folderName,
    websiteTime(item.date_added),
    note(DEFAULT_FIELDS.mediaCondition),
    note(DEFAULT_FIELDS.sleeveCondition),
    note(DEFAULT_FIELDS.notes),
  ]);
}

interface WantLike {
  id: number;
  rating?: number;
  notes?: string;
  basic_information?: BasicInformation;
}

/** One want as a row of the website's wantlist CSV. */
export function wantlistRow(want: WantLike): string {
  return csvLine([...releaseColumns(want.basic_information, want.rating, want.id), want.notes ?? ""]);
}

interface ListingLike {
  id: number;
  status?: string;
  condition?: string;
  sleeve_condition?: string;
  comments?: string;
  posted?: string;
  allow_offers?: boolean;
  price?: { value?: number };
  original_price?: { value?: number };
  weight?: number | "auto";
  format_quantity?: number | "auto";
  external_id?: string;
  location?: string;
  quantity?: number;
  release?: {
    id?: number;
    artist?: string;
    title?: string;
    label?: string;
    catalog_number?: string;
    format?: string;
  };
}

/** One listing as a row of the inventory export CSV. */
export function inventoryRow(l: ListingLike): string {
  const r = l.release ?? {};
  const price = l.original_price?.value ?? l.price?.value;
  return csvLine([
    l.id,
    r.artist ?? "",
    r.title ?? "",
    r.label ?? "",
    r.catalog_number ?? "",
    r.format ?? "",
    r.id ?? "",
    l.status ?? "",
    price === undefined ? "" : price.toFixed(2),
    websiteTime(l.posted),
    l.comments ?? "",
    l.condition ?? "",
    l.sleeve_condition ?? "",
    l.allow_offers ? "Y" : "N",
    l.external_id ?? "",
    l.weight === "auto" || l.weight === undefined ? "" : l.weight,
    l.format_quantity === "auto" || l.format_quantity === undefined ? "" : l.format_quantity,
    l.location ?? "",
    l.quantity ?? 1,
  ]);
}
