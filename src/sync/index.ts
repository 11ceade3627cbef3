/**
 * `discogs-sdk/sync`: the synchronous client, for scripts and REPLs (Node 20.16+, Bun, Deno).
 *
 * ```ts
 * import { DiscogsSync } from "discogs-sdk/sync";
 * using client = new DiscogsSync({ userAgent: "MyScript/1.0" }); // token from DISCOGS_TOKEN
 * const release = client.releases.get(352665); // a proxy: nothing sent yet
 * console.log(`${release.title} (${release.year})`); // the one GET fires on first property access
 * for (const r of client.search({ query: "Nine Inch Nails", type: "artist" })) console.log(r.title);
 * ```
 *
 * Errors are the classes of `discogs-sdk` (`import { NotFoundError } from "discogs-sdk"`).
 *
 * @packageDocumentation
 */

export { DiscogsSync } from "./client";
export type {
  AnyFunction,
  DiscogsSyncOptions,
  SyncHidden,
  SyncIteratorProtocol,
  SyncMember,
  SyncOpaque,
  OmitKnown,
  SyncClientMembers,
  SyncMembers,
  SyncMethod,
  SyncResource,
  SyncResult,
  SyncValue,
} from "./types";
