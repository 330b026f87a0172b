// Resuming a listing after a failure with nothing lost or repeated, and leaving one early (with and without prefetch).
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
import LlamaCloud, { AuthenticationError, InternalServerError } from '../src/index.js';
import { client, drain, ids, KEY, thrown, urls } from './support/listing-helpers.js';

/** A client whose every fetch is noted (path and query) as the client makes it, before it reaches the server. */
function watchedClient(server: TestServer) {
  const asked: string[] = [];
  const watched = new LlamaCloud({
    apiKey: KEY,
    baseUrl: server.url,
    fetch: (url, init) => {
      const { pathname, search } = new URL(String(url));
      asked.push(pathname + search);
      return fetch(url, init);
    },
  });
  return { asked, watched };
}

/**
 * A whole request to the server and its answer, from outside the client: whatever a loop had set off before it
 * would have been asked for by the time this returns.
 */
async function roundTrip(server: TestServer): Promise<void> {
  await (await fetch(`${server.url}/round-trip`)).text();
}

describe('resuming after a failure', () => {
  it('carries the cursor of the failed page; resuming from it loses and repeats nothing', async () => {
    const sessions = makeSessions(35);
    let failed = false;
    const server = await serve(
      pagedSessions(sessions, {
        pageSize: 5,
        fault: (request, res) => {
          if (failed || request.query.page_token !== cursorAt(20)) return false;
          failed = true;
          sendJson(res, 500, { detail: 'database hiccup' }, { 'x-request-id': 'req-42' });
          return true;
        },
      }),
    );
    const seen: string[] = [];
    const params = { project_id: 'p1', page_size: 5 };

    // No retries, so the one failure surfaces; with retries it would be absorbed (see reliability.test.ts).
    const error = await thrown(async () => {
      for await (const s of client(server).beta.chat.list(params, { maxRetries: 0 })) seen.push(s.session_id);
    });

    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      kind: 'server',
      status: 500,
      cursor: 'cur-20',
      pageNumber: 5,
      requestId: 'req-42',
    });
    expect(error.message).toBe(
      '500 Internal Server Error from GET /api/v1/chat: database hiccup (request id req-42)',
    );
    expect(seen).toEqual(ids(sessions.slice(0, 20)));

    for await (const s of client(server).beta.chat.list({ ...params, page_token: error.cursor })) {
      seen.push(s.session_id);
    }
    expect(seen).toEqual(ids(sessions));
    expect(urls(server).slice(4)).toEqual([
      '/api/v1/chat?project_id=p1&page_size=5&page_token=cur-20',
      '/api/v1/chat?project_id=p1&page_size=5&page_token=cur-20',
      '/api/v1/chat?project_id=p1&page_size=5&page_token=cur-25',
      '/api/v1/chat?project_id=p1&page_size=5&page_token=cur-30',
    ]);
  });

  it('reports a 401 on the first page with a null cursor and the server detail', async () => {
    const server = await serve((_req, res) => sendJson(res, 401, { detail: 'Invalid API key' }));

    const error = await thrown(() => drain(client(server).beta.chat.list()));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ kind: 'authentication', status: 401, cursor: null, pageNumber: 1 });
    expect(error.message).toBe('401 Unauthorized from GET /api/v1/chat: Invalid API key');
    expect(`${error.stack} ${JSON.stringify(error)}`).not.toContain(KEY);
  });
});

describe('early exit and prefetch', () => {
  it('makes no request after the caller breaks out of the loop', async () => {
    const server = await serve(pagedSessions(makeSessions(30), { pageSize: 10 }));

    const { asked, watched } = watchedClient(server);

    for await (const s of watched.beta.chat.list()) {
      if (s.session_id === 'ses-0012') break;
    }
    await roundTrip(server);

    expect(asked).toEqual(['/api/v1/chat', '/api/v1/chat?page_token=cur-10']);
    expect(urls(server)).toEqual(['/api/v1/chat', '/api/v1/chat?page_token=cur-10', '/round-trip']);
  });

  it('with prefetch, asks for page n+1 while the caller is still on page n', async () => {
    const sessions = makeSessions(30);
    const server = await serve(pagedSessions(sessions, { pageSize: 10 }));
    const requestsSeenAtFirstItem: number[] = [];

    const seen: string[] = [];
    for await (const s of client(server).beta.chat.list({}, { prefetch: true })) {
      if (seen.length === 0) {
        await waitFor(() => server.requests.length === 2);
        requestsSeenAtFirstItem.push(server.requests.length);
      }
      seen.push(s.session_id);
    }

    expect(requestsSeenAtFirstItem).toEqual([2]);
    expect(seen).toEqual(ids(sessions));
    expect(urls(server)).toEqual([
      '/api/v1/chat',
      '/api/v1/chat?page_token=cur-10',
      '/api/v1/chat?page_token=cur-20',
    ]);
  });

  it('without prefetch, does not ask for page n+1 until page n is done', async () => {
    const server = await serve(pagedSessions(makeSessions(30), { pageSize: 10 }));
    const { asked, watched } = watchedClient(server);

    for await (const _ of watched.beta.chat.list()) {
      await roundTrip(server);
      expect(asked).toEqual(['/api/v1/chat']);
      break;
    }
  });

  it('aborts the prefetch still in flight when the caller breaks', async () => {
    const sessions = makeSessions(20);
    let stalledClosed: Promise<void> | undefined;
    const server = await serve(
      pagedSessions(sessions, {
        pageSize: 10,
        // Page 2 never answers; the test watches its connection close.
        fault: (request, res) => {
          if (request.query.page_token !== cursorAt(10)) return false;
          stalledClosed = new Promise((resolve) => res.on('close', () => resolve()));
          return true;
        },
      }),
    );

    for await (const s of client(server).beta.chat.list({}, { prefetch: true })) {
      await waitFor(() => stalledClosed !== undefined);
      if (s.session_id === 'ses-0000') break;
    }

    expect(urls(server)).toEqual(['/api/v1/chat', '/api/v1/chat?page_token=cur-10']);
    await expect(stalledClosed).resolves.toBeUndefined();
  });

  it("aborts on the caller's signal with an AbortedError carrying the cursor", async () => {
    let pageTwoAsked: () => void = () => {};
    const pageTwo = new Promise<void>((resolve) => {
      pageTwoAsked = resolve;
    });
    const server = await serve(
      pagedSessions(makeSessions(20), {
        pageSize: 10,
        // Never answers page 2; says when it has its request.
        fault: (request) => {
          if (request.query.page_token !== cursorAt(10)) return false;
          pageTwoAsked();
          return true;
        },
      }),
    );
    const controller = new AbortController();
    const seen: string[] = [];
    // The abort comes while page 2's request is waiting for its answer.
    void pageTwo.then(() => controller.abort());

    const error = await thrown(async () => {
      for await (const s of client(server).beta.chat.list({}, { signal: controller.signal })) {
        seen.push(s.session_id);
      }
    });

    expect(error).toMatchObject({ kind: 'aborted', cursor: 'cur-10', pageNumber: 2 });
    expect(error.message).toBe('GET /api/v1/chat was aborted by the caller.');
    expect(seen).toHaveLength(10);
  });
});
