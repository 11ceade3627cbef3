/**
 * Leak and crash detectors for the reliability suite: open server-side responses (a request the client
 * never finished nor cancelled keeps one open), active timers and sockets (`process.getActiveResourcesInfo()`),
 * and unhandled rejections.
 */
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
