// A listing not yet started: awaitable for its first page, async-iterable for every item, like the official
// SDK's PagePromise.
import { itemsOf } from './items.js';
import type { Page } from './page.js';
import type { Paginator } from './paginator.js';

/**
 * `await` it for the first page, or `for await` over it for every item of every page. Nothing is fetched until
 * one of them is used.
 */
export class PagePromise<Item, Body = unknown> implements PromiseLike<Page<Item, Body>>, AsyncIterable<Item> {
  readonly #paginator: Paginator<Item, Body>;
  #first: Promise<Page<Item, Body>> | undefined;

  /** @internal Use `paginate()` or `client.beta.chat.list()`. */
  constructor(paginator: Paginator<Item, Body>) {
    this.#paginator = paginator;
  }

  /** The first page, fetched once however often it is awaited (a failed fetch is tried again next time). */
  firstPage(): Promise<Page<Item, Body>> {
    this.#first ??= this.#paginator.first().catch((error: unknown) => {
      this.#first = undefined; // a failure is not kept: the next await or loop asks again
      throw error;
    });
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

  /** The first page's response (status and headers; its body already read into the page), like the SDK's. */
  async asResponse(): Promise<Response> {
    return (await this.firstPage()).response;
  }

  /** The first page and its response, like the SDK's `withResponse()`. */
  async withResponse(): Promise<{ data: Page<Item, Body>; response: Response }> {
    const page = await this.firstPage();
    return { data: page, response: page.response };
  }

  /** Every page, starting with the first. */
  async *pages(): AsyncGenerator<Page<Item, Body>, void, undefined> {
    yield* (await this.firstPage()).iterPages();
  }

  /** Every item of every page. */
  items(): AsyncIterableIterator<Item> {
    return itemsOf(this.pages());
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Item> {
    return itemsOf(this.pages());
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
