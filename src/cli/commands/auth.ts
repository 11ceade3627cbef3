/**
 * `discogs auth login|status|logout`. Secrets are never printed: `status` masks every one of them, login
 * prompts do not echo, and errors name variables, never values.
 *
 * @module
 */

import { createInterface } from "node:readline";
import { str } from "../args";
import { readConfig, writeConfig, type StoredCredentials } from "../config";
import { CREDENTIAL_ENV, DEFAULT_BASE_URL, type CommandContext, type CredentialValues } from "../context";
import { report } from "../errors";
import { CliError, EXIT, UsageError } from "../exit";
import { VERSION } from "../../version";

const MASK = "********";

/** Reads one line from stdin (the PIN), or undefined when stdin ends first. */
function readLine(ctx: CommandContext): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: ctx.io.stdin, terminal: false });
    let done = false;
    const finish = (v: string | undefined) => {
      if (done) return;
      done = true;
      ctx.signal.removeEventListener("abort", onAbort);
      rl.close();
      resolve(v);
    };
    const onAbort = () => {
      if (done) return;
      done = true;
      rl.close();
      reject(new CliError("Interrupted", EXIT.interrupted));
    };
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    rl.once("line", (line) => finish(line.trim()));
    rl.once("close", () => finish(undefined));
  });
}

/** Reads a secret from a terminal without echoing it. */
function readHidden(ctx: CommandContext, prompt: string): Promise<string> {
  const stdin = ctx.io.stdin as NodeJS.ReadStream;
  return new Promise((resolve, reject) => {
    ctx.io.stderr.write(prompt);
    let value = "";
    const wasRaw = stdin.isRaw;
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const cleanup = () => {
      stdin.off("data", onData);
      stdin.setRawMode?.(wasRaw ?? false);
      stdin.pause();
      ctx.io.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          cleanup();
          resolve(value.trim());
          return;
        }
        if (ch === "\u0003") {
          cleanup();
          reject(new CliError("Interrupted", EXIT.interrupted));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readAll(ctx: CommandContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.io.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8").trim();
}

/** Checks credentials with one `/oauth/identity` request; returns the username. */
async function whoIs(ctx: CommandContext, values: CredentialValues): Promise<string> {
  const client = await ctx.makeClient(values);
  try {
    return (await client.user.identity({ signal: ctx.signal })).username;
  } finally {
    await client.close();
  }
}

function store(ctx: CommandContext, entry: StoredCredentials): void {
  const config = readConfig(ctx.paths.config);
  config.hosts[ctx.baseUrl] = entry;
  writeConfig(ctx.paths.config, config);
}

/** `discogs auth login` */
export async function login(ctx: CommandContext): Promise<number> {
  const env = ctx.io.env;
  const flagToken = str(ctx.opts, "token");
  const withToken = ctx.opts["with-token"] === true;
  const consumerKey = str(ctx.opts, "consumer-key") ?? (env.DISCOGS_CONSUMER_KEY || undefined);
  const consumerSecret = str(ctx.opts, "consumer-secret") ?? (env.DISCOGS_CONSUMER_SECRET || undefined);
  if (withToken && flagToken !== undefined) throw new UsageError("give --with-token or --token, not both");
  const explicitOAuth =
    str(ctx.opts, "consumer-key") !== undefined || str(ctx.opts, "consumer-secret") !== undefined;
  if ((withToken || flagToken !== undefined) && explicitOAuth) {
    throw new UsageError(
      "a personal token and --consumer-key/--consumer-secret are two ways to log in: give one",
    );
  }

  let entry: StoredCredentials;
  let mode: string;
  if (withToken || flagToken !== undefined || !(consumerKey || consumerSecret)) {
    let token = flagToken;
    if (withToken) token = await readAll(ctx);
    else if (token === undefined) {
      if (!ctx.io.stdin.isTTY || !ctx.io.stderr.isTTY) {
        throw new UsageError(
          "auth login needs a token: --with-token (reads it from stdin) or --token <token>; or --consumer-key and --consumer-secret for the OAuth PIN flow",
          "get a personal access token at https://www.discogs.com/settings/developers",
        );
      }
      ctx.io.stderr.write("Get a personal access token at https://www.discogs.com/settings/developers\n");
      token = await readHidden(ctx, "Paste your token (it is not shown): ");
    }
    if (!token) throw new UsageError("the token is empty");
    if (/\s/.test(token)) throw new UsageError("the token contains white space: paste only the token");
    const username = await verify(ctx, { token });
    entry = { token, username };
    mode = "token";
  } else {
    if (!consumerKey || !consumerSecret) {
      throw new UsageError(
        `the OAuth flow needs both the consumer key and secret (--consumer-key/--consumer-secret or ${CREDENTIAL_ENV.consumerKey}/${CREDENTIAL_ENV.consumerSecret})`,
      );
    }
    const sdk = await ctx.sdk();
    const transport = {
      baseUrl: ctx.baseUrl,
      userAgent: `discogs-cli/${VERSION}`,
      requestOptions: { signal: ctx.signal },
    };
    const rt = await sdk.getRequestToken({
      consumerKey,
      consumerSecret,
      callbackUrl: "oob",
      ...(ctx.baseUrl === DEFAULT_BASE_URL ? {} : { authorizeBaseUrl: `${ctx.baseUrl}/oauth/authorize` }),
      ...transport,
    });
    ctx.io.stderr.write(
      `Open this page, authorize the app, and paste the code Discogs shows you:\n\n  ${rt.authorizeUrl}\n\nCode: `,
    );
    const verifier = await readLine(ctx);
    if (!verifier)
      throw new UsageError("no code given: run discogs auth login again (a request token lasts 15 minutes)");
    let at: { accessToken: string; accessTokenSecret: string };
    try {
      at = await sdk.getAccessToken({
        consumerKey,
        consumerSecret,
        requestToken: rt.token,
        requestTokenSecret: rt.tokenSecret,
        verifier,
        ...transport,
      });
    } catch (e) {
      const r = report(e, sdk);
      throw new CliError(
        `Discogs refused the code: ${r.message}`,
        EXIT.auth,
        "run discogs auth login again and paste the code exactly",
      );
    }
    const values = { consumerKey, consumerSecret, ...at };
    const username = await verify(ctx, values);
    entry = { ...values, username };
    mode = "oauth";
  }
  store(ctx, entry);
  const envSet = Object.values(CREDENTIAL_ENV).filter((n) => env[n]);
  if (envSet.length)
    ctx.out.warn(
      `${envSet.join(", ")} ${envSet.length > 1 ? "are" : "is"} set in the environment and take${envSet.length > 1 ? "" : "s"} precedence over what was stored`,
    );
  await ctx.out.object(
    { logged_in: true, username: entry.username, base_url: ctx.baseUrl, mode, config_file: ctx.paths.config },
    {
      fields: [
        { label: "Logged in as", path: "username" },
        { label: "Base URL", path: "base_url" },
        { label: "Auth", path: "mode" },
        { label: "Stored in", path: "config_file" },
      ],
    },
  );
  return EXIT.ok;
}

async function verify(ctx: CommandContext, values: CredentialValues): Promise<string> {
  try {
    return await whoIs(ctx, values);
  } catch (e) {
    const sdk = await ctx.sdk();
    const r = report(e, sdk);
    if (r.code === EXIT.auth) {
      throw new CliError(
        `Discogs rejected the credentials: nothing was stored (${r.message})`,
        EXIT.auth,
        "check the token at https://www.discogs.com/settings/developers",
      );
    }
    throw e;
  }
}

/** `discogs auth status` */
export async function status(ctx: CommandContext): Promise<number> {
  const c = ctx.credentials();
  const masked: Record<string, string> = {};
  for (const key of Object.keys(c.values)) masked[key.replace(/[A-Z]/g, (m) => "_" + m.toLowerCase())] = MASK;
  const info: Record<string, unknown> = {
    base_url: ctx.baseUrl,
    logged_in: false,
    source: c.source,
    where: c.where,
    mode: c.mode,
    username: null,
    ...masked,
  };
  const view = {
    fields: [
      { label: "Base URL", path: "base_url" },
      { label: "Logged in", path: "logged_in" },
      { label: "User", path: "username" },
      { label: "Auth", path: "mode" },
      { label: "From", path: "where" },
      ...Object.keys(masked).map((k) => ({ label: k, path: k })),
      { label: "Problem", path: "problem" },
    ],
  };
  if (c.mode === "none") {
    info.problem = "no credentials";
    await ctx.out.object(info, view);
    throw new CliError(
      `not logged in to ${ctx.baseUrl}`,
      EXIT.auth,
      "run discogs auth login (or set DISCOGS_TOKEN)",
    );
  }
  if (c.mode === "key") {
    info.problem = "a consumer key and secret identify an app, not a user";
    await ctx.out.object(info, view);
    return EXIT.ok;
  }
  try {
    info.username = await whoIs(ctx, c.values);
    info.logged_in = true;
  } catch (e) {
    const r = report(e, await ctx.sdk());
    if (r.code !== EXIT.auth) throw e;
    info.problem = "rejected by Discogs";
    await ctx.out.object(info, view);
    throw new CliError(
      `Discogs rejected the credentials from ${c.where}: ${r.message}`,
      EXIT.auth,
      "run discogs auth login again",
    );
  }
  await ctx.out.object(info, view);
  return EXIT.ok;
}

/** `discogs auth logout` */
export async function logout(ctx: CommandContext): Promise<number> {
  const config = readConfig(ctx.paths.config);
  const all = ctx.opts.all === true;
  const removed = all ? Object.keys(config.hosts) : ctx.baseUrl in config.hosts ? [ctx.baseUrl] : [];
  for (const host of removed) delete config.hosts[host];
  if (removed.length) writeConfig(ctx.paths.config, config);
  const envSet = Object.values(CREDENTIAL_ENV).filter((n) => ctx.io.env[n]);
  if (envSet.length)
    ctx.out.warn(`${envSet.join(", ")} ${envSet.length > 1 ? "are" : "is"} still set in the environment`);
  if (!removed.length) ctx.out.info(`Nothing was stored for ${all ? "any base URL" : ctx.baseUrl}.`);
  await ctx.out.object(
    { logged_out: removed.length > 0, removed, config_file: ctx.paths.config },
    {
      fields: [
        { label: "Logged out", path: "logged_out" },
        { label: "Removed", path: "removed" },
        { label: "Config file", path: "config_file" },
      ],
    },
  );
  return EXIT.ok;
}
