// The official SDK's client options, with its semantics: code that constructs the SDK's client constructs this
// one unchanged. An option the client does not know is an error that names it.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LlamaCloud, { ClientConfigError, createClient } from '../src/index.js';
import { capturingLogger } from './support/capturing-logger.js';

const KEY = 'llx-options-test-0123456789';
const emptyPage = { items: [], next_page_token: null };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the SDK option names', () => {
  it('sends requests to baseURL, the SDK spelling', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, emptyPage));

    await new LlamaCloud({ apiKey: KEY, baseURL: server.url }).beta.chat.list().firstPage();

    expect(server.requests.map((r) => r.url)).toEqual(['/api/v1/chat']);
  });

  it('gives calls by path through get(), with the same key, base URL and default headers', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, emptyPage));
    const client = new LlamaCloud({
      apiKey: KEY,
      baseURL: server.url,
      defaultHeaders: { 'X-Team': 'search' },
    });

    const data = await client.get('/api/v1/chat', { query: { page_size: 3 } });

    expect(data).toEqual(emptyPage);
    expect(server.requests.map((r) => [r.url, r.headers.authorization, r.headers['x-team']])).toEqual([
      ['/api/v1/chat?page_size=3', `Bearer ${KEY}`, 'search'],
    ]);
  });

  it('still accepts baseUrl, and prefers baseURL when both are given', async () => {
    const used = await serve((_req, res) => sendJson(res, 200, emptyPage));
    const ignored = await serve((_req, res) => sendJson(res, 200, emptyPage));

    await new LlamaCloud({ apiKey: KEY, baseUrl: used.url }).beta.chat.list().firstPage();
    await new LlamaCloud({ apiKey: KEY, baseURL: used.url, baseUrl: ignored.url }).beta.chat
      .list()
      .firstPage();

    expect([used.requests.length, ignored.requests.length]).toEqual([2, 0]);
  });

  it.each([
    [
      'a misspelt option',
      { baseUri: 'http://127.0.0.1:1' },
      'Unknown client option "baseUri"; the options are',
    ],
    [
      'a wrongly cased option',
      { baseurl: 'http://127.0.0.1:1' },
      'Unknown client option "baseurl" (did you mean',
    ],
    ['an option of another SDK', { organization: 'org-1' }, 'Unknown client option "organization"'],
  ])('rejects %s by name instead of ignoring it', (_label, options, message) => {
    const construct = () => new LlamaCloud({ apiKey: KEY, ...(options as object) });
    expect(construct).toThrow(ClientConfigError);
    expect(construct).toThrow(message);
  });

  it('reads the key from LLAMA_PARSE_API_KEY when LLAMA_CLOUD_API_KEY is unset, as the SDK does', async () => {
    vi.stubEnv('LLAMA_CLOUD_API_KEY', undefined);
    vi.stubEnv('LLAMA_PARSE_API_KEY', 'llx-parse-key-0123');
    const server = await serve((_req, res) => sendJson(res, 200, emptyPage));

    await new LlamaCloud({ baseURL: server.url }).beta.chat.list().firstPage();

    expect(server.requests[0]?.headers.authorization).toBe('Bearer llx-parse-key-0123');
  });

  it('sends defaultHeaders with every request', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, emptyPage));
    const defaultHeaders = { 'X-Team': 'search' };

    await new LlamaCloud({ apiKey: KEY, baseURL: server.url, defaultHeaders }).beta.chat.list().firstPage();
    await createClient({ apiKey: KEY, baseURL: server.url, defaultHeaders }).GET('/api/v1/chat');

    expect(server.requests.map((r) => [r.headers['x-team'], r.headers.authorization])).toEqual([
      ['search', `Bearer ${KEY}`],
      ['search', `Bearer ${KEY}`],
    ]);
  });

  it('drops a header the client would send when its default is null (the key, behind a proxy that adds its own)', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, emptyPage));

    await new LlamaCloud({
      apiKey: KEY,
      baseURL: server.url,
      defaultHeaders: { Authorization: null },
    }).beta.chat
      .list()
      .firstPage();

    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("adds defaultQuery to every request's URL; the call's own value wins", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, emptyPage));
    const client = new LlamaCloud({
      apiKey: KEY,
      baseURL: server.url,
      defaultQuery: { project_id: 'p-default', organization_id: 'o 1' },
    });

    await client.beta.chat.list().firstPage();
    await client.beta.chat.list({ project_id: 'p-call' }).firstPage();

    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/chat?project_id=p-default&organization_id=o%201',
      '/api/v1/chat?project_id=p-call&organization_id=o%201',
    ]);
  });

  it('passes fetchOptions to every fetch call, under its own method, headers and signal', async () => {
    const inits: RequestInit[] = [];
    const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
      inits.push(init ?? {});
      return Response.json(emptyPage);
    };

    await new LlamaCloud({
      apiKey: KEY,
      baseURL: 'http://127.0.0.1:9',
      fetch: fetch as typeof globalThis.fetch,
      fetchOptions: { keepalive: true, method: 'PUT' },
    }).beta.chat
      .list()
      .firstPage();

    expect(inits).toHaveLength(1);
    expect(inits[0]).toMatchObject({ keepalive: true, method: 'GET' });
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
  });
});

describe('logging', () => {
  it('logs nothing below warn by default', async () => {
    vi.stubEnv('LLAMA_CLOUD_LOG', undefined);
    const server = await serve((_req, res) => sendJson(res, 200, emptyPage));
    const { lines, logger } = capturingLogger();

    await new LlamaCloud({ apiKey: KEY, baseURL: server.url, logger }).beta.chat.list().firstPage();

    expect(lines).toEqual([]);
  });

  it('at debug, logs each request and response, with the key masked or redacted on every line', async () => {
    let calls = 0;
    const server = await serve((_req, res) =>
      calls++ === 0
        ? sendJson(res, 503, { detail: `busy for ${KEY}` }, { 'retry-after-ms': '0', 'x-echo': KEY })
        : sendJson(res, 200, emptyPage),
    );
    const { lines, logger } = capturingLogger();

    await new LlamaCloud({ apiKey: KEY, baseURL: server.url, logLevel: 'debug', logger }).beta.chat
      .list()
      .firstPage();

    expect(lines.filter((line) => line.startsWith('debug')).length).toBe(2);
    expect(lines.filter((line) => line.includes('sending request'))).toHaveLength(2);
    expect(
      lines.some((line) =>
        /info \[log_\w+\] GET .*\/api\/v1\/chat failed with status 503 in \d+ms - retrying/.test(line),
      ),
    ).toBe(true);
    expect(
      lines.some((line) =>
        /info \[log_\w+\] GET .*\/api\/v1\/chat succeeded with status 200 in \d+ms$/.test(line),
      ),
    ).toBe(true);
    expect(lines.some((line) => line.includes('"authorization":"***"'))).toBe(true);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('reads the level from LLAMA_CLOUD_LOG, as the SDK does', async () => {
    vi.stubEnv('LLAMA_CLOUD_LOG', 'info');
    const server = await serve((_req, res) => sendJson(res, 200, emptyPage));
    const { lines, logger } = capturingLogger();

    await new LlamaCloud({ apiKey: KEY, baseURL: server.url, logger }).beta.chat.list().firstPage();

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^info \[log_\w+\] GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/chat succeeded with status 200/,
    );
  });

  it('rejects a logLevel it does not know, and warns about a bad LLAMA_CLOUD_LOG', () => {
    const { lines, logger } = capturingLogger();
    expect(() => new LlamaCloud({ apiKey: KEY, logLevel: 'verbose' as never, logger })).toThrow(
      'logLevel must be one of off, error, warn, info, debug, got "verbose".',
    );
    vi.stubEnv('LLAMA_CLOUD_LOG', 'loud');
    new LlamaCloud({ apiKey: KEY, logger });
    expect(lines).toEqual([
      `warn process.env['LLAMA_CLOUD_LOG'] was set to "loud", expected one of ["off","error","warn","info","debug"]`,
    ]);
  });
});
