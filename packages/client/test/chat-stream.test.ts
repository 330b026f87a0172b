// A streamed chat turn against real local servers that write Server-Sent Events in small chunks, in every framing
// the API might pick: each event must arrive as soon as its bytes do, typed; failures must say what happened; and
// the POST must never be sent twice.
import type { ServerResponse } from 'node:http';
import { type ReceivedRequest, sendJson, serve, type TestServer } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, {
  AbortedError,
  type ChatStreamEvent,
  ConnectionError,
  InvalidRequestError,
  MalformedResponseError,
  NotFoundError,
  StreamInterruptedError,
  TimeoutError,
} from '../src/index.js';

const KEY = 'llx-chat-stream-test';
const params = { prompt: 'What were the main findings in Q3?', index_ids: ['idx-abc123'] };

const turn = [
  { type: 'user_input', content: 'What were the main findings in Q3?' },
  { type: 'thinking_delta', content: 'Looking at the Q3 report' },
  { type: 'tool_call', call_id: 'c1', name: 'search', arguments: { query: 'Q3 findings' } },
  { type: 'tool_result', call_id: 'c1', name: 'search', result: { hits: 2 }, image_attachment: null },
  { type: 'text_delta', content: 'Revenue grew ' },
  { type: 'text_delta', content: '12% — café 🦙.' },
  { type: 'text', content: 'Revenue grew 12% — café 🦙.' },
  {
    type: 'stop',
    error: null,
    is_error: false,
    usage: { duration_ms: 1840, total_input_tokens: 1523, turns: 1 },
  },
];

/** One `data:` line per event, a blank line after each. */
const plain = (events: readonly unknown[]) =>
  events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');

/** Splits `text`'s UTF-8 bytes into chunks of `size`, cutting lines and multi-byte characters anywhere. */
function bytesOf(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

type Part = string | Buffer | { waitMs: number } | { until: Promise<unknown> };

/** A handler that answers a stream request with `parts` written in order, then ends (unless `end` is false). */
function sse(parts: readonly Part[], options: { end?: boolean; onClose?: () => void } = {}) {
  return async (_request: ReceivedRequest, res: ServerResponse) => {
    res.on('close', () => options.onClose?.());
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    for (const part of parts) {
      if (res.destroyed) return;
      if (typeof part === 'string' || Buffer.isBuffer(part)) {
        res.write(part);
        await new Promise((resolve) => setImmediate(resolve));
      } else if ('waitMs' in part) await new Promise((resolve) => setTimeout(resolve, part.waitMs));
      else await part.until;
    }
    if (options.end !== false) res.end();
  };
}

const client = (server: TestServer, options: ConstructorParameters<typeof LlamaCloud>[0] = {}) =>
  new LlamaCloud({ apiKey: KEY, baseURL: server.url, ...options });

/** Every event of a turn, and the error that ended it, if any. */
async function collect(iterable: AsyncIterable<ChatStreamEvent>) {
  const events: ChatStreamEvent[] = [];
  try {
    for await (const event of iterable) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error: error as Error };
  }
}

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

describe('failures', () => {
  it('a data: field that is not JSON is a MalformedResponseError naming the event', async () => {
    const server = await serve(
      sse([plain(turn.slice(0, 2)), 'event: message\nid: 7\ndata: {"type": "text_delta", "content": \n\n']),
    );

    const { events, error } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(events).toEqual(turn.slice(0, 2));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error?.message).toContain(
      'is not a valid event stream: event 3 (event: message, id: 7) has data that is not a JSON object',
    );
  });

  it('a connection that drops mid-turn yields what came, then says the turn was cut off; nothing is re-sent', async () => {
    const server = await serve(async (request, res) => {
      await sse([plain(turn.slice(0, 3))], { end: false })(request, res);
      res.socket?.destroy();
    });

    const { events, error } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(events).toEqual(turn.slice(0, 3));
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error?.message).toMatch(
      /^POST \/api\/v1\/chat\/ses-abc123\/messages\/stream was cut off after 3 events/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['no blank line after the last event (as Prism sends an example)', plain(turn).replace(/\n\n$/, '\n')],
    ['CR line endings, the last one a lone CR', turn.map((e) => `data: ${JSON.stringify(e)}\r\r`).join('')],
    ['no line end at all after the last event', plain(turn).replace(/\n\n$/, '')],
  ])('keeps the last event of a stream that ends with %s', async (_label, body) => {
    const server = await serve(sse(bytesOf(body, 3)));

    const { events, error } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(error).toBeUndefined();
    expect(events).toEqual(turn);
  });

  it('leaves out an event the stream ended in the middle of, and says the turn was cut off', async () => {
    const server = await serve(sse([plain(turn.slice(0, 3)), 'data: {"type":"text_delta","con']));

    const { events, error } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(events).toEqual(turn.slice(0, 3));
    expect(error).toMatchObject({ kind: 'stream_interrupted', eventsReceived: 3 });
  });

  it('a 2xx that is not an event stream is a MalformedResponseError showing what came', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { detail: 'maintenance' }));

    const { events, error } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error?.message).toContain(
      'is not a valid event stream: the content-type is application/json, not text/event-stream',
    );
    expect(error?.message).toContain('maintenance');
  });

  it('a stream that ends before the stop event is cut off too', async () => {
    const server = await serve(sse([plain(turn.slice(0, 5))]));

    const { events, error } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(events).toHaveLength(5);
    expect(error).toMatchObject({
      kind: 'stream_interrupted',
      eventsReceived: 5,
      reason: 'the server closed the stream before the turn ended',
    });
    expect(error?.message).toContain('the server closed the stream before the turn ended');
  });

  it('a status error is thrown when the call is awaited, with the server detail; never retried', async () => {
    const missing = await serve((_req, res) =>
      sendJson(res, 404, { detail: 'Chat session ses-gone not found' }),
    );
    const busy = await serve((_req, res) => sendJson(res, 503, { detail: 'busy' }, { 'retry-after': '0' }));

    const notFound = await client(missing)
      .beta.chat.stream('ses-gone', params)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const unavailable = await collect(client(busy).beta.chat.stream('ses-abc123', params));

    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as Error).message).toBe(
      '404 Not Found from POST /api/v1/chat/ses-gone/messages/stream: Chat session ses-gone not found',
    );
    expect(unavailable.error).toMatchObject({ kind: 'server', status: 503, attempts: 1 });
    expect(busy.requests).toHaveLength(1);
  });

  it('a reset before any answer is not re-sent either: the turn may have started', async () => {
    const server = await serve((_req, res) => void res.socket?.destroy());

    const { error } = await collect(client(server).beta.chat.stream('ses-abc123', params));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error?.message).toContain('the turn may or may not have run');
    expect(server.requests).toHaveLength(1);
  });

  it('a missing prompt or index_ids fails before sending', async () => {
    const server = await serve(sse([plain(turn)]));

    const { error } = await collect(
      client(server).beta.chat.stream('ses-abc123', { prompt: 'hi' } as unknown as typeof params),
    );

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('timeouts and stopping', () => {
  it('the timeout bounds silence between bytes, not the turn: 15 events 300 ms apart pass a 1 s timeout', async () => {
    const slow = [
      turn[0],
      ...Array.from({ length: 13 }, (_, i) => ({ type: 'text_delta', content: `${i} ` })),
      turn[7],
    ];
    const server = await serve(sse(slow.flatMap((event) => [{ waitMs: 300 }, plain([event])])));

    const { events, error } = await collect(
      client(server, { timeout: 1_000 }).beta.chat.stream('ses-abc123', params),
    );

    expect(error).toBeUndefined();
    expect(events).toEqual(slow);
  }, 30_000);

  it('a stream that goes silent fails after the timeout, with what came before', async () => {
    let closed = false;
    const server = await serve(
      sse([plain(turn.slice(0, 2)), { waitMs: 60_000 }], { onClose: () => (closed = true) }),
    );

    const started = performance.now();
    const { events, error } = await collect(
      client(server, { timeout: 500 }).beta.chat.stream('ses-abc123', params),
    );

    expect(events).toEqual(turn.slice(0, 2));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 500 });
    expect(error?.message).toContain('No byte arrived for 500 ms after 2 events: the turn was cut off');
    // The silence was 60 s; the bound only proves the client did not wait for it.
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect.poll(() => closed).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('break closes the connection at once, and the server sees it', async () => {
    let closed = false;
    const server = await serve(
      sse([plain(turn.slice(0, 2)), { waitMs: 60_000 }], { onClose: () => (closed = true) }),
    );

    for await (const event of client(server).beta.chat.stream('ses-abc123', params)) {
      if (event.type === 'thinking_delta') break;
    }

    await expect.poll(() => closed).toBe(true);
  });

  it("the caller's signal stops the turn with an AbortedError, and the server sees the connection close", async () => {
    let closed = false;
    const server = await serve(
      sse([plain(turn.slice(0, 2)), { waitMs: 60_000 }], { onClose: () => (closed = true) }),
    );
    const controller = new AbortController();

    const { events, error } = await collect(
      (async function* () {
        for await (const event of client(server).beta.chat.stream('ses-abc123', params, {
          signal: controller.signal,
        })) {
          yield event;
          if (event.type === 'thinking_delta') controller.abort();
        }
      })(),
    );

    expect(events).toEqual(turn.slice(0, 2));
    expect(error).toBeInstanceOf(AbortedError);
    await expect.poll(() => closed).toBe(true);
  });
});
