// The answer of an operation the mock keeps no state for: the spec's own example of its success, as Prism would
// give it. A new operation in the spec is answered at once, with no handler written; the answer says where it
// came from (the `x-mock-example` header, and the log line), and is checked against the spec like every other.
import type { Answer } from './operations.js';
import type { Json } from './session-store.js';
import { eventsOfExample } from './turn-script.js';

/** The header that names the example an answer was taken from. */
export const EXAMPLE_HEADER = 'x-mock-example';

/** The example a success is answered with: the one named `default`, else the first. */
export const DEFAULT_EXAMPLE = 'default';

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

/** `[name, value]` of the example to answer with, or undefined when the media type has none. */
function chosenExample(media: MediaType | undefined): [string, unknown] | undefined {
  if (!media) return undefined;
  const named = Object.entries(media.examples ?? {});
  const chosen = named.find(([name]) => name === DEFAULT_EXAMPLE) ?? named[0];
  if (chosen) return [chosen[0], chosen[1]?.value];
  return media.example === undefined ? undefined : [DEFAULT_EXAMPLE, media.example];
}

/**
 * The success answer the dereferenced `operation` documents, from its example; a success with no body is its
 * status alone. Undefined when the spec gives the success a body but no example of it.
 */
export function exampleAnswer(operation: Json): Answer | undefined {
  const responses = (operation.responses ?? {}) as Record<string, Json>;
  const status = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  if (!status) return undefined;
  const content = (responses[status]?.content ?? {}) as Record<string, MediaType>;
  if (Object.keys(content).length === 0) return { status: Number(status), example: 'none' };
  const stream = chosenExample(content['text/event-stream']);
  if (stream && typeof stream[1] === 'string' && status === '200')
    return { status: 200, events: eventsOfExample(stream[1]), example: stream[0] };
  const json = chosenExample(content['application/json']);
  if (!json) return undefined;
  return { status: Number(status), body: json[1], example: json[0] };
}
