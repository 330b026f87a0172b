// A streamed chat turn: each event as soon as its bytes arrive, an idle timeout between chunks, the connection
// closed at once on break or abort, and a cut-off turn reported as such. The POST is never sent again.
import type { LinkedController } from '../abort.js';
import {
  AbortedError,
  InvalidRequestError,
  type LlamaCloudError,
  MalformedResponseError,
  type RequestTarget,
  StreamInterruptedError,
  TimeoutError,
} from '../errors/index.js';
import { itemsOf } from '../pagination/items.js';
import type { OpenedStream } from '../transport.js';
import type { StopEvent, StopUsage } from '../types.js';
import { ChatEventDecoder, type ChatStreamEvent } from './event-decoder.js';

/** `events` as a web ReadableStream; cancelling it ends the iterator (and so closes the connection). */
function readableOf(events: AsyncIterator<ChatStreamEvent>): ReadableStream<ChatStreamEvent> {
  return new ReadableStream<ChatStreamEvent>({
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

/** Why the reader aborted the request: its idle timer fired. */
const IDLE = Symbol('idle');

/** A chat turn whose response headers have arrived. Iterate it once; the helpers work during or after. */
export class ChatStream implements AsyncIterable<ChatStreamEvent> {
  /** The HTTP response (status and headers); its body is this stream. */
  readonly response: Response;
  readonly #target: RequestTarget;
  readonly #link: LinkedController;
  readonly #timeout: number;
  readonly #scrub: (text: string) => string;
  readonly #caller: AbortSignal | undefined;
  #iterator: AsyncIterableIterator<ChatStreamEvent> | undefined;
  #finished: Promise<void> | undefined;
  /** The text deltas so far, joined (string concatenation is cheap in V8: ropes). */
  #deltas: string | undefined;
  #text: string | undefined;
  #stop: StopEvent | undefined;

  /** @internal Made by `client.beta.chat.stream()`. */
  constructor(target: RequestTarget, opened: OpenedStream, caller: AbortSignal | undefined) {
    this.response = opened.response;
    this.#target = target;
    this.#link = opened.link;
    this.#timeout = opened.timeout;
    this.#scrub = opened.scrub;
    this.#caller = caller;
  }

  /**
   * Each event as it arrives. A stream is read once: a second loop throws. The events of one chunk are handed
   * out by a plain iterator (the one pagination uses for items), so an event costs no generator resumption.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<ChatStreamEvent> {
    if (this.#iterator) {
      throw new InvalidRequestError('This chat stream is already being read; a turn can be read only once.');
    }
    this.#iterator = itemsOf(this.#read());
    return this.#iterator;
  }

  /** Closes the connection now; a loop over the stream ends with an AbortedError. */
  abort(): void {
    this.#link.abort(new DOMException('The chat stream was aborted.', 'AbortError'));
  }

  /** The answer: the text deltas joined (or the `text` event's content, when no deltas came). */
  async text(): Promise<string> {
    await this.#drain();
    return this.#deltas ?? this.#text ?? '';
  }

  /** The turn's `stop` event: its usage, and whether it failed. Undefined if none came. */
  async stopEvent(): Promise<StopEvent | undefined> {
    await this.#drain();
    return this.#stop;
  }

  /** The turn's token usage and duration, from its `stop` event. */
  async usage(): Promise<StopUsage | undefined> {
    return (await this.stopEvent())?.usage;
  }

  /** The events as a web ReadableStream, for frameworks that take one; cancelling it closes the connection. */
  toReadableStream(): ReadableStream<ChatStreamEvent> {
    return readableOf(this[Symbol.asyncIterator]());
  }

  /** Reads the rest of the stream (all of it, if nobody is iterating), keeping what the helpers need. */
  #drain(): Promise<void> {
    this.#finished ??= (async () => {
      if (!this.#iterator)
        for await (const _ of this) {
        }
      else if (this.#reading) await this.#reading;
    })();
    return this.#finished;
  }

  /** Settles when a loop that is running has ended. */
  #reading: Promise<void> | undefined;

  /** The events of each chunk, as one batch per chunk. */
  async *#read(): AsyncGenerator<{ items: ChatStreamEvent[] }, void, undefined> {
    let finish: () => void = () => {};
    this.#reading = new Promise((resolve) => {
      finish = resolve;
    });
    const body = this.response.body;
    const decoder = new ChatEventDecoder(this.#target, this.response, this.#scrub);
    const reader = body?.getReader();
    let ended = false;
    try {
      if (!reader) throw new StreamInterruptedError(this.#target, 0, 'the response had no body');
      for (;;) {
        const chunk = await this.#readChunk(reader, decoder);
        const items = chunk.done ? decoder.end() : decoder.push(chunk.value);
        for (const event of items) this.#keep(event);
        if (items.length) yield { items };
        if (decoder.problem) throw decoder.problem;
        if (this.#stop || decoder.done) break;
        if (chunk.done) {
          ended = true;
          throw new StreamInterruptedError(
            this.#target,
            decoder.count,
            'the server closed the stream before the turn ended',
          );
        }
      }
    } finally {
      if (!ended) {
        // Leaving early, failing, or done after `stop`: close the connection rather than drain it.
        this.#link.abort(new DOMException('The chat stream was closed.', 'AbortError'));
        await reader?.cancel().catch(() => {});
      }
      this.#link.release();
      finish();
    }
  }

  /** The next chunk, within the idle timeout; a failure becomes the error a caller should see. */
  async #readChunk(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    decoder: ChatEventDecoder,
  ): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>> {
    const timer = setTimeout(() => this.#link.abort(IDLE), this.#timeout);
    try {
      return await reader.read();
    } catch (error) {
      throw this.#failure(error, decoder.count);
    } finally {
      clearTimeout(timer);
    }
  }

  #failure(error: unknown, events: number): LlamaCloudError {
    const reason = this.#link.signal.reason;
    if (this.#caller?.aborted) return new AbortedError(this.#target, this.#caller.reason);
    if (reason === IDLE) {
      return new TimeoutError(
        this.#target,
        this.#timeout,
        1,
        { cause: error },
        `No byte arrived for ${this.#timeout} ms after ${events} event${events === 1 ? '' : 's'}: the turn was cut off and is not sent again.`,
      );
    }
    if (this.#link.signal.aborted) return new AbortedError(this.#target, reason);
    return new StreamInterruptedError(this.#target, events, 'the connection dropped', error);
  }

  #keep(event: ChatStreamEvent): void {
    if (event.type === 'text_delta') this.#deltas = (this.#deltas ?? '') + event.content;
    else if (event.type === 'text') this.#text = event.content;
    else if (event.type === 'stop') this.#stop = event;
  }
}

/**
 * The ChatStream of an opened response, once its content-type says it is an event stream: a 2xx of another
 * type (a JSON error page from a proxy, say) is a MalformedResponseError showing what came instead.
 */
export async function startChatStream(
  target: RequestTarget,
  opened: OpenedStream,
  caller: AbortSignal | undefined,
): Promise<ChatStream> {
  const type = opened.response.headers.get('content-type') ?? '';
  if (/^text\/event-stream\b/i.test(type.trim())) return new ChatStream(target, opened, caller);
  try {
    const text = opened.scrub(await opened.response.text());
    const problem = `the content-type is ${type || 'missing'}, not text/event-stream`;
    throw new MalformedResponseError(target, opened.response, problem, text, {}, 'event stream');
  } finally {
    opened.link.release();
  }
}

/**
 * A chat turn on its way: `for await` over it for each event as it arrives, or `await` it for the ChatStream once
 * the response headers are in (a status error is thrown there).
 */
export class ChatStreamPromise implements PromiseLike<ChatStream>, AsyncIterable<ChatStreamEvent> {
  readonly #opened: Promise<ChatStream>;

  /** @internal Made by `client.beta.chat.stream()`. */
  constructor(opened: Promise<ChatStream>) {
    this.#opened = opened;
    // A caller who only iterates sees a failure there, not as an unhandled rejection here.
    opened.catch(() => {});
  }

  // biome-ignore lint/suspicious/noThenProperty: awaitable on purpose, for the stream once headers arrive.
  then<A = ChatStream, B = never>(
    onFulfilled?: ((stream: ChatStream) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#opened.then(onFulfilled, onRejected);
  }

  /** The response once its headers are in, its body (the stream) unread, like the SDK's `asResponse()`. */
  async asResponse(): Promise<Response> {
    return (await this.#opened).response;
  }

  /** The stream and its response once the headers are in, like the SDK's `withResponse()`. */
  async withResponse(): Promise<{ data: ChatStream; response: Response }> {
    const stream = await this.#opened;
    return { data: stream, response: stream.response };
  }

  /** The stream's own iterator once the headers are in; calls before that wait for it. */
  [Symbol.asyncIterator](): AsyncIterableIterator<ChatStreamEvent> {
    let inner: AsyncIterableIterator<ChatStreamEvent> | undefined;
    const started = this.#opened.then((stream) => {
      inner = stream[Symbol.asyncIterator]();
      return inner;
    });
    // A failure reaches the caller through next(); an iterator never advanced must not leave it unhandled.
    started.catch(() => {});
    const iterator: AsyncIterableIterator<ChatStreamEvent> = {
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

  /** See {@link ChatStream.text}. */
  async text(): Promise<string> {
    return (await this.#opened).text();
  }

  /** See {@link ChatStream.stopEvent}. */
  async stopEvent(): Promise<StopEvent | undefined> {
    return (await this.#opened).stopEvent();
  }

  /** See {@link ChatStream.usage}. */
  async usage(): Promise<StopUsage | undefined> {
    return (await this.#opened).usage();
  }

  /** See {@link ChatStream.toReadableStream}; the stream starts when the response headers arrive. */
  toReadableStream(): ReadableStream<ChatStreamEvent> {
    return readableOf(this[Symbol.asyncIterator]());
  }
}
