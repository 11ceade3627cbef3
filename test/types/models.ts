/**
 * Deliberate mistakes, for test/types.test.ts: every `// @ts-expect-error TSxxxx` line must fail to compile with
 * exactly that error code (the test compiles this file again without the directives to check the codes), and
 * every other line must compile. Also part of `npm run typecheck`, where the directives keep it green.
 */

import type { Discogs } from "../../src/index";
import {
  extraFields,
  ReleaseSchema,
  type ArtistCredit,
  type Listing,
  type Order,
  type Release,
  type SearchResult,
  type Track,
} from "../../src/index";
import { array, nullable, num, object, openEnum, optional, str, type Shape } from "../../src/models/schema";
import { RELEASE_STATUSES } from "../../src/models/values";

declare const release: Release;
declare const client: Discogs;

// --- Typos on models are compile errors (no index signature) ----------------------------------------------------

// @ts-expect-error TS2551 (property does not exist; did you mean 'title'?)
export const typo = release.titel;
// @ts-expect-error TS2339 (property does not exist)
export const unknownField = release.brand_new_field;
// @ts-expect-error TS2339 nested parts are named types, checked the same way
export const nestedTypo = release.tracklist?.[0]?.artists?.[0]?.nmae;
// @ts-expect-error TS2339 the wire name is not on the parsed type: it carries the readable `catalog_number`
export const wireName = release.labels?.[0]?.catno;
// @ts-expect-error TS2322 a number field is not a string
export const wrongType: string = release.year;

// Correct reads compile.
export const title: string = release.title;
export const tracks: Track[] | undefined = release.tracklist;
export const credit: ArtistCredit | undefined = release.extra_artists?.[0];
export const readable: string | undefined = release.labels?.[0]?.catalog_number;

// --- Unknown fields are reachable in a typed way ------------------------------------------------------------------

export const extras: Record<string, unknown> = extraFields(release, ReleaseSchema);
declare const track: Track;
// @ts-expect-error TS2345/TS2379 the schema must be the model's own
export const wrongSchema = extraFields(track, ReleaseSchema);

// --- Open literal unions: known values, and any other string -------------------------------------------------------

export const known: Release["status"] = "Accepted";
export const later: Release["status"] = "A status Discogs adds in 2030";
declare const listing: Listing;
export const isMint: boolean = listing.condition === "Mint (M)";
declare const order: Order;
export const next: string[] | undefined = order.next_status;
declare const result: SearchResult;
export const isArtist: boolean = result.type === "artist";
// @ts-expect-error TS2322 still a string, not a number
export const notAString: Release["status"] = 1;

// --- Request parameters with a closed set of values are checked -----------------------------------------------------

export const badCondition = () =>
  // @ts-expect-error TS2322 "Mint" is not a media condition ("Mint (M)" is)
  client.marketplace.listings.create({ release_id: 1, condition: "Mint", price: 10 });
export const goodCondition = () =>
  client.marketplace.listings.create({ release_id: 1, condition: "Mint (M)", price: 10 });
export const badCurrency = () =>
  // @ts-expect-error TS2322 not a currency Discogs accepts
  client.marketplace.fee.get({ price: 10, currency: "XYZ" });
export const badSearchType = () =>
  // @ts-expect-error TS2820 "releases" is not a search type (did you mean "release"?)
  client.search({ type: "releases" });
export const badOrderStatus = () =>
  // @ts-expect-error TS2322 not an order status
  client.marketplace.orders.update("1-1", { status: "Sent" });

// --- A schema description cannot drift from its interface -----------------------------------------------------------

interface Thing {
  id: number;
  name?: string;
  status?: Release["status"];
  price?: number | null;
  tags: string[];
}

export const ThingSchema = object((): Shape<Thing> => ({
  id: num,
  name: optional(str),
  status: optional(openEnum(RELEASE_STATUSES)),
  price: optional(nullable(num)),
  tags: array(str),
}));
export const missingField = object(
  // @ts-expect-error TS2741 `tags` is missing from the description
  (): Shape<Thing> => ({
    id: num,
    name: optional(str),
    status: optional(openEnum(RELEASE_STATUSES)),
    price: optional(nullable(num)),
  }),
);
export const extraField = object((): Shape<Thing> => ({
  id: num,
  name: optional(str),
  status: optional(openEnum(RELEASE_STATUSES)),
  price: optional(nullable(num)),
  tags: array(str),
  // @ts-expect-error TS2353 a field the interface does not have
  bogus: str,
}));
export const notNullable = object((): Shape<Thing> => ({
  id: num,
  name: optional(str),
  status: optional(openEnum(RELEASE_STATUSES)),
  // @ts-expect-error TS2322 the interface allows null, the description does not
  price: optional(num),
  tags: array(str),
}));
export const notOptional = object((): Shape<Thing> => ({
  id: num,
  // @ts-expect-error TS2741 optional in the interface, required in the description
  name: str,
  status: optional(openEnum(RELEASE_STATUSES)),
  price: optional(nullable(num)),
  tags: array(str),
}));
export const plainString = object((): Shape<Thing> => ({
  id: num,
  name: optional(str),
  // @ts-expect-error TS2322 the interface has an open literal union: the description must list the values
  status: optional(str),
  price: optional(nullable(num)),
  tags: array(str),
}));
export const wrongValues = object((): Shape<Thing> => ({
  id: num,
  name: optional(str),
  // @ts-expect-error TS2322 not the interface's list of values
  status: optional(openEnum(["Accepted"] as const)),
  price: optional(nullable(num)),
  tags: array(str),
}));
