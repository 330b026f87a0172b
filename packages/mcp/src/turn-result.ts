// A streamed turn, as a tool result an agent can use: the answer's text, the tool calls it made and their results
// in short form, the stop event's usage, whether it failed, and the indexes it skipped.

/** The most of a tool call's arguments or a tool result shown, in characters. */
const SHORT = 300;

const short = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > SHORT ? `${text.slice(0, SHORT - 1)}…` : text;
};

export interface TurnSummary {
  text: string;
  tool_calls: { name: string; arguments: string; result?: string }[];
  usage: unknown;
  is_error: boolean;
  error: string | null;
  skipped_index_ids: string[];
  events: number;
}

/** Collects a turn's events, one at a time, into its summary. */
export class TurnCollector {
  readonly #deltas: string[] = [];
  #text: string | undefined;
  readonly #calls = new Map<string, TurnSummary['tool_calls'][number]>();
  #stop: Record<string, unknown> | undefined;
  #events = 0;

  /** Takes one event; returns the text it adds to the answer, if any (a progress message). */
  add(event: Record<string, unknown>): string | undefined {
    this.#events += 1;
    switch (event.type) {
      case 'text_delta':
        this.#deltas.push(String(event.content ?? ''));
        return String(event.content ?? '');
      case 'text':
        this.#text = (this.#text ? `${this.#text}\n\n` : '') + String(event.content ?? '');
        return undefined;
      case 'tool_call':
        this.#calls.set(String(event.call_id), {
          name: String(event.name),
          arguments: short(event.arguments),
        });
        return undefined;
      case 'tool_result': {
        const call = this.#calls.get(String(event.call_id));
        if (call) call.result = short(event.result);
        else
          this.#calls.set(String(event.call_id), {
            name: String(event.name),
            arguments: '',
            result: short(event.result),
          });
        return undefined;
      }
      case 'stop':
        this.#stop = event;
        return undefined;
      default:
        return undefined;
    }
  }

  get stopped(): boolean {
    return this.#stop !== undefined;
  }

  summary(): TurnSummary {
    return {
      text: this.#text ?? this.#deltas.join(''),
      tool_calls: [...this.#calls.values()],
      usage: this.#stop?.usage ?? null,
      is_error: this.#stop?.is_error === true,
      error: typeof this.#stop?.error === 'string' ? this.#stop.error : null,
      skipped_index_ids: Array.isArray(this.#stop?.skipped_index_ids)
        ? (this.#stop.skipped_index_ids as string[])
        : [],
      events: this.#events,
    };
  }
}
