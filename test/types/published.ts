// Deliberate mistakes a user can make, compiled against the PUBLISHED types of the built package (see
// test/types-published.test.ts): each marked line must fail with exactly that code.
import { Discogs, type ClientOptions, type Release } from "discogs-sdk";

declare const maybe: string | undefined;
// exactOptionalPropertyTypes: an option may be given as `undefined`.
const options: ClientOptions = { baseUrl: maybe, timeout: undefined, userAgent: maybe };
const client = new Discogs(options);
declare const release: Release;

// @ts-expect-error TS2339
void client._request;
// @ts-expect-error TS2339
void client._paginate;
// @ts-expect-error TS2551
void release.titel;
// @ts-expect-error TS2353
void client.search({ q: "Nine Inch Nails" });
// @ts-expect-error TS2322
void client.releases.get(1, { curr_abbr: "XYZ" });
// @ts-expect-error TS2561
void new Discogs({ timeOut: 5 });
// @ts-expect-error TS2322
void client.users.get("example").wantlist.create({ release_id: "1" });
// @ts-expect-error TS2322
void client.search({ query: "x", type: "song" });
// @ts-expect-error TS2561
void client.users.get("example").wantlist.list({ pages: 2 });

// What does compile: every list takes `page`; awaiting a list gives a page; raw access.
export async function fine(): Promise<void> {
  const page = await client.search({ query: "Nine Inch Nails", page: 2 });
  if (page.hasNextPage()) await page.getNextPage();
  const { data, response } = await client.releases.get(352665).withResponse();
  void data.title;
  void response.status;
  const root: unknown = await client.get("/");
  void root;
}
