// create must never make a second session: retried only when that cannot happen, and a caller told when it may
// have happened.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, { ConnectionError, TimeoutError } from '../src/index.js';
import { KEY, ours, recordingTimers, session } from './support/chat-resource-helpers.js';

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
