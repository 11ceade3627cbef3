/**
 * Leak and crash detectors for the reliability suite: open server-side responses (a request the client
 * never finished nor cancelled keeps one open), active timers and sockets (`process.getActiveResourcesInfo()`),
 * and unhandled rejections.
 */
import { createHook } from "node:async_hooks";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** Polls `condition` every 5 ms until it holds or `ms` passed; returns whether it held. */
export async function waitFor(condition: () => boolean, ms = 1_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

/** Counts the active resources of each type (`Timeout`, `TCPSocketWrap`, ...). */
export function activeResources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of process.getActiveResourcesInfo()) out[t] = (out[t] ?? 0) + 1;
  return out;
}

/** Which resource types have more instances now than in `baseline` (type -> extra count). */
export function extraResources(baseline: Record<string, number>, types: string[]): Record<string, number> {
  const now = activeResources();
  const extra: Record<string, number> = {};
  for (const t of types) {
    const d = (now[t] ?? 0) - (baseline[t] ?? 0);
    if (d > 0) extra[t] = d;
  }
  return extra;
}

/** Tracks the responses a server has open (not yet finished and whose connection is still up). */
export function trackOpenResponses(server: Server): { readonly open: Set<ServerResponse>; stop(): void } {
  const open = new Set<ServerResponse>();
  const onRequest = (_req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.once("close", () => open.delete(res));
  };
  server.prependListener("request", onRequest);
  return { open, stop: () => server.off("request", onRequest) };
}

/** Collects unhandled rejections while installed. */
export function catchUnhandledRejections(): { readonly reasons: unknown[]; uninstall(): void } {
  const reasons: unknown[] = [];
  const onRejection = (reason: unknown) => {
    reasons.push(reason);
  };
  process.on("unhandledRejection", onRejection);
  return { reasons, uninstall: () => process.off("unhandledRejection", onRejection) };
}

/** SDK source files (not the emulator): a timer created from one of these belongs to the SDK. */
const SDK_SOURCE = /\/src\/(core|resources)\/|\/src\/client\.ts/;

/**
 * Tracks the timers the SDK creates (by the creation stack, through `async_hooks`) until they fire or are
 * cleared. `leaked()` lists those still pending and keeping the process alive, each by the SDK frame that
 * created it. Unlike counting `process.getActiveResourcesInfo()`, it does not see the emulator's or undici's
 * own timers come and go.
 */
export function trackSdkTimers(): { leaked(): string[]; disable(): void } {
  type TimerLike = { hasRef?: () => boolean; _destroyed?: boolean };
  const live = new Map<number, { site: string; resource: TimerLike }>();
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (type !== "Timeout") return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 50;
      const stack = new Error().stack ?? "";
      Error.stackTraceLimit = limit;
      const site = stack.split("\n").find((line) => SDK_SOURCE.test(line));
      if (site) live.set(id, { site: site.trim(), resource: resource as TimerLike });
    },
    destroy(id) {
      live.delete(id);
    },
  });
  hook.enable();
  return {
    // `destroy` comes asynchronously after a clearTimeout; `_destroyed` is set at once.
    leaked: () =>
      [...live.values()]
        .filter((t) => t.resource._destroyed !== true && t.resource.hasRef?.() !== false)
        .map((t) => t.site),
    disable: () => {
      hook.disable();
    },
  };
}
