/**
 * `client.users.get(username).collection`: folders, the release instances in them, custom fields and the
 * collection's value.
 *
 * Path accessors: Discogs has no endpoint that returns one release or one instance of a collection, so
 * `folders.get(f).releases.get(r)`, `.instances.get(i)` and `collection.releases.get(r)` are plain accessors
 * (not awaitable) that only carry ids down the chain. `folders.get(f)` is a lazy {@link CollectionFolder}.
 * No accessor sends a request, however deep the chain. Bad arguments throw a `TypeError` naming the argument,
 * synchronously, before any request.
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
  addToFolder,
  COLLECTION_SORTS,
  createFolder,
  deleteFolder,
  deleteInstance,
  getCollectionValue,
  getFolder,
  listFields,
  listFolderReleases,
  listFolders,
  listReleaseInstances,
  updateFolder,
  updateInstance,
  updateInstanceField,
} from "../../endpoints/users";
import type {
  CollectionField,
  CollectionFolder,
  CollectionInstanceCreated,
  CollectionItem,
  CollectionValue,
} from "../../models/users";
import { call, lazyCall, list, loader } from "../helpers";
import { APIResource } from "../resource";
import type { PageParams, SortParams } from "./shared";

/** Sort keys of {@link FolderReleases.list}. */
export type CollectionSort = (typeof COLLECTION_SORTS)[number];

/** `client.users.get(username).collection` */
export class Collection extends APIResource {
  /** Folders and the release instances in them. */
  readonly folders: Folders;
  /** The instances of one release across folders: `.releases.get(releaseId).list()`. */
  readonly releases: CollectionReleases;
  /** The user's custom fields (notes). */
  readonly fields: CustomFields;
  /** The collection's estimated value. */
  readonly value: CollectionValueResource;

  constructor(client: Discogs, username: string) {
    super(client);
    this.folders = new Folders(client, username);
    this.releases = new CollectionReleases(client, username);
    this.fields = new CustomFields(client, username);
    this.value = new CollectionValueResource(client, username);
  }
}

/** Body of {@link Folders.create} and {@link Folders.update}. */
export interface FolderParams {
  /** The folder's name. */
  name: string;
}

/** `client.users.get(username).collection.folders` */
export class Folders extends APIResource {
  readonly #username: string;
  constructor(client: Discogs, username: string) {
    super(client);
    this.#username = username;
  }

  /**
   * Every folder, with its item count (`GET /users/{username}/collection/folders`). An array: Discogs does not
   * paginate folders. Others see only folder 0 of a public collection.
   *
   * @example
   * ```ts
   * const folders = await client.users.get("example").collection.folders.list();
   * for (const f of folders) console.log(f.id, f.name, f.count);
   * ```
   */
  list(options?: RequestOptions): Promise<CollectionFolder[]> {
    return call(this._client, listFolders, { username: this.#username }, undefined, options).then(
      (body) => body.folders,
    );
  }

  /**
   * Creates a folder (`POST /users/{username}/collection/folders`; owner only) and returns it (`count: 0`).
   * Never retried: a retry could create a second folder.
   *
   * @example
   * ```ts
   * const folder = await client.users.get("example").collection.folders.create({ name: "Industrial" });
   * ```
   */
  create(params: FolderParams, options?: RequestOptions): APIPromise<CollectionFolder> {
    return call(this._client, createFolder, { username: this.#username }, params, options);
  }

  /**
   * A folder, fetched (`GET /users/{username}/collection/folders/{id}`) when awaited; its `.releases` never
   * fetch it. Folder `0` is "All" (readable by others when the collection is public), `1` "Uncategorized".
   *
   * @example
   * ```ts
   * const all = await client.users.get("example").collection.folders.get(0);
   * for await (const item of client.users.get("example").collection.folders.get(0).releases.list({ sort: "added" })) {
   *   console.log(item.basic_information.title);
   * }
   * ```
   */
  get(id: number, options?: RequestOptions): FolderResource {
    return new FolderResource(
      this._client,
      this.#username,
      pathArg(getFolder, "folder_id", id, "id"),
      options,
    );
  }

  /**
   * Renames a folder (`POST /users/{username}/collection/folders/{id}`; owner only) and returns it. Folders 0
   * and 1 cannot be renamed; the SDK rejects them (TypeError) without a request.
   *
   * @example
   * ```ts
   * const folder = await client.users.get("example").collection.folders.update(folderId, { name: "Industrial & EBM" });
   * ```
   */
  update(id: number, params: FolderParams, options?: RequestOptions): APIPromise<CollectionFolder> {
    const folder_id = pathArg(updateFolder, "folder_id", id, "id");
    return call(this._client, updateFolder, { username: this.#username, folder_id }, params, options);
  }

  /**
   * Deletes an empty folder (`DELETE /users/{username}/collection/folders/{id}`; owner only). Folders 0 and 1
   * cannot be deleted; the SDK rejects them (TypeError) without a request. Discogs refuses a folder that still
   * holds releases.
   *
   * @example
   * ```ts
   * await client.users.get("example").collection.folders.delete(folderId);
   * ```
   */
  delete(id: number, options?: RequestOptions): APIPromise<void> {
    const folder_id = pathArg(deleteFolder, "folder_id", id, "id");
    return call(this._client, deleteFolder, { username: this.#username, folder_id }, undefined, options);
  }
}

/** A lazy collection folder: `await` it for the {@link CollectionFolder}; `.releases` never fetches it. */
export class FolderResource extends Lazy<CollectionFolder> {
  /** The folder id (`0` = "All", `1` = "Uncategorized"). */
  readonly id: number;
  /** The release instances in the folder. */
  readonly releases: FolderReleases;

  constructor(client: Discogs, username: string, id: number, options?: RequestOptions) {
    super(loader(client, getFolder, { username, folder_id: id }, undefined, options));
    this.id = id;
    this.releases = new FolderReleases(client, username, id);
  }
}

/** Body of {@link FolderReleases.create}. */
export interface FolderReleaseCreateParams {
  /** The release to add. */
  release_id: number;
}

/** `client.users.get(username).collection.folders.get(folderId).releases` */
export class FolderReleases extends APIResource {
  readonly #username: string;
  readonly #folderId: number;
  constructor(client: Discogs, username: string, folderId: number) {
    super(client);
    this.#username = username;
    this.#folderId = folderId;
  }

  /**
   * The items of the folder, one per instance (`GET /users/{username}/collection/folders/{folder_id}/releases`).
   * Others can read folder 0 of a public collection; they see only public `notes`.
   *
   * @example
   * ```ts
   * const items = client.users.get("example").collection.folders.get(0).releases.list({ sort: "added", sort_order: "desc" });
   * for (const item of await items.toArray({ limit: 20 })) console.log(item.basic_information.title, item.rating);
   * ```
   */
  list(params?: SortParams<CollectionSort>, options?: RequestOptions): Paginator<CollectionItem> {
    return list(
      this._client,
      listFolderReleases,
      { username: this.#username, folder_id: this.#folderId },
      params,
      options,
    );
  }

  /**
   * Adds a release to the folder (`POST /users/{username}/collection/folders/{folder_id}/releases/{release_id}`;
   * owner only) and returns the new instance's `instance_id` and `resource_url`. Adding the same release again
   * creates another instance. Discogs refuses folder 0 ("All"), so the SDK rejects it (TypeError naming
   * `folderId`) without a request; use folder 1 ("Uncategorized"). Never retried: a retry could add a second copy.
   *
   * @example
   * ```ts
   * const { instance_id } = await client.users.get("example").collection.folders.get(1).releases.create({ release_id: 352665 });
   * ```
   */
  create(params: FolderReleaseCreateParams, options?: RequestOptions): APIPromise<CollectionInstanceCreated> {
    return call(
      this._client,
      addToFolder,
      { username: this.#username, folder_id: this.#folderId },
      params,
      options,
    );
  }

  /**
   * A release in this folder (a path accessor, not awaitable: Discogs has no endpoint for it), for its
   * `.instances`. Sends nothing.
   *
   * @example
   * ```ts
   * await client.users.get("example").collection.folders.get(1).releases.get(352665).instances.update(instanceId, { rating: 5 });
   * ```
   */
  get(releaseId: number): FolderRelease {
    return new FolderRelease(
      this._client,
      this.#username,
      this.#folderId,
      pathArg(listReleaseInstances, "release_id", releaseId, "releaseId"),
    );
  }
}

/** `...folders.get(folderId).releases.get(releaseId)`: a path accessor holding the ids. */
export class FolderRelease {
  /** The folder id. */
  readonly folderId: number;
  /** The release id. */
  readonly releaseId: number;
  /** The instances (copies) of the release in this folder. */
  readonly instances: Instances;

  constructor(client: Discogs, username: string, folderId: number, releaseId: number) {
    this.folderId = folderId;
    this.releaseId = releaseId;
    this.instances = new Instances(client, username, folderId, releaseId);
  }
}

/** Body of {@link Instances.update}. */
export interface InstanceUpdateParams {
  /** Rating, 0 to 5 (`0` clears it). */
  rating?: number;
  /** Moves the instance to this folder (not 0, "All"). */
  folder_id?: number;
}

/** `...folders.get(folderId).releases.get(releaseId).instances` */
export class Instances extends APIResource {
  readonly #username: string;
  readonly #folderId: number;
  readonly #releaseId: number;
  constructor(client: Discogs, username: string, folderId: number, releaseId: number) {
    super(client);
    this.#username = username;
    this.#folderId = folderId;
    this.#releaseId = releaseId;
  }

  /** The instance's path (the folder is the one it is in now). */
  #at(instanceId: number, name = "instanceId") {
    const instance_id = pathArg<number>(deleteInstance, "instance_id", instanceId, name);
    return { username: this.#username, in_folder: this.#folderId, release_id: this.#releaseId, instance_id };
  }

  /**
   * Rates an instance and/or moves it to another folder
   * (`POST /users/{username}/collection/folders/{folder_id}/releases/{release_id}/instances/{instance_id}`; owner
   * only). Discogs answers 204, so this resolves to nothing. An update that sets nothing is refused (TypeError).
   *
   * @example
   * ```ts
   * const release = client.users.get("example").collection.folders.get(1).releases.get(352665);
   * await release.instances.update(instanceId, { rating: 5, folder_id: folderId });
   * ```
   */
  update(instanceId: number, params: InstanceUpdateParams, options?: RequestOptions): APIPromise<void> {
    return call(this._client, updateInstance, this.#at(instanceId), params, options);
  }

  /**
   * Removes an instance from the collection
   * (`DELETE /users/{username}/collection/folders/{folder_id}/releases/{release_id}/instances/{instance_id}`;
   * owner only). Resolves to nothing (204).
   *
   * @example
   * ```ts
   * await client.users.get("example").collection.folders.get(1).releases.get(352665).instances.delete(instanceId);
   * ```
   */
  delete(instanceId: number, options?: RequestOptions): APIPromise<void> {
    return call(this._client, deleteInstance, this.#at(instanceId), undefined, options);
  }

  /**
   * One instance (a path accessor, not awaitable: Discogs has no endpoint for it), for its `.fields`. Sends
   * nothing.
   *
   * @example
   * ```ts
   * const instance = client.users.get("example").collection.folders.get(1).releases.get(352665).instances.get(instanceId);
   * await instance.fields.update({ field_id: 3, value: "Signed copy" });
   * ```
   */
  get(instanceId: number): Instance {
    const id = this.#at(instanceId).instance_id;
    return new Instance(this._client, this.#username, this.#folderId, this.#releaseId, id);
  }
}

/** `...instances.get(instanceId)`: a path accessor holding the ids. */
export class Instance {
  /** The instance id. */
  readonly instanceId: number;
  /** The instance's custom field values. */
  readonly fields: InstanceFields;

  constructor(client: Discogs, username: string, folderId: number, releaseId: number, instanceId: number) {
    this.instanceId = instanceId;
    this.fields = new InstanceFields(client, username, folderId, releaseId, instanceId);
  }
}

/** Body of {@link InstanceFields.update}. */
export interface FieldUpdateParams {
  /** The custom field (see `collection.fields.list()`). */
  field_id: number;
  /** The new value: free text for textarea fields, one of the field's `options` for dropdowns. */
  value: string;
}

/** `...instances.get(instanceId).fields` */
export class InstanceFields extends APIResource {
  readonly #username: string;
  readonly #folderId: number;
  readonly #releaseId: number;
  readonly #instanceId: number;
  constructor(client: Discogs, username: string, folderId: number, releaseId: number, instanceId: number) {
    super(client);
    this.#username = username;
    this.#folderId = folderId;
    this.#releaseId = releaseId;
    this.#instanceId = instanceId;
  }

  /**
   * Sets a custom field of the instance
   * (`POST .../folders/{folder_id}/releases/{release_id}/instances/{instance_id}/fields/{field_id}`; owner only).
   * Resolves to nothing (204). Discogs' docs template puts `value` in the query (`{?value}`); Discogs reads the
   * JSON body `{"value": ...}` that clients send, which is what the SDK sends (and keeps the value out of URLs
   * and logs).
   *
   * @example
   * ```ts
   * await client.users.get("example").collection.folders.get(1).releases.get(352665).instances.get(instanceId)
   *   .fields.update({ field_id: 3, value: "Signed copy" });
   * ```
   */
  update(params: FieldUpdateParams, options?: RequestOptions): APIPromise<void> {
    const at = {
      username: this.#username,
      in_folder: this.#folderId,
      release_id: this.#releaseId,
      instance_id: this.#instanceId,
    };
    return call(this._client, updateInstanceField, at, params, options);
  }
}

/** `client.users.get(username).collection.releases` */
export class CollectionReleases extends APIResource {
  readonly #username: string;
  constructor(client: Discogs, username: string) {
    super(client);
    this.#username = username;
  }

  /**
   * One release of the collection (a path accessor, not awaitable), for `.list()` of its instances. Sends
   * nothing.
   *
   * @example
   * ```ts
   * for await (const item of client.users.get("example").collection.releases.get(352665).list()) {
   *   console.log(item.instance_id, item.folder_id);
   * }
   * ```
   */
  get(releaseId: number): CollectionRelease {
    return new CollectionRelease(
      this._client,
      this.#username,
      pathArg(listReleaseInstances, "release_id", releaseId, "releaseId"),
    );
  }
}

/** `client.users.get(username).collection.releases.get(releaseId)` */
export class CollectionRelease extends APIResource {
  /** The release id. */
  readonly releaseId: number;
  readonly #username: string;
  constructor(client: Discogs, username: string, releaseId: number) {
    super(client);
    this.#username = username;
    this.releaseId = releaseId;
  }

  /**
   * The instances (copies) of the release in the collection, across folders
   * (`GET /users/{username}/collection/releases/{release_id}`): a paginator, since Discogs paginates this
   * endpoint. Empty when the release is not in the collection.
   *
   * @example
   * ```ts
   * const copies = await client.users.get("example").collection.releases.get(352665).list().toArray({ limit: 100 });
   * console.log(`${copies.length} copies`, copies.map((c) => c.folder_id));
   * ```
   */
  list(params?: PageParams, options?: RequestOptions): Paginator<CollectionItem> {
    return list(
      this._client,
      listReleaseInstances,
      { username: this.#username, release_id: this.releaseId },
      params,
      options,
    );
  }
}

/** `client.users.get(username).collection.fields` */
export class CustomFields extends APIResource {
  readonly #username: string;
  constructor(client: Discogs, username: string) {
    super(client);
    this.#username = username;
  }

  /**
   * The user's custom collection fields (`GET /users/{username}/collection/fields`). An array: Discogs does not
   * paginate fields. Others see only public fields. Discogs has no API to create fields.
   *
   * @example
   * ```ts
   * const fields = await client.users.get("example").collection.fields.list();
   * const media = fields.find((f) => f.type === "dropdown");
   * console.log(media?.name, media?.options);
   * ```
   */
  list(options?: RequestOptions): Promise<CollectionField[]> {
    return call(this._client, listFields, { username: this.#username }, undefined, options).then(
      (body) => body.fields,
    );
  }
}

/** `client.users.get(username).collection.value` */
export class CollectionValueResource extends APIResource {
  readonly #username: string;
  constructor(client: Discogs, username: string) {
    super(client);
    this.#username = username;
  }

  /**
   * The collection's estimated value (`GET /users/{username}/collection/value`; owner only), as formatted
   * strings in the user's currency (`"$250.00"`), not numbers. Lazy: sent when awaited.
   *
   * @example
   * ```ts
   * const value = await client.users.get("example").collection.value.get();
   * console.log(`Median: ${value.median}, Maximum: ${value.maximum}`);
   * ```
   */
  get(options?: RequestOptions): Lazy<CollectionValue> {
    return lazyCall(this._client, getCollectionValue, { username: this.#username }, undefined, options);
  }
}
