// Cursor pagination for any operation in a generated `paths` whose query takes `page_token` and whose 200
// body is `{ items, next_page_token }`: fetch a page, know the next request, flatten to items.
import type { Client } from 'openapi-fetch';
import {
  AbortedError,
  apiErrorFor,
  ClientConfigError,
  ConnectionError,
  InvalidRequestError,
  LlamaCloudError,
  MalformedResponseError,
  type RequestTarget,
  TimeoutError,
} from './errors.js';
import { checkNumber, MAX_DELAY_MS } from './options.js';
import { bodyTextOf } from './response-info.js';
import type { RequestRetryOptions, TextBodyOption } from './retry.js';

// ---- Types derived from the generated `paths` --------------------------------------------------------------

type GetOperation<Paths, P extends keyof Paths> = Paths[P] extends { get: infer Op } ? Op : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type OkBodyOf<Op> = Op extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : never;
type IsPaginated<Op> = [Op] extends [never]
  ? false
  : 'page_token' extends keyof QueryOf<Op>
    ? OkBodyOf<Op> extends { items: readonly unknown[]; next_page_token?: string | null }
      ? true
      : false
    : false;

/** The paths of `Paths` whose GET is cursor-paginated. */
export type PaginatedPath<Paths> = {
  [P in keyof Paths]-?: IsPaginated<GetOperation<Paths, P>> extends true ? P : never;
}[keyof Paths];
/** The query parameters of a paginated path's GET. */
export type PageQuery<Paths, P extends keyof Paths> = QueryOf<GetOperation<Paths, P>>;
/** The decoded 200 body of a paginated path's GET. */
export type PageBody<Paths, P extends keyof Paths> = OkBodyOf<GetOperation<Paths, P>>;
/** The item type of a paginated path's GET. */
export type PageItem<Paths, P extends keyof Paths> =
  PageBody<Paths, P> extends { items: readonly (infer I)[] } ? I : never;

// ---- Options and errors ------------------------------------------------------------------------------------

/** Per-listing options; `maxRetries` and `timeout` override the client's for every page of the listing. */
export interface PaginateOptions extends RequestRetryOptions {
  /** Cancels the listing: the request in flight is aborted and iteration throws an `AbortedError`. */
  signal?: AbortSignal | undefined;
  /**
   * Most pages one listing may fetch; one more raises a `PageLimitError` carrying the cursor to resume from.
   * @default 10_000
   */
  maxPages?: number | undefined;
  /**
   * Fetch page n+1 while the caller works through page n. Hides the server's latency behind the caller's
   * work, at the cost of one extra request when the caller stops early.
   * @default false
   */
  prefetch?: boolean | undefined;
}

/** The default {@link PaginateOptions.maxPages}. */
export const DEFAULT_MAX_PAGES = 10_000;

/** A page's `next_page_token` was already used in this listing: following it would loop forever. */
export class CursorLoopError extends LlamaCloudError {
  /** The repeated token. */
  readonly token: string;
  /** The page (1-based) that first used it. */
  readonly firstUsedByPage: number;

  constructor(token: string, pageNumber: number, firstUsedByPage: number) {
    super(
      'cursor_loop',
      `Page ${pageNumber} returned next_page_token ${JSON.stringify(token)}, which already fetched page ` +
        `${firstUsedByPage}; stopping rather than looping.`,
    );
    this.token = token;
    this.firstUsedByPage = firstUsedByPage;
    this.pageNumber = pageNumber;
    // No `cursor`: resuming from the repeated token would only repeat pages.
  }
}

/** The listing reached its `maxPages` cap with pages still to fetch. */
export class PageLimitError extends LlamaCloudError {
  /** The cap that was reached. */
  readonly maxPages: number;

  constructor(maxPages: number, nextCursor: string) {
    super(
      'page_limit',
      `Reached maxPages (${maxPages}) with pages left; raise { maxPages } or resume from page_token ${JSON.stringify(nextCursor)}.`,
    );
    this.maxPages = maxPages;
    this.pageNumber = maxPages + 1;
    this.cursor = nextCursor;
  }
}

// ---- Fetching one page -------------------------------------------------------------------------------------

/** The part of an openapi-fetch client pagination uses, with the path left generic. */
interface UntypedGet {
  GET(
    path: string,
    init: {
      params: { query: Record<string, unknown> };
      parseAs: 'stream';
      signal?: AbortSignal | undefined;
    } & RequestRetryOptions &
      TextBodyOption,
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

/** Everything one listing shares between its pages. */
interface Listing<Item, Body> {
  get: UntypedGet['GET'];
  path: string;
  target: RequestTarget;
  query: Record<string, unknown>;
  maxPages: number;
  prefetch: boolean;
  signal: AbortSignal | undefined;
  /** Retry overrides, sent with each page's request. */
  retry: RequestRetryOptions;
  /** Each cursor used by this listing, and the number of the page it fetched. */
  usedCursors: Map<string, number>;
  // Phantom fields that keep the item and body types attached to the listing.
  _item?: Item;
  _body?: Body;
}

async function fetchPage<Item, Body>(
  listing: Listing<Item, Body>,
  cursor: string | null,
  pageNumber: number,
  signal: AbortSignal | undefined,
): Promise<Page<Item, Body>> {
  const { target } = listing;
  // Each request gets its own signal, linked to the listing's for as long as the request lasts: a Request
  // keeps a listener on its signal until it is garbage-collected, so sharing one signal across thousands of
  // pages would pile up listeners (and memory) on it.
  const request = signal ? new AbortController() : undefined;
  const abort = () => request?.abort(signal?.reason);
  if (signal?.aborted) abort();
  else signal?.addEventListener('abort', abort);
  try {
    const query = cursor === null ? listing.query : { ...listing.query, page_token: cursor };
    let result: Awaited<ReturnType<UntypedGet['GET']>>;
    try {
      result = await listing.get(listing.path, {
        params: { query },
        // Our client's fetch has read the body already (bodyTextOf); any other client's is read below.
        parseAs: 'stream',
        textBodyOnly: true,
        signal: request?.signal,
        ...listing.retry,
      });
    } catch (error) {
      throw networkError(target, error, signal);
    }
    const { error, response } = result;
    if (!response.ok) throw apiErrorFor(target, response, error);
    let text = bodyTextOf.get(response);
    if (text === undefined) {
      try {
        text = await response.text();
      } catch (error) {
        throw networkError(target, error, signal);
      }
    }
    return new Page(listing, decodeBody<Body>(target, response, text), response, cursor, pageNumber);
  } catch (error) {
    const failure = error instanceof LlamaCloudError ? error : new ConnectionError(target, error);
    failure.cursor ??= cursor;
    failure.pageNumber ??= pageNumber;
    throw failure;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

function networkError(
  target: RequestTarget,
  error: unknown,
  signal: AbortSignal | undefined,
): LlamaCloudError {
  if (error instanceof LlamaCloudError) return error;
  const name = (error as { name?: unknown })?.name;
  if (name === 'TimeoutError') return new TimeoutError(target, undefined, 1, error);
  if (name === 'AbortError' || signal?.aborted) return new AbortedError(target, signal?.reason ?? error);
  return new ConnectionError(target, error);
}

function decodeBody<Body>(target: RequestTarget, response: Response, text: string): Body {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MalformedResponseError(
      target,
      response,
      text.trim() === '' ? 'the body is empty' : 'the body is not JSON',
      text,
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MalformedResponseError(target, response, 'the body is not a JSON object', text);
  }
  const { items, next_page_token: token } = body as { items?: unknown; next_page_token?: unknown };
  if (!Array.isArray(items)) {
    const got =
      items === undefined
        ? 'missing'
        : items === null
          ? 'null'
          : `${/^[aeiou]/.test(typeof items) ? 'an' : 'a'} ${typeof items}`;
    throw new MalformedResponseError(target, response, `"items" is ${got}, not an array`, text);
  }
  if (token !== undefined && token !== null && typeof token !== 'string') {
    throw new MalformedResponseError(
      target,
      response,
      `"next_page_token" is a ${typeof token}, not a string or null`,
      text,
    );
  }
  return body as Body;
}

// ---- Pages -------------------------------------------------------------------------------------------------

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
  readonly #listing: Listing<Item, Body>;

  /** @internal Pages come from `paginate()` or `getNextPage()`. */
  constructor(
    listing: Listing<Item, Body>,
    body: Body,
    response: Response,
    cursor: string | null,
    pageNumber: number,
  ) {
    const { items, next_page_token } = body as { items: Item[]; next_page_token?: string | null };
    this.#listing = listing;
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
   * `PageLimitError` past `maxPages`.
   */
  getNextPage(signal?: AbortSignal): Promise<Page<Item, Body>> {
    const own = this.#listing.signal;
    return this.#next(signal && own && signal !== own ? AbortSignal.any([signal, own]) : (signal ?? own));
  }

  /** The next page, its request cancelled by `signal` (already combined with the listing's). */
  #next(signal: AbortSignal | undefined): Promise<Page<Item, Body>> {
    const listing = this.#listing;
    const next = this.nextCursor;
    if (next === null) {
      return Promise.reject(
        new InvalidRequestError(`Page ${this.pageNumber} is the last page; check hasNextPage() first.`),
      );
    }
    const nextNumber = this.pageNumber + 1;
    const firstUse = listing.usedCursors.get(next);
    if (firstUse !== undefined && firstUse <= this.pageNumber) {
      return Promise.reject(new CursorLoopError(next, this.pageNumber, firstUse));
    }
    if (nextNumber > listing.maxPages) return Promise.reject(new PageLimitError(listing.maxPages, next));
    listing.usedCursors.set(next, nextNumber);
    return fetchPage(listing, next, nextNumber, signal);
  }

  /** This page and every page after it. Leaving the loop early aborts the request in flight. */
  async *iterPages(): AsyncGenerator<Page<Item, Body>, void, undefined> {
    const listing = this.#listing;
    // Only a prefetch can be in flight when the caller leaves the loop; without one there is nothing to abort.
    const stop = listing.prefetch ? new AbortController() : undefined;
    const signal =
      stop && listing.signal
        ? AbortSignal.any([listing.signal, stop.signal])
        : (stop?.signal ?? listing.signal);
    let page: Page<Item, Body> = this;
    try {
      while (true) {
        let next: Promise<Page<Item, Body>> | undefined;
        if (stop && page.hasNextPage()) {
          next = page.#next(signal);
          // Its failure is reported when the caller reaches it, not as an unhandled rejection.
          next.catch(() => {});
        }
        yield page;
        if (!page.hasNextPage()) return;
        page = await (next ?? page.#next(signal));
      }
    } finally {
      stop?.abort();
    }
  }

  /** The items of this page and of every page after it. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Item> {
    return flatten(this.iterPages());
  }
}

/**
 * The items of a sequence of pages. A plain iterator rather than an async generator: it serves items of the
 * current page without a generator resumption each, which is most of the cost of a long listing. Calls to
 * `next()` that overlap while a page is being fetched are served in order: no item is skipped or served twice.
 */
function flatten<Item>(
  pages: AsyncGenerator<{ items: Item[] }, void, undefined>,
): AsyncIterableIterator<Item> {
  let items: Item[] = [];
  let index = 0;
  /** Set while a page is being fetched; later calls wait behind it. */
  let queue: Promise<unknown> | undefined;
  const step = async (): Promise<IteratorResult<Item, undefined>> => {
    while (index >= items.length) {
      const next = await pages.next();
      if (next.done) return { done: true, value: undefined };
      items = next.value.items;
      index = 0;
    }
    return { done: false, value: items[index++] as Item };
  };
  const iterator: AsyncIterableIterator<Item> = {
    next: () => {
      if (!queue && index < items.length)
        return Promise.resolve({ done: false, value: items[index++] as Item });
      const result = (queue ?? Promise.resolve()).then(step);
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      queue = settled;
      void settled.then(() => {
        if (queue === settled) queue = undefined;
      });
      return result;
    },
    async return() {
      items = [];
      await pages.return();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

// ---- paginate() --------------------------------------------------------------------------------------------

/**
 * A listing not yet started: `await` it for the first page, or `for await` over it for every item of every
 * page. Nothing is fetched until one of them is used.
 */
export class PagePromise<Item, Body = unknown> implements PromiseLike<Page<Item, Body>>, AsyncIterable<Item> {
  readonly #listing: Listing<Item, Body>;
  readonly #firstCursor: string | null;
  #first: Promise<Page<Item, Body>> | undefined;

  /** @internal Use `paginate()` or `client.beta.chat.list()`. */
  constructor(listing: Listing<Item, Body>, firstCursor: string | null) {
    this.#listing = listing;
    this.#firstCursor = firstCursor;
  }

  /** The first page, fetched once however often it is awaited (a failed fetch is tried again next time). */
  firstPage(): Promise<Page<Item, Body>> {
    this.#first ??= fetchPage(this.#listing, this.#firstCursor, 1, this.#listing.signal).catch(
      (error: unknown) => {
        this.#first = undefined; // a failure is not kept: the next await or loop asks again
        throw error;
      },
    );
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaitable on purpose, like the official SDK's.
  then<A = Page<Item, Body>, B = never>(
    onFulfilled?: ((page: Page<Item, Body>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<Page<Item, Body> | B> {
    return this.firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page<Item, Body>> {
    return this.firstPage().finally(onFinally);
  }

  /** Every page, starting with the first. */
  async *pages(): AsyncGenerator<Page<Item, Body>, void, undefined> {
    yield* (await this.firstPage()).iterPages();
  }

  /** Every item of every page. */
  items(): AsyncIterableIterator<Item> {
    return flatten(this.pages());
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Item> {
    return flatten(this.pages());
  }

  /** Collects items until `limit` are gathered or the pages run out; fetches no page past the one it needs. */
  async collect(limit = Number.POSITIVE_INFINITY): Promise<Item[]> {
    const collected: Item[] = [];
    if (limit <= 0) return collected;
    for await (const page of this.pages()) {
      for (const item of page.items) {
        collected.push(item);
        if (collected.length >= limit) return collected;
      }
    }
    return collected;
  }
}

/**
 * Lists a cursor-paginated operation of any generated `paths`: the item type follows from the path.
 * Every page repeats `query` and adds `page_token`; iteration stops at a null, empty or missing
 * `next_page_token`.
 */
export function paginate<Paths extends {}, P extends PaginatedPath<Paths>>(
  // biome-ignore lint/suspicious/noExplicitAny: any media type; pagination reads JSON itself.
  client: Client<Paths, any>,
  path: P,
  query?: PageQuery<Paths, P> | null,
  options: PaginateOptions = {},
): PagePromise<PageItem<Paths, P>, PageBody<Paths, P>> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (!(maxPages >= 1)) throw new ClientConfigError(`maxPages must be at least 1, got ${maxPages}.`);
  checkNumber('maxRetries', options.maxRetries, 0, true);
  checkNumber('timeout', options.timeout, 1, false, MAX_DELAY_MS);
  const base: Record<string, unknown> = { ...(query ?? {}) };
  const start = typeof base.page_token === 'string' && base.page_token !== '' ? base.page_token : null;
  delete base.page_token;
  const listing: Listing<PageItem<Paths, P>, PageBody<Paths, P>> = {
    get: (url, init) => (client as unknown as UntypedGet).GET(url, init),
    path: String(path),
    target: `GET ${String(path)}` as RequestTarget,
    query: base,
    maxPages,
    prefetch: options.prefetch ?? false,
    signal: options.signal,
    retry: { maxRetries: options.maxRetries, timeout: options.timeout },
    usedCursors: new Map(start === null ? [] : [[start, 1]]),
  };
  return new PagePromise(listing, start);
}
