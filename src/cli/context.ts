/**
 * What a command runs with: its arguments, the output, the SIGINT signal, the base URL, the credentials
 * (resolved in one place, with their precedence), a lazily built client, and the username the user commands
 * act on.
 *
 * Credential precedence: `DISCOGS_*` variables > `--token` > the config file's entry for the base URL in use.
 * Credentials from the config file are only ever sent to the base URL they were stored for.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ClientOptions, Discogs } from "../index";
import { str, type OptionValues } from "./args";
import { readConfig } from "./config";
import { CliError, EXIT, UsageError } from "./exit";
import { writePrivateFile } from "./files";
import type { IO, Output } from "./output";
import { paint } from "./output";
import { cacheDir, configFile, stateDir } from "./paths";
import { Progress } from "./progress";
import { loadSdk, type SDK } from "./sdk";
import type { CommandSpec } from "./spec";
import { VERSION } from "../version";

/** The default API base URL. */
export const DEFAULT_BASE_URL = "https://api.discogs.com";

/** Credential environment variables, by client option. */
export const CREDENTIAL_ENV = {
  token: "DISCOGS_TOKEN",
  consumerKey: "DISCOGS_CONSUMER_KEY",
  consumerSecret: "DISCOGS_CONSUMER_SECRET",
  accessToken: "DISCOGS_ACCESS_TOKEN",
  accessTokenSecret: "DISCOGS_ACCESS_TOKEN_SECRET",
} as const;

/** Credential values, by client option name. */
export type CredentialValues = Partial<Record<keyof typeof CREDENTIAL_ENV, string>>;

/** The credentials a run uses and where they came from. */
export interface ResolvedCredentials {
  /** Where they came from. */
  source: "env" | "flag" | "config" | "none";
  /** Human description of the source (a variable list, `--token`, or the config file path). */
  where: string;
  /** The auth mode they make. */
  mode: "none" | "token" | "key" | "oauth";
  values: CredentialValues;
  /** The username stored with them (config file only). */
  username?: string;
}

/** Checks and normalizes a base URL (absolute http(s), no credentials, query or fragment; no trailing slash). */
export function normalizeBaseUrl(value: string, from: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${from} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${from} must be an http(s) URL, got ${JSON.stringify(url.protocol)}`);
  }
  if (url.username || url.password) throw new UsageError(`${from} must not contain credentials`);
  if (url.search || url.hash) throw new UsageError(`${from} must not have a query or a fragment`);
  return url.toString().replace(/\/+$/, "");
}

function modeOf(
  v: CredentialValues,
  name: (k: keyof CredentialValues) => string,
  where: string,
): ResolvedCredentials["mode"] {
  const bad = (msg: string) =>
    new CliError(
      `Incomplete credentials (${where}): ${msg}`,
      EXIT.auth,
      "set the missing value, or remove the others",
    );
  if (v.accessToken && !v.accessTokenSecret)
    throw bad(`${name("accessToken")} is set but ${name("accessTokenSecret")} is missing`);
  if (v.accessTokenSecret && !v.accessToken)
    throw bad(`${name("accessTokenSecret")} is set but ${name("accessToken")} is missing`);
  if (v.consumerKey && !v.consumerSecret)
    throw bad(`${name("consumerKey")} is set but ${name("consumerSecret")} is missing`);
  if (v.consumerSecret && !v.consumerKey)
    throw bad(`${name("consumerSecret")} is set but ${name("consumerKey")} is missing`);
  if (v.accessToken && !v.consumerKey) {
    throw bad(`${name("accessToken")} needs ${name("consumerKey")} and ${name("consumerSecret")}`);
  }
  if (v.accessToken) return "oauth";
  if (v.token) return "token";
  if (v.consumerKey) return "key";
  return "none";
}

/**
 * Resolves the credentials: any `DISCOGS_*` credential variable wins (all of them are read, nothing else),
 * then `--token`, then the config file's entry for `baseUrl`.
 */
export function resolveCredentials(
  env: Record<string, string | undefined>,
  flagToken: string | undefined,
  file: string,
  baseUrl: string,
  warn: (text: string) => void,
): ResolvedCredentials {
  const fromEnv: CredentialValues = {};
  for (const [key, name] of Object.entries(CREDENTIAL_ENV) as [keyof CredentialValues, string][]) {
    const v = env[name];
    if (v !== undefined && v.trim() !== "") fromEnv[key] = v;
  }
  if (Object.keys(fromEnv).length > 0) {
    const names = Object.keys(fromEnv).map((k) => CREDENTIAL_ENV[k as keyof CredentialValues]);
    if (flagToken !== undefined)
      warn(
        `--token is ignored: ${names.join(", ")} ${names.length > 1 ? "are" : "is"} set, and the environment takes precedence`,
      );
    const where = `environment (${names.join(", ")})`;
    return { source: "env", where, values: fromEnv, mode: modeOf(fromEnv, (k) => CREDENTIAL_ENV[k], where) };
  }
  if (flagToken !== undefined) {
    if (flagToken.trim() === "") throw new UsageError("--token must not be empty");
    return { source: "flag", where: "--token", values: { token: flagToken }, mode: "token" };
  }
  const stored = readConfig(file).hosts[baseUrl];
  if (stored) {
    const { username, ...values } = stored;
    const where = `config file ${file}`;
    const mode = modeOf(values, (k) => `"${k}"`, where);
    if (mode !== "none") {
      const out: ResolvedCredentials = { source: "config", where, values, mode };
      if (username) out.username = username;
      return out;
    }
  }
  return { source: "none", where: "none", values: {}, mode: "none" };
}

/** The context a command runs with. */
export interface CommandContext {
  spec: CommandSpec;
  /** Positional arguments. */
  args: string[];
  /** Options (the command's and the global ones). */
  opts: OptionValues;
  io: IO;
  out: Output;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** Whether Ctrl-C was pressed. */
  interrupted(): boolean;
  /** The API base URL in use. */
  baseUrl: string;
  /** `--verbose`. */
  verbose: boolean;
  /** Paths of the config file, state and cache folders. */
  paths: { config: string; state: string; cache: string };
  /** The SDK module. */
  sdk(): Promise<SDK>;
  /** The client (built once, closed when the command ends). */
  client(): Promise<Discogs>;
  /** A client with other credentials (and `extra` options) and the same settings (the caller closes it). */
  makeClient(values: CredentialValues, extra?: Pick<ClientOptions, "rateLimit">): Promise<Discogs>;
  /** The credentials in use. */
  credentials(): ResolvedCredentials;
  /** Throws exit 4 with what to do when there are no credentials. */
  requireAuth(what: string): void;
  /** The user that collection, wantlist and inventory commands act on. */
  username(): Promise<string>;
  /** A progress bar on stderr (drawing nothing unless stderr is a terminal). */
  progress(label: string): Progress;
  /** A `--verbose` line on stderr. */
  log(text: string): void;
  /** Closes what the context opened (the client). */
  close(): Promise<void>;
}

/** Reads `DISCOGS_RATE_LIMIT_WINDOW_MS` (for emulators with a shorter window). */
function rateWindow(env: Record<string, string | undefined>): number | undefined {
  const v = env.DISCOGS_RATE_LIMIT_WINDOW_MS;
  if (v === undefined || v === "") return undefined;
  if (!/^\d+$/.test(v) || Number(v) <= 0) {
    throw new UsageError(
      `DISCOGS_RATE_LIMIT_WINDOW_MS must be a positive integer of milliseconds, got "${v}"`,
    );
  }
  return Number(v);
}

function credentialKey(baseUrl: string, c: ResolvedCredentials): string {
  const v = c.values;
  const material = [baseUrl, c.mode, v.token, v.consumerKey, v.accessToken, v.accessTokenSecret].join("\0");
  return createHash("sha256").update(material).digest("hex").slice(0, 32);
}

/** Builds the context of one run. */
export function createContext(init: {
  spec: CommandSpec;
  args: string[];
  opts: OptionValues;
  io: IO;
  out: Output;
  signal: AbortSignal;
  interrupted: () => boolean;
}): CommandContext {
  const { io, opts, out } = init;
  const env = io.env;
  const flagUrl = str(opts, "base-url");
  const envUrl = env.DISCOGS_BASE_URL && env.DISCOGS_BASE_URL !== "" ? env.DISCOGS_BASE_URL : undefined;
  const baseUrl = flagUrl
    ? normalizeBaseUrl(flagUrl, "--base-url")
    : envUrl
      ? normalizeBaseUrl(envUrl, "DISCOGS_BASE_URL")
      : DEFAULT_BASE_URL;
  const verbose = opts.verbose === true;
  const paths = { config: configFile(env), state: stateDir(env), cache: cacheDir(env) };
  const windowMs = rateWindow(env);
  let creds: ResolvedCredentials | undefined;
  let client: Discogs | undefined;
  let activeProgress: Progress | undefined;

  const log = (text: string) => {
    if (!verbose) return;
    io.stderr.write(`${paint("dim", `[discogs] ${text}`, out.settings.errColor)}\n`);
  };

  const ctx: CommandContext = {
    ...init,
    baseUrl,
    verbose,
    paths,
    sdk: loadSdk,
    log,
    credentials() {
      return (creds ??= resolveCredentials(env, str(opts, "token"), paths.config, baseUrl, (t) =>
        out.warn(t),
      ));
    },
    requireAuth(what) {
      if (ctx.credentials().mode === "none") {
        throw new CliError(
          `${what} needs credentials, and none are set for ${baseUrl}`,
          EXIT.auth,
          "run discogs auth login (or set DISCOGS_TOKEN, or pass --token)",
        );
      }
    },
    async client() {
      client ??= await ctx.makeClient(ctx.credentials().values);
      return client;
    },
    async makeClient(v, extra = {}) {
      const sdk = await loadSdk();
      // The SDK's logging goes to stderr, never stdout (console.info and console.debug would write to stdout);
      // --verbose turns on its debug lines: each attempt's method, URL, status, duration, retry and wait.
      const line = (level: string) => (message: string) => {
        if (level !== "debug" || verbose)
          io.stderr.write(`${paint("dim", `[discogs] ${level}: ${message}`, out.settings.errColor)}\n`);
      };
      const options: ClientOptions = {
        baseUrl,
        userAgent: `discogs-cli/${VERSION}`,
        token: v.token ?? null,
        consumerKey: v.consumerKey ?? null,
        consumerSecret: v.consumerSecret ?? null,
        accessToken: v.accessToken ?? null,
        accessTokenSecret: v.accessTokenSecret ?? null,
        validation: "warn",
        rateLimit: windowMs ? { windowMs } : true,
        ...extra,
        logger: { error: line("error"), warn: line("warn"), info: line("info"), debug: line("debug") },
        ...(verbose ? { logLevel: "debug" as const } : {}),
        hooks: {
          onThrottled: (e) => {
            const wait = `waiting ${Math.ceil(e.waitMs / 1000)}s for the rate limit`;
            if (activeProgress?.enabled) activeProgress.note(wait);
            else if (e.waitMs >= 1000) out.info(`${wait} (Discogs counts requests per minute)...`);
          },
          onValidationWarning: (w) =>
            log(`response of ${w.endpoint} differs from the model: ${w.issues.slice(0, 3).join("; ")}`),
        },
      };
      return new sdk.Discogs(options);
    },
    async username() {
      const given =
        str(opts, "user") ??
        (env.DISCOGS_USERNAME && env.DISCOGS_USERNAME !== "" ? env.DISCOGS_USERNAME : undefined);
      if (given !== undefined) {
        if (given.trim() === "" || /[/\\?#\s]/.test(given))
          throw new UsageError(`--user must be a Discogs username, got ${JSON.stringify(given)}`);
        return given;
      }
      const c = ctx.credentials();
      if (c.mode === "none" || c.mode === "key") {
        throw new CliError(
          `${init.spec.name} acts on your account, and no user credentials are set for ${baseUrl}`,
          EXIT.auth,
          "run discogs auth login (or set DISCOGS_TOKEN), or pass --user <name> for another user's public data",
        );
      }
      if (c.username) return c.username;
      const cacheFile = join(paths.cache, "identities.json");
      const key = credentialKey(baseUrl, c);
      let cache: Record<string, string>;
      try {
        cache = JSON.parse(readFileSync(cacheFile, "utf8")) as Record<string, string>;
        if (typeof cache[key] === "string") return cache[key];
      } catch {
        cache = {}; // no cache yet, or an unreadable one: it is rewritten below
      }
      const me = await (await ctx.client()).user.identity({ signal: init.signal });
      try {
        const entries = Object.entries(cache).slice(-49);
        writePrivateFile(
          cacheFile,
          JSON.stringify(Object.fromEntries([...entries, [key, me.username]])) + "\n",
        );
      } catch (e) {
        log(`could not write the identity cache ${cacheFile}: ${(e as NodeJS.ErrnoException).code ?? e}`);
      }
      return me.username;
    },
    progress(label) {
      const p = new Progress(out.settings.errTTY ? io.stderr : undefined, label, {
        ascii: env.TERM === "dumb",
      });
      activeProgress = p;
      return p;
    },
    async close() {
      activeProgress = undefined;
      await client?.close();
    },
  };
  return ctx;
}
