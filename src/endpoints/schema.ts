/**
 * The parameters of a declared endpoint as JSON Schema, for generated docs and MCP tool inputs. Node-side only:
 * the client never imports this module.
 *
 * @module
 */

import type { Endpoint, ParamSpec } from "../core/endpoint";
import {
  nonEmptyString,
  nonNegativeId,
  optBoolean,
  optNonNegative,
  optString,
  optYear,
  orderId,
  positiveId,
  segment,
  type CheckSchema,
} from "../core/params";
import { feePrice, isoTime, numberOrAuto, price } from "./marketplace";
import { editableFolderId, receivingFolderId } from "./users";

const MAX_PRICE = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/** What each named check accepts. Closures (`enumOf`, `intIn`) carry their own `schema`. */
const CHECK_SCHEMAS = new Map<unknown, CheckSchema>([
  [positiveId, { type: "integer", minimum: 1 }],
  [nonNegativeId, { type: "integer", minimum: 0 }],
  [editableFolderId, { type: "integer", minimum: 2 }],
  [receivingFolderId, { type: "integer", minimum: 1 }],
  [segment, { type: "string", minLength: 1, maxLength: 200 }],
  [orderId, { type: "string", pattern: "^[1-9][0-9]*-[1-9][0-9]*$" }],
  [optString, { type: "string" }],
  [nonEmptyString, { type: "string", minLength: 1 }],
  [optBoolean, { type: "boolean" }],
  [optNonNegative, { type: "number", minimum: 0 }],
  [optYear, { anyOf: [{ type: "integer" }, { type: "string" }] }],
  [price, { type: "number", minimum: 0.01, maximum: MAX_PRICE }],
  [feePrice, { type: "number", minimum: 0.01, maximum: MAX_PRICE }],
  [numberOrAuto, { anyOf: [{ type: "number", minimum: 0 }, { const: "auto" }] }],
  [isoTime, { type: "string", format: "date-time" }],
]);

/** What one parameter accepts, as JSON Schema (with its one-line doc as `description`); undefined if unknown. */
export function paramSchema(spec: ParamSpec): CheckSchema | undefined {
  const own = (spec.check as { schema?: CheckSchema }).schema ?? CHECK_SCHEMAS.get(spec.check);
  if (!own) return undefined;
  return spec.doc ? { ...own, description: spec.doc } : own;
}

/**
 * Every parameter of an endpoint (path ones by their declared names, e.g. `release_id`) as one JSON Schema
 * object: the input of a tool that calls it. Unknown keys are refused, as the SDK refuses them.
 */
export function inputSchema(ep: Endpoint<unknown>): CheckSchema {
  const properties: Record<string, CheckSchema> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(ep.params)) {
    properties[name] = paramSchema(spec) ?? {};
    if (spec.required) required.push(name);
  }
  return {
    type: "object",
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}
