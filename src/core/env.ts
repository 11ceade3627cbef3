/**
 * Environment variables, where the runtime has them (Node, Bun, Deno); browsers and Workers have none.
 *
 * @module
 */

/** Reads an environment variable; undefined when unset, empty, or when the runtime has no environment. */
export function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const v = env?.[name];
    return v === undefined || v === "" ? undefined : v;
  } catch {
    return undefined;
  }
}
