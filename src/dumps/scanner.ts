/**
 * The byte-level scanner under the record parsers: a cursor over one buffer of uncompressed dump XML, with
 * the few XML operations a Discogs dump needs (tags, attributes, text with the five predefined entities and
 * numeric references, skipping). Not a general XML parser: no DTD, no namespaces, no CDATA, no comments
 * inside records (each is reported as malformed, never skipped silently).
 *
 * Running off the end of the buffer throws {@link NEED_MORE}; the record loop then retries the record from
 * its first byte once more data has arrived, so a record split across chunks costs one re-scan.
 *
 * Internal to the package (not exported from an entry point).
 * @module
 */

import { isUtf8 } from "node:buffer";
import { DumpParseError, type DumpParseErrorReason } from "./errors";

/** Thrown (never to users) when a record runs past the bytes available so far. */
export const NEED_MORE: { readonly needMore: true } = Object.freeze({ needMore: true });

/** What a deviation from the known dump schema is. */
export type DeviationKind = "element" | "attribute" | "text" | "missing" | "value";

/** A deviation found inside the current record, reported once the record is complete. */
export interface PendingDeviation {
  kind: DeviationKind;
  path: string;
  offset: number;
  value: string | undefined;
}

// --- names -------------------------------------------------------------------------------------------------

/** Every element and attribute name the parsers know. The index is the name's id; 0 means unknown. */
const NAMES = [
  "",
  "releases",
  "release",
  "artists",
  "artist",
  "id",
  "name",
  "anv",
  "join",
  "role",
  "tracks",
  "title",
  "labels",
  "label",
  "series",
  "extraartists",
  "formats",
  "format",
  "descriptions",
  "description",
  "genres",
  "genre",
  "styles",
  "style",
  "country",
  "released",
  "notes",
  "data_quality",
  "master_id",
  "tracklist",
  "track",
  "position",
  "duration",
  "sub_tracks",
  "identifiers",
  "identifier",
  "videos",
  "video",
  "companies",
  "company",
  "catno",
  "entity_type",
  "entity_type_name",
  "resource_url",
  "images",
  "image",
  "masters",
  "master",
  "main_release",
  "year",
  "realname",
  "profile",
  "urls",
  "url",
  "namevariations",
  "aliases",
  "groups",
  "members",
  "contactinfo",
  "parentLabel",
  "sublabels",
  "status",
  "qty",
  "text",
  "type",
  "value",
  "src",
  "embed",
  "uri",
  "uri150",
  "width",
  "height",
  "is_main_release",
] as const;

type KnownName = (typeof NAMES)[number];

const NAME_BYTES: Uint8Array[] = NAMES.map((n) => Buffer.from(n, "latin1"));
const TABLE_BITS = 10;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Open-addressing hash table from a name's hash to its id (0 = empty slot). */
const TABLE = new Int16Array(1 << TABLE_BITS);

function hashName(b: Uint8Array, s: number, len: number): number {
  return (len * 97 + b[s]! * 31 + b[s + 1 < s + len ? s + 1 : s]! * 7 + b[s + len - 1]! * 131) & TABLE_MASK;
}

for (let id = 1; id < NAMES.length; id++) {
  const bytes = NAME_BYTES[id]!;
  let h = hashName(bytes, 0, bytes.length);
  while (TABLE[h] !== 0) h = (h + 1) & TABLE_MASK;
  TABLE[h] = id;
}

/** How many names there are (ids run from 1 to `NAME_COUNT - 1`). */
export const NAME_COUNT = NAMES.length;

/** The id of a known name (compile-time checked), for the parsers' constants. */
export function nameId(name: KnownName): number {
  return NAMES.indexOf(name);
}

/** The bytes of a known name, for end-tag checks. */
export function nameBytes(name: KnownName): Uint8Array {
  return NAME_BYTES[nameId(name)]!;
}

/** Byte classes: 1 = whitespace, 2 = ends a name (whitespace, `>`, `/`, `=`, `<`, quotes). */
const CLASS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) CLASS[c] = 3;
for (const c of [0x3e, 0x2f, 0x3d, 0x3c, 0x22, 0x27]) CLASS[c] = 2;

/** `attr()` result: the start tag ended with `>`. */
export const GT = -1;
/** `attr()` result: the start tag ended with `/>` (an empty element). */
export const EMPTY = -2;
/** `open()`/`tag()` result: an end tag `</` (the name is not read yet). */
export const CLOSE = -1;
/** `open()` result: a start tag, the cursor on its name. */
export const OPEN = -3;

/** Text flags. */
const F_HIGH = 1; // a byte >= 0x80: decode as UTF-8
const F_SLOW = 2; // `&` or a raw CR (or, in attributes, TAB/LF): decode piece by piece

/**
 * Byte classes in text: 0 for plain ASCII, {@link F_HIGH} for bytes >= 0x80, {@link F_SLOW} for `&` and CR,
 * {@link T_LT} for `<`, {@link T_BAD} for control characters XML forbids.
 */
const TEXT = new Uint8Array(256);
const T_LT = 4;
const T_BAD = 8;
for (let c = 0; c < 0x20; c++) TEXT[c] = T_BAD;
TEXT[0x09] = 0;
TEXT[0x0a] = 0;
TEXT[0x0d] = F_SLOW;
TEXT[0x26] = F_SLOW;
TEXT[0x3c] = T_LT;
for (let c = 0x80; c < 0x100; c++) TEXT[c] = F_HIGH;

/** Byte classes in attribute values: as {@link TEXT}, plus TAB and LF (normalised to spaces) and the quotes. */
const ATTR = TEXT.slice();
ATTR[0x09] = F_SLOW;
ATTR[0x0a] = F_SLOW;
ATTR[0x22] = 16;
ATTR[0x27] = 16;

const EMPTY_BUFFER = Buffer.alloc(0);

/** Longest ASCII string looked up in {@link INTERN}. */
const INTERN_MAX = 32;
const INTERN_BITS = 13;
const INTERN_MASK = (1 << INTERN_BITS) - 1;
/** Recently made short ASCII strings, by hash of their bytes (shared by all scanners: strings are immutable). */
const INTERN: string[] = new Array<string>(1 << INTERN_BITS).fill("\u0000");

/** Buffer's own slicers: one native call each, no argument normalisation (what `toString` calls). */
interface FastSlice {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

// --- the scanner -------------------------------------------------------------------------------------------

export class Scanner {
  /** The bytes: previous leftover plus the latest chunks. */
  b: Buffer & FastSlice = EMPTY_BUFFER as Buffer & FastSlice;
  /** Cursor. */
  p = 0;
  /** End of valid data in `b`. */
  end = 0;
  /** Offset of `b[0]` in the whole uncompressed XML. */
  base = 0;
  /** Start and end of the last name read (tag or attribute). */
  ns = 0;
  ne = 0;
  /** Raw range and flags of the last attribute value read. */
  vs = 0;
  ve = 0;
  vf = 0;
  /** A byte >= 0x80 was seen in the current record (it is UTF-8-validated when complete). */
  high = false;
  /** Id of the record being parsed, once known (-1 before). */
  recId = -1;
  /** Id of the last complete record delivered (-1 before any). */
  lastId = -1;
  /** Deviations found in the current record. */
  pending: PendingDeviation[] | null = null;

  // --- errors and deviations -----------------------------------------------------------------------------

  /** Throws a {@link DumpParseError} at the cursor (or at `offset`). */
  fail(reason: DumpParseErrorReason, message: string, path?: string, offset?: number): never {
    throw new DumpParseError({
      reason,
      message,
      offset: offset ?? this.base + this.p,
      lastId: this.lastId < 0 ? undefined : this.lastId,
      recordId: this.recId < 0 ? undefined : this.recId,
      path,
    });
  }

  /** Notes a deviation from the known schema in the current record. */
  dev(kind: DeviationKind, path: string, value?: string, offset?: number): void {
    (this.pending ??= []).push({ kind, path, offset: offset ?? this.base + this.p, value });
  }

  /** The last name read, as a string (for messages and paths). */
  lastName(): string {
    return this.b.latin1Slice(this.ns, this.ne);
  }

  /** A short, printable view of the bytes at the cursor, for messages. */
  near(): string {
    const s = this.b.utf8Slice(this.p, Math.min(this.end, this.p + 24));
    return JSON.stringify(s);
  }

  // --- structure -----------------------------------------------------------------------------------------

  /** Skips whitespace. */
  ws(): void {
    const b = this.b;
    const end = this.end;
    let p = this.p;
    while (p < end && CLASS[b[p]!] === 3) p++;
    if (p >= end) {
      this.p = p;
      throw NEED_MORE;
    }
    this.p = p;
  }

  /**
   * Moves to the next markup inside an element with element content: skips whitespace (non-whitespace text is
   * a deviation of kind `text` at `path`), then returns {@link CLOSE} after `</`, or {@link OPEN} with the
   * cursor on a start tag's name. Follow an `OPEN` with {@link is} for the names expected there, and with
   * {@link name} for anything else.
   */
  open(path: string): number {
    const b = this.b;
    const end = this.end;
    let p = this.p;
    for (;;) {
      while (p < end && CLASS[b[p]!] === 3) p++;
      if (p + 1 >= end) {
        this.p = p;
        throw NEED_MORE;
      }
      if (b[p] === 0x3c) break;
      // Text among elements: report it, then go on from the next '<'.
      this.p = p;
      const s = p;
      while (p < end && b[p] !== 0x3c) {
        const c = b[p]!;
        if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) this.badChar(p, c);
        p++;
      }
      if (p >= end) throw NEED_MORE;
      this.dev("text", `${path}/#text`, this.b.utf8Slice(s, Math.min(p, s + 80)).trim());
    }
    const c = b[p + 1]!;
    if (c === 0x2f) {
      this.p = p + 2;
      return CLOSE;
    }
    if (c === 0x21 || c === 0x3f) {
      this.p = p;
      this.fail(
        "malformed",
        "Comments, CDATA sections and processing instructions are not expected inside a record",
        path,
      );
    }
    this.p = p + 1;
    return OPEN;
  }

  /**
   * After {@link open}: if the start tag at the cursor is named `name`, moves past the name and returns
   * `true`; otherwise leaves the cursor where it is.
   */
  is(name: Uint8Array): boolean {
    const b = this.b;
    const p = this.p;
    const len = name.length;
    // A well-formed record always has more than a name's length of bytes after any start tag's name.
    if (p + len >= this.end) throw NEED_MORE;
    for (let i = 0; i < len; i++) if (b[p + i] !== name[i]) return false;
    if (CLASS[b[p + len]!] === 0) return false;
    this.ns = p;
    this.ne = p + len;
    this.p = p + len;
    return true;
  }

  /** After {@link open}: reads the start tag's name and returns its id (0 when unknown; name in `ns`/`ne`). */
  name(path: string): number {
    const b = this.b;
    const end = this.end;
    let p = this.p;
    const s = p;
    while (p < end && CLASS[b[p]!] === 0) p++;
    if (p >= end) throw NEED_MORE;
    this.ns = s;
    this.ne = p;
    if (p === s) this.fail("malformed", `Expected an element name, found ${this.near()}`, path);
    this.p = p;
    return this.lookup(s, p);
  }

  /** {@link open} then {@link name}: {@link CLOSE}, or the id of the start tag's name. */
  tag(path: string): number {
    if (this.open(path) === CLOSE) return CLOSE;
    return this.name(path);
  }

  /** The id of the name in `b[s..e)`, 0 when unknown. */
  lookup(s: number, e: number): number {
    const b = this.b;
    const len = e - s;
    let h = hashName(b, s, len);
    for (;;) {
      const id = TABLE[h]!;
      if (id === 0) return 0;
      const nb = NAME_BYTES[id]!;
      if (nb.length === len) {
        let i = 0;
        while (i < len && nb[i] === b[s + i]) i++;
        if (i === len) return id;
      }
      h = (h + 1) & TABLE_MASK;
    }
  }

  /** After `</`: checks that the end tag names `name` and consumes it. */
  close(name: Uint8Array, path: string): void {
    const b = this.b;
    const end = this.end;
    let p = this.p;
    const len = name.length;
    if (p + len + 1 > end) throw NEED_MORE;
    let i = 0;
    while (i < len && b[p + i] === name[i]) i++;
    p += len;
    if (i === len && b[p] === 0x3e) {
      this.p = p + 1;
      return;
    }
    if (i === len) {
      while (p < end && CLASS[b[p]!] === 3) p++;
      if (p >= end) throw NEED_MORE;
      if (b[p] === 0x3e) {
        this.p = p + 1;
        return;
      }
    }
    this.p -= 2;
    const s = this.p + 2;
    let e = s;
    while (e < end && CLASS[b[e]!] === 0) e++;
    if (e >= end) throw NEED_MORE;
    this.fail(
      "malformed",
      `Mismatched end tag </${b.latin1Slice(s, e)}>, expected </${Buffer.from(name).toString("latin1")}>`,
      path,
    );
  }

  /**
   * Reads the next attribute of a start tag. Returns {@link GT} or {@link EMPTY} at the tag's end (consumed),
   * else the attribute name's id (0 when unknown; name in `ns`/`ne`) with its raw value in `vs`/`ve`/`vf`.
   */
  attr(): number {
    const b = this.b;
    const end = this.end;
    let p = this.p;
    while (p < end && CLASS[b[p]!] === 3) p++;
    if (p + 1 >= end) {
      this.p = p;
      throw NEED_MORE;
    }
    let c = b[p]!;
    if (c === 0x3e) {
      this.p = p + 1;
      return GT;
    }
    if (c === 0x2f) {
      if (b[p + 1] !== 0x3e) {
        this.p = p;
        this.fail("malformed", `Expected "/>", found ${this.near()}`);
      }
      this.p = p + 2;
      return EMPTY;
    }
    const s = p;
    while (p < end && CLASS[b[p]!] === 0) p++;
    const e = p;
    while (p < end && CLASS[b[p]!] === 3) p++;
    if (p + 1 >= end) {
      this.p = p;
      throw NEED_MORE;
    }
    if (e === s || b[p] !== 0x3d) {
      this.p = p;
      this.fail("malformed", `Expected an attribute, found ${this.near()}`);
    }
    p++;
    while (p < end && CLASS[b[p]!] === 3) p++;
    if (p >= end) {
      this.p = p;
      throw NEED_MORE;
    }
    const q = b[p]!;
    if (q !== 0x22 && q !== 0x27) {
      this.p = p;
      this.fail("malformed", `Expected a quoted attribute value, found ${this.near()}`);
    }
    p++;
    const vs = p;
    let f = 0;
    for (;;) {
      if (p >= end) {
        this.p = p;
        throw NEED_MORE;
      }
      c = b[p]!;
      const k = ATTR[c]!;
      if (k !== 0) {
        if (c === q) break;
        if (k === T_BAD) this.badChar(p, c);
        if (k === T_LT) {
          this.p = p;
          this.fail("malformed", `"<" inside an attribute value`);
        }
        f |= k & (F_HIGH | F_SLOW);
      }
      p++;
    }
    if (f & F_HIGH) this.high = true;
    this.ns = s;
    this.ne = e;
    this.vs = vs;
    this.ve = p;
    this.vf = f;
    this.p = p + 1;
    return this.lookup(s, e);
  }

  /**
   * The last attribute's value as a string (entities decoded, whitespace normalised as XML requires).
   * `intern`: a value that repeats across records (a format name, an identifier type), looked up in the
   * cache of short strings.
   */
  attrStr(intern = false): string {
    return this.str(this.vs, this.ve, this.vf, true, intern);
  }

  /** The last attribute's value as a non-negative integer; a deviation of kind `value` (and `undefined`) otherwise. */
  attrInt(path: string): number | undefined {
    const n = this.int(this.vs, this.ve);
    if (n < 0) {
      this.dev("value", path, this.attrStr());
      return undefined;
    }
    return n;
  }

  /** `true`/`false` attribute; a deviation of kind `value` otherwise. */
  attrBool(path: string): boolean | undefined {
    const b = this.b;
    const s = this.vs;
    const len = this.ve - s;
    if (len === 4 && b[s] === 0x74 && b[s + 1] === 0x72 && b[s + 2] === 0x75 && b[s + 3] === 0x65)
      return true;
    if (
      len === 5 &&
      b[s] === 0x66 &&
      b[s + 1] === 0x61 &&
      b[s + 2] === 0x6c &&
      b[s + 3] === 0x73 &&
      b[s + 4] === 0x65
    )
      return false;
    this.dev("value", path, this.attrStr());
    return undefined;
  }

  /** Reports the attribute just read as unknown. */
  unknownAttr(path: string): void {
    this.dev("attribute", `${path}/@${this.lastName()}`, undefined, this.base + this.ns);
  }

  /**
   * Finishes a start tag that has no known attributes (each one found is reported as unknown at `path`).
   * Returns `true` for an empty element (`/>`).
   */
  noAttrs(path: string): boolean {
    for (;;) {
      const a = this.attr();
      if (a === GT) return false;
      if (a === EMPTY) return true;
      this.unknownAttr(path);
    }
  }

  // --- text ----------------------------------------------------------------------------------------------

  /**
   * Reads a text-only element's content up to its end tag `</name>` (consumed) and returns it, or `undefined`
   * when it is empty. Call after the start tag's `>`. A child element inside is reported as unknown and
   * skipped, and the text around it kept.
   */
  text(name: Uint8Array, path: string, intern = false): string | undefined {
    const b = this.b;
    const end = this.end;
    let p = this.p;
    const s = p;
    let f = 0;
    for (;;) {
      if (p >= end) {
        this.p = p;
        throw NEED_MORE;
      }
      const k = TEXT[b[p]!]!;
      if (k !== 0) {
        if (k === T_LT) break;
        if (k === T_BAD) this.badChar(p, b[p]!);
        f |= k;
      }
      p++;
    }
    if (p + 1 >= end) {
      this.p = p;
      throw NEED_MORE;
    }
    if (b[p + 1] !== 0x2f) {
      this.p = p;
      return this.mixedText(s, name, path);
    }
    this.p = p + 2;
    this.close(name, path);
    if (p === s) return undefined;
    if (f & F_HIGH) this.high = true;
    return this.str(s, p, f, false, intern);
  }

  /** A text element with child elements inside (not in any known dump): keeps the text, reports the children. */
  private mixedText(s: number, name: Uint8Array, path: string): string | undefined {
    let out = "";
    let from = s;
    for (;;) {
      const t = this.p;
      // The text before the '<' at `t`.
      if (t > from) out += this.decodeRange(from, t);
      const id = this.tag(path);
      if (id === CLOSE) {
        this.close(name, path);
        return out === "" ? undefined : out;
      }
      this.dev("element", `${path}/${this.lastName()}`);
      this.skip();
      from = this.p;
      // Scan on to the next '<'.
      const b = this.b;
      let p = this.p;
      while (p < this.end && b[p] !== 0x3c) p++;
      if (p >= this.end) throw NEED_MORE;
      this.p = p;
    }
  }

  /** Decodes raw text bytes `[s, e)` whatever they hold (slow path). */
  private decodeRange(s: number, e: number): string {
    const b = this.b;
    let f = 0;
    for (let p = s; p < e; p++) {
      const c = b[p]!;
      if (c >= 0x80) f |= F_HIGH;
      else if (c === 0x26 || c === 0x0d) f |= F_SLOW;
      else if (c < 0x20 && c !== 0x0a && c !== 0x09) this.badChar(p, c);
    }
    if (f & F_HIGH) this.high = true;
    return this.str(s, e, f, false, false);
  }

  /**
   * A leaf element with text content and no known attributes, after its name: returns its text, or
   * `undefined` when it is empty (`<x/>` or `<x></x>`).
   */
  leaf(name: Uint8Array, path: string, intern = false): string | undefined {
    if (this.noAttrs(path)) return undefined;
    return this.text(name, path, intern);
  }

  /** Like {@link leaf} for a required field: `""` when empty. */
  leafReq(name: Uint8Array, path: string, intern = false): string {
    if (this.noAttrs(path)) return "";
    return this.text(name, path, intern) ?? "";
  }

  /** A leaf element holding a non-negative integer (`undefined` and a `value` deviation otherwise). */
  leafInt(name: Uint8Array, path: string): number | undefined {
    if (this.noAttrs(path)) return undefined;
    return this.intText(name, path);
  }

  /** The integer content of an element whose start tag is consumed, up to and including its end tag. */
  intText(name: Uint8Array, path: string): number | undefined {
    const b = this.b;
    const end = this.end;
    let p = this.p;
    let n = 0;
    let digits = 0;
    for (;;) {
      if (p >= end) {
        this.p = p;
        throw NEED_MORE;
      }
      const c = b[p]!;
      if (c >= 0x30 && c <= 0x39 && digits < 16) {
        n = n * 10 + (c - 0x30);
        digits++;
        p++;
      } else break;
    }
    if (b[p] === 0x3c && p + 1 < end && b[p + 1] === 0x2f && digits > 0) {
      this.p = p + 2;
      this.close(name, path);
      return n;
    }
    const text = this.text(name, path);
    if (text === undefined) return undefined;
    const trimmed = text.trim();
    if (/^\d{1,15}$/.test(trimmed)) return Number(trimmed);
    this.dev("value", path, text);
    return undefined;
  }

  /** A non-negative integer in `b[s..e)`, or -1. */
  int(s: number, e: number): number {
    const b = this.b;
    if (e <= s || e - s > 15) return -1;
    let n = 0;
    for (let p = s; p < e; p++) {
      const c = b[p]! - 0x30;
      if (c < 0 || c > 9) return -1;
      n = n * 10 + c;
    }
    return n;
  }

  /** Throws for a raw control character (not well-formed XML). */
  badChar(p: number, c: number): never {
    this.p = p;
    this.fail("malformed", `Control character U+${c.toString(16).toUpperCase().padStart(4, "0")} in the XML`);
  }

  /** The string of raw bytes `[s, e)` with flags `f`; `intern`: look short ASCII strings up in the cache. */
  str(s: number, e: number, f: number, attr: boolean, intern: boolean): string {
    if (f === 0) {
      if (intern && e - s <= INTERN_MAX) return this.ascii(s, e);
      return e - s <= 10 ? short(this.b, s, e) : this.b.latin1Slice(s, e);
    }
    if (f === F_HIGH) return this.b.utf8Slice(s, e);
    return this.decode(s, e, f, attr);
  }

  /**
   * A short ASCII string, from a small cache of recent ones when the same bytes were seen before: genres,
   * roles, positions, durations, format names repeat record after record, and a cache hit costs a hash and a
   * compare instead of a native call and an allocation.
   */
  private ascii(s: number, e: number): string {
    const b = this.b;
    let h = e - s;
    for (let i = s; i < e; i++) h = (Math.imul(h, 31) + b[i]!) | 0;
    const slot = (h ^ (h >>> 12)) & INTERN_MASK;
    const c = INTERN[slot]!;
    const len = e - s;
    if (c.length === len) {
      let i = 0;
      while (i < len && c.charCodeAt(i) === b[s + i]) i++;
      if (i === len) return c;
    }
    const str = len <= 10 ? short(b, s, e) : b.latin1Slice(s, e);
    INTERN[slot] = str;
    return str;
  }

  /** Slow path: entities, raw CR (CRLF and CR become LF), and in attributes TAB/LF/CR becoming spaces. */
  private decode(s: number, e: number, f: number, attr: boolean): string {
    const b = this.b;
    const seg = (x: number, y: number) =>
      x >= y ? "" : f & F_HIGH ? b.utf8Slice(x, y) : b.latin1Slice(x, y);
    let out = "";
    let from = s;
    let p = s;
    while (p < e) {
      const c = b[p]!;
      if (c === 0x26) {
        out += seg(from, p);
        let q = p + 1;
        while (q < e && q - p < 12 && b[q] !== 0x3b) q++;
        if (q >= e || b[q] !== 0x3b) {
          this.p = p;
          this.fail("malformed", `Unterminated entity reference ${this.near()}`);
        }
        out += this.entity(p + 1, q);
        p = q + 1;
        from = p;
      } else if (c === 0x0d || (attr && (c === 0x0a || c === 0x09))) {
        out += seg(from, p);
        if (attr) out += " ";
        else {
          out += "\n";
          if (c === 0x0d && p + 1 < e && b[p + 1] === 0x0a) p++;
        }
        p++;
        from = p;
      } else p++;
    }
    return out + seg(from, e);
  }

  /** The character of the entity reference whose name is `b[s..e)` (between `&` and `;`). */
  private entity(s: number, e: number): string {
    const b = this.b;
    const len = e - s;
    const c0 = b[s];
    if (c0 === 0x23) {
      let cp = 0;
      let i = s + 1;
      const hex = b[i] === 0x78;
      if (hex) i++;
      if (i >= e) this.badEntity(s, e);
      for (; i < e; i++) {
        const c = b[i]!;
        let d: number;
        if (c >= 0x30 && c <= 0x39) d = c - 0x30;
        else if (hex && c >= 0x61 && c <= 0x66) d = c - 0x57;
        else if (hex && c >= 0x41 && c <= 0x46) d = c - 0x37;
        else return this.badEntity(s, e);
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10ffff) return this.badEntity(s, e);
      }
      // XML's Char production: TAB, LF, CR, and everything from U+0020 but surrogates, U+FFFE and U+FFFF.
      if (
        (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
        (cp >= 0xd800 && cp <= 0xdfff) ||
        cp === 0xfffe ||
        cp === 0xffff
      )
        return this.badEntity(s, e);
      return String.fromCodePoint(cp);
    }
    if (len === 3 && c0 === 0x61 && b[s + 1] === 0x6d && b[s + 2] === 0x70) return "&";
    if (len === 2 && b[s + 1] === 0x74) {
      if (c0 === 0x6c) return "<";
      if (c0 === 0x67) return ">";
    }
    if (len === 4 && c0 === 0x71 && b[s + 1] === 0x75 && b[s + 2] === 0x6f && b[s + 3] === 0x74) return '"';
    if (len === 4 && c0 === 0x61 && b[s + 1] === 0x70 && b[s + 2] === 0x6f && b[s + 3] === 0x73) return "'";
    return this.badEntity(s, e);
  }

  private badEntity(s: number, e: number): never {
    this.p = s - 1;
    this.fail("malformed", `Unknown or invalid entity reference &${this.b.latin1Slice(s, e)};`);
  }

  // --- skipping ------------------------------------------------------------------------------------------

  /**
   * Skips the element whose start-tag name was just read (attributes not yet consumed), with everything in
   * it. Checks that its tags balance, nothing more.
   */
  skip(): void {
    const b = this.b;
    const end = this.end;
    // Finish the start tag.
    let a = this.attr();
    while (a >= 0) a = this.attr();
    if (a === EMPTY) return;
    let depth = 1;
    let p = this.p;
    for (;;) {
      while (p < end && b[p] !== 0x3c) p++;
      if (p + 1 >= end) {
        this.p = p;
        throw NEED_MORE;
      }
      const c = b[p + 1];
      if (c === 0x2f) {
        while (p < end && b[p] !== 0x3e) p++;
        if (p >= end) {
          this.p = p;
          throw NEED_MORE;
        }
        p++;
        if (--depth === 0) {
          this.p = p;
          return;
        }
      } else if (c === 0x21 || c === 0x3f) {
        this.p = p;
        this.fail(
          "malformed",
          "Comments, CDATA sections and processing instructions are not expected inside a record",
        );
      } else {
        // A start tag: walk its attributes (a '>' may sit inside a quoted value).
        this.p = p + 1;
        while (this.p < end && CLASS[b[this.p]!] === 0) this.p++;
        let r = this.attr();
        while (r >= 0) r = this.attr();
        if (r === GT) depth++;
        p = this.p;
      }
    }
  }

  /**
   * Fast skip of an element that cannot contain itself, after its name: jumps to the first `</name>` with a
   * native search. Nothing inside is checked.
   */
  skipTo(closing: Uint8Array): void {
    let a = this.attr();
    while (a >= 0) a = this.attr();
    if (a === EMPTY) return;
    this.jumpTo(closing);
  }

  /** Jumps past the first `closing` (`</name>`) after the cursor, with a native search. */
  jumpTo(closing: Uint8Array): void {
    const i = this.b.indexOf(closing, this.p);
    if (i < 0 || i + closing.length > this.end) {
      this.p = Math.max(this.p, this.end - closing.length);
      throw NEED_MORE;
    }
    this.p = i + closing.length;
  }

  // --- records -------------------------------------------------------------------------------------------

  /** Checks that the record `b[s..e)` is valid UTF-8, when it has any byte >= 0x80. */
  checkUtf8(s: number, e: number): void {
    if (!this.high) return;
    if (!isUtf8(this.b.subarray(s, e))) {
      this.fail("malformed", "Invalid UTF-8", undefined, this.base + firstInvalidUtf8(this.b, s, e));
    }
  }
}

/** Offset of the first byte of `b[s..e)` that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array, s: number, e: number): number {
  let p = s;
  while (p < e) {
    const c = b[p]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      p++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return p;
    if (p + n >= e) return p;
    let cp = c & (0x3f >> n);
    for (let i = 1; i <= n; i++) {
      const d = b[p + i]!;
      if ((d & 0xc0) !== 0x80) return p;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return p;
    p += n + 1;
  }
  return e;
}

/**
 * A short ASCII string from its bytes: `String.fromCharCode` with the bytes as arguments is about twice as fast
 * as a native `latin1Slice` call up to ten characters (measured on Node 20).
 */
function short(b: Uint8Array, s: number, e: number): string {
  switch (e - s) {
    case 0:
      return "";
    case 1:
      return String.fromCharCode(b[s]!);
    case 2:
      return String.fromCharCode(b[s]!, b[s + 1]!);
    case 3:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8:
      return String.fromCharCode(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
      );
    case 9:
      return String.fromCharCode(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
      );
    default:
      return String.fromCharCode(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
      );
  }
}

/** Closing-tag bytes (`</name>`) for {@link Scanner.skipTo}. */
export function closingTag(name: KnownName): Uint8Array {
  return Buffer.from(`</${name}>`, "latin1");
}
