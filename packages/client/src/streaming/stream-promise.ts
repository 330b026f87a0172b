// What a streaming operation returns at once: awaitable for the stream when its headers are in, iterable for its
// events, with `asResponse()`/`withResponse()` like every call. Small and loaded with the client; the reader itself
// (event-stream.ts, the event decoder, eventsource-parser) is loaded only when a stream is opened.

import { APIPromise } from '../api-promise.js';
import type { StopEvent, StopUsage } from '../generated/openapi.types.js';
import type { ChatStream } from './chat-stream.js';
import type { ChatStreamEvent } from './event-decoder.js';
import { readableOf } from './readable.js';

/** What a promise over a stream needs of the stream. */
interface EventStreamLike<E> extends AsyncIterable<E> {
  readonly response: Response;
  [Symbol.asyncIterator](): AsyncIterableIterator<E>;
}

/**
 * A stream on its way: `for await` over it for each event as it arrives, or `await` it for the stream once the
 * response headers are in (a status error is thrown there). An {@link APIPromise} of the stream.
 */
export class EventStreamPromise<E, S extends EventStreamLike<E> = EventStreamLike<E>>
  extends APIPromise<S>
  implements AsyncIterable<E>
{
  /** @internal Made by an operation that streams (`client.chat.stream()`). */
  constructor(opened: () => Promise<S>) {
    super(async () => {
      const stream = await opened();
      return { data: stream, response: stream.response };
    });
  }

  /** The stream's own iterator once the headers are in; calls before that wait for it. */
  [Symbol.asyncIterator](): AsyncIterableIterator<E> {
    let inner: AsyncIterableIterator<E> | undefined;
    const started = this.then((stream) => {
      inner = stream[Symbol.asyncIterator]();
      return inner;
    });
    // A failure reaches the caller through next(); an iterator never advanced must not leave it unhandled.
    started.catch(() => {});
    const iterator: AsyncIterableIterator<E> = {
      next: () => (inner ? inner.next() : started.then((events) => events.next())),
      return: async () => {
        const events = inner ?? (await started.catch(() => undefined));
        await events?.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** The events as a web ReadableStream; the stream starts when the response headers arrive. */
  toReadableStream(): ReadableStream<E> {
    return readableOf(this[Symbol.asyncIterator]());
  }

  /** The stream, once its headers are in. */
  protected opened(): Promise<S> {
    return this.then();
  }
}

/** A chat turn on its way: an {@link EventStreamPromise} with the turn's helpers. */
export class ChatStreamPromise extends EventStreamPromise<ChatStreamEvent, ChatStream> {
  /** See {@link ChatStream.text}. */
  async text(): Promise<string> {
    return (await this.opened()).text();
  }

  /** See {@link ChatStream.stopEvent}. */
  async stopEvent(): Promise<StopEvent | undefined> {
    return (await this.opened()).stopEvent();
  }

  /** See {@link ChatStream.usage}. */
  async usage(): Promise<StopUsage | undefined> {
    return (await this.opened()).usage();
  }
}
