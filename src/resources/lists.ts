/**
 * `client.lists`: lists by id.
 *
 * @module
 */

import { APIResource } from "./resource";

/** `client.lists`: lists by id. */
export class Lists extends APIResource {}
