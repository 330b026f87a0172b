// The SDK's request surface: HTTP verbs for endpoints the client has no method for, asResponse()/withResponse()
// on every call, every per-request option (checked for every method before anything is sent), and the
// x-stainless-retry-count header.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, {
  AuthenticationError,
  ClientConfigError,
  InternalServerError,
  NotFoundError,
  Page,
  type RetryTimers,
} from '../src/index.js';

const KEY = 'llx-requests-test-0123456789';
const session = { session_id: 'ses-1', last_updated_at: '2026-04-22T12:34:41Z', shared_access: 'read_only' };
const retrieved = { ...session, events: [] };
const emptyPage = { items: [], next_page_token: null };

/** Retries without waiting: the waits the client chose are recorded instead. */
function instantTimers(): RetryTimers & { waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms), random: () => 0, now: () => 0 };
}

/** A fetch that records each call and answers from `answer`. */
function recordingFetch(answer: (call: number) => Response = () => Response.json({ ok: true })) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    return answer(calls.length);
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('HTTP verbs for endpoints the client has no method for', () => {
  it('sends get/post/put/patch/delete with the key and query, and resolves to the parsed body', async () => {
    const server = await serve((req, res) =>
      req.method === 'DELETE'
        ? void res.writeHead(204).end()
        : sendJson(res, 200, { method: req.method, body: req.body }),
    );
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url });

    const results = [
      await client.get('/api/v1/files', { query: { page_size: 2, project_id: null } }),
      await client.post('/api/v1/files', { body: { name: 'a.pdf' } }),
      await client.put('/api/v1/files/f1', { body: { name: 'b.pdf' } }),
      await client.patch('/api/v1/files/f1', { body: { name: 'c.pdf' } }),
      await client.delete('/api/v1/files/f1'),
    ];

    expect(results).toEqual([
      { method: 'GET', body: '' },
      { method: 'POST', body: '{"name":"a.pdf"}' },
      { method: 'PUT', body: '{"name":"b.pdf"}' },
      { method: 'PATCH', body: '{"name":"c.pdf"}' },
      null,
    ]);
    expect(
      server.requests.map((r) => [r.method, r.url, r.headers.authorization, r.headers['content-type']]),
    ).toEqual([
      ['GET', '/api/v1/files?page_size=2', `Bearer ${KEY}`, undefined],
      ['POST', '/api/v1/files', `Bearer ${KEY}`, 'application/json'],
      ['PUT', '/api/v1/files/f1', `Bearer ${KEY}`, 'application/json'],
      ['PATCH', '/api/v1/files/f1', `Bearer ${KEY}`, 'application/json'],
      ['DELETE', '/api/v1/files/f1', `Bearer ${KEY}`, undefined],
    ]);
  });

  it('sends client.request({ method, path, query, body, headers }) and resolves text that is not JSON as text', async () => {
    const server = await serve(
      (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('pong'),
    );
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url });

    const body = await client.request({
      method: 'post',
      path: '/api/v1/ping',
      query: { verbose: true },
      body: { at: 1 },
      headers: { 'X-Trace': 't-1' },
    });

    expect(body).toBe('pong');
    expect(server.requests.map((r) => [r.method, r.url, r.body, r.headers['x-trace']])).toEqual([
      ['POST', '/api/v1/ping?verbose=true', '{"at":1}', 't-1'],
    ]);
  });

  it('calls a custom fetch with the URL and a Headers object, as the SDK does', async () => {
    const { calls, fetch } = recordingFetch(() => Response.json({ custom: true }));
    const client = new LlamaCloud({ apiKey: 'My API Key', baseURL: 'http://localhost:5000/', fetch });

    expect(await client.get('/foo')).toEqual({ custom: true });
    await client.patch('/foo');

    expect(calls.map((c) => [c.url, c.init.method])).toEqual([
      ['http://localhost:5000/foo', 'GET'],
      ['http://localhost:5000/foo', 'PATCH'],
    ]);
    expect((calls[0]?.init.headers as Headers | undefined)?.get('authorization')).toBe('Bearer My API Key');
  });

  it('goes through the same retries and typed errors: a GET is retried, a POST that may have arrived is not', async () => {
    const server = await serve((_req, res) => sendJson(res, 503, { detail: 'busy' }));
    const timers = instantTimers();
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url, retryTimers: timers });

    const got = await client.get('/api/v1/files').catch((e: unknown) => e);
    const posted = await client.post('/api/v1/files', { body: {} }).catch((e: unknown) => e);

    expect(got).toBeInstanceOf(InternalServerError);
    expect((got as Error).message).toBe(
      '503 Service Unavailable from GET /api/v1/files: busy (after 3 attempts)',
    );
    expect(posted).toBeInstanceOf(InternalServerError);
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'POST']);
  });

  it('scrubs an echoed key and logs the call like any other', async () => {
    const server = await serve((_req, res) => sendJson(res, 401, { detail: `Invalid API key ${KEY}` }));
    const lines: string[] = [];
    const log = (message: string) => lines.push(message);
    const logger = { debug: log, info: log, warn: log, error: log };
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url, logLevel: 'info', logger });

    const error = await client.get('/api/v1/whoami').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe(
      '401 Unauthorized from GET /api/v1/whoami: Invalid API key [redacted]',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/whoami failed with status 401/);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('refuses a path that is not one, and a request without a method, before sending', async () => {
    const { calls, fetch } = recordingFetch();
    const client = new LlamaCloud({ apiKey: KEY, fetch });

    await expect(client.get('https://elsewhere.example/steal')).rejects.toThrow(
      'The request option path must be a path starting with "/", with no query or fragment (put query parameters in { query }), got "https://elsewhere.example/steal". Nothing was sent.',
    );
    await expect(client.request({ path: '/x' } as never)).rejects.toThrow(ClientConfigError);
    await expect(client.request({ method: 'fetch', path: '/x' } as never)).rejects.toThrow(
      'The request option method must be one of get, post, put, patch, delete, got "fetch".',
    );
    expect(calls).toEqual([]);
  });
});

describe('asResponse() and withResponse() on every call', () => {
  it('gives the JSON operations’ response with a body still readable, the same object from both', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, retrieved));
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url });

    const call = client.beta.chat.retrieve('ses-1');
    const raw = await call.asResponse();
    const data = await call;
    const both = await call.withResponse();

    expect(raw).toBeInstanceOf(Response);
    expect(data).not.toBeInstanceOf(Response);
    expect(both.data).toBe(data);
    expect(both.response).toBe(raw);
    expect(raw.status).toBe(200);
    expect(await raw.json()).toEqual(retrieved);
    expect(server.requests).toHaveLength(1);
  });

  it('gives an HTTP verb’s response with its body unread, as the SDK’s asResponse() does', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { a: 1 }));
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url });

    expect(
      await client
        .request({ path: '/foo', method: 'get' })
        .asResponse()
        .then((r) => r.text()),
    ).toBe('{"a":1}');
  });

  it('gives list()’s first page and its response', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { items: [session], next_page_token: null }),
    );
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url });

    const listing = client.beta.chat.list();
    const raw = await listing.asResponse();
    const page = await listing;
    const both = await listing.withResponse();

    expect(raw).toBeInstanceOf(Response);
    expect(raw.bodyUsed).toBe(true);
    expect(page).toBeInstanceOf(Page);
    expect(page.items).toEqual([session]);
    expect(both.data).toBe(page);
    expect(both.response).toBe(raw);
    expect(server.requests).toHaveLength(1);
  });

  it('gives stream()’s response once its headers are in, the body unread, and the stream beside it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"type":"text_delta","content":"hi"}\n\ndata: {"type":"stop","usage":{}}\n\n');
    });
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url });

    const turn = client.beta.chat.stream('ses-1', { prompt: 'Hi', index_ids: [] });
    const raw = await turn.asResponse();
    const stream = await turn;
    const both = await turn.withResponse();

    expect(raw).toBeInstanceOf(Response);
    expect(raw.headers.get('content-type')).toBe('text/event-stream');
    expect(raw.bodyUsed).toBe(false);
    expect(stream.constructor.name).toBe('ChatStream');
    expect(both.data).toBe(stream);
    expect(both.response).toBe(raw);
    expect(await stream.text()).toBe('hi');
  });

  it('rejects asResponse() with the typed error when the status is an error', async () => {
    const server = await serve((_req, res) => sendJson(res, 404, { detail: 'Chat session ses-1 not found' }));
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url });

    await expect(client.beta.chat.getSummary('ses-1').asResponse()).rejects.toThrow(NotFoundError);
    await expect(client.beta.chat.list().asResponse()).rejects.toThrow(NotFoundError);
    await expect(
      client.beta.chat.stream('ses-1', { prompt: 'Hi', index_ids: [] }).asResponse(),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('per-request options', () => {
  it.each([
    ['list', (c: LlamaCloud) => c.beta.chat.list({}, { path: '/_stainless_unknown_path' })],
    ['create', (c: LlamaCloud) => c.beta.chat.create({}, { path: '/_stainless_unknown_path' })],
    ['retrieve', (c: LlamaCloud) => c.beta.chat.retrieve('s', {}, { path: '/_stainless_unknown_path' })],
    ['getSummary', (c: LlamaCloud) => c.beta.chat.getSummary('s', {}, { path: '/_stainless_unknown_path' })],
    ['delete', (c: LlamaCloud) => c.beta.chat.delete('s', {}, { path: '/_stainless_unknown_path' })],
    [
      'stream',
      (c: LlamaCloud) =>
        c.beta.chat
          .stream('s', { prompt: 'Hi', index_ids: [] }, { path: '/_stainless_unknown_path' })
          .asResponse(),
    ],
  ])('%s sends to the path a call gives, as the SDK does', async (_name, call) => {
    const server = await serve((req, res) =>
      req.path === '/_stainless_unknown_path'
        ? sendJson(res, 404, { detail: 'Not Found' })
        : sendJson(res, 200, emptyPage),
    );

    await expect(Promise.resolve(call(new LlamaCloud({ apiKey: KEY, baseURL: server.url })))).rejects.toThrow(
      LlamaCloud.NotFoundError,
    );
    expect(server.requests.map((r) => r.path)).toEqual(['/_stainless_unknown_path']);
  });

  it('replaces the method, query and body, and merges headers, a null removing one', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, session));
    const client = new LlamaCloud({
      apiKey: KEY,
      baseURL: server.url,
      defaultHeaders: { 'X-Team': 'search', 'X-My-Default-Header': '2' },
    });

    await client.beta.chat.create(
      { index_ids: ['idx-1'] },
      {
        method: 'put',
        query: { project_id: 'p-9' },
        body: { index_ids: ['idx-2'] },
        headers: {
          'X-Foo': 'baz',
          'x-foo': 'bar',
          'x-Foo': undefined,
          'X-Team': null,
          'x-my-default-header': undefined,
        },
        idempotencyKey: 'create-once-1',
      },
    );

    const [request] = server.requests;
    expect([request?.method, request?.url, request?.body]).toEqual([
      'PUT',
      '/api/v1/chat?project_id=p-9',
      '{"index_ids":["idx-2"]}',
    ]);
    expect(request?.headers['x-foo']).toBe('bar');
    expect(request?.headers['x-team']).toBeUndefined();
    expect(request?.headers['x-my-default-header']).toBe('2');
    expect(request?.headers['idempotency-key']).toBe('create-once-1');
  });

  it('sends idempotencyKey as Idempotency-Key, without making create retried', async () => {
    const server = await serve((_req, res) => sendJson(res, 503, { detail: 'busy' }));
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url, retryTimers: instantTimers() });

    await expect(client.beta.chat.create({}, { idempotencyKey: 'once-1' })).rejects.toThrow(
      InternalServerError,
    );

    expect(server.requests.map((r) => [r.method, r.headers['idempotency-key']])).toEqual([
      ['POST', 'once-1'],
    ]);
  });

  it('passes a call’s fetchOptions over the client’s', async () => {
    const { calls, fetch } = recordingFetch(() => Response.json(retrieved));
    const client = new LlamaCloud({
      apiKey: KEY,
      fetch,
      fetchOptions: { keepalive: true, redirect: 'manual' },
    });

    await client.beta.chat.retrieve('ses-1', null, { fetchOptions: { redirect: 'error' } });

    expect([calls[0]?.init.keepalive, calls[0]?.init.redirect]).toEqual([true, 'error']);
  });

  it('uses defaultBaseURL only when the client is on the default base URL, as the SDK does', async () => {
    const { calls, fetch } = recordingFetch(() => Response.json(retrieved));
    const onDefault = new LlamaCloud({ apiKey: KEY, fetch, baseURL: 'https://api.cloud.llamaindex.ai' });
    const onOwn = new LlamaCloud({ apiKey: KEY, fetch, baseURL: 'http://localhost:5000/client' });

    await onDefault.beta.chat.retrieve('ses-1', null, { defaultBaseURL: 'http://localhost:5000/option' });
    await onOwn.beta.chat.retrieve('ses-1', null, { defaultBaseURL: 'http://localhost:5000/option' });

    expect(calls.map((c) => c.url)).toEqual([
      'http://localhost:5000/option/api/v1/chat/ses-1',
      'http://localhost:5000/client/api/v1/chat/ses-1',
    ]);
  });

  it('cancels through signal and bounds each attempt by timeout, per call', async () => {
    const server = await serve(() => {
      // never answers
    });
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });

    const timedOut = await client.beta.chat.getSummary('s', null, { timeout: 50 }).catch((e: unknown) => e);

    expect((timedOut as Error).message).toBe('GET /api/v1/chat/s/summary timed out after 50 ms.');
  });

  it('retries a call as often as its maxRetries says', async () => {
    const server = await serve((_req, res) => sendJson(res, 500, { detail: 'boom' }));
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url, retryTimers: instantTimers() });

    await expect(client.beta.chat.retrieve('s', null, { maxRetries: 4 })).rejects.toThrow(
      '(after 5 attempts)',
    );
    expect(server.requests).toHaveLength(5);
  });

  const calls: [string, (c: LlamaCloud, options: object) => PromiseLike<unknown>][] = [
    ['list', (c, o) => c.beta.chat.list({}, o)],
    ['create', (c, o) => c.beta.chat.create({}, o)],
    ['retrieve', (c, o) => c.beta.chat.retrieve('s', null, o)],
    ['getSummary', (c, o) => c.beta.chat.getSummary('s', null, o)],
    ['delete', (c, o) => c.beta.chat.delete('s', null, o)],
    ['stream', (c, o) => c.beta.chat.stream('s', { prompt: 'Hi', index_ids: [] }, o)],
    ['get', (c, o) => c.get('/x', o)],
    ['request', (c, o) => c.request({ method: 'get', path: '/x', ...o })],
  ];
  const bad: [string, object, string][] = [
    ['timeout: -5', { timeout: -5 }, 'timeout must be a number from 1 to 2147483647, got -5.'],
    ['maxRetries: -1', { maxRetries: -1 }, 'maxRetries must be an integer ≥ 0, got -1.'],
    ['maxRetries: 1.5', { maxRetries: 1.5 }, 'maxRetries must be an integer ≥ 0, got 1.5.'],
    [
      'an unknown option',
      { timout: 5 },
      'Unknown request option "timout" (did you mean "timeout"?); the request options are method, path, query, body, headers, maxRetries, timeout, signal, idempotencyKey, fetchOptions, defaultBaseURL',
    ],
  ];
  for (const [name, call] of calls) {
    it.each(bad)(`${name} refuses %s before sending anything`, async (_label, options, message) => {
      const { calls: sent, fetch } = recordingFetch();
      const client = new LlamaCloud({ apiKey: KEY, fetch });

      let caught: unknown;
      try {
        await call(client, options);
      } catch (error) {
        caught = error;
      }

      expect(caught).toBeInstanceOf(ClientConfigError);
      expect((caught as Error).message).toContain(message);
      expect(sent).toEqual([]);
    });
  }

  it('keeps list()’s own options, maxPages and prefetch, and names them among the known ones', () => {
    const client = new LlamaCloud({ apiKey: KEY, fetch: recordingFetch().fetch });
    expect(() => client.beta.chat.list({}, { maxPage: 3 } as never)).toThrow(
      'Unknown request option "maxPage" (did you mean "maxPages"?); the request options are method, path, query, body, headers, maxRetries, timeout, signal, idempotencyKey, fetchOptions, defaultBaseURL, maxPages, prefetch. Nothing was sent.',
    );
    return expect(client.beta.chat.retrieve('s', null, { maxPages: 3 } as never)).rejects.toThrow(
      'Unknown request option "maxPages"; the request options are method, path, query, body, headers, maxRetries, timeout, signal, idempotencyKey, fetchOptions, defaultBaseURL. Nothing was sent.',
    );
  });
});

describe('x-stainless-retry-count', () => {
  /** A server that answers 429 twice (asking for no wait), then 200. */
  const flaky = () =>
    serve((_req, res) =>
      flakyCount.next() < 2
        ? sendJson(res, 429, { detail: 'slow down' }, { 'retry-after': '0' })
        : sendJson(res, 200, { a: 1 }),
    );
  const flakyCount = { n: 0, next: () => flakyCount.n++ };

  it('sends the attempt number, from 0', async () => {
    flakyCount.n = 0;
    const server = await flaky();
    const client = new LlamaCloud({
      apiKey: KEY,
      baseURL: server.url,
      maxRetries: 4,
      retryTimers: instantTimers(),
    });

    expect(await client.request({ path: '/foo', method: 'get' })).toEqual({ a: 1 });

    expect(server.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
  });

  it('counts a listing’s pages’ retries too', async () => {
    const server = await serve((_req, res) =>
      server.requests.length === 1 ? sendJson(res, 503, { detail: 'busy' }) : sendJson(res, 200, emptyPage),
    );
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url, retryTimers: instantTimers() });

    await client.beta.chat.list().firstPage();

    expect(server.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
  });

  it.each([
    [
      'a null header on the call',
      { headers: { 'X-Stainless-Retry-Count': null } },
      {},
      [undefined, undefined, undefined],
    ],
    [
      'a null default header',
      {},
      { defaultHeaders: { 'X-Stainless-Retry-Count': null } },
      [undefined, undefined, undefined],
    ],
    ['a value on the call', { headers: { 'X-Stainless-Retry-Count': '42' } }, {}, ['42', '42', '42']],
  ])('leaves it to %s', async (_label, call, client, seen) => {
    flakyCount.n = 0;
    const server = await flaky();
    const llama = new LlamaCloud({
      apiKey: KEY,
      baseURL: server.url,
      maxRetries: 4,
      retryTimers: instantTimers(),
      ...client,
    });

    expect(await llama.request({ path: '/foo', method: 'get', ...call })).toEqual({ a: 1 });

    expect(server.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(seen);
  });
});
