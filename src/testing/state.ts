/**
 * The emulator's in-memory state. Everything is stored in Discogs' wire format (snake_case, Discogs' own
 * cryptic names such as `catno`), exactly as the real API would send it, so handlers return it as is.
 *
 * Slices:
 * - database (releases, masters, artists, labels, ratings) and marketplace/inventory (listings, orders,
 *   messages, exports, uploads) are seeded by `seed/database.ts` and `seed/marketplace.ts`;
 * - users, collections, wantlists and lists are seeded by `seed/users.ts`.
 *
 * @module
 */

import { artistReleaseItems, DerivedView, labelReleaseItems, masterVersionItems } from "./views";

/** A user the emulator knows. Tokens and OAuth access tokens act as one of these. */
export interface SeedUser {
  id: number;
  username: string;
  /** Whether the collection is public (others see folder 0). */
  collectionPublic: boolean;
  /** Whether the wantlist is public. */
  wantlistPublic: boolean;
  /** The profile, in wire format (`GET /users/{username}`), without the self-only fields. */
  profile: Record<string, any>;
}

/** A JSON object in Discogs' wire format. */
export type Wire = Record<string, any>;

/** The emulator's whole state. Tests may read and change it (`emu.state`). */
export class EmulatorState {
  /** The username every accepted credential acts as by default. */
  defaultUsername = "example";
  /** Base URL used in `resource_url` fields; set by the server when it starts. */
  baseUrl = "http://127.0.0.1";

  // --- database
  releases = new Map<number, Wire>();
  masters = new Map<number, Wire>();
  /** master id -> version items (`GET /masters/{id}/versions` items), derived from `releases` when read. */
  readonly masterVersions: DerivedView<Wire[]> = new DerivedView(
    () => this.masters.keys(),
    (id) => this.masters.has(id),
    (id) => masterVersionItems(this, id),
  );
  artists = new Map<number, Wire>();
  /** artist id -> artist release items, derived from `releases` when read. */
  readonly artistReleases: DerivedView<Wire[]> = new DerivedView(
    () => this.artists.keys(),
    (id) => this.artists.has(id),
    (id) => artistReleaseItems(this, id),
  );
  labels = new Map<number, Wire>();
  /** label id -> label release items, derived from `releases` when read. */
  readonly labelReleases: DerivedView<Wire[]> = new DerivedView(
    () => this.labels.keys(),
    (id) => this.labels.has(id),
    (id) => labelReleaseItems(this, id),
  );
  /** release id -> username -> rating (1..5). */
  ratings = new Map<number, Map<string, number>>();

  // --- marketplace and inventory
  /** listing id -> listing (wire format, seller.username identifies the owner). */
  listings = new Map<number, Wire>();
  nextListingId = 3_000_000_000;
  /** order id ("1-1") -> order. */
  orders = new Map<string, Wire>();
  /** order id -> messages, newest first. */
  orderMessages = new Map<string, Wire[]>();
  exports = new Map<number, Wire & { csv?: string; owner?: string }>();
  nextExportId = 600_000;
  uploads = new Map<number, Wire & { owner?: string }>();
  nextUploadId = 120_000;

  // --- users
  users = new Map<string, SeedUser>();
  /** username -> folders (id, name). Folder 0 ("All") and 1 ("Uncategorized") always exist. */
  folders = new Map<string, { id: number; name: string }[]>();
  nextFolderId = 1_000;
  /** username -> collection instances. */
  collection = new Map<
    string,
    {
      instance_id: number;
      folder_id: number;
      release_id: number;
      rating: number;
      date_added: string;
      notes: { field_id: number; value: string }[];
    }[]
  >();
  nextInstanceId = 10_000;
  /** username -> custom fields (wire format). */
  fields = new Map<string, Wire[]>();
  /** username -> wants: release id -> { notes, rating, date_added }. */
  wants = new Map<string, Map<number, { notes: string; rating: number; date_added: string }>>();
  /** username -> list summaries. */
  userLists = new Map<string, Wire[]>();
  /** list id -> list (wire format). */
  lists = new Map<number, Wire>();
  /** username -> submissions { artists, labels, releases }. */
  submissions = new Map<string, { artists: Wire[]; labels: Wire[]; releases: Wire[] }>();
  /** username -> contributions (releases). */
  contributions = new Map<string, Wire[]>();

  // --- OAuth
  /** request token -> pending authorization. */
  requestTokens = new Map<
    string,
    {
      secret: string;
      consumerKey: string;
      callback: string;
      verifier?: string;
      username?: string;
      createdAt: number;
    }
  >();
  /** access token -> { secret, consumerKey, username }. */
  accessTokens = new Map<string, { secret: string; consumerKey: string; username: string }>();

  /** The user a username names (case-insensitive), or undefined. */
  user(username: string): SeedUser | undefined {
    for (const u of this.users.values()) if (u.username.toLowerCase() === username.toLowerCase()) return u;
    return undefined;
  }

  /** An absolute API URL for `path`. */
  url(path: string): string {
    return this.baseUrl + path;
  }
}
