// A chat turn from the built-in mock streams: the spec's example events, one at a time with a gap between them,
// read by the real client as they arrive. Whatever Prism checks still goes through Prism, and a caller that goes
// away stops the stream at once. Every mock a test starts is closed when it ends, passed or failed.
import { ServerResponse } from 'node:http';
import { type ChatStreamEvent, LlamaCloud, StreamInterruptedError } from '@llamacloud-chat/client';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { splitEvents } from '../src/event-stream.js';
import { type PrismMockOptions, type StreamEnd, startPrismMock } from '../src/index.js';
import { loadOperations } from '../src/prism.js';
import { SETTLE, TURN_EVENT_TYPES, within } from './support.js';

const STREAM_PATH = '/api/v1/chat/{session_id}/messages/stream';
/** Any key will do for the mock; the client only wants one that looks whole. */
const API_KEY = 'llx-mock-test-key-0123456789abcdef';
const TURN = { prompt: 'What were the main findings in Q3?', index_ids: ['idx-abc123', 'idx-def456'] };

/** The events of one of the stream operation's 200 examples, as Prism reads the spec. */
async function exampleEvents(name: string): Promise<unknown[]> {
  const operation = (await loadOperations()).find((o) => o.method === 'post' && o.path === STREAM_PATH);
  const content = operation?.responses.find((r) => r.code === '200')?.contents?.[0];
  const example = content?.examples?.find((e) => e.key === name) as { value?: unknown } | undefined;
  if (typeof example?.value !== 'string') throw new Error(`no text/event-stream example ${name} in the spec`);
  return [...example.value.matchAll(/^data: (.*)$/gm)].map(([, json]) => JSON.parse(json ?? ''));
}

/** A mock for this test, closed when it ends, and the ends of the streams it served. */
async function mockFor(options: PrismMockOptions = {}) {
  const ends: StreamEnd[] = [];
  const mock = await startPrismMock({ ...options, onStreamEnd: (end) => ends.push(end) });
  onTestFinished(() => mock.close());
  return { mock, ends };
}

/** The real setTimeout, kept for polling while a test fakes the global one. */
const realSetTimeout = globalThis.setTimeout;

/** Fakes setTimeout and clearTimeout (the mock's gaps, the client's limits) until the test ends. */
function fakeTimers(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

/**
 * Resolves once `condition()` holds, polling on real timers (vi.waitFor would move fake time on); fails naming
 * `what` after 30 s, a bound only a broken mock reaches.
 */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE.timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${SETTLE.timeout} ms`);
    await new Promise((resolve) => realSetTimeout(resolve, 5));
  }
}

/**
 * What the mock's front writes to its callers (on `port`), each write as it happens: the server's own account of
 * when it sent each event.
 */
function writesTo(port: number): string[] {
  const writes: string[] = [];
  const write = ServerResponse.prototype.write;
  const spy = vi.spyOn(ServerResponse.prototype, 'write').mockImplementation(function (
    this: ServerResponse,
    ...args: Parameters<ServerResponse['write']>
  ) {
    if (this.req?.socket?.localPort === port) writes.push(String(args[0]));
    return write.apply(this, args as never);
  });
  onTestFinished(() => spy.mockRestore());
  return writes;
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}/api/v1/chat/ses-abc123/messages/stream`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('a streamed chat turn', () => {
  it('reaches the client event by event: every event of the turn example, in order, each before the next is written', async () => {
    const { mock, ends } = await mockFor({ streamGapMs: 100 });
    const client = new LlamaCloud({ apiKey: API_KEY, baseURL: mock.url });
    // The gaps are the test's to pass: the mock's timers are fake, moved on only below, once the client holds
    // the event before. The sockets are real.
    fakeTimers();

    const written = writesTo(mock.port);

    const stream = await client.beta.chat.stream('ses-abc123', TURN);
    const arrivals: { event: ChatStreamEvent; written: number; ended: number; before: number; at: number }[] =
      [];
    for await (const event of stream) {
      const arrival = { event, written: written.length, ended: ends.length, before: 0, at: 0 };
      arrivals.push(arrival);
      // The next event is due one gap after this one was written: not a millisecond before.
      await vi.advanceTimersByTimeAsync(99);
      arrival.before = written.length;
      await vi.advanceTimersByTimeAsync(1);
      arrival.at = written.length;
    }
    vi.useRealTimers();

    expect(arrivals.map(({ event }) => event)).toEqual(await exampleEvents('turn'));
    expect(arrivals.map(({ event }) => event.type)).toEqual(TURN_EVENT_TYPES);
    // The mock's own writes: when the client held event n, the mock had written n events and not yet the next
    // (all at once, it would have written all 9 by the first), nor did it 99 ms later; it did at 100 ms.
    expect(arrivals.map((arrival) => arrival.written)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(arrivals.map((arrival) => arrival.before)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(arrivals.map((arrival) => arrival.at)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 9]);
    expect(arrivals.slice(0, -1).map((arrival) => arrival.ended)).toEqual(Array(8).fill(0));
    expect(written.join('')).toBe(splitEvents(await (await post(mock.prism.url, TURN)).text()).join(''));
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache');
    expect(stream.response.headers.get('content-length')).toBeNull();
    expect(stream.response.headers.get('transfer-encoding')).toBe('chunked');
    expect(await stream.text()).toBe(
      'Q3 revenue grew 12% quarter over quarter, driven by enterprise renewals.',
    );
    await vi.waitFor(() => expect(ends).toHaveLength(1), SETTLE);
    expect(ends).toEqual([
      { request: 'POST /api/v1/chat/ses-abc123/messages/stream', events: 9, sent: 9, complete: true },
    ]);
  });

  it('sends each event whole in a chunk of its own, ended by its blank line, also with no gap', async () => {
    const { mock } = await mockFor({ streamGapMs: 0 });

    const response = await post(mock.url, TURN);
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) chunks.push(decoder.decode(chunk, { stream: true }));

    const body = chunks.join('');
    // Prism drops the blank line after the example's last event; the mock puts it back.
    expect(body).toBe(splitEvents(await (await post(mock.prism.url, TURN)).text()).join(''));
    expect(body.endsWith('}\n\n')).toBe(true);
    expect(body.match(/^data: /gm)).toHaveLength(9);
    // TCP may join chunks that arrive together; with no gap it still cannot join them all into one.
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk).toMatch(/^(data: [^\n]*\n\n)+$/);
  });

  it('Prefer: example=failed-turn streams the failed turn', async () => {
    const { mock, ends } = await mockFor({ streamGapMs: 0 });
    const client = new LlamaCloud({
      apiKey: API_KEY,
      baseURL: mock.url,
      defaultHeaders: { prefer: 'example=failed-turn' },
    });

    const events: ChatStreamEvent[] = [];
    const stream = await client.beta.chat.stream('ses-abc123', TURN);
    for await (const event of stream) events.push(event);

    expect(events).toEqual(await exampleEvents('failed-turn'));
    expect(await stream.stopEvent()).toMatchObject({
      is_error: true,
      error: 'Index idx-def456 is being rebuilt',
    });
    await vi.waitFor(() => expect(ends).toMatchObject([{ events: 2, sent: 2, complete: true }]), SETTLE);
  });

  it.each([
    ['a body without prompt: Prism’s 422', { index_ids: [] }, {}, 422],
    ['no API key: Prism’s 401', TURN, { authorization: '' }, 401],
    ['Prefer: code=404', TURN, { prefer: 'code=404' }, 404],
  ])('%s passes through unchanged, not streamed', async (_label, body, headers, status) => {
    const { mock, ends } = await mockFor({ streamGapMs: 100 });

    const [viaMock, fromPrism] = await Promise.all([
      post(mock.url, body, headers),
      post(mock.prism.url, body, headers),
    ]);

    expect(viaMock.status).toBe(status);
    for (const header of ['content-type', 'content-length', 'sl-violations', 'cache-control'])
      expect(viaMock.headers.get(header), header).toBe(fromPrism.headers.get(header));
    expect(await viaMock.text()).toBe(await fromPrism.text());
    expect(ends).toEqual([]);
  });

  it('the 422 for a missing prompt is Prism’s: the spec’s example, with the violation in sl-violations', async () => {
    const { mock } = await mockFor();

    const response = await post(mock.url, { index_ids: ['idx-abc123'] });

    expect(response.status).toBe(422);
    expect(JSON.parse(response.headers.get('sl-violations') ?? '[]')).toMatchObject([
      { location: ['request', 'body'], message: "Request body must have required property 'prompt'" },
    ]);
    expect(await response.json()).toEqual({
      detail: [{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' }],
    });
  });

  it('a caller that breaks after the first event makes the mock stop writing at once', async () => {
    const { mock, ends } = await mockFor({ streamGapMs: 250 });
    const client = new LlamaCloud({ apiKey: API_KEY, baseURL: mock.url });
    // The clock stands still until the test moves it: the second event is never due while the caller is there.
    fakeTimers();

    const seen: string[] = [];
    for await (const event of client.beta.chat.stream('ses-abc123', TURN)) {
      seen.push(String(event.type));
      break;
    }

    expect(seen).toEqual(['user_input']);
    await until(() => ends.length > 0, 'the end of the stream reported');
    expect(ends).toEqual([
      { request: 'POST /api/v1/chat/ses-abc123/messages/stream', events: 9, sent: 1, complete: false },
    ]);
    // Nothing more comes of that stream: with every gap of the turn passed twice over, a timer the mock had
    // left would have fired by now; there is no second report and nothing more sent.
    await vi.advanceTimersByTimeAsync(2 * 8 * 250);
    expect(ends).toEqual([
      { request: 'POST /api/v1/chat/ses-abc123/messages/stream', events: 9, sent: 1, complete: false },
    ]);
  });

  it('close() in the middle of a turn ends the stream and resolves promptly', async () => {
    const { mock, ends } = await mockFor({ streamGapMs: 1_000 });
    const client = new LlamaCloud({ apiKey: API_KEY, baseURL: mock.url, maxRetries: 0 });

    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of client.beta.chat.stream('ses-abc123', TURN)) {
        seen.push(String(event.type));
        if (seen.length === 1) void mock.close();
      }
    })();

    await expect(within(reading, 5_000, 'the end of the stream')).rejects.toBeInstanceOf(
      StreamInterruptedError,
    );
    await within(mock.close(), 5_000, 'close()');
    expect(seen).toEqual(['user_input']);
    await vi.waitFor(() => expect(ends).toMatchObject([{ events: 9, sent: 1, complete: false }]), SETTLE);
  });

  it.each([-1, Number.NaN, 2 ** 31])('streamGapMs %s is refused with a RangeError', async (streamGapMs) => {
    await expect(startPrismMock({ streamGapMs })).rejects.toThrow(RangeError);
  });
});

describe('splitEvents', () => {
  it.each([
    ['LF, blank-line separated', 'data: 1\n\ndata: 2\n\n', ['data: 1\n\n', 'data: 2\n\n']],
    ['a last event without its blank line gets one', 'data: 1\n\ndata: 2\n', ['data: 1\n\n', 'data: 2\n\n']],
    ['a last line without its line ending', 'data: 1\n\ndata: 2', ['data: 1\n\n', 'data: 2\n\n']],
    [
      'CRLF and CR kept as they are',
      'data: 1\r\n\r\ndata: 2\r\rdata: 3\r\n\r\n',
      ['data: 1\r\n\r\n', 'data: 2\r\r', 'data: 3\r\n\r\n'],
    ],
    [
      'fields, comments and a multi-line data stay with their event',
      ': hi\n\nevent: x\nid: 7\ndata: a\ndata: b\n\n',
      [': hi\n\n', 'event: x\nid: 7\ndata: a\ndata: b\n\n'],
    ],
    ['leading and trailing blank lines stay with an event', '\n\ndata: 1\n\n\n', ['\n\ndata: 1\n\n\n']],
    ['nothing', '', []],
    ['only blank lines', '\n\n', ['\n\n']],
  ])('%s', (_label, text, events) => {
    expect(splitEvents(text)).toEqual(events);
  });
});
