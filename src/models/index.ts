/**
 * Every model of the SDK: an interface (`Release`) and a schema (`ReleaseSchema`) per model, the closed value sets
 * of their fields, and the schema API (`parse`, `safeParse`, {@link extraFields}).
 *
 * @module
 */

export { FIELD_ALIASES, renameAliases, renameAliasesDeep, type WireAlias } from "./base";
export {
  extraFields,
  SchemaError,
  type EmptyObject,
  type Infer,
  type ObjectSchema,
  type Open,
  type OpenEnumSchema,
  type Parser,
  type SafeParseResult,
  type Schema,
  type SchemaIssue,
} from "./schema";
export * from "./values";
export * from "./common";
export * from "./database";
export * from "./marketplace";
export * from "./users";
