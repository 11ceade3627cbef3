/**
 * `DiscogsSync`: the synchronous client.
 *
 * @module
 */

import { cannotBlockError, Host, whyCannotBlock } from "./host";
import { FORWARDED_BAGS, type NodeDesc, type Tagged } from "./protocol";
import { decodeData, defineMembers, Session } from "./proxy";
import type { DiscogsSyncOptions, SyncClientMembers } from "./types";
import { encodeArg, isPlainObject } from "./values";
import { decodeError } from "./errors";

/** `Symbol.dispose`, or its registered stand-in on runtimes that lack it. */
const dispose: typeof Symbol.dispose = ((Symbol as { dispose?: symbol }).dispose ??
  Symbol.for("Symbol.dispose")) as typeof Symbol.dispose;

/** What to do instead, for an option that cannot cross to the worker. */
function optionHint(path: string): string | undefined {
  if (path === "options.fetch") {
    return "a custom fetch would have to run on this thread, which is blocked during every call; use the async client (Discogs) for a custom fetch";
  }
  if (path === "options.cache") {
    return "a CacheStore lives on this thread; DiscogsSync supports `cache: true` (in memory, in its worker) and `cacheDir` (SQLite), or use the async client (Discogs) with your store";
  }
  if (path.startsWith("options.rateLimit")) {
    return "a rate-limit store lives on this thread; the DiscogsSync clients of one thread already share one budget (one worker), or use the async client (Discogs) with your store";
  }
  return "only plain data crosses, or use the async client (Discogs)";
}

/** Every function-valued property of `bag`, own or inherited (a logger may be a class instance). */
function functionKeys(bag: object): string[] {
  const keys = new Set<string>();
  for (
    let p: object | null = bag;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(p)) {
      if (key === "constructor") continue;
      const d = Object.getOwnPropertyDescriptor(p, key);
      if (d && "value" in d && typeof d.value === "function") keys.add(key);
    }
  }
  return [...keys];
}

/**
 * Splits the options into what crosses (encoded; a `TypeError` naming anything that cannot) and the callback
 * bags (`hooks`, `logger`), whose functions stay here and are called when each call returns.
 */
function encodeOptions(options: unknown): {
  encoded: Tagged;
  callbacks: Record<string, string[]>;
  bags: Record<string, Record<string, unknown>>;
} {
  const callbacks: Record<string, string[]> = {};
  const bags: Record<string, Record<string, unknown>> = {};
  if (options === null || typeof options !== "object" || !isPlainObject(options)) {
    return { encoded: encodeArg(options, "options", optionHint), callbacks, bags };
  }
  const crossing: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (
      FORWARDED_BAGS.includes(key) &&
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value)
    ) {
      const fns = functionKeys(value);
      const data: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (typeof v !== "function") data[k] = v;
      crossing[key] = data;
      callbacks[key] = fns;
      bags[key] = value as Record<string, unknown>;
    } else {
      crossing[key] = value;
    }
  }
  return { encoded: encodeArg(crossing, "options", optionHint), callbacks, bags };
}

/** Calls a forwarded callback on this thread; like the async client's hooks, what it throws is ignored. */
function callbackSink(bags: Record<string, Record<string, unknown>>) {
  return (bag: string, key: string, args: Tagged[]) => {
    const owner = bags[bag];
    const fn = owner?.[key];
    if (typeof fn !== "function") return;
    try {
      (fn as (...a: unknown[]) => unknown).apply(
        owner,
        args.map((a) => decodeData(a, `${bag}.${key}`)),
      );
    } catch {
      /* a callback that throws does not fail the call */
    }
  };
}

/** Closes clients dropped without `close()` (their worker then ends with the last one). */
const clientRegistry = new FinalizationRegistry<{ host: Host; c: number }>(({ host, c }) =>
  Session.drop(host, c),
);

/** Names `DiscogsSync` defines itself (the async client's versions are not mirrored). */
const OWN = new Set(["close", "toString", "toJSON"]);

/**
 * The resource tree and methods of `Discogs`, made synchronous (see the class below); typed from the async
 * client, so it follows it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- the members are defined at run time from the async client's tree
export interface DiscogsSync extends SyncClientMembers {}

/**
 * The synchronous Discogs client, for scripts and REPLs: the same options, resource tree, method names and
 * arguments as `Discogs`, every call synchronous. One async `Discogs` client runs in a worker thread (shared
 * by the `DiscogsSync` clients of a thread); each call blocks this thread (no CPU spent) until the worker
 * answers. Needs Node 20.16+, Bun or Deno; a browser's main thread cannot block, so the constructor throws
 * there (use `Discogs`).
 *
 * - `client.releases.get(352665)` returns a proxy and sends nothing; the first field read (`.title`) sends
 *   the one GET; `client.releases.get(352665).rating.get()` is one request.
 * - `for (const r of client.search({ query }))` fetches pages as the loop needs them.
 * - Loaded values are plain model objects; errors are the SDK's classes (`instanceof NotFoundError`).
 * - `close()` (or `using`) ends the client; a script that forgets it still exits.
 *
 * @example
 * ```ts
 * import { DiscogsSync } from "discogs-sdk/sync";
 * using client = new DiscogsSync({ userAgent: "MyScript/1.0" }); // token from DISCOGS_TOKEN
 * const release = client.releases.get(352665);
 * console.log(`${release.title} (${release.year})`);
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class DiscogsSync {
  readonly #session: Session;
  #info: { baseUrl: string; authMode: string } | undefined;

  /**
   * Starts the client (and, for the first client of this thread, its worker thread). Options are those of
   * `Discogs`; they are checked by the async client itself, so a bad option is the same `TypeError`. What
   * cannot cross to the worker is a `TypeError` naming it: `fetch`, a `CacheStore` object (use `cache: true`
   * or `cacheDir`), a rate-limit store, any other function or live object. `hooks` (and a `logger`) are
   * called on this thread when each call returns, in order.
   *
   * @throws DiscogsError where this thread cannot block (a browser's main thread): use `Discogs` there.
   */
  constructor(options: DiscogsSyncOptions = {}) {
    const why = whyCannotBlock();
    if (why) throw cannotBlockError(why);
    const { encoded, callbacks, bags } = encodeOptions(options);
    const host = Host.acquire();
    const session = new Session(host, callbackSink(bags));
    let root: NodeDesc;
    try {
      const reply = host.call({ op: "open", c: session.c, options: encoded, callbacks });
      if (!reply.ok) throw decodeError(reply.v[1] as Parameters<typeof decodeError>[0]);
      root = (reply.v as readonly ["n", NodeDesc])[1];
    } catch (e) {
      host.removeClient(session.c);
      throw e;
    }
    this.#session = session;
    defineMembers(this, session, { c: session.c, s: [] }, root.m, "client", (name) => OWN.has(name));
    clientRegistry.register(session, { host, c: session.c }, session);
  }

  /**
   * Closes the client: the async client in the worker is closed (cache handles, timers), and the worker thread
   * ends with the last client of this thread. Later calls throw a `DiscogsError` "The client is closed". Safe
   * to call twice.
   */
  close(): void {
    if (this.#session.closed) return;
    this.#describe();
    clientRegistry.unregister(this.#session);
    this.#session.close();
  }

  /** `using client = new DiscogsSync()` closes the client at the end of the scope. */
  [dispose](): void {
    this.close();
  }

  /** `{ baseUrl, authMode }` as the worker's client reports them (read once, kept after `close()`). */
  #describe(): { baseUrl: string; authMode: string } | undefined {
    if (this.#info === undefined && !this.#session.closed) {
      const self = this as unknown as { baseUrl: string; authMode: string };
      this.#info = { baseUrl: self.baseUrl, authMode: self.authMode };
    }
    return this.#info;
  }

  /** A description without credentials. */
  toString(): string {
    const info = this.#describe();
    return info
      ? `DiscogsSync { baseUrl: ${info.baseUrl}, auth: ${info.authMode} }`
      : "DiscogsSync { closed }";
  }

  /** JSON form without credentials. */
  toJSON(): { baseUrl: string; authMode: string } | { closed: true } {
    return this.#describe() ?? { closed: true };
  }

  /** Node's `util.inspect` form without credentials. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
