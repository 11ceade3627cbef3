/**
 * The MCP tools, generated from the endpoint declarations (`src/endpoints`) and the models (`src/models`).
 *
 * Every tool is one declared endpoint. From the declaration come its name (`users.wantlist.list` ->
 * `discogs_list_wantlist`), its description (the declaration's summary), its input schema (the parameters' checks
 * as JSON Schema, with their one-line docs), its output schema (the response model's JSON Schema, projected onto
 * the fields a summary shows) and its annotations (method, idempotency, destructiveness). The few things a
 * declaration cannot say are in {@link TOOL_NOTES} (a friendlier name, a "when to use" line, a default argument,
 * whether the tool is in the default set), {@link SUMMARY_FIELDS} and {@link ITEM_FIELDS} (the fields a summary
 * shows, per model, of an object and of a list item): data, not code. `test/mcp-catalog.test.ts` counts how much of
 * every definition is derived.
 *
 * @module
 */

import type { Endpoint } from "../core/endpoint";
import type { Schema } from "../core/decode";
import { nearestKey } from "../core/params";
import { ENDPOINTS } from "../endpoints/index";
import { inputSchema } from "../endpoints/schema";
import {
  ArtistReleaseSchema,
  ArtistSchema,
  LabelReleaseSchema,
  LabelSchema,
  MasterSchema,
  MasterVersionSchema,
  ReleaseSchema,
  SearchResultSchema,
} from "../models/database";
import { ListingSchema, OrderMessageSchema, OrderSchema } from "../models/marketplace";
import { toJsonSchema, type JsonSchema } from "../models/schema";
import { CollectionItemSchema, ListSchema, ListSummarySchema, UserSchema, WantSchema } from "../models/users";
import { outputShape, parsePicks, shallow, type Picks } from "./shape";

/** The prefix of every tool name. */
export const TOOL_PREFIX = "discogs_";
/** The longest tool name allowed (Cursor counts server + tool name against 60 characters). */
export const MAX_TOOL_NAME = 40;
/**
 * How deep the advertised output schemas type the answer: the summary's fields (of each item, for lists); their
 * contents are typed as objects or arrays only. Typing every level more than doubled the `tools/list` size (the
 * 12 KB budget) for little use to a model; the answer is still checked against every level.
 */
export const OUTPUT_DEPTH = 1;
/** Items per page of a list tool unless `per_page` says otherwise. */
export const DEFAULT_PER_PAGE = 10;

/** What a tool does: reads one object, reads one page of a list, or writes. */
export type ToolKind = "get" | "list" | "write";

/** Behaviour hints of a tool, as MCP's `ToolAnnotations` carries them. */
export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
}

/** One generated tool: its MCP definition and what running it needs. */
export interface ToolDef {
  /** `discogs_...`, at most {@link MAX_TOOL_NAME} characters. */
  readonly name: string;
  readonly description: string;
  /** The arguments as JSON Schema (an object, unknown keys refused). */
  readonly inputSchema: JsonSchema;
  /** Read tools: the answer's `structuredContent` as JSON Schema. */
  readonly outputSchema: JsonSchema | undefined;
  readonly annotations: ToolHints;
  readonly kind: ToolKind;
  /** The declaration the tool calls. */
  readonly endpoint: Endpoint<unknown>;
  /** The summary's shape: of the body (get, write result) or of one item (list); undefined: no body. */
  readonly shape: JsonSchema | undefined;
  /** The key of the items in a page body (`results`, `wants`...), for lists. */
  readonly listKey: string | undefined;
  /** Arguments filled in when not given (`folder_id: 0` for the whole collection). */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Path parameters that default to the authenticated user (`username`). */
  readonly self: readonly string[];
  /** Whether the tool is in the default set. */
  readonly isDefault: boolean;
}

/** What a declaration cannot say about its tool. Everything here is optional. */
interface ToolNote {
  /** A friendlier name than the derived one. */
  name?: string;
  /** One sentence: when to use the tool (appended to the declaration's summary). */
  when?: string;
  /** Arguments that may be left out, with the value used then. */
  defaults?: Record<string, unknown>;
  /** The summary's fields, when the tool's model is not in {@link SUMMARY_FIELDS}. */
  fields?: string;
  /** In the default tool set. */
  default?: true;
}

/**
 * The per-tool notes, by declaration name, in the order of the default tool list (the rest follow in the
 * declarations' order).
 */
const TOOL_NOTES: Readonly<Record<string, ToolNote>> = {
  // The default set (15 tools, under 12 KB of tools/list): the database, your collection and wantlist.
  search: { default: true, when: "Start here: finds the ids other tools take." },
  "releases.get": { default: true },
  "masters.get": { default: true, when: "An album across its pressings." },
  "masters.versions.list": { default: true },
  "artists.get": { default: true },
  "artists.releases.list": { default: true },
  "labels.get": { default: true },
  "users.get": { default: true, when: "Yours without username." },
  "users.collection.folders.releases.list": {
    name: "discogs_list_collection",
    default: true,
    defaults: { folder_id: 0 },
    when: "Without folder_id: the whole collection.",
  },
  "users.collection.folders.list": { default: true },
  "users.wantlist.list": { default: true },
  "users.collection.folders.releases.create": {
    name: "discogs_add_to_collection",
    default: true,
    defaults: { folder_id: 1 },
  },
  "users.wantlist.create": { name: "discogs_add_to_wantlist", default: true },
  "users.wantlist.delete": { name: "discogs_remove_from_wantlist", default: true },
  "releases.rating.update": { name: "discogs_rate_release", default: true },
  // Opt-in (`tools: [...]`): the rest of the catalog, in this order first.
  "labels.releases.list": {},
  "releases.marketplaceStats.get": { when: "What a release sells for." },
  "users.collection.value.get": {},
  "users.collection.instances.delete": {
    name: "discogs_remove_from_collection",
    when: "Ids from discogs_list_collection.",
  },
  "users.collection.releases.list": {
    name: "discogs_list_release_instances",
    when: "A release's instance ids in a collection.",
  },
  "users.inventory.list": {},
  "marketplace.listings.get": {},
  "marketplace.orders.list": {},
  "marketplace.orders.get": {},
  "marketplace.orders.messages.list": {},
  "marketplace.orders.update": {},
  "marketplace.orders.messages.create": {},
  "lists.get": {},
  "users.lists.list": { name: "discogs_list_user_lists" },
  "users.wantlist.update": { name: "discogs_update_want" },
  "users.submissions.list": {
    fields: "submissions(artists(id name) labels(id name) releases(id title year))",
  },
};

/**
 * The fields a summary shows, per model (`detail: "full"` returns every field). Models not named here show every
 * field but links and images.
 */
const SUMMARY_FIELDS = new Map<Schema<unknown>, string>([
  [
    ReleaseSchema,
    "id title year country released artists(id name join) labels(id name catalog_number) " +
      "formats(name quantity descriptions) genres styles tracklist(position title duration) " +
      "community(have want rating) master_id num_for_sale lowest_price",
  ],
  [
    MasterSchema,
    "id title year main_release artists(id name) genres styles tracklist(position title duration) " +
      "num_for_sale lowest_price",
  ],
  [ArtistSchema, "id name realname profile members(id name active) groups(id name) aliases(id name)"],
  [LabelSchema, "id name profile contact_info parent_label(id name) sub_labels(id name)"],
  [
    ListingSchema,
    "id status condition sleeve_condition price(value currency) posted comments seller(id username) " +
      "release(id description year catalog_number)",
  ],
  [
    OrderSchema,
    "id status next_status created last_activity total(value currency) buyer(username) seller(username) " +
      "items(id price(value currency) media_condition release(id description))",
  ],
  [
    UserSchema,
    "id username name location profile num_collection num_wantlist num_for_sale num_lists seller_rating",
  ],
  [ListSchema, "id list_id name description public items(id type display_title comment)"],
]);

/**
 * The fields a summary shows of each item of a list (ten to a page, so fewer than of an object alone). Models not
 * named here use {@link SUMMARY_FIELDS}, else every field but links and images.
 */
const ITEM_FIELDS = new Map<Schema<unknown>, string>([
  [ReleaseSchema, "id title year artists(id name) formats(name)"],
  [MasterVersionSchema, "id title format label catalog_number country released"],
  [ArtistReleaseSchema, "id type title year role format label main_release"],
  [LabelReleaseSchema, "id title artist year format catalog_number"],
  [SearchResultSchema, "id type title year country format label catalog_number"],
  [
    CollectionItemSchema,
    "id instance_id folder_id rating basic_information(title year artists(id name) formats(name))",
  ],
  [WantSchema, "id rating notes basic_information(title year artists(id name) formats(name))"],
  [ListingSchema, "id status condition price(value currency) release(id description)"],
  [OrderSchema, "id status created total(value currency) buyer(username) items(release(description))"],
  [OrderMessageSchema, "timestamp subject message from_user(username)"],
  [ListSummarySchema, "id name description public"],
]);

/** Declarations that get no tool, and why (said in docs/mcp.md). */
export const NOT_TOOLS: Readonly<Record<string, string>> = {
  getRequestToken: "a step of the OAuth flow, for apps, not agents",
  getAccessToken: "a step of the OAuth flow, for apps, not agents",
  "exports.download": "a whole inventory as CSV, too large for an answer",
  "uploads.create": "takes a CSV file",
  "uploads.change": "takes a CSV file",
  "uploads.delete": "takes a CSV file",
};

const VERBS = new Set(["get", "list", "create", "update", "delete", "request"]);
const SINGULAR: Readonly<Record<string, string>> = {
  releases: "release",
  masters: "master",
  artists: "artist",
  labels: "label",
  listings: "listing",
  orders: "order",
  messages: "message",
  folders: "folder",
  instances: "instance",
  fields: "field",
  lists: "list",
  exports: "export",
  uploads: "upload",
  versions: "version",
};
/** Namespaces a name leaves out when more follows (`users.wantlist.list` -> `list_wantlist`). */
const NAMESPACES = new Set(["users", "user", "marketplace"]);

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The tool name a declaration gets by rule: `discogs_<verb>_<nouns>`, the namespace left out, nouns singular but
 * the last one of a list, a qualifier appended (`releases.rating.get(username)` ->
 * `discogs_get_release_rating_by_username`).
 */
export function derivedName(ep: Endpoint<unknown>): string {
  const m = /^([\w.]+?)(?:\((\w+)\))?$/.exec(ep.name);
  if (!m) throw new Error(`cannot derive a tool name from ${ep.name}`);
  const parts = m[1]!.split(".").map(snake);
  let verb = parts.length > 1 && VERBS.has(parts[parts.length - 1]!) ? parts.pop()! : undefined;
  if (verb === undefined && parts.length > 1) verb = "get";
  while (parts.length > 1 && NAMESPACES.has(parts[0]!)) parts.shift();
  const nouns = parts.map((p, i) =>
    verb === "list" && i === parts.length - 1 ? p : (SINGULAR[p] ?? p.replace(/^users$/, "user")),
  );
  const words = [...(verb ? [verb] : []), ...nouns, ...(m[2] ? ["by", m[2]] : [])];
  return TOOL_PREFIX + words.join("_");
}

/** Whether a write adds something (a create) rather than changing or removing what is there. */
function isCreate(ep: Endpoint<unknown>): boolean {
  return (ep.method === "POST" && !ep.idempotent) || /\.(create|request)$/.test(ep.name);
}

/** The annotations a declaration implies. */
export function derivedHints(ep: Endpoint<unknown>): ToolHints {
  if (ep.method === "GET") return { readOnlyHint: true };
  return {
    readOnlyHint: false,
    // An overwrite or a removal is destructive; a create only adds.
    destructiveHint: ep.destructive === true || ep.method === "DELETE" || !isCreate(ep),
    idempotentHint: ep.method !== "POST" || ep.idempotent === true,
  };
}

/** Arguments every read tool takes. */
const DETAIL_ARG: JsonSchema = { enum: ["summary", "full"] };
/** The argument that sends a write. */
const CONFIRM_ARG: JsonSchema = { type: "boolean", description: "true: send it (else a dry run)" };

/** Options of {@link buildCatalog} (the pure derivation switches every note off, for the derived-share count). */
export interface CatalogOptions {
  /** Apply {@link TOOL_NOTES} and {@link SUMMARY_FIELDS}. @default true */
  notes?: boolean;
}

/** Every tool, in catalog order: the default set first, in {@link TOOL_NOTES}' order. */
export function buildCatalog(options: CatalogOptions = {}): ToolDef[] {
  const notes = options.notes ?? true;
  const order = Object.keys(TOOL_NOTES);
  const eps = ENDPOINTS.filter((ep) => !Object.hasOwn(NOT_TOOLS, ep.name));
  const rank = (ep: Endpoint<unknown>) => {
    const i = order.indexOf(ep.name);
    return i < 0 ? order.length : i;
  };
  const sorted = [...eps].sort((a, b) => rank(a) - rank(b));
  const defs = sorted.map((ep) => buildTool(ep, notes ? TOOL_NOTES[ep.name] : undefined, notes));
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.name)) throw new Error(`two tools are named ${d.name}`);
    seen.add(d.name);
    if (!d.name.startsWith(TOOL_PREFIX) || d.name.length > MAX_TOOL_NAME || !/^[a-z0-9_]+$/.test(d.name))
      throw new Error(`tool name ${d.name} breaks the naming rule`);
  }
  for (const name of Object.keys(TOOL_NOTES))
    if (!ENDPOINTS.some((ep) => ep.name === name))
      throw new Error(`TOOL_NOTES names no declaration: ${name}`);
  return defs;
}

function buildTool(ep: Endpoint<unknown>, note: ToolNote | undefined, notes: boolean): ToolDef {
  const kind: ToolKind = ep.method !== "GET" ? "write" : ep.list !== undefined ? "list" : "get";
  const name = note?.name ?? derivedName(ep);
  const input = inputSchema(ep);
  const properties = { ...(input.properties as Record<string, JsonSchema>) };
  const required = new Set((input.required as string[] | undefined) ?? []);
  const defaults = { ...note?.defaults };
  for (const [key, value] of Object.entries(defaults)) {
    if (!properties[key]) throw new Error(`${name}: default for ${key}, which it does not take`);
    required.delete(key);
    properties[key] = { ...properties[key]!, default: value };
  }
  const self = Object.keys(properties).filter((k) => k === "username" && ep.params[k]!.in === "path");
  for (const key of self) {
    required.delete(key);
    properties[key] = withDoc(properties[key]!, "default: you", true);
  }
  if (kind === "list") {
    // Their docs say the SDK's defaults; the tools' are given as JSON Schema `default`. The page's upper bound is
    // Number.MAX_SAFE_INTEGER, a limit of JavaScript rather than of the argument.
    const { description: _p, ...perPage } = properties.per_page!;
    const { description: _q, maximum: _m, ...page } = properties.page!;
    properties.page = { ...page, default: 1 };
    properties.per_page = { ...perPage, default: DEFAULT_PER_PAGE };
  }
  for (const [key, schema] of Object.entries(properties)) properties[key] = withoutEchoDoc(key, schema);
  if (kind === "write") properties.confirm = CONFIRM_ARG;
  else properties.detail = DETAIL_ARG;

  const model = ep.page ?? ep.response;
  const modelFields = (m: Schema<unknown>) =>
    (kind === "list" ? ITEM_FIELDS.get(m) : undefined) ?? SUMMARY_FIELDS.get(m);
  const fields = note?.fields ?? (notes && ep.response ? modelFields(ep.response) : undefined);
  const picks: Picks | undefined = fields === undefined ? undefined : parsePicks(fields);
  let shape = model ? outputShape(toJsonSchema(model), picks, name) : undefined;
  let outputSchema: JsonSchema | undefined;
  if (kind === "list") {
    let item: JsonSchema = { type: "object", properties: {} };
    if (shape && ep.page) {
      // A page that is not `{ pagination, [list]: items[] }`: its list key holds one object.
      const props = { ...(shape.properties as Record<string, JsonSchema>) };
      delete props.pagination;
      shape = { type: "object", properties: props };
      outputSchema = { type: "object", properties: { ...props, ...PAGE_FIELDS } };
    } else {
      item = shape ?? item;
      outputSchema = {
        type: "object",
        properties: { items: { type: "array", items: item }, ...PAGE_FIELDS },
      };
    }
  } else if (kind === "get") {
    outputSchema = shape ?? { type: "object", properties: {} };
  }
  if (outputSchema)
    outputSchema = shallow(outputSchema, kind === "list" && !ep.page ? OUTPUT_DEPTH + 1 : OUTPUT_DEPTH);
  const description = `${ep.summary}.${note?.when ? ` ${note.when}` : ""}`;
  return {
    name,
    description,
    // No `additionalProperties: false`: the tool refuses an unknown argument itself, naming the nearest one (26
    // bytes a tool of the 12 KB budget).
    inputSchema: { type: "object", properties, ...(required.size ? { required: [...required] } : {}) },
    outputSchema,
    annotations: derivedHints(ep),
    kind,
    endpoint: ep,
    shape,
    listKey: ep.list,
    defaults,
    self,
    isDefault: note?.default === true,
  };
}

/** The page fields of a list tool's answer. */
const PAGE_FIELDS: Readonly<Record<string, JsonSchema>> = {
  page: { type: "integer" },
  pages: { type: "integer" },
  total: { type: "integer" },
  next_page: { type: ["integer", "null"] },
};

/**
 * `schema` without its description when the description only repeats what the name and the schema already say
 * (`release_id`: "release id", an enum of `asc`, `desc`: "asc or desc", minimum 0, maximum 5: "0 to 5").
 */
function withoutEchoDoc(name: string, schema: JsonSchema): JsonSchema {
  if (typeof schema.description !== "string") return schema;
  const said = new Set(
    [name, ...((schema.enum as unknown[] | undefined) ?? []), schema.minimum, schema.maximum]
      .filter((v) => v !== undefined)
      .flatMap((v) =>
        String(v)
          .toLowerCase()
          .split(/[^a-z0-9]+/),
      ),
  );
  const words = schema.description
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (!words.every((w) => said.has(w) || ECHO_WORDS.has(w))) return schema;
  const { description: _, ...rest } = schema;
  return rest;
}

/** Words a description may add and still only repeat its parameter. */
const ECHO_WORDS = new Set(["the", "a", "or", "to", "of", "and"]);

/** `schema` with `doc` as its description (replacing it, or appended to it). */
function withDoc(schema: JsonSchema, doc: string, replace = false): JsonSchema {
  const own = typeof schema.description === "string" && !replace ? `${schema.description}, ` : "";
  return { ...schema, description: own + doc };
}

let catalog: ToolDef[] | undefined;

/** The catalog, built once per process (the definitions are immutable). */
export function getCatalog(): readonly ToolDef[] {
  return (catalog ??= buildCatalog());
}

/**
 * The tools a server registers: `names` (checked: an unknown name is a `TypeError` with the nearest one), or the
 * default set; without the write tools when `readOnly`, and without the tools that need credentials when the
 * client has none (`authenticated: false`).
 */
export function selectTools(
  names: readonly string[] | undefined,
  readOnly: boolean,
  authenticated = true,
): ToolDef[] {
  const all = getCatalog();
  // Without credentials, the tools of endpoints that need them would only fail.
  const usable = (t: ToolDef) => authenticated || t.endpoint.auth === "none";
  if (names === undefined)
    return all.filter((t) => t.isDefault && (!readOnly || t.kind !== "write") && usable(t));
  if (!Array.isArray(names)) throw new TypeError("tools must be an array of tool names");
  const known = all.map((t) => t.name);
  const picked: ToolDef[] = [];
  for (const name of names) {
    const tool = typeof name === "string" ? all.find((t) => t.name === name) : undefined;
    if (!tool) {
      const near = typeof name === "string" ? nearestKey(name, known) : undefined;
      throw new TypeError(
        `tools names an unknown tool ${JSON.stringify(name)}` +
          (near ? `: did you mean ${JSON.stringify(near)}?` : "") +
          " (the tools: toolNames() from discogs-sdk/mcp, or discogs-mcp --list-tools)",
      );
    }
    if (readOnly && tool.kind === "write")
      throw new TypeError(
        `tools names ${name}, a write tool, but readOnly is true (it registers no write tool)`,
      );
    if (!usable(tool))
      throw new TypeError(`tools names ${name}, which needs Discogs credentials, and the client has none`);
    if (!picked.includes(tool)) picked.push(tool);
  }
  return picked;
}
