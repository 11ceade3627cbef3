/**
 * The one timer the retry loop waits on.
 *
 * @module
 */

import { onAbort } from "./abort";
import { DiscogsAbortError } from "./errors";

/** Sleeps `ms`, rejecting with {@link DiscogsAbortError} when `signal` aborts; the timer is cleared either way. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DiscogsAbortError(signal.reason));
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
    const unsubscribe = onAbort(signal, () => {
      clearTimeout(timer);
      reject(new DiscogsAbortError(signal!.reason));
    });
  });
}
