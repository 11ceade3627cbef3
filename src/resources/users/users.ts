/**
 * `client.users`: profiles and everything under a user.
 *
 * @module
 */

import { APIResource } from "../resource";

/** `client.users`: profiles and everything under a user. */
export class Users extends APIResource {}
