/**
 * The `discogs` bin, built, in a child process, against the emulator: every command's piped output parsed
 * line by line, one test per exit code, and a scan of every output of this file for the test credentials.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import { ensureBuilt, freshHome, jsonLines, outputs, runCli, until } from "./helpers/cli";

const execFileAsync = promisify(execFile);
const TOKEN = "cli-test-token-7f3a9c";
const OTHER_TOKEN = "cli-other-token-51de02";
let emu: Emulator;
let auth: string[];

beforeAll(async () => {
  await ensureBuilt();
  emu = await startEmulator({
    rateLimit: false,
    credentials: { tokens: { [TOKEN]: "example", [OTHER_TOKEN]: "rodneyfool" } },
  });
  auth = ["--base-url", emu.url, "--token", TOKEN];
}, 180_000);
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.reset();
});

describe("help", () => {
  test("--help, help <command> and help exit-codes print without touching the network; help leads with examples", async () => {
    const top = await runCli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout.split("\n")[2]).toBe("Examples:");
    for (const c of [
      "release",
      "search",
      "collection",
      "wantlist",
      "inventory",
      "orders",
      "auth",
      "ratelimit",
      "request",
      "dump",
      "emulator",
    ]) {
      expect(top.stdout).toContain(`  ${c}`);
    }
    const cmd = await runCli(["help", "collection", "export"]);
    expect(cmd.code).toBe(0);
    const lines = cmd.stdout.split("\n");
    expect(lines[2]).toBe("Examples:");
    expect(lines[3]).toMatch(/^ {2}\$ discogs collection export/);
    expect(cmd.stdout).toContain(
      "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,",
    );
    expect((await runCli(["collection", "export", "--help"])).stdout).toBe(cmd.stdout);
    const codes = await runCli(["help", "exit-codes"]);
    for (const code of ["0", "1", "2", "3", "4", "5", "130"])
      expect(codes.stdout).toMatch(new RegExp(`^ {2}${code} +\\S`, "m"));
    expect((await runCli(["--version"])).stdout).toMatch(/^discogs-sdk \d+\.\d+\.\d+\n$/);
    expect(emu.requests).toHaveLength(0);
  });
});

describe("database commands (piped: JSON for one object, JSONL for lists)", () => {
  test("release, master, artist, label print one JSON object each", async () => {
    for (const [cmd, id, title] of [
      ["release", "352665", "The Downward Spiral"],
      ["master", "3719", "The Downward Spiral"],
      ["artist", "3857", "Nine Inch Nails"],
      ["label", "647", "Interscope Records"],
    ] as const) {
      const r = await runCli([cmd, id, ...auth]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      const [obj, ...rest] = jsonLines(r.stdout) as Record<string, unknown>[];
      expect(rest).toHaveLength(0);
      expect(obj!.id).toBe(Number(id));
      expect(obj!.title ?? obj!.name).toBe(title);
    }
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /releases/352665",
      "GET /masters/3719",
      "GET /artists/3857",
      "GET /labels/647",
    ]);
  });

  test("typed references and URLs name an id; a reference of another type is a usage error", async () => {
    expect(jsonLines((await runCli(["release", "@r352665", ...auth])).stdout)).toHaveLength(1);
    expect(
      jsonLines(
        (await runCli(["release", "https://www.discogs.com/release/352665-Nine-Inch-Nails", ...auth])).stdout,
      ),
    ).toHaveLength(1);
    const wrong = await runCli(["release", "m3719", ...auth]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("discogs master 3719");
  });

  test("byte-stable: the same request twice gives the same bytes; --fields projects nested paths", async () => {
    const a = await runCli(["release", "352665", ...auth]);
    const b = await runCli(["release", "352665", ...auth]);
    expect(a.stdout).toBe(b.stdout);
    const f = await runCli([
      "release",
      "352665",
      ...auth,
      "--fields",
      "id,title,labels.name,community.rating.average",
    ]);
    expect(jsonLines(f.stdout)).toEqual([
      {
        id: 352665,
        title: "The Downward Spiral",
        labels: [{ name: "Nothing Records" }, { name: "Interscope Records" }],
        community: { rating: { average: 4.57 } },
      },
    ]);
  });

  test("--versions, --releases and search print JSONL, one object a line, honouring --limit", async () => {
    const versions = jsonLines(
      (await runCli(["master", "3719", "--versions", "--limit", "3", ...auth])).stdout,
    );
    expect(versions).toHaveLength(3);
    const releases = jsonLines(
      (await runCli(["artist", "3857", "--releases", "--limit", "2", ...auth])).stdout,
    );
    expect(releases).toHaveLength(2);
    const label = jsonLines((await runCli(["label", "647", "--releases", "--limit", "2", ...auth])).stdout);
    expect(label).toHaveLength(2);
    const search = await runCli(["search", "Nine Inch Nails", "--type", "release", "--limit", "4", ...auth]);
    expect(search.code, search.stderr).toBe(0);
    const results = jsonLines(search.stdout) as { type: string }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(4);
    expect(results.every((r) => r.type === "release")).toBe(true);
    const req = emu.requests.find((r) => r.path === "/database/search")!;
    expect(req.query).toMatchObject({ q: "Nine Inch Nails", type: "release", per_page: "4" });
  });
});

describe("user commands", () => {
  test("collection list, wantlist list and inventory list: JSONL of the user's items (the user from /oauth/identity, once)", async () => {
    const home = freshHome();
    const c = await runCli(["collection", "list", ...auth], { home });
    expect(c.code, c.stderr).toBe(0);
    const items = jsonLines(c.stdout) as { instance_id: number }[];
    expect(items).toHaveLength(emu.state.collection.get("example")!.length);
    const w = jsonLines((await runCli(["wantlist", "list", "--limit", "5", ...auth], { home })).stdout);
    expect(w).toHaveLength(5);
    const inv = jsonLines((await runCli(["inventory", "list", ...auth], { home })).stdout) as {
      id: number;
    }[];
    expect(inv.length).toBeGreaterThan(0);
    expect(emu.requests.filter((r) => r.path === "/oauth/identity")).toHaveLength(1); // cached per credential
  });

  test("--user reads another user's public data, and needs no identity request", async () => {
    const r = await runCli(["collection", "list", "--user", "rodneyfool", "--limit", "3", ...auth]);
    expect(jsonLines(r.stdout)).toHaveLength(3);
    expect(emu.requests.map((q) => q.path)).toEqual(["/users/rodneyfool/collection/folders/0/releases"]);
  });

  test("orders list and orders show", async () => {
    const list = jsonLines((await runCli(["orders", "list", "--limit", "3", ...auth])).stdout) as {
      id: string;
    }[];
    expect(list).toHaveLength(3);
    const show = jsonLines((await runCli(["orders", "show", "1-1", ...auth])).stdout) as { id: string }[];
    expect(show[0]!.id).toBe("1-1");
    const messages = jsonLines((await runCli(["orders", "show", "1-1", "--messages", ...auth])).stdout);
    expect(messages.length).toBeGreaterThan(0);
  });

  test("wantlist add and remove by id; collection add and remove by id", async () => {
    const add = await runCli([
      "wantlist",
      "add",
      "352665",
      "--notes",
      "Original pressing",
      "--rating",
      "4",
      ...auth,
    ]);
    expect(add.code, add.stderr).toBe(0);
    expect(jsonLines(add.stdout)).toEqual([
      expect.objectContaining({ row: 1, release_id: "352665", action: "add", result: "ok" }),
    ]);
    expect(emu.state.wants.get("example")!.get(352665)).toMatchObject({
      notes: "Original pressing",
      rating: 4,
    });
    const rm = await runCli(["wantlist", "remove", "352665", ...auth]);
    expect(rm.code, rm.stderr).toBe(0);
    expect(emu.state.wants.get("example")!.has(352665)).toBe(false);

    const before = emu.state.collection.get("example")!.length;
    const cadd = await runCli(["collection", "add", "352665", "--folder", "1000", ...auth]);
    expect(cadd.code, cadd.stderr).toBe(0);
    expect(emu.state.collection.get("example")!.length).toBe(before + 1);
    const inst = emu.state.collection.get("example")!.at(-1)!;
    expect(inst).toMatchObject({ release_id: 352665, folder_id: 1000 });
    const crm = await runCli([
      "collection",
      "remove",
      "352665",
      "--instance",
      String(inst.instance_id),
      ...auth,
    ]);
    expect(crm.code, crm.stderr).toBe(0);
    expect(emu.state.collection.get("example")!.length).toBe(before);
  });
});

describe("escape hatch, ratelimit, emulator, dump", () => {
  test("request GET with -f query fields; POST with a JSON body", async () => {
    const g = await runCli([
      "request",
      "GET",
      "/database/search",
      "-f",
      "q=nirvana",
      "-f",
      "per_page=2",
      ...auth,
    ]);
    expect(g.code, g.stderr).toBe(0);
    const [page] = jsonLines(g.stdout) as { results: unknown[] }[];
    expect(page!.results.length).toBeLessThanOrEqual(2);
    expect(emu.requests[0]!.query).toMatchObject({ q: "nirvana", per_page: "2" });
    const p = await runCli([
      "request",
      "POST",
      "/users/example/collection/folders",
      "-f",
      "name=From CLI",
      ...auth,
    ]);
    expect(p.code, p.stderr).toBe(0);
    expect(jsonLines(p.stdout)[0]).toMatchObject({ name: "From CLI" });
    expect(emu.requests[1]!.body).toEqual({ name: "From CLI" });
  });

  test("request: a query in the path is kept; a URL outside the base URL is refused before any request", async () => {
    const r = await runCli(["request", "GET", "/database/search?q=nine+inch&per_page=1", ...auth]);
    expect(r.code, r.stderr).toBe(0);
    expect(emu.requests[0]!.query).toMatchObject({ q: "nine inch", per_page: "1" });
    const abs = await runCli(["request", "GET", `${emu.url}/releases/352665`, ...auth]);
    expect(abs.code, abs.stderr).toBe(0);
    const foreign = await runCli(["request", "GET", "http://example.invalid/releases/1", ...auth]);
    expect(foreign.code).toBe(2);
    expect(emu.requests).toHaveLength(2);
  });

  test("ratelimit reports the budget from Discogs' headers", async () => {
    const r = await runCli(["ratelimit", ...auth]);
    expect(r.code, r.stderr).toBe(0);
    const [s] = jsonLines(r.stdout) as { limit: number; remaining: number; used: number }[];
    expect(s).toMatchObject({
      limit: expect.any(Number),
      remaining: expect.any(Number),
      authenticated: true,
    });
    expect(emu.requests).toHaveLength(1);
  });

  test("emulator: prints its URL as JSON in a pipe, serves the CLI, and exits 130 on Ctrl-C", async () => {
    let url = "";
    let child: { kill(s: string): void; stdout: NodeJS.ReadableStream | null } | undefined;
    const run = runCli(["emulator", "--no-rate-limit"], {
      onSpawn: (c) => {
        child = c as never;
        c.stdout!.on("data", (d: Buffer) => {
          const m = /"url":"([^"]+)"/.exec(d.toString());
          if (m) url = m[1]!;
        });
      },
    });
    await until(() => url !== "", 20_000, "the emulator's URL");
    const rel = await runCli(["release", "352665", "--base-url", url, "--token", TOKEN]);
    expect(jsonLines(rel.stdout)[0]).toMatchObject({ id: 352665 });
    child!.kill("SIGINT");
    const done = await run;
    expect(done.code).toBe(130);
    expect(jsonLines(done.stdout)).toEqual([{ url, port: Number(new URL(url).port) }]);
  });

  test("dump: records of a data dump as JSONL, or a clear error when this build has no discogs-sdk/dumps", async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
    const sample = path.resolve(
      root,
      "../shared/reference/dumps/discogs_20241201_releases.sample-12.pretty.xml",
    );
    const noType = await runCli(["dump", path.join(root, "package.json")]);
    expect(noType.code).toBe(2);
    expect(noType.stderr).toContain("--type");
    if (!existsSync(path.join(root, "src/dumps"))) {
      const home = freshHome();
      const file = path.join(home, "discogs_20240101_labels.xml");
      writeFileSync(file, "<labels></labels>\n");
      const r = await runCli(["dump", file], { home });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("not available in this build");
      return;
    }
    if (!existsSync(sample)) {
      console.log(`SKIPPED: the dump sample ${sample} is absent (../shared is not here)`);
      return;
    }
    const r = await runCli(["dump", sample, "--limit", "3", "--fields", "id,title"]);
    expect(r.code, r.stderr).toBe(0);
    const records = jsonLines(r.stdout) as { id: number; title: string }[];
    expect(records).toHaveLength(3);
    for (const rec of records) expect(Object.keys(rec)).toEqual(["id", "title"]);
  });

  test("npx discogs-sdk from a clean directory: the packed package's bin (offline: its files installed by hand)", async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
    const dir = freshHome();
    const pack = spawnSync("npm", ["pack", "--pack-destination", dir, "--silent"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(pack.status, pack.stderr).toBe(0);
    const tgz = path.join(dir, pack.stdout.trim().split("\n").pop()!);
    const pkg = path.join(dir, "node_modules", "discogs-sdk");
    mkdirSync(pkg, { recursive: true });
    expect(spawnSync("tar", ["xzf", tgz, "-C", pkg, "--strip-components=1"]).status).toBe(0);
    // What npm install would add: the dependency, and the bins of package.json.
    symlinkSync(path.join(root, "node_modules", "zod"), path.join(dir, "node_modules", "zod"));
    const manifest = JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8")) as {
      bin: Record<string, string>;
    };
    expect(manifest.bin.discogs).toBe(manifest.bin["discogs-sdk"]);
    mkdirSync(path.join(dir, "node_modules", ".bin"));
    for (const [name, target] of Object.entries(manifest.bin)) {
      symlinkSync(path.join("..", "discogs-sdk", target), path.join(dir, "node_modules", ".bin", name));
    }
    writeFileSync(path.join(dir, "package.json"), '{"name":"clean","version":"1.0.0"}\n');
    const env = { ...process.env, npm_config_offline: "true", DISCOGS_TOKEN: TOKEN };
    // Asynchronous: the emulator answers from this process.
    const npx = async (args: string[]) => {
      try {
        const r = await execFileAsync("npx", args, { cwd: dir, encoding: "utf8", env });
        return { status: 0, stdout: r.stdout, stderr: r.stderr };
      } catch (e) {
        const err = e as { code?: number; stdout?: string; stderr?: string };
        return { status: err.code ?? 1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
      }
    };
    const help = await npx(["discogs-sdk", "--help"]);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain("Examples:");
    const rel = await npx(["discogs-sdk", "release", "352665", "--base-url", emu.url, "--fields", "id"]);
    expect(rel.status, rel.stderr).toBe(0);
    expect(rel.stdout).toBe('{"id":352665}\n');
    outputs.push({
      args: ["npx", "discogs-sdk"],
      stdout: help.stdout + rel.stdout,
      stderr: help.stderr + rel.stderr,
    });
  }, 120_000);
});

describe("exit codes, one test each", () => {
  test("0: ok", async () => {
    expect((await runCli(["release", "352665", ...auth])).code).toBe(0);
  });

  test("1: a server error that outlasts the retries, with what to do next", async () => {
    emu.faults.add({
      kind: "status",
      status: 500,
      path: "/releases/352665",
      times: Infinity,
      retryAfter: "0",
    });
    const r = await runCli(["release", "352665", ...auth]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error: .*HTTP 500/m);
    expect(r.stderr).toMatch(/try again/);
  });

  test("2: usage (unknown command, unknown option with a suggestion, missing argument, bad value): nothing sent", async () => {
    const unknown = await runCli(["relase", "1"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("did you mean discogs release?");
    const option = await runCli(["collection", "export", "--formt", "csv", ...auth]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("did you mean --format?");
    expect((await runCli(["release", ...auth])).code).toBe(2);
    expect((await runCli(["search", "x", "--limit", "lots", ...auth])).code).toBe(2);
    expect((await runCli(["collection", "export", "--format", "xml", ...auth])).code).toBe(2);
    expect(emu.requests).toHaveLength(0);
  });

  test("3: not found, suggesting discogs search", async () => {
    const r = await runCli(["release", "999999999", ...auth]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('discogs search "');
  });

  test("4: auth missing (before any request) or rejected", async () => {
    const missing = await runCli(["collection", "list", "--base-url", emu.url]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain("discogs auth login");
    expect(emu.requests).toHaveLength(0);
    const rejected = await runCli([
      "collection",
      "list",
      "--base-url",
      emu.url,
      "--token",
      "wrong-token-123",
    ]);
    expect(rejected.code).toBe(4);
    expect(rejected.stderr).toMatch(/HTTP 401/);
  });

  test("5: rate limit exhausted after the retries", async () => {
    emu.faults.add({
      kind: "status",
      status: 429,
      path: "/releases/352665",
      times: Infinity,
      retryAfter: "0",
    });
    const r = await runCli(["release", "352665", ...auth], { env: { DISCOGS_RATE_LIMIT_WINDOW_MS: "50" } });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("wait a minute");
    expect(emu.requests.length).toBe(4); // the first attempt and the SDK's 3 retries
  });

  test("130: Ctrl-C (SIGINT) during a request", async () => {
    emu.faults.add({ kind: "latency", ms: 30_000, path: "/releases/352665" });
    const r = await runCli(["release", "352665", ...auth], {
      onSpawn: (child) => {
        child.stdin!.end();
        // The emulator logs a request when it answers: wait for the delay fault to be taken instead.
        void until(() => emu.faults.list().length === 0, 20_000, "the request").then(() =>
          child.kill("SIGINT"),
        );
      },
    });
    expect(r.code).toBe(130);
    expect(r.stdout).toBe("");
  });
});

describe("credentials", () => {
  test("precedence: DISCOGS_TOKEN > --token > config file; --token ignored with a warning", async () => {
    const r = await runCli(["collection", "list", "--limit", "1", "--base-url", emu.url, "--token", TOKEN], {
      env: { DISCOGS_TOKEN: OTHER_TOKEN },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("--token is ignored: DISCOGS_TOKEN is set");
    expect(emu.requests.find((q) => q.path === "/oauth/identity")!.username).toBe("rodneyfool");
  });

  afterAll(() => {
    // The scan: no output of any run in this file holds a credential.
    const secrets = [TOKEN, OTHER_TOKEN];
    for (const o of outputs) {
      for (const s of secrets) {
        expect(
          o.stdout.includes(s) || o.stderr.includes(s),
          `${s} printed by discogs ${o.args.join(" ")}`,
        ).toBe(false);
      }
    }
    expect(outputs.length).toBeGreaterThan(20);
  });
});
