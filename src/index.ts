/**
 * discogs-sdk: the typed TypeScript client for the Discogs API.
 *
 * @packageDocumentation
 */

export * from "./api";
export * from "./models/index";
