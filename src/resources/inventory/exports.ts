/**
 * `client.exports`: inventory exports.
 *
 * @module
 */

import { APIResource } from "../resource";

/** `client.exports`: inventory exports. */
export class Exports extends APIResource {}
