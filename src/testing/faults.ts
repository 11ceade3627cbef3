/**
 * Fault injection: make the next matching request(s) fail the way real networks and real Discogs fail (5xx,
 * a maintenance page, an empty body, latency, a stalled or reset connection, a truncated or broken body).
 *
 * @module
 */

/** The kinds of fault {@link FaultSpec.kind} can name. */
export type FaultKind =
  "status" | "html" | "empty" | "latency" | "stall" | "reset" | "truncated" | "invalid-json";

/** The fault kinds, for validation. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "status",
  "html",
  "empty",
  "latency",
  "stall",
  "reset",
  "truncated",
  "invalid-json",
];

/**
 * One fault to inject.
 *
 * - `status`: answer `status` with a `{"message": ...}` JSON body (or `body`) without running the handler.
 *   A 429 uses Discogs' rate-limit message.
 * - `html`: answer `status` with an HTML maintenance page (`content-type: text/html`), handler not run.
 * - `empty`: answer `status` with an empty body, handler not run.
 * - `latency`: wait `ms`, then handle the request normally.
 * - `stall`: send the headers (200, JSON) and never finish the body. The connection stays open until the
 *   client gives up or the emulator closes.
 * - `reset`: destroy the connection without a response (handler not run). With `afterHeaders`, first send
 *   the status line, headers (announcing the full length) and half of a JSON body.
 * - `truncated`: run the handler (its state changes apply, as with a real cut-off response), send the
 *   headers announcing the full length and only the first half of the body, then destroy the connection.
 * - `invalid-json`: run the handler, then answer 200 with a body that is not valid JSON (`{"broken": `).
 */
export interface FaultSpec {
  /** The fault kind. */
  kind: FaultKind;
  /**
   * The request path to match (the decoded path, without the query). A string matches exactly (a trailing
   * slash is ignored); a string ending in `*` matches as a prefix; a RegExp is tested against the path.
   * @default any path
   */
  path?: string | RegExp;
  /**
   * The HTTP method to match (case-insensitive).
   * @default any method
   */
  method?: string;
  /**
   * How many matching requests the fault applies to; `Infinity` keeps it until {@link Faults.clear}.
   * @default 1
   */
  times?: number;
  /**
   * The status for `status`, `html` and `empty` (and `reset` with `afterHeaders`, default 200 there).
   * @default 500
   */
  status?: number;
  /** A `Retry-After` header value to send with `status`, `html` or `empty`. */
  retryAfter?: string;
  /** The JSON body for `status` (and for `reset` with `afterHeaders`), replacing the default message. */
  body?: unknown;
  /**
   * The delay for `latency`, in milliseconds.
   * @default 1000
   */
  ms?: number;
  /** For `reset`: send headers and half of a body before destroying the connection. */
  afterHeaders?: boolean;
}

/** A fault as stored, with its remaining count. */
export interface ActiveFault {
  /** The spec as added. */
  readonly spec: FaultSpec;
  /** Matching requests left before the fault is removed. */
  remaining: number;
}

/** The fault registry of one emulator (`emu.faults`). Faults are checked in the order added. */
export class Faults {
  readonly #active: ActiveFault[] = [];

  /**
   * Adds a fault. Returns the stored fault, whose `remaining` count shows how often it still applies.
   *
   * @example
   * ```ts
   * emu.faults.add({ kind: "status", status: 503, retryAfter: "1", path: "/releases/1" });
   * ```
   */
  add(spec: FaultSpec): ActiveFault {
    validateFault(spec);
    const fault: ActiveFault = { spec: { ...spec }, remaining: spec.times ?? 1 };
    this.#active.push(fault);
    return fault;
  }

  /** Makes the next `n` matching requests fail with `spec` (shorthand for `add({ ...spec, times: n })`). */
  failNext(n: number, spec: FaultSpec): ActiveFault {
    return this.add({ ...spec, times: n });
  }

  /** Removes every fault. */
  clear(): void {
    this.#active.length = 0;
  }

  /** The faults still active. */
  list(): readonly ActiveFault[] {
    return [...this.#active];
  }

  /**
   * Finds the first fault matching a request and uses one of its applications (removing it when used up).
   * Returns its spec, or undefined.
   */
  take(method: string, path: string): FaultSpec | undefined {
    for (let i = 0; i < this.#active.length; i++) {
      const fault = this.#active[i] as ActiveFault;
      if (!matches(fault.spec, method, path)) continue;
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.#active.splice(i, 1);
      return fault.spec;
    }
    return undefined;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  const p = spec.path;
  if (p === undefined) return true;
  if (p instanceof RegExp) {
    p.lastIndex = 0;
    return p.test(path);
  }
  if (p.endsWith("*")) return path.startsWith(p.slice(0, -1));
  const strip = (s: string) => (s.length > 1 && s.endsWith("/") ? s.slice(0, -1) : s);
  return strip(p) === strip(path);
}

/** Throws a TypeError when a spec is unusable. */
export function validateFault(spec: FaultSpec): void {
  if (!spec || typeof spec !== "object") throw new TypeError("A fault spec must be an object.");
  if (!FAULT_KINDS.includes(spec.kind)) {
    throw new TypeError(
      `Unknown fault kind ${JSON.stringify(spec.kind)}; expected one of ${FAULT_KINDS.join(", ")}.`,
    );
  }
  if (spec.times !== undefined && !(typeof spec.times === "number" && spec.times >= 1)) {
    throw new TypeError("fault.times must be a number >= 1 (or Infinity).");
  }
  if (
    spec.status !== undefined &&
    !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)
  ) {
    throw new TypeError("fault.status must be an HTTP status code (100-599).");
  }
  if (spec.ms !== undefined && !(typeof spec.ms === "number" && spec.ms >= 0 && Number.isFinite(spec.ms))) {
    throw new TypeError("fault.ms must be a finite number >= 0.");
  }
  if (spec.path !== undefined && typeof spec.path !== "string" && !(spec.path instanceof RegExp)) {
    throw new TypeError("fault.path must be a string or a RegExp.");
  }
}

/**
 * Turns a JSON fault spec (as `POST /_emulator/faults` receives it) into a {@link FaultSpec}: `pathRegex`
 * (a string) becomes a RegExp `path`, and `times: "Infinity"` or `null` becomes `Infinity`.
 */
export function faultFromJson(value: unknown): FaultSpec {
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new TypeError("A fault spec must be an object.");
  const raw = { ...(value as Record<string, unknown>) };
  if (typeof raw.pathRegex === "string") {
    raw.path = new RegExp(raw.pathRegex);
  }
  delete raw.pathRegex;
  if (raw.times === "Infinity" || raw.times === null) raw.times = Infinity;
  const spec = raw as unknown as FaultSpec;
  validateFault(spec);
  return spec;
}

/** The HTML page `html` faults send. */
export function maintenancePage(status: number): string {
  return (
    "<!DOCTYPE html>\n<html><head><title>Discogs is down for maintenance</title></head>" +
    `<body><h1>Discogs is down for maintenance</h1><p>We'll be back shortly. (HTTP ${status})</p></body></html>\n`
  );
}
