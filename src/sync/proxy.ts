/**
 * The calling thread's view of the async client's objects. A resource is an object whose members mirror the
 * async resource (as the worker described it): sub-resources are objects of the same kind (built when first
 * read, sending nothing), methods send one call to the worker, which replays the path on its real client
 * (argument checks included: a bad argument throws at the call, before any request). A lazy resource is a
 * `Proxy`: its own members answer without a request; any other property loads the value (one GET, once) and
 * reads it from the plain model object. A paginator is `Iterable`: each page is fetched when the walk needs it.
 *
 * @module
 * Internal to the package (not exported from an entry point).
 */

import { DiscogsError } from "../core/errors";
import { decodeError } from "./errors";
import type { CallbackSink, Host } from "./host";
import type { ErrorDesc, Member, NodeDesc, Ref, Reply, ResponseDesc, Step, Tagged } from "./protocol";
import { encodeArg } from "./values";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Frees the worker's handles of values the calling thread dropped (several objects can share one). */
const handleRegistry = new FinalizationRegistry<{ host: Host; h: number; holders: { n: number } }>(
  ({ host, h, holders }) => {
    if (--holders.n === 0) host.post({ op: "free", h: [h] });
  },
);

/** Ends the worker's walk of an iterator the calling thread dropped before its end. */
const iteratorRegistry = new FinalizationRegistry<{ host: Host; it: number }>(({ host, it }) =>
  host.post({ op: "return", it }),
);

function withStep(ref: Ref, step: Step): Ref {
  return { c: ref.c, h: ref.h, s: [...ref.s, step] };
}

/** One `DiscogsSync` client as its proxies see it: the host, the client id, and whether it is closed. */
export class Session {
  readonly host: Host;
  readonly c: number;
  #closed = false;
  readonly #holders = new Map<number, { n: number }>();

  constructor(host: Host, sink: CallbackSink) {
    this.host = host;
    this.c = host.addClient(sink);
  }

  get closed(): boolean {
    return this.#closed || !this.host.alive;
  }

  /** Sends a request; a failure inside the worker is rethrown as its own class. */
  call(req: Parameters<Host["call"]>[0]): Reply {
    if (this.closed) throw new DiscogsError("The client is closed");
    const reply = this.host.call(req);
    if (!reply.ok) throw decodeError(reply.v[1] as ErrorDesc);
    return reply;
  }

  /** Replays `ref` in the worker and returns what it gives: a value, or the proxy of a resource. */
  run(ref: Ref, label: string): unknown {
    const reply = this.call({ op: "run", ref });
    if (reply.v[0] === "n" && reply.h === undefined) return buildNode(this, ref, reply.v[1], label);
    return this.decode(reply.v, reply.h === undefined ? undefined : { c: this.c, s: [] }, reply.h, label);
  }

  /** Keeps the worker's handle `h` while `holder` lives. */
  hold(h: number, holder: object): void {
    let holders = this.#holders.get(h);
    if (!holders) {
      holders = { n: 0 };
      this.#holders.set(h, holders);
    }
    holders.n++;
    handleRegistry.register(holder, { host: this.host, h, holders });
  }

  /** Decodes a value; `base` is where its methods' paths start (a handle), when it has any. */
  decode(t: Tagged, base: Ref | undefined, h: number | undefined, label: string): unknown {
    const root = base && h !== undefined ? { c: base.c, h, s: base.s } : base;
    return decodeTagged(this, t, root, label);
  }

  /** Closes the client in the worker (once); the worker ends with the last client of the thread. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (this.host.alive) {
        const reply = this.host.call({ op: "close", c: this.c });
        if (!reply.ok) throw decodeError(reply.v[1] as ErrorDesc);
      }
    } finally {
      this.host.removeClient(this.c);
    }
  }

  /** The same as `close()`, for a client dropped without it (no reply awaited). */
  static drop(host: Host, c: number): void {
    host.post({ op: "close", c });
    host.removeClient(c);
  }
}

function rebuildResponse(d: ResponseDesc): Response {
  const bodyless = d.status === 204 || d.status === 205 || d.status === 304;
  const res = new Response(bodyless ? null : "", {
    status: d.status,
    statusText: d.statusText,
    headers: d.headers,
  });
  Object.defineProperty(res, "url", { value: d.url });
  Object.defineProperty(res, "redirected", { value: d.redirected });
  return res;
}

/** Decodes plain data (what a forwarded callback receives): no methods, no resources. */
export function decodeData(t: Tagged, label: string): unknown {
  return decodeTagged(undefined, t, undefined, label);
}

function decodeTagged(session: Session | undefined, t: Tagged, ref: Ref | undefined, label: string): unknown {
  switch (t[0]) {
    case "p":
      return t[1];
    case "a":
      return t[1].map((item, i) =>
        decodeTagged(session, item, ref && withStep(ref, ["g", String(i)]), `${label}[${i}]`),
      );
    case "o": {
      const out: Record<string, unknown> = {};
      for (const [key, value] of t[1]) {
        out[key] = decodeTagged(session, value, ref && withStep(ref, ["g", key]), `${label}.${key}`);
      }
      if (session && ref) {
        for (const name of t[2]) {
          Object.defineProperty(out, name, {
            value: method(session, ref, name, label),
            writable: true,
            configurable: true,
          });
        }
        if (t[2].length > 0 && ref.h !== undefined) session.hold(ref.h, out);
      }
      return out;
    }
    case "n": {
      if (!session || !ref) throw new DiscogsError("DiscogsSync: a resource arrived without a path");
      const node = buildNode(session, ref, t[1], label);
      if (ref.h !== undefined) session.hold(ref.h, node);
      return node;
    }
    case "r":
      return rebuildResponse(t[1]);
    case "H":
      return new Headers(t[1]);
    case "u":
      return new URL(t[1]);
    case "x":
      return decodeError(t[1]);
  }
}

/** A synchronous method: encodes its arguments (a `TypeError` for what cannot cross) and runs the call. */
function method(session: Session, ref: Ref, name: string, label: string): (...args: unknown[]) => unknown {
  const where = `${label}.${name}()`;
  const fn = {
    [name](...args: unknown[]): unknown {
      const encoded = args.map((a, i) => encodeArg(a, `argument ${i + 1} of ${where}`));
      return session.run(withStep(ref, ["c", name, encoded]), `${label}.${name}(…)`);
    },
  }[name]!;
  return fn;
}

/** Defines the members of a resource on `target` (skipping `skip`). */
export function defineMembers(
  target: object,
  session: Session,
  ref: Ref,
  members: readonly Member[],
  label: string,
  skip: (name: string) => boolean = () => false,
): void {
  for (const m of members) {
    const name = m[0];
    if (skip(name)) continue;
    switch (m[1]) {
      case "n": {
        let child: object | undefined;
        const desc = m[2];
        Object.defineProperty(target, name, {
          get: () => (child ??= buildNode(session, withStep(ref, ["g", name]), desc, `${label}.${name}`)),
          enumerable: true,
          configurable: true,
        });
        break;
      }
      case "m":
        Object.defineProperty(target, name, {
          value: method(session, ref, name, label),
          enumerable: true, // listed by util.inspect and REPL completion
          writable: true,
          configurable: true,
        });
        break;
      case "v":
        Object.defineProperty(target, name, {
          value: decodeTagged(session, m[2], undefined, `${label}.${name}`),
          enumerable: true,
          configurable: true,
        });
        break;
      case "g":
        Object.defineProperty(target, name, {
          get: () => session.run(withStep(ref, ["g", name]), `${label}.${name}`),
          enumerable: true,
          configurable: true,
        });
        break;
    }
  }
}

/** The synchronous proxy of a resource the worker described. */
export function buildNode(session: Session, ref: Ref, desc: NodeDesc, label: string): object {
  const members: Record<string | symbol, unknown> = {};
  defineMembers(members, session, ref, desc.m, label);
  if (desc.iter) {
    Object.defineProperty(members, Symbol.iterator, {
      value: () => new SyncIterator(session, ref, label),
      configurable: true,
    });
  }
  if (!desc.then) {
    Object.defineProperty(members, Symbol.toStringTag, { value: desc.cls, configurable: true });
    return members;
  }
  return lazyProxy(session, ref, desc, members, label);
}

/**
 * A lazy resource: its members answer at once; any other string key loads the value (one request, the first
 * time; a failure is not remembered, so the next access tries again) and reads it. Not awaitable (`then` is
 * undefined) and read-only.
 */
function lazyProxy(
  session: Session,
  ref: Ref,
  desc: NodeDesc,
  members: Record<string | symbol, unknown>,
  label: string,
): object {
  let loaded: { value: unknown } | undefined;
  const load = (): unknown => (loaded ??= { value: session.run(withStep(ref, ["a"]), label) }).value;
  if (desc.m.some((m) => m[0] === "fetch" && m[1] === "m")) {
    // The async `fetch()` loads once: so does this one (the loaded plain object, no second request).
    Object.defineProperty(members, "fetch", { value: () => load(), writable: true, configurable: true });
  }
  const own = (key: string) => Object.prototype.hasOwnProperty.call(members, key);
  const asObject = (v: unknown) => (v !== null && typeof v === "object" ? (v as object) : undefined);
  const target = {};
  Object.defineProperty(target, INSPECT, {
    value: (_depth: number, options: unknown, inspect: (v: unknown, o: unknown) => string) =>
      loaded ? inspect(loaded.value, options) : `${desc.cls} (lazy, not loaded: read a field to load it)`,
    configurable: true,
  });
  Object.defineProperty(target, Symbol.toStringTag, { value: desc.cls, configurable: true });
  const readOnly = (): never => {
    throw new TypeError(`${label} is read-only (copy it first: const copy = { ...value })`);
  };
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === "symbol") return key in members ? members[key] : Reflect.get(t, key);
      if (key === "then") return undefined;
      if (own(key)) return members[key];
      return (asObject(load()) as Record<string, unknown> | undefined)?.[key];
    },
    has(t, key) {
      if (typeof key === "symbol") return key in members || key in t;
      if (own(key)) return true;
      const v = asObject(load());
      return v !== undefined && key in v;
    },
    ownKeys() {
      const v = asObject(load());
      return v ? Reflect.ownKeys(v) : [];
    },
    getOwnPropertyDescriptor(_t, key) {
      const v = asObject(load());
      const d = v && Reflect.getOwnPropertyDescriptor(v, key);
      if (d) d.configurable = true;
      return d;
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  });
}

/**
 * `for...of` over a paginator (or any async-iterable resource): the worker walks the async iterator; each
 * batch (a page's items) is fetched when the previous one is used up. Leaving the loop early ends the walk in
 * the worker; so does dropping the iterator.
 */
class SyncIterator implements IterableIterator<unknown> {
  readonly #session: Session;
  readonly #ref: Ref;
  readonly #label: string;
  #it: number | undefined;
  #batch: unknown[] = [];
  #index = 0;
  #done = false;

  constructor(session: Session, ref: Ref, label: string) {
    this.#session = session;
    this.#ref = ref;
    this.#label = label;
  }

  next(): IteratorResult<unknown> {
    while (this.#index >= this.#batch.length) {
      if (this.#done) return { done: true, value: undefined };
      let reply: Reply;
      try {
        reply =
          this.#it === undefined
            ? this.#session.call({ op: "iter", ref: this.#ref })
            : this.#session.call({ op: "next", it: this.#it });
      } catch (e) {
        this.#finish();
        throw e;
      }
      if (this.#it === undefined && reply.it !== undefined) {
        this.#it = reply.it;
        iteratorRegistry.register(this, { host: this.#session.host, it: reply.it }, this);
      }
      if (reply.done) this.#finish();
      const base = reply.h === undefined ? undefined : { c: this.#session.c, s: [] };
      this.#batch = this.#session.decode(reply.v, base, reply.h, `${this.#label} item`) as unknown[];
      this.#index = 0;
    }
    return { done: false, value: this.#batch[this.#index++] };
  }

  return(): IteratorResult<unknown> {
    if (!this.#done && this.#it !== undefined) this.#session.host.post({ op: "return", it: this.#it });
    this.#finish();
    return { done: true, value: undefined };
  }

  #finish(): void {
    this.#done = true;
    this.#batch = [];
    this.#index = 0;
    iteratorRegistry.unregister(this);
  }

  [Symbol.iterator](): this {
    return this;
  }
}
