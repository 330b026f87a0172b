// The API key travels only in the Authorization header: never in a URL, an error message, a stack, a
// serialized or inspected error, or a redirect to another origin. Bad input fails before anything is sent.
import { inspect } from 'node:util';
import { makeSessions, pagedSessions, sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, { createClient, InvalidRequestError, type LlamaCloudError } from '../src/index.js';

const KEY = 'llx-s3cr3t-0123456789abcdef';

/** Everything a caller might print or log about an error. */
const renderings = (error: unknown) => [
  String(error),
  (error as Error).message,
  String((error as Error).stack),
  JSON.stringify(error),
  inspect(error, { depth: 10 }),
  inspect(error, { depth: 10, showHidden: true }),
];

async function failure(client: LlamaCloud): Promise<LlamaCloudError> {
  try {
    for await (const _ of client.beta.chat.list({ page_size: 5 })) {
      // drain
    }
  } catch (error) {
    return error as LlamaCloudError;
  }
  throw new Error('expected the listing to fail');
}

describe('the key never leaks', () => {
  it('travels only in the Authorization header, on every page', async () => {
    const server = await serve(pagedSessions(makeSessions(12), { pageSize: 5 }));

    for await (const _ of new LlamaCloud({ apiKey: KEY, baseUrl: server.url }).beta.chat.list({
      page_size: 5,
    })) {
      // drain
    }

    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(request.url).not.toContain(KEY);
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(Object.entries(request.headers).filter(([, v]) => String(v).includes(KEY))).toEqual([
        ['authorization', `Bearer ${KEY}`],
      ]);
    }
  });

  it.each([
    [
      'a 401 whose body and headers echo the key',
      401,
      'application/json',
      `{"detail":"Invalid API key ${KEY}"}`,
    ],
    ['a 500 echoing the key in plain text', 500, 'text/plain', `upstream rejected Bearer ${KEY}`],
    ['a 200 HTML page echoing the key', 200, 'text/html', `<html>token=${KEY}</html>`],
  ])('is redacted from errors built from %s', async (_label, status, type, body) => {
    const server = await serve((_req, res) => {
      res.writeHead(status, { 'content-type': type, 'x-echo-authorization': `Bearer ${KEY}` }).end(body);
    });

    const error = await failure(new LlamaCloud({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 }));

    expect(error.message).toContain('[redacted]');
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
  });

  it('is absent from connection and timeout errors', async () => {
    const stalled = await serve(() => {});
    const gone = await serve(() => {});
    await gone.close();

    const errors = [
      await failure(new LlamaCloud({ apiKey: KEY, baseUrl: stalled.url, timeout: 50, maxRetries: 0 })),
      await failure(new LlamaCloud({ apiKey: KEY, baseUrl: gone.url, maxRetries: 0 })),
    ];

    expect(errors.map((e) => e.kind)).toEqual(['timeout', 'connection']);
    for (const text of errors.flatMap(renderings)) expect(text).not.toContain(KEY);
  });

  it('is not carried by a redirect to another origin, and is by a redirect within the origin', async () => {
    const elsewhere = await serve(pagedSessions(makeSessions(2)));
    const home = await serve((req, res) => {
      if (req.path === '/api/v1/chat' && !req.query.moved) {
        const to = req.query.page_token === 'away' ? elsewhere.url : '';
        res.writeHead(302, { location: `${to}/api/v1/chat?moved=1` }).end();
      } else sendJson(res, 200, { items: [], next_page_token: null });
    });
    const client = createClient({ apiKey: KEY, baseUrl: home.url });

    await client.GET('/api/v1/chat', { params: { query: { page_token: 'away' } } });
    await client.GET('/api/v1/chat', { params: { query: { page_token: 'stay' } } });

    expect(elsewhere.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/api/v1/chat?moved=1', undefined],
    ]);
    expect(home.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/api/v1/chat?page_token=away', `Bearer ${KEY}`],
      ['/api/v1/chat?page_token=stay', `Bearer ${KEY}`],
      ['/api/v1/chat?moved=1', `Bearer ${KEY}`],
    ]);
  });
});

describe('a request the spec forbids fails before sending', () => {
  it.each([
    [
      'a fractional page_size',
      { page_size: 1.5 },
      'Query parameter page_size of GET /api/v1/chat must be integer or null, got 1.5. Nothing was sent.',
    ],
    [
      'a page_size given as a string',
      { page_size: '10' },
      'Query parameter page_size of GET /api/v1/chat must be integer or null, got "10". Nothing was sent.',
    ],
    [
      'a project_id given as a number',
      { project_id: 42 },
      'Query parameter project_id of GET /api/v1/chat must be string or null, got 42. Nothing was sent.',
    ],
    [
      'a misspelt parameter',
      { pageSize: 10 },
      'GET /api/v1/chat has no query parameter pageSize; it takes organization_id, page_size, page_token, project_id. Nothing was sent.',
    ],
  ])('%s', async (_label, params, message) => {
    const server = await serve((_req, res) => sendJson(res, 200, { items: [], next_page_token: null }));
    const client = new LlamaCloud({ apiKey: KEY, baseUrl: server.url });

    const error = await client.beta.chat
      .list(params as never)
      .firstPage()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ kind: 'invalid_request', message, cursor: null, pageNumber: 1 });
    expect(server.requests).toEqual([]);
  });
});
