/**
 * Abort wiring. Many concurrent calls often share one `AbortSignal` (one controller for a batch). Adding an
 * `abort` listener per call would trip Node's "possible EventTarget memory leak" warning past ten, so each
 * signal gets a single listener that fans out to the current subscribers.
 *
 * @module
 */

const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

const noop = () => {};

/**
 * Calls `callback` once when `signal` aborts (not when it already has: check `signal.aborted` first).
 * Returns the function that unsubscribes. Adds at most one listener to a signal, however many subscribe.
 */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (!signal || signal.aborted) return noop;
  let set = subscribers.get(signal);
  if (!set) {
    const created = new Set<() => void>();
    set = created;
    subscribers.set(signal, created);
    signal.addEventListener(
      "abort",
      () => {
        subscribers.delete(signal);
        for (const fn of [...created]) {
          try {
            fn();
          } catch {
            // a subscriber's failure must not keep the others from hearing the abort
          }
        }
        created.clear();
      },
      { once: true },
    );
  }
  const entry = () => callback();
  set.add(entry);
  const owner = set;
  return () => {
    owner.delete(entry);
  };
}
