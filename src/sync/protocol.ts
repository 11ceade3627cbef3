/**
 * The wire between `DiscogsSync` (the calling thread) and its worker thread: the messages, the signal slot
 * and the path format. Both sides import this module; nothing here touches a thread.
 *
 * A call is one request message on a `MessagePort`, one reply on the same channel, and a wake-up through a
 * shared `Int32Array` slot: the caller sets the slot to {@link IDLE}, posts, and blocks in `Atomics.wait`
 * while the slot is IDLE; the worker posts its reply, stores {@link REPLIED} and calls `Atomics.notify`; the
 * caller reads the reply with `receiveMessageOnPort`. A worker that exits stores {@link GONE} and notifies,
 * so a blocked caller never waits for a thread that is not there.
 *
 * @module
 * Internal to the package (not exported from an entry point).
 */

/** The slot's value while the caller waits. */
export const IDLE = 0;
/** The worker has posted the reply of the pending call. */
export const REPLIED = 1;
/** The worker thread is exiting (or has exited): no reply will come. */
export const GONE = 2;

/**
 * One step of a path the worker replays on its real client:
 * `["g", name]` reads a property, `["c", name, args]` calls a method with encoded arguments, `["a"]` awaits.
 */
export type Step = readonly ["g", string] | readonly ["c", string, Tagged[]] | readonly ["a"];

/**
 * Where a path starts and how it goes on: client `c` (or a value the worker keeps, handle `h`), then `s`.
 * Resource proxies carry a path from the client: replaying it builds the async client's own resource (which
 * sends nothing), so the worker keeps no state for them.
 */
export interface Ref {
  /** The client id (one worker hosts every `DiscogsSync` of a thread). */
  readonly c: number;
  /** A value kept by the worker (a loaded value with methods), when the path starts there. */
  readonly h?: number | undefined;
  /** The steps. */
  readonly s: readonly Step[];
}

/**
 * A value as it crosses (either way), tagged where structured clone alone would lose something:
 * `["p", v]` plain data sent as is; `["a", items]` an array; `["o", entries, methods, getters]` an object
 * with data, methods (called through the path) and getters; `["n", node]` a resource; `["r", response]` a
 * fetch `Response` (status and headers; the SDK already read its body); `["H", entries]` `Headers`;
 * `["u", href]` a `URL`; `["x", error]` an error.
 */
export type Tagged =
  | readonly ["p", unknown]
  | readonly ["a", Tagged[]]
  | readonly ["o", [string, Tagged][], string[]]
  | readonly ["n", NodeDesc]
  | readonly ["r", ResponseDesc]
  | readonly ["H", [string, string][]]
  | readonly ["u", string]
  | readonly ["x", ErrorDesc];

/** A fetch `Response` without its body. */
export interface ResponseDesc {
  status: number;
  statusText: string;
  url: string;
  redirected: boolean;
  headers: [string, string][];
}

/**
 * The kind of one member of a resource: `n` a sub-resource (its description follows), `m` a method, `v` data
 * (its value follows), `g` a getter (read through the worker at each access).
 */
export type Member =
  | readonly [name: string, kind: "n", node: NodeDesc]
  | readonly [name: string, kind: "m"]
  | readonly [name: string, kind: "v", value: Tagged]
  | readonly [name: string, kind: "g"];

/** What the worker tells about a resource object of the async client. */
export interface NodeDesc {
  /** Its class name (for `util.inspect`). */
  readonly cls: string;
  /** Awaitable in the async client (a lazy resource): property access loads it. */
  readonly then: boolean;
  /** Async-iterable in the async client (a paginator): `for...of` walks it. */
  readonly iter: boolean;
  /** Its members. */
  readonly m: readonly Member[];
}

/** An error, as it crosses: its class name, message, own fields and cause. Credentials are scrubbed. */
export interface ErrorDesc {
  /** The constructor's name, e.g. `NotFoundError`, to rebuild the same class. */
  readonly ctor: string;
  readonly name: string;
  readonly message: string;
  /** The worker-side stack (scrubbed), kept as `workerStack` for debugging. */
  readonly stack?: string | undefined;
  /** Own enumerable fields (`status`, `body`, `url`, ...). */
  readonly fields: [string, Tagged][];
  readonly cause?: Tagged | undefined;
}

/** Output the worker produced while it served a call, replayed in order on the calling thread. */
export type Output =
  | readonly ["out" | "err", string]
  | readonly ["cb", client: number, bag: string, key: string, args: Tagged[]];

/** What the calling thread asks. A request without an `id` gets no reply (and wakes nobody). */
export type Request =
  | {
      readonly id: number;
      readonly op: "open";
      /** The id of the new client (the calling thread numbers them). */
      readonly c: number;
      /** The client options, encoded, with callback bags reduced to their keys. */
      readonly options: Tagged;
      /** For each forwarded callback bag (`hooks`, `logger`): the keys that held functions. */
      readonly callbacks: Record<string, string[]>;
    }
  | { readonly id: number; readonly op: "run"; readonly ref: Ref }
  | { readonly id: number; readonly op: "iter"; readonly ref: Ref }
  | { readonly id: number; readonly op: "next"; readonly it: number }
  /** Closes a client (without an id: one the calling thread dropped without closing it). */
  | { readonly id?: number | undefined; readonly op: "close"; readonly c: number }
  /** An iterator left early. */
  | { readonly id?: undefined; readonly op: "return"; readonly it: number }
  /** Values the calling thread no longer holds. */
  | { readonly id?: undefined; readonly op: "free"; readonly h: number[] };

/** A request as the caller hands it to the host, which numbers it. */
export type Unnumbered<T = Request> = T extends unknown ? Omit<T, "id"> : never;

/** What the worker answers. */
export interface Reply {
  /** The request's id, or -1 for a failure of the thread itself. */
  readonly id: number;
  /** The outcome. */
  readonly ok: boolean;
  /** The value (`ok`; `["n", node]` for a resource), or `["x", error]`. */
  readonly v: Tagged;
  /** A handle kept by the worker for the value (it has methods); freed by a `free` request. */
  readonly h?: number | undefined;
  /** `iter`: the iterator's id. */
  readonly it?: number | undefined;
  /** `iter`/`next`: the walk is over. */
  readonly done?: boolean | undefined;
  /** Output produced while serving the call. */
  readonly out?: Output[] | undefined;
}

/** Option bags whose functions are called back on the calling thread (after each call) instead of crossing. */
export const FORWARDED_BAGS: readonly string[] = ["hooks", "logger"];

/** Members a sync proxy never exposes: promise plumbing (a proxy is not awaitable) and internals (the type `SyncHidden`). */
export function hiddenMember(name: string): boolean {
  return (
    name === "constructor" || name === "then" || name === "catch" || name === "finally" || name[0] === "_"
  );
}
