/**
 * The four record parsers (release, artist, label, master) on top of the {@link Scanner}: each knows its
 * record's elements and builds the typed object directly, with no intermediate tree. Every element or
 * attribute they do not know is reported as a deviation and skipped, never dropped silently.
 *
 * Internal to the package (not exported from an entry point).
 * @module
 */

import { CLOSE, closingTag, EMPTY, GT, nameBytes, nameId, type Scanner } from "./scanner";
import type {
  DumpArtist,
  DumpArtistCredit,
  DumpArtistRef,
  DumpCompany,
  DumpFormat,
  DumpIdentifier,
  DumpImage,
  DumpLabel,
  DumpLabelCredit,
  DumpLabelRef,
  DumpMaster,
  DumpRelease,
  DumpTrack,
  DumpVideo,
} from "./types";

// Element and attribute ids.
const ARTISTS = nameId("artists");
const ID = nameId("id");
const NAME = nameId("name");
const TITLE = nameId("title");
const LABELS = nameId("labels");
const SERIES = nameId("series");
const EXTRAARTISTS = nameId("extraartists");
const FORMATS = nameId("formats");
const DESCRIPTION = nameId("description");
const GENRES = nameId("genres");
const STYLES = nameId("styles");
const COUNTRY = nameId("country");
const RELEASED = nameId("released");
const NOTES = nameId("notes");
const DATA_QUALITY = nameId("data_quality");
const MASTER_ID = nameId("master_id");
const TRACKLIST = nameId("tracklist");
const DURATION = nameId("duration");
const IDENTIFIERS = nameId("identifiers");
const VIDEOS = nameId("videos");
const COMPANIES = nameId("companies");
const CATNO = nameId("catno");
const IMAGES = nameId("images");
const MAIN_RELEASE = nameId("main_release");
const YEAR = nameId("year");
const REALNAME = nameId("realname");
const PROFILE = nameId("profile");
const URLS = nameId("urls");
const NAMEVARIATIONS = nameId("namevariations");
const ALIASES = nameId("aliases");
const GROUPS = nameId("groups");
const MEMBERS = nameId("members");
const CONTACTINFO = nameId("contactinfo");
const PARENT_LABEL = nameId("parentLabel");
const SUBLABELS = nameId("sublabels");
const STATUS = nameId("status");
const QTY = nameId("qty");
const TEXT = nameId("text");
const TYPE = nameId("type");
const VALUE = nameId("value");
const SRC = nameId("src");
const EMBED = nameId("embed");
const URI = nameId("uri");
const URI150 = nameId("uri150");
const WIDTH = nameId("width");
const HEIGHT = nameId("height");
const IS_MAIN_RELEASE = nameId("is_main_release");

// End-tag names.
const B = {
  release: nameBytes("release"),
  artist: nameBytes("artist"),
  label: nameBytes("label"),
  master: nameBytes("master"),
  artists: nameBytes("artists"),
  extraartists: nameBytes("extraartists"),
  id: nameBytes("id"),
  name: nameBytes("name"),
  anv: nameBytes("anv"),
  join: nameBytes("join"),
  role: nameBytes("role"),
  tracks: nameBytes("tracks"),
  title: nameBytes("title"),
  labels: nameBytes("labels"),
  series: nameBytes("series"),
  formats: nameBytes("formats"),
  format: nameBytes("format"),
  descriptions: nameBytes("descriptions"),
  description: nameBytes("description"),
  genres: nameBytes("genres"),
  genre: nameBytes("genre"),
  styles: nameBytes("styles"),
  style: nameBytes("style"),
  country: nameBytes("country"),
  released: nameBytes("released"),
  notes: nameBytes("notes"),
  data_quality: nameBytes("data_quality"),
  master_id: nameBytes("master_id"),
  tracklist: nameBytes("tracklist"),
  track: nameBytes("track"),
  position: nameBytes("position"),
  duration: nameBytes("duration"),
  sub_tracks: nameBytes("sub_tracks"),
  identifiers: nameBytes("identifiers"),
  identifier: nameBytes("identifier"),
  videos: nameBytes("videos"),
  video: nameBytes("video"),
  companies: nameBytes("companies"),
  company: nameBytes("company"),
  catno: nameBytes("catno"),
  entity_type: nameBytes("entity_type"),
  entity_type_name: nameBytes("entity_type_name"),
  resource_url: nameBytes("resource_url"),
  images: nameBytes("images"),
  image: nameBytes("image"),
  main_release: nameBytes("main_release"),
  year: nameBytes("year"),
  realname: nameBytes("realname"),
  profile: nameBytes("profile"),
  urls: nameBytes("urls"),
  url: nameBytes("url"),
  namevariations: nameBytes("namevariations"),
  aliases: nameBytes("aliases"),
  groups: nameBytes("groups"),
  members: nameBytes("members"),
  contactinfo: nameBytes("contactinfo"),
  parentLabel: nameBytes("parentLabel"),
  sublabels: nameBytes("sublabels"),
};

/** Closing tags for the fast skip of fields left out by `fields` (elements that never contain themselves). */
const SKIP_TO = new Map<number, Uint8Array>(
  (
    [
      "artists",
      "title",
      "labels",
      "extraartists",
      "formats",
      "genres",
      "styles",
      "country",
      "released",
      "notes",
      "data_quality",
      "master_id",
      "tracklist",
      "identifiers",
      "videos",
      "companies",
      "images",
      "main_release",
      "year",
      "realname",
      "profile",
      "urls",
      "namevariations",
      "aliases",
      "groups",
      "members",
      "contactinfo",
      "parentLabel",
      "sublabels",
      "id",
      "name",
    ] as const
  ).map((n) => [nameId(n), closingTag(n)]),
);

const CLOSE_RELEASE_TAG = closingTag("release");
const CLOSE_MASTER_TAG = closingTag("master");

/** Returned by a record parser when `filter` rejected the record (it was skipped, not built). */
export const SKIPPED: { readonly skipped: true } = Object.freeze({ skipped: true });

/**
 * Which elements of a record to build (`fields`), by element id; `null` builds everything. `filter` is
 * called with each record's id; `false` skips the rest of the record unparsed.
 */
export interface ParseOptions {
  want: Uint8Array | null;
  filter: ((id: number) => boolean) | null;
}

/** A record parser: called with the cursor after the record's start-tag name. */
export type RecordParser<T> = (sc: Scanner, o: ParseOptions) => T | typeof SKIPPED;

/** Skips a child element the caller does not want: fast when it cannot contain itself. */
function skipField(sc: Scanner, id: number): void {
  const closing = SKIP_TO.get(id);
  if (closing) sc.skipTo(closing);
  else sc.skip();
}

/** Reports the child element just read (by `tag`) as unknown and skips it. */
function unknown(sc: Scanner, path: string): void {
  sc.dev("element", `${path}/${sc.lastName()}`, undefined, sc.base + sc.ns - 1);
  sc.skip();
}

/** After `open` and `is` checks that all failed: reads the name, reports the element as unknown, skips it. */
function other(sc: Scanner, path: string): void {
  sc.name(path);
  unknown(sc, path);
}

/** Reports a second occurrence of an element that may appear once (the later one wins). */
function duplicate(sc: Scanner, path: string): void {
  sc.dev("element", `${path} (repeated)`);
}

// --- shared parts ------------------------------------------------------------------------------------------

/** Element paths of one place where artist credits occur. */
interface CreditPaths {
  list: string;
  item: string;
  id: string;
  name: string;
  anv: string;
  join: string;
  role: string;
  tracks: string;
}

function creditPaths(list: string): CreditPaths {
  const item = `${list}/artist`;
  return {
    list,
    item,
    id: `${item}/id`,
    name: `${item}/name`,
    anv: `${item}/anv`,
    join: `${item}/join`,
    role: `${item}/role`,
    tracks: `${item}/tracks`,
  };
}

/** `<artists>` or `<extraartists>`, after the name. */
function credits(sc: Scanner, closing: Uint8Array, P: CreditPaths): DumpArtistCredit[] | undefined {
  if (sc.noAttrs(P.list)) return undefined;
  let out: DumpArtistCredit[] | undefined;
  for (;;) {
    if (sc.open(P.list) === CLOSE) {
      sc.close(closing, P.list);
      return out;
    }
    if (sc.is(B.artist)) (out ??= []).push(credit(sc, P));
    else other(sc, P.list);
  }
}

function credit(sc: Scanner, P: CreditPaths): DumpArtistCredit {
  let id: number | undefined;
  let name: string | undefined;
  let anv: string | undefined;
  let join: string | undefined;
  let role: string | undefined;
  let tracks: string | undefined;
  if (!sc.noAttrs(P.item)) {
    for (;;) {
      if (sc.open(P.item) === CLOSE) {
        sc.close(B.artist, P.item);
        break;
      }
      if (sc.is(B.id)) id = sc.leafInt(B.id, P.id);
      else if (sc.is(B.name)) name = sc.leafReq(B.name, P.name);
      else if (sc.is(B.anv)) anv = sc.leaf(B.anv, P.anv);
      else if (sc.is(B.join)) join = sc.leaf(B.join, P.join, true);
      else if (sc.is(B.role)) role = sc.leaf(B.role, P.role, true);
      else if (sc.is(B.tracks)) tracks = sc.leaf(B.tracks, P.tracks, true);
      else other(sc, P.item);
    }
  }
  if (name === undefined) {
    sc.dev("missing", P.name);
    name = "";
  }
  const c: DumpArtistCredit = id === undefined ? { name } : { id, name };
  if (anv !== undefined) c.name_variation = anv;
  if (join !== undefined) c.join = join;
  if (role !== undefined) c.role = role;
  if (tracks !== undefined) c.tracks = tracks;
  return c;
}

/** A list of text items: `<genres><genre>…</genre></genres>`, after the list's name. */
function strings(
  sc: Scanner,
  closing: Uint8Array,
  item: Uint8Array,
  path: string,
  itemPath: string,
  intern: boolean,
): string[] | undefined {
  if (sc.noAttrs(path)) return undefined;
  let out: string[] | undefined;
  for (;;) {
    if (sc.open(path) === CLOSE) {
      sc.close(closing, path);
      return out;
    }
    if (sc.is(item)) (out ??= []).push(sc.leafReq(item, itemPath, intern));
    else other(sc, path);
  }
}

/** `<labels>` / `<series>` of a release: `<label name catno id/>` items. */
function labelCredits(
  sc: Scanner,
  closing: Uint8Array,
  item: Uint8Array,
  path: string,
  itemPath: string,
): DumpLabelCredit[] | undefined {
  if (sc.noAttrs(path)) return undefined;
  let out: DumpLabelCredit[] | undefined;
  for (;;) {
    if (sc.open(path) === CLOSE) {
      sc.close(closing, path);
      return out;
    }
    if (!sc.is(item)) {
      other(sc, path);
      continue;
    }
    let id: number | undefined;
    let name: string | undefined;
    let catno: string | undefined;
    let a: number;
    while ((a = sc.attr()) >= 0) {
      if (a === NAME) name = sc.attrStr(true);
      else if (a === CATNO) catno = sc.attrStr();
      else if (a === ID) id = sc.attrInt(`${itemPath}/@id`);
      else sc.unknownAttr(itemPath);
    }
    if (a === GT) emptyContent(sc, item, itemPath);
    if (name === undefined) {
      sc.dev("missing", `${itemPath}/@name`);
      name = "";
    }
    const l: DumpLabelCredit = id === undefined ? { name } : { id, name };
    if (catno !== undefined) l.catalog_number = catno;
    (out ??= []).push(l);
  }
}

/** The content of an element that should have none: text or children are reported. */
function emptyContent(sc: Scanner, closing: Uint8Array, path: string): void {
  const text = sc.text(closing, path);
  if (text !== undefined && text.trim() !== "") sc.dev("text", `${path}/#text`, text);
}

const FORMAT_PATHS = {
  list: "release/formats",
  item: "release/formats/format",
  descriptions: "release/formats/format/descriptions",
  description: "release/formats/format/descriptions/description",
};

function formats(sc: Scanner): DumpFormat[] | undefined {
  const P = FORMAT_PATHS;
  if (sc.noAttrs(P.list)) return undefined;
  let out: DumpFormat[] | undefined;
  for (;;) {
    if (sc.open(P.list) === CLOSE) {
      sc.close(B.formats, P.list);
      return out;
    }
    if (!sc.is(B.format)) {
      other(sc, P.list);
      continue;
    }
    let name: string | undefined;
    let qty: string | undefined;
    let text: string | undefined;
    let descriptions: string[] | undefined;
    let a: number;
    while ((a = sc.attr()) >= 0) {
      if (a === NAME) name = sc.attrStr(true);
      else if (a === QTY) qty = sc.attrStr(true);
      else if (a === TEXT) text = sc.attrStr(true);
      else sc.unknownAttr(P.item);
    }
    if (a === GT) {
      for (;;) {
        if (sc.open(P.item) === CLOSE) {
          sc.close(B.format, P.item);
          break;
        }
        if (sc.is(B.descriptions)) {
          const d = strings(sc, B.descriptions, B.description, P.descriptions, P.description, true);
          if (d) descriptions = descriptions ? descriptions.concat(d) : d;
        } else other(sc, P.item);
      }
    }
    if (name === undefined) {
      sc.dev("missing", `${P.item}/@name`);
      name = "";
    }
    const f: DumpFormat = { name };
    if (qty !== undefined) f.quantity = qty;
    if (text !== undefined) f.text = text;
    if (descriptions !== undefined) f.descriptions = descriptions;
    (out ??= []).push(f);
  }
}

/** Paths of one tracklist level (level 0: the release's tracklist; 1: any `sub_tracks`). */
interface TrackPaths {
  list: string;
  item: string;
  position: string;
  title: string;
  duration: string;
  artists: CreditPaths;
  extraartists: CreditPaths;
  subTracks: string;
}

function trackPaths(list: string): TrackPaths {
  const item = `${list}/track`;
  return {
    list,
    item,
    position: `${item}/position`,
    title: `${item}/title`,
    duration: `${item}/duration`,
    artists: creditPaths(`${item}/artists`),
    extraartists: creditPaths(`${item}/extraartists`),
    subTracks: `${item}/sub_tracks`,
  };
}

const TRACK_PATHS = trackPaths("release/tracklist");
const SUB_TRACK_PATHS = trackPaths("release/tracklist/track/sub_tracks");

/** `<tracklist>` or `<sub_tracks>`, after the name. */
function tracklist(sc: Scanner, closing: Uint8Array, P: TrackPaths): DumpTrack[] | undefined {
  if (sc.noAttrs(P.list)) return undefined;
  let out: DumpTrack[] | undefined;
  for (;;) {
    if (sc.open(P.list) === CLOSE) {
      sc.close(closing, P.list);
      return out;
    }
    if (sc.is(B.track)) (out ??= []).push(track(sc, P));
    else other(sc, P.list);
  }
}

function track(sc: Scanner, P: TrackPaths): DumpTrack {
  let position: string | undefined;
  let title: string | undefined;
  let duration: string | undefined;
  let artists: DumpArtistCredit[] | undefined;
  let extra: DumpArtistCredit[] | undefined;
  let subTracks: DumpTrack[] | undefined;
  if (!sc.noAttrs(P.item)) {
    for (;;) {
      if (sc.open(P.item) === CLOSE) {
        sc.close(B.track, P.item);
        break;
      }
      if (sc.is(B.position)) position = sc.leaf(B.position, P.position, true);
      else if (sc.is(B.title)) title = sc.leafReq(B.title, P.title);
      else if (sc.is(B.duration)) duration = sc.leaf(B.duration, P.duration, true);
      else if (sc.is(B.artists)) artists = credits(sc, B.artists, P.artists);
      else if (sc.is(B.extraartists)) extra = credits(sc, B.extraartists, P.extraartists);
      else if (sc.is(B.sub_tracks)) subTracks = tracklist(sc, B.sub_tracks, SUB_TRACK_PATHS);
      else other(sc, P.item);
    }
  }
  if (title === undefined) {
    sc.dev("missing", P.title);
    title = "";
  }
  const tr: DumpTrack = position === undefined ? { title } : { position, title };
  if (duration !== undefined) tr.duration = duration;
  if (artists !== undefined) tr.artists = artists;
  if (extra !== undefined) tr.extra_artists = extra;
  if (subTracks !== undefined) tr.sub_tracks = subTracks;
  return tr;
}

function identifiers(sc: Scanner): DumpIdentifier[] | undefined {
  const path = "release/identifiers";
  const item = "release/identifiers/identifier";
  if (sc.noAttrs(path)) return undefined;
  let out: DumpIdentifier[] | undefined;
  for (;;) {
    if (sc.open(path) === CLOSE) {
      sc.close(B.identifiers, path);
      return out;
    }
    if (!sc.is(B.identifier)) {
      other(sc, path);
      continue;
    }
    let type: string | undefined;
    let value: string | undefined;
    let description: string | undefined;
    let a: number;
    while ((a = sc.attr()) >= 0) {
      if (a === TYPE) type = sc.attrStr(true);
      else if (a === VALUE) value = sc.attrStr();
      else if (a === DESCRIPTION) description = sc.attrStr(true);
      else sc.unknownAttr(item);
    }
    if (a === GT) emptyContent(sc, B.identifier, item);
    if (type === undefined) {
      sc.dev("missing", `${item}/@type`);
      type = "";
    }
    if (value === undefined) {
      sc.dev("missing", `${item}/@value`);
      value = "";
    }
    const i: DumpIdentifier = { type, value };
    if (description !== undefined) i.description = description;
    (out ??= []).push(i);
  }
}

interface VideoPaths {
  list: string;
  item: string;
  title: string;
  description: string;
}

const RELEASE_VIDEO_PATHS: VideoPaths = {
  list: "release/videos",
  item: "release/videos/video",
  title: "release/videos/video/title",
  description: "release/videos/video/description",
};
const MASTER_VIDEO_PATHS: VideoPaths = {
  list: "master/videos",
  item: "master/videos/video",
  title: "master/videos/video/title",
  description: "master/videos/video/description",
};

function videos(sc: Scanner, P: VideoPaths): DumpVideo[] | undefined {
  if (sc.noAttrs(P.list)) return undefined;
  let out: DumpVideo[] | undefined;
  for (;;) {
    if (sc.open(P.list) === CLOSE) {
      sc.close(B.videos, P.list);
      return out;
    }
    if (!sc.is(B.video)) {
      other(sc, P.list);
      continue;
    }
    let uri: string | undefined;
    let duration: number | undefined;
    let embed: boolean | undefined;
    let title: string | undefined;
    let description: string | undefined;
    let a: number;
    while ((a = sc.attr()) >= 0) {
      if (a === SRC) uri = sc.attrStr();
      else if (a === DURATION) duration = sc.attrInt(`${P.item}/@duration`);
      else if (a === EMBED) embed = sc.attrBool(`${P.item}/@embed`);
      else sc.unknownAttr(P.item);
    }
    if (a === GT) {
      for (;;) {
        if (sc.open(P.item) === CLOSE) {
          sc.close(B.video, P.item);
          break;
        }
        if (sc.is(B.title)) title = sc.leafReq(B.title, P.title);
        else if (sc.is(B.description)) description = sc.leaf(B.description, P.description);
        else other(sc, P.item);
      }
    }
    if (uri === undefined) {
      sc.dev("missing", `${P.item}/@src`);
      uri = "";
    }
    if (title === undefined) {
      sc.dev("missing", P.title);
      title = "";
    }
    const v: DumpVideo = { uri, title };
    if (description !== undefined) v.description = description;
    if (duration !== undefined) v.duration = duration;
    if (embed !== undefined) v.embed = embed;
    (out ??= []).push(v);
  }
}

function companies(sc: Scanner): DumpCompany[] | undefined {
  const path = "release/companies";
  const item = "release/companies/company";
  if (sc.noAttrs(path)) return undefined;
  let out: DumpCompany[] | undefined;
  for (;;) {
    if (sc.open(path) === CLOSE) {
      sc.close(B.companies, path);
      return out;
    }
    if (!sc.is(B.company)) {
      other(sc, path);
      continue;
    }
    let id: number | undefined;
    let name: string | undefined;
    let catno: string | undefined;
    let entityType: string | undefined;
    let entityTypeName: string | undefined;
    let resourceUrl: string | undefined;
    if (!sc.noAttrs(item)) {
      for (;;) {
        if (sc.open(item) === CLOSE) {
          sc.close(B.company, item);
          break;
        }
        if (sc.is(B.id)) id = sc.leafInt(B.id, "release/companies/company/id");
        else if (sc.is(B.name)) name = sc.leafReq(B.name, "release/companies/company/name");
        else if (sc.is(B.catno)) catno = sc.leaf(B.catno, "release/companies/company/catno");
        else if (sc.is(B.entity_type))
          entityType = sc.leaf(B.entity_type, "release/companies/company/entity_type", true);
        else if (sc.is(B.entity_type_name))
          entityTypeName = sc.leaf(B.entity_type_name, "release/companies/company/entity_type_name", true);
        else if (sc.is(B.resource_url))
          resourceUrl = sc.leaf(B.resource_url, "release/companies/company/resource_url");
        else other(sc, item);
      }
    }
    if (name === undefined) {
      sc.dev("missing", `${item}/name`);
      name = "";
    }
    const c: DumpCompany = id === undefined ? { name } : { id, name };
    if (catno !== undefined) c.catalog_number = catno;
    if (entityType !== undefined) c.entity_type = entityType;
    if (entityTypeName !== undefined) c.entity_type_name = entityTypeName;
    if (resourceUrl !== undefined) c.resource_url = resourceUrl;
    (out ??= []).push(c);
  }
}

/** `<images>` of dumps before 2024-12. */
function images(sc: Scanner, path: string): DumpImage[] | undefined {
  const item = `${path}/image`;
  if (sc.noAttrs(path)) return undefined;
  let out: DumpImage[] | undefined;
  for (;;) {
    if (sc.open(path) === CLOSE) {
      sc.close(B.images, path);
      return out;
    }
    if (!sc.is(B.image)) {
      other(sc, path);
      continue;
    }
    let type: string | undefined;
    let uri: string | undefined;
    let uri150: string | undefined;
    let width: number | undefined;
    let height: number | undefined;
    let a: number;
    while ((a = sc.attr()) >= 0) {
      if (a === TYPE) type = sc.attrStr(true);
      else if (a === URI) uri = sc.attrStr();
      else if (a === URI150) uri150 = sc.attrStr();
      else if (a === WIDTH) width = sc.attrInt(`${item}/@width`);
      else if (a === HEIGHT) height = sc.attrInt(`${item}/@height`);
      else sc.unknownAttr(item);
    }
    if (a === GT) emptyContent(sc, B.image, item);
    if (uri === undefined) {
      sc.dev("missing", `${item}/@uri`);
      uri = "";
    }
    const img: DumpImage = type === undefined ? { uri } : { type, uri };
    if (uri150 !== undefined) img.uri_150 = uri150;
    if (width !== undefined) img.width = width;
    if (height !== undefined) img.height = height;
    (out ??= []).push(img);
  }
}

/** A list of `<name id="…">Name</name>` (artist aliases, groups, members; 2020 members also have `<id>` siblings). */
function artistRefs(sc: Scanner, closing: Uint8Array, path: string): DumpArtistRef[] | undefined {
  const item = `${path}/name`;
  if (sc.noAttrs(path)) return undefined;
  let out: DumpArtistRef[] | undefined;
  /** A preceding `<id>` sibling (2020 `<members>`), used when the `<name>` has no id attribute. */
  let siblingId: number | undefined;
  for (;;) {
    if (sc.open(path) === CLOSE) {
      sc.close(closing, path);
      return out;
    }
    if (sc.is(B.id)) {
      siblingId = sc.leafInt(B.id, `${path}/id`);
      continue;
    }
    if (!sc.is(B.name)) {
      other(sc, path);
      continue;
    }
    let id: number | undefined;
    let a: number;
    while ((a = sc.attr()) >= 0) {
      if (a === ID) id = sc.attrInt(`${item}/@id`);
      else sc.unknownAttr(item);
    }
    const name = a === EMPTY ? "" : (sc.text(B.name, item) ?? "");
    if (id === undefined) id = siblingId;
    siblingId = undefined;
    (out ??= []).push(id === undefined ? { name } : { id, name });
  }
}

/** `<parentLabel id>` or a `<label id>` of `<sublabels>`, after the name. */
function labelRef(sc: Scanner, closing: Uint8Array, path: string): DumpLabelRef {
  let id: number | undefined;
  let a: number;
  while ((a = sc.attr()) >= 0) {
    if (a === ID) id = sc.attrInt(`${path}/@id`);
    else sc.unknownAttr(path);
  }
  const name = a === EMPTY ? "" : (sc.text(closing, path) ?? "");
  return id === undefined ? { name } : { id, name };
}

// --- releases ----------------------------------------------------------------------------------------------

const REL_ARTISTS = creditPaths("release/artists");
const REL_EXTRA = creditPaths("release/extraartists");

/** A `<release>`, after its name. */
export function parseRelease(sc: Scanner, o: ParseOptions): DumpRelease | typeof SKIPPED {
  let id = -1;
  let status: string | undefined;
  let a: number;
  while ((a = sc.attr()) >= 0) {
    if (a === ID) id = sc.int(sc.vs, sc.ve);
    else if (a === STATUS) status = sc.attrStr();
    else sc.unknownAttr("release");
  }
  if (id < 0) sc.fail("malformed", "A <release> without a numeric id attribute", "release/@id");
  sc.recId = id;
  if (o.filter !== null && !o.filter(id)) {
    if (a === GT) sc.jumpTo(CLOSE_RELEASE_TAG);
    return SKIPPED;
  }
  const want = o.want;
  let artists: DumpArtistCredit[] | undefined;
  let title: string | undefined;
  let labels: DumpLabelCredit[] | undefined;
  let series: DumpLabelCredit[] | undefined;
  let extra: DumpArtistCredit[] | undefined;
  let fmts: DumpFormat[] | undefined;
  let genres: string[] | undefined;
  let styles: string[] | undefined;
  let country: string | undefined;
  let released: string | undefined;
  let notes: string | undefined;
  let dataQuality: string | undefined;
  let masterId: number | undefined;
  let isMain: boolean | undefined;
  let tracks: DumpTrack[] | undefined;
  let ids: DumpIdentifier[] | undefined;
  let vids: DumpVideo[] | undefined;
  let comps: DumpCompany[] | undefined;
  let imgs: DumpImage[] | undefined;
  let seenMaster = false;
  if (a === GT) {
    for (;;) {
      const t = sc.tag("release");
      if (t === CLOSE) {
        sc.close(B.release, "release");
        break;
      }
      if (want !== null && want[t] === 0 && !(t === MASTER_ID && want[IS_MAIN_RELEASE] === 1)) {
        if (t === 0) unknown(sc, "release");
        else skipField(sc, t);
        continue;
      }
      switch (t) {
        case ARTISTS:
          if (artists) duplicate(sc, "release/artists");
          artists = credits(sc, B.artists, REL_ARTISTS);
          break;
        case TITLE:
          if (title !== undefined) duplicate(sc, "release/title");
          title = sc.leafReq(B.title, "release/title");
          break;
        case LABELS:
          if (labels) duplicate(sc, "release/labels");
          labels = labelCredits(sc, B.labels, B.label, "release/labels", "release/labels/label");
          break;
        case SERIES:
          if (series) duplicate(sc, "release/series");
          series = labelCredits(sc, B.series, B.series, "release/series", "release/series/series");
          break;
        case EXTRAARTISTS:
          if (extra) duplicate(sc, "release/extraartists");
          extra = credits(sc, B.extraartists, REL_EXTRA);
          break;
        case FORMATS:
          if (fmts) duplicate(sc, "release/formats");
          fmts = formats(sc);
          break;
        case GENRES:
          if (genres) duplicate(sc, "release/genres");
          genres = strings(sc, B.genres, B.genre, "release/genres", "release/genres/genre", true);
          break;
        case STYLES:
          if (styles) duplicate(sc, "release/styles");
          styles = strings(sc, B.styles, B.style, "release/styles", "release/styles/style", true);
          break;
        case COUNTRY:
          if (country !== undefined) duplicate(sc, "release/country");
          country = sc.leaf(B.country, "release/country", true);
          break;
        case RELEASED:
          if (released !== undefined) duplicate(sc, "release/released");
          released = sc.leaf(B.released, "release/released", true);
          break;
        case NOTES:
          if (notes !== undefined) duplicate(sc, "release/notes");
          notes = sc.leaf(B.notes, "release/notes");
          break;
        case DATA_QUALITY:
          if (dataQuality !== undefined) duplicate(sc, "release/data_quality");
          dataQuality = sc.leaf(B.data_quality, "release/data_quality", true);
          break;
        case MASTER_ID: {
          if (seenMaster) duplicate(sc, "release/master_id");
          seenMaster = true;
          let m: number;
          while ((m = sc.attr()) >= 0) {
            if (m === IS_MAIN_RELEASE) isMain = sc.attrBool("release/master_id/@is_main_release");
            else sc.unknownAttr("release/master_id");
          }
          if (m === GT) masterId = sc.intText(B.master_id, "release/master_id");
          break;
        }
        case TRACKLIST:
          if (tracks) duplicate(sc, "release/tracklist");
          tracks = tracklist(sc, B.tracklist, TRACK_PATHS);
          break;
        case IDENTIFIERS:
          if (ids) duplicate(sc, "release/identifiers");
          ids = identifiers(sc);
          break;
        case VIDEOS:
          if (vids) duplicate(sc, "release/videos");
          vids = videos(sc, RELEASE_VIDEO_PATHS);
          break;
        case COMPANIES:
          if (comps) duplicate(sc, "release/companies");
          comps = companies(sc);
          break;
        case IMAGES:
          if (imgs) duplicate(sc, "release/images");
          imgs = images(sc, "release/images");
          break;
        default:
          unknown(sc, "release");
      }
    }
  }
  if (title === undefined) {
    if (want === null || want[TITLE] === 1) sc.dev("missing", "release/title");
    title = "";
  }
  const r = (want === null || want[TITLE] === 1 ? { id, title } : { id }) as DumpRelease;
  if (status !== undefined && (want === null || want[STATUS] === 1)) r.status = status;
  if (artists !== undefined) r.artists = artists;
  if (labels !== undefined) r.labels = labels;
  if (series !== undefined) r.series = series;
  if (extra !== undefined) r.extra_artists = extra;
  if (fmts !== undefined) r.formats = fmts;
  if (genres !== undefined) r.genres = genres;
  if (styles !== undefined) r.styles = styles;
  if (country !== undefined) r.country = country;
  if (released !== undefined) r.released = released;
  if (notes !== undefined) r.notes = notes;
  if (dataQuality !== undefined) r.data_quality = dataQuality;
  if (masterId !== undefined && (want === null || want[MASTER_ID] === 1)) r.master_id = masterId;
  if (isMain !== undefined && (want === null || want[IS_MAIN_RELEASE] === 1)) r.is_main_release = isMain;
  if (tracks !== undefined) r.tracklist = tracks;
  if (ids !== undefined) r.identifiers = ids;
  if (vids !== undefined) r.videos = vids;
  if (comps !== undefined) r.companies = comps;
  if (imgs !== undefined) r.images = imgs;
  return r;
}

/** The `fields` a release can select, and the element (or attribute) each one comes from. */
export const RELEASE_FIELDS: Readonly<Record<Exclude<keyof DumpRelease, "id">, number>> = {
  status: STATUS,
  artists: ARTISTS,
  title: TITLE,
  labels: LABELS,
  series: SERIES,
  extra_artists: EXTRAARTISTS,
  formats: FORMATS,
  genres: GENRES,
  styles: STYLES,
  country: COUNTRY,
  released: RELEASED,
  notes: NOTES,
  data_quality: DATA_QUALITY,
  master_id: MASTER_ID,
  is_main_release: IS_MAIN_RELEASE,
  tracklist: TRACKLIST,
  identifiers: IDENTIFIERS,
  videos: VIDEOS,
  companies: COMPANIES,
  images: IMAGES,
};

// --- artists -----------------------------------------------------------------------------------------------

/** Skips the rest of a record whose id `filter` rejected, child by child (labels contain `<label>`s). */
function skipRest(sc: Scanner, closing: Uint8Array, path: string): void {
  for (;;) {
    const t = sc.tag(path);
    if (t === CLOSE) {
      sc.close(closing, path);
      return;
    }
    sc.skip();
  }
}

/** An `<artist>` of the artists dump, after its name. */
export function parseArtist(sc: Scanner, o: ParseOptions): DumpArtist | typeof SKIPPED {
  const want = o.want;
  let id: number | undefined;
  let name: string | undefined;
  let realname: string | undefined;
  let profile: string | undefined;
  let dataQuality: string | undefined;
  let urls: string[] | undefined;
  let variations: string[] | undefined;
  let aliases: DumpArtistRef[] | undefined;
  let groups: DumpArtistRef[] | undefined;
  let members: DumpArtistRef[] | undefined;
  let imgs: DumpImage[] | undefined;
  if (!sc.noAttrs("artist")) {
    for (;;) {
      const t = sc.tag("artist");
      if (t === CLOSE) {
        sc.close(B.artist, "artist");
        break;
      }
      if (t === ID) {
        if (id !== undefined) duplicate(sc, "artist/id");
        id = sc.leafInt(B.id, "artist/id");
        if (id === undefined) sc.fail("malformed", "An <artist> without a numeric <id>", "artist/id");
        sc.recId = id;
        if (o.filter !== null && !o.filter(id)) {
          skipRest(sc, B.artist, "artist");
          return SKIPPED;
        }
        continue;
      }
      if (want !== null && want[t] === 0) {
        if (t === 0) unknown(sc, "artist");
        else skipField(sc, t);
        continue;
      }
      switch (t) {
        case NAME:
          if (name !== undefined) duplicate(sc, "artist/name");
          name = sc.leaf(B.name, "artist/name");
          break;
        case REALNAME:
          if (realname !== undefined) duplicate(sc, "artist/realname");
          realname = sc.leaf(B.realname, "artist/realname");
          break;
        case PROFILE:
          if (profile !== undefined) duplicate(sc, "artist/profile");
          profile = sc.leaf(B.profile, "artist/profile");
          break;
        case DATA_QUALITY:
          if (dataQuality !== undefined) duplicate(sc, "artist/data_quality");
          dataQuality = sc.leaf(B.data_quality, "artist/data_quality", true);
          break;
        case URLS:
          if (urls) duplicate(sc, "artist/urls");
          urls = strings(sc, B.urls, B.url, "artist/urls", "artist/urls/url", false);
          break;
        case NAMEVARIATIONS:
          if (variations) duplicate(sc, "artist/namevariations");
          variations = strings(
            sc,
            B.namevariations,
            B.name,
            "artist/namevariations",
            "artist/namevariations/name",
            false,
          );
          break;
        case ALIASES:
          if (aliases) duplicate(sc, "artist/aliases");
          aliases = artistRefs(sc, B.aliases, "artist/aliases");
          break;
        case GROUPS:
          if (groups) duplicate(sc, "artist/groups");
          groups = artistRefs(sc, B.groups, "artist/groups");
          break;
        case MEMBERS:
          if (members) duplicate(sc, "artist/members");
          members = artistRefs(sc, B.members, "artist/members");
          break;
        case IMAGES:
          if (imgs) duplicate(sc, "artist/images");
          imgs = images(sc, "artist/images");
          break;
        default:
          unknown(sc, "artist");
      }
    }
  }
  if (id === undefined) sc.fail("malformed", "An <artist> without an <id>", "artist/id");
  const r: DumpArtist = { id };
  if (name !== undefined) r.name = name;
  if (realname !== undefined) r.realname = realname;
  if (profile !== undefined) r.profile = profile;
  if (dataQuality !== undefined) r.data_quality = dataQuality;
  if (urls !== undefined) r.urls = urls;
  if (variations !== undefined) r.name_variations = variations;
  if (aliases !== undefined) r.aliases = aliases;
  if (groups !== undefined) r.groups = groups;
  if (members !== undefined) r.members = members;
  if (imgs !== undefined) r.images = imgs;
  return r;
}

/** The `fields` an artist can select. */
export const ARTIST_FIELDS: Readonly<Record<Exclude<keyof DumpArtist, "id">, number>> = {
  name: NAME,
  realname: REALNAME,
  profile: PROFILE,
  data_quality: DATA_QUALITY,
  urls: URLS,
  name_variations: NAMEVARIATIONS,
  aliases: ALIASES,
  groups: GROUPS,
  members: MEMBERS,
  images: IMAGES,
};

// --- labels ------------------------------------------------------------------------------------------------

/** A `<label>` of the labels dump, after its name. */
export function parseLabel(sc: Scanner, o: ParseOptions): DumpLabel | typeof SKIPPED {
  const want = o.want;
  let id: number | undefined;
  let name: string | undefined;
  let contact: string | undefined;
  let profile: string | undefined;
  let dataQuality: string | undefined;
  let parent: DumpLabelRef | undefined;
  let urls: string[] | undefined;
  let subs: DumpLabelRef[] | undefined;
  let imgs: DumpImage[] | undefined;
  if (!sc.noAttrs("label")) {
    for (;;) {
      const t = sc.tag("label");
      if (t === CLOSE) {
        sc.close(B.label, "label");
        break;
      }
      if (t === ID) {
        if (id !== undefined) duplicate(sc, "label/id");
        id = sc.leafInt(B.id, "label/id");
        if (id === undefined) sc.fail("malformed", "A <label> without a numeric <id>", "label/id");
        sc.recId = id;
        if (o.filter !== null && !o.filter(id)) {
          skipRest(sc, B.label, "label");
          return SKIPPED;
        }
        continue;
      }
      if (want !== null && want[t] === 0) {
        if (t === 0) unknown(sc, "label");
        else skipField(sc, t);
        continue;
      }
      switch (t) {
        case NAME:
          if (name !== undefined) duplicate(sc, "label/name");
          name = sc.leaf(B.name, "label/name");
          break;
        case CONTACTINFO:
          if (contact !== undefined) duplicate(sc, "label/contactinfo");
          contact = sc.leaf(B.contactinfo, "label/contactinfo");
          break;
        case PROFILE:
          if (profile !== undefined) duplicate(sc, "label/profile");
          profile = sc.leaf(B.profile, "label/profile");
          break;
        case DATA_QUALITY:
          if (dataQuality !== undefined) duplicate(sc, "label/data_quality");
          dataQuality = sc.leaf(B.data_quality, "label/data_quality", true);
          break;
        case PARENT_LABEL:
          if (parent) duplicate(sc, "label/parentLabel");
          parent = labelRef(sc, B.parentLabel, "label/parentLabel");
          break;
        case URLS:
          if (urls) duplicate(sc, "label/urls");
          urls = strings(sc, B.urls, B.url, "label/urls", "label/urls/url", false);
          break;
        case SUBLABELS: {
          if (subs) duplicate(sc, "label/sublabels");
          if (sc.noAttrs("label/sublabels")) break;
          for (;;) {
            if (sc.open("label/sublabels") === CLOSE) {
              sc.close(B.sublabels, "label/sublabels");
              break;
            }
            if (sc.is(B.label)) (subs ??= []).push(labelRef(sc, B.label, "label/sublabels/label"));
            else other(sc, "label/sublabels");
          }
          break;
        }
        case IMAGES:
          if (imgs) duplicate(sc, "label/images");
          imgs = images(sc, "label/images");
          break;
        default:
          unknown(sc, "label");
      }
    }
  }
  if (id === undefined) sc.fail("malformed", "A <label> without an <id>", "label/id");
  const r: DumpLabel = { id };
  if (name !== undefined) r.name = name;
  if (contact !== undefined) r.contact_info = contact;
  if (profile !== undefined) r.profile = profile;
  if (dataQuality !== undefined) r.data_quality = dataQuality;
  if (parent !== undefined) r.parent_label = parent;
  if (urls !== undefined) r.urls = urls;
  if (subs !== undefined) r.sub_labels = subs;
  if (imgs !== undefined) r.images = imgs;
  return r;
}

/** The `fields` a label can select. */
export const LABEL_FIELDS: Readonly<Record<Exclude<keyof DumpLabel, "id">, number>> = {
  name: NAME,
  contact_info: CONTACTINFO,
  profile: PROFILE,
  data_quality: DATA_QUALITY,
  parent_label: PARENT_LABEL,
  urls: URLS,
  sub_labels: SUBLABELS,
  images: IMAGES,
};

// --- masters -----------------------------------------------------------------------------------------------

const MASTER_ARTISTS = creditPaths("master/artists");

/** A `<master>`, after its name. */
export function parseMaster(sc: Scanner, o: ParseOptions): DumpMaster | typeof SKIPPED {
  let id = -1;
  let a: number;
  while ((a = sc.attr()) >= 0) {
    if (a === ID) id = sc.int(sc.vs, sc.ve);
    else sc.unknownAttr("master");
  }
  if (id < 0) sc.fail("malformed", "A <master> without a numeric id attribute", "master/@id");
  sc.recId = id;
  if (o.filter !== null && !o.filter(id)) {
    if (a === GT) sc.jumpTo(CLOSE_MASTER_TAG);
    return SKIPPED;
  }
  const want = o.want;
  let mainRelease: number | undefined;
  let artists: DumpArtistCredit[] | undefined;
  let genres: string[] | undefined;
  let styles: string[] | undefined;
  let year: number | undefined;
  let title: string | undefined;
  let dataQuality: string | undefined;
  let notes: string | undefined;
  let vids: DumpVideo[] | undefined;
  let imgs: DumpImage[] | undefined;
  if (a === GT) {
    for (;;) {
      const t = sc.tag("master");
      if (t === CLOSE) {
        sc.close(B.master, "master");
        break;
      }
      if (want !== null && want[t] === 0) {
        if (t === 0) unknown(sc, "master");
        else skipField(sc, t);
        continue;
      }
      switch (t) {
        case MAIN_RELEASE:
          if (mainRelease !== undefined) duplicate(sc, "master/main_release");
          mainRelease = sc.leafInt(B.main_release, "master/main_release");
          break;
        case ARTISTS:
          if (artists) duplicate(sc, "master/artists");
          artists = credits(sc, B.artists, MASTER_ARTISTS);
          break;
        case GENRES:
          if (genres) duplicate(sc, "master/genres");
          genres = strings(sc, B.genres, B.genre, "master/genres", "master/genres/genre", true);
          break;
        case STYLES:
          if (styles) duplicate(sc, "master/styles");
          styles = strings(sc, B.styles, B.style, "master/styles", "master/styles/style", true);
          break;
        case YEAR:
          if (year !== undefined) duplicate(sc, "master/year");
          year = sc.leafInt(B.year, "master/year");
          break;
        case TITLE:
          if (title !== undefined) duplicate(sc, "master/title");
          title = sc.leafReq(B.title, "master/title");
          break;
        case DATA_QUALITY:
          if (dataQuality !== undefined) duplicate(sc, "master/data_quality");
          dataQuality = sc.leaf(B.data_quality, "master/data_quality", true);
          break;
        case NOTES:
          if (notes !== undefined) duplicate(sc, "master/notes");
          notes = sc.leaf(B.notes, "master/notes");
          break;
        case VIDEOS:
          if (vids) duplicate(sc, "master/videos");
          vids = videos(sc, MASTER_VIDEO_PATHS);
          break;
        case IMAGES:
          if (imgs) duplicate(sc, "master/images");
          imgs = images(sc, "master/images");
          break;
        default:
          unknown(sc, "master");
      }
    }
  }
  if (title === undefined) {
    if (want === null || want[TITLE] === 1) sc.dev("missing", "master/title");
    title = "";
  }
  const r = (want === null || want[TITLE] === 1 ? { id, title } : { id }) as DumpMaster;
  if (mainRelease !== undefined) r.main_release = mainRelease;
  if (artists !== undefined) r.artists = artists;
  if (genres !== undefined) r.genres = genres;
  if (styles !== undefined) r.styles = styles;
  if (year !== undefined) r.year = year;
  if (dataQuality !== undefined) r.data_quality = dataQuality;
  if (notes !== undefined) r.notes = notes;
  if (vids !== undefined) r.videos = vids;
  if (imgs !== undefined) r.images = imgs;
  return r;
}

/** The `fields` a master can select. */
export const MASTER_FIELDS: Readonly<Record<Exclude<keyof DumpMaster, "id">, number>> = {
  main_release: MAIN_RELEASE,
  artists: ARTISTS,
  genres: GENRES,
  styles: STYLES,
  year: YEAR,
  title: TITLE,
  data_quality: DATA_QUALITY,
  notes: NOTES,
  videos: VIDEOS,
  images: IMAGES,
};
