import { sendJson, serve } from '@llamacloud-chat/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type ChatListPage,
  ClientConfigError,
  createClient,
  DEFAULT_BASE_URL,
  type HTTPValidationError,
  InvalidRequestError,
  LlamaCloudError,
} from '../src/index.js';

const KEY = 'llx-test-key-0123456789';

const page: ChatListPage = {
  items: [
    {
      last_updated_at: '2026-04-22T12:34:41.342245Z',
      session_id: 'ses-abc123',
      shared_access: 'read_only',
      generated_title: null,
      index_ids: ['idx-abc123'],
      job_metadata: { duration_ms: 12, is_error: false, total_input_tokens: null, turns: 1 },
    },
  ],
  next_page_token: null,
};

/** A fetch that records the request it is asked to send and answers with an empty last page. */
function recordingFetch() {
  const seen: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    seen.push(new Request(input, init));
    return Response.json({ items: [], next_page_token: null });
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createClient against a real server', () => {
  it('sends GET /api/v1/chat with the query and bearer key, and decodes the page', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, page));
    const client = createClient({ apiKey: KEY, baseUrl: server.url });

    const { data, error, response } = await client.GET('/api/v1/chat', {
      params: { query: { project_id: 'proj-1', page_size: 25, page_token: 'tok 1/2' } },
    });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(page);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe('/api/v1/chat?project_id=proj-1&page_size=25&page_token=tok%201%2F2');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("runs openapi-fetch's middleware: a header it sets is sent, and it sees the response", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, page));
    const client = createClient({ apiKey: KEY, baseUrl: server.url });
    const statuses: number[] = [];
    client.use({
      onRequest: ({ request }) => {
        request.headers.set('x-trace-id', 'trace-1');
        return request;
      },
      onResponse: ({ response }) => {
        statuses.push(response.status);
        return response;
      },
    });

    const { data } = await client.GET('/api/v1/chat');

    expect(data).toEqual(page);
    expect(server.requests[0]?.headers['x-trace-id']).toBe('trace-1');
    expect(statuses).toEqual([200]);
  });

  it("sends to the client's base URL with the client's fetch, whatever a call's own baseUrl or fetch says", async () => {
    const { seen, fetch } = recordingFetch();
    const elsewhere = vi.fn(fetch);
    const client = createClient({ apiKey: KEY, baseURL: 'https://api.example.test', fetch });

    await client.GET('/api/v1/chat', { baseUrl: 'https://elsewhere.example.test', fetch: elsewhere });

    expect(seen.map((request) => request.url)).toEqual(['https://api.example.test/api/v1/chat']);
    expect(elsewhere).not.toHaveBeenCalled();
  });

  it('leaves null and undefined query values out of the URL', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, page));
    const client = createClient({ apiKey: KEY, baseUrl: server.url });

    await client.GET('/api/v1/chat', {
      params: {
        query: { organization_id: null, project_id: 'proj-1', page_size: null, page_token: undefined },
      },
    });

    expect(server.requests.map((r) => r.url)).toEqual(['/api/v1/chat?project_id=proj-1']);
  });

  it('keeps fields the spec does not name', async () => {
    const withExtras = {
      items: [{ ...page.items[0], shared_access: 'read_only', job_metadata: { turns: 2, model: 'x' } }],
      next_page_token: null,
      total: 1,
    };
    const server = await serve((_req, res) => sendJson(res, 200, withExtras));
    const client = createClient({ apiKey: KEY, baseUrl: server.url });

    const { data } = await client.GET('/api/v1/chat');

    expect(data).toEqual(withExtras);
  });

  it('decodes a 422 validation error into `error.detail`', async () => {
    const body: HTTPValidationError = {
      detail: [{ loc: ['query', 'page_size'], msg: 'Input should be a valid integer', type: 'int_parsing' }],
    };
    const server = await serve((_req, res) => sendJson(res, 422, body));
    const client = createClient({ apiKey: KEY, baseUrl: server.url });

    const { data, error, response } = await client.GET('/api/v1/chat');

    expect(data).toBeUndefined();
    expect(response.status).toBe(422);
    expect(error).toEqual(body);
  });

  it('decodes a 401 into `error.detail`', async () => {
    const server = await serve((_req, res) => sendJson(res, 401, { detail: 'Invalid API key' }));
    const client = createClient({ apiKey: KEY, baseUrl: server.url });

    const { error, response } = await client.GET('/api/v1/chat');

    expect(response.status).toBe(401);
    expect(error).toEqual({ detail: 'Invalid API key' });
  });
});

describe('query values no URL can carry', () => {
  it.each([
    [
      'a lone surrogate',
      { page_token: 'abc\uD800' },
      'page_token is not well-formed text (it holds a lone UTF-16 surrogate)',
    ],
    ['NaN', { page_size: Number.NaN }, 'page_size is NaN, not a finite number'],
    ['Infinity', { page_size: Number.POSITIVE_INFINITY }, 'page_size is Infinity, not a finite number'],
    ['an object', { project_id: { id: 'p1' } }, 'project_id is an object, not a string, number or boolean'],
  ])('rejects %s before sending anything', async (_label, query, problem) => {
    const server = await serve((_req, res) => sendJson(res, 200, page));
    const client = createClient({ apiKey: KEY, baseUrl: server.url });

    const call = client.GET('/api/v1/chat', { params: { query: query as never } });

    await expect(call).rejects.toThrow(InvalidRequestError);
    await expect(call).rejects.toThrow(`Query parameter ${problem}; nothing was sent.`);
    expect(server.requests).toEqual([]);
  });
});

describe('createClient options', () => {
  it('reads the key and base URL from LLAMA_CLOUD_API_KEY and LLAMA_CLOUD_BASE_URL', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, page));
    vi.stubEnv('LLAMA_CLOUD_API_KEY', 'env-key-0123');
    vi.stubEnv('LLAMA_CLOUD_BASE_URL', `${server.url}/`);

    const { data } = await createClient().GET('/api/v1/chat');

    expect(data).toEqual(page);
    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/api/v1/chat', 'Bearer env-key-0123'],
    ]);
  });

  it('prefers explicit options over the environment', async () => {
    vi.stubEnv('LLAMA_CLOUD_API_KEY', 'env-key-0123');
    vi.stubEnv('LLAMA_CLOUD_BASE_URL', 'https://env.example.test');
    const { seen, fetch } = recordingFetch();

    await createClient({ apiKey: 'option-key', baseUrl: 'https://option.example.test/base/', fetch }).GET(
      '/api/v1/chat',
    );

    expect(seen.map((r) => [r.url, r.headers.get('authorization')])).toEqual([
      ['https://option.example.test/base/api/v1/chat', 'Bearer option-key'],
    ]);
  });

  it(`defaults the base URL to ${DEFAULT_BASE_URL}`, async () => {
    vi.stubEnv('LLAMA_CLOUD_BASE_URL', undefined);
    const { seen, fetch } = recordingFetch();

    await createClient({ apiKey: KEY, fetch }).GET('/api/v1/chat', { params: { query: { page_size: 5 } } });

    expect(seen.map((r) => r.url)).toEqual([`${DEFAULT_BASE_URL}/api/v1/chat?page_size=5`]);
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['blank', '   '],
  ])('fails at construction when the key is %s, naming LLAMA_CLOUD_API_KEY', (_label, value) => {
    vi.stubEnv('LLAMA_CLOUD_API_KEY', value);

    const construct = () => createClient({ apiKey: value });

    expect(construct).toThrow(ClientConfigError);
    expect(construct).toThrow(/set the LLAMA_CLOUD_API_KEY environment variable/);
  });

  it.each([
    [
      'a timeout past what a timer can hold',
      { timeout: 2 ** 31 },
      'timeout must be a number from 1 to 2147483647, got 2147483648.',
    ],
    ['a negative retry count', { maxRetries: -1 }, 'maxRetries must be an integer ≥ 0, got -1.'],
    [
      'a backoff without maxMs',
      { retryBackoff: { initialMs: 100 } as never },
      'retryBackoff.maxMs must be a number from 100 to 2147483647, got NaN.',
    ],
  ])('rejects %s', (_label, options, message) => {
    expect(() => createClient({ apiKey: KEY, ...options })).toThrow(message);
  });

  it.each([
    ['a line break inside it', 'llx-sec\nret'],
    ['a NUL inside it', 'llx-sec\u0000ret'],
    ['an em dash', 'llx—secret'],
    ['a zero-width space', 'llx-\u200bsecret'],
  ])('rejects a key with %s, which no header can carry, without echoing it', (_label, key) => {
    let caught: unknown;
    try {
      createClient({ apiKey: key, fetch: recordingFetch().fetch });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LlamaCloudError);
    expect((caught as LlamaCloudError).kind).toBe('config');
    expect((caught as Error).message).toBe(
      'The API key has whitespace, control or non-ASCII characters that no HTTP header can carry (a line break inside it, a pasted dash or a zero-width space?); copy the key again.',
    );
    expect(String((caught as Error).stack)).not.toContain('secret');
    expect(String((caught as Error).stack)).not.toContain('llx-sec');
  });

  it.each([
    ['not a URL', 'api.cloud.llamaindex.ai', 'api.cloud.llamaindex.ai'],
    ['another scheme', 'ftp://api.example.test', 'ftp://api.example.test/'],
    ['credentials in it', 'https://user:pw@api.example.test/v', 'https://api.example.test/v'],
    ['a query', 'https://api.example.test/?key=abc', 'https://api.example.test/'],
  ])('rejects a base URL with %s, without echoing credentials', (_label, baseUrl, shown) => {
    const construct = () => createClient({ apiKey: KEY, baseUrl });
    expect(construct).toThrow(ClientConfigError);
    expect(construct).toThrow(
      `Invalid base URL "${shown}": use an absolute http(s) URL with no credentials, query or fragment, ` +
        'like https://api.cloud.llamaindex.ai.',
    );
  });
});
