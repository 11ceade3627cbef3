/**
 * The SDK, loaded only when a command needs it (never for help), through the package's own name: the CLI
 * uses the published entry points (`discogs-sdk`, `discogs-sdk/testing`, `discogs-sdk/dumps`) exactly as a
 * user would, and the core bundle does not grow by a byte.
 *
 * The specifiers are variables so that neither the bundler nor TypeScript tries to resolve them at build time
 * (they resolve at run time through the package's `exports`); the types come from the sources.
 *
 * @module
 */

import type * as SdkModule from "../index";
import type * as TestingModule from "../testing/index";

/** The `discogs-sdk` module. */
export type SDK = typeof SdkModule;
/** The `discogs-sdk/testing` module. */
export type Testing = typeof TestingModule;

const SDK_ENTRY: string = "discogs-sdk";
const TESTING_ENTRY: string = "discogs-sdk/testing";
const DUMPS_ENTRY: string = "discogs-sdk/dumps";
const MCP_ENTRY: string = "discogs-sdk/mcp";

let sdk: Promise<SDK> | undefined;

/** The `discogs-sdk` module (imported once). */
export function loadSdk(): Promise<SDK> {
  return (sdk ??= import(SDK_ENTRY) as Promise<SDK>);
}

/** The SDK module if something loaded it already (error mapping must not load it just to classify). */
export function sdkIfLoaded(): Promise<SDK> | undefined {
  return sdk;
}

/** The `discogs-sdk/testing` module (the emulator). */
export function loadTesting(): Promise<Testing> {
  return import(TESTING_ENTRY) as Promise<Testing>;
}

/** What the `discogs-sdk/dumps` entry offers the `dump` command. */
export interface DumpsModule {
  readReleases(source: string): AsyncIterable<unknown>;
  readArtists(source: string): AsyncIterable<unknown>;
  readLabels(source: string): AsyncIterable<unknown>;
  readMasters(source: string): AsyncIterable<unknown>;
}

/** The `discogs-sdk/dumps` module, or undefined when this build has none. */
export async function loadDumps(): Promise<DumpsModule | undefined> {
  try {
    return (await import(DUMPS_ENTRY)) as DumpsModule;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw e;
  }
}

/** The `discogs-sdk/mcp` entry, for `discogs mcp` (loaded only by that command). */
export function loadMcp(): Promise<typeof import("../mcp/index")> {
  return import(MCP_ENTRY) as Promise<typeof import("../mcp/index")>;
}
