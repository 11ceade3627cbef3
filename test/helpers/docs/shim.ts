/**
 * What the docs-blocks harness's generated entry shims (`.cache/docs-blocks/shims/*.ts`) are made of. A shim
 * re-exports an entry point of the package unchanged, except the exports listed in the harness's
 * `BASE_URL_DEFAULTS`: constructors and functions whose first argument is an options object with `baseUrl`.
 * Those get the emulator's URL as the default `baseUrl`, so that `new Discogs({ userAgent: "MyApp/1.0" })` in a
 * block talks to the emulator while the block's text stays exactly what a user reads. An explicit `baseUrl`
 * in a block is kept as it is.
 */

/** The emulator a document's blocks run against (set by the harness for the runner process). */
function emulatorUrl(): string {
  const url = process.env.DOCS_EMULATOR_URL;
  if (!url) throw new Error("docs-blocks shim: DOCS_EMULATOR_URL is not set (the harness sets it)");
  return url;
}

/** `options` with `baseUrl` set to the emulator's URL where it is absent (or undefined). */
export function withEmulatorBaseUrl(options: unknown): unknown {
  if (options === undefined) return { baseUrl: emulatorUrl() };
  if (options === null || typeof options !== "object" || Array.isArray(options)) return options;
  const o = options as Record<string, unknown>;
  return o.baseUrl === undefined ? { ...o, baseUrl: emulatorUrl() } : options;
}

/** A subclass of `C` whose first constructor argument defaults `baseUrl` to the emulator's URL. */
export function withEmulatorClass<C extends abstract new (...args: any[]) => any>(C: C): C {
  const Shimmed = class extends (C as unknown as new (...args: any[]) => any) {
    constructor(...args: any[]) {
      super(withEmulatorBaseUrl(args[0]), ...args.slice(1));
    }
  };
  Object.defineProperty(Shimmed, "name", { value: C.name });
  return Shimmed as unknown as C;
}

/** A function that calls `f` with its first argument's `baseUrl` defaulted to the emulator's URL. */
export function withEmulatorFunction<F extends (...args: any[]) => any>(f: F): F {
  const shimmed = function (this: unknown, ...args: any[]) {
    return f.call(this, withEmulatorBaseUrl(args[0]), ...args.slice(1));
  };
  Object.defineProperty(shimmed, "name", { value: f.name });
  return shimmed as unknown as F;
}

/** Wraps one export as its kind asks: a class (has a prototype with a constructor) or a function. */
export function withEmulator<T>(value: T, name: string): T {
  if (typeof value !== "function")
    throw new TypeError(`docs-blocks shim: ${name} is not a function or class`);
  const isClass = /^class[\s{]/.test(Function.prototype.toString.call(value));
  return (isClass ? withEmulatorClass(value as any) : withEmulatorFunction(value as any)) as T;
}
