// A streamed chat turn: the generic event-stream reader with the turn's helpers on top. A turn ends with its
// `stop` event; a stream that closes before it is a cut-off turn.
import type { StopEvent, StopUsage } from '../generated/openapi.types.js';
import type { ChatStreamEvent } from './event-decoder.js';
import { EventStream } from './event-stream.js';

/** A chat turn whose response headers have arrived. Iterate it once; the helpers work during or after. */
export class ChatStream extends EventStream<ChatStreamEvent> {
  /** The text deltas so far, joined (string concatenation is cheap in V8: ropes). */
  #deltas: string | undefined;
  #text: string | undefined;
  #stop: StopEvent | undefined;

  /** The answer: the text deltas joined (or the `text` event's content, when no deltas came). */
  async text(): Promise<string> {
    await this.drain();
    return this.#deltas ?? this.#text ?? '';
  }

  /** The turn's `stop` event: its usage, and whether it failed. Undefined if none came. */
  async stopEvent(): Promise<StopEvent | undefined> {
    await this.drain();
    return this.#stop;
  }

  /** The turn's token usage and duration, from its `stop` event. */
  async usage(): Promise<StopUsage | undefined> {
    return (await this.stopEvent())?.usage;
  }

  protected override keep(event: ChatStreamEvent): void {
    if (event.type === 'text_delta') this.#deltas = (this.#deltas ?? '') + event.content;
    else if (event.type === 'text') this.#text = event.content;
    else if (event.type === 'stop') this.#stop = event;
  }

  protected override what(): string {
    return 'turn';
  }

  protected override ended(): boolean {
    return this.#stop !== undefined;
  }

  protected override cutOff(): string {
    return 'the server closed the stream before the turn ended';
  }
}
