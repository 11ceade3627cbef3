/**
 * One link per Redis client, shared by every store built on it: every call bounded in time, the up/down state
 * (a failed or slow call marks the link down at once; while down no call is sent and every caller falls back
 * at once; a `PING` every {@link REJOIN_INTERVAL_MS} brings it back up), scripts run by `EVALSHA` with a
 * `NOSCRIPT` fallback to `EVAL`, and one lazily opened subscriber connection for the stores' notices.
 *
 * @module
 */

import { adapt, type ClientAdapter, type MessageListener, type Subscriber } from "./adapter";

/** How often a down link asks Redis whether it answers again, in ms. */
export const REJOIN_INTERVAL_MS = 500;

/** The error a call fails with while the link is down, or when Redis did not answer in time. */
export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RedisUnavailableError";
  }
}

/** A call that Redis did not answer in time (Redis may be slow rather than gone). */
export class RedisTimeoutError extends RedisUnavailableError {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = "RedisTimeoutError";
  }
}

/**
 * Calls in a row that time out, over at least {@link SLOW_FOR_DOWN_MS}, before the link counts as down (Redis
 * holds the connection but does not answer). A connection error (the client reconnecting, an `error` event, a
 * refused or reset connection) marks it down at once.
 */
export const SLOW_CALLS_FOR_DOWN = 3;
/** See {@link SLOW_CALLS_FOR_DOWN}: a busy machine can make a few calls in a row slow; a second of them cannot. */
export const SLOW_FOR_DOWN_MS = 1000;

/** A Lua script with its SHA-1 (computed once, lazily, with Web Crypto). */
export class Script {
  readonly source: string;
  #sha: Promise<string> | undefined;
  constructor(source: string) {
    this.source = source;
  }
  sha(): Promise<string> {
    return (this.#sha ??= sha1(this.source));
  }
}

async function sha1(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Listener of the link's state: `up` false when it went down, true when it came back. */
export type LinkListener = (up: boolean, reason: string) => void;

/** An error's message for logs: short, and without the user info of a URL (`redis://user:password@host`). */
function message(e: unknown): string {
  const m = (e instanceof Error ? e.message : String(e)).replace(/\/\/[^/@\s]*@/g, "//***@");
  return m.length > 200 ? `${m.slice(0, 200)}...` : m;
}

/** Calls `fn` after `ms`; the timer does not keep the process alive. */
function unrefTimer(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
  const t = setTimeout(fn, ms);
  (t as { unref?: () => void }).unref?.();
  return t;
}

/**
 * The shared state of one Redis client.
 * Internal to the package (not exported from an entry point).
 */
export class Link {
  readonly adapter: ClientAdapter;
  #up = true;
  #reason = "";
  /** Calls in a row that timed out, and since when. */
  #slow = 0;
  #slowSince = 0;
  readonly #listeners = new Set<LinkListener>();
  #rejoin: ReturnType<typeof setTimeout> | undefined;
  #subscriber: Promise<Subscriber> | undefined;
  readonly #channels = new Map<string, Set<MessageListener>>();

  constructor(adapter: ClientAdapter) {
    this.adapter = adapter;
    // The client's error events mark the link down at once (and a node-redis client without an error listener
    // would crash the process when the server goes away). One listener per client, for the client's life.
    adapter.onError((e) => this.down(e));
  }

  /** Whether calls go to Redis (false while it is unreachable). */
  get up(): boolean {
    return this.#up;
  }

  /** Why the link is down (the last error's message). */
  get reason(): string {
    return this.#reason;
  }

  /** Listens to the link going down and up; returns the function that stops listening. */
  listen(listener: LinkListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Sends one command, bounded by `timeoutMs`. While the link is down, or when the client is reconnecting,
   * fails at once; a failure or a timeout marks the link down.
   */
  async call(args: readonly string[], timeoutMs: number): Promise<unknown> {
    if (!this.#up) throw new RedisUnavailableError(`Redis is unreachable (${this.#reason})`);
    if (!this.adapter.ready()) {
      const e = new RedisUnavailableError("the Redis client is not connected");
      this.down(e);
      throw e;
    }
    try {
      const reply = await bounded(this.adapter.send(args), timeoutMs);
      this.#slow = 0;
      return reply;
    } catch (e) {
      if (e instanceof RedisTimeoutError) {
        // Slow is not down: this call falls back on its own; a few slow calls in a row mean Redis is down.
        if (this.#slow++ === 0) this.#slowSince = performance.now();
        if (this.#slow >= SLOW_CALLS_FOR_DOWN && performance.now() - this.#slowSince >= SLOW_FOR_DOWN_MS)
          this.down(e);
      } else if (!isScriptError(e)) this.down(e);
      throw e;
    }
  }

  /** Runs a script: `EVALSHA`, then `EVAL` when the server does not know it (`NOSCRIPT`: a restart, a flush). */
  async script(
    script: Script,
    keys: readonly string[],
    args: readonly string[],
    timeoutMs: number,
  ): Promise<unknown> {
    const sha = await script.sha();
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await this.call(["EVALSHA", sha, ...tail], timeoutMs);
    } catch (e) {
      if (!/NOSCRIPT/i.test(message(e))) throw e;
      return await this.call(["EVAL", script.source, ...tail], timeoutMs);
    }
  }

  /** Marks the link down (once) and starts asking Redis whether it answers again. */
  down(e: unknown): void {
    if (!this.#up) return;
    this.#up = false;
    this.#reason = message(e);
    for (const l of [...this.#listeners]) {
      try {
        l(false, this.#reason);
      } catch {
        // a listener must not break the link
      }
    }
    this.#scheduleRejoin();
  }

  #scheduleRejoin(): void {
    if (this.#rejoin !== undefined) return;
    this.#rejoin = unrefTimer(() => {
      this.#rejoin = undefined;
      void this.#tryRejoin();
    }, REJOIN_INTERVAL_MS);
  }

  async #tryRejoin(): Promise<void> {
    if (this.#up) return;
    let ok = false;
    if (this.adapter.ready()) {
      try {
        ok = (await bounded(this.adapter.send(["PING"]), 1000)) !== undefined;
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      this.#scheduleRejoin();
      return;
    }
    this.#up = true;
    this.#reason = "";
    this.#slow = 0;
    for (const l of [...this.#listeners]) {
      try {
        l(true, "");
      } catch {
        // a listener must not break the link
      }
    }
  }

  /**
   * Subscribes to `channel` on the shared subscriber connection (opened on first use). Best effort: when it
   * cannot be opened the stores still work, only their notices arrive later (by their own timers).
   */
  subscribe(channel: string, listener: MessageListener): () => void {
    let set = this.#channels.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.#channels.set(channel, set);
    }
    set.add(listener);
    if (first) {
      this.#subscriber ??= this.adapter.subscriber();
      this.#subscriber
        .then((s) => s.subscribe(channel, (m) => this.#deliver(channel, m)))
        .catch(() => {
          // no notices: the stores fall back on their timers
          this.#subscriber = undefined;
        });
    }
    return () => {
      const current = this.#channels.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.#channels.delete(channel);
      const sub = this.#subscriber;
      if (!sub) return;
      if (this.#channels.size === 0) {
        // Nobody listens any more: close the duplicate connection so the process can exit.
        this.#subscriber = undefined;
        sub.then((s) => s.close()).catch(() => {});
      } else sub.then((s) => s.unsubscribe(channel)).catch(() => {});
    };
  }

  #deliver(channel: string, m: string): void {
    for (const l of [...(this.#channels.get(channel) ?? [])]) {
      try {
        l(m);
      } catch {
        // a listener must not break the others
      }
    }
  }
}

/** A reply of Redis that says the script failed (a bug or bad input), not that Redis is unreachable. */
function isScriptError(e: unknown): boolean {
  return /NOSCRIPT|ERR Error running script|WRONGTYPE|user_script/i.test(message(e));
}

/**
 * Waits for `p` at most `ms` of this process's own time. The original promise keeps a rejection handler (it may
 * settle later: no unhandled rejection). When the timer fires, one more turn of the event loop lets an answer
 * already read from the socket win; and when the timer itself fired late (this process was busy, not Redis slow),
 * the stall does not count: Redis gets another half of `ms` (a few times at most), so that a stalled process does
 * not mistake its own stall for Redis being slow.
 */
export function bounded<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let extensions = 0;
    const arm = (delay: number) => {
      const armedAt = performance.now();
      timer = setTimeout(() => {
        setImmediate(() => {
          if (done) return;
          const lag = performance.now() - armedAt - delay;
          if (lag > Math.max(10, delay / 2) && extensions < MAX_STALL_EXTENSIONS) {
            extensions++;
            arm(Math.max(5, ms / 2));
            return;
          }
          done = true;
          reject(new RedisTimeoutError(ms));
        });
      }, delay);
    };
    arm(ms);
    p.then(
      (v) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** How many times a call's bound is extended because this process's own timer fired late. */
const MAX_STALL_EXTENSIONS = 4;

const links = new WeakMap<object, Link>();

/** The link of a client: one per client object, shared by the stores built on it. */
export function linkOf(redis: unknown, caller: string): Link {
  const adapter = adapt(redis, caller);
  const key = redis as object;
  let link = links.get(key);
  if (!link) {
    link = new Link(adapter);
    links.set(key, link);
  }
  return link;
}
