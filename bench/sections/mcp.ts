/**
 * MCP server (discogs-sdk/mcp): the tool budget (`tools/list` size, tool count, longest name) against the two
 * Discogs MCP servers people use; the answer sizes of every read tool on the emulator's data (summary against the
 * full answer); and 150 concurrent tool calls over streamable HTTP (a real socket: `serveMcp({ http: 0 })`)
 * against the emulator limited to 60 requests per 6 s: failed calls, server 429s, requests per tool call, and the
 * time against the limit-bound ideal.
 */

import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { Discogs } from "../../src/index";
import { mcpTools, serveMcp, toolNames } from "../../src/mcp/index";
import { startEmulator } from "../../src/testing/index";
import { connectInProcess, READ_ARGS } from "../../test/helpers/mcp";
import { kb, ms, num, progress, quantile, type SectionResult } from "../lib/util";

/** The anchors' figures (measured with their `tools/list`; see shared/reference/beyond.md B.2). */
const ANCHORS = {
  cswkim: { tools: 53, bytes: 23_921, longest: 42 },
  rianvdm: { tools: 23 },
};
const GOALS = { tools: 30, bytes: 12_000, name: 40, p95: 4_000, failed: 0, share429: 0.01 };

type Answer = { content: { text: string }[]; structuredContent?: unknown; isError?: boolean };
const size = (a: Answer) =>
  Buffer.byteLength(JSON.stringify({ content: a.content, structuredContent: a.structuredContent }));

export async function mcpSection(o: { quick: boolean }): Promise<SectionResult> {
  const tables: SectionResult["tables"] = [];
  const goals: SectionResult["goals"] = [];
  const raw: Record<string, unknown> = {};

  // --- 1. The tool budget -------------------------------------------------------------------------------------
  progress("mcp: tools/list");
  const emu = await startEmulator({ rateLimit: false });
  const client = new Discogs({ baseUrl: emu.url, token: "bench" });
  const budget: { set: string; tools: number; bytes: number; longest: number }[] = [];
  for (const [set, tools] of [
    ["default", undefined],
    ["default, readOnly", "readOnly"],
    ["every tool", toolNames()],
  ] as const) {
    const s = await connectInProcess({
      client,
      ...(tools === "readOnly" ? { readOnly: true } : tools ? { tools } : {}),
    });
    const list = await s.mcp.listTools();
    budget.push({
      set,
      tools: list.tools.length,
      bytes: Buffer.byteLength(JSON.stringify(list)),
      longest: Math.max(...list.tools.map((t) => t.name.length)),
    });
    await s.close();
  }
  const def = budget[0]!;
  tables.push({
    title: "Tool budget (tools/list of a real MCP client)",
    headers: ["Server", "Tools", "tools/list JSON", "Longest name", "Output schemas", "Annotations"],
    rows: [
      ...budget.map((b) => [
        `discogs-sdk/mcp, ${b.set}`,
        String(b.tools),
        kb(b.bytes),
        String(b.longest),
        "every read tool",
        "every tool",
      ]),
      [
        "cswkim/discogs-mcp-server 0.5.7 (anchor)",
        String(ANCHORS.cswkim.tools),
        kb(ANCHORS.cswkim.bytes),
        String(ANCHORS.cswkim.longest),
        "none",
        "none",
      ],
      [
        "rianvdm/discogs-mcp 3.5.0 (anchor)",
        String(ANCHORS.rianvdm.tools),
        "not measured",
        "",
        "none",
        "none",
      ],
    ],
    notes: [
      "The anchors' figures are from shared/reference/beyond.md (B.2), measured there with a real client.",
    ],
  });
  goals.push(
    { name: "Default tools ≤ 30", met: def.tools <= GOALS.tools, detail: `${def.tools} tools` },
    {
      name: "tools/list ≤ 12 KB",
      met: def.bytes <= GOALS.bytes,
      detail: `${kb(def.bytes)} (cswkim: ${kb(ANCHORS.cswkim.bytes)} for ${ANCHORS.cswkim.tools} tools)`,
    },
    {
      name: "Names ≤ 40 characters, discogs_ prefix",
      met: budget[2]!.longest <= GOALS.name && toolNames().every((n) => n.startsWith("discogs_")),
      detail: `longest ${budget[2]!.longest} (cswkim: ${ANCHORS.cswkim.longest})`,
    },
  );
  raw.budget = budget;

  // --- 2. Answer sizes ----------------------------------------------------------------------------------------
  progress("mcp: answer sizes of every read tool");
  const reads = mcpTools().filter((t) => t.kind !== "write");
  const s = await connectInProcess({ client, tools: reads.map((t) => t.name) });
  const sizes: { tool: string; summary: number; full: number }[] = [];
  for (const t of reads) {
    const args = READ_ARGS[t.name];
    if (!args) throw new Error(`bench: no arguments for ${t.name}`);
    const a = (await s.mcp.callTool({ name: t.name, arguments: args })) as Answer;
    const f = (await s.mcp.callTool({ name: t.name, arguments: { ...args, detail: "full" } })) as Answer;
    if (a.isError || f.isError) throw new Error(`bench: ${t.name} failed: ${a.content[0]?.text}`);
    sizes.push({ tool: t.name, summary: size(a), full: size(f) });
  }
  await s.close();
  const p = (xs: number[], q: number) => quantile(xs, q);
  const summaries = sizes.map((x) => x.summary);
  const fulls = sizes.map((x) => x.full);
  const biggest = [...sizes].sort((a, b) => b.summary - a.summary).slice(0, 5);
  tables.push({
    title: `Answer size over the ${reads.length} read tools (content + structuredContent, emulator data)`,
    headers: ["Answer", "median", "p95", "max", "largest (summary)"],
    rows: [
      [
        "summary (default)",
        kb(p(summaries, 0.5)),
        kb(p(summaries, 0.95)),
        kb(Math.max(...summaries)),
        biggest.map((b) => `${b.tool} ${kb(b.summary)}`).join(", "),
      ],
      [
        'detail: "full" (baseline: every field)',
        kb(p(fulls, 0.5)),
        kb(p(fulls, 0.95)),
        kb(Math.max(...fulls)),
        "",
      ],
    ],
    notes: ["p95 is interpolated between the two nearest answers (bench/lib/util quantile)."],
  });
  goals.push({
    name: "p95 answer ≤ 4 KB (summary)",
    met: p(summaries, 0.95) <= GOALS.p95,
    detail: `${kb(p(summaries, 0.95))} (full: ${kb(p(fulls, 0.95))})`,
  });
  raw.sizes = sizes;
  await client.close();
  await emu.close();

  // --- 3. 150 concurrent calls over streamable HTTP at 60 per 6 s ---------------------------------------------
  const calls = o.quick ? 60 : 150;
  const windowMs = 6_000;
  const limit = 60;
  progress(`mcp: ${calls} concurrent tool calls over HTTP, emulator at ${limit} per ${windowMs / 1000} s`);
  const limited = await startEmulator({ rateLimit: { authenticated: limit, windowMs } });
  const shared = new Discogs({ baseUrl: limited.url, token: "bench", rateLimit: { windowMs } });
  const serving = await serveMcp({ client: shared, http: 0 });
  const sessions: Client[] = [];
  try {
    for (let i = 0; i < 10; i++) {
      const c = new Client({ name: `bench-${i}`, version: "1" }, { versionNegotiation: { mode: "auto" } });
      await c.connect(new StreamableHTTPClientTransport(new URL(serving.url!)));
      sessions.push(c);
    }
    limited.clearRequests();
    limited.reset();
    // Every call asks for something different, so that the client's coalescing of identical requests in
    // flight cannot make the count look better than one request per call.
    const releases = [...limited.state.releases.keys()];
    const artists = [...limited.state.artists.keys()];
    const plan = Array.from({ length: calls }, (_, i) => {
      const n = Math.floor(i / 5);
      if (i % 5 === 4) return { name: "discogs_list_collection", arguments: { page: n + 1, per_page: 4 } };
      if (i % 5 === 3) return { name: "discogs_get_artist", arguments: { artist_id: artists[n]! } };
      return { name: "discogs_get_release", arguments: { release_id: releases[i - n]! } };
    });
    const t0 = performance.now();
    const results = await Promise.all(
      plan.map(async (p, i) => {
        const started = performance.now();
        const r = (await sessions[i % sessions.length]!.callTool(p)) as Answer;
        return { r, ms: performance.now() - started, name: p.name };
      }),
    );
    const elapsed = performance.now() - t0;
    const failed = results.filter((x) => x.r.isError);
    const log = limited.requests;
    const server429 = log.filter((q) => q.rateLimited || q.status === 429).length;
    const identity = log.filter((q) => q.path === "/oauth/identity").length;
    const apiRequests = log.length;
    const releaseCalls = results.filter((x) => x.name === "discogs_get_release").length;
    const releaseRequests = log.filter((q) => q.path.startsWith("/releases/")).length;
    const ideal = Math.max(0, Math.ceil(apiRequests / limit) - 1) * windowMs;
    const latencies = results.map((x) => x.ms);
    tables.push({
      title: `${calls} concurrent tool calls over streamable HTTP (10 sessions, one client), emulator at ${limit} per ${windowMs / 1000} s`,
      headers: ["Figure", "Value", "Goal or baseline"],
      rows: [
        ["failed calls", String(failed.length), "0"],
        ["server 429s", `${server429} of ${apiRequests} (${num((server429 / apiRequests) * 100)}%)`, "≤ 1%"],
        [
          "requests per tool call",
          `${num(apiRequests / calls, 3)} (${apiRequests} for ${calls}: ${identity} identity look-up)`,
          "1 + one identity look-up in all",
        ],
        ["requests per get_release", num(releaseRequests / releaseCalls, 2), "1"],
        ["time", ms(elapsed), `ideal at the limit: ${ms(ideal)}`],
        ["call latency p50 / p95", `${ms(quantile(latencies, 0.5))} / ${ms(quantile(latencies, 0.95))}`, ""],
      ],
    });
    goals.push(
      {
        name: `${calls} concurrent calls over HTTP: 0 failed`,
        met: failed.length === 0,
        detail: failed.length ? `${failed.length} failed: ${failed[0]!.r.content[0]?.text}` : "0 failed",
      },
      {
        name: "Server 429s ≤ 1%",
        met: server429 / apiRequests <= GOALS.share429,
        detail: `${server429} of ${apiRequests}`,
      },
      {
        name: "One request per tool call (get_release: 1, identity once)",
        met: releaseRequests === releaseCalls && identity <= 1 && apiRequests === calls + identity,
        detail: `${apiRequests} requests for ${calls} calls, ${identity} identity look-up`,
      },
    );
    raw.load = { calls, elapsed, failed: failed.length, server429, apiRequests, identity, ideal };
  } finally {
    for (const c of sessions) await c.close().catch(() => {});
    await serving.close();
    await shared.close();
    await limited.close();
  }

  return {
    id: "mcp",
    title: "MCP server (discogs-sdk/mcp)",
    method:
      "A real MCP client (the official SDK's `Client`) against `createMcpServer` over the SDK's streamable HTTP " +
      "handler, and against `serveMcp({ http: 0 })` on a real socket for the load, with the emulator behind. " +
      "Sizes are bytes of JSON as sent (1 KB = 1000 B). The anchors' figures come from the research notes; the " +
      "answer-size baseline is the same tools' `detail: \"full\"` answers; the load's baseline is the time the " +
      "rate limit alone imposes.",
    tables,
    goals,
    raw,
  };
}
