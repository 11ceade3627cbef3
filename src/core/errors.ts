/**
 * The SDK's error hierarchy. Every error the SDK throws on purpose is a {@link DiscogsError}, except
 * argument errors, which are plain `TypeError`s thrown before any request is sent.
 *
 * ```
 * DiscogsError
 * ├── DiscogsConnectionError      network failure, no HTTP response
 * │   └── DiscogsTimeoutError     an attempt took longer than `timeout`
 * ├── DiscogsAPIError             any HTTP error status
 * │   ├── AuthenticationError     401
 * │   ├── ForbiddenError          403
 * │   ├── NotFoundError           404
 * │   ├── ValidationError         422
 * │   └── RateLimitError          429
 * ├── ResponseValidationError     a response that does not fit its schema (validation: "strict")
 * └── RateLimitQueueError         the local rate-limit queue is full or the wait would exceed `maxWaitMs`
 * ```
 *
 * No error ever carries a credential: URLs are stripped of `token`, `key` and `secret` query parameters and
 * request headers are never attached.
 *
 * @module
 */

import { redactUrl } from "./redact";
import { parseRetryAfterMs } from "./retry";

/** Base class of every error the SDK throws on purpose. */
export class DiscogsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request never got an HTTP response: DNS failure, refused or reset connection, TLS failure. */
export class DiscogsConnectionError extends DiscogsError {
  /** HTTP method of the failed request. */
  readonly method: string;
  /** URL of the failed request, with credentials removed. */
  readonly url: string;
  constructor(message: string, init: { method: string; url: string; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.method = init.method;
    this.url = redactUrl(init.url);
  }
}

/** An attempt took longer than the configured `timeout` (milliseconds). */
export class DiscogsTimeoutError extends DiscogsConnectionError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  constructor(init: { method: string; url: string; timeout: number }) {
    super(`Request timed out after ${init.timeout} ms: ${init.method} ${redactUrl(init.url)}`, init);
    this.timeout = init.timeout;
  }
}

/** Fields shared by every {@link DiscogsAPIError}. */
export interface APIErrorInit {
  status: number;
  message: string;
  body: unknown;
  headers: Record<string, string>;
  method: string;
  url: string;
  /** `Retry-After` in ms as the transport parsed it; read from `headers` when absent. */
  retryAfterMs?: number | null | undefined;
}

/** Discogs answered with an HTTP error status. Subclasses exist for the statuses a caller usually handles. */
export class DiscogsAPIError extends DiscogsError {
  /** HTTP status code. */
  readonly status: number;
  /** The parsed JSON body when there was one, else the raw text ("" for an empty body). */
  readonly body: unknown;
  /** Response headers, lower-cased names. */
  readonly headers: Record<string, string>;
  /** HTTP method of the request. */
  readonly method: string;
  /** URL of the request, with credentials removed. */
  readonly url: string;

  constructor(init: APIErrorInit) {
    super(init.message);
    this.status = init.status;
    this.body = init.body;
    this.headers = init.headers;
    this.method = init.method;
    this.url = redactUrl(init.url);
  }

  /** Builds the subclass that matches `status` (the one error factory). */
  static from(init: APIErrorInit): DiscogsAPIError {
    switch (init.status) {
      case 401:
        return new AuthenticationError(init);
      case 403:
        return new ForbiddenError(init);
      case 404:
        return new NotFoundError(init);
      case 422:
        return new ValidationError(init);
      case 429:
        return new RateLimitError(init);
      default:
        return new DiscogsAPIError(init);
    }
  }
}

/** 401: missing or invalid credentials. */
export class AuthenticationError extends DiscogsAPIError {}
/** 403: authenticated, but not allowed (another user's private data, or an invalid OAuth signature). */
export class ForbiddenError extends DiscogsAPIError {}
/** 404: the resource does not exist. */
export class NotFoundError extends DiscogsAPIError {}

/** One entry of the FastAPI-style `detail` list Discogs sends with some 422 responses. */
export interface ValidationDetail {
  loc?: (string | number)[];
  msg?: string;
  type?: string;
  [key: string]: unknown;
}

/** 422: Discogs rejected the request's content. `detail` holds Discogs' list of problems when it sent one. */
export class ValidationError extends DiscogsAPIError {
  /** Discogs' `detail` list, or `[]` when the body had none. */
  readonly detail: ValidationDetail[];
  constructor(init: APIErrorInit) {
    super(init);
    const body = init.body as { detail?: unknown } | null;
    this.detail = body && typeof body === "object" && Array.isArray(body.detail) ? body.detail : [];
  }
}

/** 429: rate limited, after the SDK's own retries were exhausted. */
export class RateLimitError extends DiscogsAPIError {
  /** Seconds the server asked to wait (`Retry-After`), or `null` (Discogs itself never sends it). */
  readonly retryAfter: number | null;
  constructor(init: APIErrorInit) {
    super(init);
    const ms =
      init.retryAfterMs !== undefined
        ? init.retryAfterMs
        : parseRetryAfterMs(init.headers["retry-after"], Date.now());
    this.retryAfter = ms === null ? null : Math.ceil(ms / 1000);
  }
}

/** A response that does not match its schema while `validation` is `"strict"`. */
export class ResponseValidationError extends DiscogsError {
  /** `METHOD /path` of the endpoint. */
  readonly endpoint: string;
  /** Dotted path of the first mismatching field, e.g. `tracklist.3.duration`. */
  readonly path: string;
  /** Every issue found, as `path: message`. */
  readonly issues: string[];
  /** The raw response body (parsed JSON), untouched. */
  readonly body: unknown;
  constructor(init: { endpoint: string; issues: { path: string; message: string }[]; body: unknown }) {
    const first = init.issues[0] ?? { path: "", message: "invalid" };
    super(
      `Response from ${init.endpoint} does not match the schema at "${first.path || "(root)"}": ${first.message}` +
        (init.issues.length > 1 ? ` (and ${init.issues.length - 1} more)` : ""),
    );
    this.endpoint = init.endpoint;
    this.path = first.path;
    this.issues = init.issues.map((i) => `${i.path || "(root)"}: ${i.message}`);
    this.body = init.body;
  }
}

/** A caller abort. Its `name` is `"AbortError"`, like the platform's, and `cause` is the signal's reason. */
export class DiscogsAbortError extends DiscogsError {
  constructor(reason: unknown) {
    super("The request was aborted", { cause: reason });
    this.name = "AbortError";
  }
}

/** The local rate-limit queue refused a request: full, or the wait would be longer than `maxWaitMs`. */
export class RateLimitQueueError extends DiscogsError {
  /** Why the request was refused. */
  readonly reason: "queue_full" | "max_wait";
  constructor(reason: "queue_full" | "max_wait", message: string) {
    super(message);
    this.reason = reason;
  }
}
