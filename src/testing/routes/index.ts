/**
 * Builds the emulator's router from every route module.
 *
 * @module
 */

import type { Authenticator } from "../auth";
import { Router } from "../framework";
import { registerDatabase } from "./database";
import { registerInventory } from "./inventory";
import { registerMarketplace } from "./marketplace";
import { registerOAuth } from "./oauth";
import { registerUsers } from "./users";

/** Options of {@link createRouter}. */
export interface CreateRouterOptions {
  /**
   * The credential rules the OAuth endpoints apply.
   * @default an `Authenticator` accepting every consumer
   */
  authenticator?: Authenticator;
  /**
   * Registers extra routes before the built-in ones, so they take precedence over a built-in route with
   * the same method and path.
   */
  routes?: (router: Router) => void;
}

/** A router with every emulated Discogs endpoint registered (OAuth, database, marketplace, inventory, users). */
export function createRouter(options: CreateRouterOptions = {}): Router {
  const router = new Router();
  options.routes?.(router);
  registerOAuth(router, options.authenticator);
  registerDatabase(router);
  registerMarketplace(router);
  registerInventory(router);
  registerUsers(router);
  return router;
}
