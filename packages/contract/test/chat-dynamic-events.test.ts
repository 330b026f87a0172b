// Prism's dynamic mode for retrieve (`Prefer: dynamic=true, seed=…`), with fixed seeds: random sessions whose
// event lists mix the event types, each a response Prism itself calls valid, all decoded by the client.
//
// What Prism 5 makes of ChatEvent (anyOf + discriminator): it picks one branch per event, so every event has a
// `type` and the fields of that type, but a list holds only a few events (often none), so no single list holds
// all eight types. Across the seeds below every type appears, many lists mix several, and this test fails if
// either stops being true. (The spec's `one-turn` example, decoded in chat-documented-responses.test.ts, is the
// one list that holds all eight.) Prism never leaves `type` out, though the spec lets it.
import LlamaCloud, { type ChatEvent } from '@llamacloud-chat/client';
import { expect, inject, it } from 'vitest';
import { createHarness } from '../src/harness.js';
import { eventTypes } from './support/spec.js';

const baseUrl = inject('prismUrl');
const SEEDS = Array.from({ length: 60 }, (_, i) => `events-${i + 1}`);

const isString = (value: unknown) => typeof value === 'string';

/**
 * Whatever is wrong with an event for its type, or undefined. The switch narrows on `type` through the client's
 * ChatEvent union, so a type the spec adds or drops fails this file's type-check as well.
 */
function problemWith(event: ChatEvent): string | undefined {
  switch (event.type) {
    case 'user_input':
    case 'thinking_delta':
    case 'thinking':
    case 'text_delta':
    case 'text':
      return isString(event.content) ? undefined : 'content is not a string';
    case 'tool_call':
      return isString(event.call_id) && isString(event.name) && typeof event.arguments === 'object'
        ? undefined
        : 'call_id, name or arguments';
    case 'tool_result':
      return isString(event.call_id) && isString(event.name) && 'result' in event
        ? undefined
        : 'call_id, name or result';
    case 'stop':
      return typeof event.is_error === 'boolean' &&
        (event.error === null || isString(event.error)) &&
        typeof event.usage === 'object'
        ? undefined
        : 'error, is_error or usage';
    case undefined:
      return 'no type';
    default: {
      const unknown: never = event;
      return `unknown type ${JSON.stringify((unknown as { type: unknown }).type)}`;
    }
  }
}

it(`${SEEDS.length} seeded dynamic sessions decode, and between them hold every event type, mixed`, async () => {
  const seen = new Map<string, number>();
  let mixed = 0;
  let events = 0;
  for (const seed of SEEDS) {
    const harness = createHarness();
    const client = new LlamaCloud({
      apiKey: 'llx-contract-mock-key',
      baseUrl,
      fetch: harness.fetch,
      defaultHeaders: { Prefer: `dynamic=true, seed=${seed}` },
    });

    const session = await client.beta.chat.retrieve('ses-dynamic');

    expect(
      harness.exchanges.map((e) => [e.status, e.violations]),
      `seed ${seed}`,
    ).toEqual([[200, []]]);
    expect(typeof session.session_id, `seed ${seed}`).toBe('string');
    expect(session.events.map(problemWith).filter(Boolean), `seed ${seed}`).toEqual([]);
    const types = new Set(session.events.map((event) => String(event.type)));
    for (const type of types) seen.set(type, (seen.get(type) ?? 0) + 1);
    if (types.size >= 2) mixed++;
    events += session.events.length;
  }
  expect([...seen.keys()].sort()).toEqual([...eventTypes].sort());
  // Lists that mix two types or more: 36 of the 60 with these seeds (146 events, each type in 10 to 22 lists).
  expect(mixed).toBeGreaterThan(SEEDS.length / 3);
  expect(events).toBeGreaterThan(SEEDS.length);
});

it('a seed gives the same session every time', async () => {
  const bodies = [];
  for (let i = 0; i < 2; i++) {
    const client = new LlamaCloud({
      apiKey: 'llx-contract-mock-key',
      baseUrl,
      defaultHeaders: { Prefer: 'dynamic=true, seed=events-7' },
    });
    bodies.push(await client.beta.chat.retrieve('ses-dynamic'));
  }
  expect(bodies[0]?.events.length).toBeGreaterThan(0);
  expect(bodies[0]).toEqual(bodies[1]);
});
