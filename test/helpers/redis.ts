/**
 * Real Redis servers for the tests (never a mock): the one `.ci/run` started (`DISCOGS_TEST_REDIS_URL`), or one
 * of the test's own when `redis-server` is on PATH (started on a free loopback port, stopped by pid), and the two
 * clients the stores support, node-redis and ioredis.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Redis as IoRedis } from "ioredis";
import { createClient } from "redis";

/** The environment variable `.ci/run` exports with its server's URL. */
export const REDIS_URL_ENV = "DISCOGS_TEST_REDIS_URL";

/** Whether `redis-server` can be started here. */
export function redisServerOnPath(): boolean {
  const r = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return r.status === 0;
}

/** Why the Redis suites cannot run here, or undefined when they can. */
export function whyNoRedis(): string | undefined {
  if (process.env[REDIS_URL_ENV]) return undefined;
  if (redisServerOnPath()) return undefined;
  return `no Redis: ${REDIS_URL_ENV} is not set and redis-server is not on PATH (apt-get install redis-server; .ci/run installs and starts it)`;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A redis-server this test started and can kill and restart (on the same port). */
export class OwnRedisServer {
  readonly port: number;
  #child: ChildProcess | undefined;

  private constructor(port: number) {
    this.port = port;
  }

  static async start(port?: number): Promise<OwnRedisServer> {
    const s = new OwnRedisServer(port ?? (await freePort()));
    await s.restart();
    return s;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) and resolves once it answers. */
  async restart(): Promise<void> {
    if (this.#child) throw new Error("already running");
    const child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    this.#child = child;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const r = spawnSync("redis-cli", ["-p", String(this.port), "PING"], { encoding: "utf8" });
      if (r.stdout?.trim() === "PONG") return;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("redis-server did not start");
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  /** Stops (SIGSTOP) or resumes (SIGCONT) the server: a server that holds connections but does not answer. */
  pause(paused: boolean): void {
    this.#child?.kill(paused ? "SIGSTOP" : "SIGCONT");
  }

  /** Kills the server (SIGKILL: a crash, not a shutdown) and waits for it to exit. */
  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  }
}

/** The server for the suite: `.ci/run`'s, else one of our own. Call `stop()` at the end. */
export async function suiteRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const url = process.env[REDIS_URL_ENV];
  if (url) return { url, stop: async () => {} };
  const own = await OwnRedisServer.start();
  return { url: own.url, stop: () => own.kill() };
}

/** The two supported clients. */
export type ClientKind = "node-redis" | "ioredis";
export const CLIENT_KINDS: ClientKind[] = ["node-redis", "ioredis"];

/** A connected client of `kind`, with a quick reconnect (as the docs advise) and a close function. */
export interface TestRedis {
  client: object;
  /** A raw command (for assertions: PTTL, SCAN, ZCARD...). */
  send(args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

export async function connect(kind: ClientKind, url: string): Promise<TestRedis> {
  if (kind === "node-redis") {
    const client = createClient({ url, socket: { reconnectStrategy: () => 100, connectTimeout: 1000 } });
    client.on("error", () => {});
    await client.connect();
    return {
      client,
      send: (args) => client.sendCommand(args) as Promise<unknown>,
      close: async () => {
        try {
          client.destroy();
        } catch {
          // already closed
        }
      },
    };
  }
  const client = new IoRedis(url, { retryStrategy: () => 100, lazyConnect: true, connectTimeout: 1000 });
  client.on("error", () => {});
  await client.connect();
  return {
    client,
    send: ([cmd, ...args]) => client.call(cmd as string, ...args) as Promise<unknown>,
    close: async () => {
      client.disconnect();
    },
  };
}

/** A prefix no other test uses (the suites share `.ci/run`'s server). */
export function uniquePrefix(label: string): string {
  return `t:${label}:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
}
