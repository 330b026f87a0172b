// The items of a sequence of pages, as one async iterator.

/**
 * The items of `pages`, in order. A plain iterator rather than an async generator: it serves the items of the
 * current page without a generator resumption each, which is most of the cost of a long listing. Calls to
 * `next()` that overlap while a page is being fetched are served in order: no item is skipped or served twice.
 */
export function itemsOf<Item>(
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
