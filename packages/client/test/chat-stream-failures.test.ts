// A streamed chat turn that goes wrong: failures must say what happened, a silent stream times out, Stop closes it,
// and the POST is never sent twice.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ConnectionError,
  InvalidRequestError,
  MalformedResponseError,
  NotFoundError,
  StreamInterruptedError,
  TimeoutError,
} from '../src/index.js';
import { manualTimers } from './support/manual-timers.js';
import { bytesOf, client, collect, heldStream, params, plain, sse, turn } from './support/stream-helpers.js';

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

/** A server part that never comes: the server stays silent until the test closes it. */
const silence = new Promise<never>(() => {});

describe('timeouts and stopping', () => {
  // The client's timers are manual here (see support/manual-timers.ts): a timeout fires when the test moves the
  // clock, and the server writes each chunk when the test says, so no outcome depends on how busy the machine is.
  it('the timeout bounds silence between bytes, not the turn: 15 events 300 ms apart pass a 1 s timeout', async () => {
    const slow = [
      turn[0],
      ...Array.from({ length: 13 }, (_, i) => ({ type: 'text_delta', content: `${i} ` })),
      turn[7],
    ];
    const held = heldStream();
    const server = await serve(held.handler);
    const timers = manualTimers();
    const stream = await client(server, {
      timeout: 1_000,
      retryTimers: timers.retryTimers,
    }).beta.chat.stream('ses-abc123', params);
    const res = await held.opened;
    const iterator = stream[Symbol.asyncIterator]();

    const events: unknown[] = [];
    for (const event of slow) {
      // The reader waits for the next chunk (its idle timer set); 300 ms of silence pass; then the event comes.
      const waiting = timers.nextSet(1_000);
      const next = iterator.next();
      await waiting;
      timers.advance(300);
      res.write(plain([event]));
      events.push((await next).value);
    }

    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(events).toEqual(slow);
    // 4.5 s of the clock passed in all, more than the timeout: it bounded each silence, not the turn.
    expect(timers.now()).toBe(4_500);
  });

  it('a stream that goes silent fails when the timeout passes, with what came before', async () => {
    const held = heldStream();
    const server = await serve(held.handler);
    const timers = manualTimers();
    const stream = await client(server, {
      timeout: 500,
      retryTimers: timers.retryTimers,
    }).beta.chat.stream('ses-abc123', params);
    const res = await held.opened;
    const iterator = stream[Symbol.asyncIterator]();
    res.write(plain(turn.slice(0, 2)));
    const events = [(await iterator.next()).value, (await iterator.next()).value];

    const waiting = timers.nextSet(500);
    const third = iterator.next().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    await waiting;
    timers.advance(499);
    // Not yet: the idle timer is still waiting.
    expect(timers.pending(500)).toBe(1);
    timers.advance(1);
    const error = await third;

    expect(events).toEqual(turn.slice(0, 2));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 500, limit: 'idle' });
    expect(error?.message).toContain('No byte arrived for 500 ms after 2 events: the turn was cut off');
    await expect.poll(held.closed).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('streamTimeout bounds the whole turn: a comment every 100 ms cannot keep it open past 3 s', async () => {
    const held = heldStream();
    const server = await serve(held.handler);
    const timers = manualTimers();
    const stream = await client(server, { timeout: 1_000, retryTimers: timers.retryTimers }).beta.chat.stream(
      'ses-abc123',
      params,
      { streamTimeout: 3_000 },
    );
    const res = await held.opened;
    let error: Error | undefined;
    const ended = collect(stream).then((result) => {
      error = result.error;
    });

    for (let tick = 0; tick < 100; tick++) {
      // A keepalive comment: bytes, never an event. The reader, having read it, waits for more.
      const reread = timers.nextSet(1_000);
      if (!res.destroyed) res.write(': keepalive\n\n');
      await Promise.race([reread, ended]);
      if (error) break;
      timers.advance(100);
    }
    await ended;

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: 'timeout', limit: 'turn', timeoutMs: 3_000, uncertain: true });
    expect(error?.message).toBe(
      'POST /api/v1/chat/ses-abc123/messages/stream timed out after 3000 ms (streamTimeout). The turn passed its ' +
        'streamTimeout of 3000 ms, the limit from request to last event, after 0 events: it was cut off and is ' +
        'not sent again.',
    );
    // It ended when the clock reached the limit, counted from the request.
    expect(timers.now()).toBe(3_000);
    await expect.poll(held.closed).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('streamTimeout counts from the request: a server that never answers ends the turn too, not sent again', async () => {
    const server = await serve(() => {});
    const timers = manualTimers();
    const limitSet = timers.nextSet(3_000);

    const pending = collect(
      client(server, { streamTimeout: 3_000, retryTimers: timers.retryTimers }).beta.chat.stream(
        'ses-abc123',
        params,
      ),
    );
    await limitSet;
    timers.advance(3_000);
    const { error } = await pending;

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ limit: 'turn', timeoutMs: 3_000 });
    expect(error?.message).toContain('passed its streamTimeout of 3000 ms');
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });

  it('without streamTimeout a turn is bounded by 10 minutes', async () => {
    const held = heldStream();
    const server = await serve(held.handler);
    const timers = manualTimers();
    const limitSet = timers.nextSet(600_000);

    const stream = await client(server, { retryTimers: timers.retryTimers }).beta.chat.stream(
      'ses-abc123',
      params,
    );
    await limitSet;

    expect(timers.pending(600_000)).toBe(1);
    stream.abort();
    await collect(stream);
    // Once the stream is over, its limit is stopped: nothing is left waiting to fire.
    expect(timers.pending(600_000)).toBe(0);
  });

  it('break closes the connection at once, and the server sees it', async () => {
    let closed = false;
    const server = await serve(
      sse([plain(turn.slice(0, 2)), { until: silence }], { onClose: () => (closed = true) }),
    );

    for await (const event of client(server).beta.chat.stream('ses-abc123', params)) {
      if (event.type === 'thinking_delta') break;
    }

    await expect.poll(() => closed).toBe(true);
  });

  it("the caller's signal stops the turn with an AbortedError, and the server sees the connection close", async () => {
    let closed = false;
    const server = await serve(
      sse([plain(turn.slice(0, 2)), { until: silence }], { onClose: () => (closed = true) }),
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
