// Bytes of a Server-Sent Events response in, events out. eventsource-parser does the framing (fields, CRLF,
// comments, events split across chunks); this decodes each `data:` as one JSON event, whatever the server's
// chunking, including a multi-byte character split between two chunks. Which events are known comes from the
// operation's generated data (the discriminator of its event schema).
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { MalformedResponseError, type RequestTarget, ResponseTooLargeError } from '../errors/index.js';
import type { ChatEvent } from '../generated/openapi.types.js';
import { EventMeter } from './event-meter.js';

/**
 * An event whose `type` the spec does not know (one the API added later), yielded rather than dropped: `event`
 * is exactly what arrived. It has its own `type` so a `switch` over the known types still narrows.
 */
export interface UnknownEvent {
  readonly type: 'unknown';
  /** The `type` the server sent. */
  readonly unknownType: string;
  /** The event as it came. */
  readonly event: Readonly<Record<string, unknown>>;
}

/** An unknown event of a chat turn. */
export type UnknownChatEvent = UnknownEvent;

/** What a streamed chat turn yields: a known event, or one the spec does not know yet. */
export type ChatStreamEvent = ChatEvent | UnknownChatEvent;

/** Which events a stream knows: the discriminator's field and the values the spec names. */
export interface KnownEvents {
  readonly known: readonly string[];
  readonly discriminator: string;
}

export class EventDecoder<E = unknown> {
  readonly #known: ReadonlySet<unknown>;
  readonly #discriminator: string;
  readonly #parser;
  readonly #text = new TextDecoder('utf-8');
  readonly #target: RequestTarget;
  readonly #response: Response;
  readonly #scrub: (text: string) => string;
  readonly #meter: EventMeter;
  readonly #maxEventBytes: number;
  #ready: (E | UnknownEvent)[] = [];
  /** Set when a `data:` field could not be decoded; the events before it are still handed out first. */
  problem: MalformedResponseError | undefined;
  /** Events decoded so far. */
  count = 0;
  /** A `[DONE]` data field arrived: the server says the stream is over. */
  done = false;
  #ending = false;

  /**
   * `scrub` takes the key out of each `data:` field before anything reads it; an event (or line) of more than
   * `maxEventBytes` is a ResponseTooLargeError, thrown before its bytes reach the parser.
   */
  constructor(
    target: RequestTarget,
    response: Response,
    scrub: (text: string) => string,
    events: KnownEvents,
    maxEventBytes: number,
  ) {
    // An event without the field is one of the known ones (the SDK's types make `type` optional).
    this.#known = new Set<unknown>([undefined, ...events.known]);
    this.#discriminator = events.discriminator;
    this.#target = target;
    this.#response = response;
    this.#scrub = scrub;
    this.#meter = new EventMeter(maxEventBytes);
    this.#maxEventBytes = maxEventBytes;
    this.#parser = createParser({ onEvent: (message) => this.#decode(message) });
  }

  /** The events completed by `chunk`, up to the first that cannot be decoded (see `problem`). */
  push(chunk: Uint8Array): (E | UnknownEvent)[] {
    if (!this.#meter.add(chunk)) {
      const { status } = this.#response;
      throw new ResponseTooLargeError({
        target: this.#target,
        status,
        limit: this.#maxEventBytes,
        reading: 'event',
      });
    }
    try {
      this.#parser.feed(this.#text.decode(chunk, { stream: true }));
    } catch (error) {
      // Text too long for the runtime to hold, with a limit set past what it can: said as such, never a bare error.
      if (!(error instanceof RangeError)) throw error;
      throw new MalformedResponseError({
        target: this.#target,
        response: this.#response,
        problem: `an event is too large for this runtime to hold (${error.message})`,
        expected: 'event stream',
      });
    }
    return this.#take();
  }

  /**
   * The events completed by the end of the stream: a last event the server did not close with a blank line (as
   * Prism sends one) or whose last line ended in a lone CR. An event cut off mid-way is not one: it is left out,
   * and the turn reads as cut off.
   */
  end(): (E | UnknownEvent)[] {
    this.#ending = true;
    this.#parser.feed(`${this.#text.decode()}\n\n`);
    return this.#take();
  }

  #take(): (E | UnknownEvent)[] {
    const ready = this.#ready;
    this.#ready = [];
    return ready;
  }

  #decode(message: EventSourceMessage): void {
    if (this.problem || this.done) return;
    const { event, id } = message;
    const data = this.#scrub(message.data);
    if (data.trim() === '[DONE]') {
      this.done = true;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      value = undefined;
    }
    const number = this.count + 1;
    // A stream that closed in the middle of an event's data: that event never arrived whole.
    if (value === undefined && this.#ending) return;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const named = [event && `event: ${event}`, id && `id: ${id}`].filter(Boolean).join(', ');
      this.problem = new MalformedResponseError({
        target: this.#target,
        response: this.#response,
        problem: `event ${number}${named ? ` (${named})` : ''} has data that is not a JSON object`,
        text: data,
        expected: 'event stream',
      });
      return;
    }
    this.count = number;
    const type = (value as Record<string, unknown>)[this.#discriminator];
    this.#ready.push(
      this.#known.has(type)
        ? (value as E)
        : { type: 'unknown', unknownType: String(type), event: value as Record<string, unknown> },
    );
  }
}
