/**
 * The config file: credentials stored by `discogs auth login`, one entry per API base URL, so that stored
 * credentials are only ever sent to the base URL they were stored for.
 *
 * ```json
 * { "version": 1, "hosts": { "https://api.discogs.com": { "token": "…", "username": "example" } } }
 * ```
 *
 * Written with mode 0600 (see {@link writePrivateFile}). Nothing here ever prints a value it reads.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { CliError, EXIT } from "./exit";
import { writePrivateFile } from "./files";

/** Credentials stored for one base URL. */
export interface StoredCredentials {
  /** Personal access token. */
  token?: string;
  /** OAuth consumer key (with `auth login --consumer-key`). */
  consumerKey?: string;
  /** OAuth consumer secret. */
  consumerSecret?: string;
  /** OAuth access token. */
  accessToken?: string;
  /** OAuth access token secret. */
  accessTokenSecret?: string;
  /** The Discogs user the credentials act as (from `/oauth/identity` at login). */
  username?: string;
}

/** The config file's content. */
export interface ConfigFile {
  version: 1;
  /** Credentials by API base URL (no trailing slash). */
  hosts: Record<string, StoredCredentials>;
}

const CREDENTIAL_KEYS = [
  "token",
  "consumerKey",
  "consumerSecret",
  "accessToken",
  "accessTokenSecret",
  "username",
] as const;

/** Reads the config file; a missing file is an empty config. */
export function readConfig(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, hosts: {} };
    throw new CliError(
      `Cannot read the config file ${file}: ${(e as NodeJS.ErrnoException).code ?? "error"}`,
      EXIT.error,
      "check its permissions, or delete it and run discogs auth login again",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Never echo the content: it holds secrets.
    throw new CliError(
      `The config file ${file} is not valid JSON`,
      EXIT.error,
      "fix it, or delete it and run discogs auth login again",
    );
  }
  const hosts: Record<string, StoredCredentials> = {};
  const raw = (parsed as { hosts?: unknown })?.hosts;
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [host, value] of Object.entries(raw as Record<string, unknown>)) {
      if (!value || typeof value !== "object") continue;
      const entry: StoredCredentials = {};
      for (const key of CREDENTIAL_KEYS) {
        const v = (value as Record<string, unknown>)[key];
        if (typeof v === "string" && v !== "") entry[key] = v;
      }
      hosts[host] = entry;
    }
  }
  return { version: 1, hosts };
}

/** Writes the config file (mode 0600, atomically). */
export function writeConfig(file: string, config: ConfigFile): void {
  writePrivateFile(file, JSON.stringify(config, null, 2) + "\n");
}
