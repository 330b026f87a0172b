// What a listing refuses to follow: a repeated token, more pages than its cap, a 200 that is not a page.
import { makeSessions, pagedSessions, scripted, sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, {
  type ChatListResponse,
  ClientConfigError,
  CursorLoopError,
  MalformedResponseError,
  PageLimitError,
} from '../src/index.js';
import { client, drain, ids, KEY, thrown, urls } from './support/listing-helpers.js';

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
