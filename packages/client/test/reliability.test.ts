// Fault injection: real local servers that rate-limit, fail, stall, reset and lie, and the retries that answer
// them. Each scenario asserts the items yielded, the requests made, the error a caller gets, and the waits the client
// chose (recorded through injected timers, so a loaded machine cannot change them). Timeouts fire on manual
// timers; one test runs the client's real timers, faked by vitest, to show a wait really holds a retry back.
import { cursorAt, sendJson, serve, type TestServer } from '@llamacloud-chat/test-support';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import LlamaCloud, {
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  TimeoutError,
} from '../src/index.js';
import { manualTimers } from './support/manual-timers.js';
import {
  clientFor,
  faulty,
  ids,
  KEY,
  recordedClient,
  recordingTimers,
  run,
  sessions,
  unavailable,
  urls,
} from './support/reliability-helpers.js';

/** A promise and what settles it: the server's way to say something happened. */
function signal() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** A whole request to the server and its answer, from outside the client: what was sent before has arrived. */
async function roundTrip(server: TestServer): Promise<void> {
  await (await fetch(`${server.url}/round-trip`)).text();
}

describe('retries', () => {
  it('429 with Retry-After: 1, then success: waits the second asked for and loses nothing', async () => {
    const server = await serve(
      faulty({ 1: (res) => sendJson(res, 429, { detail: 'slow down' }, { 'retry-after': '1' }) }),
    );
    const { client, waits } = recordedClient(server);

    const { seen, error } = await run(client);

    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
    expect(urls(server)).toEqual([
      '/api/v1/chat?page_size=10',
      '/api/v1/chat?page_size=10&page_token=cur-10',
      '/api/v1/chat?page_size=10&page_token=cur-10',
      '/api/v1/chat?page_size=10&page_token=cur-20',
    ]);
    expect(waits).toEqual([1_000]);
  });

  it('a 503 burst shorter than the retry budget, then success: backs off 0.5 s then 1 s', async () => {
    const server = await serve(faulty({ 1: unavailable, 2: unavailable }));
    const { client, waits } = recordedClient(server);

    const { seen, error } = await run(client);

    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
    expect(urls(server).filter((u) => u.endsWith('cur-10'))).toHaveLength(3);
    expect(server.requests).toHaveLength(5);
    expect(waits).toEqual([500, 1_000]);
  });

  it('jitter takes up to 25% off each backoff', async () => {
    const server = await serve(faulty({ 0: unavailable, 1: unavailable }));
    const waits: number[] = [];
    const client = clientFor(server, {
      retryTimers: { sleep: async (ms) => void waits.push(ms), random: () => 0.999 },
    });

    await run(client);

    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeCloseTo(500 * 0.75, 0);
    expect(waits[1]).toBeCloseTo(1_000 * 0.75, 0);
  });

  it('a 503 burst longer than the budget: an error with the cursor to resume from, after 3 attempts', async () => {
    const server = await serve(faulty({ 1: unavailable, 2: unavailable, 3: unavailable }));
    const { client, waits } = recordedClient(server);

    const { seen, error } = await run(client);

    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      kind: 'server',
      status: 503,
      attempts: 3,
      cursor: cursorAt(10),
      pageNumber: 2,
    });
    expect(error?.message).toBe(
      '503 Service Unavailable from GET /api/v1/chat: busy (after 3 attempts; request id req-7)',
    );
    expect(seen).toEqual(ids(sessions.slice(0, 10)));
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([500, 1_000]);

    // The server has recovered; resuming from the cursor finishes the listing with nothing lost or repeated.
    const resumed: string[] = [];
    for await (const s of client.beta.chat.list({ page_size: 10, page_token: error?.cursor })) {
      resumed.push(s.session_id);
    }
    expect([...seen, ...resumed]).toEqual(ids(sessions));
  });

  it('a connection reset mid-body is retried', async () => {
    const server = await serve(
      faulty({
        1: (res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
          res.write('{"items":[{"session_id":"ses-0010","last_upd');
          setImmediate(() => res.socket?.destroy());
        },
      }),
    );
    const { client, waits } = recordedClient(server);

    const { seen, error } = await run(client);

    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([500]);
  });

  it('a server that never answers: a TimeoutError after each attempt times out', async () => {
    // Page 2's two attempts never get an answer; each says when it has arrived.
    const arrived = [signal(), signal()];
    const server = await serve(faulty({ 1: () => arrived[0]?.resolve(), 2: () => arrived[1]?.resolve() }));
    // The client's timers are manual: its timeouts fire when the test moves the clock, once each attempt waits.
    const timers = manualTimers();
    const client = clientFor(server, { timeout: 1_000, maxRetries: 1, retryTimers: timers.retryTimers });

    const listing = run(client);
    await arrived[0]?.promise;
    const backoff = timers.nextSet(500);
    timers.advance(1_000);
    await backoff;
    timers.advance(500);
    await arrived[1]?.promise;
    timers.advance(1_000);
    const { seen, error } = await listing;

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: 'timeout', cursor: cursorAt(10), pageNumber: 2 });
    expect(error?.message).toBe('GET /api/v1/chat timed out after 1000 ms per attempt (2 attempts).');
    expect(seen).toEqual(ids(sessions.slice(0, 10)));
    expect(server.requests).toHaveLength(3);
    // Two 1 s timeouts and the 500 ms backoff between them, on the client's clock.
    expect(timers.now()).toBe(2_500);
  });

  it('Retry-After: 3600 fails at once with a RateLimitError carrying the requested wait', async () => {
    const server = await serve(
      faulty({ 0: (res) => sendJson(res, 429, { detail: 'quota exhausted' }, { 'retry-after': '3600' }) }),
    );
    const { client, waits } = recordedClient(server);

    const { seen, error } = await run(client);

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 3_600_000,
      attempts: 1,
      cursor: null,
    });
    expect(error?.message).toBe(
      '429 Too Many Requests from GET /api/v1/chat: quota exhausted (the server asked to retry after 3600 s)',
    );
    expect(seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it.each([
    ['retry-after-ms', { 'retry-after-ms': '150', 'retry-after': '30' }, 150],
    ['an HTTP date', { 'retry-after': 'Wed, 21 Oct 2026 07:28:02 GMT' }, 2_000],
    ['a date in the past', { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, 0],
  ])('honours %s', async (_label, headers, expectedWait) => {
    const server = await serve(faulty({ 0: (res) => sendJson(res, 429, { detail: 'wait' }, headers) }));
    const { client, waits } = recordedClient(server);

    const { seen, error } = await run(client);

    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([expectedWait]);
  });

  it('x-should-retry overrides the status: false stops a 503, true retries a 400', async () => {
    const stop = await serve(
      faulty({ 0: (res) => sendJson(res, 503, { detail: 'no' }, { 'x-should-retry': 'false' }) }),
    );
    const retry = await serve(
      faulty({
        0: (res) =>
          sendJson(res, 400, { detail: 'try again' }, { 'x-should-retry': 'true', 'retry-after-ms': '0' }),
      }),
    );

    const stopped = await run(recordedClient(stop).client);
    const retried = await run(recordedClient(retry).client);

    expect(stopped.error).toMatchObject({ kind: 'server', status: 503, attempts: 1 });
    expect(stop.requests).toHaveLength(1);
    expect(retried.error).toBeUndefined();
    expect(retried.seen).toEqual(ids(sessions));
    expect(retry.requests).toHaveLength(4);
  });

  it('x-should-retry: true on a success retries nothing', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { items: [], next_page_token: null }, { 'x-should-retry': 'true' }),
    );

    const { error, seen } = await run(recordedClient(server).client);

    expect(error).toBeUndefined();
    expect(seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('maxRetries: 0 disables retrying, per client and per request', async () => {
    const perClient = await serve(faulty({ 0: unavailable }));
    const perRequest = await serve(faulty({ 0: unavailable }));

    const a = await run(recordedClient(perClient, { maxRetries: 0 }).client);
    const b = await run(recordedClient(perRequest).client, { maxRetries: 0 });

    expect([a.error?.kind, b.error?.kind]).toEqual(['server', 'server']);
    expect([perClient.requests.length, perRequest.requests.length]).toEqual([1, 1]);
  });

  it('a 401 is not retried', async () => {
    const server = await serve((_req, res) => sendJson(res, 401, { detail: 'Invalid API key' }));
    const { client, waits } = recordedClient(server);

    const { error } = await run(client);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toBe('401 Unauthorized from GET /api/v1/chat: Invalid API key');
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('connection refused: a ConnectionError after the retries, naming the reason', async () => {
    const server = await serve(() => {});
    const url = server.url;
    await server.close();
    const { waits, retryTimers } = recordingTimers();

    const { error } = await run(new LlamaCloud({ apiKey: KEY, baseUrl: url, retryTimers }));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error?.message).toBe(
      'Could not reach the API for GET /api/v1/chat (3 attempts): fetch failed (ECONNREFUSED). Check the network and LLAMA_CLOUD_BASE_URL.',
    );
    expect(waits).toEqual([500, 1_000]);
  });

  it('a port fetch refuses to use is not retried: the same error would come back every time', async () => {
    const { waits, retryTimers } = recordingTimers();

    const { error } = await run(
      new LlamaCloud({ apiKey: KEY, baseUrl: 'http://127.0.0.1:6000', retryTimers }),
    );

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error?.message).toBe(
      'Could not reach the API for GET /api/v1/chat: fetch failed (bad port). Check the network and LLAMA_CLOUD_BASE_URL.',
    );
    expect(waits).toEqual([]);
  });

  it('waits for real: Retry-After: 1 holds the next request back until a second has passed on the real timers', async () => {
    const limited = signal();
    const server = await serve(
      faulty({
        1: (res) => {
          sendJson(res, 429, { detail: 'slow down' }, { 'retry-after': '1' });
          limited.resolve();
        },
      }),
    );
    // The client's own default timers (setTimeout), faked so the test moves them; the server and sockets are real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onTestFinished(() => void vi.useRealTimers());
    const setTimeoutCalls = vi.spyOn(globalThis, 'setTimeout');
    const sleeping = () => setTimeoutCalls.mock.calls.some(([, ms]) => ms === 1_000);

    const listing = run(clientFor(server));
    await limited.promise;
    // Turns of the event loop (not timers) until the client, having read the 429, sleeps on a 1 s timer.
    while (!sleeping()) await new Promise((resolve) => setImmediate(resolve));
    vi.advanceTimersByTime(999);
    await roundTrip(server);
    const beforeTheSecond = server.requests.length;
    vi.advanceTimersByTime(1);
    const { seen, error } = await listing;

    // Page 1, the 429, and the marker: page 2 was not asked for again before the second passed; then it was.
    expect(beforeTheSecond).toBe(3);
    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
  });
});
