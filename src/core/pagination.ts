/**
 * Pagination. A {@link Paginator} fetches nothing until it is used:
 *
 * - `await list` sends one request and gives the first page (or the one `page` names) as a {@link Page}, with
 *   `hasNextPage()` and `getNextPage()`;
 * - `for await (const item of list)` walks every item from that page on; `.pages()` walks pages;
 *   `.toArray({ limit })` collects with a bound the caller must give.
 *
 * Rules:
 * - `per_page` defaults to 100 (Discogs' maximum, half the requests of the server's default of 50).
 * - The next page is Discogs' `pagination.urls.next` (resolved with the URL parser and refused unless it is on
 *   the base URL's origin) when it asks for the following page with our `per_page`; otherwise the SDK asks for
 *   `page + 1` itself.
 * - A walk ends when `page >= pages`, on an empty page, or on a page it has already had (never the same items
 *   twice). A short page neither ends nor breaks it.
 * - An error on any page surfaces as the SDK's typed error, after the items of the pages before it were
 *   yielded: nothing is passed off as complete.
 *
 * @module
 */

import type { Schema } from "./decode";
import { DiscogsAbortError } from "./errors";
import type { Pagination } from "../models/common";
import type { QueryValue, RequestOptions, WithResponse } from "./request";

/** What a paginator needs from the client: one GET of a page. */
export type PageFetcher = (
  path: string,
  query: Record<string, QueryValue> | undefined,
  schema: Schema<unknown> | undefined,
  options: RequestOptions | undefined,
) => Promise<WithResponse<unknown>>;

/** How to read one endpoint's pages. */
export interface PaginatorConfig<T> {
  path: string;
  /** The list's query, `page` and `per_page` included when the caller gave them. */
  query?: Record<string, QueryValue>;
  /** Schema of a whole page body. */
  schema: Schema<unknown> | undefined;
  /** Extracts the items from a parsed page body (the item key differs per endpoint). */
  items: (page: any) => T[];
  options?: RequestOptions | undefined;
}

/** Options of {@link Paginator.toArray}. */
export interface ToArrayOptions {
  /** The most items to collect; required, so that a huge list is never loaded by accident. */
  limit: number;
}

/** Discogs' maximum page size, the default here. */
export const DEFAULT_PER_PAGE = 100;

/** The state a page needs to fetch the one after it. */
interface Walk<T> {
  fetcher: PageFetcher;
  config: PaginatorConfig<T>;
  query: Record<string, QueryValue>;
  /** Page numbers already had. */
  seen: Set<number>;
}

/** Pages whose number the walk had already had: a walk ends there, without their items. */
const repeated = new WeakSet<Page<unknown>>();

/** One page of a list: its items, Discogs' pagination block, and the way to the next page. */
export class Page<T> {
  /** The page's items. */
  readonly items: T[];
  /** Discogs' pagination block: `page`, `pages`, `per_page`, `items`, `urls`. */
  readonly pagination: Pagination;
  readonly #walk: Walk<T>;

  /** @internal Pages come from awaiting a list, `.pages()`, or {@link Page.getNextPage}. */
  constructor(items: T[], pagination: Pagination, walk: Walk<T>) {
    this.items = items;
    this.pagination = pagination;
    this.#walk = walk;
  }

  /**
   * Whether another page follows: this one has items, `page < pages`, it is not a page the walk already had
   * (Discogs answered with an earlier page again), and the next has not been had yet.
   */
  hasNextPage(): boolean {
    const { page, pages } = this.pagination ?? {};
    if (this.items.length === 0 || typeof page !== "number" || typeof pages !== "number") return false;
    if (repeated.has(this)) return false;
    return page < pages && !this.#walk.seen.has(page + 1);
  }

  /**
   * Fetches the next page (one request).
   * @throws Error when there is none: check {@link Page.hasNextPage} first.
   *
   * @example
   * ```ts
   * let page = await client.users.get("example").wantlist.list({ page: 2, per_page: 50 }); // page 2 only
   * while (page.hasNextPage()) page = await page.getNextPage();
   * console.log(page.pagination.page === page.pagination.pages); // true
   * ```
   */
  async getNextPage(): Promise<Page<T>> {
    return (await this.getNextPageWithResponse()).data;
  }

  /** {@link Page.getNextPage} with the HTTP `Response`. */
  async getNextPageWithResponse(): Promise<WithResponse<Page<T>>> {
    if (!this.hasNextPage()) throw new Error("There is no next page: check hasNextPage() first");
    const page = this.pagination.page + 1;
    const next = this.pagination.urls?.next;
    const w = this.#walk;
    // Discogs' link, when it asks for the following page with our page size; else the same list at page + 1.
    const link = next !== undefined && linkAsks(next, page, w.query.per_page) ? next : undefined;
    return fetchPage(w, link ?? w.config.path, link ? undefined : { ...w.query, page });
  }
}

/** Whether a `next` link asks for `page` with `perPage` items (a link that does not parse is not followed). */
function linkAsks(link: string, page: number, perPage: QueryValue): boolean {
  try {
    const q = new URL(link, "http://x.invalid").searchParams;
    return Number(q.get("page")) === page && (q.get("per_page") ?? String(perPage)) === String(perPage);
  } catch {
    return false;
  }
}

async function fetchPage<T>(
  walk: Walk<T>,
  path: string,
  query: Record<string, QueryValue> | undefined,
): Promise<WithResponse<Page<T>>> {
  const { data, response } = await walk.fetcher(path, query, walk.config.schema, walk.config.options);
  const body = data as { pagination?: Pagination };
  const page = new Page<T>(walk.config.items(body) ?? [], body.pagination as Pagination, walk);
  const n = page.pagination?.page;
  if (typeof n === "number") {
    if (walk.seen.has(n)) repeated.add(page);
    walk.seen.add(n);
  }
  return { data: page, response };
}

/** A paginated Discogs list: awaitable (one page) and async-iterable (every item). */
export class Paginator<T> implements AsyncIterable<T>, PromiseLike<Page<T>> {
  readonly #fetcher: PageFetcher;
  readonly #config: PaginatorConfig<T>;

  /** @internal Paginators come from list methods, e.g. `client.users.get(name).wantlist.list()`. */
  constructor(fetcher: PageFetcher, config: PaginatorConfig<T>) {
    this.#fetcher = fetcher;
    this.#config = config;
  }

  /** A fresh walk from the first page asked for (`page`, default 1). */
  #first(): Promise<WithResponse<Page<T>>> {
    const query: Record<string, QueryValue> = { per_page: DEFAULT_PER_PAGE };
    for (const [k, v] of Object.entries(this.#config.query ?? {}))
      if (v !== undefined && v !== null) query[k] = v;
    const walk: Walk<T> = { fetcher: this.#fetcher, config: this.#config, query, seen: new Set() };
    return fetchPage(walk, this.#config.path, query);
  }

  /**
   * The first page (the one `page` names, default 1) with the HTTP `Response`: one request.
   *
   * @example
   * ```ts
   * const { data: page, response } = await client.search({ query: "Nine Inch Nails" }).withResponse();
   * console.log(page.items.length, response.headers.get("x-discogs-ratelimit-remaining"));
   * ```
   */
  withResponse(): Promise<WithResponse<Page<T>>> {
    return this.#first();
  }

  /** Awaiting a list sends one request and resolves to its first page (the one `page` names). */
  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((value: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#first()
      .then((r) => r.data)
      .then(onfulfilled, onrejected);
  }

  /** Walks the pages one by one, from the first page asked for. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let page = (await this.#first()).data;
    for (;;) {
      yield page;
      if (!page.hasNextPage()) return;
      const next = await page.getNextPage();
      if (next.items.length === 0 || repeated.has(next)) return;
      page = next;
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
