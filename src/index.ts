/**
 * discogs-sdk: the typed TypeScript client for the Discogs API.
 *
 * @packageDocumentation
 */

export { Discogs, type ClientOptions, type MediaType } from "./client";
export {
  DiscogsError,
  DiscogsConnectionError,
  DiscogsTimeoutError,
  DiscogsAPIError,
  AuthenticationError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  RateLimitError,
  ResponseValidationError,
  RateLimitQueueError,
  type APIErrorInit,
  type ValidationDetail,
} from "./core/errors";
export {
  DiscogsAbortError,
  type RequestOptions,
  type Hooks,
  type RetryEvent,
  type ResponseMeta,
  type HttpMethod,
} from "./core/transport";
export type { CredentialOptions, AuthMode } from "./core/auth";
export type { OAuthSignatureMethod } from "./core/oauth";
export type { ValidationMode, ValidationWarning } from "./core/decode";
export type { RateLimitOptions, RateLimitSnapshot, RateLimitHeaders } from "./core/limiter";
export type { CacheStore } from "./core/cache";
export type { RetryTiming } from "./core/retry";
export { Paginator, type Page, type ToArrayOptions } from "./core/pagination";
export { Lazy } from "./core/lazy";
export { VERSION } from "./version";
export * from "./models/index";
