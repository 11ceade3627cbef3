/**
 * `serveMcp`: serves the tools over stdio (the default) or streamable HTTP (`http: port`, on 127.0.0.1 unless
 * `host` says otherwise). The `discogs-mcp` bin and `discogs mcp` (the CLI) both call it.
 *
 * The one Discogs client outlives every session and every HTTP request: the SDK's HTTP handler builds a fresh
 * `McpServer` per request (its documented model), and every one of them calls through the same client, so
 * concurrent sessions share one limiter, one cache and one remembered identity.
 *
 * @module
 */

import {
  createMcpHandler,
  DEFAULT_MAX_REQUEST_BODY_SIZE,
  hostHeaderValidationResponse,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  originValidationResponse,
} from "@modelcontextprotocol/server";
import { getBuiltin } from "../core/env";
import { buildServer, resolveServerOptions, SERVER_OPTION_KEYS, type CreateMcpServerOptions } from "./server";

/** Options of {@link serveMcp}: those of `createMcpServer`, and where to serve. */
export interface ServeMcpOptions extends CreateMcpServerOptions {
  /**
   * Serve streamable HTTP on this port (`0`: a free one) at the path `/mcp`, instead of stdio.
   * @default stdio
   */
  http?: number | undefined;
  /**
   * The address HTTP listens on. Anything but a loopback address serves your Discogs token's budget and data to
   * whoever can reach the port (there is no authentication): only do that behind your own gateway.
   * @default "127.0.0.1"
   */
  host?: string | undefined;
}

/** A running server, as {@link serveMcp} returns it. */
export interface McpServing {
  /** HTTP: the endpoint's URL, e.g. `http://127.0.0.1:3000/mcp`; stdio: undefined. */
  readonly url: string | undefined;
  /** Resolves when serving stopped: stdin closed (stdio) or {@link McpServing.close} was called. */
  readonly closed: Promise<void>;
  /** Stops serving: closes the listener and its connections, or the stdio connection. The client stays open (it is yours). */
  close(): Promise<void>;
}

type Server = import("node:http").Server;
type IncomingMessage = import("node:http").IncomingMessage;
type ServerResponse = import("node:http").ServerResponse;

const SERVE_KEYS = ["http", "host"] as const;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/**
 * Serves the Discogs tools over stdio, or over streamable HTTP with `http: port`. Resolves once serving (for HTTP,
 * once listening). Options are checked first: a mistake is a `TypeError` before anything starts.
 *
 * @example
 * ```ts
 * import { Discogs } from "discogs-sdk";
 * import { serveMcp } from "discogs-sdk/mcp";
 *
 * const client = new Discogs({ userAgent: "MyAgent/1.0" });
 * const serving = await serveMcp({ client, http: 3000, readOnly: true });
 * console.error(`MCP endpoint: ${serving.url}`); // http://127.0.0.1:3000/mcp
 * ```
 */
export async function serveMcp(options: ServeMcpOptions): Promise<McpServing> {
  const { client, tools, toolTimeout } = resolveServerOptions(options, "serveMcp", [
    ...SERVER_OPTION_KEYS,
    ...SERVE_KEYS,
  ]);
  const { http, host } = options;
  if (http !== undefined && (!Number.isInteger(http) || http < 0 || http > 65535))
    throw new TypeError(`http must be a port number from 0 to 65535, got ${String(http)}`);
  if (host !== undefined && (typeof host !== "string" || host.trim() === ""))
    throw new TypeError("host must be a non-empty string, e.g. 127.0.0.1");
  if (host !== undefined && http === undefined)
    throw new TypeError("host is for HTTP: give http (a port) too");
  const factory = () => buildServer(client, tools, toolTimeout);

  if (http === undefined) {
    const { serveStdio } = await import("@modelcontextprotocol/server/stdio");
    const stdin = process.stdin;
    let done!: () => void;
    const closed = new Promise<void>((resolve) => (done = resolve));
    const onEnd = () => done();
    stdin.once("end", onEnd);
    stdin.once("close", onEnd);
    if (stdin.readableEnded || stdin.destroyed) onEnd();
    const handle = serveStdio(factory);
    void closed.then(() => {
      stdin.off("end", onEnd);
      stdin.off("close", onEnd);
    });
    return {
      url: undefined,
      closed,
      async close() {
        try {
          await handle.close();
        } finally {
          done();
        }
      },
    };
  }

  const bind = host ?? "127.0.0.1";
  const loopback = LOOPBACK.test(bind);
  const handler = createMcpHandler(factory);
  // Reached through process.getBuiltinModule (Node 20.16+, Bun, Deno), as every Node-only part of the SDK does.
  const builtin = getBuiltin();
  if (!builtin) throw new Error("serveMcp over HTTP needs node:http (Node 20.16 or newer, Bun or Deno)");
  const { createServer } = builtin("node:http") as typeof import("node:http");
  const server: Server = createServer((req, res) => void respond(req, res));

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const aborted = new AbortController();
    res.once("close", () => aborted.abort());
    try {
      const url = new URL(req.url ?? "/", "http://mcp.invalid");
      if (url.pathname !== "/mcp") {
        res.writeHead(404, { "content-type": "text/plain" }).end("Not found: the MCP endpoint is /mcp\n");
        return;
      }
      const body = await readBody(req);
      if (body === "too large") {
        res.writeHead(413, { "content-type": "text/plain" }).end("Request body too large\n");
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (Array.isArray(v)) for (const x of v) headers.append(k, x);
        else if (v !== undefined) headers.set(k, v);
      }
      const request = new Request(`http://${req.headers.host ?? "localhost"}${url.pathname}${url.search}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : (body as Uint8Array<ArrayBuffer>),
        signal: aborted.signal,
      });
      // DNS rebinding: on a loopback address, only loopback Host and Origin headers are served.
      const refused = loopback
        ? (hostHeaderValidationResponse(request, localhostAllowedHostnames()) ??
          originValidationResponse(request, localhostAllowedOrigins()))
        : undefined;
      await send(res, refused ?? (await handler.fetch(request)));
    } catch {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(http, bind, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : http;
  const shownHost = bind.includes(":") && !bind.startsWith("[") ? `[${bind}]` : bind;
  let done!: () => void;
  const closed = new Promise<void>((resolve) => (done = resolve));
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}/mcp`,
    closed,
    close() {
      closing ??= (async () => {
        try {
          await handler.close();
        } finally {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          done();
        }
      })();
      return closing;
    },
  };
}

/** The request body, or `"too large"` past the SDK's limit (4 MiB). */
async function readBody(req: IncomingMessage): Promise<Uint8Array | "too large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DEFAULT_MAX_REQUEST_BODY_SIZE) return "too large";
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Writes a web `Response` to a Node response, streaming its body (SSE included). */
async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => {});
  res.once("close", stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      if (!res.write(value)) {
        await new Promise<void>((r) => {
          const go = () => {
            res.off("drain", go);
            res.off("close", go);
            r();
          };
          res.on("drain", go);
          res.on("close", go);
        });
      }
    }
  } finally {
    res.off("close", stop);
    res.end();
  }
}
