/**
 * Running one tool call: the arguments checked against the declaration (the SDK's own checks, so a mistake reads
 * as the SDK's `TypeError`: the argument named, the nearest valid key suggested), one request through the
 * client (its limiter, cache, retries and redaction), and the answer cut to its summary, checked against the
 * tool's output schema, and rendered as text. Writes without `confirm: true` send nothing and answer with the
 * exact request. Every failure is an answer with `isError: true` and a message a model can act on.
 *
 * @module
 */

import type { McpClient } from "./client";
import type { Schema } from "../core/decode";
import { prepare } from "../core/endpoint";
import { nearestKey } from "../core/params";
import type { APIRequest } from "../core/request";
import { pageSchema } from "../models/common";
import { renameInPlace, validate, type JsonSchema, type SafeParseResult } from "../models/schema";
import { DEFAULT_PER_PAGE, type ToolDef } from "./catalog";
import { renderItem, renderObject } from "./render";
import { conformRoot, project } from "./shape";

/** A tool call's answer, as MCP's `CallToolResult` carries it. */
export interface ToolAnswer {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** What a call runs with. */
export interface RunContext {
  /** The one client every call of every session shares. */
  client: McpClient;
  /** The longest a call may take, in ms, before it answers that it could not finish. */
  timeoutMs: number;
  /** MCP's cancellation of the call. */
  signal?: AbortSignal | undefined;
}

/** Strings longer than this are cut in a summary (`detail: "full"` has them whole). */
export const SUMMARY_MAX_STRING = 400;
/** Arrays longer than this are cut in a summary (a track list of a box set); the answer says so. */
export const SUMMARY_MAX_ITEMS = 20;
/** Warnings listed in one answer; the rest are counted. */
const MAX_WARNINGS = 5;

/** Thrown into the call's signal when the call's time bound passes. */
class CallTimeout extends Error {}

/** An argument error, answered as such (the SDK's own checks throw `TypeError`s too). */
class ArgumentError extends TypeError {}

/** Runs one call of `tool`; never throws (a failure is an `isError` answer). */
export async function runTool(tool: ToolDef, args: unknown, ctx: RunContext): Promise<ToolAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CallTimeout()), ctx.timeoutMs);
  const onAbort = () => controller.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (ctx.signal?.aborted) onAbort();
    return await run(tool, args, ctx.client, controller.signal);
  } catch (e) {
    return errorAnswer(tool, e, ctx, controller.signal);
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener("abort", onAbort);
  }
}

async function run(tool: ToolDef, raw: unknown, client: McpClient, signal: AbortSignal): Promise<ToolAnswer> {
  const ep = tool.endpoint;
  const args = checkArgs(tool, raw);
  const { detail, confirm, ...params } = args;
  if (detail !== undefined && detail !== "summary" && detail !== "full")
    throw new ArgumentError(`detail must be "summary" or "full", got ${JSON.stringify(detail)}`);
  if (confirm !== undefined && typeof confirm !== "boolean")
    throw new ArgumentError(
      `confirm must be true (send it) or false (a dry run), got ${JSON.stringify(confirm)}`,
    );
  for (const [key, value] of Object.entries(tool.defaults)) params[key] ??= value;
  if (tool.kind === "list") params.per_page ??= DEFAULT_PER_PAGE;

  // Every argument is checked before anything is sent, the identity look-up included.
  const missingSelf = tool.self.filter((k) => params[k] === undefined);
  const placeholder = Object.fromEntries(missingSelf.map((k) => [k, "you"]));
  build(tool, { ...params, ...placeholder }, signal);
  if (missingSelf.length > 0) {
    if (client.authMode === "none") {
      throw new ArgumentError(
        `${missingSelf.join(", ")} is required: the server has no Discogs credentials to tell who "you" are`,
      );
    }
    const me = await client.user.identity({ signal });
    for (const k of missingSelf) params[k] = me.username;
  }
  const issues: string[] = [];
  const req = build(tool, params, signal, issues);

  if (tool.kind === "write") {
    const request = describe(client, req);
    if (confirm !== true) {
      return {
        content: [
          {
            type: "text",
            text:
              `Dry run, nothing was sent. This call would send:\n${requestLine(request)}\n` +
              `Call ${tool.name} again with the same arguments and confirm: true to send it.`,
          },
        ],
        structuredContent: { dry_run: true, request },
      };
    }
    const data = await client._request(req);
    const result = tool.shape && data !== undefined ? project(tool.shape, data) : null;
    const lines = [`Sent: ${requestLine(request)}`];
    if (result && typeof result === "object") lines.push(...renderObject(result as Record<string, unknown>));
    return finish(client, { dry_run: false, request, result }, lines, issues, [], []);
  }

  const data = await client._request(req);
  const full = detail === "full";
  if (tool.kind === "get") {
    const shape = tool.shape ?? { type: "object", properties: {} };
    const dropped: string[] = [];
    const cuts: string[] = [];
    const out = conformRoot(shape, full ? data : summary(shape, data, cuts), dropped);
    const lines = renderObject(full ? (project(shape, out) as Record<string, unknown>) : out);
    return finish(client, out, lines, issues, dropped, cuts);
  }

  // A list: one page.
  const body = (data ?? {}) as Record<string, unknown>;
  const pagination = (body.pagination ?? {}) as Record<string, unknown>;
  const page = num(pagination.page) ?? num(params.page) ?? 1;
  const pages = num(pagination.pages) ?? page;
  const paging = {
    page,
    pages,
    total: num(pagination.items) ?? 0,
    next_page: page < pages ? page + 1 : null,
  };
  const dropped: string[] = [];
  const cuts: string[] = [];
  let out: Record<string, unknown>;
  let lines: string[];
  const shape = tool.shape ?? { type: "object", properties: {} };
  if (ep.page) {
    // A page that is not `{ pagination, [list]: items[] }` (submissions): its body, cut like an object.
    const { pagination: _, ...rest } = body;
    out = { ...conformRoot(shape, full ? rest : summary(shape, rest, cuts), dropped), ...paging };
    lines = renderObject(project(shape, out) as Record<string, unknown>);
  } else {
    const raw = Array.isArray(body[tool.listKey!]) ? (body[tool.listKey!] as unknown[]) : [];
    const pageShape: JsonSchema = { type: "object", properties: { items: { type: "array", items: shape } } };
    const summaries = raw.map((item, i) => summary(shape, item, cuts, `items.${i}`));
    const items = conformRoot(pageShape, { items: full ? raw : summaries }, dropped).items;
    out = { items: items ?? [], ...paging };
    lines = ((items ?? []) as unknown[]).map((i) => `- ${renderItem(full ? project(shape, i) : i)}`);
  }
  const shown = (out.items as unknown[] | undefined)?.length;
  lines.unshift(
    paging.total === 0 && !shown
      ? "No items."
      : `Page ${paging.page} of ${paging.pages}, ${paging.total} item${paging.total === 1 ? "" : "s"} in all` +
          (shown !== undefined ? ` (${shown} here)` : "") +
          (paging.next_page !== null ? `. Next: page ${paging.next_page}.` : ". This is the last page."),
  );
  return finish(client, out, lines, issues, dropped, cuts);
}

/** The arguments as an object, every key one the tool takes (the nearest one suggested), required ones given. */
function checkArgs(tool: ToolDef, raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== "object" || Array.isArray(raw)) throw new ArgumentError("arguments must be an object");
  const args = { ...(raw as Record<string, unknown>) };
  const known = Object.keys(tool.inputSchema.properties as object);
  const hints = tool.endpoint.hints ?? {};
  for (const key of Object.keys(args)) {
    if (known.includes(key)) continue;
    const near = Object.hasOwn(hints, key) ? hints[key] : nearestKey(key, known);
    throw new ArgumentError(
      `unknown argument ${JSON.stringify(key.slice(0, 40))}` +
        (near ? `: did you mean ${JSON.stringify(near)}?` : "") +
        ` (${tool.name} takes ${known.join(", ")})`,
    );
  }
  for (const key of (tool.inputSchema.required as string[] | undefined) ?? []) {
    if (args[key] === undefined) throw new ArgumentError(`${key} is required`);
  }
  return args;
}

/**
 * The request of a call, built and checked by the declaration (`prepare`). The response is read with a schema
 * that records every mismatch with the model in `issues` instead of failing: a field Discogs changed becomes a
 * warning in the answer, whatever the client's `validation` mode.
 */
function build(
  tool: ToolDef,
  params: Record<string, unknown>,
  signal: AbortSignal,
  issues: string[] = [],
): APIRequest<unknown> {
  const ep = tool.endpoint;
  const pathArgs: Record<string, unknown> = {};
  const rest = { ...params };
  for (const [key, spec] of Object.entries(ep.params)) {
    if (spec.in === "path" && !spec.given) {
      pathArgs[key] = rest[key];
      delete rest[key];
    }
  }
  const model = ep.list !== undefined ? (ep.page ?? pageOf(ep.list, ep.response)) : ep.response;
  return prepare(ep, pathArgs, rest, { signal }, model ? { schema: recording(model, issues) } : {});
}

const pageSchemas = new Map<unknown, Schema<unknown>>();

/** The schema of a page body of a list declaration. */
function pageOf(key: string, item: Schema<unknown> | undefined): Schema<unknown> | undefined {
  if (!item) return undefined;
  let s = pageSchemas.get(item);
  if (!s) {
    s = pageSchema(key, item as never) as unknown as Schema<unknown>;
    pageSchemas.set(item, s);
  }
  return s;
}

/** A schema that checks with `model`, records every issue, and always succeeds (with the readable names). */
function recording(model: Schema<unknown>, issues: string[]): Schema<unknown> {
  const safeParse = (input: unknown): SafeParseResult<unknown> => {
    for (const i of validate(model, input) ?? [])
      issues.push(`${i.path.join(".") || "(root)"}: ${i.message}`);
    return { success: true, data: renameInPlace(model, input) };
  };
  return { safeParse, parse: (input) => safeParse(input).data };
}

/**
 * The summary of a value: cut to `shape`, long strings shortened, long arrays cut to their first
 * {@link SUMMARY_MAX_ITEMS} (each cut named in `cuts`, e.g. `tracklist: 20 of 112`).
 */
function summary(shape: JsonSchema, value: unknown, cuts: string[], path = ""): unknown {
  return shorten(project(shape, value), cuts, path);
}

function shorten(v: unknown, cuts: string[], path: string): unknown {
  if (typeof v === "string")
    return v.length > SUMMARY_MAX_STRING ? `${v.slice(0, SUMMARY_MAX_STRING - 1)}…` : v;
  if (Array.isArray(v)) {
    if (v.length > SUMMARY_MAX_ITEMS) cuts.push(`${path || "(root)"}: ${SUMMARY_MAX_ITEMS} of ${v.length}`);
    return v.slice(0, SUMMARY_MAX_ITEMS).map((x, i) => shorten(x, cuts, `${path}${path ? "." : ""}${i}`));
  }
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = shorten(x, cuts, `${path}${path ? "." : ""}${k}`);
    return out;
  }
  return v;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** The request a write sends: method, URL (the client's own resolution) and JSON body. No header, no credential. */
function describe(client: McpClient, req: APIRequest<unknown>): Record<string, unknown> {
  const url = client._transport.urls.resolve(req.path, req.query, "request URL").toString();
  return { method: req.method, url, ...(req.body !== undefined ? { body: req.body } : {}) };
}

function requestLine(r: Record<string, unknown>): string {
  return `${String(r.method)} ${String(r.url)}${r.body !== undefined ? ` ${JSON.stringify(r.body)}` : ""}`;
}

/** When the budget counts as running low: under a quarter left, or calls waiting. */
function lowBudget(client: McpClient): { remaining: number; limit: number; queued: number } | undefined {
  const { remaining, limit, queued } = client.rateLimit;
  return remaining < limit / 4 || queued > 0 ? { remaining, limit, queued } : undefined;
}

/** Adds the warnings (drift) and the budget note to an answer. */
function finish(
  client: McpClient,
  out: Record<string, unknown>,
  lines: string[],
  issues: string[],
  dropped: string[],
  cuts: string[],
): ToolAnswer {
  if (cuts.length > 0) {
    out.truncated = cuts;
    lines.push(`Shortened (detail: "full" has all): ${cuts.join("; ")}`);
  }
  const warnings = [...issues];
  for (const d of dropped)
    if (!issues.some((i) => i.startsWith(`${d}:`)))
      warnings.push(`${d}: left out (not the type the model expects)`);
  if (warnings.length > 0) {
    const listed = warnings.slice(0, MAX_WARNINGS);
    if (warnings.length > MAX_WARNINGS) listed.push(`and ${warnings.length - MAX_WARNINGS} more`);
    out.warnings = listed;
    lines.push(
      `Warning: Discogs' answer does not match the SDK's model (fields of the wrong type are left out): ${listed.join("; ")}`,
    );
  }
  const budget = lowBudget(client);
  if (budget) {
    out.rate_limit = budget;
    lines.push(
      `Discogs rate limit: ${budget.remaining} of ${budget.limit} requests left in this minute` +
        (budget.queued > 0 ? `, ${budget.queued} waiting` : "") +
        "; further calls may wait.",
    );
  }
  return { content: [{ type: "text", text: lines.join("\n") }], structuredContent: out };
}

/** A failure as an answer: what went wrong and what to do, never a credential (the client's errors are redacted). */
function errorAnswer(tool: ToolDef, e: unknown, ctx: RunContext, signal: AbortSignal): ToolAnswer {
  const err = e instanceof Error ? e : new Error(String(e));
  const write = tool.kind === "write";
  let text: string;
  if (
    signal.reason instanceof CallTimeout &&
    (err.name === "AbortError" || err.name === "DiscogsAbortError")
  ) {
    const { remaining, limit, queued } = ctx.client.rateLimit;
    text =
      `${tool.name} did not finish within ${seconds(ctx.timeoutMs)} and was stopped ` +
      `(Discogs rate limit: ${remaining} of ${limit} left, ${queued} waiting). ` +
      (write
        ? "It may or may not have reached Discogs: check before calling it again."
        : "Try again in a minute, or ask for less.");
  } else if (err.name === "TypeError" || e instanceof ArgumentError) {
    text = `Invalid arguments for ${tool.name}: ${err.message}`;
  } else {
    const unsure = write && (err.name === "DiscogsConnectionError" || err.name === "DiscogsTimeoutError");
    const hint = unsure
      ? "It may or may not have reached Discogs: check before calling it again."
      : HINTS[err.name];
    text = `${tool.name} failed: ${err.message}${hint ? ` ${hint}` : ""}`;
  }
  return { content: [{ type: "text", text }], isError: true };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** What to do about each SDK error, by class name (robust across the ESM and CommonJS builds). */
const HINTS: Readonly<Record<string, string>> = {
  AuthenticationError: "The server's Discogs credentials were refused: check DISCOGS_TOKEN.",
  ForbiddenError: "Discogs does not let these credentials do this (private data, or not the owner).",
  NotFoundError: "Check the ids and names in the arguments (discogs_search finds database ids).",
  ValidationError: "Discogs refused the values: correct them and call again.",
  RateLimitError: "Discogs' rate limit is spent: wait a minute before calling again.",
  RateLimitQueueError: "Try again in a minute.",
  DiscogsTimeoutError: "Discogs did not answer in time: try again.",
  DiscogsConnectionError: "Discogs could not be reached: try again later.",
};
