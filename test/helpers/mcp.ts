/**
 * Helpers of the MCP tests and the MCP bench: a real MCP `Client` (the official SDK's) connected in-process to
 * `createMcpServer` through the streamable HTTP handler (`createMcpHandler` + `handler.fetch`, no socket), and
 * arguments for every read tool that name objects the emulator seeds.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { createMcpHandler } from "@modelcontextprotocol/server";
import type { Discogs } from "../../src/index";
import { createMcpServer, type CreateMcpServerOptions } from "../../src/mcp/index";

/** Arguments for every read tool, naming seeded objects (user `example` is the token's owner). */
export const READ_ARGS: Readonly<Record<string, Record<string, unknown>>> = {
  discogs_search: { query: "Nine Inch Nails" },
  discogs_get_release: { release_id: 352665 },
  discogs_get_master: { master_id: 3719 },
  discogs_list_master_versions: { master_id: 3719 },
  discogs_get_artist: { artist_id: 3857 },
  discogs_list_artist_releases: { artist_id: 3857 },
  discogs_get_label: { label_id: 647 },
  discogs_list_label_releases: { label_id: 647 },
  discogs_get_user: {},
  discogs_list_collection: {},
  discogs_list_collection_folders: {},
  discogs_list_wantlist: {},
  discogs_get_release_marketplace_stats: { release_id: 352665 },
  discogs_get_collection_value: {},
  discogs_list_release_instances: { release_id: 400003 },
  discogs_list_inventory: { username: "360vinyl" },
  discogs_get_listing: { listing_id: 2000000001 },
  discogs_list_orders: {},
  discogs_get_order: { order_id: "1-1" },
  discogs_list_order_messages: { order_id: "1-1" },
  discogs_get_list: { list_id: 520001 },
  discogs_list_user_lists: {},
  discogs_list_submissions: {},
  discogs_get_release_price_suggestions: { release_id: 352665 },
  discogs_get_release_rating: { release_id: 352665 },
  discogs_get_release_rating_by_username: { release_id: 352665 },
  discogs_get_release_stats: { release_id: 352665 },
  discogs_get_fee: { price: 25 },
  discogs_get_fee_by_currency: { price: 25, currency: "EUR" },
  discogs_list_exports: {},
  discogs_get_export: { export_id: 599632 },
  discogs_list_uploads: {},
  discogs_get_upload: { upload_id: 119615 },
  discogs_get_identity: {},
  discogs_list_collection_fields: {},
  discogs_get_collection_folder: { folder_id: 1 },
  discogs_list_contributions: {},
};

/** A connected MCP client and how to close it (the client, then the handler; the Discogs client stays open). */
export interface InProcessMcp {
  mcp: Client;
  close(): Promise<void>;
}

/**
 * Connects a real MCP `Client` to `createMcpServer(options)` served by the SDK's streamable HTTP handler, in
 * process. The handler's factory runs per HTTP request; the Discogs client is the one given, shared by all.
 */
export async function connectInProcess(
  options: CreateMcpServerOptions & { client: Discogs },
): Promise<InProcessMcp> {
  const handler = createMcpHandler(() => createMcpServer(options));
  const transport = new StreamableHTTPClientTransport(new URL("http://mcp.test/mcp"), {
    fetch: (url, init) => handler.fetch(new Request(url, init)),
  });
  const mcp = new Client(
    { name: "discogs-sdk-tests", version: "1.0.0" },
    { versionNegotiation: { mode: "auto" } },
  );
  await mcp.connect(transport);
  return {
    mcp,
    async close() {
      await mcp.close();
      await handler.close();
    },
  };
}
