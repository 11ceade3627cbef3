/**
 * `client.artists`: artists and their releases.
 *
 * @module
 */

import { APIResource } from "../resource";

/** `client.artists`: artists and their releases. */
export class Artists extends APIResource {}
