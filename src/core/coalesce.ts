/**
 * In-flight coalescing: identical GETs sent at the same time share one HTTP request. The shared request runs
 * under its own signal, aborted only when every caller waiting on it has aborted; each caller still gets its
 * own abort at once.
 *
 * @module
 */

import { onAbort } from "./abort";
import { DiscogsAbortError } from "./errors";

interface Entry<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/** The requests in flight, by key. */
export class Inflight<T> {
  readonly #entries = new Map<string, Entry<T>>();

  /** Joins the request in flight under `key`, or starts one with `start(signal)`. */
  join(key: string, signal: AbortSignal | undefined, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let entry = this.#entries.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: Entry<T> = { controller, waiters: 0, promise: start(controller.signal) };
      entry = created;
      this.#entries.set(key, created);
      const done = () => {
        if (this.#entries.get(key) === created) this.#entries.delete(key);
      };
      created.promise.then(done, done);
    }
    return wait(entry, signal);
  }

  /** Stops joining the requests in flight (after a write: they may carry the state from before it). */
  clear(): void {
    this.#entries.clear();
  }
}

function wait<T>(entry: Entry<T>, signal: AbortSignal | undefined): Promise<T> {
  entry.waiters++;
  if (!signal) return entry.promise;
  const leave = () => {
    entry.waiters--;
    if (entry.waiters === 0) entry.controller.abort(signal.reason);
  };
  if (signal.aborted) {
    leave();
    return Promise.reject(new DiscogsAbortError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = onAbort(signal, () => {
      leave();
      reject(new DiscogsAbortError(signal.reason));
    });
    entry.promise.then(
      (v) => {
        unsubscribe();
        resolve(v);
      },
      (e: unknown) => {
        unsubscribe();
        reject(e);
      },
    );
  });
}
