// The paginator: one object per listing that owns its iteration state (the query every page repeats, the cursors
// already used, the page cap, the listing's signal and prefetch) and turns a page fetcher into pages.

import { eitherSignal } from '../abort.js';
import type { ClientCore } from '../client-core.js';
import {
  CursorLoopError,
  InvalidRequestError,
  type ListingContext,
  PageLimitError,
} from '../errors/index.js';
import type { RequestSpec } from '../request/outgoing.js';
import type { RequestOverrides, TransportCall } from '../request-options.js';
import { cursorFingerprint } from './cursor-fingerprint.js';
import { Page, type PageSource } from './page.js';
import { decodePageBody } from './page-body.js';

/** A listing's settings, checked. */
export interface ListingSettings {
  /** The first page's request, `page_token` removed from its query: every page repeats it. */
  request: RequestSpec;
  /** The cursor of the first page, or null. */
  start: string | null;
  maxPages: number;
  prefetch: boolean;
  /** The retry overrides, signal and fetch options sent with every page's request. */
  call: TransportCall;
  /** What the call's request options replace in every page's request. */
  overrides: RequestOverrides | undefined;
}

export class Paginator<Item, Body> implements PageSource<Item, Body> {
  readonly #core: ClientCore;
  readonly #settings: ListingSettings;
  /** A fingerprint of each cursor used by this listing, and the number of the page it fetched. */
  readonly #usedCursors = new Map<string, number>();

  constructor(core: ClientCore, settings: ListingSettings) {
    this.#core = core;
    this.#settings = settings;
    if (settings.start !== null) this.#usedCursors.set(cursorFingerprint(settings.start), 1);
  }

  /** The listing's first page. */
  first(): Promise<Page<Item, Body>> {
    return this.#page(this.#settings.start, 1, this.#settings.call.signal);
  }

  /** The page after `page`, its request also cancelled by `signal`. */
  next(page: Page<Item, Body>, signal?: AbortSignal): Promise<Page<Item, Body>> {
    return this.#advance(page, eitherSignal(signal, this.#settings.call.signal));
  }

  /** The page after `page`, its request cancelled by `signal` (already combined with the listing's). */
  #advance(page: Page<Item, Body>, signal: AbortSignal | undefined): Promise<Page<Item, Body>> {
    const next = page.nextCursor;
    if (next === null) {
      return Promise.reject(
        new InvalidRequestError(`Page ${page.pageNumber} is the last page; check hasNextPage() first.`),
      );
    }
    const seen = cursorFingerprint(next);
    const firstUse = this.#usedCursors.get(seen);
    if (firstUse !== undefined && firstUse <= page.pageNumber) {
      return Promise.reject(new CursorLoopError(next, page.pageNumber, firstUse));
    }
    const { maxPages } = this.#settings;
    if (page.pageNumber + 1 > maxPages) return Promise.reject(new PageLimitError(maxPages, next));
    this.#usedCursors.set(seen, page.pageNumber + 1);
    return this.#page(next, page.pageNumber + 1, signal);
  }

  /** `page` and every page after it. Leaving the loop early aborts a prefetch in flight. */
  async *pagesFrom(page: Page<Item, Body>): AsyncGenerator<Page<Item, Body>, void, undefined> {
    // Only a prefetch can be in flight when the caller leaves the loop; without one there is nothing to abort.
    const stop = this.#settings.prefetch ? new AbortController() : undefined;
    const signal = eitherSignal(stop?.signal, this.#settings.call.signal);
    let current = page;
    try {
      while (true) {
        let next: Promise<Page<Item, Body>> | undefined;
        if (stop && current.hasNextPage()) {
          next = this.#advance(current, signal);
          // Its failure is reported when the caller reaches it, not as an unhandled rejection.
          next.catch(() => {});
        }
        yield current;
        if (!current.hasNextPage()) return;
        current = await (next ?? this.#advance(current, signal));
      }
    } finally {
      stop?.abort();
    }
  }

  /** The request for the page at `cursor`: the listing's, with `page_token` set (the next page's request). */
  nextPageRequest(cursor: string | null): RequestSpec {
    const { request } = this.#settings;
    return cursor === null ? request : { ...request, query: { ...request.query, page_token: cursor } };
  }

  async #page(
    cursor: string | null,
    pageNumber: number,
    signal: AbortSignal | undefined,
  ): Promise<Page<Item, Body>> {
    const { call, overrides } = this.#settings;
    const context: ListingContext = { cursor, pageNumber };
    const request = this.#core.build(this.nextPageRequest(cursor), overrides, context);
    const exchange = await this.#core.run(request, { ...call, signal, context }, 'ok');
    return new Page(
      this,
      decodePageBody<Body>(request.target, exchange, context),
      exchange.response,
      cursor,
      pageNumber,
    );
  }
}
