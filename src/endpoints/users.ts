/**
 * The user endpoints: identity, profiles, submissions, contributions, lists, the collection and the wantlist.
 *
 * @module
 */

import { endpoint, inBody, inPath, inPathFromParams, inQuery } from "../core/endpoint";
import { enumOf, intIn, nonEmptyString, nonNegativeId, optString, positiveId, segment } from "../core/params";
import {
  CollectionFieldsSchema,
  CollectionFolderSchema,
  CollectionFoldersSchema,
  CollectionInstanceCreatedSchema,
  CollectionItemSchema,
  CollectionValueSchema,
  ContributionSchema,
  IdentitySchema,
  ListSchema,
  ListSummarySchema,
  SubmissionsPageSchema,
  UserSchema,
  WantSchema,
} from "../models/users";
import { CURRENCIES, SORT_ORDERS } from "./values";

/** Sort keys of a collection folder's releases. */
export const COLLECTION_SORTS = [
  "label",
  "artist",
  "title",
  "catno",
  "format",
  "rating",
  "added",
  "year",
] as const;
/** Sort keys of a user's contributions. */
export const CONTRIBUTION_SORTS = [
  "label",
  "artist",
  "title",
  "catno",
  "format",
  "rating",
  "year",
  "added",
] as const;

const username = inPath(segment, "username");
const sortOrder = inQuery(enumOf(SORT_ORDERS), { doc: "asc or desc" });
/** An optional 0..5 rating (`0` clears it), as the collection and the wantlist take it. */
const rating = intIn(0, 5);

/**
 * A collection folder that can be renamed or deleted: Discogs refuses both for folder 0 ("All") and 1
 * ("Uncategorized").
 */
export function editableFolderId(name: string, value: unknown): number {
  const id = nonNegativeId(name, value);
  if (id <= 1)
    throw new TypeError(
      `${name} ${id} (${id === 0 ? '"All"' : '"Uncategorized"'}) cannot be renamed or deleted`,
    );
  return id;
}

/** A folder that can take releases: not folder 0 ("All"). */
export function receivingFolderId(name: string, value: unknown): number {
  const id = nonNegativeId(name, value);
  if (id === 0)
    throw new TypeError(
      `${name} 0 ("All") cannot take releases: add them to folder 1 ("Uncategorized") or another`,
    );
  return id;
}

export const getIdentity = endpoint({
  name: "user.identity",
  summary: "Who the credentials belong to: id, username, consumer name",
  method: "GET",
  path: "/oauth/identity",
  params: {},
  response: IdentitySchema,
  auth: "user",
});

export const getUser = endpoint({
  name: "users.get",
  summary: "A user's profile: name, location, counts, rating",
  method: "GET",
  path: "/users/{username}",
  params: { username },
  response: UserSchema,
  auth: "none",
});

export const updateUser = endpoint({
  name: "users.update",
  summary: "Edits the user's own profile",
  method: "POST",
  path: "/users/{username}",
  params: {
    username,
    name: inBody(optString),
    home_page: inBody(optString),
    location: inBody(optString),
    profile: inBody(optString),
    curr_abbr: inBody(enumOf(CURRENCIES), { doc: "the user's currency" }),
  },
  atLeastOne: true,
  idempotent: true,
  response: UserSchema,
  invalidates: ["/users/{username}"],
  auth: "user",
});

export const listSubmissions = endpoint({
  name: "users.submissions.list",
  summary: "The releases, artists and labels a user submitted",
  method: "GET",
  path: "/users/{username}/submissions",
  params: { username },
  list: "submissions",
  page: SubmissionsPageSchema,
  auth: "none",
});

export const listContributions = endpoint({
  name: "users.contributions.list",
  summary: "The releases a user contributed to",
  method: "GET",
  path: "/users/{username}/contributions",
  params: { username, sort: inQuery(enumOf(CONTRIBUTION_SORTS), { doc: "sort key" }), sort_order: sortOrder },
  response: ContributionSchema,
  list: "contributions",
  auth: "none",
});

export const listUserLists = endpoint({
  name: "users.lists.list",
  summary: "A user's public lists",
  method: "GET",
  path: "/users/{username}/lists",
  params: { username },
  response: ListSummarySchema,
  list: "lists",
  auth: "none",
});

export const getList = endpoint({
  name: "lists.get",
  summary: "A list and its items",
  method: "GET",
  path: "/lists/{list_id}",
  params: { list_id: inPath(positiveId, "list id") },
  response: ListSchema,
  auth: "none",
});

// Collection ------------------------------------------------------------------------------------------------

const folderId = inPath(nonNegativeId, "folder id (0 = All, 1 = Uncategorized)");
const folders = "/users/{username}/collection/folders";
const instanceDrops = [
  "/users/{username}/collection/folders*",
  "/users/{username}/collection/releases/{release_id}*",
  "/users/{username}/collection/value",
  "/users/{username}",
];

export const listFolders = endpoint({
  name: "users.collection.folders.list",
  summary: "A user's collection folders with their item counts",
  method: "GET",
  path: folders,
  params: { username },
  response: CollectionFoldersSchema,
  auth: "none",
});

export const createFolder = endpoint({
  name: "users.collection.folders.create",
  summary: "Creates a collection folder (a create: never retried)",
  method: "POST",
  path: folders,
  params: { username, name: inBody(nonEmptyString, { required: true }) },
  response: CollectionFolderSchema,
  invalidates: [folders],
  auth: "user",
});

export const getFolder = endpoint({
  name: "users.collection.folders.get",
  summary: "One collection folder",
  method: "GET",
  path: `${folders}/{folder_id}`,
  params: { username, folder_id: folderId },
  response: CollectionFolderSchema,
  auth: "none",
});

const folderDrops = [folders, `${folders}/{folder_id}*`];

export const updateFolder = endpoint({
  name: "users.collection.folders.update",
  summary: "Renames a collection folder",
  method: "POST",
  path: `${folders}/{folder_id}`,
  params: {
    username,
    folder_id: inPath(editableFolderId, "folder id (not 0 or 1)"),
    name: inBody(nonEmptyString, { required: true }),
  },
  idempotent: true,
  response: CollectionFolderSchema,
  invalidates: folderDrops,
  auth: "user",
});

export const deleteFolder = endpoint<void>({
  name: "users.collection.folders.delete",
  summary: "Deletes an empty collection folder",
  method: "DELETE",
  path: `${folders}/{folder_id}`,
  params: { username, folder_id: inPath(editableFolderId, "folder id (not 0 or 1)") },
  responseType: "none",
  invalidates: folderDrops,
  auth: "user",
  destructive: true,
});

export const listFolderReleases = endpoint({
  name: "users.collection.folders.releases.list",
  summary: "The release instances in a collection folder (0 = the whole collection)",
  method: "GET",
  path: `${folders}/{folder_id}/releases`,
  params: {
    username,
    folder_id: folderId,
    sort: inQuery(enumOf(COLLECTION_SORTS), { doc: "sort key" }),
    sort_order: sortOrder,
  },
  response: CollectionItemSchema,
  list: "releases",
  auth: "none",
});

export const addToFolder = endpoint({
  name: "users.collection.folders.releases.create",
  summary: "Adds a release to a collection folder (a create: never retried)",
  method: "POST",
  path: `${folders}/{folder_id}/releases/{release_id}`,
  params: {
    username,
    folder_id: inPath(receivingFolderId, "folder id (not 0)"),
    release_id: inPathFromParams(positiveId, "the release to add"),
  },
  response: CollectionInstanceCreatedSchema,
  invalidates: instanceDrops,
  auth: "user",
});

// The instance's folder is `{in_folder}` here: an update's body has its own `folder_id` (the folder to move to).
const instancePath = `${folders}/{in_folder}/releases/{release_id}/instances/{instance_id}`;
const instanceParams = {
  username,
  in_folder: folderId,
  release_id: inPath(positiveId, "release id"),
  instance_id: inPath(positiveId, "instance id"),
};

export const updateInstance = endpoint<void>({
  name: "users.collection.instances.update",
  summary: "Rates a release instance or moves it to another folder",
  method: "POST",
  path: instancePath,
  params: {
    ...instanceParams,
    rating: inBody(rating, { doc: "0 to 5" }),
    folder_id: inBody(positiveId, { doc: "the folder to move to" }),
  },
  atLeastOne: true,
  idempotent: true,
  responseType: "none",
  invalidates: instanceDrops,
  auth: "user",
});

export const deleteInstance = endpoint<void>({
  name: "users.collection.instances.delete",
  summary: "Removes a release instance from the collection",
  method: "DELETE",
  path: instancePath,
  params: instanceParams,
  responseType: "none",
  invalidates: instanceDrops,
  auth: "user",
  destructive: true,
});

export const updateInstanceField = endpoint<void>({
  name: "users.collection.instances.fields.update",
  summary: "Sets a custom field (notes) of a release instance",
  method: "POST",
  path: `${instancePath}/fields/{field_id}`,
  params: {
    ...instanceParams,
    field_id: inPathFromParams(positiveId, "the custom field"),
    value: inBody(optString, { required: true }),
  },
  idempotent: true,
  responseType: "none",
  invalidates: [
    "/users/{username}/collection/folders*",
    "/users/{username}/collection/releases/{release_id}*",
  ],
  auth: "user",
});

export const listReleaseInstances = endpoint({
  name: "users.collection.releases.list",
  summary: "The instances of one release in a user's collection",
  method: "GET",
  path: "/users/{username}/collection/releases/{release_id}",
  params: { username, release_id: inPath(positiveId, "release id") },
  response: CollectionItemSchema,
  list: "releases",
  auth: "none",
});

export const listFields = endpoint({
  name: "users.collection.fields.list",
  summary: "A user's custom collection fields",
  method: "GET",
  path: "/users/{username}/collection/fields",
  params: { username },
  response: CollectionFieldsSchema,
  auth: "none",
});

export const getCollectionValue = endpoint({
  name: "users.collection.value.get",
  summary: "The collection's estimated minimum, median and maximum value",
  method: "GET",
  path: "/users/{username}/collection/value",
  params: { username },
  response: CollectionValueSchema,
  auth: "user",
});

// Wantlist --------------------------------------------------------------------------------------------------

const wants = "/users/{username}/wants";
const wantDrops = [`${wants}*`, "/users/{username}"];

export const listWants = endpoint({
  name: "users.wantlist.list",
  summary: "A user's wantlist",
  method: "GET",
  path: wants,
  params: { username },
  response: WantSchema,
  list: "wants",
  auth: "none",
});

export const addWant = endpoint({
  name: "users.wantlist.create",
  summary: "Adds a release to the wantlist",
  method: "PUT",
  path: `${wants}/{release_id}`,
  params: {
    username,
    release_id: inPathFromParams(positiveId, "the release to want"),
    notes: inBody(optString),
    rating: inBody(rating, { doc: "0 to 5" }),
  },
  response: WantSchema,
  invalidates: wantDrops,
  auth: "user",
});

export const updateWant = endpoint({
  name: "users.wantlist.update",
  summary: "Edits a want's notes or rating",
  method: "POST",
  path: `${wants}/{release_id}`,
  params: {
    username,
    release_id: inPath(positiveId, "release id"),
    notes: inBody(optString),
    rating: inBody(rating, { doc: "0 to 5" }),
  },
  atLeastOne: true,
  idempotent: true,
  response: WantSchema,
  invalidates: wantDrops,
  auth: "user",
});

export const deleteWant = endpoint<void>({
  name: "users.wantlist.delete",
  summary: "Removes a release from the wantlist",
  method: "DELETE",
  path: `${wants}/{release_id}`,
  params: { username, release_id: inPath(positiveId, "release id") },
  responseType: "none",
  invalidates: wantDrops,
  auth: "user",
  destructive: true,
});
