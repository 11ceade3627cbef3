/**
 * The types of the synchronous facade, derived from the async client's own types, so that `DiscogsSync`
 * follows `Discogs` without a hand-written copy: a method that returns a promise returns its value; one that
 * returns a resource (lazy or not) returns its synchronous proxy; a lazy resource also reads as the value it
 * loads; a paginator is `Iterable`.
 *
 * @module
 */

import type { ClientOptions, Discogs } from "../client";

/** Any function. */
export type AnyFunction = (...args: any[]) => any;
/** Types that cross as they are (never mapped). */
export type SyncOpaque =
  | string
  | number
  | boolean
  | bigint
  | symbol
  | null
  | undefined
  | Date
  | RegExp
  | ArrayBuffer
  | ArrayBufferView
  | Blob
  | Response
  | Headers
  | URL
  | Error
  | readonly unknown[];

/** Member names a synchronous proxy leaves out: promise plumbing and internals (as `hiddenMember` at run time). */
export type SyncHidden = "then" | "catch" | "finally" | "constructor" | `_${string}`;

/** An async iterator (a generator): its proxy offers `for...of` rather than `next`/`return`/`throw`. */
export type SyncIteratorProtocol<R> = R extends { next: AnyFunction; [Symbol.asyncIterator]: AnyFunction }
  ? "next" | "return" | "throw"
  : never;

/** A value as a synchronous call returns it: data as is; methods of a value (a page's) made synchronous. */
export type SyncValue<V> = V extends SyncOpaque
  ? V
  : V extends object
    ? [{ [K in keyof V]-?: V[K] extends AnyFunction ? K : never }[keyof V]] extends [never]
      ? V
      : { [K in keyof V]: V[K] extends AnyFunction ? SyncMethod<V[K]> : SyncValue<V[K]> }
    : V;

/** What a synchronous method returns for an async method's return type `R`. */
export type SyncResult<R> =
  R extends Promise<infer V>
    ? SyncValue<V>
    : R extends SyncOpaque
      ? R
      : R extends object
        ? SyncResource<R>
        : R;

/** A method made synchronous (overloads kept: up to four). */
export type SyncMethod<F> = F extends {
  (...args: infer A1): infer R1;
  (...args: infer A2): infer R2;
  (...args: infer A3): infer R3;
  (...args: infer A4): infer R4;
}
  ? ((...args: A1) => SyncResult<R1>) &
      ((...args: A2) => SyncResult<R2>) &
      ((...args: A3) => SyncResult<R3>) &
      ((...args: A4) => SyncResult<R4>)
  : F extends (...args: infer A) => infer R
    ? (...args: A) => SyncResult<R>
    : never;

/** One member of a resource, made synchronous. */
export type SyncMember<T> = T extends AnyFunction
  ? SyncMethod<T>
  : T extends SyncOpaque
    ? T
    : T extends object
      ? SyncResource<T>
      : T;

/** The members of a resource, made synchronous. */
export type SyncMembers<R> = {
  readonly [K in keyof R as K extends symbol | SyncHidden | SyncIteratorProtocol<R> ? never : K]: SyncMember<
    R[K]
  >;
};

/** `Omit` that keeps the known keys of a type with an index signature (models allow undocumented fields). */
export type OmitKnown<T, K> = { [P in keyof T as P extends K ? never : P]: T[P] };

/**
 * The synchronous proxy of a resource `R` of the async client: its members made synchronous; if `R` is lazy
 * (awaitable), the fields of the value it loads (on first access); if `R` is a paginator (async-iterable),
 * `Iterable` over its items.
 */
export type SyncResource<R> = SyncMembers<R> &
  (R extends PromiseLike<infer V> ? OmitKnown<SyncValue<V>, keyof SyncMembers<R>> : unknown) &
  (R extends AsyncIterable<infer I> ? Iterable<SyncValue<I>> : unknown);

/** The members `DiscogsSync` takes from `Discogs` (it has its own `close`, `toString` and `toJSON`). */
export type SyncClientMembers = Omit<SyncMembers<Discogs>, "close" | "toString" | "toJSON">;

/**
 * Options of `new DiscogsSync(options)`: those of `Discogs`, except what cannot cross to the worker thread.
 * `fetch` and a `CacheStore` object are left out (a `TypeError` at run time when given anyway); `cache` is
 * `true` (in memory, in the worker) or `false`, and `cacheDir` gives the SQLite cache. `hooks` (and a
 * `logger`) are called on the calling thread when each call returns, in order.
 */
export type DiscogsSyncOptions = Omit<ClientOptions, "fetch" | "cache"> & {
  /** Response cache in the worker's memory (`cacheDir` for SQLite). @default false */
  cache?: boolean;
};
