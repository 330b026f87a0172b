// The examples no linter checks: the stream's text/event-stream examples are strings, so Redocly validates them
// only as strings. Each must be SSE whose every `data:` field is one event the spec describes.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = parse(await readFile(join(here, 'openapi.yaml'), 'utf8'));
const schemas = spec.components.schemas;
const mapping: Record<string, string> = schemas.ChatEvent.discriminator.mapping;
const schemaOf = (type: string) => schemas[(mapping[type] ?? '').split('/').pop() ?? ''];
const stream =
  spec.paths['/api/v1/chat/{session_id}/messages/stream'].post.responses['200'].content['text/event-stream'];

/** The events of an SSE text, one per blank-line-separated block, each block's `data:` lines joined. */
function sseData(text: string): string[] {
  return text
    .split(/\r\n\r\n|\n\n|\r\r/)
    .filter((block) => block.trim() !== '')
    .map((block) =>
      block
        .split(/\r\n|\n|\r/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    );
}

/** What is wrong with `event` as a ChatEvent: an unknown `type`, or a missing required field. */
function problems(event: Record<string, unknown>): string[] {
  const schema = schemaOf(String(event.type));
  if (!schema) return [`unknown type ${JSON.stringify(event.type)}`];
  return (schema.required as string[]).filter((f) => !(f in event)).map((f) => `${event.type}: no ${f}`);
}

describe('the stream examples', () => {
  const examples = Object.entries(stream.examples as Record<string, { value: string }>);

  it('say where the event schema is', () => {
    expect(stream['x-sse-data-schema']).toEqual({ $ref: '#/components/schemas/ChatEvent' });
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('%s is SSE of known events, ending with stop', (_name, { value }) => {
    expect(value.endsWith('\n\n')).toBe(true);
    const events = sseData(value).map((data) => JSON.parse(data) as Record<string, unknown>);

    expect(events.flatMap(problems)).toEqual([]);
    expect(events[0]?.type).toBe('user_input');
    expect(events.at(-1)?.type).toBe('stop');
  });

  it('turn has every event type, in a plausible order', () => {
    const types = sseData(stream.examples.turn.value).map((data) => JSON.parse(data).type);

    expect(new Set(types)).toEqual(new Set(Object.keys(mapping)));
  });
});

describe('the retrieve example', () => {
  it('one-turn has every event type, as the stream example does', () => {
    const retrieve = spec.paths['/api/v1/chat/{session_id}'].get.responses['200'].content['application/json'];
    const events = retrieve.examples['one-turn'].value.events as Record<string, unknown>[];

    expect(events.flatMap(problems)).toEqual([]);
    expect(events).toEqual(sseData(stream.examples.turn.value).map((data) => JSON.parse(data)));
  });
});
