/**
 * Lazy resources: `client.releases.get(id)` returns at once and sends nothing. Awaiting it fetches once and
 * resolves to the model; a second await reuses the result; a failure is not memoized, so the next await tries
 * again. Sub-resource accessors on a lazy resource never send a request.
 *
 * @module
 */

import type { WithResponse } from "./request";

/** A thenable that loads its value on the first `await`. */
export class Lazy<T> implements PromiseLike<T> {
  #promise: Promise<WithResponse<T>> | null = null;
  readonly #load: () => Promise<WithResponse<T>>;

  /** @internal Lazy resources come from `get` methods, e.g. `client.releases.get(352665)`. */
  constructor(load: () => Promise<WithResponse<T>>) {
    this.#load = load;
  }

  /**
   * Fetches (once) and resolves to the data with the HTTP `Response` it came in (status, headers such as the
   * rate-limit ones). Shares the one request with `await`.
   *
   * @example
   * ```ts
   * const { data, response } = await client.releases.get(352665).withResponse();
   * console.log(data.title, response.status, response.headers.get("x-discogs-ratelimit-remaining"));
   * ```
   */
  withResponse(): Promise<WithResponse<T>> {
    if (this.#promise) return this.#promise;
    const p = this.#load();
    this.#promise = p;
    p.catch(() => {
      if (this.#promise === p) this.#promise = null;
    });
    return p;
  }

  /** Fetches (once) and returns the loaded value. Same as `await resource`. */
  fetch(): Promise<T> {
    return this.withResponse().then((r) => r.data);
  }

  /** Makes the resource awaitable. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.fetch().then(onfulfilled, onrejected);
  }

  /** Like `Promise.prototype.catch`; fetches on first use. */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.fetch().catch(onrejected);
  }

  /** Like `Promise.prototype.finally`; fetches on first use. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.fetch().finally(onfinally);
  }
}
