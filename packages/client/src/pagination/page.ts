// A page of a listing: a plain record of what one response held, and what the next request is. Fetching more
// is the paginator's job; a page only asks its source.
import { itemsOf } from './items.js';

/** Where a page's next pages come from: the paginator that fetched it. */
export interface PageSource<Item, Body> {
  next(page: Page<Item, Body>, signal?: AbortSignal): Promise<Page<Item, Body>>;
  pagesFrom(page: Page<Item, Body>): AsyncGenerator<Page<Item, Body>, void, undefined>;
}

/** One page of a listing. Iterating it with `for await` yields its items and those of every page after it. */
export class Page<Item, Body = unknown> implements AsyncIterable<Item> {
  /** This page's items. */
  readonly items: Item[];
  /** The token to the next page as the server sent it; null (or '' or absent) on the last page. */
  readonly next_page_token: string | null;
  /** The whole decoded body, fields the spec does not name included. */
  readonly body: Body;
  /** The HTTP response (status and headers; its body is already read). */
  readonly response: Response;
  /** The `page_token` that fetched this page; null for a listing's first page when none was given. */
  readonly cursor: string | null;
  /** The `page_token` of the next page, or null when this is the last one. */
  readonly nextCursor: string | null;
  /** This page's 1-based position in the listing. */
  readonly pageNumber: number;
  readonly #source: PageSource<Item, Body>;

  /** @internal Pages come from `paginate()`, `list()` or `getNextPage()`. */
  constructor(
    source: PageSource<Item, Body>,
    body: Body,
    response: Response,
    cursor: string | null,
    pageNumber: number,
  ) {
    const { items, next_page_token } = body as { items: Item[]; next_page_token?: string | null };
    this.#source = source;
    this.items = items;
    this.next_page_token = next_page_token ?? null;
    this.body = body;
    this.response = response;
    this.cursor = cursor;
    this.nextCursor = next_page_token || null;
    this.pageNumber = pageNumber;
  }

  /** Whether a next page exists. An empty page with a token has one: it is followed, never taken as the end. */
  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  /**
   * Fetches the next page. Throws a `CursorLoopError` when its token was already used in this listing, and a
   * `PageLimitError` past `maxPages`. `signal` cancels this request, as the listing's own signal does.
   */
  getNextPage(signal?: AbortSignal): Promise<Page<Item, Body>> {
    return this.#source.next(this, signal);
  }

  /** This page and every page after it. Leaving the loop early aborts the request in flight. */
  iterPages(): AsyncGenerator<Page<Item, Body>, void, undefined> {
    return this.#source.pagesFrom(this);
  }

  /** The items of this page and of every page after it. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Item> {
    return itemsOf(this.iterPages());
  }
}
