/**
 * Every model of the SDK: zod/mini schemas (`XSchema`) and their parsed types (`X`).
 *
 * @module
 */

export { FIELD_ALIASES, model, renameAliases, renameAliasesDeep, type WireAlias } from "./base";
export * from "./common";
export * from "./database";
export * from "./marketplace";
export * from "./users";
