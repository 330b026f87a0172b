// The SDK's request surface: HTTP verbs for endpoints the client has no method for, asResponse()/withResponse()
// on every call, and the x-stainless-retry-count header.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, {
  AuthenticationError,
  ClientConfigError,
  InternalServerError,
  NotFoundError,
  Page,
} from '../src/index.js';
import {
  emptyPage,
  instantTimers,
  KEY,
  recordingFetch,
  retrieved,
  session,
} from './support/request-helpers.js';

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
