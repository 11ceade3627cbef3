/**
 * `discogs ratelimit`, `discogs request`, `discogs dump`, `discogs emulator`.
 *
 * @module
 */

import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { intOption, str } from "../args";
import { rawRequest } from "../compat";
import type { CommandContext } from "../context";
import { CliError, EXIT, UsageError } from "../exit";
import { project } from "../output";
import { loadDumps, loadMcp, loadTesting } from "../sdk";
import { take } from "./views";
import { readFrom } from "./bulk";

/** `discogs ratelimit` */
export async function ratelimit(ctx: CommandContext): Promise<void> {
  const client = await ctx.client();
  const sdk = await ctx.sdk();
  try {
    await rawRequest(client, "GET", "/", { signal: ctx.signal });
  } catch (e) {
    // Any answer carries the rate-limit headers; only a request that got no answer is an error here.
    if (!(e instanceof sdk.DiscogsAPIError) || e.status === 429) throw e;
  }
  const snap = client.rateLimit;
  const windowMs = Number(ctx.io.env.DISCOGS_RATE_LIMIT_WINDOW_MS) || 60_000;
  await ctx.out.object(
    {
      limit: snap.limit,
      used: snap.used,
      remaining: snap.remaining,
      window_seconds: windowMs / 1000,
      authenticated: client.authMode !== "none",
    },
    {
      fields: [
        { label: "Limit", path: "limit", get: (s) => `${s.limit} requests per ${s.window_seconds} s` },
        { label: "Used", path: "used" },
        { label: "Remaining", path: "remaining" },
        {
          label: "Credentials",
          path: "authenticated",
          get: (s) => (s.authenticated ? "yes" : "no (the anonymous tier)"),
        },
      ],
    },
  );
}

const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

function typed(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** `discogs request <METHOD> <path> [-f key=value] [--input file]` */
export async function request(ctx: CommandContext): Promise<void> {
  const method = METHODS.find((m) => m === ctx.args[0]!.toUpperCase());
  if (!method)
    throw new UsageError(`METHOD must be GET, POST, PUT or DELETE, got ${JSON.stringify(ctx.args[0])}`);
  let path = ctx.args[1]!;
  if (/^https?:\/\//i.test(path)) {
    // Credentials go to the configured base URL only: an absolute URL must be under it.
    if (!path.startsWith(ctx.baseUrl + "/")) {
      throw new UsageError(
        `${JSON.stringify(path)} is not under the base URL ${ctx.baseUrl}`,
        "give a path such as /releases/352665, or change --base-url",
      );
    }
    path = path.slice(ctx.baseUrl.length);
  }
  if (!path.startsWith("/")) {
    throw new UsageError(`the path must start with / (e.g. /releases/352665), got ${JSON.stringify(path)}`);
  }
  // A query in the path stays the query (-f fields for the query win over it).
  const inPath: [string, string][] = [];
  const q = path.indexOf("?");
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(path.slice(q + 1))) inPath.push([k, v]);
    path = path.slice(0, q);
  }
  const fields: [string, string][] = [];
  for (const f of (ctx.opts.field as string[] | undefined) ?? []) {
    const eq = f.indexOf("=");
    if (eq <= 0) throw new UsageError(`-f needs key=value, got ${JSON.stringify(f)}`);
    fields.push([f.slice(0, eq), f.slice(eq + 1)]);
  }
  const input = str(ctx.opts, "input");
  let body: unknown;
  let query: Record<string, string> = Object.fromEntries(inPath);
  if (input !== undefined) {
    if (method === "GET" || method === "DELETE")
      throw new UsageError(`--input sends a body, which ${method} does not take`);
    const text =
      (await readFrom(ctx, input)) ?? (existsSync(input) ? readFileSync(input, "utf8") : undefined);
    if (text === undefined) throw new UsageError(`--input ${input}: no such file`);
    try {
      body = JSON.parse(text);
    } catch {
      throw new UsageError(`--input ${input} is not valid JSON`);
    }
    query = { ...query, ...Object.fromEntries(fields) };
  } else if (method === "POST" || method === "PUT") {
    if (fields.length) body = Object.fromEntries(fields.map(([k, v]) => [k, typed(v)]));
  } else {
    query = { ...query, ...Object.fromEntries(fields) };
  }
  const client = await ctx.client();
  const result = await rawRequest(client, method, path, { query, body, signal: ctx.signal });
  if (result === undefined) return;
  const fieldsSel = ctx.out.settings.fields;
  const value = fieldsSel ? project(result, fieldsSel) : result;
  await ctx.out.write(
    ctx.out.settings.json ? JSON.stringify(value) + "\n" : JSON.stringify(value, null, 2) + "\n",
  );
}

const DUMP_TYPES = ["releases", "artists", "labels", "masters"] as const;

/** `discogs dump <file> [--type] [--limit]` */
export async function dump(ctx: CommandContext): Promise<void> {
  const file = ctx.args[0]!;
  const given = str(ctx.opts, "type")?.toLowerCase();
  if (given !== undefined && !(DUMP_TYPES as readonly string[]).includes(given)) {
    throw new UsageError(`--type must be one of ${DUMP_TYPES.join(", ")}, got ${JSON.stringify(given)}`);
  }
  const type = (given ?? DUMP_TYPES.find((t) => basename(file).toLowerCase().includes(t))) as
    (typeof DUMP_TYPES)[number] | undefined;
  if (!type) {
    throw new UsageError(
      `cannot tell the dump's type from its name ${JSON.stringify(basename(file))}`,
      `pass --type ${DUMP_TYPES.join("|")}`,
    );
  }
  const limit = intOption(ctx.opts, "limit", { min: 1 });
  if (!existsSync(file)) throw new CliError(`no such file: ${file}`, EXIT.error);
  const dumps = await loadDumps();
  if (!dumps) {
    throw new CliError(
      "discogs dump is not available in this build: its discogs-sdk/dumps entry point is missing",
      EXIT.error,
      "use a discogs-sdk release that ships discogs-sdk/dumps",
    );
  }
  const read = {
    releases: dumps.readReleases,
    artists: dumps.readArtists,
    labels: dumps.readLabels,
    masters: dumps.readMasters,
  }[type];
  const fields = ctx.out.settings.fields;
  // Dumps hold millions of records: always JSONL, streamed, on a terminal too.
  for await (const record of take(read(file), limit)) {
    if (ctx.interrupted()) break;
    await ctx.out.jsonLine(fields ? project(record, fields) : record);
  }
}

/** `discogs emulator`: runs until Ctrl-C. */
export async function emulator(ctx: CommandContext): Promise<number> {
  const o = ctx.opts;
  const noLimit = o["no-rate-limit"] === true;
  const rate: { authenticated?: number; anonymous?: number; windowMs?: number } = {};
  const authenticated = intOption(o, "rate-limit", { min: 1 });
  const anonymous = intOption(o, "anonymous", { min: 1 });
  const windowMs = intOption(o, "window-ms", { min: 1 });
  if (noLimit && (authenticated ?? anonymous ?? windowMs) !== undefined) {
    throw new UsageError("--no-rate-limit cannot be combined with --rate-limit, --anonymous or --window-ms");
  }
  if (authenticated !== undefined) rate.authenticated = authenticated;
  if (anonymous !== undefined) rate.anonymous = anonymous;
  if (windowMs !== undefined) rate.windowMs = windowMs;
  const port = intOption(o, "port", { min: 0, max: 65535 });
  const host = str(o, "host");
  const testing = await loadTesting();
  const emu = await testing.startEmulator({
    ...(port !== undefined ? { port } : {}),
    ...(host !== undefined ? { host } : {}),
    tls: o.tls === true,
    rateLimit: noLimit ? false : rate,
  });
  try {
    if (emu.ca) ctx.io.stderr.write(`Trust this certificate (NODE_EXTRA_CA_CERTS):\n${emu.ca}`);
    if (ctx.out.settings.json) await ctx.out.jsonLine({ url: emu.url, port: emu.port });
    else {
      await ctx.out.write(`${emu.url}\n`);
      ctx.io.stderr.write(
        `Discogs emulator listening on ${emu.url} (Ctrl-C stops it). Any token works, e.g.\n` +
          `  discogs release 352665 --base-url ${emu.url} --token anything\n`,
      );
    }
    if (!ctx.signal.aborted)
      await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
  } finally {
    await emu.close();
  }
  return EXIT.interrupted;
}

/** `discogs mcp`: the MCP server of `discogs-sdk/mcp`, with the CLI's credentials, until Ctrl-C. */
export async function mcp(ctx: CommandContext): Promise<number> {
  const o = ctx.opts;
  const http = intOption(o, "http", { min: 0, max: 65535 });
  const host = str(o, "host");
  const toolTimeout = intOption(o, "tool-timeout", { min: 1 });
  const tools = str(o, "tools")
    ?.split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  const { serveMcp, DEFAULT_TOOL_TIMEOUT } = await loadMcp();
  const timeout = toolTimeout ?? DEFAULT_TOOL_TIMEOUT;
  // A call that would wait longer than a tool may take is refused at once instead of queueing.
  const client = await ctx.makeClient(ctx.credentials().values, { rateLimit: { maxWaitMs: timeout } });
  try {
    const serving = await serveMcp({
      client,
      readOnly: o["read-only"] === true,
      toolTimeout: timeout,
      ...(http !== undefined ? { http } : {}),
      ...(host !== undefined ? { host } : {}),
      ...(tools !== undefined ? { tools } : {}),
    });
    if (serving.url) ctx.io.stderr.write(`Discogs MCP server at ${serving.url} (Ctrl-C stops it)\n`);
    const stopped = new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
    await Promise.race([serving.closed, stopped]);
    await serving.close();
  } finally {
    await client.close();
  }
  return ctx.signal.aborted ? EXIT.interrupted : EXIT.ok;
}
