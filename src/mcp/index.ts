/**
 * `discogs-sdk/mcp`: an MCP server for AI agents, generated from the SDK's endpoint declarations. Small (15 tools
 * and under 12 KB of `tools/list` by default), typed (every read tool declares an output schema; answers are
 * summaries with `detail: "full"` on request), guarded (writes are annotated, dry runs unless `confirm: true`,
 * none at all with `readOnly`), and one rate-limit budget for every session (one client for the process).
 *
 * Needs the official MCP TypeScript SDK v2: `npm install @modelcontextprotocol/server` (an optional peer
 * dependency of this entry point only). See docs/mcp.md.
 *
 * @example
 * ```ts
 * import { Discogs } from "discogs-sdk";
 * import { serveMcp } from "discogs-sdk/mcp";
 *
 * const client = new Discogs({ userAgent: "MyAgent/1.0" }); // token from DISCOGS_TOKEN
 * await serveMcp({ client }); // stdio; serveMcp({ client, http: 3000 }) for streamable HTTP on 127.0.0.1
 * ```
 *
 * @module
 */

import { getCatalog, type ToolDef } from "./catalog";

export { createMcpServer, DEFAULT_TOOL_TIMEOUT, INSTRUCTIONS, type CreateMcpServerOptions } from "./server";
export { serveMcp, type ServeMcpOptions, type McpServing } from "./serve";
export type { McpClient } from "./client";
export { MAX_TOOL_NAME, TOOL_PREFIX, DEFAULT_PER_PAGE } from "./catalog";

/** A tool of the catalog, as `tools/list` describes it. */
export interface McpToolInfo {
  /** `discogs_...`. */
  name: string;
  description: string;
  /** The arguments, as JSON Schema. */
  inputSchema: Record<string, unknown>;
  /** Read tools: the answer's `structuredContent`, as JSON Schema. */
  outputSchema?: Record<string, unknown>;
  /** `readOnlyHint`, and for writes `destructiveHint` and `idempotentHint`. */
  annotations: { readOnlyHint: boolean; destructiveHint?: boolean; idempotentHint?: boolean };
  /** `"get"` (one object), `"list"` (one page) or `"write"`. */
  kind: "get" | "list" | "write";
  /** The SDK call it makes, e.g. `releases.get`. */
  endpoint: string;
  /** Whether `createMcpServer` registers it when `tools` is not given. */
  isDefault: boolean;
}

function info(t: ToolDef): McpToolInfo {
  return {
    name: t.name,
    description: t.description,
    inputSchema: structuredClone(t.inputSchema),
    ...(t.outputSchema ? { outputSchema: structuredClone(t.outputSchema) } : {}),
    annotations: { ...t.annotations },
    kind: t.kind,
    endpoint: t.endpoint.name,
    isDefault: t.isDefault,
  };
}

/**
 * Every tool the server can register (pass names to `tools`), in catalog order: the default set first.
 *
 * @example
 * ```ts
 * import { mcpTools } from "discogs-sdk/mcp";
 * for (const t of mcpTools()) console.log(t.name, t.isDefault ? "(default)" : "");
 * ```
 */
export function mcpTools(): McpToolInfo[] {
  return getCatalog().map(info);
}

/** Every tool name, in catalog order (the default set first). */
export function toolNames(): string[] {
  return getCatalog().map((t) => t.name);
}

/** The names of the tools registered when `tools` is not given. */
export function defaultToolNames(): string[] {
  return getCatalog()
    .filter((t) => t.isDefault)
    .map((t) => t.name);
}
