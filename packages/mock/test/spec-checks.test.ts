// The spec decides what the mock accepts and answers: a request it does not allow is the spec's 422 naming the
// field, an answer that would break it is a 500 naming the break (never sent), an unknown path is a 404, a
// bearer key is required, and the stream answers whatever `Accept` is sent.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UnprocessableEntityError } from '@llamacloud-chat/client';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { SPEC_PATH } from '../src/index.js';
import { clientFor, mockFor, tempDir } from './support.js';

const auth = { authorization: 'Bearer k' };

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('requests the spec does not allow: its 422, naming the field', () => {
  it.each([
    [
      'a stream without index_ids',
      'POST',
      '/api/v1/chat/ses-abc123/messages/stream',
      { prompt: 'Hi' },
      [{ loc: ['body', 'index_ids'], msg: 'Field required', type: 'missing' }],
    ],
    [
      'a stream without prompt or index_ids',
      'POST',
      '/api/v1/chat/ses-abc123/messages/stream',
      {},
      [
        { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
        { loc: ['body', 'index_ids'], msg: 'Field required', type: 'missing' },
      ],
    ],
    [
      'a prompt that is not a string',
      'POST',
      '/api/v1/chat/ses-abc123/messages/stream',
      { prompt: 7, index_ids: [] },
      [{ loc: ['body', 'prompt'], msg: 'Input should be a valid string', type: 'string_type' }],
    ],
    [
      'index_ids that is not a list, on create',
      'POST',
      '/api/v1/chat',
      { index_ids: 'idx-1' },
      [{ loc: ['body', 'index_ids'], msg: 'Input should be a valid list', type: 'list_type' }],
    ],
    [
      'a shared_access the spec does not name',
      'POST',
      '/api/v1/chat',
      { shared_access: 'everyone' },
      [{ loc: ['body', 'shared_access'], msg: "Input should be 'query' or 'read_only'", type: 'enum' }],
    ],
  ])('%s', async (_label, method, path, body, detail) => {
    const mock = await mockFor();

    const response = await fetch(`${mock.url}${path}`, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ detail });
  });

  it.each([
    ['abc', 'Input should be a valid integer, unable to parse string as an integer', 'int_parsing'],
    ['1.5', 'Input should be a valid integer, unable to parse string as an integer', 'int_parsing'],
    ['0', 'Input should be greater than or equal to 1', 'greater_than_equal'],
    ['1001', 'Input should be less than or equal to 1000', 'less_than_equal'],
  ])('page_size=%s', async (value, msg, type) => {
    const mock = await mockFor();

    const response = await fetch(`${mock.url}/api/v1/chat?page_size=${value}`, { headers: auth });

    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ detail: [{ loc: ['query', 'page_size'], msg, type }] });
  });

  it('a page_token it never gave out: a 422 the client raises, saying to start over', async () => {
    const client = clientFor(await mockFor());

    const error = await client.beta.chat.list({ page_token: 'cur-200' }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).body).toEqual({
      detail: [
        {
          loc: ['query', 'page_token'],
          msg: 'no page for page_token "cur-200": it is not a next_page_token this mock gave out; start from the first page (no page_token)',
          type: 'unknown_page_token',
          input: 'cur-200',
        },
      ],
    });
  });

  it('a body that is not JSON', async () => {
    const mock = await mockFor();

    const response = await post(`${mock.url}/api/v1/chat`, '{"index_ids": [');

    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ detail: [{ loc: ['body'], type: 'json_invalid' }] });
  });
});

describe('answers are checked against the spec before they are sent', () => {
  it('a seed that breaks the spec is a 500 naming the break, and its session is never sent', async () => {
    // The spec's own examples are the seed: break one session of a list example.
    const spec = parse(await readFile(SPEC_PATH, 'utf8'));
    const items =
      spec.paths['/api/v1/chat'].get.responses['200'].content['application/json'].examples['chain-page-3']
        .value.items;
    items[0].index_ids = 'idx-not-a-list';
    items[0].shared_access = 'everyone';
    const broken = join(await tempDir(), 'broken-seed.yaml');
    await writeFile(broken, stringify(spec));
    const mock = await mockFor({ spec: broken });

    const listing = await fetch(`${mock.url}/api/v1/chat?page_size=100`, { headers: auth });
    const summary = await fetch(`${mock.url}/api/v1/chat/ses-chain-005/summary`, { headers: auth });
    const healthy = await fetch(`${mock.url}/api/v1/chat/ses-chain-001/summary`, { headers: auth });

    expect(listing.status).toBe(500);
    const { detail } = (await listing.json()) as { detail: string };
    expect(detail).toContain(
      "The mock's 200 answer to GET /api/v1/chat breaks the spec, so it was not sent:",
    );
    expect(detail).toContain('items[7].index_ids must be array,null');
    expect(detail).toContain('items[7].shared_access must be equal to one of the allowed values');
    expect(detail).not.toContain('idx-not-a-list');
    expect(summary.status).toBe(500);
    expect(((await summary.json()) as { detail: string }).detail).toContain('index_ids must be array,null');
    expect(healthy.status).toBe(200);
  });
});

describe('routes and keys', () => {
  it.each([
    ['/api/v1/nope'],
    ['/api/v1/nope?page_token=chain-page-2'],
    ['/api/v2/chat?page_token=x'],
    ['/api/v1/chat/ses-abc123/summary/extra'],
  ])('%s is a 404', async (path) => {
    const mock = await mockFor();

    const response = await fetch(`${mock.url}${path}`, { headers: auth });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Not Found' });
  });

  it('a method the path does not have is a 405', async () => {
    const mock = await mockFor();

    const response = await fetch(`${mock.url}/api/v1/chat/ses-abc123/summary`, {
      method: 'DELETE',
      headers: auth,
    });

    expect(response.status).toBe(405);
  });

  it.each([
    ['no Authorization', {}],
    ['an empty bearer key', { authorization: 'Bearer ' }],
    ['a Basic scheme', { authorization: 'Basic a2V5Og==' }],
  ])('%s is the spec’s 401, and nothing is done', async (_label, headers) => {
    const mock = await mockFor();

    const responses = await Promise.all([
      fetch(`${mock.url}/api/v1/chat`, { headers }),
      fetch(`${mock.url}/api/v1/chat`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{}',
      }),
      fetch(`${mock.url}/api/v1/chat/ses-abc123`, { method: 'DELETE', headers }),
    ]);

    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        detail: 'Not authenticated: send Authorization: Bearer <key> (the mock takes any non-empty key)',
      });
    }
    const listing = (await (
      await fetch(`${mock.url}/api/v1/chat?page_size=100`, { headers: auth })
    ).json()) as {
      items: { session_id: string }[];
    };
    expect(listing.items).toHaveLength(8);
    expect(listing.items.map((s) => s.session_id)).toContain('ses-abc123');
  });
});

describe('the stream', () => {
  it.each(['application/json', 'text/event-stream', '*/*', 'text/html'])(
    'answers Accept: %s with the turn as text/event-stream',
    async (accept) => {
      const mock = await mockFor();

      const response = await post(
        `${mock.url}/api/v1/chat/ses-abc123/messages/stream`,
        { prompt: 'Hi', index_ids: [] },
        { accept },
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const text = await response.text();
      expect(text.startsWith('data: {"type":"user_input","content":"Hi"}\n\n')).toBe(true);
      expect(text.match(/^data: /gm)).toHaveLength(9);
    },
  );
});
