/**
 * `discogs-sdk/redis`: one rate budget and one response cache in Redis, shared by every process and machine
 * behind an IP. Bring your own client: node-redis (`redis` 5+) or ioredis, both optional peer dependencies.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { Discogs } from "discogs-sdk";
 * import { redisCacheStore, redisRateLimitStore } from "discogs-sdk/redis";
 *
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const client = new Discogs({
 *   rateLimit: { store: redisRateLimitStore(redis) },
 *   cache: redisCacheStore(redis),
 * });
 * ```
 *
 * @module
 */

export { redisRateLimitStore, type RedisRateLimitStoreOptions } from "./rate-limit-store";
export { redisCacheStore, type RedisCacheStoreOptions } from "./cache-store";
