/**
 * `client.users`: profiles and everything under a user (submissions, contributions, lists, inventory,
 * collection, wantlist).
 *
 * `get` returns a lazy resource, `list` a paginator; accessors never send a request. Bad arguments throw a
 * `TypeError` naming the argument, synchronously, before any request.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { APIPromise } from "../../core/api-promise";
import { pathArg } from "../../core/endpoint";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import {
  CONTRIBUTION_SORTS,
  getUser,
  listContributions,
  listSubmissions,
  updateUser,
} from "../../endpoints/users";
import type { Currency } from "../../endpoints/values";
import type { Artist, Label, Release } from "../../models/database";
import type { Contribution, SubmissionsPage, User } from "../../models/users";
import { call, list, loader } from "../helpers";
import { APIResource } from "../resource";
import { Collection } from "./collection";
import { UserInventory } from "./inventory";
import { UserLists } from "./lists";
import type { PageParams, SortParams } from "./shared";
import { Wantlist } from "./wantlist";

/** `client.users`: profiles and everything under a user. */
export class Users extends APIResource {
  /**
   * A user, fetched (`GET /users/{username}`) when awaited. Its sub-resources (`.collection`, `.wantlist`,
   * `.inventory`, `.lists`, `.submissions`, `.contributions`) never fetch the profile.
   *
   * @example
   * ```ts
   * const user = await client.users.get("rodneyfool");
   * console.log(user.name, user.num_collection);
   * for await (const want of client.users.get("rodneyfool").wantlist.list()) console.log(want.id); // no profile request
   * ```
   */
  get(username: string, options?: RequestOptions): UserResource {
    return new UserResource(this._client, pathArg(getUser, "username", username, "username"), options);
  }
}

/** Body of {@link UserResource.update}: the profile fields Discogs lets you edit. */
export interface UserUpdateParams {
  /** Real name. */
  name?: string;
  /** Website URL. */
  home_page?: string;
  /** Location text. */
  location?: string;
  /** Biography (Discogs markup). */
  profile?: string;
  /** Preferred marketplace currency (sent as Discogs' `curr_abbr`; the parsed {@link User} calls it `currency_code`). */
  curr_abbr?: Currency;
}

/** A lazy user: `await` it for the {@link User}; its accessors never send a request. */
export class UserResource extends Lazy<User> {
  /** The username. */
  readonly username: string;
  /** The user's collection: folders, instances, custom fields, value. */
  readonly collection: Collection;
  /** The user's wantlist. */
  readonly wantlist: Wantlist;
  /** The user's marketplace inventory. */
  readonly inventory: UserInventory;
  /** The user's lists. */
  readonly lists: UserLists;
  /** What the user submitted to the database. */
  readonly submissions: UserSubmissions;
  /** The releases the user contributed to. */
  readonly contributions: UserContributions;
  readonly #client: Discogs;

  constructor(client: Discogs, username: string, options?: RequestOptions) {
    super(loader(client, getUser, { username }, undefined, options));
    this.#client = client;
    this.username = username;
    this.collection = new Collection(client, username);
    this.wantlist = new Wantlist(client, username);
    this.inventory = new UserInventory(client, username);
    this.lists = new UserLists(client, username);
    this.submissions = new UserSubmissions(client, username);
    this.contributions = new UserContributions(client, username);
  }

  /**
   * Edits the profile (`POST /users/{username}`; only as that user) and returns the updated {@link User}. Only the
   * fields you pass are sent; an update that sets nothing is refused (TypeError) rather than sent. Does not
   * change what awaiting this resource returns if it was already fetched.
   *
   * @example
   * ```ts
   * const me = await client.users.get("example").update({ location: "Portland, OR", curr_abbr: "EUR" });
   * console.log(me.location, me.currency_code); // "Portland, OR" "EUR"
   * ```
   */
  update(params: UserUpdateParams, options?: RequestOptions): APIPromise<User> {
    return call(this.#client, updateUser, { username: this.username }, params, options);
  }
}

/**
 * One item of {@link UserSubmissions.list}: Discogs returns each page as `{artists, labels, releases}`; the
 * paginator flattens them into one stream tagged by `type` (per page: artists, then labels, then releases).
 */
export type Submission =
  | { type: "artist"; artist: Artist }
  | { type: "label"; label: Label }
  | { type: "release"; release: Release };

/** `client.users.get(username).submissions` */
export class UserSubmissions extends APIResource {
  readonly #username: string;
  constructor(client: Discogs, username: string) {
    super(client);
    this.#username = username;
  }

  /**
   * The artists, labels and releases the user submitted (`GET /users/{username}/submissions`), as one stream of
   * {@link Submission}s tagged by `type`. Use `.pages()` to see Discogs' per-page grouping and pagination.
   *
   * @example
   * ```ts
   * for await (const s of client.users.get("example").submissions.list()) {
   *   if (s.type === "release") console.log(s.release.title);
   *   else if (s.type === "artist") console.log(s.artist.name);
   *   else console.log(s.label.name);
   * }
   * ```
   */
  list(params?: PageParams, options?: RequestOptions): Paginator<Submission> {
    return list(
      this._client,
      listSubmissions,
      { username: this.#username },
      params,
      options,
      (page: SubmissionsPage) => [
        ...(page.submissions?.artists ?? []).map((artist) => ({ type: "artist" as const, artist })),
        ...(page.submissions?.labels ?? []).map((label) => ({ type: "label" as const, label })),
        ...(page.submissions?.releases ?? []).map((release) => ({ type: "release" as const, release })),
      ],
    );
  }
}

/** Sort keys of {@link UserContributions.list}. */
export type ContributionSort = (typeof CONTRIBUTION_SORTS)[number];

/** `client.users.get(username).contributions` */
export class UserContributions extends APIResource {
  readonly #username: string;
  constructor(client: Discogs, username: string) {
    super(client);
    this.#username = username;
  }

  /**
   * The releases the user contributed to (`GET /users/{username}/contributions`), as full releases.
   *
   * @example
   * ```ts
   * for await (const r of client.users.get("example").contributions.list({ sort: "year", sort_order: "desc" })) {
   *   console.log(r.title, r.year);
   * }
   * ```
   */
  list(params?: SortParams<ContributionSort>, options?: RequestOptions): Paginator<Contribution> {
    return list(this._client, listContributions, { username: this.#username }, params, options);
  }
}
