/**
 * Endpoint declarations: each Discogs endpoint is declared once (method, path, parameters and their checks,
 * response model, list key, idempotency, what it invalidates), and the resource methods, the cache
 * invalidation, the bad-input catalog, the README's tables and the MCP tools are read from it.
 *
 * A declaration is data plus check functions; {@link prepare} turns one into a request: every argument is
 * checked (an unknown key is a `TypeError` naming it, with the nearest valid key), path segments are encoded,
 * query parameters get Discogs' names, the body is built, before anything is sent.
 *
 * @module
 */

import type { Schema } from "./decode";
import { checkKeys, intIn, optionsObject } from "./params";
import {
  checkRequestOptions,
  type APIRequest,
  type HttpMethod,
  type QueryValue,
  type RequestOptions,
  type ResponseType,
} from "./request";

/** Checks one argument: returns the value to send, or throws a `TypeError` naming `name`. */
export type Check<T = unknown> = (name: string, value: unknown) => T;

/** Where a parameter goes. */
export type ParamPlace = "path" | "query" | "body";

/** One declared parameter. */
export interface ParamSpec {
  readonly in: ParamPlace;
  /** A path parameter the caller gives in the params object (`{ release_id }`), not as a positional argument. */
  readonly given?: boolean | undefined;
  readonly check: Check;
  /** Must be given (path parameters always are). */
  readonly required: boolean;
  /** Discogs' name when it differs from the SDK's (`query` is sent as `q`). */
  readonly wire?: string | undefined;
  /** One line for generated docs and tool descriptions. */
  readonly doc?: string | undefined;
}

/** Who may call an endpoint. */
export type EndpointAuth = "none" | "any" | "user";

/** One Discogs endpoint, declared once. */
export interface Endpoint<R = unknown> {
  /** The SDK call, e.g. `releases.get` or `users.wantlist.add`. */
  readonly name: string;
  /** One line: what it returns or does. */
  readonly summary: string;
  readonly method: HttpMethod;
  /** The path with `{param}` placeholders, e.g. `/releases/{release_id}`. */
  readonly path: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** The model of the body (of one item, for lists). */
  readonly response?: Schema<R> | undefined;
  /** Paginated lists: the key of the items in a page body (`results`, `wants`, ...). */
  readonly list?: string | undefined;
  /** A list whose page body is not `{ pagination, [list]: items[] }`: the whole page's model. */
  readonly page?: Schema<unknown> | undefined;
  /** POST edits that are safe to repeat. GET, PUT and DELETE always are. */
  readonly idempotent?: boolean | undefined;
  /** GET paths a successful call drops from the cache (`{param}` substituted, `*` = and below, `{*}` = any). */
  readonly invalidates?: readonly string[] | undefined;
  /** @default "json" */
  readonly responseType?: ResponseType | undefined;
  /** Credentials needed: none, any (key/secret or a token), or a user (token or OAuth). */
  readonly auth: EndpointAuth;
  /** Known wrong names and the right one, for the unknown-key message (`q` -> `query`). */
  readonly hints?: Readonly<Record<string, string>> | undefined;
  /** Update bodies: at least one body parameter must be given. */
  readonly atLeastOne?: boolean | undefined;
  /** A rule across parameters (checked values, by the SDK's names), throwing a `TypeError` when broken. */
  readonly refine?: ((params: Readonly<Record<string, unknown>>) => void) | undefined;
  /** Writes that delete or overwrite what exists (deletes, edits), for docs and tools' annotations. */
  readonly destructive?: boolean | undefined;
}

/** A parameter in the path (always required), passed as a positional argument. */
export function inPath(check: Check, doc?: string): ParamSpec {
  return { in: "path", check, required: true, doc };
}

/** A parameter in the path that the caller gives in the params object (`wantlist.create({ release_id })`). */
export function inPathFromParams(check: Check, doc?: string): ParamSpec {
  return { in: "path", given: true, check, required: true, doc };
}

/** A query parameter. */
export function inQuery(
  check: Check,
  opts: { required?: boolean; wire?: string; doc?: string } = {},
): ParamSpec {
  return { in: "query", check, required: opts.required ?? false, wire: opts.wire, doc: opts.doc };
}

/** A body field. */
export function inBody(check: Check, opts: { required?: boolean; doc?: string } = {}): ParamSpec {
  return { in: "body", check, required: opts.required ?? false, doc: opts.doc };
}

/** `page` and `per_page`, which every list takes. */
export const PAGE_PARAMS: Readonly<Record<string, ParamSpec>> = {
  page: inQuery(intIn(1, Number.MAX_SAFE_INTEGER), { doc: "1-based page to start from (default 1)" }),
  per_page: inQuery(intIn(1, 100), { doc: "items per page, 1 to 100 (default 100)" }),
};

/** Declares an endpoint; lists get `page` and `per_page`. */
export function endpoint<R>(decl: Endpoint<R>): Endpoint<R> {
  if (decl.list === undefined) return decl;
  return { ...decl, params: { ...decl.params, ...PAGE_PARAMS } };
}

/** The parameter names a caller passes in the params object (all but the path ones). */
export function paramKeys(ep: Endpoint<unknown>): string[] {
  return Object.keys(ep.params).filter((k) => ep.params[k]!.in !== "path" || ep.params[k]!.given);
}

/**
 * Builds the request of one call: checks the path arguments and the params object against the declaration, in
 * that order, before anything is sent. `extra` adds what a resource builds itself (a multipart body).
 */
export function prepare<R>(
  ep: Endpoint<R>,
  pathArgs: Readonly<Record<string, unknown>>,
  params: unknown,
  options: RequestOptions | undefined,
  extra: Partial<APIRequest<R>> = {},
): APIRequest<R> {
  const given = optionsObject("params", params as object | undefined) as Record<string, unknown>;
  // A misspelt key first: "releaseId" is better told "did you mean release_id" than "release_id is required".
  checkKeys("params", given, paramKeys(ep), ep.hints);
  const path = fillPath(ep, pathArgs, given);
  checkRequestOptions(options); // checked again when sent; here so that a mistake throws at the call
  const query: Record<string, QueryValue> = {};
  let body: Record<string, unknown> | undefined;
  for (const [key, spec] of Object.entries(ep.params)) {
    if (spec.in === "path") continue;
    const value = given[key];
    if (value === undefined) {
      if (spec.required) throw new TypeError(`${key} is required`);
      continue;
    }
    const checked = spec.check(key, value);
    if (checked === undefined) continue;
    if (spec.in === "query") query[spec.wire ?? key] = checked as QueryValue;
    else (body ??= {})[key] = checked;
  }
  // An endpoint with a body sends one, `{}` when no field was given (Discogs reads a JSON body there).
  if (body === undefined && Object.values(ep.params).some((spec) => spec.in === "body") && !ep.atLeastOne)
    body = {};
  ep.refine?.({ ...query, ...body });
  if (ep.atLeastOne && body === undefined && extra.body === undefined) {
    const names = Object.keys(ep.params).filter((k) => ep.params[k]!.in === "body");
    throw new TypeError(`params must set at least one of ${names.join(", ")}`);
  }
  return {
    method: ep.method,
    path: path.path,
    query: Object.keys(query).length > 0 ? query : undefined,
    body,
    schema: ep.list === undefined ? ep.response : undefined,
    idempotent: ep.idempotent,
    responseType: ep.responseType,
    invalidates: ep.invalidates?.map((p) => substitute(p, path.values)),
    options,
    ...extra,
  };
}

/**
 * Checks one path argument where a resource method receives it, with the declaration's check, naming the
 * argument as the caller wrote it (`id`, `username`).
 */
export function pathArg<T>(ep: Endpoint<unknown>, key: string, value: unknown, name: string): T {
  const spec = ep.params[key];
  if (!spec || spec.in !== "path") throw new Error(`${ep.name} declares no path parameter ${key}`);
  return spec.check(name, value) as T;
}

/** Checks and encodes the path parameters. */
function fillPath(
  ep: Endpoint<unknown>,
  args: Readonly<Record<string, unknown>>,
  given: Readonly<Record<string, unknown>>,
): { path: string; values: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const [key, spec] of Object.entries(ep.params)) {
    if (spec.in !== "path") continue;
    const value = spec.given ? given[key] : args[key];
    if (spec.given && value === undefined) throw new TypeError(`${key} is required`);
    values[key] = encodeURIComponent(String(spec.check(key, value)));
  }
  return { path: substitute(ep.path, values), values };
}

function substitute(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}
