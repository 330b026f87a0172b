// Fault injection: real local servers that rate-limit, fail, stall, reset and lie. Each scenario asserts the
// items yielded, the requests made, the error a caller gets, and the waits the client chose (recorded through
// injected timers, so a loaded machine cannot change them). A few scenarios wait for real, with generous bounds.
import type { ServerResponse } from 'node:http';
import {
  cursorAt,
  makeSessions,
  pagedSessions,
  sendJson,
  serve,
  type TestServer,
  waitFor,
} from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, {
  AbortedError,
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  type LlamaCloudError,
  MalformedResponseError,
  RateLimitError,
  type RetryTimers,
  TimeoutError,
} from '../src/index.js';
import { resolveClientOptions } from '../src/resolve-options.js';
import { Transport } from '../src/transport.js';

const KEY = 'llx-reliability-test';
const sessions = makeSessions(30);
const ids = (items: readonly { session_id: string }[]) => items.map((s) => s.session_id);
const urls = (server: TestServer) => server.requests.map((r) => r.url);
const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');

/** Timers that record each wait the client chose and return at once; no jitter. */
function recordingTimers() {
  const waits: number[] = [];
  const retryTimers: RetryTimers = {
    sleep: async (ms, signal) => {
      waits.push(ms);
      signal?.throwIfAborted();
    },
    random: () => 0,
    now: () => NOW,
  };
  return { waits, retryTimers };
}

/** Lists everything, returning the items seen, the error (if any) and the elapsed ms. */
async function run(client: LlamaCloud, options: Parameters<LlamaCloud['beta']['chat']['list']>[1] = {}) {
  const seen: string[] = [];
  const start = performance.now();
  let error: LlamaCloudError | undefined;
  try {
    for await (const s of client.beta.chat.list({ page_size: 10 }, options)) seen.push(s.session_id);
  } catch (e) {
    error = e as LlamaCloudError;
  }
  return { seen, error, ms: performance.now() - start };
}

type Options = ConstructorParameters<typeof LlamaCloud>[0];
const clientFor = (server: TestServer, options: Options = {}) =>
  new LlamaCloud({ apiKey: KEY, baseUrl: server.url, ...options });

/** A client whose waits are recorded, not slept. */
function recordedClient(server: TestServer, options: Options = {}) {
  const { waits, retryTimers } = recordingTimers();
  return { waits, client: clientFor(server, { retryTimers, ...options }) };
}

/** A paged server whose n-th request (0-based) is answered by `faults[n]` when there is one. */
function faulty(faults: Record<number, (res: ServerResponse) => void>) {
  let n = 0;
  return pagedSessions(sessions, {
    fault: (_request, res) => {
      const fault = faults[n++];
      fault?.(res);
      return fault !== undefined;
    },
  });
}

const unavailable = (res: ServerResponse) =>
  sendJson(res, 503, { detail: 'busy' }, { 'x-request-id': 'req-7' });

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
          setTimeout(() => res.socket?.destroy(), 10);
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
    const server = await serve(faulty({ 1: () => {}, 2: () => {} }));
    // 1 s, not less: the first page must arrive within it on a 2-core machine running the whole suite.
    const { client, waits } = recordedClient(server, { timeout: 1_000, maxRetries: 1 });

    const { seen, error, ms } = await run(client);

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: 'timeout', cursor: cursorAt(10), pageNumber: 2 });
    expect(error?.message).toBe('GET /api/v1/chat timed out after 1000 ms per attempt (2 attempts).');
    expect(seen).toEqual(ids(sessions.slice(0, 10)));
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([500]);
    // Two real 1 s timeouts; the upper bound only proves nothing waited for the 60 s default.
    expect(ms).toBeGreaterThanOrEqual(1_990);
    expect(ms).toBeLessThan(20_000);
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

  it('waits for real: Retry-After: 1 holds the next request back about a second', async () => {
    const server = await serve(
      faulty({ 1: (res) => sendJson(res, 429, { detail: 'slow down' }, { 'retry-after': '1' }) }),
    );

    const { seen, error, ms } = await run(clientFor(server));

    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
    // Lower bound: the wait really happened. Upper bound: generous, for a loaded machine.
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('broken 200s are not retried, and are errors', () => {
  it.each([
    ['an HTML body', 'text/html', '<html><body>Maintenance</body></html>', 'the body is not JSON'],
    [
      'truncated JSON',
      'application/json',
      '{"items":[{"session_id":"ses-1","last_upd',
      'the body is not JSON',
    ],
    [
      'items: null',
      'application/json',
      '{"items":null,"next_page_token":null}',
      '"items" is null, not an array',
    ],
  ])('%s', async (_label, type, body, problem) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': type }).end(body);
    });

    const { seen, error, ms } = await run(clientFor(server));

    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error?.message).toContain(`200 from GET /api/v1/chat is not a valid page: ${problem}`);
    expect(seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(ms).toBeLessThan(300);
  });
});

describe('AbortSignal cancels at once in every state', () => {
  /**
   * Aborts the first page's request `delayMs` after the server has it (not after a fixed delay from the start: on
   * a loaded machine the request may not have arrived by then); the server would otherwise keep it 30–60 s.
   */
  async function abortAfter(server: TestServer, delayMs: number) {
    const controller = new AbortController();
    const pending = clientFor(server)
      .beta.chat.list({}, { signal: controller.signal })
      .firstPage()
      .catch((e: LlamaCloudError) => e);
    await waitFor(() => server.requests.length > 0);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending;
    // Measured from the abort itself; the bound is generous for a loaded machine, and far below the 30–60 s
    // the request would otherwise take.
    return { error, lateMs: performance.now() - abortedAt };
  }

  /** A handler that never finishes its response, and notes when the client closes the connection. */
  function hanging(start: (res: ServerResponse) => void) {
    const state = { closed: false };
    const handler = (_request: unknown, res: ServerResponse) => {
      res.on('close', () => {
        state.closed = true;
      });
      start(res);
    };
    return { state, handler };
  }

  it('while waiting for headers, closing the connection', async () => {
    const { state, handler } = hanging(() => {});
    const server = await serve(handler);
    const { error, lateMs } = await abortAfter(server, 100);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ kind: 'aborted', cursor: null, pageNumber: 1 });
    expect(lateMs).toBeLessThan(2_000);
    await waitFor(() => state.closed);
  });

  it('while reading the body, closing the connection', async () => {
    const { state, handler } = hanging((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
    });
    const server = await serve(handler);
    const { error, lateMs } = await abortAfter(server, 100);
    expect(error).toBeInstanceOf(AbortedError);
    expect(lateMs).toBeLessThan(2_000);
    await waitFor(() => state.closed);
  });

  it('while sleeping in a backoff', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 503, { detail: 'busy' }, { 'retry-after': '30' }),
    );
    const { error, lateMs } = await abortAfter(server, 150);
    expect(error).toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(1);
    expect(lateMs).toBeLessThan(2_000);
  });
});

describe('the transport', () => {
  const transportWith = (retryTimers: RetryTimers) =>
    new Transport(resolveClientOptions({ apiKey: KEY, baseUrl: 'http://127.0.0.1', retryTimers }));
  const post = (server: TestServer, idempotent?: boolean) => ({
    method: 'POST',
    url: `${server.url}/api/v1/chat`,
    target: 'POST /api/v1/chat' as const,
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
    idempotent: idempotent ?? true,
  });

  it('sends a request body again on every attempt', async () => {
    let answered = 0;
    const server = await serve((_request, res) => {
      res.writeHead(answered++ < 2 ? 503 : 200, { 'retry-after-ms': '0' }).end();
    });

    const { response, attempts } = await transportWith(recordingTimers().retryTimers).run(
      post(server),
      {},
      'answer',
    );

    expect([response.status, attempts]).toEqual([200, 3]);
    expect(server.requests.map((r) => [r.method, r.body, r.headers.authorization])).toEqual(
      Array(3).fill(['POST', '{"a":1}', `Bearer ${KEY}`]),
    );
  });

  it('does not repeat a request that must not be sent twice, unless the server says when', async () => {
    const plain = await serve((_request, res) => sendJson(res, 503, { detail: 'busy' }));
    let asked = 0;
    const withRetryAfter = await serve((_request, res) =>
      asked++ === 0 ? sendJson(res, 503, { detail: 'busy' }, { 'retry-after': '2' }) : sendJson(res, 201, {}),
    );
    const { waits, retryTimers } = recordingTimers();
    const transport = transportWith(retryTimers);

    const refused = (await transport.run(post(plain, false), {}, 'answer')).response.status;
    const accepted = (await transport.run(post(withRetryAfter, false), {}, 'answer')).response.status;

    expect([refused, plain.requests.length]).toEqual([503, 1]);
    expect([accepted, withRetryAfter.requests.length]).toEqual([201, 2]);
    expect(waits).toEqual([2_000]);
  });

  it('retries a request that must not be sent twice when the connection was refused, as it never arrived', async () => {
    const server = await serve(() => {});
    await server.close();
    const { waits, retryTimers } = recordingTimers();

    const error = await transportWith(retryTimers)
      .run(post(server, false), {}, 'answer')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(waits).toEqual([500, 1_000]);
  });
});
