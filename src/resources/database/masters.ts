/**
 * `client.masters`: master releases and their versions.
 *
 * @module
 */

import { APIResource } from "../resource";

/** `client.masters`: master releases and their versions. */
export class Masters extends APIResource {}
