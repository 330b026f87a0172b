// A web ReadableStream over an async iterator of events, for frameworks that take one (a route handler's body).

/** `events` as a web ReadableStream; cancelling it ends the iterator (and so closes the connection). */
export function readableOf<E>(events: AsyncIterator<E>): ReadableStream<E> {
  return new ReadableStream<E>({
    async pull(controller) {
      const next = await events.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await events.return?.();
    },
  });
}
