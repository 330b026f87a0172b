import {
  cursorAt,
  makeSessions,
  pagedSessions,
  scripted,
  sendJson,
  serve,
  type TestServer,
  waitFor,
} from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, {
  AuthenticationError,
  type ChatListResponse,
  ClientConfigError,
  CursorLoopError,
  InternalServerError,
  type LlamaCloudError,
  MalformedResponseError,
  PageLimitError,
} from '../src/index.js';

const KEY = 'llx-pagination-test';
const client = (server: TestServer) => new LlamaCloud({ apiKey: KEY, baseUrl: server.url });
const ids = (items: readonly { session_id: string }[]) => items.map((s) => s.session_id);
const urls = (server: TestServer) => server.requests.map((r) => r.url);

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Runs `fn` and returns what it threw. */
async function thrown(fn: () => Promise<unknown>): Promise<LlamaCloudError> {
  try {
    await fn();
  } catch (error) {
    return error as LlamaCloudError;
  }
  throw new Error('expected an error');
}

describe('for await over client.beta.chat.list()', () => {
  it.each([
    [1, 7],
    [2, 150],
    [13, 1234],
  ])('yields every item of %i page(s) exactly once, in order', async (pages, total) => {
    const sessions = makeSessions(total);
    const server = await serve(pagedSessions(sessions, { pageSize: 100 }));

    const seen: string[] = [];
    for await (const session of client(server).beta.chat.list()) seen.push(session.session_id);

    expect(seen).toEqual(ids(sessions));
    expect(new Set(seen).size).toBe(total);
    expect(urls(server)).toEqual([
      '/api/v1/chat',
      ...Array.from({ length: pages - 1 }, (_, i) => `/api/v1/chat?page_token=${cursorAt((i + 1) * 100)}`),
    ]);
  });

  it('repeats the original query on every page, adds page_token, and leaves nulls out', async () => {
    const sessions = makeSessions(5);
    const server = await serve(pagedSessions(sessions));

    const seen = await drain(
      client(server).beta.chat.list({
        project_id: 'p 1',
        organization_id: null,
        page_size: 2,
        page_token: null,
      }),
    );

    expect(ids(seen)).toEqual(ids(sessions));
    expect(urls(server)).toEqual([
      '/api/v1/chat?project_id=p%201&page_size=2',
      '/api/v1/chat?project_id=p%201&page_size=2&page_token=cur-2',
      '/api/v1/chat?project_id=p%201&page_size=2&page_token=cur-4',
    ]);
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('starts from a given page_token', async () => {
    const sessions = makeSessions(6);
    const server = await serve(pagedSessions(sessions, { pageSize: 2 }));

    const seen = await drain(client(server).beta.chat.list({ page_token: cursorAt(2) }));

    expect(ids(seen)).toEqual(ids(sessions.slice(2)));
    expect(urls(server)).toEqual(['/api/v1/chat?page_token=cur-2', '/api/v1/chat?page_token=cur-4']);
  });

  it.each([
    ['null', { next_page_token: null }],
    ['an empty string', { next_page_token: '' }],
    ['missing', {}],
  ])('stops when next_page_token is %s', async (_label, ending) => {
    const [a, b] = makeSessions(2);
    const server = await serve(
      scripted([
        { items: [a], next_page_token: 't2' },
        { items: [b], ...ending },
      ]),
    );

    expect(ids(await drain(client(server).beta.chat.list()))).toEqual(ids([a, b] as ChatListResponse[]));
    expect(urls(server)).toEqual(['/api/v1/chat', '/api/v1/chat?page_token=t2']);
  });

  it('follows an empty page that still carries a token instead of stopping', async () => {
    const [a, b] = makeSessions(2) as [ChatListResponse, ChatListResponse];
    const server = await serve(
      scripted([
        { items: [a], next_page_token: 't2' },
        { items: [], next_page_token: 't3' },
        { items: [], next_page_token: 't4' },
        { items: [b], next_page_token: null },
      ]),
    );

    expect(ids(await drain(client(server).beta.chat.list()))).toEqual([a.session_id, b.session_id]);
    expect(urls(server)).toEqual([
      '/api/v1/chat',
      '/api/v1/chat?page_token=t2',
      '/api/v1/chat?page_token=t3',
      '/api/v1/chat?page_token=t4',
    ]);
  });

  it('passes fields the spec does not name through, and nulls in every nullable field', async () => {
    const items = [
      {
        last_updated_at: '2026-04-22T12:34:41.342245',
        session_id: 'ses-1',
        generated_title: null,
        index_ids: null,
        job_metadata: null,
        shared_access: 'read_only',
      },
      {
        last_updated_at: '2026-04-22T12:34:41Z',
        session_id: 'ses-2',
        job_metadata: {
          error: null,
          export_config_ids: null,
          total_input_tokens: null,
          total_output_tokens: null,
          model: 'gpt-x',
        },
      },
    ];
    const server = await serve(scripted([{ items, next_page_token: null, total_count: 2 }]));

    const page = await client(server).beta.chat.list();

    expect(page.items).toEqual(items);
    expect(page.body).toEqual({ items, next_page_token: null, total_count: 2 });
    expect(await drain(page)).toEqual(items);
  });
});

describe('awaiting list() gives the first page', () => {
  it('with items, next_page_token, hasNextPage, getNextPage and iterPages', async () => {
    const sessions = makeSessions(5);
    const server = await serve(pagedSessions(sessions, { pageSize: 2 }));

    const first = await client(server).beta.chat.list();

    expect(ids(first.items)).toEqual(ids(sessions.slice(0, 2)));
    expect(first.next_page_token).toBe('cur-2');
    expect([first.cursor, first.nextCursor, first.pageNumber]).toEqual([null, 'cur-2', 1]);
    expect(first.hasNextPage()).toBe(true);
    expect(urls(server)).toEqual(['/api/v1/chat']);

    const second = await first.getNextPage();
    expect(ids(second.items)).toEqual(ids(sessions.slice(2, 4)));
    expect([second.cursor, second.nextCursor, second.pageNumber]).toEqual(['cur-2', 'cur-4', 2]);

    const pages = await drain(second.iterPages());
    expect(pages.map((p) => [p.pageNumber, ids(p.items)])).toEqual([
      [2, ids(sessions.slice(2, 4))],
      [3, ids(sessions.slice(4))],
    ]);
    expect(pages.at(-1)?.hasNextPage()).toBe(false);
    await expect(pages.at(-1)?.getNextPage()).rejects.toThrow(
      'Page 3 is the last page; check hasNextPage() first.',
    );
    expect(urls(server)).toEqual([
      '/api/v1/chat',
      '/api/v1/chat?page_token=cur-2',
      '/api/v1/chat?page_token=cur-4',
    ]);
  });

  it('serves overlapping next() calls in order, losing and repeating nothing', async () => {
    const sessions = makeSessions(25);
    const server = await serve(pagedSessions(sessions, { pageSize: 4 }));
    const iterator = client(server).beta.chat.list().items();

    const seen: string[] = [];
    for (;;) {
      const batch = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
      for (const step of batch) if (!step.done) seen.push(step.value.session_id);
      if (batch.some((step) => step.done)) break;
    }

    expect(seen).toEqual(ids(sessions));
  });

  it('asks again for a first page that failed, instead of keeping the failure', async () => {
    let calls = 0;
    const server = await serve((_req, res) =>
      calls++ === 0
        ? sendJson(res, 401, { detail: 'not yet' })
        : sendJson(res, 200, { items: [], next_page_token: null }),
    );
    const listing = client(server).beta.chat.list();

    await expect(listing.firstPage()).rejects.toThrow('401 Unauthorized');
    await expect(listing.firstPage()).resolves.toMatchObject({ items: [], pageNumber: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('fetches the first page once however often it is awaited', async () => {
    const server = await serve(pagedSessions(makeSessions(3)));
    const listing = client(server).beta.chat.list();

    const [a, b] = await Promise.all([listing, listing]);

    expect(a).toBe(b);
    expect(await listing.firstPage()).toBe(a);
    expect(server.requests).toHaveLength(1);
  });

  it('collects up to N items, fetching no page past the one it needs', async () => {
    const sessions = makeSessions(50);
    const server = await serve(pagedSessions(sessions, { pageSize: 10 }));

    const first25 = await client(server).beta.chat.list().collect(25);

    expect(ids(first25)).toEqual(ids(sessions.slice(0, 25)));
    expect(server.requests).toHaveLength(3);
  });
});

describe('a server that repeats a token', () => {
  it('raises a CursorLoopError naming the token and the page, after yielding every page before it', async () => {
    const [a, b, c] = makeSessions(3) as [ChatListResponse, ChatListResponse, ChatListResponse];
    const server = await serve(
      scripted([
        { items: [a], next_page_token: 't2' },
        { items: [b], next_page_token: 't3' },
        { items: [c], next_page_token: 't2' },
        { items: [a], next_page_token: 't3' },
      ]),
    );
    const seen: string[] = [];

    const error = await thrown(async () => {
      for await (const s of client(server).beta.chat.list()) seen.push(s.session_id);
    });

    expect(error).toBeInstanceOf(CursorLoopError);
    expect(error).toMatchObject({ kind: 'cursor_loop', token: 't2', pageNumber: 3, firstUsedByPage: 2 });
    expect(error.message).toBe(
      'Page 3 returned next_page_token "t2", which already fetched page 2; stopping rather than looping.',
    );
    expect(seen).toEqual([a.session_id, b.session_id, c.session_id]);
    expect(urls(server)).toEqual([
      '/api/v1/chat',
      '/api/v1/chat?page_token=t2',
      '/api/v1/chat?page_token=t3',
    ]);
  });

  it('catches a page that points at itself, and a first page_token that comes back', async () => {
    const [a] = makeSessions(1) as [ChatListResponse];
    const selfLoop = await serve(scripted([{ items: [a], next_page_token: 'start' }]));

    const error = await thrown(() => drain(client(selfLoop).beta.chat.list({ page_token: 'start' })));

    expect(error).toMatchObject({ kind: 'cursor_loop', token: 'start', pageNumber: 1, firstUsedByPage: 1 });
    expect(urls(selfLoop)).toEqual(['/api/v1/chat?page_token=start']);
  });
});

describe('the page cap', () => {
  it('raises a PageLimitError at maxPages that resumes where it stopped', async () => {
    const sessions = makeSessions(10);
    const server = await serve(pagedSessions(sessions, { pageSize: 2 }));
    const seen: string[] = [];

    const error = await thrown(async () => {
      for await (const s of client(server).beta.chat.list({ page_size: 2 }, { maxPages: 3 })) {
        seen.push(s.session_id);
      }
    });

    expect(error).toBeInstanceOf(PageLimitError);
    expect(error).toMatchObject({ kind: 'page_limit', maxPages: 3, cursor: 'cur-6', pageNumber: 4 });
    expect(error.message).toBe(
      'Reached maxPages (3) with pages left; raise { maxPages } or resume from page_token "cur-6".',
    );
    expect(seen).toEqual(ids(sessions.slice(0, 6)));
    expect(server.requests).toHaveLength(3);

    for await (const s of client(server).beta.chat.list({ page_size: 2, page_token: error.cursor })) {
      seen.push(s.session_id);
    }
    expect(seen).toEqual(ids(sessions));
  });

  it('rejects a cap below 1', () => {
    const listing = new LlamaCloud({ apiKey: KEY, fetch: () => Promise.reject(new Error('unused')) });
    expect(() => listing.beta.chat.list({}, { maxPages: 0 })).toThrow(ClientConfigError);
    expect(() => listing.beta.chat.list({}, { maxPages: 0 })).toThrow('maxPages must be at least 1, got 0.');
  });
});

describe('malformed 200 responses are errors, never zero items', () => {
  it.each([
    [
      'items: null',
      'application/json',
      '{"items":null,"next_page_token":null}',
      '"items" is null, not an array',
    ],
    ['no items', 'application/json', '{"next_page_token":null}', '"items" is missing, not an array'],
    [
      'items as an object',
      'application/json',
      '{"items":{},"next_page_token":null}',
      '"items" is an object, not an array',
    ],
    ['an HTML body', 'text/html', '<html><body>Bad gateway</body></html>', 'the body is not JSON'],
    [
      'truncated JSON',
      'application/json',
      '{"items":[{"session_id":"ses-1","last_upd',
      'the body is not JSON',
    ],
    ['an empty body', 'application/json', '', 'the body is empty'],
    ['a JSON array', 'application/json', '[]', 'the body is an array, not a JSON object'],
    [
      'a numeric token',
      'application/json',
      '{"items":[],"next_page_token":7}',
      '"next_page_token" is a number',
    ],
  ])('%s', async (_label, type, body, problem) => {
    const [a] = makeSessions(1) as [ChatListResponse];
    let served = 0;
    const server = await serve((_req, res) => {
      if (served++ === 0) return sendJson(res, 200, { items: [a], next_page_token: 't2' });
      res.writeHead(200, { 'content-type': type }).end(body);
    });
    const seen: string[] = [];

    const error = await thrown(async () => {
      for await (const s of client(server).beta.chat.list()) seen.push(s.session_id);
    });

    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error.kind).toBe('malformed_response');
    expect(error.message).toContain(`200 from GET /api/v1/chat is not a valid page: ${problem}`);
    expect(error).toMatchObject({ cursor: 't2', pageNumber: 2 });
    expect(seen).toEqual([a.session_id]);
  });
});

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

    for await (const s of client(server).beta.chat.list()) {
      if (s.session_id === 'ses-0012') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(urls(server)).toEqual(['/api/v1/chat', '/api/v1/chat?page_token=cur-10']);
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

    for await (const _ of client(server).beta.chat.list()) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.requests).toHaveLength(1);
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
    const server = await serve(
      pagedSessions(makeSessions(20), {
        pageSize: 10,
        fault: (request) => request.query.page_token === cursorAt(10), // never answers page 2
      }),
    );
    const controller = new AbortController();
    const seen: string[] = [];

    const error = await thrown(async () => {
      for await (const s of client(server).beta.chat.list({}, { signal: controller.signal })) {
        seen.push(s.session_id);
        if (seen.length === 10) setTimeout(() => controller.abort(), 20);
      }
    });

    expect(error).toMatchObject({ kind: 'aborted', cursor: 'cur-10', pageNumber: 2 });
    expect(error.message).toBe('GET /api/v1/chat was aborted by the caller.');
    expect(seen).toHaveLength(10);
  });
});
