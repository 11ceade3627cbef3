/**
 * Secrets scan: nothing the SDK shows may contain a credential.
 *
 * For every auth mode (personal token, key + secret, OAuth 1.0a HMAC-SHA1 and PLAINTEXT) and every fault of the
 * matrix on a GET, a create, an upload and a download, plus a 401, a validation warning, a cache warning and the
 * OAuth flow helpers, it collects everything the SDK exposes: error messages, `String(error)`,
 * `util.inspect(error)` (hidden properties, causes, any depth), `JSON.stringify(error)`, stacks; every hook event;
 * every console line; `String`/`inspect`/`JSON.stringify` of clients, resources, paginators and the rate-limit
 * snapshot; the keys and values a cache store receives. None may contain the token, the consumer secret, the
 * access token secret, or any OAuth signature the emulator received (taken from `emu.requests`).
 */
import { writeFileSync } from "node:fs";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Discogs, getAccessToken, getRequestToken, type ClientOptions, type Hooks } from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { FAULTS, OPERATIONS, runCell } from "./helpers/fault-matrix";

const SECRETS = {
  token: "tok-SECRET-9c1e7f3a55",
  consumerKey: "ck-public-4411",
  consumerSecret: "cs-SECRET-77ab19e0d2",
  accessToken: "at-public-5522",
  accessTokenSecret: "ats-SECRET-3f08b6c4e1",
};

type Mode = "token" | "key" | "oauth-hmac" | "oauth-plaintext";
const MODES: Mode[] = ["token", "key", "oauth-hmac", "oauth-plaintext"];

function credentials(mode: Mode): ClientOptions {
  const none = {
    token: null,
    consumerKey: null,
    consumerSecret: null,
    accessToken: null,
    accessTokenSecret: null,
  };
  switch (mode) {
    case "token":
      return { ...none, token: SECRETS.token };
    case "key":
      return { ...none, consumerKey: SECRETS.consumerKey, consumerSecret: SECRETS.consumerSecret };
    case "oauth-hmac":
    case "oauth-plaintext":
      return {
        ...none,
        consumerKey: SECRETS.consumerKey,
        consumerSecret: SECRETS.consumerSecret,
        accessToken: SECRETS.accessToken,
        accessTokenSecret: SECRETS.accessTokenSecret,
        oauthSignatureMethod: mode === "oauth-hmac" ? "HMAC-SHA1" : "PLAINTEXT",
      };
  }
}

/** Everything exposed, as text. */
const exposed: { where: string; text: string }[] = [];
function expose(where: string, value: unknown): void {
  const texts: string[] = [];
  try {
    texts.push(String(value));
  } catch {
    // a value without a string form exposes nothing through String()
  }
  texts.push(inspect(value, { showHidden: true, depth: Infinity, getters: false }));
  try {
    texts.push(JSON.stringify(value) ?? "");
  } catch {
    // circular: inspect above covered it
  }
  if (value instanceof Error) {
    texts.push(value.message, value.stack ?? "");
    for (let c: unknown = value.cause, d = 0; c && d < 5; c = (c as Error).cause, d++) {
      texts.push(String(c), inspect(c, { showHidden: true, depth: Infinity }));
      if (c instanceof Error) texts.push(c.message, c.stack ?? "");
    }
  }
  exposed.push({ where, text: texts.join("\n") });
}

/** Hooks that expose every event they receive. */
function exposingHooks(where: string): Hooks {
  const hook =
    (name: string) =>
    (e: unknown): void =>
      expose(`${where} hooks.${name}`, e);
  return {
    onRequest: hook("onRequest"),
    onResponse: hook("onResponse"),
    onRetry: hook("onRetry"),
    onRateLimited: hook("onRateLimited"),
    onThrottled: hook("onThrottled"),
  };
}

let emu: Emulator;
let strict: Emulator;
/** Every Authorization header the emulators received (the cells clear `emu.requests` as they go). */
const authorizations: string[] = [];
const clients: Discogs[] = [];
const client = (mode: Mode, extra: ClientOptions = {}, on: Emulator = emu) => {
  const c = new Discogs({
    baseUrl: on.url,
    ...credentials(mode),
    userAgent: "SecretsScan/1.0",
    rateLimit: false,
    timeout: 150,
    retry: { baseDelayMs: 5, maxDelayMs: 500 }, // a Retry-After of 1 s is not waited for: the error carries it
    hooks: exposingHooks(mode),
    ...extra,
  });
  clients.push(c);
  return c;
};
const consoleSpies: ReturnType<typeof vi.spyOn>[] = [];

beforeAll(async () => {
  // Every console line the SDK writes is exposed.
  for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    consoleSpies.push(
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => expose(`console.${level}`, args)),
    );
  }
  emu = await startEmulator({ rateLimit: false });
  emu.server.prependListener("request", (req) => authorizations.push(req.headers.authorization ?? ""));
  // Pinned credentials: ours are unknown there, so every request is refused with 401.
  strict = await startEmulator({
    rateLimit: false,
    credentials: {
      tokens: { "someone-else": "example" },
      consumers: [{ key: "other-key", secret: "other-secret" }],
      accessTokens: {},
    },
  });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  for (const spy of consoleSpies) spy.mockRestore();
  await emu.close();
  await strict.close();
});

describe.each(MODES)("%s", (mode) => {
  it("errors of every fault kind on a GET, a create, an upload and a streamed download", async () => {
    const ops = OPERATIONS.filter((o) => ["get", "create", "upload", "stream"].includes(o.id));
    for (const op of ops) {
      for (const fault of FAULTS) {
        const c = client(mode);
        const result = await runCell(emu, op, fault, { times: Infinity, maxRetries: 1, client: c });
        expect(result.outcome.result, `${mode} ${op.id} ${fault.id}`).not.toBe("HANG");
        expose(`${mode} ${op.id} ${fault.id} error`, result.error ?? result.value);
      }
    }
  });

  it("a 401 for credentials the server does not know", async () => {
    const c = client(mode, {}, strict);
    const error = await c.users
      .get("example")
      .collection.value.get()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeDefined();
    expose(`${mode} 401`, error);
  });

  it("clients, resources, paginators and the rate-limit snapshot", async () => {
    const c = client(mode);
    await c.releases.get(352665);
    for (const [name, value] of Object.entries({
      client: c,
      releases: c.releases,
      release: c.releases.get(352665),
      user: c.users.get("example"),
      wantlist: c.users.get("example").wantlist,
      paginator: c.users.get("example").wantlist.list(),
      marketplace: c.marketplace,
      uploads: c.uploads,
      rateLimit: c.rateLimit,
      currentUser: c.user,
    })) {
      expose(`${mode} ${name}`, value);
    }
    expose(
      `${mode} client with customInspect off`,
      inspect(c, { customInspect: false, showHidden: true, depth: 4 }),
    );
  });

  it("validation warnings (console) and the keys and values a cache store receives", async () => {
    const stored: string[] = [];
    const store = {
      map: new Map<string, string>(),
      get(k: string) {
        stored.push(k);
        return this.map.get(k);
      },
      set(k: string, v: string) {
        stored.push(k, v);
        this.map.set(k, v);
      },
      delete(k: string) {
        stored.push(k);
        this.map.delete(k);
      },
      clear() {
        this.map.clear();
      },
    };
    const c = client(mode, { validation: "warn", cache: store });
    // A body that does not fit its model: warned on the console (no onValidationWarning hook).
    emu.faults.add({ kind: "status", status: 200, body: { id: "not a number" }, path: "/releases/352665" });
    await c.releases.get(352665);
    // (Key + secret has no user: these two fail with 401, which is exposed too.)
    for (const call of [
      () => c.users.get("example").wantlist.list().toArray({ limit: 5 }),
      () => c.users.get("example").wantlist.create({ release_id: 352665 }),
    ]) {
      await call().then(
        (v) => expose(`${mode} result`, v),
        (e: unknown) => expose(`${mode} error`, e),
      );
    }
    expose(`${mode} cache store traffic`, stored);
    expect(stored.length).toBeGreaterThan(0);
  });
});

describe("the OAuth flow helpers", () => {
  it("errors of getRequestToken and getAccessToken (unknown consumer, bad verifier)", async () => {
    const hooks = exposingHooks("oauth-flow");
    const base = { baseUrl: strict.url, hooks, rateLimit: false as const, maxRetries: 0 };
    const e1 = await getRequestToken({
      ...base,
      consumerKey: SECRETS.consumerKey,
      consumerSecret: SECRETS.consumerSecret,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(e1).toBeDefined();
    expose("getRequestToken error", e1);
    const e2 = await getAccessToken({
      ...base,
      baseUrl: emu.url,
      consumerKey: SECRETS.consumerKey,
      consumerSecret: SECRETS.consumerSecret,
      requestToken: SECRETS.accessToken,
      requestTokenSecret: SECRETS.accessTokenSecret,
      verifier: "bad-verifier",
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(e2).toBeDefined();
    expose("getAccessToken error", e2);
  });
});

describe("the scan", () => {
  it("found no credential and no OAuth signature in anything the SDK exposed", () => {
    const signatures = new Set<string>();
    for (const auth of [
      ...authorizations,
      ...[...emu.requests, ...strict.requests].map((r) => r.headers.authorization ?? ""),
    ]) {
      for (const m of auth.matchAll(/oauth_signature="([^"]+)"/g)) {
        const raw = m[1]!;
        signatures.add(raw);
        signatures.add(decodeURIComponent(raw));
      }
    }
    // Both signature methods were exercised (HMAC signatures differ per request; PLAINTEXT is the secrets).
    expect(signatures.size).toBeGreaterThan(100);
    const needles = [SECRETS.token, SECRETS.consumerSecret, SECRETS.accessTokenSecret, ...signatures];
    expect(exposed.length).toBeGreaterThan(500);
    const leaks: string[] = [];
    for (const { where, text } of exposed) {
      for (const needle of needles) {
        if (text.includes(needle)) leaks.push(`${where}: contains ${needle.slice(0, 12)}…`);
      }
    }
    if (process.env.SECRETS_DUMP)
      writeFileSync(process.env.SECRETS_DUMP, exposed.map((e) => `## ${e.where}\n${e.text}`).join("\n"));
    expect(leaks).toEqual([]);
  });

  it("the scan would see a leak (self-check)", () => {
    const sample = `{"Authorization":"Discogs token=${SECRETS.token}"}`;
    expect([SECRETS.token].some((n) => sample.includes(n))).toBe(true);
  });
});
