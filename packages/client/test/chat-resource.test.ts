// client.beta.chat's JSON operations: for the same call, the same request as the official SDK (method, path,
// query, body) and the same value back; session ids as exactly one path segment; typed errors; and create, which
// must never make a second session, retried only when that cannot happen.
import type { ServerResponse } from 'node:http';
import { type ReceivedRequest, sendJson, serve, type TestServer } from '@llamacloud-chat/test-support';
import OfficialSDK from '@llamaindex/llama-cloud';
import { describe, expect, it } from 'vitest';
import LlamaCloud, {
  ConnectionError,
  InvalidRequestError,
  MalformedResponseError,
  NotFoundError,
  type RetryTimers,
  TimeoutError,
} from '../src/index.js';

const KEY = 'llx-chat-resource-test';

const session = {
  last_updated_at: '2026-04-22T12:34:41.342245',
  session_id: 'ses-abc123',
  shared_access: 'query',
  generated_title: 'What were the main findings in Q3?',
  index_ids: ['idx-abc123'],
  job_metadata: null,
};
const history = {
  ...session,
  events: [
    { type: 'user_input', content: 'What were the main findings in Q3?' },
    { type: 'tool_call', call_id: 'c1', name: 'search', arguments: { query: 'Q3 findings' } },
    { type: 'tool_result', call_id: 'c1', name: 'search', result: ['p. 4'], image_attachment: null },
    { type: 'text', content: 'Revenue grew 12%.' },
    { type: 'stop', error: null, is_error: false, usage: { duration_ms: 1840, turns: 1 } },
    { type: 'from_the_future', detail: 'unknown events pass through' },
  ],
};

/** Answers like the API: a session for create, retrieve and summary; 204 for delete. */
function chatServer(req: ReceivedRequest, res: ServerResponse) {
  if (req.method === 'DELETE') res.writeHead(204).end();
  else if (req.method === 'POST') sendJson(res, 201, session);
  else if (req.path.endsWith('/summary')) sendJson(res, 200, session);
  else sendJson(res, 200, history);
}

/** What the server saw of a request, as far as the SDKs must agree: method, path and query, JSON body. */
const seen = (r: ReceivedRequest) => ({
  method: r.method,
  url: r.url,
  body: r.body === '' ? undefined : JSON.parse(r.body),
  contentType: r.headers['content-type'],
  authorization: r.headers.authorization,
});

/** Timers that record each wait and return at once. */
function recordingTimers() {
  const waits: number[] = [];
  const retryTimers: RetryTimers = {
    sleep: async (ms) => void waits.push(ms),
    random: () => 0,
    now: () => 0,
  };
  return { waits, retryTimers };
}

const ours = (server: TestServer, retryTimers?: RetryTimers) =>
  new LlamaCloud({ apiKey: KEY, baseURL: server.url, retryTimers });
const official = (server: TestServer) => new OfficialSDK({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });

type Client = Pick<LlamaCloud, 'beta'> | OfficialSDK;
const calls: [string, (client: Client) => Promise<unknown>][] = [
  ['create()', (c) => c.beta.chat.create()],
  [
    'create({ index_ids, project_id })',
    (c) => c.beta.chat.create({ index_ids: ['idx-1', 'idx-2'], project_id: 'p1' }),
  ],
  ['create({ index_ids: null })', (c) => c.beta.chat.create({ index_ids: null, organization_id: 'o1' })],
  ['retrieve(id)', (c) => c.beta.chat.retrieve('ses-abc123')],
  [
    'retrieve(id, query)',
    (c) => c.beta.chat.retrieve('ses-abc123', { organization_id: 'o1', project_id: 'p 1' }),
  ],
  ['getSummary(id, query)', (c) => c.beta.chat.getSummary('ses-abc123', { project_id: 'p1' })],
  ['delete(id)', (c) => c.beta.chat.delete('ses-abc123')],
  [
    'delete(id, params)',
    (c) => c.beta.chat.delete('ses-abc123', { organization_id: 'o1', project_id: 'p1' }),
  ],
  ['an id that is a path: retrieve("a/../b c?d")', (c) => c.beta.chat.retrieve('a/../b c?d')],
  ['a unicode id: getSummary("séance-会话-🦙")', (c) => c.beta.chat.getSummary('séance-会话-🦙')],
];

describe('the same call sends the same request as the official SDK, and gives the same value', () => {
  it.each(calls)('%s', async (_label, call) => {
    const server = await serve(chatServer);

    const mine = await call(ours(server));
    const theirs = await call(official(server));

    expect(server.requests).toHaveLength(2);
    const [a, b] = server.requests.map(seen);
    expect(a).toEqual(b);
    // One difference, on purpose: the SDK types delete() as void but resolves it to null; this client, undefined.
    expect(mine).toEqual(theirs === null ? undefined : theirs);
  });

  it('resolves delete to undefined, and retrieve to every event, unknown types included', async () => {
    const server = await serve(chatServer);
    const client = ours(server);

    expect(await client.beta.chat.delete('ses-abc123')).toBeUndefined();
    expect((await client.beta.chat.retrieve('ses-abc123')).events.map((e) => e.type)).toEqual([
      'user_input',
      'tool_call',
      'tool_result',
      'text',
      'stop',
      'from_the_future',
    ]);
  });

  it('rejects every way of awaiting a failed call, and leaves no unhandled rejection behind', async () => {
    const server = await serve((_req, res) => sendJson(res, 404, { detail: 'gone' }));
    const chat = ours(server).beta.chat;

    const failures = await Promise.all([
      chat
        .retrieve('ses-gone')
        .withResponse()
        .catch((e: unknown) => e),
      chat
        .getSummary('ses-gone')
        .asResponse()
        .catch((e: unknown) => e),
      chat.delete('..').catch((e: unknown) => e),
    ]);

    expect(failures.map((e) => (e as { kind?: string }).kind)).toEqual([
      'not_found',
      'not_found',
      'invalid_request',
    ]);
  });

  it('gives the response too, through withResponse() and asResponse(), as the SDK does', async () => {
    const server = await serve(chatServer);
    const client = ours(server);

    const { data, response } = await client.beta.chat.create({ index_ids: ['idx-1'] }).withResponse();
    const deleted = await client.beta.chat.delete('ses-abc123').asResponse();

    expect([data.session_id, response.status, deleted.status]).toEqual(['ses-abc123', 201, 204]);
  });
});

describe('session ids', () => {
  it('reach the server as exactly one path segment, whatever they hold', async () => {
    const server = await serve(chatServer);
    const client = ours(server);
    const long = 'x'.repeat(1_000);

    await client.beta.chat.retrieve('a/../b c?d#e');
    await client.beta.chat.delete(long);
    await client.beta.chat.getSummary('%2F');

    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/v1/chat/a%2F..%2Fb%20c%3Fd%23e',
      `/api/v1/chat/${long}`,
      '/api/v1/chat/%252F/summary',
    ]);
  });

  it.each([
    ['empty', ''],
    ['a dot', '.'],
    ['two dots', '..'],
  ])('refuses an id that is %s, which no URL can carry as a segment, before sending', async (_label, id) => {
    const server = await serve(chatServer);

    const error = await ours(server)
      .beta.chat.retrieve(id)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toBe(
      `session_id ${JSON.stringify(id)} cannot be sent as a path segment; nothing was sent.`,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('errors', () => {
  it('an unknown session is a NotFoundError naming the operation and the session', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 404, { detail: 'Chat session ses-gone not found' }, { 'x-request-id': 'req-404' }),
    );
    const client = ours(server);

    const errors = await Promise.all([
      client.beta.chat.retrieve('ses-gone').catch((e: unknown) => e),
      client.beta.chat.getSummary('ses-gone').catch((e: unknown) => e),
      client.beta.chat.delete('ses-gone').catch((e: unknown) => e),
    ]);

    expect(errors.map((e) => (e as Error).message)).toEqual([
      '404 Not Found from GET /api/v1/chat/ses-gone: Chat session ses-gone not found (request id req-404)',
      '404 Not Found from GET /api/v1/chat/ses-gone/summary: Chat session ses-gone not found (request id req-404)',
      '404 Not Found from DELETE /api/v1/chat/ses-gone: Chat session ses-gone not found (request id req-404)',
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ kind: 'not_found', status: 404, requestId: 'req-404', attempts: 1 });
    }
    expect(server.requests).toHaveLength(3);
  });

  it('a 200 that is not a session is a MalformedResponseError, and the key appears nowhere', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { detail: `not a session ${KEY}` }));

    const error = await ours(server)
      .beta.chat.retrieve('ses-abc123')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toContain(
      '200 from GET /api/v1/chat/ses-abc123 is not a valid session: "last_updated_at" is missing',
    );
    expect(JSON.stringify(error) + String((error as Error).stack) + (error as Error).message).not.toContain(
      KEY,
    );
  });
});

describe('create is never sent twice', () => {
  it('a 503 without Retry-After is not retried, unlike a GET', async () => {
    const server = await serve((_req, res) => sendJson(res, 503, { detail: 'busy' }));
    const { waits, retryTimers } = recordingTimers();

    const error = await ours(server, retryTimers)
      .beta.chat.create()
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'server', status: 503, attempts: 1 });
    expect([server.requests.length, waits]).toEqual([1, []]);
  });

  it('a 429 or 503 that says when to retry is retried after that wait', async () => {
    let answered = 0;
    const server = await serve((_req, res) =>
      answered++ === 0
        ? sendJson(res, 429, { detail: 'slow down' }, { 'retry-after': '2' })
        : sendJson(res, 201, session),
    );
    const { waits, retryTimers } = recordingTimers();

    const created = await ours(server, retryTimers).beta.chat.create({ index_ids: ['idx-1'] });

    expect(created.session_id).toBe('ses-abc123');
    expect(waits).toEqual([2_000]);
    expect(server.requests.map((r) => r.body)).toEqual([
      '{"index_ids":["idx-1"]}',
      '{"index_ids":["idx-1"]}',
    ]);
  });

  it('a connection reset after sending is an error saying the session may or may not exist, with no retry', async () => {
    const server = await serve((_req, res) => void res.socket?.destroy());
    const { waits, retryTimers } = recordingTimers();

    const error = await ours(server, retryTimers)
      .beta.chat.create()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('the session may or may not have been created');
    expect([server.requests.length, waits]).toEqual([1, []]);
  });

  it('a timeout is the same: no second request', async () => {
    const server = await serve(() => {});
    const { waits, retryTimers } = recordingTimers();

    const error = await new LlamaCloud({
      apiKey: KEY,
      baseURL: server.url,
      retryTimers,
      timeout: 100,
    }).beta.chat
      .create()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe(
      'POST /api/v1/chat timed out after 100 ms. The request may have reached the server, so the session may or may not have been created: list sessions before creating it again.',
    );
    expect([server.requests.length, waits]).toEqual([1, []]);
  });

  it('a refused connection is retried: the request never arrived', async () => {
    const server = await serve(() => {});
    await server.close();
    const { waits, retryTimers } = recordingTimers();

    const error = await ours(server, retryTimers)
      .beta.chat.create()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).not.toContain('may or may not');
    expect(waits).toEqual([500, 1_000]);
  });
});
