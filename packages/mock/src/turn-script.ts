// A chat turn, scripted from the spec's `turn` example of Stream Chat Turn (thinking, a tool call and its
// result, text deltas, the whole text, stop) around the prompt that was sent: the `user_input` is the prompt,
// the tool searches for it in the turn's indexes, the answer opens by naming it, and the usage counts it.
import type { Json } from './session-store.js';

/** The name of the stream operation's 200 example a turn is scripted from. */
export const TURN_EXAMPLE = 'turn';

/** The events of an SSE text, one per `data:` field (the spec writes one JSON event per line). */
export function eventsOfExample(text: string): Json[] {
  return [...text.matchAll(/^data: ?(.*)$/gm)].map(([, json]) => JSON.parse(json ?? '') as Json);
}

export interface Turn {
  events: Json[];
  /** The `usage` of its `stop` event. */
  usage: Json;
}

/** A rough token count: about four characters a token. */
const tokens = (text: string) => Math.ceil(text.length / 4);

/**
 * The turn for `prompt` on a session with `turns` turns before it: the example's events in the example's
 * order, each of the example's types rewritten to carry this turn (the prompt, the indexes, the usage).
 */
export function scriptTurn(
  example: readonly Json[],
  prompt: string,
  indexIds: readonly string[],
  turns: number,
): Turn {
  const opening = `You asked: “${prompt.length > 200 ? `${prompt.slice(0, 199)}…` : prompt}”. `;
  let firstDelta = true;
  const deltas: string[] = [];
  const events = example.map((original): Json => {
    const event = structuredClone(original);
    switch (event.type) {
      case 'user_input':
        return { ...event, content: prompt };
      case 'tool_call': {
        const args = (event.arguments ?? {}) as Json;
        return {
          ...event,
          arguments: {
            ...args,
            ...('query' in args ? { query: prompt } : {}),
            ...('index_ids' in args ? { index_ids: [...indexIds] } : {}),
          },
        };
      }
      case 'text_delta': {
        const content = `${firstDelta ? opening : ''}${String(event.content ?? '')}`;
        firstDelta = false;
        deltas.push(content);
        return { ...event, content };
      }
      case 'text':
        return { ...event, content: deltas.join('') || String(event.content ?? '') };
      default:
        return event;
    }
  });
  const answer = deltas.join('');
  const stop = events.find((event) => event.type === 'stop');
  const usage: Json = {
    ...((stop?.usage ?? {}) as Json),
    total_input_tokens: 1500 + tokens(prompt),
    total_output_tokens: tokens(answer),
    turns: turns + 1,
  };
  if (stop) stop.usage = usage;
  return { events, usage };
}

/** One event as an SSE event: its JSON in a `data:` field, then the blank line that ends it. */
export const sseEvent = (event: unknown) => `data: ${JSON.stringify(event)}\n\n`;
