/**
 * `client.uploads`: inventory uploads.
 *
 * @module
 */

import { APIResource } from "../resource";

/** `client.uploads`: inventory uploads. */
export class Uploads extends APIResource {}
