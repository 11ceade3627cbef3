/**
 * The two structural adapters: what this entry point needs from a node-redis (`redis` 5+) or an ioredis client,
 * read off the client the user created. Neither package is imported: the client is recognised by its shape.
 *
 * @module
 */

/** A listener of one pub/sub channel. */
export type MessageListener = (message: string) => void;

/** A dedicated subscriber connection (a duplicate of the user's client). */
export interface Subscriber {
  subscribe(channel: string, listener: MessageListener): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  /** Closes the duplicate connection (never the user's client). */
  close(): void;
}

/** What the stores use of a client. */
export interface ClientAdapter {
  readonly kind: "node-redis" | "ioredis";
  /** Sends one command; resolves to the raw reply (strings, numbers, arrays, null). */
  send(args: readonly string[]): Promise<unknown>;
  /** Whether the connection is up now (a command sent now would not wait for a reconnect). */
  ready(): boolean;
  /** Listens to the client's `error` events; returns the function that stops listening. */
  onError(listener: (error: unknown) => void): () => void;
  /** Opens a subscriber connection (a duplicate of the client). */
  subscriber(): Promise<Subscriber>;
}

type Fn = (...args: unknown[]) => unknown;
type Emitter = { on: Fn; off?: Fn; removeListener?: Fn };

function has(o: object, name: string): boolean {
  return typeof (o as Record<string, unknown>)[name] === "function";
}

function listen(client: Emitter, event: string, listener: (...args: never[]) => void): () => void {
  client.on(event, listener);
  return () => {
    if (typeof client.off === "function") client.off(event, listener);
    else client.removeListener?.(event, listener);
  };
}

/** A node-redis client (`createClient()` from `redis`, version 5 or later), connected by the user. */
interface NodeRedisLike extends Emitter {
  sendCommand(args: readonly string[]): Promise<unknown>;
  readonly isReady: boolean;
  duplicate(): NodeRedisLike;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  destroy?: () => void;
  disconnect?: () => Promise<unknown>;
  options?: { keyPrefix?: unknown };
}

/** An ioredis client (`new Redis()` from `ioredis`, version 5 or later). */
interface IoRedisLike extends Emitter {
  call(command: string, ...args: string[]): Promise<unknown>;
  readonly status: string;
  duplicate(): IoRedisLike;
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  disconnect(): void;
  options?: { keyPrefix?: unknown };
}

function isNodeRedis(c: object): c is NodeRedisLike {
  return has(c, "sendCommand") && has(c, "duplicate") && has(c, "on") && "isReady" in c;
}

function isIoRedis(c: object): c is IoRedisLike {
  return (
    has(c, "call") &&
    has(c, "duplicate") &&
    has(c, "on") &&
    typeof (c as { status?: unknown }).status === "string"
  );
}

/** Swallows what a fire-and-forget promise rejects with (no unhandled rejection). */
function quietly(p: unknown): void {
  if (p && typeof (p as Promise<unknown>).then === "function")
    (p as Promise<unknown>).then(undefined, () => {});
}

function nodeRedis(client: NodeRedisLike): ClientAdapter {
  return {
    kind: "node-redis",
    send: (args) => client.sendCommand(args),
    ready: () => client.isReady === true,
    onError: (listener) => listen(client, "error", listener),
    async subscriber() {
      const sub = client.duplicate();
      // A subscriber without an error listener would crash the process on a lost connection (node-redis
      // throws `error` events nobody listens to); its reconnects and resubscriptions are node-redis' own.
      sub.on("error", () => {});
      const listeners = new Map<string, MessageListener>();
      try {
        await sub.connect();
      } catch (e) {
        quietly(sub.destroy?.());
        throw e;
      }
      return {
        async subscribe(channel, listener) {
          listeners.set(channel, listener);
          await sub.subscribe(channel, (message: string) => listeners.get(channel)?.(String(message)));
        },
        async unsubscribe(channel) {
          listeners.delete(channel);
          await sub.unsubscribe(channel);
        },
        close() {
          listeners.clear();
          try {
            if (typeof sub.destroy === "function") sub.destroy();
            else quietly(sub.disconnect?.());
          } catch {
            // already closed
          }
        },
      };
    },
  };
}

function ioRedis(client: IoRedisLike): ClientAdapter {
  return {
    kind: "ioredis",
    send: ([command, ...args]) => client.call(command as string, ...args),
    ready: () => client.status === "ready",
    onError: (listener) => listen(client, "error", listener),
    async subscriber() {
      const sub = client.duplicate();
      sub.on("error", () => {});
      const listeners = new Map<string, MessageListener>();
      sub.on("message", (channel: string, message: string) =>
        listeners.get(String(channel))?.(String(message)),
      );
      return {
        async subscribe(channel, listener) {
          listeners.set(channel, listener);
          await sub.subscribe(channel);
        },
        async unsubscribe(channel) {
          listeners.delete(channel);
          await sub.unsubscribe(channel);
        },
        close() {
          listeners.clear();
          try {
            sub.disconnect();
          } catch {
            // already closed
          }
        },
      };
    },
  };
}

/**
 * Recognises the user's client and wraps it.
 *
 * @throws TypeError when `redis` is neither a node-redis nor an ioredis client, or when the client prefixes
 *   keys itself (`keyPrefix`: use the store's `prefix` option instead).
 */
export function adapt(redis: unknown, caller: string): ClientAdapter {
  if (redis === null || typeof redis !== "object") {
    throw new TypeError(
      `${caller}(redis): redis must be a node-redis client (createClient() from "redis", connected) or an ioredis client, got ${redis === null ? "null" : typeof redis}`,
    );
  }
  const prefix = (redis as { options?: { keyPrefix?: unknown } }).options?.keyPrefix;
  if (prefix !== undefined && prefix !== "" && prefix !== null) {
    throw new TypeError(
      `${caller}(redis): the client has keyPrefix set; pass the prefix as the store's prefix option instead (SCAN patterns are not prefixed by the client)`,
    );
  }
  if (isNodeRedis(redis)) return nodeRedis(redis);
  if (isIoRedis(redis)) return ioRedis(redis);
  throw new TypeError(
    `${caller}(redis): redis must be a node-redis client (createClient() from "redis", version 5 or later) or an ioredis client; cluster clients are not supported`,
  );
}
