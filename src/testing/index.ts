/**
 * `discogs-sdk/testing`: a Discogs emulator for tests. It is a real local HTTP(S) server with Discogs'
 * endpoints, authentication, moving-window rate limits, pagination and errors, plus fault injection and a
 * request log. Node only.
 *
 * @example
 * ```ts
 * import { startEmulator } from "discogs-sdk/testing";
 *
 * const emu = await startEmulator({ rateLimit: { authenticated: 5, windowMs: 500 } });
 * emu.faults.add({ kind: "status", status: 503, retryAfter: "1" });
 * // ... point the client at emu.url ...
 * console.log(emu.requests.map((r) => `${r.method} ${r.path} -> ${r.status}`));
 * await emu.close();
 * ```
 *
 * @module
 */

export { startEmulator, type Emulator, type EmulatorOptions, type LoggedRequest } from "./server";
export { EmulatorState, type SeedUser, type Wire } from "./state";
export {
  Router,
  json,
  error,
  noContent,
  paginate,
  pageParams,
  requireUser,
  requireOwner,
  MESSAGES,
  type AuthInfo,
  type Ctx,
  type Handler,
  type PageSource,
  type Reply,
  type UploadedFile,
} from "./framework";
export { Faults, FAULT_KINDS, type ActiveFault, type FaultKind, type FaultSpec } from "./faults";
export { RateLimiter, UNLIMITED, type RateLimitDecision, type RateLimitOptions } from "./ratelimit";
export type { DerivedView } from "./views";
export {
  Authenticator,
  type AuthOptions,
  type AuthRequest,
  type AuthResult,
  type CredentialOptions,
} from "./auth";
export { createRouter, type CreateRouterOptions } from "./routes/index";
export { createSelfSignedCertificate, type CertificateOptions, type SelfSignedCertificate } from "./tls";
