/**
 * `createMcpServer`: an `McpServer` of the official MCP TypeScript SDK (v2, `@modelcontextprotocol/server`) with
 * one tool per selected endpoint declaration, all calling through one `Discogs` client.
 *
 * @module
 */

import { fromJsonSchema, McpServer, type StandardSchemaWithJSON } from "@modelcontextprotocol/server";
import type { McpClient } from "./client";
import type { JsonSchema } from "../models/schema";
import { VERSION } from "../version";
import { nearestKey } from "../core/params";
import { DEFAULT_PER_PAGE, selectTools, type ToolDef } from "./catalog";
import { runTool } from "./run";

/** Options of {@link createMcpServer}. */
export interface CreateMcpServerOptions {
  /**
   * The client every tool call goes through. Give every server the same client (one per process): its limiter,
   * cache and remembered identity are what keep concurrent sessions within the IP's one Discogs budget.
   */
  client: McpClient;
  /** Register no write tool (even one named in `tools`, which is then a `TypeError`). @default false */
  readOnly?: boolean | undefined;
  /**
   * The tools to register, by name (`toolNames()` lists them all). @default the default set,
   * `defaultToolNames()`: at most 30 tools and 12 KB of `tools/list`
   */
  tools?: readonly string[] | undefined;
  /**
   * The longest one tool call may take, in ms, waiting for the rate limit included; a call that would take longer
   * answers so (an `isError` result) instead of hanging. Keep it under your MCP client's request timeout (60 s
   * for most). @default 45000
   */
  toolTimeout?: number | undefined;
}

/** What {@link createMcpServer} accepts, for the unknown-key check (`serveMcp` adds `http` and `host`). */
export const SERVER_OPTION_KEYS = ["client", "readOnly", "tools", "toolTimeout"] as const;

/** Default of {@link CreateMcpServerOptions.toolTimeout}. */
export const DEFAULT_TOOL_TIMEOUT = 45_000;

/** The guidance every session gets once (MCP `instructions`), instead of repeating it in every description. */
export const INSTRUCTIONS =
  "Discogs: the music database and marketplace. Find ids with discogs_search. Lists answer " +
  `${DEFAULT_PER_PAGE} items per page with total, page, pages and next_page: call again with page: next_page ` +
  'for more (per_page up to 100). Answers are summaries: detail: "full" returns every field. A username ' +
  "left out means you (the token's owner). Writes are dry runs that show the exact request unless confirm: " +
  "true; do not confirm without the user's agreement. Answers say when the rate limit (60 requests a minute) " +
  "runs low.";

/** The MCP schema objects of a tool, made once per process (the output schema's validator is compiled then). */
interface ToolSchemas {
  input: StandardSchemaWithJSON<Record<string, unknown>>;
  output: StandardSchemaWithJSON<Record<string, unknown>> | undefined;
}
const schemas = new WeakMap<ToolDef, ToolSchemas>();

function schemasOf(tool: ToolDef): ToolSchemas {
  let s = schemas.get(tool);
  if (!s) {
    s = {
      input: argumentsSchema(tool.inputSchema),
      output: tool.outputSchema
        ? fromJsonSchema<Record<string, unknown>>(tool.outputSchema as never)
        : undefined,
    };
    schemas.set(tool, s);
  }
  return s;
}

/**
 * The input schema as MCP sees it: `tools/list` advertises `schema`; a call's arguments pass through unchanged
 * to the tool, which checks them with the declaration's own checks (their messages name the argument and the
 * nearest valid key, which a JSON Schema validator's do not).
 */
function argumentsSchema(schema: JsonSchema): StandardSchemaWithJSON<Record<string, unknown>> {
  return {
    "~standard": {
      version: 1,
      vendor: "discogs-sdk",
      jsonSchema: { input: () => schema, output: () => schema },
      validate: (value: unknown) => ({ value: value as Record<string, unknown> }),
    },
  };
}

/** Checks the options of {@link createMcpServer} and resolves the tools; shared with `serveMcp`. */
export function resolveServerOptions(
  options: CreateMcpServerOptions,
  what = "createMcpServer",
  keys: readonly string[] = SERVER_OPTION_KEYS,
): {
  client: McpClient;
  tools: ToolDef[];
  toolTimeout: number;
} {
  if (options === null || typeof options !== "object" || Array.isArray(options))
    throw new TypeError(`${what}(options): options must be an object with a client`);
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) {
      const near = nearestKey(key, keys);
      throw new TypeError(
        `${what} options have an unknown key ${JSON.stringify(key)}` +
          (near ? `: did you mean ${JSON.stringify(near)}?` : "") +
          ` (it takes ${keys.join(", ")})`,
      );
    }
  }
  const { client, readOnly = false, tools, toolTimeout = DEFAULT_TOOL_TIMEOUT } = options;
  if (
    client === null ||
    typeof client !== "object" ||
    typeof (client as Partial<McpClient>)._request !== "function" ||
    typeof (client as Partial<McpClient>).user?.identity !== "function"
  )
    throw new TypeError(`${what} options.client must be a Discogs client (new Discogs({...}))`);
  if (typeof readOnly !== "boolean")
    throw new TypeError(`readOnly must be a boolean, got ${typeof readOnly}`);
  if (typeof toolTimeout !== "number" || !Number.isFinite(toolTimeout) || toolTimeout <= 0)
    throw new TypeError(`toolTimeout must be a positive number of milliseconds, got ${String(toolTimeout)}`);
  return { client, tools: selectTools(tools, readOnly, client.authMode !== "none"), toolTimeout };
}

/**
 * An MCP server (`McpServer` of `@modelcontextprotocol/server`, v2) whose tools call Discogs through `client`.
 * Connect it to any transport, or serve it with `serveMcp`. Every option is checked here: an unknown key, an
 * unknown tool name (with the nearest one) or a write tool named with `readOnly` is a `TypeError`.
 *
 * @example
 * ```ts
 * import { Discogs } from "discogs-sdk";
 * import { createMcpServer } from "discogs-sdk/mcp";
 *
 * const client = new Discogs({ userAgent: "MyAgent/1.0" }); // token from DISCOGS_TOKEN
 * const server = createMcpServer({ client, readOnly: true });
 * ```
 */
export function createMcpServer(options: CreateMcpServerOptions): McpServer {
  const resolved = resolveServerOptions(options);
  return buildServer(resolved.client, resolved.tools, resolved.toolTimeout);
}

/** A server over already checked options (what the HTTP handler's per-request factory calls). */
export function buildServer(client: McpClient, tools: readonly ToolDef[], toolTimeout: number): McpServer {
  const server = new McpServer({ name: "discogs-sdk", version: VERSION }, { instructions: INSTRUCTIONS });
  for (const tool of tools) {
    const { input, output } = schemasOf(tool);
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: input,
        ...(output ? { outputSchema: output } : {}),
        annotations: tool.annotations,
      },
      ((args: unknown, ctx: { mcpReq?: { signal?: AbortSignal } }) =>
        runTool(tool, args, { client, timeoutMs: toolTimeout, signal: ctx?.mcpReq?.signal })) as never,
    );
  }
  return server;
}
