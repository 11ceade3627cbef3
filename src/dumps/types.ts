/**
 * The records of Discogs' monthly XML data dumps, as `discogs-sdk/dumps` delivers them.
 *
 * Field names are the SDK's, the ones the API models use (`catalog_number` for the wire `catno`,
 * `name_variation` for `anv`, `extra_artists` for `extraartists`, `quantity` for `qty`, `name_variations`,
 * `sub_labels`, `contact_info`, `parent_label`, `uri_150`, and a video's `src` becomes `uri`), so that a
 * dump record fits the fields of the API type it shares. Three rules hold everywhere:
 *
 * - **Absent means absent.** A field the dump does not carry is left out, never invented: no `year` on a
 *   release, no `resource_url` (except on companies, where the dump has it), no `type_` on tracks, no
 *   community or marketplace data. An empty element (`<anv/>`, `<notes></notes>`, written by dumps before
 *   2024-12) is the same as a missing one: the field is left out. A required text field that is present but
 *   empty (`<title/>`) is `""`. Attributes are kept as written (`text=""` stays `""`).
 * - **References may lack an id.** Credits, labels, series, companies, sub-labels, aliases, groups and members
 *   carry `id?: number`: since 2024-12 Discogs leaves `<id>` out for un-linked credits (it wrote `0`
 *   before, kept as `0`), and `id` is missing on a few labels and companies.
 * - **Dump-only data is kept**: `is_main_release`, `master_id` `0` (no master, 2026 dumps), `series`, the
 *   release's `status` attribute (dumps up to 2025), `data_quality`, and the blank `images` of dumps before
 *   2024-12.
 *
 * @module
 */

/** The four kinds of dump file: `discogs_YYYYMMDD_<kind>.xml.gz`. */
export type DumpKind = "releases" | "artists" | "labels" | "masters";

/**
 * An artist credited on a release, a track or a master (`<artists>` and `<extraartists>`). Empty
 * `name_variation`, `join`, `role` and `tracks` are left out (the API sends `""`).
 */
export interface DumpArtistCredit {
  /** Absent on credits that link to no artist page (dumps since 2024-12; `0` in older dumps). */
  id?: number;
  /** The artist's name. `""` when the dump has an empty `<name/>`. */
  name: string;
  /** The name as printed on the release (wire `anv`). */
  name_variation?: string;
  /** Joining text to the next credit, e.g. `"&"`, `","`. */
  join?: string;
  /** Credit role for extra artists, free text such as `"Producer, Written-By [Lyrics By]"`. */
  role?: string;
  /** Track positions the credit applies to, e.g. `"A1 to B2"`. */
  tracks?: string;
}

/** A label or series a release appears on (`<label name catno id/>`, `<series name catno id/>`). */
export interface DumpLabelCredit {
  /** The label's id; absent on a few un-linked labels. */
  id?: number;
  name: string;
  /** Catalog number on this label (wire `catno`), as written, `""` included. */
  catalog_number?: string;
}

/** A company credited on a release: pressing plant, studio, distributor... */
export interface DumpCompany {
  /** Absent on a handful of un-linked companies. */
  id?: number;
  name: string;
  /** Catalog number (wire `catno`). */
  catalog_number?: string;
  /** The role's numeric code, as a string (`"23"`), like the API. */
  entity_type?: string;
  /** The role, e.g. `"Recorded At"`. */
  entity_type_name?: string;
  /** `https://api.discogs.com/labels/{id}`, as the dump writes it. */
  resource_url?: string;
}

/** A format of a release (`<format name qty text>` with `<descriptions>`). */
export interface DumpFormat {
  /** E.g. `"Vinyl"`, `"CD"`. */
  name: string;
  /** Number of items, as a string like the API (one release has a 64-digit value). Wire `qty`. */
  quantity?: string;
  /** Free text such as `"Transparent"`; `""` where the dump writes `text=""`. */
  text?: string;
  /** E.g. `["12\"", "33 ⅓ RPM"]`. */
  descriptions?: string[];
}

/** A barcode, matrix number or other identifier printed on a release. */
export interface DumpIdentifier {
  /** E.g. `"Barcode"`, `"Matrix / Runout"`. */
  type: string;
  value: string;
  /** `""` where the dump writes `description=""` (2025+), absent where it leaves it out (2020). */
  description?: string;
}

/** A video of a release or master. The dump's `src` is `uri`, like the API. */
export interface DumpVideo {
  uri: string;
  title: string;
  description?: string;
  /** Length in whole seconds. */
  duration?: number;
  embed?: boolean;
}

/** An image entry of dumps before 2024-12: dimensions only, the URIs have been blank since 2015. */
export interface DumpImage {
  /** `"primary"` or `"secondary"`. */
  type?: string;
  /** Always `""` in the dumps. */
  uri: string;
  /** Always `""` in the dumps. Wire `uri150`. */
  uri_150?: string;
  width?: number;
  height?: number;
}

/**
 * One entry of a release's tracklist. The API's `type_` is not in the dump (an entry with `sub_tracks` is an
 * index track, one with neither `position` nor `duration` usually a heading).
 */
export interface DumpTrack {
  position?: string;
  /** `""` when the dump has an empty `<title/>`. */
  title: string;
  /** Free text such as `"4:45"`. */
  duration?: string;
  artists?: DumpArtistCredit[];
  /** Track-level credits. Wire `extraartists`. */
  extra_artists?: DumpArtistCredit[];
  /** Parts of an index track. */
  sub_tracks?: DumpTrack[];
}

/** A release of `discogs_YYYYMMDD_releases.xml.gz`. */
export interface DumpRelease {
  id: number;
  /** `"Accepted"` etc.: an attribute of dumps up to 2025, absent from 2026 dumps. Never invented. */
  status?: string;
  artists?: DumpArtistCredit[];
  title: string;
  labels?: DumpLabelCredit[];
  /** Series the release belongs to (dumps since about 2024-12). */
  series?: DumpLabelCredit[];
  /** Release-level credits. Wire `extraartists`. */
  extra_artists?: DumpArtistCredit[];
  formats?: DumpFormat[];
  genres?: string[];
  styles?: string[];
  country?: string;
  /** The release date as written: `"1999"`, `"1999-03-00"`, `"1999-03-15"`. */
  released?: string;
  notes?: string;
  data_quality?: string;
  /** The master release; `0` when there is none (2026 dumps), absent when the dump leaves it out (2020). */
  master_id?: number;
  /** Whether this release is its master's main release. Dump-only: the API has no such field. */
  is_main_release?: boolean;
  tracklist?: DumpTrack[];
  identifiers?: DumpIdentifier[];
  videos?: DumpVideo[];
  companies?: DumpCompany[];
  /** Dumps before 2024-12 only, with blank URIs. */
  images?: DumpImage[];
}

/** A related artist (alias, group, member): `<name id="...">Name</name>`. */
export interface DumpArtistRef {
  /** Absent if the dump gives none. */
  id?: number;
  name: string;
}

/** An artist of `discogs_YYYYMMDD_artists.xml.gz`. */
export interface DumpArtist {
  id: number;
  /** Missing on a few artists in real dumps. */
  name?: string;
  realname?: string;
  /** Free text with Discogs markup (`[a=...]`, `[l=...]`, `[b]...[/b]`). */
  profile?: string;
  data_quality?: string;
  urls?: string[];
  /** Other spellings of the name. Wire `namevariations`. */
  name_variations?: string[];
  aliases?: DumpArtistRef[];
  /** Groups a person belongs to. */
  groups?: DumpArtistRef[];
  /** Members of a group. The dump has no `active` flag (the API has). */
  members?: DumpArtistRef[];
  /** Dumps before 2024-12 only, with blank URIs. */
  images?: DumpImage[];
}

/** A sub-label or parent label: `<label id="...">Name</label>`, `<parentLabel id="...">Name</parentLabel>`. */
export interface DumpLabelRef {
  /** Absent in older dumps, which wrote sub-labels without an id. */
  id?: number;
  name: string;
}

/** A label of `discogs_YYYYMMDD_labels.xml.gz`. */
export interface DumpLabel {
  id: number;
  /** Missing on a few labels in real dumps (label 212). */
  name?: string;
  /** Wire `contactinfo`. */
  contact_info?: string;
  profile?: string;
  data_quality?: string;
  /** Wire `<parentLabel id>`. */
  parent_label?: DumpLabelRef;
  urls?: string[];
  /** Wire `sublabels`. */
  sub_labels?: DumpLabelRef[];
  /** Dumps before 2024-12 only, with blank URIs. */
  images?: DumpImage[];
}

/** A master release of `discogs_YYYYMMDD_masters.xml.gz`. The dump has no tracklist for masters. */
export interface DumpMaster {
  id: number;
  main_release?: number;
  artists?: DumpArtistCredit[];
  genres?: string[];
  styles?: string[];
  /** `0` when unknown. */
  year?: number;
  title: string;
  data_quality?: string;
  notes?: string;
  videos?: DumpVideo[];
  /** Dumps before 2024-12 only, with blank URIs. */
  images?: DumpImage[];
}

/** The record type of each dump kind. */
export interface DumpRecordOf {
  releases: DumpRelease;
  artists: DumpArtist;
  labels: DumpLabel;
  masters: DumpMaster;
}
