/**
 * Where the CLI keeps its files: the config file (credentials), the state of interrupted exports, and a small
 * cache (the username behind a credential). XDG base directories first, on every platform; otherwise the
 * platform's own folders.
 *
 * | | config | state | cache |
 * |---|---|---|---|
 * | `XDG_*_HOME` set | `$XDG_CONFIG_HOME/discogs` | `$XDG_STATE_HOME/discogs` | `$XDG_CACHE_HOME/discogs` |
 * | Linux and others | `~/.config/discogs` | `~/.local/state/discogs` | `~/.cache/discogs` |
 * | macOS | `~/Library/Application Support/discogs` | `.../discogs/state` | `~/Library/Caches/discogs` |
 * | Windows | `%APPDATA%\discogs` | `%LOCALAPPDATA%\discogs\state` | `%LOCALAPPDATA%\discogs\cache` |
 *
 * @module
 */

import { homedir } from "node:os";
import { join } from "node:path";

/** The environment the paths are read from (tests pass their own). */
export type Env = Record<string, string | undefined>;

const APP = "discogs";

function set(env: Env, name: string): string | undefined {
  const v = env[name];
  return v && v.trim() !== "" ? v : undefined;
}

/** The config folder (holds `config.json`). */
export function configDir(env: Env = process.env, platform: string = process.platform): string {
  const xdg = set(env, "XDG_CONFIG_HOME");
  if (xdg) return join(xdg, APP);
  if (platform === "win32") return join(set(env, "APPDATA") ?? join(homedir(), "AppData", "Roaming"), APP);
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", APP);
  return join(homedir(), ".config", APP);
}

/** The config file: credentials per API base URL, written with mode 0600. */
export function configFile(env: Env = process.env, platform: string = process.platform): string {
  return join(configDir(env, platform), "config.json");
}

/** The state folder (interrupted exports). */
export function stateDir(env: Env = process.env, platform: string = process.platform): string {
  const xdg = set(env, "XDG_STATE_HOME");
  if (xdg) return join(xdg, APP);
  if (platform === "win32")
    return join(set(env, "LOCALAPPDATA") ?? join(homedir(), "AppData", "Local"), APP, "state");
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", APP, "state");
  return join(homedir(), ".local", "state", APP);
}

/** The cache folder. */
export function cacheDir(env: Env = process.env, platform: string = process.platform): string {
  const xdg = set(env, "XDG_CACHE_HOME");
  if (xdg) return join(xdg, APP);
  if (platform === "win32")
    return join(set(env, "LOCALAPPDATA") ?? join(homedir(), "AppData", "Local"), APP, "cache");
  if (platform === "darwin") return join(homedir(), "Library", "Caches", APP);
  return join(homedir(), ".cache", APP);
}
