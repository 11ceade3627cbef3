/**
 * discogs-sdk/lite: the same client without response validation and without the models' schemas, for bundles
 * where every kilobyte counts (a browser app, a Worker). Responses are not checked: they keep every field Discogs
 * sends, with the readable aliases applied, and are typed by the same interfaces (`Release`, `Track`...).
 *
 * Everything `discogs-sdk` exports is here, with the same names, except the schemas (`ReleaseSchema`...) and what
 * works on them (`extraFields`, `SchemaError`, `pageSchema`); the types are all here. `validation` can only be
 * `"off"`.
 *
 * @example
 * ```ts
 * import { Discogs } from "discogs-sdk/lite";
 * const client = new Discogs({ userAgent: "MyApp/1.0" });
 * const release = await client.releases.get(352665);
 * ```
 *
 * @packageDocumentation
 */

import { Discogs as Validating, type ClientOptions } from "./client";

export * from "./api";
export * from "./models/values";
export type * from "./models/index";

/**
 * The Discogs API client, without response validation (see the module). `validation` other than `"off"` is a
 * `TypeError`: this build has no schemas to validate with.
 */
export class Discogs extends Validating {
  constructor(options: ClientOptions = {}) {
    if (
      options !== null &&
      typeof options === "object" &&
      options.validation !== undefined &&
      options.validation !== "off"
    ) {
      throw new TypeError(
        `validation must be "off" with discogs-sdk/lite (it has no schemas), got ${JSON.stringify(options.validation)}; ` +
          `import { Discogs } from "discogs-sdk" to validate responses`,
      );
    }
    super({ ...options, validation: "off" });
  }
}
