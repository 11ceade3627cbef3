/**
 * Auto-pagination. A {@link Paginator} fetches nothing until iteration starts; `for await` walks every item
 * across pages by following `pagination.urls.next`; `.pages()` walks pages; `.toArray({ limit })` collects
 * with a bound the caller must give.
 *
 * - `per_page` defaults to 100 (Discogs' maximum, half the requests of the server's default of 50) unless the
 *   caller sets it.
 * - A page shorter than `per_page` neither ends nor breaks the walk; an empty page or a missing `next` link
 *   ends it.
 * - An error on any page surfaces as the SDK's typed error, after the items of the pages before it were
 *   yielded; nothing is passed off as complete.
 *
 * @module
 */

import type { Schema } from "./decode";
import { DiscogsAbortError } from "./errors";
import type { Pagination } from "../models/common";
import type { QueryValue, RequestOptions } from "./transport";

/** One page: its items and Discogs' pagination block. */
export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

/** What a paginator needs from the client. */
export interface PageFetcher {
  /** GETs one page. */
  getPage(
    path: string,
    query: Record<string, QueryValue> | undefined,
    schema: Schema<unknown>,
    options?: RequestOptions,
  ): Promise<unknown>;
}

/** How to read one endpoint's pages. */
export interface PaginatorConfig<T> {
  path: string;
  query?: Record<string, QueryValue>;
  /** Schema of a whole page body. */
  schema: Schema<unknown>;
  /** Extracts the items from a parsed page body (the item key differs per endpoint). */
  items: (page: any) => T[];
  options?: RequestOptions | undefined;
}

/** Options of {@link Paginator.toArray}. */
export interface ToArrayOptions {
  /** The most items to collect; required, so that a huge list is never loaded by accident. */
  limit: number;
}

/** Iterates a paginated Discogs list. */
export class Paginator<T> implements AsyncIterable<T> {
  readonly #fetcher: PageFetcher;
  readonly #config: PaginatorConfig<T>;

  /** @internal Paginators come from list methods, e.g. `client.users.get(name).wantlist.list()`. */
  constructor(fetcher: PageFetcher, config: PaginatorConfig<T>) {
    this.#fetcher = fetcher;
    this.#config = config;
  }

  /** Walks the pages one by one. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const query: Record<string, QueryValue> = { per_page: 100 };
    for (const [k, v] of Object.entries(this.#config.query ?? {}))
      if (v !== undefined && v !== null) query[k] = v;
    let next: string | undefined = this.#config.path;
    let first = true;
    const seen = new Set<string>();
    while (next !== undefined) {
      const body = (await this.#fetcher.getPage(
        next,
        first ? query : undefined,
        this.#config.schema,
        this.#config.options,
      )) as { pagination?: Pagination };
      first = false;
      const items = this.#config.items(body) ?? [];
      const pagination = body.pagination as Pagination;
      yield { items, pagination };
      if (items.length === 0) return;
      const nextUrl = pagination?.urls?.next;
      if (!nextUrl || seen.has(nextUrl)) return;
      seen.add(nextUrl);
      next = nextUrl;
    }
  }

  /** Walks every item across pages. An abort of the call's `signal` stops the walk at the next item. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    const signal = this.#config.options?.signal;
    for await (const page of this.pages()) {
      for (const item of page.items) {
        if (signal?.aborted) throw new DiscogsAbortError(signal.reason);
        yield item;
      }
    }
  }

  /** Collects up to `limit` items (fetching only the pages needed). */
  async toArray(options: ToArrayOptions): Promise<T[]> {
    const limit = (options as ToArrayOptions | undefined)?.limit;
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 0) {
      throw new TypeError(
        "toArray({ limit }) needs limit, a non-negative integer bound on the number of items",
      );
    }
    const out: T[] = [];
    if (limit === 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  }
}
