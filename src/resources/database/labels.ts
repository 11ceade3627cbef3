/**
 * `client.labels`: labels and their releases.
 *
 * @module
 */

import { APIResource } from "../resource";

/** `client.labels`: labels and their releases. */
export class Labels extends APIResource {}
