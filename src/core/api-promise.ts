/**
 * The promise writes and escape-hatch calls return: the request is already on its way (writes are not lazy),
 * and `.withResponse()` gives the same request's `Response`.
 *
 * @module
 */

import type { WithResponse } from "./request";

/** A `Promise` of the data that also offers {@link APIPromise.withResponse}. */
export class APIPromise<T> extends Promise<T> {
  readonly #response: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  /** @internal Returned by writes, e.g. `client.users.get(u).wantlist.add(id)`. */
  constructor(response: Promise<WithResponse<T>>) {
    super((resolve) => resolve(null as T));
    this.#response = response;
  }

  /** Derived promises (`then`, `catch`, `finally`) are plain promises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  #parsed(): Promise<T> {
    return (this.#data ??= this.#response.then((r) => r.data));
  }

  /**
   * The data with the HTTP `Response` it came in (status, headers). The same request: nothing is sent again.
   *
   * @example
   * ```ts
   * const { data, response } = await client.users.get("example").wantlist.create({ release_id: 352665 }).withResponse();
   * console.log(data.id, response.status); // 352665 201
   * ```
   */
  withResponse(): Promise<WithResponse<T>> {
    return this.#response;
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#parsed().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#parsed().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parsed().finally(onfinally);
  }
}
