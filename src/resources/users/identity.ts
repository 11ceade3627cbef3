/**
 * `client.user`: the authenticated user.
 *
 * @module
 */

import { APIResource } from "../resource";

/** `client.user`: the authenticated user. */
export class CurrentUser extends APIResource {}
