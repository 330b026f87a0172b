// Fault injection: real local servers that rate-limit, fail, stall, reset and lie. Each scenario asserts the
// items yielded, the requests made, the error a caller gets, and how long it took.

import {
  cursorAt,
  makeSessions,
  pagedSessions,
  sendJson,
  serve,
  type TestServer,
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
  TimeoutError,
} from '../src/index.js';
import { DEFAULT_RETRY_POLICY, retryingFetch } from '../src/retry.js';

const KEY = 'llx-reliability-test';
const sessions = makeSessions(30);
const ids = (items: readonly { session_id: string }[]) => items.map((s) => s.session_id);
const urls = (server: TestServer) => server.requests.map((r) => r.url);

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

const clientFor = (server: TestServer, options: ConstructorParameters<typeof LlamaCloud>[0] = {}) =>
  new LlamaCloud({ apiKey: KEY, baseUrl: server.url, ...options });

/** A paged server whose n-th request (0-based) is answered by `faults[n]` when there is one. */
function faulty(faults: Record<number, (res: import('node:http').ServerResponse) => void>) {
  let n = 0;
  return pagedSessions(sessions, {
    fault: (_request, res) => {
      const fault = faults[n++];
      fault?.(res);
      return fault !== undefined;
    },
  });
}

describe('retries', () => {
  it('429 with Retry-After: 1, then success: waits a second and loses nothing', async () => {
    const server = await serve(
      faulty({ 1: (res) => sendJson(res, 429, { detail: 'slow down' }, { 'retry-after': '1' }) }),
    );

    const { seen, error, ms } = await run(clientFor(server));

    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
    expect(urls(server)).toEqual([
      '/api/v1/chat?page_size=10',
      '/api/v1/chat?page_size=10&page_token=cur-10',
      '/api/v1/chat?page_size=10&page_token=cur-10',
      '/api/v1/chat?page_size=10&page_token=cur-20',
    ]);
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(ms).toBeLessThan(2_000);
  });

  it('a 503 burst shorter than the retry budget, then success: backs off 0.5 s then 1 s', async () => {
    const unavailable = (res: import('node:http').ServerResponse) => sendJson(res, 503, { detail: 'busy' });
    const server = await serve(faulty({ 1: unavailable, 2: unavailable }));

    const { seen, error, ms } = await run(clientFor(server));

    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
    expect(urls(server).filter((u) => u.endsWith('cur-10'))).toHaveLength(3);
    expect(server.requests).toHaveLength(5);
    // 0.5 s and 1 s, each less up to 25% jitter.
    expect(ms).toBeGreaterThanOrEqual(1_120);
    expect(ms).toBeLessThan(2_500);
  });

  it('a 503 burst longer than the budget: an error with the cursor to resume from, after 3 attempts', async () => {
    const unavailable = (res: import('node:http').ServerResponse) =>
      sendJson(res, 503, { detail: 'busy' }, { 'x-request-id': 'req-7' });
    const server = await serve(faulty({ 1: unavailable, 2: unavailable, 3: unavailable }));

    const { seen, error, ms } = await run(clientFor(server));

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
    expect(ms).toBeLessThan(2_500);

    // The server has recovered; resuming from the cursor finishes the listing with nothing lost or repeated.
    const resumed: string[] = [];
    for await (const s of clientFor(server).beta.chat.list({ page_size: 10, page_token: error?.cursor })) {
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

    const { seen, error, ms } = await run(clientFor(server, { retryBackoff: { initialMs: 10, maxMs: 10 } }));

    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
    expect(server.requests).toHaveLength(4);
    expect(ms).toBeLessThan(1_000);
  });

  it('a server that never answers: a TimeoutError after each attempt times out', async () => {
    const server = await serve(faulty({ 1: () => {}, 2: () => {} }));

    const { seen, error, ms } = await run(
      clientFor(server, { timeout: 200, maxRetries: 1, retryBackoff: { initialMs: 10, maxMs: 10 } }),
    );

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: 'timeout', cursor: cursorAt(10), pageNumber: 2 });
    expect(error?.message).toBe('GET /api/v1/chat timed out after 200 ms per attempt (2 attempts).');
    expect(seen).toEqual(ids(sessions.slice(0, 10)));
    expect(server.requests).toHaveLength(3);
    expect(ms).toBeGreaterThanOrEqual(400);
    expect(ms).toBeLessThan(1_500);
  });

  it('Retry-After: 3600 fails at once with a RateLimitError carrying the requested wait', async () => {
    const server = await serve(
      faulty({ 0: (res) => sendJson(res, 429, { detail: 'quota exhausted' }, { 'retry-after': '3600' }) }),
    );

    const { seen, error, ms } = await run(clientFor(server));

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
    expect(ms).toBeLessThan(300);
  });

  it.each([
    ['retry-after-ms', () => ({ 'retry-after-ms': '150', 'retry-after': '30' }), 150],
    // HTTP dates have whole seconds: 2.5 s ahead is a wait of 1.5 to 2.5 s.
    ['an HTTP date', () => ({ 'retry-after': new Date(Date.now() + 2_500).toUTCString() }), 1_400],
    ['a date in the past', () => ({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), 0],
  ])('honours %s', async (_label, headers, atLeastMs) => {
    const server = await serve(faulty({ 0: (res) => sendJson(res, 429, { detail: 'wait' }, headers()) }));

    const { seen, error, ms } = await run(clientFor(server));

    expect(error).toBeUndefined();
    expect(seen).toEqual(ids(sessions));
    expect(server.requests).toHaveLength(4);
    expect(ms).toBeGreaterThanOrEqual(atLeastMs);
    expect(ms).toBeLessThan(atLeastMs + 1_600);
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

    const stopped = await run(clientFor(stop));
    const retried = await run(clientFor(retry));

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

    const { error, seen } = await run(clientFor(server));

    expect(error).toBeUndefined();
    expect(seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('maxRetries: 0 disables retrying, per client and per request', async () => {
    const unavailable = (res: import('node:http').ServerResponse) => sendJson(res, 503, { detail: 'busy' });
    const perClient = await serve(faulty({ 0: unavailable }));
    const perRequest = await serve(faulty({ 0: unavailable }));

    const a = await run(clientFor(perClient, { maxRetries: 0 }));
    const b = await run(clientFor(perRequest), { maxRetries: 0 });

    expect([a.error?.kind, b.error?.kind]).toEqual(['server', 'server']);
    expect([perClient.requests.length, perRequest.requests.length]).toEqual([1, 1]);
  });

  it('a 401 is not retried', async () => {
    const server = await serve((_req, res) => sendJson(res, 401, { detail: 'Invalid API key' }));

    const { error, ms } = await run(clientFor(server));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toBe('401 Unauthorized from GET /api/v1/chat: Invalid API key');
    expect(server.requests).toHaveLength(1);
    expect(ms).toBeLessThan(300);
  });

  it('connection refused: a ConnectionError after the retries, naming the reason', async () => {
    const server = await serve(() => {});
    const url = server.url;
    await server.close();

    const { error, ms } = await run(
      new LlamaCloud({ apiKey: KEY, baseUrl: url, retryBackoff: { initialMs: 10, maxMs: 10 } }),
    );

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error?.message).toBe(
      'Could not reach the API for GET /api/v1/chat (3 attempts): fetch failed (ECONNREFUSED). Check the network and LLAMA_CLOUD_BASE_URL.',
    );
    expect(ms).toBeLessThan(1_000);
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

describe('AbortSignal cancels within 50 ms in every state', () => {
  async function abortAfter(
    server: TestServer,
    delayMs: number,
    options: ConstructorParameters<typeof LlamaCloud>[0] = {},
  ) {
    const controller = new AbortController();
    let abortedAt = Number.NaN;
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, delayMs);
    const error = await clientFor(server, options)
      .beta.chat.list({}, { signal: controller.signal })
      .firstPage()
      .catch((e: LlamaCloudError) => e);
    // Measured from the abort itself, not from when the timer was set, which a loaded machine may delay.
    return { error, lateMs: performance.now() - abortedAt };
  }

  it('while waiting for headers', async () => {
    const server = await serve(() => {});
    const { error, lateMs } = await abortAfter(server, 100);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ kind: 'aborted', cursor: null, pageNumber: 1 });
    expect(lateMs).toBeLessThan(50);
  });

  it('while reading the body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
    });
    const { error, lateMs } = await abortAfter(server, 100);
    expect(error).toBeInstanceOf(AbortedError);
    expect(lateMs).toBeLessThan(50);
  });

  it('while sleeping in a backoff', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 503, { detail: 'busy' }, { 'retry-after': '30' }),
    );
    const { error, lateMs } = await abortAfter(server, 150);
    expect(error).toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(1);
    expect(lateMs).toBeLessThan(50);
  });
});

describe('the retrying fetch under the client', () => {
  it('sends a request body again on every attempt', async () => {
    const bodies: string[] = [];
    const server = await serve((_request, res) => {
      res.writeHead(bodies.length < 3 ? 503 : 200, { 'retry-after-ms': '0' }).end();
    });
    const fetch = retryingFetch(
      async (input, init) => {
        const request = new Request(input as Request, init);
        bodies.push(await request.clone().text());
        return globalThis.fetch(request);
      },
      { ...DEFAULT_RETRY_POLICY, retryBackoff: { initialMs: 1, maxMs: 1 } },
      KEY,
    );

    const response = await fetch(new Request(`${server.url}/echo`, { method: 'POST', body: '{"a":1}' }));

    expect(response.status).toBe(200);
    expect(bodies).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });
});
