/**
 * The `discogs-mcp` command: serves the Discogs MCP tools over stdio (the default) or streamable HTTP. Its flags
 * are parsed here; `bin.ts` runs it. Credentials come from the environment only (`DISCOGS_TOKEN`, or the
 * consumer key/secret and OAuth variables the client reads), never from a flag.
 *
 * @module
 */

import type { Discogs } from "../client";
import type * as Sdk from "../index";
import { VERSION } from "../version";
import { mcpTools } from "./index";
import { DEFAULT_TOOL_TIMEOUT } from "./server";
import { serveMcp, type ServeMcpOptions } from "./serve";

/** The usage text of `discogs-mcp --help`. */
export const USAGE = `Usage: discogs-mcp [options]

Serves Discogs to AI agents over MCP: stdio by default, streamable HTTP with --http.

Options:
  --http <port>          serve streamable HTTP at http://127.0.0.1:<port>/mcp (0: a free port)
  --host <address>       the address HTTP listens on (default 127.0.0.1; anything else has no authentication)
  --read-only            register no write tool
  --tools <a,b,...>      register these tools instead of the default set (repeatable)
  --list-tools           print every tool (* = default set) and exit
  --tool-timeout <ms>    longest a tool call may take, rate-limit waits included (default ${DEFAULT_TOOL_TIMEOUT})
  --base-url <url>       API base URL (env DISCOGS_BASE_URL; default https://api.discogs.com)
  -h, --help             show this help
  --version              print the version

Environment: DISCOGS_TOKEN (a personal access token), or DISCOGS_CONSUMER_KEY and DISCOGS_CONSUMER_SECRET
(with DISCOGS_ACCESS_TOKEN and DISCOGS_ACCESS_TOKEN_SECRET for OAuth); DISCOGS_BASE_URL; DISCOGS_LOG (log level,
to stderr). Without credentials only the database tools work.
`;

/** What the command line asks for. */
export interface McpArgs {
  http?: number;
  host?: string;
  readOnly?: boolean;
  tools?: string[];
  toolTimeout?: number;
  baseUrl?: string;
  listTools?: boolean;
  help?: boolean;
  version?: boolean;
}

/** Parses `discogs-mcp` arguments; throws an `Error` whose message says what is wrong. */
export function parseMcpArgs(argv: readonly string[]): McpArgs {
  const out: McpArgs = {};
  const int = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (value === undefined || value.trim() === "" || !Number.isInteger(n) || n < min || n > max)
      throw new Error(
        `${flag} needs an integer from ${min} to ${max}, got ${value === undefined ? "nothing" : JSON.stringify(value)}`,
      );
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--")))
        throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--http":
        out.http = int(flag, value(), 0, 65535);
        break;
      case "--host":
        out.host = value();
        break;
      case "--read-only":
        out.readOnly = true;
        break;
      case "--tools":
        out.tools = [
          ...(out.tools ?? []),
          ...value()
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ];
        break;
      case "--list-tools":
        out.listTools = true;
        break;
      case "--tool-timeout":
        out.toolTimeout = int(flag, value(), 1, 3_600_000);
        break;
      case "--base-url":
        out.baseUrl = value();
        break;
      case "-h":
      case "--help":
        out.help = true;
        break;
      case "--version":
        out.version = true;
        break;
      default:
        throw new Error(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  if (out.host !== undefined && out.http === undefined) throw new Error("--host needs --http");
  return out;
}

/**
 * The SDK's own entry point, loaded by name at run time: the bin uses the published `discogs-sdk` as a user would,
 * and its bundle holds no second copy of the client. (A variable, so that no bundler resolves it at build time.)
 */
const SDK_ENTRY: string = "discogs-sdk";

/** Log lines go to stderr: on stdio, stdout is the protocol channel. */
const stderrLogger = {
  error: (...a: unknown[]) => console.error(...a),
  warn: (...a: unknown[]) => console.error(...a),
  info: (...a: unknown[]) => console.error(...a),
  debug: (...a: unknown[]) => console.error(...a),
};

/**
 * Runs `discogs-mcp` with `argv`: serves until stdin closes (stdio) or SIGINT/SIGTERM, then closes the client.
 * Returns the exit code (0 done, 2 bad usage, 1 failure).
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  let args: McpArgs;
  try {
    args = parseMcpArgs(argv);
  } catch (e) {
    process.stderr.write(`discogs-mcp: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (args.listTools) {
    for (const t of mcpTools())
      process.stdout.write(
        `${t.isDefault ? "*" : " "} ${t.name.padEnd(42)} ${t.kind.padEnd(5)} ${t.description}\n`,
      );
    return 0;
  }
  const toolTimeout = args.toolTimeout ?? DEFAULT_TOOL_TIMEOUT;
  const { Discogs: Client } = (await import(SDK_ENTRY)) as typeof Sdk;
  let client: Discogs;
  try {
    client = new Client({
      baseUrl: args.baseUrl ?? (process.env.DISCOGS_BASE_URL || undefined),
      userAgent: `discogs-mcp/${VERSION}`,
      logger: stderrLogger,
      // A call that would wait for the rate limit longer than a tool call may take is refused at once.
      rateLimit: { maxWaitMs: toolTimeout },
    });
  } catch (e) {
    process.stderr.write(`discogs-mcp: ${(e as Error).message}\n`);
    return 2;
  }
  const options: ServeMcpOptions = {
    client,
    readOnly: args.readOnly,
    tools: args.tools,
    toolTimeout,
    ...(args.http !== undefined ? { http: args.http, host: args.host } : {}),
  };
  let serving;
  try {
    serving = await serveMcp(options);
  } catch (e) {
    await client.close();
    process.stderr.write(`discogs-mcp: ${(e as Error).message}\n`);
    return e instanceof TypeError ? 2 : 1;
  }
  const stop = () => void serving.close();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    if (serving.url) process.stderr.write(`discogs-mcp ${VERSION}: MCP endpoint ${serving.url}\n`);
    if (serving.url && !/^http:\/\/(127\.|localhost|\[::1\])/.test(serving.url))
      process.stderr.write(
        "discogs-mcp: listening beyond loopback, without authentication: anyone who reaches this port uses your Discogs credentials\n",
      );
    if (client.authMode === "none")
      process.stderr.write(
        "discogs-mcp: no credentials (DISCOGS_TOKEN): only the database tools will work\n",
      );
    await serving.closed;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await client.close();
  }
  return 0;
}
