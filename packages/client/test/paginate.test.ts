// Listing every session with client.beta.chat.list(): every item of every page exactly once, and the first page when awaited.
import {
  cursorAt,
  makeSessions,
  pagedSessions,
  scripted,
  sendJson,
  serve,
} from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import type { ChatListResponse } from '../src/index.js';
import { client, drain, ids, KEY, urls } from './support/listing-helpers.js';

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
