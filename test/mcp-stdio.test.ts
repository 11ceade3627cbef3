/**
 * The built `discogs-mcp` bin in a child process, driven by the official MCP SDK's `Client`: over stdio (the
 * default; `StdioClientTransport` spawns it) and over streamable HTTP (`--http 0`), against an emulator in this
 * process. Also its command line: help, bad flags, the tool list. No credential in its stderr.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultToolNames, mcpTools, toolNames } from "../src/mcp/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { describeRun, ensureBuilt, exampleEnv, ROOT, runProcess } from "./runtimes/helpers";

const BIN = path.join(ROOT, "dist/mcp/bin.js");
const TOKEN = "stdio-test-token-5ecret-2718";

let emu: Emulator;
const env = (extra: Record<string, string> = {}) =>
  exampleEnv({ DISCOGS_TOKEN: TOKEN, DISCOGS_BASE_URL: emu.url, DISCOGS_LOG: "debug", ...extra }) as Record<
    string,
    string
  >;

beforeAll(async () => {
  await ensureBuilt();
  // dist/ from before discogs-sdk/mcp existed (ensureBuilt only checks the core's files): say so rather than
  // rebuilding under the feet of the other test files that read dist/.
  if (!existsSync(BIN)) throw new Error("dist/mcp is missing: run npm run build");
  emu = await startEmulator({ rateLimit: false });
}, 300_000);
afterAll(async () => {
  await emu?.close();
});

type Answer = { content: { text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean };

describe("discogs-mcp over stdio", () => {
  let mcp: Client;
  let transport: StdioClientTransport;
  let stderr = "";
  /** Every answer of this session, scanned for the token at the end. */
  const answers: string[] = [];
  const callTool = async (name: string, args: Record<string, unknown>) => {
    const r = (await mcp.callTool({ name, arguments: args })) as Answer;
    answers.push(JSON.stringify(r));
    return r;
  };

  beforeAll(async () => {
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN],
      env: env(),
      stderr: "pipe",
    });
    transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    mcp = new Client({ name: "discogs-sdk-tests", version: "1.0.0" });
    await mcp.connect(transport);
  }, 60_000);
  afterAll(async () => {
    await mcp?.close();
    // The log went to stderr (stdout is the protocol), and never with the token.
    expect(stderr).toMatch(/GET .*\/releases\/352665/);
    expect(stderr).not.toContain(TOKEN);
    expect(answers.length).toBe(5);
    for (const a of answers) expect(a).not.toContain(TOKEN);
  });

  it("lists the default tools, as in process", async () => {
    const list = await mcp.listTools();
    expect(list.tools.map((t) => t.name)).toEqual(defaultToolNames());
    expect(Buffer.byteLength(JSON.stringify(list))).toBeLessThanOrEqual(12_000);
    for (const t of list.tools)
      expect(t.inputSchema).toEqual(mcpTools().find((d) => d.name === t.name)!.inputSchema);
  });

  it("answers a read with structuredContent that validates, in one request", async () => {
    emu.clearRequests();
    const r = await callTool("discogs_get_release", { release_id: 352665 });
    expect(r.isError, r.content[0]?.text).toBeFalsy();
    const schema = mcpTools().find((t) => t.name === "discogs_get_release")!.outputSchema!;
    expect(new Ajv2020({ strict: false }).validate(schema, r.structuredContent)).toBe(true);
    expect(r.content[0]!.text).toContain("title: The Downward Spiral");
    expect(emu.requests.map((q) => `${q.method} ${q.path}`)).toEqual(["GET /releases/352665"]);
  });

  it("a write is a dry run until confirmed, then sent once", async () => {
    await callTool("discogs_get_user", {}); // looks up who "you" are, once
    emu.clearRequests();
    const dry = await callTool("discogs_add_to_wantlist", { release_id: 400003 });
    expect(dry.structuredContent).toMatchObject({
      dry_run: true,
      request: { method: "PUT", url: `${emu.url}/users/example/wants/400003`, body: {} },
    });
    expect(emu.requests).toEqual([]);
    const sent = await callTool("discogs_add_to_wantlist", { release_id: 400003, confirm: true });
    expect(sent.isError, sent.content[0]?.text).toBeFalsy();
    expect(emu.requests.map((q) => `${q.method} ${q.path}`)).toEqual(["PUT /users/example/wants/400003"]);
  });

  it("invalid arguments are an isError answer", async () => {
    const r = await callTool("discogs_search", { q: "x" });
    expect(r.isError).toBe(true);
    expect(r.content[0]!.text).toMatch(/unknown argument "q": did you mean "query"\?/);
  });
});

describe("discogs-mcp --http", () => {
  let child: ChildProcess;
  let url: string;
  let stderr = "";

  beforeAll(async () => {
    child = spawn(process.execPath, [BIN, "--http", "0", "--read-only"], {
      env: env(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no endpoint in 30 s: ${stderr}`)), 30_000);
      child.stderr!.on("data", (d: Buffer) => {
        stderr += d.toString();
        const m = /MCP endpoint (http:\/\/\S+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
  }, 60_000);
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    expect(stderr).not.toContain(TOKEN);
  });

  it("listens on loopback and serves the read-only tools to more than one session, one identity look-up", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    emu.clearRequests();
    const sessions = await Promise.all(
      [1, 2].map(async () => {
        const c = new Client({ name: "t", version: "1" }, { versionNegotiation: { mode: "auto" } });
        await c.connect(new StreamableHTTPClientTransport(new URL(url)));
        return c;
      }),
    );
    try {
      const names = (await sessions[0]!.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(
        defaultToolNames().filter((n) => mcpTools().find((t) => t.name === n)!.kind !== "write"),
      );
      const answers = (await Promise.all(
        sessions.map((s) => s.callTool({ name: "discogs_list_wantlist", arguments: {} })),
      )) as Answer[];
      for (const a of answers) expect(a.structuredContent).toMatchObject({ page: 1, next_page: 2 });
      expect(answers[0]!.structuredContent).toEqual(answers[1]!.structuredContent);
      expect(emu.requests.filter((q) => q.path === "/oauth/identity")).toHaveLength(1);
    } finally {
      for (const s of sessions) await s.close();
    }
  });

  it("refuses a Host that is not loopback (DNS rebinding), and any path but /mcp", async () => {
    const port = new URL(url).port;
    const r = await runProcess(process.execPath, [
      "-e",
      `const http = require("node:http");
       const req = http.request({ port: ${port}, path: "/mcp", method: "POST", headers: { host: "evil.example", "content-type": "application/json" } }, (res) => { console.log(res.statusCode); process.exit(0); });
       req.end("{}");`,
    ]);
    expect(r.stdout.trim()).toBe("403");
    const other = await fetch(url.replace("/mcp", "/other"));
    expect(other.status).toBe(404);
  });
});

describe("discogs-mcp command line", () => {
  it("--help and --list-tools print to stdout and exit 0", async () => {
    const help = await runProcess(process.execPath, [BIN, "--help"], { env: env() });
    expect(help.code, describeRun(help)).toBe(0);
    expect(help.stdout).toMatch(/^Usage: discogs-mcp/);
    const list = await runProcess(process.execPath, [BIN, "--list-tools"], { env: env() });
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split("\n");
    expect(lines).toHaveLength(toolNames().length);
    expect(lines.filter((l) => l.startsWith("*"))).toHaveLength(defaultToolNames().length);
  });

  it("a bad flag or tool name exits 2 with the reason, before serving", async () => {
    const bad = await runProcess(process.execPath, [BIN, "--htp", "3000"], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option "--htp"/);
    const tool = await runProcess(process.execPath, [BIN, "--tools", "discogs_get_relase"], { env: env() });
    expect(tool.code).toBe(2);
    expect(tool.stderr).toMatch(/did you mean "discogs_get_release"/);
    const port = await runProcess(process.execPath, [BIN, "--http", "http"], { env: env() });
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--http needs an integer/);
  });
});

describe("discogs mcp (the CLI's command) over stdio", () => {
  it("serves the same tools with the CLI's credentials, logging to stderr only", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(ROOT, "dist/cli/index.js"), "mcp", "--base-url", emu.url, "--read-only"],
      env: exampleEnv({
        DISCOGS_TOKEN: TOKEN,
        XDG_CONFIG_HOME: path.join(ROOT, ".cache", "no-config"),
      }) as Record<string, string>,
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const mcp = new Client({ name: "discogs-cli-tests", version: "1.0.0" });
    await mcp.connect(transport);
    try {
      const list = await mcp.listTools();
      expect(list.tools.map((t) => t.name)).toEqual(
        defaultToolNames().filter((n) => mcpTools().find((t) => t.name === n)!.annotations.readOnlyHint),
      );
      emu.clearRequests();
      const r = (await mcp.callTool({
        name: "discogs_get_release",
        arguments: { release_id: 352665 },
      })) as Answer;
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent?.title).toBe("The Downward Spiral");
      expect(emu.requests.map((q) => q.path)).toEqual(["/releases/352665"]);
      expect(JSON.stringify(r)).not.toContain(TOKEN);
    } finally {
      await mcp.close();
    }
    expect(stderr).not.toContain(TOKEN);
  }, 60_000);
});
