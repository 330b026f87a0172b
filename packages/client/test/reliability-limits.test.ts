// What is never retried (a broken 200), how an AbortSignal cancels in every state, and the transport on its own:
// a body sent again on every attempt, and a request that must not be sent twice.
import type { ServerResponse } from 'node:http';
import { sendJson, serve, type TestServer, waitFor } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ConnectionError,
  type LlamaCloudError,
  MalformedResponseError,
  type RetryTimers,
} from '../src/index.js';
import { resolveClientOptions } from '../src/resolve-options.js';
import { Transport } from '../src/transport.js';
import { type ManualTimers, manualTimers } from './support/manual-timers.js';
import { clientFor, KEY, recordedClient, recordingTimers, run } from './support/reliability-helpers.js';

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

    const { waits, client } = recordedClient(server);
    const { seen, error } = await run(client);

    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error?.message).toContain(`200 from GET /api/v1/chat is not a valid page: ${problem}`);
    expect(seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe('AbortSignal cancels at once in every state', () => {
  /**
   * Aborts the first page's request once `ready` says it is in the state under test. The client's timers are
   * manual and never advanced, so its timeout and backoff cannot end the call: only the abort can.
   */
  async function abortWhen(server: TestServer, timers: ManualTimers, ready: Promise<unknown>) {
    const controller = new AbortController();
    const pending = clientFor(server, { retryTimers: timers.retryTimers })
      .beta.chat.list({}, { signal: controller.signal })
      .firstPage()
      .catch((e: LlamaCloudError) => e);
    await ready;
    controller.abort();
    return pending;
  }

  /** A handler that never finishes its response, says when it has started, and notes when the client closes. */
  function hanging(start: (res: ServerResponse) => void) {
    const state = { closed: false };
    let started: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      started = resolve;
    });
    const handler = (_request: unknown, res: ServerResponse) => {
      res.on('close', () => {
        state.closed = true;
      });
      start(res);
      started();
    };
    return { state, handler, ready };
  }

  it('while waiting for headers, closing the connection', async () => {
    const { state, handler, ready } = hanging(() => {});
    const server = await serve(handler);
    const timers = manualTimers();
    const error = await abortWhen(server, timers, ready);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ kind: 'aborted', cursor: null, pageNumber: 1 });
    // The attempt's 60 s timeout is still far off on the client's clock: the abort ended it.
    expect(timers.now()).toBe(0);
    await waitFor(() => state.closed);
  });

  it('while reading the body, closing the connection', async () => {
    const { state, handler, ready } = hanging((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
    });
    const server = await serve(handler);
    const timers = manualTimers();
    const error = await abortWhen(server, timers, ready);
    expect(error).toBeInstanceOf(AbortedError);
    expect(timers.now()).toBe(0);
    await waitFor(() => state.closed);
  });

  it('while sleeping in a backoff', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 503, { detail: 'busy' }, { 'retry-after': '30' }),
    );
    const timers = manualTimers();
    const error = await abortWhen(server, timers, timers.nextSet(30_000));
    expect(error).toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(1);
    // The 30 s wait was cut short, not waited out, and is no longer pending.
    expect(timers.now()).toBe(0);
    expect(timers.pending(30_000)).toBe(0);
  });
});

describe('the transport', () => {
  const transportWith = (retryTimers: Partial<RetryTimers>) =>
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
