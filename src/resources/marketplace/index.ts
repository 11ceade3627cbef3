/**
 * `client.marketplace`: listings, orders, fees.
 *
 * @module
 */

import { APIResource } from "../resource";

/** `client.marketplace`: listings, orders, fees. */
export class Marketplace extends APIResource {}
