// The SDK's per-request options, on every method: each one applied, and each mistake refused before anything is sent.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, { ClientConfigError, InternalServerError } from '../src/index.js';
import {
  emptyPage,
  instantTimers,
  KEY,
  recordingFetch,
  retrieved,
  session,
} from './support/request-helpers.js';

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
    ['streamTimeout: 0', { streamTimeout: 0 }, 'streamTimeout must be a number from 1 to 2147483647, got 0.'],
    ['maxRetries: -1', { maxRetries: -1 }, 'maxRetries must be an integer ≥ 0, got -1.'],
    ['maxRetries: 1.5', { maxRetries: 1.5 }, 'maxRetries must be an integer ≥ 0, got 1.5.'],
    [
      'an unknown option',
      { timout: 5 },
      'Unknown request option "timout" (did you mean "timeout"?); the request options are method, path, query, body, headers, maxRetries, timeout, streamTimeout, signal, idempotencyKey, fetchOptions, defaultBaseURL',
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
      'Unknown request option "maxPage" (did you mean "maxPages"?); the request options are method, path, query, body, headers, maxRetries, timeout, streamTimeout, signal, idempotencyKey, fetchOptions, defaultBaseURL, maxPages, prefetch. Nothing was sent.',
    );
    return expect(client.beta.chat.retrieve('s', null, { maxPages: 3 } as never)).rejects.toThrow(
      'Unknown request option "maxPages"; the request options are method, path, query, body, headers, maxRetries, timeout, streamTimeout, signal, idempotencyKey, fetchOptions, defaultBaseURL. Nothing was sent.',
    );
  });
});
