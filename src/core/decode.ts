/**
 * Response decoding: schema validation in the mode the client chose, and the readable field aliases.
 *
 * @module
 */

import type * as z from "zod/mini";
import { renameAliasesDeep } from "../models/base";
import { ResponseValidationError } from "./errors";

/**
 * How responses are checked against the models.
 * - `"strict"` (default): a response that does not fit throws {@link ResponseValidationError}.
 * - `"warn"`: the data is returned as received (with readable aliases) and the mismatch is reported through
 *   `hooks.onValidationWarning` (or `console.warn` when no hook is set).
 * - `"off"`: no validation cost; only the aliases are applied.
 */
export type ValidationMode = "strict" | "warn" | "off";

/** A mismatch reported in `"warn"` mode. */
export interface ValidationWarning {
  /** `METHOD /path` of the endpoint. */
  endpoint: string;
  /** Each issue as `path: message`. */
  issues: string[];
}

/** Any zod/mini schema. */
export type Schema<T = unknown> = z.ZodMiniType<T, any>;

interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  expected?: unknown;
}

function issuesOf(error: { issues: readonly Issue[] }) {
  return error.issues.map((i) => ({
    path: i.path.map((p) => String(p)).join("."),
    message:
      i.code === "invalid_type" && i.expected ? `${i.message}: expected ${String(i.expected)}` : i.message,
  }));
}

/** Decodes a parsed JSON body with `schema` in `mode`. */
export function decode<T>(
  schema: Schema<T> | undefined,
  data: unknown,
  mode: ValidationMode,
  endpoint: string,
  onWarning: (w: ValidationWarning) => void,
): T {
  if (!schema || mode === "off") return renameAliasesDeep(data) as T;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  if (mode === "strict") throw new ResponseValidationError({ endpoint, issues, body: data });
  onWarning({ endpoint, issues: issues.map((i) => `${i.path || "(root)"}: ${i.message}`) });
  return renameAliasesDeep(data) as T;
}
