// A listing not yet started: awaitable for its first page, async-iterable for every item, like the official
// SDK's PagePromise.
import { APIPromise, type CallResult } from '../api-promise.js';
import { itemsOf } from './items.js';
import type { Page } from './page.js';
import type { Paginator } from './paginator.js';

/**
 * `await` it for the first page, or `for await` over it for every item of every page. Nothing is fetched until
 * one of them is used. An {@link APIPromise} of the first page, like the official SDK's PagePromise.
 */
export class PagePromise<Item, Body = unknown>
  extends APIPromise<Page<Item, Body>>
  implements AsyncIterable<Item>
{
  /** @internal Use `paginate()` or `client.beta.chat.list()`. */
  constructor(paginator: Paginator<Item, Body>) {
    super(async () => {
      const page = await paginator.first();
      return { data: page, response: page.response };
    }, true);
  }

  /** The first page, fetched once however often it is awaited (a failed fetch is tried again next time). */
  protected override result(): Promise<CallResult<Page<Item, Body>>> {
    const result = super.result();
    result.catch(() => this.forget(result));
    return result;
  }

  /** The first page. */
  firstPage(): Promise<Page<Item, Body>> {
    return this.then();
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
