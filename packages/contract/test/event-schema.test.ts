// The validator every streamed event is checked with (src/event-schema.ts): built from what the stream's
// `x-sse-data-schema` names in the spec, it passes the spec's own examples, names each break in plain words,
// lets through a type the spec does not name (the spec says to keep or skip those), and follows the spec when
// it changes.
import { describe, expect, it } from 'vitest';
import { eventProblems, eventValidator, loadSpec, STREAM_PATH } from '../src/event-schema.js';
import { eventsOf, eventTypes, streamExamples } from './support/spec.js';

const validator = eventValidator();

it('checks against what x-sse-data-schema names: ChatEvent, whose discriminator names the eight types', () => {
  expect(validator.schemaName).toBe('ChatEvent');
  expect(validator.types).toEqual(eventTypes);
  expect(eventTypes).toHaveLength(8);
});

it.each(streamExamples)('every event of the %s example keeps the schema', (_name, text) => {
  const events = eventsOf(text);
  expect(events.length).toBeGreaterThanOrEqual(2);
  expect(events.map((event) => validator.check(event))).toEqual(
    events.map((event) => ({ type: (event as { type: string }).type, known: true, problems: [] })),
  );
});

describe('each break is named in plain words', () => {
  it.each([
    [{ type: 'text_delta', content: 42 }, ['content must be string']],
    [{ type: 'text', content: null }, ['content must be string']],
    [
      { type: 'stop', error: null, is_error: 'no' },
      ['usage is missing (required)', 'is_error must be boolean'],
    ],
    [
      { type: 'stop', error: 7, is_error: false, usage: { total_input_tokens: 1.5, turns: '1' } },
      [
        'error must be string or null',
        'usage.turns must be integer',
        'usage.total_input_tokens must be integer or null',
      ],
    ],
    [{ type: 'tool_call', call_id: 'c', name: 'n', arguments: [] }, ['arguments must be object']],
    [
      { type: 'tool_result', call_id: 'c', name: 'n', result: 1, image_attachment: { source_id: 3 } },
      [
        'image_attachment.attachment_name is missing (required)',
        'image_attachment.source_id must be string',
        'image_attachment must be null',
      ],
    ],
    [{ content: 5 }, ["has no type and matches none of ChatEvent's 8 schemas"]],
    [{ type: 3, content: 'x' }, ['type must be string']],
    ['data: text', ['must be an object']],
    [[{ type: 'text', content: 'x' }], ['must be an object']],
  ])('%j', (event, problems) => {
    const check = validator.check(event);
    expect(check.known).toBe(true);
    expect(check.problems.toSorted()).toEqual(problems.toSorted());
  });
});

it('an event of a type the spec does not name is let through as unknown, with no problems', () => {
  expect(validator.check({ type: 'citation', source_id: 1 })).toEqual({
    type: 'citation',
    known: false,
    problems: [],
  });
  // An event without a type that fits a branch keeps the schema (type is optional, as in the SDK).
  expect(validator.check({ content: 'Hello' })).toEqual({ type: undefined, known: true, problems: [] });
});

it('a turn: each break numbered by its event, an event of an unknown type let through', () => {
  expect(
    eventProblems(validator, [
      { type: 'user_input', content: 'Hi' },
      { type: 'text_delta', content: 1 as never },
      { type: 'unknown', unknownType: 'citation', event: { type: 'citation' } },
      { content: 2 } as never,
    ]),
  ).toEqual([
    'event 2 (text_delta): content must be string',
    "event 4: has no type and matches none of ChatEvent's 8 schemas",
  ]);
});

type Media = { content: Record<string, Record<string, unknown>> };

describe('the validator follows the spec', () => {
  const changed = (edit: (spec: ReturnType<typeof loadSpec>) => void) => {
    const spec = structuredClone(loadSpec());
    edit(spec);
    return eventValidator(spec);
  };
  const [, turn = ''] = streamExamples[0] ?? [];
  const schemas = (spec: Record<string, unknown>) =>
    (spec.components as { schemas: Record<string, Record<string, unknown>> }).schemas;

  it('a field the spec retypes breaks the example events that carry it', () => {
    const retyped = changed((spec) => {
      const textDelta = schemas(spec).TextDeltaEvent as { properties: { content: unknown } };
      textDelta.properties.content = { type: 'integer' };
    });
    expect(eventsOf(turn).flatMap((event) => retyped.check(event).problems)).toEqual([
      'content must be integer',
      'content must be integer',
    ]);
  });

  it('x-sse-data-schema naming another schema moves the check to it', () => {
    const renamed = changed((spec) => {
      const paths = spec.paths as Record<string, { post: { responses: Record<string, Media> } }>;
      const media = paths[STREAM_PATH]?.post.responses['200']?.content['text/event-stream'];
      if (media) media['x-sse-data-schema'] = { $ref: '#/components/schemas/StopEvent' };
    });
    expect(renamed.schemaName).toBe('StopEvent');
    expect(renamed.check({ type: 'stop', error: null, is_error: false, usage: {} }).problems).toEqual([]);
    expect(renamed.check({ type: 'text', content: 'x' }).problems).toContain('type must be "stop"');
  });

  it('a spec with no x-sse-data-schema is refused, saying so', () => {
    expect(() =>
      changed((spec) => {
        delete (spec.paths as Record<string, unknown>)[STREAM_PATH];
      }),
    ).toThrow(`The spec's POST ${STREAM_PATH} 200 text/event-stream has no x-sse-data-schema.`);
  });
});
