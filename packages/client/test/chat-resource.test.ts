// client.beta.chat's JSON operations: for the same call, the same request as the official SDK (method, path,
// query, body) and the same value back; session ids as exactly one path segment; typed errors.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, MalformedResponseError, NotFoundError } from '../src/index.js';
import { calls, chatServer, KEY, official, ours, seen } from './support/chat-resource-helpers.js';

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
