/**
 * `decode.ts` in the discogs-sdk/lite build (its build maps `./decode` here): no schemas, so no validation; the
 * readable field aliases are applied as `"off"` mode applies them.
 *
 * @module
 */

import { renameAliasesDeep } from "../models/base";

export type { Schema, ValidationMode, ValidationWarning } from "./decode";

/** Applies the readable aliases; nothing is validated. */
export function decode<T>(_schema: unknown, data: unknown): T {
  return renameAliasesDeep(data) as T;
}
