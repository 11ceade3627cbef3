/**
 * What discogs-sdk/mcp uses of a `Discogs` client, as a structural type: any `Discogs` instance is one, whichever
 * build (ESM or CommonJS) it comes from. (`Discogs` itself has private fields, which would make a copy of its
 * declaration in this entry point's types a different, incompatible type.)
 *
 * @module
 */

import type { AuthMode } from "../core/auth";
import type { RateLimitSnapshot } from "../core/limiter";
import type { APIRequest, QueryValue, RequestOptions } from "../core/request";
import type { Identity } from "../models/users";

/** A `Discogs` client (`new Discogs({...})` from `discogs-sdk`), as the MCP server uses it. */
export interface McpClient {
  /** The auth mode the credentials resolved to. */
  readonly authMode: AuthMode;
  /** The rate-limit budget as last reported, with the local queue. */
  readonly rateLimit: RateLimitSnapshot;
  /** The authenticated user (`identity()` is memoized by the client). */
  readonly user: { identity(options?: RequestOptions): Promise<Identity> };
  /** @internal Sends one request through the client's pipeline. */
  _request<T>(req: APIRequest<T>): PromiseLike<T>;
  /** @internal Resolves request URLs as the client sends them. */
  readonly _transport: {
    readonly urls: { resolve(target: string, query?: Record<string, QueryValue>, what?: string): URL };
  };
}
