/**
 * Property-based bad-input tests (fast-check) over every public method: path parameters, query parameters,
 * bodies and per-request options.
 *
 * - Invalid values (0, negatives, NaN, non-integers, "", "../x", strings with "/", objects, arrays, null, wrong
 *   enums, ratings out of range, negative prices, missing required fields, ...) are rejected with a TypeError
 *   whose message names the argument, before any request: the client's fetch sees nothing and the emulator's
 *   log stays empty.
 * - Valid values produce exactly the expected wire request: method, path with its encoding, every query
 *   parameter and nothing else, and the body.
 *
 * The list of properties is in docs/reliability.md ("Bad input").
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIST_RELEASE_SORTS,
  CONDITIONS,
  CURRENCIES,
  Discogs,
  getAccessToken,
  getRequestToken,
  INVENTORY_SORTS,
  INVENTORY_STATUSES,
  inventoryPaginator,
  LISTING_STATUSES,
  MASTER_VERSION_SORTS,
  ORDER_FILTER_STATUSES,
  ORDER_SORTS,
  ORDER_STATUSES,
  SEARCH_TYPES,
  SLEEVE_CONDITIONS,
} from "../src/index";
import { ENDPOINTS } from "../src/endpoints/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import {
  compareRequest,
  drive,
  failure,
  recordingFetch,
  wireClient,
  WIRE_BASE,
  type ExpectedRequest,
  type WireRequest,
} from "./helpers/wire";

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 40);
const run = { numRuns: RUNS };

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

const posInt = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
/** Ids are positive safe integers, or their canonical decimal strings. */
const id = fc.oneof(posInt, posInt.map(String));
const idText = (v: number | string) => String(Number(v));
/** Never a valid id. */
const badId = fc.oneof(
  fc.constantFrom<unknown>(
    0,
    -0,
    -1,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER + 1,
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "01",
    "1e3",
    " 1",
    "1 ",
    "../x",
    "a/b",
    "1/2",
    "%2F",
    "..",
    null,
    undefined,
    true,
    [],
    [1],
    {},
    { id: 1 },
    () => 1,
    10n,
  ),
  fc.integer({ max: 0 }),
  fc.double().filter((d) => !(Number.isSafeInteger(d) && d > 0)),
  fc.string().filter((s) => !/^[1-9]\d{0,15}$/.test(s) || !Number.isSafeInteger(Number(s))),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
/** Folder ids: 0 ("All") is valid too. */
const folderId = fc.oneof(fc.constantFrom<number | string>(0, "0"), id);
const badFolderId = badId.filter((v) => v !== 0 && v !== "0" && !Object.is(v, -0));

// eslint-disable-next-line no-control-regex -- the characters the SDK refuses in a path segment
const SEGMENT_BAD = /[/\\?#\u0000-\u001f\u007f]/;
const wellFormed = (s: string) =>
  !/(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(s);
const validSegment = (s: string) =>
  s.trim() !== "" &&
  s !== "." &&
  !SEGMENT_BAD.test(s) &&
  !s.includes("..") &&
  s.length <= 200 &&
  wellFormed(s);
/** Usernames: anything Discogs could put in a path segment, including spaces, %, +, &, non-ASCII. */
const username = fc
  .oneof(
    fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
    fc.constantFrom("example", "a b", "100%", "a+b&c=d", "naïve", "名前", "x.y", "'quote'", "a;b,c"),
  )
  .filter(validSegment);
const badUsername = fc.oneof(
  fc.constantFrom<unknown>(
    "",
    " ",
    "\t",
    ".",
    "..",
    "../x",
    "a/b",
    "/",
    "a\\b",
    "a?b",
    "a#b",
    "a\nb",
    "a\u0000b",
    "x".repeat(201),
    "\uD800",
    "a\uDC00b",
    null,
    undefined,
    1,
    {},
    [],
    ["example"],
  ),
  fc.string({ unit: "binary", maxLength: 12 }).filter((s) => !validSegment(s)),
);
const seg = (s: string) => encodeURIComponent(s);

const enumOf = <T extends string>(values: readonly T[]) => fc.constantFrom(...values);
/** Never a member of `values` (and never undefined, which means "not given"). */
const badEnum = (values: readonly string[]) =>
  fc.oneof(
    fc.string().filter((s) => !values.includes(s)),
    fc.constantFrom<unknown>(
      null,
      1,
      true,
      {},
      [],
      values[0]?.toLowerCase() === values[0] ? "X" : values[0]!.toLowerCase(),
    ),
  );
/** Not a string (and not undefined). */
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.string()),
);
/** Not a boolean (and not undefined). */
const notBoolean = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.constantFrom("true", "false", 0, 1),
);
/** Well-formed text (lone surrogates would be replaced by U+FFFD in a URL). */
const text = fc.string({ unit: "grapheme", maxLength: 20 });
const perPage = fc.integer({ min: 1, max: 100 });
const badPerPage = fc.oneof(
  fc.constantFrom<unknown>(0, 101, -1, 1.5, NaN, Infinity, "50", null, true, {}, []),
  fc.integer({ max: 0 }),
  fc.integer({ min: 101 }),
);
const badParams = fc.constantFrom<unknown>(null, "x", 5, true, [], [1]);
const price = fc.double({ min: 0.01, max: 1_000_000, noNaN: true });
const badPrice = fc.oneof(
  fc.constantFrom<unknown>(0, -0, -1, -0.01, NaN, Infinity, -Infinity, "25", "25.00", null, true, {}, []),
  fc.double({ max: 0, noNaN: true }),
);
/** Rating 0..5 (collection and wantlist; 0 clears). */
const rating05 = fc.integer({ min: 0, max: 5 });
const badRating = (min: number) =>
  fc.oneof(
    fc.constantFrom<unknown>(min - 1, 6, 1.5, NaN, Infinity, "3", null, true, {}, []),
    fc.integer({ max: min - 1 }),
    fc.integer({ min: 6 }),
  );
const orderId = fc.tuple(posInt, posInt).map(([a, b]) => `${a}-${b}`);
const badOrderId = fc.oneof(
  fc.constantFrom<unknown>(
    "",
    "1",
    "1-",
    "-1",
    "0-1",
    "1-0",
    "01-1",
    "a-b",
    "1-1/x",
    "../1-1",
    "1-1 ",
    1,
    null,
    {},
    [],
    undefined,
  ),
  fc.string().filter((s) => !/^[1-9]\d*-[1-9]\d*$/.test(s)),
);
const csvText = fc
  .tuple(fc.stringMatching(/^[a-z_]{1,10}$/), fc.string({ unit: "grapheme", maxLength: 30 }))
  .map(([h, r]) => `release_id,${h}\n352665,${r.replace(/[\r\n]/g, " ")}\n`);
const badCsv = fc.constantFrom<unknown>(
  "",
  "   ",
  "\n",
  "inventory.csv",
  "./my inventory.CSV",
  5,
  null,
  undefined,
  true,
  {},
  [],
  ["release_id"],
  { path: "" },
  { path: 5 },
  { path: "x.csv", filename: "" },
  new URL("https://example.com/x.csv"),
  { path: new URL("https://example.com/x.csv") },
  new Blob([]),
  new Uint8Array(0),
);
const isoDate = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2100-01-01T00:00:00Z"),
  noInvalidDate: true,
});
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Removes `undefined` members (as a JSON body or query would). */
function defined<T extends Record<string, unknown>>(o: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = String(v);
  return out;
}

/** Optional: the value or undefined (not given). */
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

// ---------------------------------------------------------------------------------------------------------
// The catalog: every public method, its valid inputs and the wire request they make, and its invalid inputs.

interface Spec<A> {
  name: string;
  valid: fc.Arbitrary<A>;
  call: (c: Discogs, a: A) => unknown;
  /** The request(s) `valid` inputs send, in order. */
  wire: (a: A) => ExpectedRequest | ExpectedRequest[];
  /** Argument name -> inputs with exactly that argument broken. */
  invalid: Record<string, fc.Arbitrary<A>>;
}

/** Builds a spec, typing `A` from `valid`. */
function spec<A>(s: Spec<A>): Spec<unknown> {
  return s as unknown as Spec<unknown>;
}

/** Replaces field `k` of the valid record by a bad value. */
function breaking<A extends object, K extends keyof A>(
  valid: fc.Arbitrary<A>,
  k: K,
  bad: fc.Arbitrary<unknown>,
) {
  return fc.tuple(valid, bad).map(([a, b]) => ({ ...a, [k]: b }) as A);
}

const paging = (p?: number) => ({ per_page: String(p ?? 100) });
const pageOnly = fc.record({ per_page: opt(perPage) });

/** A paginator `list(params)` under an id, with `per_page` only. */
function pagedList(
  name: string,
  path: (x: number | string) => string,
  call: (c: Discogs, x: number, params: unknown) => unknown,
) {
  const valid = fc.record({ x: id, params: opt(pageOnly) });
  return spec({
    name,
    valid,
    call: (c, a) => call(c, a.x as number, a.params),
    wire: (a) => ({ method: "GET", path: path(a.x), query: paging(a.params?.per_page) }),
    invalid: {
      id: breaking(valid, "x", badId),
      params: breaking(valid, "params", badParams),
      per_page: fc.tuple(valid, badPerPage).map(([a, b]) => ({ ...a, params: { per_page: b } as never })),
    },
  });
}

const sortable = <S extends string>(sorts: readonly S[]) =>
  fc.record({
    per_page: opt(perPage),
    sort: opt(enumOf(sorts)),
    sort_order: opt(enumOf(["asc", "desc"] as const)),
  });
const sortQuery = (
  p:
    { per_page?: number | undefined; sort?: string | undefined; sort_order?: string | undefined } | undefined,
) => ({
  ...paging(p?.per_page),
  ...defined({ sort: p?.sort, sort_order: p?.sort_order }),
});
function sortInvalid<A extends { params?: unknown }>(valid: fc.Arbitrary<A>, sorts: readonly string[]) {
  const withParams = (bad: fc.Arbitrary<unknown>, key: string) =>
    fc.tuple(valid, bad).map(([a, b]) => ({ ...a, params: { [key]: b } }) as A);
  return {
    params: breaking(valid, "params", badParams),
    per_page: withParams(badPerPage, "per_page"),
    sort: withParams(badEnum(sorts), "sort"),
    sort_order: withParams(badEnum(["asc", "desc"]), "sort_order"),
  };
}

const listingFields = fc.record(
  {
    release_id: id,
    condition: enumOf(CONDITIONS),
    price,
    status: opt(enumOf(LISTING_STATUSES)),
    sleeve_condition: opt(enumOf(SLEEVE_CONDITIONS)),
    comments: opt(text),
    allow_offers: opt(fc.boolean()),
    external_id: opt(text),
    location: opt(text),
    weight: opt(fc.oneof(fc.constant("auto" as const), fc.integer({ min: 0, max: 100_000 }))),
    format_quantity: opt(fc.oneof(fc.constant("auto" as const), fc.integer({ min: 0, max: 100 }))),
  },
  { requiredKeys: ["release_id", "condition", "price"] },
);
type ListingInput = typeof listingFields extends fc.Arbitrary<infer T> ? T : never;
const listingBody = (f: ListingInput) => ({ ...f, release_id: Number(f.release_id) });
const listingInvalid = (base: fc.Arbitrary<ListingInput>) => ({
  release_id: breaking(
    base,
    "release_id",
    badId.filter((v) => v !== undefined),
  ),
  condition: breaking(
    base,
    "condition",
    badEnum(CONDITIONS).filter((v) => v !== undefined),
  ),
  price: breaking(base, "price", badPrice),
  status: breaking(base, "status", badEnum(LISTING_STATUSES)),
  sleeve_condition: breaking(base, "sleeve_condition", badEnum(SLEEVE_CONDITIONS)),
  comments: breaking(base, "comments", notString),
  allow_offers: breaking(base, "allow_offers", notBoolean),
  external_id: breaking(base, "external_id", notString),
  location: breaking(base, "location", notString),
  weight: breaking(base, "weight", fc.constantFrom<unknown>(-1, NaN, Infinity, "heavy", "Auto", null, {})),
  format_quantity: breaking(base, "format_quantity", fc.constantFrom<unknown>(-1, NaN, "many", null, [])),
});

const SPECS: Spec<unknown>[] = [];
const add = (...s: Spec<unknown>[]) => SPECS.push(...s);

// --- database
{
  const valid = fc.record({ id, params: opt(fc.record({ curr_abbr: opt(enumOf(CURRENCIES)) })) });
  add(
    spec({
      name: "releases.get(id, { curr_abbr })",
      valid,
      call: (c, a) => c.releases.get(a.id as number, a.params),
      wire: (a) => ({
        method: "GET",
        path: `/releases/${idText(a.id)}`,
        query: defined({ curr_abbr: a.params?.curr_abbr }),
      }),
      invalid: {
        id: breaking(valid, "id", badId),
        params: breaking(valid, "params", badParams),
        curr_abbr: fc
          .tuple(valid, badEnum(CURRENCIES))
          .map(([a, b]) => ({ ...a, params: { curr_abbr: b } as never })),
      },
    }),
  );
}
{
  const valid = fc.record({ id, u: opt(username) });
  add(
    spec({
      name: "releases.get(id).rating.get(username?)",
      valid,
      call: (c, a) =>
        a.u === undefined
          ? c.releases.get(a.id as number).rating.get()
          : c.releases.get(a.id as number).rating.get(a.u),
      wire: (a) => ({
        method: "GET",
        path: `/releases/${idText(a.id)}/rating${a.u === undefined ? "" : `/${seg(a.u)}`}`,
      }),
      invalid: {
        username: fc
          .tuple(
            valid,
            badUsername.filter((v) => v !== undefined),
          )
          .map(([a, b]) => ({ ...a, u: b as string })),
      },
    }),
  );
}
{
  const valid = fc.record({ id, u: username, rating: fc.integer({ min: 1, max: 5 }) });
  add(
    spec({
      name: "releases.get(id).rating.update(username, rating)",
      valid,
      call: (c, a) => c.releases.get(a.id as number).rating.update(a.u, a.rating),
      wire: (a) => ({
        method: "PUT",
        path: `/releases/${idText(a.id)}/rating/${seg(a.u)}`,
        json: { rating: a.rating },
      }),
      invalid: {
        username: breaking(valid, "u", badUsername),
        rating: breaking(valid, "rating", fc.oneof(badRating(1), fc.constant(undefined))),
      },
    }),
    spec({
      name: "releases.get(id).rating.delete(username)",
      valid,
      call: (c, a) => c.releases.get(a.id as number).rating.delete(a.u),
      wire: (a) => ({ method: "DELETE", path: `/releases/${idText(a.id)}/rating/${seg(a.u)}` }),
      invalid: { username: breaking(valid, "u", badUsername) },
    }),
  );
}
{
  const valid = fc.record({ id });
  add(
    spec({
      name: "releases.get(id).stats.get()",
      valid,
      call: (c, a) => c.releases.get(a.id as number).stats.get(),
      wire: (a) => ({ method: "GET", path: `/releases/${idText(a.id)}/stats` }),
      invalid: { id: breaking(valid, "id", badId) },
    }),
    spec({
      name: "releases.get(id).priceSuggestions.get()",
      valid,
      call: (c, a) => c.releases.get(a.id as number).priceSuggestions.get(),
      wire: (a) => ({ method: "GET", path: `/marketplace/price_suggestions/${idText(a.id)}` }),
      invalid: { id: breaking(valid, "id", badId) },
    }),
  );
  const withCurr = fc.record({ id, curr: opt(enumOf(CURRENCIES)) });
  add(
    spec({
      name: "releases.get(id).marketplaceStats.get({ curr_abbr })",
      valid: withCurr,
      call: (c, a) => c.releases.get(a.id as number).marketplaceStats.get({ curr_abbr: a.curr }),
      wire: (a) => ({
        method: "GET",
        path: `/marketplace/stats/${idText(a.id)}`,
        query: defined({ curr_abbr: a.curr }),
      }),
      invalid: { curr_abbr: breaking(withCurr, "curr", badEnum(CURRENCIES)) },
    }),
  );
  for (const [name, get, p] of [
    ["masters.get(id)", (c: Discogs, x: number) => c.masters.get(x), "masters"],
    ["artists.get(id)", (c: Discogs, x: number) => c.artists.get(x), "artists"],
    ["labels.get(id)", (c: Discogs, x: number) => c.labels.get(x), "labels"],
    ["lists.get(id)", (c: Discogs, x: number) => c.lists.get(x), "lists"],
    [
      "marketplace.listings.get(id)",
      (c: Discogs, x: number) => c.marketplace.listings.get(x),
      "marketplace/listings",
    ],
    [
      "marketplace.listings.delete(id)",
      (c: Discogs, x: number) => c.marketplace.listings.delete(x),
      "marketplace/listings",
    ],
    ["exports.get(id)", (c: Discogs, x: number) => c.exports.get(x), "inventory/export"],
    ["uploads.get(id)", (c: Discogs, x: number) => c.uploads.get(x), "inventory/upload"],
  ] as const) {
    add(
      spec({
        name,
        valid,
        call: (c, a) => get(c, a.id as number),
        wire: (a) => ({ method: name.includes("delete") ? "DELETE" : "GET", path: `/${p}/${idText(a.id)}` }),
        invalid: { id: breaking(valid, "id", badId) },
      }),
    );
  }
}
{
  const valid = fc.record({
    id,
    params: opt(
      fc.record({
        per_page: opt(perPage),
        sort: opt(enumOf(MASTER_VERSION_SORTS)),
        sort_order: opt(enumOf(["asc", "desc"] as const)),
        format: opt(text),
        label: opt(text),
        released: opt(fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.stringMatching(/^\d{4}$/))),
        country: opt(text),
      }),
    ),
  });
  const withParam = (key: string, bad: fc.Arbitrary<unknown>) =>
    fc.tuple(valid, bad).map(([a, b]) => ({ ...a, params: { [key]: b } as never }));
  add(
    spec({
      name: "masters.get(id).versions.list(params)",
      valid,
      call: (c, a) => c.masters.get(a.id as number).versions.list(a.params),
      wire: (a) => ({
        method: "GET",
        path: `/masters/${idText(a.id)}/versions`,
        query: {
          ...sortQuery(a.params),
          ...defined({
            format: a.params?.format,
            label: a.params?.label,
            released: a.params?.released,
            country: a.params?.country,
          }),
        },
      }),
      invalid: {
        ...sortInvalid(valid, MASTER_VERSION_SORTS),
        format: withParam("format", notString),
        label: withParam("label", notString),
        country: withParam("country", notString),
        released: withParam("released", fc.constantFrom<unknown>(1.5, NaN, null, true, {}, [])),
      },
    }),
  );
}
{
  const valid = fc.record({ id, params: opt(sortable(ARTIST_RELEASE_SORTS)) });
  add(
    spec({
      name: "artists.get(id).releases.list(params)",
      valid,
      call: (c, a) => c.artists.get(a.id as number).releases.list(a.params),
      wire: (a) => ({ method: "GET", path: `/artists/${idText(a.id)}/releases`, query: sortQuery(a.params) }),
      invalid: sortInvalid(valid, ARTIST_RELEASE_SORTS),
    }),
    pagedList(
      "labels.get(id).releases.list(params)",
      (x) => `/labels/${idText(x)}/releases`,
      (c, x, p) => c.labels.get(x).releases.list(p as never),
    ),
  );
}
{
  const STRING_FILTERS = [
    "title",
    "release_title",
    "credit",
    "artist",
    "anv",
    "label",
    "genre",
    "style",
    "country",
    "format",
    "catno",
    "barcode",
    "track",
    "submitter",
    "contributor",
  ] as const;
  const filters: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const k of STRING_FILTERS) filters[k] = opt(text);
  const valid = fc.record({
    query: opt(text),
    type: opt(enumOf(SEARCH_TYPES)),
    year: opt(fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.stringMatching(/^\d{4}$/))),
    per_page: opt(perPage),
    ...filters,
  });
  const breakKey = (key: string, bad: fc.Arbitrary<unknown>) =>
    fc.tuple(valid, bad).map(([a, b]) => ({ ...a, [key]: b }));
  const invalid: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
    query: breakKey("query", notString),
    type: breakKey("type", badEnum(SEARCH_TYPES)),
    year: breakKey("year", fc.constantFrom<unknown>(1.5, NaN, null, true, {}, [])),
    per_page: breakKey("per_page", badPerPage),
  };
  for (const k of STRING_FILTERS) invalid[k] = breakKey(k, notString);
  add(
    spec({
      name: "search(params)",
      valid,
      call: (c, a) => c.search(a as never),
      wire: (a) => {
        const { query, per_page, ...rest } = a;
        return {
          method: "GET",
          path: "/database/search",
          query: { ...paging(per_page), ...defined({ q: query, ...rest }) },
        };
      },
      invalid: { ...invalid, params: badParams as fc.Arbitrary<never> },
    }),
  );
}

// --- marketplace
{
  add(
    spec({
      name: "marketplace.listings.create(fields)",
      valid: listingFields,
      call: (c, a) => c.marketplace.listings.create(a as never),
      wire: (a) => ({
        method: "POST",
        path: "/marketplace/listings",
        json: { ...listingBody(a), status: a.status ?? "For Sale" },
      }),
      invalid: {
        ...listingInvalid(listingFields),
        params: badParams as fc.Arbitrary<never>,
        ...Object.fromEntries(
          (["release_id", "condition", "price"] as const).map((k) => [
            k + " (missing)",
            listingFields.map((f) => ({ ...f, [k]: undefined })),
          ]),
        ),
      },
    }),
  );
  const full = fc.record({ id, fields: listingFields });
  add(
    spec({
      name: "marketplace.listings.update(id, fields) with release_id, condition and price",
      valid: full,
      call: (c, a) => c.marketplace.listings.update(a.id as number, a.fields as never),
      wire: (a) => ({
        method: "POST",
        path: `/marketplace/listings/${idText(a.id)}`,
        json: listingBody(a.fields),
      }),
      invalid: {
        id: breaking(full, "id", badId),
        params: fc.tuple(full, badParams).map(([a, b]) => ({ ...a, fields: b as never })),
        ...Object.fromEntries(
          Object.entries(listingInvalid(listingFields)).map(([k, arb]) => [
            k,
            fc.tuple(id, arb).map(([i, f]) => ({ id: i, fields: f })),
          ]),
        ),
      },
    }),
  );
  const partial = fc.record({ id, price });
  add(
    spec({
      name: "marketplace.listings.update(id, { price }) reads the listing, then edits",
      valid: partial,
      call: (c, a) => c.marketplace.listings.update(a.id as number, { price: a.price }),
      wire: (a) => [
        { method: "GET", path: `/marketplace/listings/${idText(a.id)}` },
        { method: "POST", path: `/marketplace/listings/${idText(a.id)}`, json: { price: a.price } },
      ],
      invalid: {
        price: breaking(
          partial,
          "price",
          badPrice.filter((v) => v !== undefined),
        ),
      },
    }),
  );
}
{
  const valid = fc.record({
    status: opt(enumOf(ORDER_FILTER_STATUSES)),
    created_after: opt(fc.oneof(isoDate, isoDate.map(iso))),
    created_before: opt(fc.oneof(isoDate, isoDate.map(iso))),
    archived: opt(fc.boolean()),
    per_page: opt(perPage),
    sort: opt(enumOf(ORDER_SORTS)),
    sort_order: opt(enumOf(["asc", "desc"] as const)),
  });
  const breakKey = (key: string, bad: fc.Arbitrary<unknown>) =>
    fc.tuple(valid, bad).map(([a, b]) => ({ ...a, [key]: b }));
  const badTime = fc.constantFrom<unknown>("", "  ", new Date(NaN), 1_700_000_000, null, true, {});
  add(
    spec({
      name: "marketplace.orders.list(params)",
      valid,
      call: (c, a) => c.marketplace.orders.list(a as never),
      wire: (a) => ({
        method: "GET",
        path: "/marketplace/orders",
        query: {
          ...sortQuery(a),
          ...defined({
            status: a.status,
            created_after: a.created_after instanceof Date ? iso(a.created_after) : a.created_after,
            created_before: a.created_before instanceof Date ? iso(a.created_before) : a.created_before,
            archived: a.archived,
          }),
        },
      }),
      invalid: {
        params: badParams as fc.Arbitrary<never>,
        status: breakKey("status", badEnum(ORDER_FILTER_STATUSES)),
        created_after: breakKey("created_after", badTime),
        created_before: breakKey("created_before", badTime),
        archived: breakKey("archived", notBoolean),
        per_page: breakKey("per_page", badPerPage),
        sort: breakKey("sort", badEnum(ORDER_SORTS)),
        sort_order: breakKey("sort_order", badEnum(["asc", "desc"])),
      },
    }),
  );
}
{
  const valid = fc.record({ id: orderId });
  add(
    spec({
      name: "marketplace.orders.get(id)",
      valid,
      call: (c, a) => c.marketplace.orders.get(a.id),
      wire: (a) => ({ method: "GET", path: `/marketplace/orders/${a.id}` }),
      invalid: { id: breaking(valid, "id", badOrderId) },
    }),
  );
  const update = fc.record({
    id: orderId,
    change: fc.oneof(
      enumOf(ORDER_STATUSES).map((status) => ({ status })),
      fc.double({ min: 0, max: 10_000, noNaN: true }).map((shipping) => ({ shipping })),
    ),
  });
  const breakChange = (bad: fc.Arbitrary<unknown>) =>
    fc.tuple(update, bad).map(([a, b]) => ({ ...a, change: b as never }));
  add(
    spec({
      name: "marketplace.orders.update(id, { status } | { shipping })",
      valid: update,
      call: (c, a) => c.marketplace.orders.update(a.id, a.change),
      wire: (a) => ({ method: "POST", path: `/marketplace/orders/${a.id}`, json: a.change }),
      invalid: {
        id: breaking(update, "id", badOrderId),
        params: breakChange(badParams),
        status: breakChange(badEnum(ORDER_STATUSES).map((status) => ({ status }))),
        shipping: breakChange(
          fc.constantFrom<unknown>(-1, -0.01, NaN, Infinity, "5", null).map((shipping) => ({ shipping })),
        ),
        "status or shipping (both)": breakChange(fc.constant({ status: "Shipped", shipping: 5 })),
        "status or shipping (neither)": breakChange(fc.constant({})),
      },
    }),
  );
  const messages = fc.record({ id: orderId, params: opt(pageOnly) });
  add(
    spec({
      name: "marketplace.orders.get(id).messages.list(params)",
      valid: messages,
      call: (c, a) => c.marketplace.orders.get(a.id).messages.list(a.params),
      wire: (a) => ({
        method: "GET",
        path: `/marketplace/orders/${a.id}/messages`,
        query: paging(a.params?.per_page),
      }),
      invalid: {
        id: breaking(messages, "id", badOrderId),
        params: breaking(messages, "params", badParams),
        per_page: fc
          .tuple(messages, badPerPage)
          .map(([a, b]) => ({ ...a, params: { per_page: b } as never })),
      },
    }),
  );
  const message = fc.record({
    id: orderId,
    body: fc.oneof(
      fc.record({ message: text }),
      fc.record({ status: enumOf(ORDER_STATUSES) }),
      fc.record({ message: text, status: enumOf(ORDER_STATUSES) }),
    ),
  });
  const breakBody = (bad: fc.Arbitrary<unknown>) =>
    fc.tuple(message, bad).map(([a, b]) => ({ ...a, body: b as never }));
  add(
    spec({
      name: "marketplace.orders.get(id).messages.create({ message, status })",
      valid: message,
      call: (c, a) => c.marketplace.orders.get(a.id).messages.create(a.body),
      wire: (a) => ({ method: "POST", path: `/marketplace/orders/${a.id}/messages`, json: a.body }),
      invalid: {
        params: breakBody(badParams),
        message: breakBody(notString.map((m) => ({ message: m }))),
        status: breakBody(badEnum(ORDER_STATUSES).map((s) => ({ status: s }))),
        "message, status or both": breakBody(fc.constant({})),
      },
    }),
  );
}
{
  const valid = fc.record({ price, currency: opt(enumOf(CURRENCIES)) });
  add(
    spec({
      name: "marketplace.fee.get({ price, currency })",
      valid,
      call: (c, a) => c.marketplace.fee.get(a),
      wire: (a) => ({
        method: "GET",
        path: `/marketplace/fee/${a.price.toFixed(2)}${a.currency === undefined ? "" : `/${a.currency}`}`,
      }),
      invalid: {
        params: badParams as fc.Arbitrary<never>,
        price: breaking(valid, "price", fc.oneof(badPrice, fc.constant(undefined))),
        currency: breaking(valid, "currency", badEnum(CURRENCIES)),
      },
    }),
  );
}

{
  // Any positive number either goes into the path as <digits>.<2 digits> (not 0.00) or is refused.
  add(
    spec({
      name: "marketplace.fee.get({ price }) over every positive number",
      valid: fc.constantFrom(0.01, 0.015, 1, 25, 99.999, 1_000_000).map((p) => ({ price: p })),
      call: (c, a) => c.marketplace.fee.get(a),
      wire: (a) => ({ method: "GET", path: `/marketplace/fee/${a.price.toFixed(2)}` }),
      invalid: {
        price: fc
          .oneof(
            fc.double({ min: Number.MIN_VALUE, max: 0.0049, noNaN: true }),
            fc.double({ min: 1e14, max: Number.MAX_VALUE, noNaN: true }),
          )
          .map((p) => ({ price: p })),
      },
    }),
  );
}

// --- inventory
{
  add(
    spec({
      name: "exports.request()",
      valid: fc.constant(null),
      call: (c) => c.exports.request(),
      wire: () => ({ method: "POST", path: "/inventory/export" }),
      invalid: {},
    }),
  );
  for (const [name, list, p] of [
    ["exports.list(params)", (c: Discogs, x: unknown) => c.exports.list(x as never), "/inventory/export"],
    ["uploads.list(params)", (c: Discogs, x: unknown) => c.uploads.list(x as never), "/inventory/upload"],
  ] as const) {
    const valid = opt(pageOnly);
    add(
      spec({
        name,
        valid,
        call: (c, a) => list(c, a),
        wire: (a) => ({ method: "GET", path: p, query: paging(a?.per_page) }),
        invalid: {
          params: badParams as fc.Arbitrary<never>,
          per_page: badPerPage.map((b) => ({ per_page: b }) as never),
        },
      }),
    );
  }
  const download = fc.record({ id, as: opt(enumOf(["text", "bytes", "stream"] as const)) });
  add(
    spec({
      name: "exports.download(id, { as })",
      valid: download,
      call: (c, a) => c.exports.download(a.id as number, { as: a.as } as never),
      wire: (a) => ({ method: "GET", path: `/inventory/export/${idText(a.id)}/download` }),
      invalid: {
        id: breaking(download, "id", badId),
        as: breaking(download, "as", badEnum(["text", "bytes", "stream"])),
      },
    }),
  );
  // The CSV as text, bytes or a Blob; `text` is what the multipart file field must hold.
  const csv = csvText.chain((t) =>
    fc
      .constantFrom<unknown>(t, new TextEncoder().encode(t), new Blob([t]))
      .map((input) => ({ input, text: t })),
  );
  for (const kind of ["create", "change", "delete"] as const) {
    const endpoint = kind === "create" ? "add" : kind;
    add(
      spec({
        name: `uploads.${kind}(csv)`,
        valid: csv,
        call: (c, a) => c.uploads[kind](a.input as never),
        wire: (a) => ({ method: "POST", path: `/inventory/upload/${endpoint}`, upload: a.text }),
        invalid: { csv: badCsv.map((input) => ({ input, text: "" })) },
      }),
    );
  }
}

// --- users
{
  const valid = fc.record({ u: username });
  add(
    spec({
      name: "users.get(username)",
      valid,
      call: (c, a) => c.users.get(a.u),
      wire: (a) => ({ method: "GET", path: `/users/${seg(a.u)}` }),
      invalid: { username: breaking(valid, "u", badUsername) },
    }),
  );
  const sub = (name: string, path: string, call: (c: Discogs, u: string) => unknown) =>
    spec({
      name,
      valid,
      call: (c, a) => call(c, a.u),
      wire: (a) => ({ method: "GET", path: `/users/${seg(a.u)}${path}` }),
      invalid: { username: breaking(valid, "u", badUsername) },
    });
  add(
    sub("users.get(u).collection.folders.list()", "/collection/folders", (c, u) =>
      c.users.get(u).collection.folders.list(),
    ),
    sub("users.get(u).collection.fields.list()", "/collection/fields", (c, u) =>
      c.users.get(u).collection.fields.list(),
    ),
    sub("users.get(u).collection.value.get()", "/collection/value", (c, u) =>
      c.users.get(u).collection.value.get(),
    ),
  );
  const profile = fc
    .record({
      name: opt(text),
      home_page: opt(text),
      location: opt(text),
      profile: opt(text),
      curr_abbr: opt(enumOf(CURRENCIES)),
    })
    .filter((p) => Object.values(p).some((v) => v !== undefined));
  const update = fc.record({ u: username, params: profile });
  const breakField = (key: string, bad: fc.Arbitrary<unknown>) =>
    fc.tuple(update, bad).map(([a, b]) => ({ ...a, params: { ...a.params, [key]: b } }));
  add(
    spec({
      name: "users.get(u).update(params)",
      valid: update,
      call: (c, a) => c.users.get(a.u).update(a.params),
      wire: (a) => ({ method: "POST", path: `/users/${seg(a.u)}`, json: a.params }),
      invalid: {
        params: breaking(update, "params", badParams as fc.Arbitrary<never>),
        "params (nothing to set)": update.map((a) => ({ ...a, params: {} })),
        name: breakField("name", notString),
        home_page: breakField("home_page", notString),
        location: breakField("location", notString),
        profile: breakField("profile", notString),
        curr_abbr: breakField("curr_abbr", badEnum(CURRENCIES)),
      },
    }),
  );

  const paged = (name: string, path: string, call: (c: Discogs, u: string, p: unknown) => unknown) => {
    const v = fc.record({ u: username, params: opt(pageOnly) });
    return spec({
      name,
      valid: v,
      call: (c, a) => call(c, a.u, a.params),
      wire: (a) => ({ method: "GET", path: `/users/${seg(a.u)}${path}`, query: paging(a.params?.per_page) }),
      invalid: {
        username: breaking(v, "u", badUsername),
        params: breaking(v, "params", badParams),
        per_page: fc.tuple(v, badPerPage).map(([a, b]) => ({ ...a, params: { per_page: b } as never })),
      },
    });
  };
  add(
    paged("users.get(u).submissions.list(params)", "/submissions", (c, u, p) =>
      c.users.get(u).submissions.list(p as never),
    ),
    paged("users.get(u).lists.list(params)", "/lists", (c, u, p) => c.users.get(u).lists.list(p as never)),
    paged("users.get(u).wantlist.list(params)", "/wants", (c, u, p) =>
      c.users.get(u).wantlist.list(p as never),
    ),
  );
  const sorted = <S extends string>(
    name: string,
    path: string,
    sorts: readonly S[],
    call: (c: Discogs, u: string, p: unknown) => unknown,
    extra?: { key: string; values: readonly string[] },
  ) => {
    const v = fc.record({
      u: username,
      params: opt(
        fc.record({
          per_page: opt(perPage),
          sort: opt(enumOf(sorts)),
          sort_order: opt(enumOf(["asc", "desc"] as const)),
          ...(extra ? { [extra.key]: opt(enumOf(extra.values)) } : {}),
        }),
      ),
    });
    const invalid: Record<string, fc.Arbitrary<unknown>> = {
      username: breaking(v, "u", badUsername),
      ...sortInvalid(v, sorts),
    };
    if (extra)
      invalid[extra.key] = fc
        .tuple(v, badEnum(extra.values))
        .map(([a, b]) => ({ ...a, params: { [extra.key]: b } }));
    return spec({
      name,
      valid: v,
      call: (c, a) => call(c, a.u, a.params),
      wire: (a) => ({
        method: "GET",
        path: `/users/${seg(a.u)}${path}`,
        query: {
          ...sortQuery(a.params),
          ...(extra
            ? defined({ [extra.key]: (a.params as Record<string, unknown> | undefined)?.[extra.key] })
            : {}),
        },
      }),
      invalid: invalid as Record<string, fc.Arbitrary<typeof v extends fc.Arbitrary<infer T> ? T : never>>,
    });
  };
  add(
    sorted(
      "users.get(u).contributions.list(params)",
      "/contributions",
      ["label", "artist", "title", "catno", "format", "rating", "year", "added"],
      (c, u, p) => c.users.get(u).contributions.list(p as never),
    ),
    sorted(
      "users.get(u).inventory.list(params)",
      "/inventory",
      INVENTORY_SORTS,
      (c, u, p) => c.users.get(u).inventory.list(p as never),
      {
        key: "status",
        values: INVENTORY_STATUSES,
      },
    ),
    sorted(
      "inventoryPaginator(client, username, params)",
      "/inventory",
      INVENTORY_SORTS,
      (c, u, p) => inventoryPaginator(c, u, p as never),
      {
        key: "status",
        values: INVENTORY_STATUSES,
      },
    ),
  );

  // wantlist
  const want = fc.record({ u: username, release_id: id, notes: opt(text), rating: opt(rating05) });
  add(
    spec({
      name: "users.get(u).wantlist.create({ release_id, notes, rating })",
      valid: want,
      call: (c, a) =>
        c.users
          .get(a.u)
          .wantlist.create({ release_id: a.release_id as number, notes: a.notes, rating: a.rating }),
      wire: (a) => ({
        method: "PUT",
        path: `/users/${seg(a.u)}/wants/${idText(a.release_id)}`,
        json: { notes: a.notes, rating: a.rating },
      }),
      invalid: {
        username: breaking(want, "u", badUsername),
        release_id: breaking(want, "release_id", badId),
        notes: breaking(want, "notes", notString),
        rating: breaking(want, "rating", badRating(0)),
      },
    }),
  );
  const wantUpdate = want.filter((a) => a.notes !== undefined || a.rating !== undefined);
  add(
    spec({
      name: "users.get(u).wantlist.update(releaseId, { notes, rating })",
      valid: wantUpdate,
      call: (c, a) =>
        c.users.get(a.u).wantlist.update(a.release_id as number, { notes: a.notes, rating: a.rating }),
      wire: (a) => ({
        method: "POST",
        path: `/users/${seg(a.u)}/wants/${idText(a.release_id)}`,
        json: { notes: a.notes, rating: a.rating },
      }),
      invalid: {
        releaseId: breaking(wantUpdate, "release_id", badId),
        notes: breaking(wantUpdate, "notes", notString),
        rating: breaking(wantUpdate, "rating", badRating(0)),
        "params (nothing to set)": want.map((a) => ({ ...a, notes: undefined, rating: undefined })),
      },
    }),
    spec({
      name: "users.get(u).wantlist.delete(releaseId)",
      valid: want,
      call: (c, a) => c.users.get(a.u).wantlist.delete(a.release_id as number),
      wire: (a) => ({ method: "DELETE", path: `/users/${seg(a.u)}/wants/${idText(a.release_id)}` }),
      invalid: { releaseId: breaking(want, "release_id", badId) },
    }),
  );

  // collection
  const folderName = fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 20 })
    .filter((s) => s.trim() !== "");
  const badName = fc.constantFrom<unknown>("", "  ", "\n", undefined, null, 5, {}, []);
  const folder = fc.record({ u: username, name: folderName });
  add(
    spec({
      name: "users.get(u).collection.folders.create({ name })",
      valid: folder,
      call: (c, a) => c.users.get(a.u).collection.folders.create({ name: a.name }),
      wire: (a) => ({
        method: "POST",
        path: `/users/${seg(a.u)}/collection/folders`,
        json: { name: a.name },
      }),
      invalid: { name: breaking(folder, "name", badName) },
    }),
  );
  const editable = fc.record({
    u: username,
    id: fc.integer({ min: 2, max: Number.MAX_SAFE_INTEGER }),
    name: folderName,
  });
  add(
    spec({
      name: "users.get(u).collection.folders.update(id, { name })",
      valid: editable,
      call: (c, a) => c.users.get(a.u).collection.folders.update(a.id, { name: a.name }),
      wire: (a) => ({
        method: "POST",
        path: `/users/${seg(a.u)}/collection/folders/${a.id}`,
        json: { name: a.name },
      }),
      invalid: {
        id: breaking(editable, "id", fc.oneof(badFolderId, fc.constantFrom<unknown>(0, 1, "0", "1"))),
        name: breaking(editable, "name", badName),
      },
    }),
    spec({
      name: "users.get(u).collection.folders.delete(id)",
      valid: editable,
      call: (c, a) => c.users.get(a.u).collection.folders.delete(a.id),
      wire: (a) => ({ method: "DELETE", path: `/users/${seg(a.u)}/collection/folders/${a.id}` }),
      invalid: {
        id: breaking(editable, "id", fc.oneof(badFolderId, fc.constantFrom<unknown>(0, 1, "0", "1"))),
      },
    }),
  );
  const inFolder = fc.record({ u: username, f: folderId });
  add(
    spec({
      name: "users.get(u).collection.folders.get(id)",
      valid: inFolder,
      call: (c, a) => c.users.get(a.u).collection.folders.get(a.f as number),
      wire: (a) => ({ method: "GET", path: `/users/${seg(a.u)}/collection/folders/${idText(a.f)}` }),
      invalid: { id: breaking(inFolder, "f", badFolderId) },
    }),
  );
  const folderList = fc.record({
    u: username,
    f: folderId,
    params: opt(sortable(["label", "artist", "title", "catno", "format", "rating", "added", "year"])),
  });
  add(
    spec({
      name: "users.get(u).collection.folders.get(id).releases.list(params)",
      valid: folderList,
      call: (c, a) =>
        c.users
          .get(a.u)
          .collection.folders.get(a.f as number)
          .releases.list(a.params),
      wire: (a) => ({
        method: "GET",
        path: `/users/${seg(a.u)}/collection/folders/${idText(a.f)}/releases`,
        query: sortQuery(a.params),
      }),
      invalid: sortInvalid(folderList, [
        "label",
        "artist",
        "title",
        "catno",
        "format",
        "rating",
        "added",
        "year",
      ]),
    }),
  );
  const addRelease = fc.record({ u: username, f: id, release_id: id });
  add(
    spec({
      name: "users.get(u).collection.folders.get(id).releases.create({ release_id })",
      valid: addRelease,
      call: (c, a) =>
        c.users
          .get(a.u)
          .collection.folders.get(a.f as number)
          .releases.create({ release_id: a.release_id as number }),
      wire: (a) => ({
        method: "POST",
        path: `/users/${seg(a.u)}/collection/folders/${idText(a.f)}/releases/${idText(a.release_id)}`,
      }),
      invalid: {
        release_id: breaking(addRelease, "release_id", badId),
        folder_id: fc.tuple(addRelease, fc.constantFrom(0, "0")).map(([a, f]) => ({ ...a, f })),
      },
    }),
  );
  const instance = fc.record({
    u: username,
    f: folderId,
    r: id,
    i: id,
    rating: opt(rating05),
    folder_id: opt(id),
  });
  const instanceUpdate = instance.filter((a) => a.rating !== undefined || a.folder_id !== undefined);
  const instancePath = (a: { u: string; f: number | string; r: number | string; i: number | string }) =>
    `/users/${seg(a.u)}/collection/folders/${idText(a.f)}/releases/${idText(a.r)}/instances/${idText(a.i)}`;
  add(
    spec({
      name: "...folders.get(f).releases.get(r).instances.update(i, { rating, folder_id })",
      valid: instanceUpdate,
      call: (c, a) =>
        c.users
          .get(a.u)
          .collection.folders.get(a.f as number)
          .releases.get(a.r as number)
          .instances.update(a.i as number, {
            rating: a.rating,
            folder_id: a.folder_id as number | undefined,
          }),
      wire: (a) => ({
        method: "POST",
        path: instancePath(a),
        json: { rating: a.rating, folder_id: a.folder_id === undefined ? undefined : Number(a.folder_id) },
      }),
      invalid: {
        releaseId: breaking(instanceUpdate, "r", badId),
        instanceId: breaking(instanceUpdate, "i", badId),
        rating: breaking(instanceUpdate, "rating", badRating(0)),
        folder_id: breaking(
          instanceUpdate,
          "folder_id",
          badId.filter((v) => v !== undefined),
        ),
        "params (nothing to set)": instance.map((a) => ({ ...a, rating: undefined, folder_id: undefined })),
      },
    }),
    spec({
      name: "...folders.get(f).releases.get(r).instances.delete(i)",
      valid: instance,
      call: (c, a) =>
        c.users
          .get(a.u)
          .collection.folders.get(a.f as number)
          .releases.get(a.r as number)
          .instances.delete(a.i as number),
      wire: (a) => ({ method: "DELETE", path: instancePath(a) }),
      invalid: { instanceId: breaking(instance, "i", badId) },
    }),
  );
  const field = fc.record({
    u: username,
    f: folderId,
    r: id,
    i: id,
    field_id: id,
    value: fc.string({ unit: "grapheme", maxLength: 30 }),
  });
  add(
    spec({
      name: "...instances.get(i).fields.update({ field_id, value })",
      valid: field,
      call: (c, a) =>
        c.users
          .get(a.u)
          .collection.folders.get(a.f as number)
          .releases.get(a.r as number)
          .instances.get(a.i as number)
          .fields.update({ field_id: a.field_id as number, value: a.value }),
      wire: (a) => ({
        method: "POST",
        path: `${instancePath(a)}/fields/${idText(a.field_id)}`,
        json: { value: a.value },
      }),
      invalid: {
        instanceId: breaking(field, "i", badId),
        field_id: breaking(field, "field_id", badId),
        value: breaking(field, "value", fc.oneof(notString, fc.constant(undefined))),
      },
    }),
  );
  const byRelease = fc.record({ u: username, r: id, params: opt(pageOnly) });
  add(
    spec({
      name: "users.get(u).collection.releases.get(r).list(params)",
      valid: byRelease,
      call: (c, a) =>
        c.users
          .get(a.u)
          .collection.releases.get(a.r as number)
          .list(a.params),
      wire: (a) => ({
        method: "GET",
        path: `/users/${seg(a.u)}/collection/releases/${idText(a.r)}`,
        query: paging(a.params?.per_page),
      }),
      invalid: {
        releaseId: breaking(byRelease, "r", badId),
        per_page: fc
          .tuple(byRelease, badPerPage)
          .map(([a, b]) => ({ ...a, params: { per_page: b } as never })),
      },
    }),
  );
}
add(
  spec({
    name: "user.identity()",
    valid: fc.constant(null),
    call: (c) => c.user.identity(),
    wire: () => ({ method: "GET", path: "/oauth/identity" }),
    invalid: {},
  }),
);

// ---------------------------------------------------------------------------------------------------------

let emu: Emulator;
/** A client whose fetch records and forwards to the emulator: invalid input must leave both empty. */
let guarded: { client: Discogs; calls: WireRequest[] };

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  const { fetch, calls } = recordingFetch(true);
  guarded = {
    client: new Discogs({ baseUrl: emu.url, token: "tok-bad-input", fetch, rateLimit: false, maxRetries: 0 }),
    calls,
  };
});
afterAll(async () => {
  await guarded.client.close();
  await emu.close();
});

/** Asserts that `fn` fails with a TypeError naming `arg`, and that nothing was sent. */
async function expectRejected(arg: string, fn: () => unknown, input: unknown): Promise<void> {
  guarded.calls.length = 0;
  emu.clearRequests();
  const error = await failure(fn);
  const name = arg.replace(/ \(.*\)$/, "").split(",")[0]!;
  expect(error, `no error for ${arg} = ${show(input)}`).toBeInstanceOf(TypeError);
  expect((error as Error).message, `${arg} = ${show(input)}`).toContain(name);
  expect(guarded.calls, `request sent for ${arg} = ${show(input)}`).toEqual([]);
  expect(emu.requests).toEqual([]);
}

function show(v: unknown): string {
  try {
    return typeof v === "bigint" ? `${v}n` : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}

describe.each(SPECS.map((s) => [s.name, s] as const))("%s", (_name, s) => {
  it("valid input: exactly the expected wire request", async () => {
    await fc.assert(
      fc.asyncProperty(s.valid, async (a) => {
        const { client, calls } = wireClient();
        await drive(s.call(client, a));
        const expected = ([] as ExpectedRequest[]).concat(s.wire(a));
        expect(calls.length, `requests for ${show(a)}`).toBe(expected.length);
        for (const [i, e] of expected.entries()) {
          const diff = await compareRequest(calls[i], e);
          expect(diff, `${show(a)}`).toBeUndefined();
        }
        await client.close();
      }),
      run,
    );
  });
  for (const [arg, arb] of Object.entries(s.invalid)) {
    it(`invalid ${arg}: TypeError naming it, nothing sent`, async () => {
      await fc.assert(
        fc.asyncProperty(arb, async (a) => {
          await expectRejected(arg, () => s.call(guarded.client, a), a);
        }),
        run,
      );
    });
  }
});

describe("per-request options (the last argument of every method)", () => {
  const calls: [string, (c: Discogs, o: unknown) => unknown][] = [
    ["lazy get", (c, o) => c.releases.get(352665, undefined, o as never)],
    ["paginator", (c, o) => c.users.get("example").wantlist.list(undefined, o as never)],
    [
      "POST create",
      (c, o) => c.marketplace.listings.create({ release_id: 1, condition: "Mint (M)", price: 1 }, o as never),
    ],
    ["DELETE", (c, o) => c.users.get("example").wantlist.delete(1, o as never)],
    ["download", (c, o) => c.exports.download(1, undefined, o as never)],
  ];
  const bad: [string, fc.Arbitrary<unknown>][] = [
    ["options", fc.constantFrom<unknown>(null, 5, "x", [])],
    ["timeout", fc.constantFrom<unknown>(0, -1, NaN, Infinity, "100", null).map((timeout) => ({ timeout }))],
    [
      "maxRetries",
      fc.constantFrom<unknown>(-1, 1.5, NaN, Infinity, "3", null).map((maxRetries) => ({ maxRetries })),
    ],
    ["signal", fc.constantFrom<unknown>("x", 1, {}, null).map((signal) => ({ signal }))],
    ["headers", fc.constantFrom<unknown>("x", 1, null, [], { "X-A": 1 }).map((headers) => ({ headers }))],
    ["cache", fc.constantFrom<unknown>("no", 0, null).map((cache) => ({ cache }))],
  ];
  it.each(bad)("invalid %s: TypeError naming it, nothing sent", async (arg, arb) => {
    await fc.assert(
      fc.asyncProperty(arb, fc.constantFrom(...calls), async (o, [, call]) => {
        await expectRejected(arg, () => call(guarded.client, o), o);
      }),
      { numRuns: Math.min(RUNS, 30) },
    );
  });
  it("valid options change nothing on the wire but the extra headers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          timeout: opt(fc.integer({ min: 1, max: 60_000 })),
          maxRetries: opt(fc.integer({ min: 0, max: 5 })),
          headers: opt(
            fc.dictionary(
              fc.stringMatching(/^x-[a-z]{1,8}$/),
              fc.stringMatching(/^[ -~]{0,10}$/).map((s) => s.trim()),
            ),
          ),
          cache: opt(fc.boolean()),
          signal: opt(fc.constant(new AbortController().signal)),
        }),
        async (o) => {
          const { client, calls } = wireClient();
          await drive(client.releases.get(352665, undefined, o));
          expect(calls).toHaveLength(1);
          expect(await compareRequest(calls[0], { method: "GET", path: "/releases/352665" })).toBeUndefined();
          for (const [k, v] of Object.entries(o.headers ?? {})) expect(calls[0]!.headers.get(k)).toBe(v);
          await client.close();
        },
      ),
      run,
    );
  });
});

describe("Paginator.toArray({ limit })", () => {
  it("invalid limit: TypeError naming it, nothing sent", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<unknown>(undefined, null, -1, 1.5, NaN, Infinity, "5", {}, []),
        async (limit) => {
          await expectRejected(
            "limit",
            () =>
              guarded.client.users
                .get("example")
                .wantlist.list()
                .toArray({ limit } as never),
            limit,
          );
        },
      ),
    );
  });
});

describe("the client's options", () => {
  const bad: [string, fc.Arbitrary<Record<string, unknown>>][] = [
    // (null, like undefined, means the default for these options; for credentials it means "none")
    [
      "baseUrl",
      fc.constantFrom<unknown>("", "api.discogs.com", "ftp://x", "//x", 5).map((baseUrl) => ({ baseUrl })),
    ],
    ["timeout", fc.constantFrom<unknown>(0, -1, NaN, Infinity, "5").map((timeout) => ({ timeout }))],
    [
      "maxRetries",
      fc.constantFrom<unknown>(-1, 1.5, NaN, "3", Infinity).map((maxRetries) => ({ maxRetries })),
    ],
    [
      "retry.baseDelayMs",
      fc.constantFrom<unknown>(0, -1, NaN, "5").map((baseDelayMs) => ({ retry: { baseDelayMs } })),
    ],
    [
      "retry.maxDelayMs",
      fc.constantFrom<unknown>(0, -1, NaN, "5").map((maxDelayMs) => ({ retry: { maxDelayMs } })),
    ],
    ["userAgent", fc.constantFrom<unknown>("", "  ", 5, {}).map((userAgent) => ({ userAgent }))],
    ["mediaType", fc.constantFrom<unknown>("json", "HTML", 1).map((mediaType) => ({ mediaType }))],
    ["validation", fc.constantFrom<unknown>("lenient", true, 1).map((validation) => ({ validation }))],
    ["fetch", fc.constantFrom<unknown>("fetch", 1, {}).map((fetch) => ({ fetch }))],
    ["rateLimit", fc.constantFrom<unknown>("yes", 1).map((rateLimit) => ({ rateLimit }))],
    ["cacheTtl", fc.constantFrom<unknown>(0, -1, NaN, Infinity, "60").map((cacheTtl) => ({ cacheTtl }))],
    ["cache", fc.constantFrom<unknown>("memory", 1, { get() {} }).map((cache) => ({ cache }))],
    ["token", fc.constantFrom<unknown>("", "  ", 5).map((token) => ({ token }))],
    ["consumerSecret", fc.constant({ token: null, consumerKey: "k", consumerSecret: null })],
    [
      "accessTokenSecret",
      fc.constant({ consumerKey: "k", consumerSecret: "s", accessToken: "t", accessTokenSecret: null }),
    ],
    [
      "oauthSignatureMethod",
      fc
        .constantFrom<unknown>("RSA-SHA1", "hmac-sha1")
        .map((oauthSignatureMethod) => ({ oauthSignatureMethod })),
    ],
  ];
  it.each(bad)("invalid %s: TypeError naming it", async (arg, arb) => {
    await fc.assert(
      fc.asyncProperty(arb, async (o) => {
        const error = await failure(() => new Discogs({ baseUrl: WIRE_BASE, ...o } as never));
        expect(error, show(o)).toBeInstanceOf(TypeError);
        expect((error as Error).message).toContain(arg.split(".").pop()!);
      }),
    );
  });
});

describe("the OAuth flow helpers", () => {
  const base = { consumerKey: "ck", consumerSecret: "cs" };
  const access = { ...base, requestToken: "rt", requestTokenSecret: "rts", verifier: "v" };
  const missing = fc.constantFrom<unknown>(undefined, null, "", "  ", 5, {});
  it.each(["consumerKey", "consumerSecret"])("getRequestToken: invalid %s, nothing sent", async (arg) => {
    await fc.assert(
      fc.asyncProperty(missing, async (bad) => {
        const { fetch, calls } = recordingFetch();
        const error = await failure(() =>
          getRequestToken({ ...base, [arg]: bad, baseUrl: WIRE_BASE, fetch } as never),
        );
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toContain(arg);
        expect(calls).toEqual([]);
      }),
    );
  });
  it.each(["consumerKey", "consumerSecret", "requestToken", "requestTokenSecret", "verifier"])(
    "getAccessToken: invalid %s, nothing sent",
    async (arg) => {
      await fc.assert(
        fc.asyncProperty(missing, async (bad) => {
          const { fetch, calls } = recordingFetch();
          const error = await failure(() =>
            getAccessToken({ ...access, [arg]: bad, baseUrl: WIRE_BASE, fetch } as never),
          );
          expect(error).toBeInstanceOf(TypeError);
          expect((error as Error).message).toContain(arg);
          expect(calls).toEqual([]);
        }),
      );
    },
  );
  it("invalid callbackUrl, authorizeBaseUrl, signatureMethod: TypeError naming it, nothing sent", async () => {
    for (const [arg, value] of [
      ["callbackUrl", ""],
      ["callbackUrl", 5],
      ["authorizeBaseUrl", "not a url"],
      ["signatureMethod", "RSA-SHA1"],
    ] as const) {
      const { fetch, calls } = recordingFetch();
      const error = await failure(() =>
        getRequestToken({ ...base, [arg]: value, baseUrl: WIRE_BASE, fetch } as never),
      );
      expect(error, `${arg}=${String(value)}`).toBeInstanceOf(TypeError);
      expect((error as Error).message).toContain(arg);
      expect(calls).toEqual([]);
    }
  });
  it("valid: GET /oauth/request_token and POST /oauth/access_token, signed, nothing in the query", async () => {
    const { fetch, calls } = recordingFetch();
    await getRequestToken({ ...base, baseUrl: WIRE_BASE, fetch, callbackUrl: "https://app.example/cb?x=1" });
    await getAccessToken({ ...access, baseUrl: WIRE_BASE, fetch });
    expect(calls.map((c) => `${c.method} ${c.url.pathname}${c.url.search}`)).toEqual([
      "GET /oauth/request_token",
      "POST /oauth/access_token",
    ]);
    expect(calls[0]!.headers.get("authorization")).toMatch(
      /^OAuth .*oauth_callback="https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1"/,
    );
    expect(calls[1]!.headers.get("authorization")).toMatch(/oauth_verifier="v"/);
  });
});

describe("the catalog", () => {
  it("covers every method of every top-level resource", () => {
    const client = new Discogs({ baseUrl: WIRE_BASE, token: null, rateLimit: false });
    const missing: string[] = [];
    const visit = (path: string, obj: object) => {
      for (
        let proto = Object.getPrototypeOf(obj);
        proto && proto !== Object.prototype;
        proto = Object.getPrototypeOf(proto)
      ) {
        for (const name of Object.getOwnPropertyNames(proto)) {
          if (name === "constructor" || typeof (obj as Record<string, unknown>)[name] !== "function")
            continue;
          if (!SPECS.some((s) => s.name.startsWith(`${path}.${name}(`))) missing.push(`${path}.${name}`);
        }
      }
    };
    for (const key of [
      "releases",
      "masters",
      "artists",
      "labels",
      "exports",
      "uploads",
      "users",
      "user",
      "lists",
    ] as const)
      visit(key, client[key]);
    for (const key of ["listings", "orders", "fee"] as const)
      visit(`marketplace.${key}`, client.marketplace[key]);
    expect(missing).toEqual([]);
    expect(SPECS.some((s) => s.name.startsWith("search("))).toBe(true);
  });
});

describe("the catalog covers every declared endpoint", () => {
  it("each endpoint in src/endpoints has an entry above (a sample of its valid input reaches it)", () => {
    const wires: string[] = [];
    for (const s of SPECS) {
      for (const a of fc.sample(s.valid, { numRuns: 10, seed: 1 })) {
        for (const e of ([] as ExpectedRequest[]).concat(s.wire(a))) wires.push(`${e.method} ${e.path}`);
      }
    }
    // The OAuth token functions take an options bag, not params: their bad-input cases are the
    // "getRequestToken: invalid ..." / "getAccessToken: invalid ..." tests above.
    const elsewhere = new Set(["getRequestToken", "getAccessToken"]);
    const missing = ENDPOINTS.filter((ep) => {
      if (elsewhere.has(ep.name)) return false;
      const pattern = ep.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+");
      const re = new RegExp(`^${ep.method} ${pattern}$`);
      return !wires.some((w) => re.test(w));
    }).map((ep) => `${ep.name} (${ep.method} ${ep.path})`);
    expect(missing).toEqual([]);
  });
});
