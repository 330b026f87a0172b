// The one reader for any `text/event-stream` operation: each event as soon as its bytes arrive, an idle timeout
// between chunks and a limit on the whole stream (both on the client's timers), the connection closed at once on break or abort, and a cut-off stream reported as such. The
// request is never sent again. Loaded only when a stream is opened, so a program that never streams does not
// carry it (or eventsource-parser).
import type { LinkedController } from '../abort.js';
import { readBodyText, unreadableAnswer } from '../body-text.js';
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
import { TURN_EXPIRED, type TurnLimit, turnOutcome } from '../turn-limit.js';
import { EventDecoder, type UnknownEvent } from './event-decoder.js';
import { readableOf } from './readable.js';

/** Why the reader aborted the request: its idle timer fired. */
const IDLE = Symbol('idle');

/** How a stream's events are told apart and when it is over: from the operation's generated data. */
export interface EventStreamSpec {
  /** The discriminator's values the spec names; others are yielded wrapped as unknown events. */
  readonly known: readonly string[];
  /** The field that says which event it is. @default 'type' */
  readonly discriminator: string;
}

/**
 * The events of any `text/event-stream` operation, each as its bytes arrive: an idle timeout between chunks, the
 * connection closed at once on break or abort, a cut-off stream reported as such. Iterate it once.
 */
export class EventStream<E = unknown> implements AsyncIterable<E | UnknownEvent> {
  /** The HTTP response (status and headers); its body is this stream. */
  readonly response: Response;
  readonly #target: RequestTarget;
  /** Attempts it took to open the stream. */
  readonly #attempts: number;
  readonly #link: LinkedController;
  readonly #timeout: number;
  readonly #turn: TurnLimit;
  readonly #schedule: OpenedStream['schedule'];
  readonly #maxEventBytes: number;
  readonly #scrub: (text: string) => string;
  readonly #caller: AbortSignal | undefined;
  readonly #spec: EventStreamSpec;
  #iterator: AsyncIterableIterator<E | UnknownEvent> | undefined;
  #finished: Promise<void> | undefined;

  /** @internal Made by an operation that streams (`client.chat.stream()`). */
  constructor(
    target: RequestTarget,
    opened: OpenedStream,
    caller: AbortSignal | undefined,
    spec: EventStreamSpec,
  ) {
    this.response = opened.response;
    this.#target = target;
    this.#attempts = opened.attempts;
    this.#link = opened.link;
    this.#timeout = opened.timeout;
    this.#turn = opened.turn;
    this.#schedule = opened.schedule;
    this.#maxEventBytes = opened.limits.event;
    this.#scrub = opened.scrub;
    this.#caller = caller;
    this.#spec = spec;
  }

  /** What the stream is called in messages: a chat stream is a `turn`. */
  protected what(): string {
    return 'stream';
  }

  /** Called with each event as it is handed out, for helpers that keep a summary of the stream. */
  protected keep(_event: E | UnknownEvent): void {}

  /** True once the stream has said all it will (a chat turn's `stop`): the connection is closed then. */
  protected ended(): boolean {
    return false;
  }

  /**
   * Why a stream that closed here is cut off, or undefined when closing is how it ends (a chat turn must end with
   * its `stop` event instead).
   */
  protected cutOff(): string | undefined {
    return undefined;
  }

  /**
   * Each event as it arrives. A stream is read once: a second loop throws. The events of one chunk are handed
   * out by a plain iterator (the one pagination uses for items), so an event costs no generator resumption.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<E | UnknownEvent> {
    if (this.#iterator) {
      throw new InvalidRequestError(
        'This event stream is already being read; a stream can be read only once.',
      );
    }
    this.#iterator = itemsOf(this.#read());
    return this.#iterator;
  }

  /** Closes the connection now; a loop over the stream ends with an AbortedError. */
  abort(): void {
    this.#link.abort(new DOMException('The event stream was aborted.', 'AbortError'));
  }

  /** The events as a web ReadableStream, for frameworks that take one; cancelling it closes the connection. */
  toReadableStream(): ReadableStream<E | UnknownEvent> {
    return readableOf(this[Symbol.asyncIterator]());
  }

  /** Reads the rest of the stream (all of it, if nobody is iterating), keeping what the helpers need. */
  protected drain(): Promise<void> {
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
  async *#read(): AsyncGenerator<{ items: (E | UnknownEvent)[] }, void, undefined> {
    let finish: () => void = () => {};
    this.#reading = new Promise((resolve) => {
      finish = resolve;
    });
    const body = this.response.body;
    const decoder = new EventDecoder<E>(
      this.#target,
      this.response,
      this.#scrub,
      this.#spec,
      this.#maxEventBytes,
    );
    const reader = body?.getReader();
    let ended = false;
    try {
      if (!reader) throw this.#interrupted(0, 'the response had no body');
      for (;;) {
        const chunk = await this.#readChunk(reader, decoder);
        const items = chunk.done ? decoder.end() : decoder.push(chunk.value);
        for (const event of items) this.keep(event);
        if (items.length) yield { items };
        if (decoder.problem) throw decoder.problem;
        if (this.ended() || decoder.done) break;
        if (chunk.done) {
          ended = true;
          const reason = this.cutOff();
          if (reason) throw this.#interrupted(decoder.count, reason);
          break;
        }
      }
    } finally {
      if (!ended) {
        // Leaving early, failing, or done after the last event: close the connection rather than drain it.
        this.#link.abort(new DOMException('The event stream was closed.', 'AbortError'));
        await reader?.cancel().catch(() => {});
      }
      this.#link.release();
      this.#turn.release();
      finish();
    }
  }

  /** The next chunk, within the idle timeout; a failure becomes the error a caller should see. */
  async #readChunk(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    decoder: EventDecoder<E>,
  ): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>> {
    const cancel = this.#schedule(this.#timeout, () => this.#link.abort(IDLE));
    try {
      return await reader.read();
    } catch (error) {
      throw this.#failure(error, decoder.count);
    } finally {
      cancel();
    }
  }

  #failure(error: unknown, events: number): LlamaCloudError {
    const reason = this.#link.signal.reason;
    if (this.#caller?.aborted) return new AbortedError(this.#facts(this.#caller.reason));
    if (reason === TURN_EXPIRED) {
      return new TimeoutError({
        ...this.#facts(error),
        timeoutMs: this.#turn.ms,
        limit: 'turn',
        uncertainOutcome: turnOutcome(this.what(), this.#turn.ms, events),
      });
    }
    if (reason === IDLE) {
      return new TimeoutError({
        ...this.#facts(error),
        timeoutMs: this.#timeout,
        limit: 'idle',
        uncertainOutcome: `No byte arrived for ${this.#timeout} ms after ${events} event${events === 1 ? '' : 's'}: the ${this.what()} was cut off and is not sent again.`,
      });
    }
    if (this.#link.signal.aborted) return new AbortedError(this.#facts(reason));
    const answer = unreadableAnswer(error, this.#target, this.response);
    if (answer) return answer;
    return this.#interrupted(events, 'the connection dropped', error);
  }

  /** What every error of this stream says of its request. */
  #facts(cause: unknown) {
    return { target: this.#target, attempts: this.#attempts, cause };
  }

  #interrupted(eventsReceived: number, reason: string, cause?: unknown): StreamInterruptedError {
    return new StreamInterruptedError({ ...this.#facts(cause), eventsReceived, reason });
  }
}

/**
 * Checks that an opened response is an event stream: a 2xx of another type (a JSON error page from a proxy, say)
 * is a MalformedResponseError showing what came instead.
 */
export async function checkEventStream(target: RequestTarget, opened: OpenedStream): Promise<void> {
  const type = opened.response.headers.get('content-type') ?? '';
  if (/^text\/event-stream\b/i.test(type.trim())) return;
  try {
    const body = await readBodyText(opened.response, { target, limit: opened.limits.body });
    const text = opened.scrub(body);
    const problem = `the content-type is ${type || 'missing'}, not text/event-stream`;
    throw new MalformedResponseError({
      target,
      response: opened.response,
      problem,
      text,
      expected: 'event stream',
    });
  } finally {
    opened.link.release();
    opened.turn.release();
  }
}
