// The response side of the stream operation, which Prism cannot stream (it sends an example whole): a node:http
// server writes each of the spec's SSE examples in every framing the stream's 200 description says a reader
// must accept, in chunks of 1 to 13 bytes that reach the client one at a time (the server writes the next only
// once the client has received the last), so chunks end mid-field, mid-line and mid-character. Whatever the
// framing and the chunking, client.beta.chat.stream() must yield exactly the example's events, in order, end
// without an error, and every event must keep the schema the spec names with `x-sse-data-schema`.
import LlamaCloud, { type ChatStreamEvent } from '@llamacloud-chat/client';
import { serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { dataOf, eventValidator } from '../src/event-schema.js';
import {
  type ChunkTap,
  chunked,
  chunkTap,
  framings,
  SMALL_CHUNKS,
  type TurnBody,
  turnBodies,
  writeInLockstep,
} from './support/event-streams.js';

const validator = eventValidator();
const bodies = turnBodies();
const TURN = { prompt: 'What were the main findings in Q3?', index_ids: ['idx-abc123', 'idx-def456'] };
const encoder = new TextEncoder();

/** Streams `bytes` in `chunks` to the client, in lockstep; the events it yields and what it received. */
async function streamed(chunks: Uint8Array[], contentType?: string, events: ChatStreamEvent[] = []) {
  const tap = chunkTap();
  const server = await serve((_request, res) => writeInLockstep(res, chunks, tap, contentType));
  const client = new LlamaCloud({
    apiKey: 'llx-contract-mock-key',
    baseUrl: server.url,
    fetch: tap.fetch,
    maxRetries: 0,
  });
  try {
    for await (const event of client.beta.chat.stream('ses-abc123', TURN)) events.push(event);
  } finally {
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/chat/ses-abc123/messages/stream',
    ]);
  }
  return { events, tap };
}

/** Each event keeps the spec's schema, and is of a type the spec names. */
function expectValid(events: ChatStreamEvent[]) {
  expect(events.map((event) => validator.check(dataOf(event)))).toEqual(
    events.map((event) => ({ type: event.type, known: true, problems: [] })),
  );
}

/**
 * The chunks reached the client as written (each chunk end is one the client saw), as far as it read; and
 * where they ended: mid-line always, and inside a multi-byte character whenever the body has one.
 */
function expectSplits(tap: ChunkTap, bytes: Uint8Array, chunks: Uint8Array[], body: TurnBody) {
  let sum = 0;
  const written = chunks.map((chunk) => {
    sum += chunk.byteLength;
    return sum;
  });
  expect(tap.ends).toEqual(written.slice(0, tap.ends.length));
  const inside = tap.ends.filter((end) => end < bytes.length);
  expect(inside.some((end) => bytes[end - 1] !== 0x0a && bytes[end - 1] !== 0x0d)).toBe(true);
  // A continuation byte right after a chunk's end: the chunk ended inside a character.
  if (/[^\0-\x7f]/.test(JSON.stringify(body.events))) {
    expect(inside.some((end) => ((bytes[end] ?? 0) & 0xc0) === 0x80)).toBe(true);
  }
}

describe.each(bodies.map((body) => [body.name, body] as [string, TurnBody]))(
  'the %s example',
  (_name, body) => {
    it.each(framings.map((f) => [f.name, f] as const))(
      '%s, in chunks of 1 to 13 bytes',
      async (_label, framing) => {
        const bytes = encoder.encode(framing.write(body));
        const chunks = chunked(bytes, SMALL_CHUNKS);

        const { events, tap } = await streamed(chunks, framing.contentType);

        expect(events).toEqual(body.events);
        expectValid(events);
        expectSplits(tap, bytes, chunks, body);
      },
    );

    it('as the spec writes it, one byte at a time', async () => {
      const bytes = encoder.encode(body.text);
      const chunks = chunked(bytes, [1]);

      const { events, tap } = await streamed(chunks);

      expect(events).toEqual(body.events);
      expectValid(events);
      expectSplits(tap, bytes, chunks, body);
      expect(tap.ends.length).toBeGreaterThanOrEqual(bytes.length - 2);
    });

    it('with its stop event left out and a final data: [DONE], every other event and no error', async () => {
      const rest = body.events.slice(0, -1);
      expect((body.events.at(-1) as { type: string }).type).toBe('stop');
      const bytes = encoder.encode(
        `${rest.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`,
      );

      const { events } = await streamed(chunked(bytes, SMALL_CHUNKS));

      expect(events).toEqual(rest);
      expectValid(events);
    });
  },
);

it('the bodies are the spec’s stream examples and one with non-ASCII text; each ends with a stop event', () => {
  expect(bodies.map((b) => [b.name, (b.events.at(-1) as { type: string }).type])).toEqual([
    ['turn', 'stop'],
    ['failed-turn', 'stop'],
    ['turn, in other scripts', 'stop'],
  ]);
});
