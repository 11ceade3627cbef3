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

/** A Node built-in module by name, as `process.getBuiltinModule` loads it. */
export type Builtin = (id: string) => unknown;

/**
 * `process.getBuiltinModule` where it exists (Node >= 20.16, Bun, Deno), else undefined. Node-only code reaches
 * `node:` modules through it, so no module of the core imports one and browser bundles never reach them.
 */
export function getBuiltin(): Builtin | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: Builtin } }).process;
  return typeof proc?.getBuiltinModule === "function" ? proc.getBuiltinModule.bind(proc) : undefined;
}
