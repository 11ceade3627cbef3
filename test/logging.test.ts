/**
 * Logging (issue 13): `logLevel` (`"off" | "error" | "warn" | "info" | "debug"`, default `"warn"`), `logger` (any
 * console-shaped object, default `console`) and the `DISCOGS_LOG` environment variable (the option wins; a bad
 * value is reported once and the default used).
 *
 * - At debug, each attempt's method, URL, status, duration and attempt number, each retry (reason and wait) and
 *   each wait for the rate limit are logged.
 * - No line ever carries a credential, in any auth mode: the secrets are scanned for as written and in every
 *   encoding a URL or an OAuth header gives them (percent-encoded, form-encoded, OAuth PLAINTEXT signatures).
 * - Validation warnings of `validation: "warn"` go to the logger when no `onValidationWarning` hook is set.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  Discogs,
  MemoryRateLimitStore,
  ReleaseSchema,
  type ClientOptions,
  type Logger,
  type LogLevel,
} from "../src/index";
import { percentEncode } from "../src/core/oauth";
import { startEmulator, type Emulator } from "../src/testing/index";

let emu: Emulator;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const k of Object.keys(process.env)) {
    if (k.startsWith("DISCOGS_")) {
      savedEnv[k] = process.env[k];
      delete process.env[k];
    }
  }
  emu = await startEmulator({ rateLimit: { keyBy: "credential" } });
});
afterAll(async () => {
  await emu.close();
  for (const [k, v] of Object.entries(savedEnv)) process.env[k] = v;
});
afterEach(() => {
  delete process.env.DISCOGS_LOG;
  emu.faults.clear();
  emu.clearRequests();
  vi.restoreAllMocks();
});

/** A logger that keeps every line with its level. */
function capture(): Logger & { lines: [Exclude<LogLevel, "off">, string][]; text(): string } {
  const lines: [Exclude<LogLevel, "off">, string][] = [];
  return {
    lines,
    error: (m) => lines.push(["error", m]),
    warn: (m) => lines.push(["warn", m]),
    info: (m) => lines.push(["info", m]),
    debug: (m) => lines.push(["debug", m]),
    text: () => lines.map(([l, m]) => `${l}: ${m}`).join("\n"),
  };
}

let n = 0;
function client(options: ClientOptions = {}): Discogs {
  return new Discogs({
    baseUrl: emu.url,
    token: `tok-log-${++n}`,
    retry: { baseDelayMs: 1 },
    rateLimit: { store: new MemoryRateLimitStore() },
    ...options,
  });
}

/** A response that does not fit its schema: an artist read as a release. */
const mismatch = (c: Discogs) => c.get("/artists/3857", { schema: ReleaseSchema });

describe("logLevel and logger", () => {
  it('defaults to "warn": validation drift is logged, request lines are not', async () => {
    const logger = capture();
    const c = client({ logger, validation: "warn" });
    await c.releases.get(352665);
    await mismatch(c);
    expect(logger.lines.map(([level]) => level)).toEqual(["warn"]);
    expect(logger.lines[0]![1]).toMatch(
      /^\[discogs-sdk\] response of GET \/artists\/3857 does not match its schema: .+/,
    );
    await c.close();
  });

  it("the default logger is console", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const c = client({ validation: "warn" });
    await mismatch(c);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[discogs-sdk\] response of GET \/artists\/3857/);
    expect(debug).not.toHaveBeenCalled();
    await c.close();
  });

  it("each level includes the ones before it; off logs nothing", async () => {
    const seen: Record<string, string[]> = {};
    for (const level of ["off", "error", "warn", "info", "debug"] as const) {
      const logger = capture();
      const c = client({ logger, logLevel: level, validation: "warn" });
      await c.releases.get(352665);
      await mismatch(c);
      seen[level] = [...new Set(logger.lines.map(([l]) => l))];
      await c.close();
    }
    expect(seen).toEqual({ off: [], error: [], warn: ["warn"], info: ["warn"], debug: ["debug", "warn"] });
  });

  it("a validation warning goes to the hook instead when onValidationWarning is set", async () => {
    const logger = capture();
    const warnings: string[] = [];
    const c = client({
      logger,
      validation: "warn",
      hooks: { onValidationWarning: (w) => warnings.push(w.endpoint) },
    });
    await mismatch(c);
    expect(warnings).toEqual(["GET /artists/3857"]);
    expect(logger.lines).toEqual([]);
    await c.close();
  });

  it("a logger that throws never breaks a request", async () => {
    const boom = () => {
      throw new Error("logger down");
    };
    const c = client({
      logLevel: "debug",
      validation: "warn",
      logger: { error: boom, warn: boom, info: boom, debug: boom },
    });
    expect((await c.releases.get(352665)).title).toBe("The Downward Spiral");
    expect(await mismatch(c)).toMatchObject({ name: "Nine Inch Nails" });
    await c.close();
  });

  it("a bad logLevel or logger is a TypeError naming it", () => {
    expect(() => new Discogs({ logLevel: "verbose" as never })).toThrow(
      /^logLevel must be one of "off", "error", "warn", "info", "debug", got "verbose"$/,
    );
    expect(() => new Discogs({ logLevel: "DEBUG" as never })).toThrow(/^logLevel must be one of/);
    expect(() => new Discogs({ logger: "console" as never })).toThrow(
      /^logger must be a console-shaped object/,
    );
    expect(() => new Discogs({ logger: { warn() {}, error() {}, info() {} } as never })).toThrow(
      /^logger\.debug must be a function/,
    );
  });
});

describe("DISCOGS_LOG", () => {
  it("sets the level when logLevel is not given (any case, spaces ignored)", async () => {
    process.env.DISCOGS_LOG = " Debug ";
    const logger = capture();
    const c = client({ logger });
    await c.releases.get(352665);
    expect(logger.lines.map(([l]) => l)).toEqual(["debug"]);
    await c.close();
  });

  it("the logLevel option wins over it", async () => {
    process.env.DISCOGS_LOG = "debug";
    const logger = capture();
    const c = client({ logger, logLevel: "warn" });
    await c.releases.get(352665);
    expect(logger.lines).toEqual([]);
    await c.close();
  });

  it("off silences the default warnings", async () => {
    process.env.DISCOGS_LOG = "off";
    const logger = capture();
    const c = client({ logger, validation: "warn" });
    await mismatch(c);
    expect(logger.lines).toEqual([]);
    await c.close();
  });

  it('a bad value is reported once (not once per client), and "warn" is used', async () => {
    process.env.DISCOGS_LOG = "verbose-bad-value";
    const logger = capture();
    const clients = [client({ logger, validation: "warn" }), client({ logger }), client({ logger })];
    expect(logger.lines).toEqual([
      [
        "warn",
        '[discogs-sdk] DISCOGS_LOG="verbose-bad-value" is not a log level (off, error, warn, info, debug); using "warn"',
      ],
    ]);
    logger.lines.length = 0;
    await clients[0]!.releases.get(352665);
    await mismatch(clients[0]!);
    expect(logger.lines.map(([l]) => l)).toEqual(["warn"]);
    for (const c of clients) await c.close();
  });
});

describe("at debug", () => {
  it("each attempt's method, URL, status, duration and attempt number", async () => {
    const logger = capture();
    const c = client({ logger, logLevel: "debug" });
    await c.releases.get(352665);
    await c.users.get("example").wantlist.create({ release_id: 249504 });
    await c.users.get("example").wantlist.delete(249504);
    await c.labels
      .get(999999999)
      .fetch()
      .catch(() => {});
    expect(logger.lines.map(([, m]) => m.replace(/ in \d+ ms/, " in N ms"))).toEqual([
      `[discogs-sdk] GET ${emu.url}/releases/352665 -> 200 in N ms (attempt 1)`,
      `[discogs-sdk] PUT ${emu.url}/users/example/wants/249504 -> 201 in N ms (attempt 1)`,
      `[discogs-sdk] DELETE ${emu.url}/users/example/wants/249504 -> 204 in N ms (attempt 1)`,
      `[discogs-sdk] GET ${emu.url}/labels/999999999 -> 404 in N ms (attempt 1)`,
    ]);
    await c.close();
  });

  it("each retry, with its reason and its wait, and the attempts on either side", async () => {
    const logger = capture();
    const c = client({ logger, logLevel: "debug" });
    emu.faults.add({ kind: "status", status: 503, path: "/releases/352665" });
    emu.faults.add({ kind: "status", status: 429, path: "/artists/3857", retryAfter: "0" });
    await c.releases.get(352665);
    await c.artists.get(3857);
    const lines = logger.lines.map(([, m]) => m.replace(/ in \d+ ms/, " in N ms"));
    expect(lines).toEqual([
      `[discogs-sdk] GET ${emu.url}/releases/352665 -> 503 in N ms (attempt 1)`,
      `[discogs-sdk] GET ${emu.url}/releases/352665 failed (status:503); retry 1 of 3 in N ms`,
      `[discogs-sdk] GET ${emu.url}/releases/352665 -> 200 in N ms (attempt 2)`,
      `[discogs-sdk] GET ${emu.url}/artists/3857 -> 429 in N ms (attempt 1)`,
      `[discogs-sdk] GET ${emu.url}/artists/3857 failed (status:429); retry 1 of 3 in N ms`,
      `[discogs-sdk] GET ${emu.url}/artists/3857 -> 200 in N ms (attempt 2)`,
    ]);
    await c.close();
  });

  it("attempts that got no response too: a timeout, a connection reset, a body cut off", async () => {
    const logger = capture();
    const c = client({ logger, logLevel: "debug", maxRetries: 0 });
    emu.faults.add({ kind: "latency", ms: 1_000, path: "/releases/352665" });
    await c.releases
      .get(352665, undefined, { timeout: 30 })
      .fetch()
      .catch(() => {});
    emu.faults.add({ kind: "reset", path: "/artists/3857" });
    await c.artists
      .get(3857)
      .fetch()
      .catch(() => {});
    emu.faults.add({ kind: "reset", afterHeaders: true, path: "/labels/647" });
    await c.labels
      .get(647)
      .fetch()
      .catch(() => {});
    expect(logger.lines.map(([, m]) => m.replace(/ in \d+ ms/, " in N ms"))).toEqual([
      `[discogs-sdk] GET ${emu.url}/releases/352665 -> failed (timeout) in N ms (attempt 1)`,
      `[discogs-sdk] GET ${emu.url}/artists/3857 -> failed (connection) in N ms (attempt 1)`,
      `[discogs-sdk] GET ${emu.url}/labels/647 -> 200 in N ms (attempt 1)`,
      `[discogs-sdk] GET ${emu.url}/labels/647 -> failed (body) in N ms (attempt 1)`,
    ]);
    await c.close();
  });

  it("each wait for the rate limit", async () => {
    const logger = capture();
    const c = client({
      logger,
      logLevel: "debug",
      rateLimit: { limit: 1, windowMs: 300, store: new MemoryRateLimitStore() },
    });
    await c.releases.get(352665);
    await c.artists.get(3857);
    expect(logger.lines.map(([, m]) => m)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^\\[discogs-sdk\\] GET ${emu.url}/artists/3857 waited \\d+ ms for the rate limit$`),
      ),
    );
    await c.close();
  });
});

// -------------------------------------------------------------------------------------------------------------
// No credential in any line

/** Secrets with characters every encoding changes (`+`, `/`, `=`, `!`, `(`, `*`, `~`), and a plain one. */
const SECRETS = {
  token: "tok+LOG/secret=1",
  consumerKey: "ck!LOG(key)",
  consumerSecret: "cs*LOG~secret",
  accessToken: "at/LOG+token",
  accessTokenSecret: "as=LOG!secret(2)",
};

/** Every form a secret could take in a URL, a form body or an OAuth header. */
function forms(secret: string): string[] {
  const out = new Set<string>();
  for (const f of [
    secret,
    encodeURIComponent(secret),
    percentEncode(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
  ]) {
    out.add(f);
    out.add(encodeURIComponent(f));
    out.add(percentEncode(f));
  }
  return [...out];
}

/** The PLAINTEXT signature (`consumerSecret&tokenSecret`, each percent-encoded) in its forms. */
const PLAINTEXT_SIGNATURE = `${percentEncode(SECRETS.consumerSecret)}&${percentEncode(SECRETS.accessTokenSecret)}`;

const MODES: [string, ClientOptions][] = [
  ["token", { token: SECRETS.token }],
  ["key/secret", { token: null, consumerKey: SECRETS.consumerKey, consumerSecret: SECRETS.consumerSecret }],
  ["OAuth HMAC-SHA1", { ...SECRETS, token: null, oauthSignatureMethod: "HMAC-SHA1" }],
  ["OAuth PLAINTEXT", { ...SECRETS, token: null, oauthSignatureMethod: "PLAINTEXT" }],
];

describe.each(MODES)("%s: no credential in any log line", (_mode, options) => {
  it("through reads, pages, writes, errors, retries, validation warnings and credentials put in a query", async () => {
    const logger = capture();
    const hookUrls: string[] = [];
    const c = new Discogs({
      baseUrl: emu.url,
      retry: { baseDelayMs: 1 },
      rateLimit: { store: new MemoryRateLimitStore() },
      validation: "warn",
      logLevel: "debug",
      logger,
      hooks: {
        onRequest: (e) => hookUrls.push(e.url),
        onRetry: (e) => hookUrls.push(e.url),
        onResponse: (e) => hookUrls.push(e.url),
      },
      ...options,
    });
    // Calls that need a user fail with 401 under key/secret: errors are logged too, so they stay in.
    const settle = (p: PromiseLike<unknown>) => Promise.resolve(p).catch(() => {});
    await c.releases.get(352665);
    await settle(c.user.identity());
    for await (const w of c.users.get("example").wantlist.list({ per_page: 50 })) void w;
    await settle(c.users.get("example").wantlist.create({ release_id: 249504 }));
    await settle(c.users.get("example").wantlist.delete(249504));
    await settle(c.releases.get(999999999));
    emu.faults.add({ kind: "status", status: 503, path: "/artists/3857" });
    await c.artists.get(3857);
    emu.faults.add({ kind: "latency", ms: 1_000, path: "/labels/647" });
    await settle(c.labels.get(647, { timeout: 30, maxRetries: 0 }));
    await mismatch(c);
    // Discogs also reads credentials from the query: a caller may put them there through the escape hatch.
    await settle(
      c.get("/oauth/identity", {
        query: {
          token: SECRETS.token,
          key: SECRETS.consumerKey,
          secret: SECRETS.consumerSecret,
          oauth_consumer_key: SECRETS.consumerKey,
          oauth_token: SECRETS.accessToken,
          oauth_signature: PLAINTEXT_SIGNATURE,
        },
      }),
    );
    await settle(c.get(`/releases/999999999?token=${encodeURIComponent(SECRETS.token)}`));

    const text = `${logger.text()}\n${hookUrls.join("\n")}`;
    expect(logger.lines.length).toBeGreaterThan(10);
    expect(text).toMatch(/-> 503 in \d+ ms/);
    expect(text).toMatch(/labels\/647 -> failed \(timeout\) in \d+ ms \(attempt 1\)/);
    expect(text).toMatch(/does not match its schema/);
    expect(text).toMatch(/token=%5Bredacted%5D/);
    for (const secret of [...Object.values(SECRETS), PLAINTEXT_SIGNATURE]) {
      for (const form of forms(secret)) expect(text, `${secret} as ${form}`).not.toContain(form);
    }
    await c.close();
  });
});

describe("a secret the caller puts in a URL is scrubbed in every encoding", () => {
  it("as a search query, a query value and a path segment", async () => {
    // Characters that percent-encoding, form-encoding and RFC 3986 encoding each treat differently.
    const secret = "tok!LOG'(x)*~y";
    const logger = capture();
    const c = client({ token: secret, logLevel: "debug", logger, maxRetries: 0 });
    const settle = (p: PromiseLike<unknown>) => Promise.resolve(p).catch(() => {});
    await settle(c.search({ query: secret }));
    await settle(c.get("/database/search", { query: { q: secret, title: `${secret} ${secret}` } }));
    await settle(c.users.get(secret).wantlist.list());
    await settle(c.get(`/users/${encodeURIComponent(secret)}/wants`));
    expect(logger.lines.length).toBeGreaterThanOrEqual(4);
    for (const form of forms(secret)) expect(logger.text(), form).not.toContain(form);
    await c.close();
  });
});
