// A streamed chat turn against real local servers that write Server-Sent Events in small chunks, in every framing
// the API might pick: each event must arrive as soon as its bytes do, typed.
import { serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import type { ChatStreamEvent } from '../src/index.js';
import { bytesOf, client, collect, KEY, params, plain, sse, turn } from './support/stream-helpers.js';

describe('framings', () => {
  it.each([
    ['data lines and blank lines, two bytes at a time', bytesOf(plain(turn), 2)],
    ['CRLF line endings', bytesOf(plain(turn).replaceAll('\n', '\r\n'), 7)],
    [
      'event: and id: fields, and comment heartbeats',
      bytesOf(
        turn
          .map((e, i) => `: keep-alive\nevent: ${e.type}\nid: ${i + 1}\ndata: ${JSON.stringify(e)}\n\n`)
          .join(''),
        11,
      ),
    ],
    [
      'one JSON value spread over several data: lines',
      bytesOf(
        turn
          .map(
            (e) =>
              `${JSON.stringify(e, null, 1)
                .split('\n')
                .map((l) => `data: ${l}`)
                .join('\n')}\n\n`,
          )
          .join(''),
        5,
      ),
    ],
    ['a final data: [DONE]', bytesOf(`${plain(turn)}data: [DONE]\n\n`, 3)],
    ['one byte at a time, through every multi-byte character', bytesOf(plain(turn), 1)],
  ])('%s', async (_label, chunks) => {
    const server = await serve(sse(chunks));

    const { events, error } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(error).toBeUndefined();
    expect(events).toEqual(turn);
  });

  it('sends the turn as the SDK does: POST, the session as one segment, the flat params split into query and body', async () => {
    const server = await serve(sse([plain(turn)]));

    await collect(client(server).beta.chat.stream('a/b c', { ...params, project_id: 'p1' }));

    expect(server.requests.map((r) => [r.method, r.url, JSON.parse(r.body), r.headers.accept])).toEqual([
      [
        'POST',
        '/api/v1/chat/a%2Fb%20c/messages/stream?project_id=p1',
        params,
        'text/event-stream, application/json',
      ],
    ]);
  });
});

describe('streaming', () => {
  it('yields the first event before the server has sent the rest', async () => {
    let release: () => void = () => {};
    const rest = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = await serve(sse([plain(turn.slice(0, 1)), { until: rest }, plain(turn.slice(1))]));
    const seen: string[] = [];

    for await (const event of client(server).beta.chat.stream('ses-abc123', params)) {
      seen.push(event.type ?? '');
      // The server holds the rest back until the first event is here: a client that waited for the whole
      // response would never get here.
      if (seen.length === 1) release();
    }

    expect(seen).toEqual(turn.map((e) => e.type));
  });

  it('narrows on type, joins the text deltas and reads the usage', async () => {
    const server = await serve(sse([plain(turn)]));
    const stream = await client(server).beta.chat.stream('ses-abc123', params);
    const calls: string[] = [];

    for await (const event of stream) {
      if (event.type === 'tool_call') calls.push(`${event.name}(${JSON.stringify(event.arguments)})`);
    }

    expect(calls).toEqual(['search({"query":"Q3 findings"})']);
    expect(await stream.text()).toBe('Revenue grew 12% — café 🦙.');
    expect(await stream.usage()).toEqual({ duration_ms: 1840, total_input_tokens: 1523, turns: 1 });
  });

  it('gives text() and usage() without a loop, and a web ReadableStream of events', async () => {
    const server = await serve(sse([plain(turn)]));
    const chat = client(server).beta.chat;

    const text = await chat.stream('ses-abc123', params).text();
    const readable = chat.stream('ses-abc123', params).toReadableStream();
    const events: ChatStreamEvent[] = [];
    const reader = readable.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) events.push(next.value);

    expect(text).toBe('Revenue grew 12% — café 🦙.');
    expect(events).toEqual(turn);
  });

  it('takes the key out of every event, as out of every other response', async () => {
    const echo = { type: 'text_delta', content: `your key is ${KEY}` };
    const server = await serve(sse([plain([turn[0], echo, turn[7]])]));

    const { events } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(events[1]).toEqual({ type: 'text_delta', content: 'your key is [redacted]' });
  });

  it('yields an event type the spec does not know, as it came, and goes on', async () => {
    const future = { type: 'citation', source: 'report.pdf', page: 4 };
    const server = await serve(sse([plain([turn[0], future, ...turn.slice(1)])]));

    const { events, error } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(error).toBeUndefined();
    expect(events[1]).toEqual({ type: 'unknown', unknownType: 'citation', event: future });
    expect(events).toHaveLength(turn.length + 1);
  });
});
