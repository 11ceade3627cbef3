/**
 * `discogs auth login|status|logout` and the credential rules, through the built bin against the emulator:
 * the config file at $XDG_CONFIG_HOME/discogs/config.json with mode 0600, the OAuth PIN flow, masked status,
 * precedence, credentials sent to their own base URL only, and no secret in any output.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import { ensureBuilt, freshHome, jsonLines, outputs, runCli, until } from "./helpers/cli";

const TOKEN = "auth-test-token-5ad1e0";
const OTHER = "auth-other-token-77aa21";
const CONSUMER_KEY = "auth-test-consumer-key-19";
const CONSUMER_SECRET = "auth-test-consumer-secret-4c";
let emu: Emulator;
let other: Emulator;
const secrets = new Set([TOKEN, OTHER, CONSUMER_KEY, CONSUMER_SECRET]);

beforeAll(async () => {
  await ensureBuilt();
  emu = await startEmulator({
    rateLimit: false,
    credentials: {
      tokens: { [TOKEN]: "example", [OTHER]: "rodneyfool" },
      consumers: [{ key: CONSUMER_KEY, secret: CONSUMER_SECRET }],
    },
  });
  other = await startEmulator({ rateLimit: false });
}, 180_000);
afterAll(async () => {
  await emu?.close();
  await other?.close();
});
beforeEach(() => {
  emu.reset();
  other.reset();
});

const configPath = (home: string) => path.join(home, "config", "discogs", "config.json");

describe("auth login with a token", () => {
  test("--token: checked with /oauth/identity, stored for the base URL in a 0600 file, then used by later commands", async () => {
    const home = freshHome();
    const r = await runCli(["auth", "login", "--token", TOKEN, "--base-url", emu.url], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      {
        logged_in: true,
        username: "example",
        base_url: emu.url,
        mode: "token",
        config_file: configPath(home),
      },
    ]);
    const st = statSync(configPath(home));
    expect(st.mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(configPath(home))).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(configPath(home), "utf8"));
    expect(stored.hosts[emu.url]).toEqual({ token: TOKEN, username: "example" });
    emu.clearRequests();
    // Later commands use it, and know the user without asking Discogs.
    const list = await runCli(["collection", "list", "--limit", "1", "--base-url", emu.url], { home });
    expect(list.code, list.stderr).toBe(0);
    expect(emu.requests.map((q) => q.path)).toEqual(["/users/example/collection/folders/0/releases"]);
    expect(emu.requests[0]!.auth).toBe("token");
  });

  test("--with-token reads the token from stdin", async () => {
    const home = freshHome();
    const r = await runCli(["auth", "login", "--with-token", "--base-url", emu.url], {
      home,
      input: `${TOKEN}\n`,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(configPath(home), "utf8")).hosts[emu.url].token).toBe(TOKEN);
  });

  test("a rejected token: exit 4, nothing stored", async () => {
    const home = freshHome();
    const r = await runCli(["auth", "login", "--token", "not-a-valid-token-000", "--base-url", emu.url], {
      home,
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("nothing was stored");
    expect(() => statSync(configPath(home))).toThrow();
    secrets.add("not-a-valid-token-000");
  });

  test("without a token and without a terminal: a usage error that says how", async () => {
    const r = await runCli(["auth", "login", "--base-url", emu.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--with-token");
  });
});

describe("auth login with the OAuth 1.0a PIN flow", () => {
  test("prints the authorize URL, reads the code from stdin, stores the four values", async () => {
    const home = freshHome();
    let stderr = "";
    const r = await runCli(
      [
        "auth",
        "login",
        "--consumer-key",
        CONSUMER_KEY,
        "--consumer-secret",
        CONSUMER_SECRET,
        "--base-url",
        emu.url,
      ],
      {
        home,
        onSpawn: (child) => {
          child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
          void until(() => /oauth_token=([0-9a-f]+)/.test(stderr), 20_000, "the authorize URL").then(() => {
            const token = /oauth_token=([0-9a-f]+)/.exec(stderr)![1]!;
            const verifier = emu.authorize(token);
            child.stdin!.end(`${verifier}\n`);
          });
        },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${emu.url}/oauth/authorize?oauth_token=`);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ logged_in: true, username: "example", mode: "oauth" });
    const stored = JSON.parse(readFileSync(configPath(home), "utf8")).hosts[emu.url];
    expect(Object.keys(stored).sort()).toEqual([
      "accessToken",
      "accessTokenSecret",
      "consumerKey",
      "consumerSecret",
      "username",
    ]);
    secrets.add(stored.accessToken);
    secrets.add(stored.accessTokenSecret);
    expect(statSync(configPath(home)).mode & 0o777).toBe(0o600);

    // The stored OAuth credentials sign later requests (the emulator verifies the HMAC-SHA1 signature).
    emu.clearRequests();
    const status = await runCli(["auth", "status", "--base-url", emu.url], { home });
    expect(status.code, status.stderr).toBe(0);
    const [s] = jsonLines(status.stdout) as Record<string, unknown>[];
    expect(s).toMatchObject({ logged_in: true, username: "example", mode: "oauth", source: "config" });
    for (const key of ["consumer_key", "consumer_secret", "access_token", "access_token_secret"])
      expect(s![key]).toBe("********");
    expect(emu.requests[0]).toMatchObject({ path: "/oauth/identity", auth: "oauth", signatureValid: true });
  });
});

describe("auth status and logout", () => {
  test("status masks the secret and names the source; logout removes the stored entry", async () => {
    const home = freshHome();
    expect((await runCli(["auth", "login", "--token", TOKEN, "--base-url", emu.url], { home })).code).toBe(0);
    const s = await runCli(["auth", "status", "--base-url", emu.url], { home });
    expect(s.code, s.stderr).toBe(0);
    expect(jsonLines(s.stdout)).toEqual([
      {
        base_url: emu.url,
        logged_in: true,
        source: "config",
        where: `config file ${configPath(home)}`,
        mode: "token",
        username: "example",
        token: "********",
      },
    ]);
    const out = await runCli(["auth", "logout", "--base-url", emu.url], { home });
    expect(out.code).toBe(0);
    expect(JSON.parse(readFileSync(configPath(home), "utf8")).hosts).toEqual({});
    const after = await runCli(["auth", "status", "--base-url", emu.url], { home });
    expect(after.code).toBe(4);
    expect(after.stderr).toContain("discogs auth login");
  });

  test("status with a rejected environment token: exit 4", async () => {
    const r = await runCli(["auth", "status", "--base-url", emu.url], {
      env: { DISCOGS_TOKEN: "rejected-env-token-31" },
    });
    expect(r.code).toBe(4);
    secrets.add("rejected-env-token-31");
  });
});

describe("credential rules", () => {
  test("precedence: DISCOGS_TOKEN > --token > the config file", async () => {
    const home = freshHome();
    expect((await runCli(["auth", "login", "--token", TOKEN, "--base-url", emu.url], { home })).code).toBe(0);
    const viaFlag = await runCli(["auth", "status", "--base-url", emu.url, "--token", OTHER], { home });
    expect(jsonLines(viaFlag.stdout)[0]).toMatchObject({ source: "flag", username: "rodneyfool" });
    const viaEnv = await runCli(["auth", "status", "--base-url", emu.url, "--token", TOKEN], {
      home,
      env: { DISCOGS_TOKEN: OTHER },
    });
    expect(jsonLines(viaEnv.stdout)[0]).toMatchObject({ source: "env", username: "rodneyfool" });
    expect(viaEnv.stderr).toContain("--token is ignored");
  });

  test("stored credentials go only to the base URL they were stored for", async () => {
    const home = freshHome();
    expect((await runCli(["auth", "login", "--token", TOKEN, "--base-url", emu.url], { home })).code).toBe(0);
    const r = await runCli(["release", "352665", "--base-url", other.url], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
  });

  test("incomplete OAuth variables: exit 4 naming the missing variable, nothing sent", async () => {
    const r = await runCli(["release", "1", "--base-url", emu.url], {
      env: { DISCOGS_ACCESS_TOKEN: "only-half-of-it-99" },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("DISCOGS_ACCESS_TOKEN_SECRET is missing");
    expect(emu.requests).toEqual([]);
    secrets.add("only-half-of-it-99");
  });

  test("--verbose logs requests without any credential", async () => {
    const r = await runCli([
      "collection",
      "list",
      "--limit",
      "2",
      "--verbose",
      "--base-url",
      emu.url,
      "--token",
      TOKEN,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /\[discogs\] debug: \[discogs-sdk\] GET http:\/\/127\.0\.0\.1:\d+\/oauth\/identity -> 200/,
    );
    expect(r.stderr).toMatch(/collection\/folders\/0\/releases\?per_page=2 -> 200/);
  });
});

afterAll(() => {
  // No output of any run holds a secret (the OAuth access token and secret included).
  expect(outputs.length).toBeGreaterThan(10);
  for (const o of outputs)
    for (const s of secrets) expect(o.stdout + o.stderr, `discogs ${o.args.join(" ")}`).not.toContain(s);
});
