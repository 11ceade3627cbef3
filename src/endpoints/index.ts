/**
 * Every endpoint declaration, for what reads them all: the README's tables, the tests that hold the emulator
 * and the bad-input catalog to the declarations, and the MCP server. The client itself never imports this
 * module (each resource imports its own declarations), so a bundle carries only the endpoints it uses.
 *
 * @module
 */

import type { Endpoint } from "../core/endpoint";
import * as database from "./database";
import * as inventory from "./inventory";
import * as marketplace from "./marketplace";
import * as oauth from "./oauth";
import * as users from "./users";

function isEndpoint(v: unknown): v is Endpoint<unknown> {
  return typeof v === "object" && v !== null && "method" in v && "path" in v && "params" in v && "name" in v;
}

const METHOD_ORDER = ["GET", "POST", "PUT", "DELETE"];

/** Every declared Discogs endpoint, in a stable order: by area, then by path and method. */
export const ENDPOINTS: readonly Endpoint<unknown>[] = [
  database,
  marketplace,
  inventory,
  users,
  oauth,
].flatMap((m) =>
  Object.values(m)
    .filter(isEndpoint)
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
    ),
);

/** The declared endpoint a request goes to: `method` and a path (`/users/x/wants/1`), with its path values. */
export function findEndpoint(
  method: string,
  pathname: string,
): { endpoint: Endpoint<unknown>; values: Record<string, string> } | undefined {
  for (const endpoint of ENDPOINTS) {
    if (endpoint.method !== method) continue;
    const names: string[] = [];
    const pattern = endpoint.path
      .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
      .replace(/\{(\w+)\}/g, (_, n: string) => {
        names.push(n);
        return "([^/]+)";
      });
    const m = new RegExp(`^${pattern}/?$`).exec(pathname);
    if (!m) continue;
    const values: Record<string, string> = {};
    names.forEach((n, i) => (values[n] = m[i + 1]!));
    return { endpoint, values };
  }
  return undefined;
}

export type { Endpoint };
