import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import * as models from "../src/models/index";
import { anyValue, array, object, optional, str, type Shape } from "../src/models/schema";
import {
  ApiRootSchema,
  ArtistCreditSchema,
  ArtistReleaseSchema,
  ArtistSchema,
  CollectionFieldsSchema,
  CollectionFolderSchema,
  CollectionFoldersSchema,
  CollectionInstanceCreatedSchema,
  CollectionItemSchema,
  CollectionValueSchema,
  CommunityRatingSchema,
  CompanySchema,
  ContributionSchema,
  ExportSchema,
  FeeSchema,
  FormatSchema,
  IdentitySchema,
  ImageSchema,
  LabelCreditSchema,
  LabelReleaseSchema,
  LabelSchema,
  ListingCreatedSchema,
  ListingSchema,
  ListSchema,
  ListSummarySchema,
  MarketplaceReleaseStatsSchema,
  MasterSchema,
  MasterVersionSchema,
  OrderMessageSchema,
  OrderSchema,
  OriginalPriceSchema,
  pageSchema,
  PriceSuggestionsSchema,
  ReleaseSchema,
  ReleaseStatsSchema,
  SearchResultSchema,
  SubmissionsPageSchema,
  TrackSchema,
  UploadSchema,
  UserReleaseRatingSchema,
  UserSchema,
  WantSchema,
  type Parser,
  type Release,
  type SchemaIssue,
  type Track,
} from "../src/models/index";

/** Discogs' error body: `{message}`, plus a FastAPI-style `detail` list on some 422s. */
interface ErrorBody {
  message: string;
  detail?: unknown[];
}
const ErrorBodySchema = object((): Shape<ErrorBody> => ({
  message: str,
  detail: optional(array(anyValue)),
}));

/**
 * Fixtures live beside the repository (`<parent of repo root>/shared/reference/fixtures/`), not in it.
 * This file is `<repo>/test/models.test.ts`, so `../../` is the repo root's parent.
 */
const FIXTURES_URL = new URL("../../shared/reference/fixtures/", import.meta.url);
const FIXTURES_DIR = fileURLToPath(FIXTURES_URL);
const fixturesExist = existsSync(FIXTURES_DIR);

/** Files in the fixtures folder that are not response bodies. */
const NOT_FIXTURES = new Set(["SOURCES.md"]);

/**
 * Which schema each fixture must parse with. Every file in the folder must match exactly one rule, and every rule
 * must match at least one file, so a new or renamed fixture fails until it is mapped here.
 */
const RULES: { pattern: RegExp; schema: Parser<unknown>; what: string }[] = [
  { pattern: /^api-root\.json$/, schema: ApiRootSchema, what: "ApiRoot" },
  { pattern: /^error-\d{3}-[\w.-]+\.json$/, schema: ErrorBodySchema, what: "{message} error body" },

  // database
  { pattern: /^release-\d+(\.[\w-]+)?\.json$/, schema: ReleaseSchema, what: "Release" },
  {
    pattern: /^release-community-rating-\d+(\.[\w-]+)?\.json$/,
    schema: CommunityRatingSchema,
    what: "CommunityRating",
  },
  {
    pattern: /^release-rating-(put-)?\d+(-\w+)?(\.[\w-]+)?\.json$/,
    schema: UserReleaseRatingSchema,
    what: "UserReleaseRating",
  },
  { pattern: /^release-stats-\d+(\.[\w-]+)?\.json$/, schema: ReleaseStatsSchema, what: "ReleaseStats" },
  { pattern: /^master-\d+(\.[\w-]+)?\.json$/, schema: MasterSchema, what: "Master" },
  {
    pattern: /^master-versions-[\w-]+(\.[\w-]+)?\.json$/,
    schema: pageSchema("versions", MasterVersionSchema),
    what: "page of MasterVersion",
  },
  { pattern: /^artist-\d+(\.[\w-]+)?\.json$/, schema: ArtistSchema, what: "Artist" },
  {
    pattern: /^artist-releases-[\w-]+(\.[\w-]+)?\.json$/,
    schema: pageSchema("releases", ArtistReleaseSchema),
    what: "page of ArtistRelease",
  },
  { pattern: /^label-\d+(-[\w]+)?(\.[\w-]+)?\.json$/, schema: LabelSchema, what: "Label" },
  {
    pattern: /^label-releases-\d+(\.[\w-]+)?\.json$/,
    schema: pageSchema("releases", LabelReleaseSchema),
    what: "page of LabelRelease",
  },
  {
    pattern: /^search-[\w-]+(\.[\w-]+)?\.json$/,
    schema: pageSchema("results", SearchResultSchema),
    what: "page of SearchResult",
  },

  // marketplace
  {
    pattern: /^inventory-(?!export|upload)[\w-]+(\.[\w-]+)?\.json$/,
    schema: pageSchema("listings", ListingSchema),
    what: "page of Listing",
  },
  { pattern: /^listing-\d+(\.[\w-]+)?\.json$/, schema: ListingSchema, what: "Listing" },
  { pattern: /^listing-create-201\.json$/, schema: ListingCreatedSchema, what: "ListingCreated" },
  { pattern: /^order-(edit-)?\d+-\d+\.json$/, schema: OrderSchema, what: "Order" },
  { pattern: /^orders\.json$/, schema: pageSchema("orders", OrderSchema), what: "page of Order" },
  {
    pattern: /^order-messages-[\w-]+\.json$/,
    schema: pageSchema("messages", OrderMessageSchema),
    what: "page of OrderMessage",
  },
  { pattern: /^order-message-create-201\.json$/, schema: OrderMessageSchema, what: "OrderMessage" },
  { pattern: /^fee-[\w.-]+\.json$/, schema: FeeSchema, what: "Fee" },
  { pattern: /^price-suggestions-\d+\.json$/, schema: PriceSuggestionsSchema, what: "PriceSuggestions" },
  {
    pattern: /^marketplace-stats-\d+(\.[\w-]+)?\.json$/,
    schema: MarketplaceReleaseStatsSchema,
    what: "MarketplaceReleaseStats",
  },
  { pattern: /^inventory-export-\d+\.json$/, schema: ExportSchema, what: "Export" },
  { pattern: /^inventory-exports\.json$/, schema: pageSchema("items", ExportSchema), what: "page of Export" },
  { pattern: /^inventory-upload-\d+\.json$/, schema: UploadSchema, what: "Upload" },
  { pattern: /^inventory-uploads\.json$/, schema: pageSchema("items", UploadSchema), what: "page of Upload" },

  // users
  { pattern: /^identity(\.[\w-]+)?\.json$/, schema: IdentitySchema, what: "Identity" },
  { pattern: /^profile-[\w-]+(\.[\w-]+)?\.json$/, schema: UserSchema, what: "User" },
  {
    pattern: /^user-submissions-[\w-]+(\.[\w-]+)?\.json$/,
    schema: SubmissionsPageSchema,
    what: "page of Submissions",
  },
  {
    pattern: /^user-contributions-[\w-]+(\.[\w-]+)?\.json$/,
    schema: pageSchema("contributions", ContributionSchema),
    what: "page of Contribution",
  },
  { pattern: /^collection-folders\.json$/, schema: CollectionFoldersSchema, what: "{folders}" },
  {
    pattern: /^collection-folder-(\d+|create-201|edit-\d+)\.json$/,
    schema: CollectionFolderSchema,
    what: "CollectionFolder",
  },
  {
    pattern: /^collection-(folder-\d+-releases|releases-by-release-\d+)\.json$/,
    schema: pageSchema("releases", CollectionItemSchema),
    what: "page of CollectionItem",
  },
  {
    pattern: /^collection-add-release-201\.json$/,
    schema: CollectionInstanceCreatedSchema,
    what: "CollectionInstanceCreated",
  },
  { pattern: /^collection-fields\.json$/, schema: CollectionFieldsSchema, what: "{fields}" },
  { pattern: /^collection-value\.json$/, schema: CollectionValueSchema, what: "CollectionValue" },
  { pattern: /^wantlist-(add|edit)-\d+\.json$/, schema: WantSchema, what: "Want" },
  { pattern: /^wantlist-[\w]+\.json$/, schema: pageSchema("wants", WantSchema), what: "page of Want" },
  {
    pattern: /^user-lists-[\w-]+\.json$/,
    schema: pageSchema("lists", ListSummarySchema),
    what: "page of ListSummary",
  },
  { pattern: /^list-\d+(\.[\w-]+)?\.json$/, schema: ListSchema, what: "List" },
];

/** The JSON type of a value, for messages. */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** The value at `path` inside `body`. */
function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = body;
  for (const key of path)
    v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** Formats schema issues as one `path: message [code] (got X)` line each. */
function formatIssues(issues: readonly SchemaIssue[], body?: unknown, limit = 25): string {
  const lines = issues.slice(0, limit).map((i) => {
    const where = i.path.map(String).join(".") || "(root)";
    const got = body === undefined ? "" : ` (got ${typeName(valueAt(body, i.path))})`;
    return `  - ${where}: ${i.message} [${i.code}]${got}`;
  });
  if (issues.length > limit) lines.push(`  ... and ${issues.length - limit} more`);
  return lines.join("\n");
}

function rulesFor(file: string) {
  return RULES.filter((r) => r.pattern.test(file));
}

const fixtureFiles = fixturesExist ? readdirSync(FIXTURES_DIR).filter((f) => !NOT_FIXTURES.has(f)) : [];

describe("fixtures parse with their schemas", () => {
  if (!fixturesExist) {
    console.warn(
      `[models.test] fixtures folder not found at ${FIXTURES_DIR} (expected <repo parent>/shared/reference/fixtures/): ` +
        "fixture tests are SKIPPED, not passed.",
    );
  }

  it.skipIf(!fixturesExist)("the fixtures folder has fixtures", () => {
    expect(fixtureFiles.length).toBeGreaterThan(0);
  });

  it.skipIf(!fixturesExist)("every fixture file is mapped to exactly one schema", () => {
    const problems = fixtureFiles.flatMap((file) => {
      const matched = rulesFor(file);
      if (matched.length === 1) return [];
      if (matched.length === 0)
        return [`${file}: no schema mapped (add a rule to RULES in test/models.test.ts)`];
      return [`${file}: ambiguous, matches ${matched.map((r) => r.what).join(", ")}`];
    });
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it.skipIf(!fixturesExist)("every mapping rule matches at least one fixture", () => {
    const unused = RULES.filter((r) => !fixtureFiles.some((f) => r.pattern.test(f))).map(
      (r) => `${r.pattern} (${r.what})`,
    );
    expect(unused, `rules matching no fixture:\n${unused.join("\n")}`).toEqual([]);
  });

  for (const file of fixtureFiles) {
    const [rule] = rulesFor(file);
    it(`${file} → ${rule?.what ?? "UNMAPPED"}`, () => {
      expect(rule, `${file} is not mapped to a schema`).toBeDefined();
      const body: unknown = JSON.parse(readFileSync(new URL(file, FIXTURES_URL), "utf8"));
      const result = rule!.schema.safeParse(body);
      if (!result.success) {
        expect.fail(`${file} does not parse as ${rule!.what}:\n${formatIssues(result.error.issues, body)}`);
      }
      expect(result.success).toBe(true);
    });
  }
});

describe("fixture quirks are represented", () => {
  const load = (file: string): unknown => JSON.parse(readFileSync(new URL(file, FIXTURES_URL), "utf8"));

  it.skipIf(!fixturesExist)("a release parses with readable names only, deep", () => {
    const release = ReleaseSchema.parse(load("release-249504.real-2021.json"));
    expect(release.extra_artists?.length).toBeGreaterThan(0);
    expect(release).not.toHaveProperty("extraartists");
    expect(release.extra_artists?.[0]).toHaveProperty("name_variation", "Me Co");
    expect(release.extra_artists?.[0]).not.toHaveProperty("anv");
    expect(release.labels?.[0]?.catalog_number).toBe("PB 41447");
    expect(release.labels?.[0]).not.toHaveProperty("catno");
    expect(release.formats?.[0]?.quantity).toBe("1");
    expect(release.formats?.[0]).not.toHaveProperty("qty");
    expect(release.images?.[0]).toHaveProperty("uri_150", "");
    expect(release.images?.[0]).not.toHaveProperty("uri150");
    // live-only fields are typed, unknown ones kept
    expect(release.blocked_from_sale).toBe(false);
    expect(release.artists_sort).toBe("Rick Astley");
  });

  it.skipIf(!fixturesExist)("master versions keep the live-only filters and filter_facets", () => {
    const page = pageSchema("versions", MasterVersionSchema).parse(
      load("master-versions-666.real-2021.json"),
    );
    expect(page).toHaveProperty("filters");
    expect(page).toHaveProperty("filter_facets");
    expect(page.versions[0]?.catalog_number).toBe("CD 06-1164");
    expect(page.pagination.urls?.next).toContain("page=2");
  });

  it.skipIf(!fixturesExist)("submitted artists may list members as plain names", () => {
    const page = SubmissionsPageSchema.parse(load("user-submissions-rodneyfool.real-2021.json"));
    const members = page.submissions.artists?.flatMap((a) => a.members ?? []) ?? [];
    expect(members.some((m) => typeof m === "string")).toBe(true);
  });

  it.skipIf(!fixturesExist)("listings accept `{}` shipping prices and the 2025 converted price", () => {
    const listing = ListingSchema.parse(load("listing-1265949252.real-2025.json"));
    expect(listing.shipping_price).toEqual({});
    expect(listing.original_price?.currency_code).toBe("EUR");
    expect(listing.original_price?.converted?.currency_code).toBe("USD");
    expect(listing.original_price?.converted).not.toHaveProperty("curr_abbr");
  });

  it.skipIf(!fixturesExist)("order messages read `from` as `from_user`", () => {
    const message = OrderMessageSchema.parse(load("order-message-create-201.json"));
    expect(message.from_user?.username).toBe("example_seller");
    expect(message).not.toHaveProperty("from");
  });

  it.skipIf(!fixturesExist)("lists read both the documented and the older shape", () => {
    const documented = ListSchema.parse(load("list-2.json"));
    expect(documented.list_id).toBe(2);
    expect(documented.created_at).toBe("2016-05-31T10:36:30-07:00");
    expect(documented.modified_at).toBe("2016-05-31T13:46:12-07:00");
    expect(documented).not.toHaveProperty("created_ts");
    const older = ListSchema.parse(load("list-1.joalla.json"));
    expect(older.id).toBe(1);
    expect(older.date_added).toBeTypeOf("string");
  });
});

describe("aliases", () => {
  /** [schema, a minimal valid object without the aliased field, wire name, readable name, sample value]. */
  const cases: [string, Parser<unknown>, Record<string, unknown>, string, string, unknown][] = [
    ["Image", ImageSchema, { uri: "u" }, "uri150", "uri_150", "https://i.discogs.com/x.jpeg"],
    ["ArtistCredit", ArtistCreditSchema, { id: 1, name: "A" }, "anv", "name_variation", "A."],
    ["Release", ReleaseSchema, { id: 1, title: "T", resource_url: "r" }, "extraartists", "extra_artists", []],
    ["Track", TrackSchema, { title: "T" }, "extraartists", "extra_artists", []],
    ["Artist", ArtistSchema, { id: 1, resource_url: "r" }, "namevariations", "name_variations", ["B"]],
    ["Format", FormatSchema, { name: "Vinyl" }, "qty", "quantity", "2"],
    ["LabelCredit", LabelCreditSchema, { id: 1, name: "L" }, "catno", "catalog_number", "CAT 1"],
    ["Company", CompanySchema, { id: 1, name: "C" }, "catno", "catalog_number", "CAT 1"],
    [
      "LabelRelease",
      LabelReleaseSchema,
      { id: 1, title: "T", resource_url: "r" },
      "catno",
      "catalog_number",
      "CAT 1",
    ],
    [
      "SearchResult",
      SearchResultSchema,
      { id: 1, type: "release", title: "T", resource_url: "r" },
      "catno",
      "catalog_number",
      "CAT 1",
    ],
    [
      "MasterVersion",
      MasterVersionSchema,
      { id: 1, title: "T", resource_url: "r" },
      "catno",
      "catalog_number",
      "CAT 1",
    ],
    ["Label", LabelSchema, { id: 1, name: "L", resource_url: "r" }, "sublabels", "sub_labels", []],
    ["OriginalPrice", OriginalPriceSchema, { value: 1 }, "curr_abbr", "currency_code", "EUR"],
    ["OriginalPrice", OriginalPriceSchema, { value: 1 }, "curr_id", "currency_id", 3],
    ["User", UserSchema, { id: 1, username: "u", resource_url: "r" }, "curr_abbr", "currency_code", "USD"],
    ["Export", ExportSchema, { id: 1 }, "created_ts", "created_at", "2018-09-27T12:59:02"],
    ["Export", ExportSchema, { id: 1 }, "finished_ts", "finished_at", "2018-09-27T12:59:02"],
    ["Upload", UploadSchema, { id: 1 }, "created_ts", "created_at", "2017-12-18T09:20:28"],
    ["Upload", UploadSchema, { id: 1 }, "finished_ts", "finished_at", "2017-12-18T09:20:29"],
    ["List", ListSchema, { name: "L", items: [] }, "created_ts", "created_at", "2016-05-31T10:36:30-07:00"],
    ["List", ListSchema, { name: "L", items: [] }, "modified_ts", "modified_at", "2016-05-31T10:36:30-07:00"],
    [
      "OrderMessage",
      OrderMessageSchema,
      { message: "m", timestamp: "t", order: { id: "1-1" } },
      "from",
      "from_user",
      { username: "seller" },
    ],
  ];

  it("covers every entry of FIELD_ALIASES", () => {
    const covered = new Set(cases.map((c) => c[3]));
    expect([...Object.keys(models.FIELD_ALIASES)].filter((k) => !covered.has(k))).toEqual([]);
  });

  for (const [name, schema, base, wire, readable, value] of cases) {
    it(`${name}: wire \`${wire}\` is read as \`${readable}\``, () => {
      const result = schema.safeParse({ ...base, [wire]: value });
      expect(result.success, result.success ? "" : formatIssues(result.error.issues)).toBe(true);
      const data = result.data as Record<string, unknown>;
      expect(data[readable]).toEqual(value);
      expect(data).not.toHaveProperty(wire);
    });

    it(`${name}: readable \`${readable}\` is accepted as is`, () => {
      const data = schema.parse({ ...base, [readable]: value }) as Record<string, unknown>;
      expect(data[readable]).toEqual(value);
      expect(data).not.toHaveProperty(wire);
    });

    it(`${name}: unknown fields are kept`, () => {
      const data = schema.parse({ ...base, [wire]: value, brand_new_field: { a: 1 } }) as Record<
        string,
        unknown
      >;
      expect(data.brand_new_field).toEqual({ a: 1 });
    });
  }

  it("the readable name wins when both are present", () => {
    const image = ImageSchema.parse({ uri: "u", uri150: "wire", uri_150: "readable" });
    expect(image.uri_150).toBe("readable");
    expect(image).not.toHaveProperty("uri150");
  });

  it("the wire name is type-checked like the readable one", () => {
    const result = FormatSchema.safeParse({ name: "Vinyl", qty: 2 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["quantity"]);
  });

  it("parsing does not mutate the input", () => {
    const input = { uri: "u", uri150: "t" };
    ImageSchema.parse(input);
    expect(input).toEqual({ uri: "u", uri150: "t" });
  });

  it("renameAliases returns the same object when nothing is renamed, and keeps a JSON `__proto__` key as data", () => {
    const plain = { uri: "u" };
    expect(models.renameAliases(plain, ["uri150"])).toBe(plain);
    const out = models.renameAliases(JSON.parse('{"anv":"a","__proto__":{"polluted":true},"id":1}'), ["anv"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out as object)).toEqual(["name_variation", "__proto__", "id"]);
  });

  it("renameAliasesDeep gives the same names as the schemas", () => {
    const wire = {
      id: 1,
      title: "T",
      resource_url: "r",
      extraartists: [{ id: 2, name: "A", anv: "a" }],
      labels: [{ id: 3, name: "L", catno: "C1" }],
    };
    const viaSchema = ReleaseSchema.parse(structuredClone(wire));
    const viaRename = models.renameAliasesDeep(structuredClone(wire));
    expect(viaRename).toEqual(viaSchema);
  });
});

describe("types are checked", () => {
  const release = { id: 1, title: "T", resource_url: "https://api.discogs.com/releases/1" };

  it('a release with `id: "x"` fails, with the path', () => {
    const result = ReleaseSchema.safeParse({ ...release, id: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.path).toEqual(["id"]);
    expect(result.error?.issues[0]?.code).toBe("invalid_type");
  });

  it("a wrong type deep inside (tracklist → sub_tracks → extra_artists) fails with the full readable path", () => {
    const result = ReleaseSchema.safeParse({
      ...release,
      tracklist: [
        { title: "Index", type_: "index", sub_tracks: [{ title: "Part", extraartists: [{ id: "2" }] }] },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("tracklist.0.sub_tracks.0.extra_artists.0.id");
  });

  it("a missing required field fails", () => {
    const { title: _title, ...noTitle } = release;
    const result = ReleaseSchema.safeParse(noTitle);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["title"]);
  });

  it("sub_tracks nest recursively", () => {
    const track: Track = TrackSchema.parse({
      title: "Suite",
      type_: "index",
      sub_tracks: [{ title: "I", sub_tracks: [{ title: "a", duration: "1:00", extraartists: [] }] }],
    });
    expect(track.sub_tracks?.[0]?.sub_tracks?.[0]?.extra_artists).toEqual([]);
    expect(track.sub_tracks?.[0]?.sub_tracks?.[0]).not.toHaveProperty("extraartists");
  });

  it("Discogs' inconsistencies are accepted as unions, nothing wider", () => {
    const r = (extra: Record<string, unknown>) => ReleaseSchema.safeParse({ ...release, ...extra }).success;
    expect(r({ lowest_price: null, master_id: null })).toBe(true);
    expect(r({ master_id: 0 })).toBe(true);
    expect(r({ lowest_price: "1.00" })).toBe(false);
    expect(r({ year: "1987" })).toBe(false);
    expect(r({ released: 1987 })).toBe(false);

    const s = (extra: Record<string, unknown>) =>
      SearchResultSchema.safeParse({ id: 1, type: "release", title: "T", resource_url: "r", ...extra })
        .success;
    expect(s({ year: "1997", label: ["A"], thumb: null, master_id: null })).toBe(true);
    expect(s({ label: "8bitpeoples" })).toBe(true);
    expect(s({ year: 1997 })).toBe(false);

    const l = (extra: Record<string, unknown>) =>
      ListingSchema.safeParse({ id: 1, resource_url: "r", ...extra }).success;
    expect(l({ shipping_price: {}, weight: "auto", format_quantity: 2 })).toBe(true);
    expect(l({ shipping_price: { currency: "USD", value: 2.5 }, weight: 180, format_quantity: "auto" })).toBe(
      true,
    );
    expect(l({ shipping_price: { value: "2.50" } })).toBe(false);
    expect(l({ weight: "heavy" })).toBe(false);

    expect(MarketplaceReleaseStatsSchema.safeParse({ lowest_price: null, num_for_sale: null }).success).toBe(
      true,
    );
    expect(PriceSuggestionsSchema.safeParse({}).success).toBe(true);
    expect(ReleaseStatsSchema.safeParse({ is_offensive: false }).success).toBe(true);
    expect(ReleaseStatsSchema.safeParse({ num_have: 1, num_want: 2 }).success).toBe(true);
    expect(OrderSchema.safeParse({ id: 1, resource_url: "r" }).success).toBe(false); // order ids are strings
  });

  it("pageSchema builds `{pagination, [key]: Item[]}` and keeps extra keys", () => {
    const schema = pageSchema("wants", WantSchema);
    const page = schema.parse({
      pagination: { page: 1, pages: 1, per_page: 50, items: 0, urls: {} },
      wants: [],
      extra: true,
    });
    expect(page.wants).toEqual([]);
    expect(page).toHaveProperty("extra", true);
    expect(schema.safeParse({ pagination: { page: 1, pages: 1, per_page: 50, items: 0 } }).success).toBe(
      false,
    );
    expect(schema.safeParse({ wants: [] }).success).toBe(false);
  });

  it("the parsed type carries the readable names", () => {
    const parsed: Release = ReleaseSchema.parse({
      ...release,
      extraartists: [{ id: 2, name: "A", anv: "B" }],
    });
    const variation: string | undefined = parsed.extra_artists?.[0]?.name_variation;
    expect(variation).toBe("B");
  });
});

describe("models/index", () => {
  it("re-exports every schema and the base helpers", () => {
    const expected = [
      "FIELD_ALIASES",
      "extraFields",
      "SchemaError",
      "renameAliases",
      "renameAliasesDeep",
      "pageSchema",
      ...[
        // common
        "Image",
        "Video",
        "ArtistCredit",
        "Track",
        "Format",
        "LabelCredit",
        "Company",
        "Identifier",
        "Community",
        "BasicInformation",
        "Member",
        "SubLabel",
        "Price",
        "OriginalPrice",
        "Pagination",
        // database
        "Release",
        "Master",
        "MasterVersion",
        "Artist",
        "ArtistRelease",
        "Label",
        "LabelRelease",
        "SearchResult",
        "CommunityRating",
        "UserReleaseRating",
        "ReleaseStats",
        // marketplace
        "Listing",
        "ListingCreated",
        "Order",
        "OrderMessage",
        "Fee",
        "PriceSuggestions",
        "MarketplaceReleaseStats",
        "Export",
        "Upload",
        // users
        "Identity",
        "User",
        "Submissions",
        "Contribution",
        "CollectionFolder",
        "CollectionItem",
        "CollectionInstanceCreated",
        "CollectionField",
        "CollectionValue",
        "Want",
        "ListSummary",
        "List",
        "ListItem",
      ].map((name) => `${name}Schema`),
    ];
    const exported = models as Record<string, unknown>;
    expect(expected.filter((name) => exported[name] === undefined)).toEqual([]);
  });
});
