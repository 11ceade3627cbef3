/**
 * Response decoding: schema validation in the mode the client chose, and the readable field aliases.
 *
 * @module
 */

import { renameAliasesDeep } from "../models/base";
import { isSchemaNode, renameInPlace, validate, type Parser, type SchemaIssue } from "../models/schema";
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

/** Any schema: the SDK's own (`ReleaseSchema`...) or anything with a compatible `safeParse`. */
export type Schema<T = unknown> = Parser<T>;

function flatten(issues: readonly SchemaIssue[]) {
  return issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/**
 * Decodes a freshly parsed JSON body with `schema` in `mode`. The body is renamed in place (nobody else holds it);
 * when strict validation fails, the error carries the body untouched.
 */
export function decode<T>(
  schema: Schema<T> | undefined,
  data: unknown,
  mode: ValidationMode,
  endpoint: string,
  onWarning: (w: ValidationWarning) => void,
): T {
  if (!schema) return renameAliasesDeep(data) as T;
  if (!isSchemaNode(schema)) {
    // A schema from elsewhere: its own safeParse does both the check and the renaming.
    if (mode === "off") return renameAliasesDeep(data) as T;
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    const issues = flatten(result.error.issues);
    if (mode === "strict") throw new ResponseValidationError({ endpoint, issues, body: data });
    onWarning({ endpoint, issues: issues.map((i) => `${i.path || "(root)"}: ${i.message}`) });
    return renameAliasesDeep(data) as T;
  }
  if (mode !== "off") {
    const found = validate(schema, data);
    if (found !== null) {
      const issues = flatten(found);
      if (mode === "strict") throw new ResponseValidationError({ endpoint, issues, body: data });
      onWarning({ endpoint, issues: issues.map((i) => `${i.path || "(root)"}: ${i.message}`) });
    }
  }
  return renameInPlace(schema, data);
}
