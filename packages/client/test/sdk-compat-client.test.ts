// Code written for the official SDK constructs this client unchanged: any key a header can carry, the instance
// properties it reads, and withOptions().
import { inspect } from 'node:util';
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LlamaCloud, { NotFoundError } from '../src/index.js';
import { capturingLogger } from './support/capturing-logger.js';

const emptyPage = { items: [], next_page_token: null };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('construction: any key a header can carry', () => {
  it.each([
    ['the SDK tests’ placeholder, with spaces', 'My API Key', 'My API Key'],
    [
      'a key with a trailing newline (pasted from a file)',
      'llx-from-a-file-0123456789\n',
      'llx-from-a-file-0123456789',
    ],
    ['a key with surrounding spaces and tabs', ' \tllx-padded-0123456789 \t', 'llx-padded-0123456789'],
    ['a three-character key', 'abc', 'abc'],
  ])('accepts %s and sends it trimmed, as fetch would', async (_label, key, sent) => {
    const server = await serve((_req, res) => sendJson(res, 200, emptyPage));

    const client = new LlamaCloud({ apiKey: key, baseURL: server.url });
    await client.beta.chat.list().firstPage();

    expect(client.apiKey).toBe(sent);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${sent}`]);
  });

  it('reads a trimmed key from LLAMA_CLOUD_API_KEY, as the SDK does', () => {
    vi.stubEnv('LLAMA_CLOUD_API_KEY', '  My API Key\n');
    expect(new LlamaCloud().apiKey).toBe('My API Key');
  });

  it('does not scrub a key too short to be real from bodies: a 3-character key would rewrite the data', async () => {
    const session = { session_id: 'abc-1', last_updated_at: '2026-04-22T12:34:41Z', generated_title: 'abc' };
    const server = await serve((_req, res) =>
      sendJson(res, 200, { items: [session], next_page_token: null }),
    );

    const page = await new LlamaCloud({ apiKey: 'abc', baseURL: server.url }).beta.chat.list().firstPage();

    expect(page.items).toEqual([session]);
  });

  it('still scrubs a key of 8 characters or more that a server echoes', async () => {
    const key = 'My API Key';
    const server = await serve((_req, res) => sendJson(res, 404, { detail: `No session for key ${key}` }));

    const error = await new LlamaCloud({ apiKey: key, baseURL: server.url, maxRetries: 0 }).beta.chat
      .retrieve('ses-1')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(
      '404 Not Found from GET /api/v1/chat/ses-1: No session for key [redacted]',
    );
  });
});

describe('instance properties', () => {
  it('has apiKey, baseURL, maxRetries, timeout, logLevel, logger and fetchOptions, with the SDK’s defaults', () => {
    vi.stubEnv('LLAMA_CLOUD_BASE_URL', undefined);
    vi.stubEnv('LLAMA_CLOUD_LOG', undefined);
    const client = new LlamaCloud({ apiKey: 'My API Key' });

    expect({
      apiKey: client.apiKey,
      baseURL: client.baseURL,
      maxRetries: client.maxRetries,
      timeout: client.timeout,
      logLevel: client.logLevel,
      logger: client.logger,
      fetchOptions: client.fetchOptions,
    }).toEqual({
      apiKey: 'My API Key',
      baseURL: 'https://api.cloud.llamaindex.ai',
      maxRetries: 2,
      timeout: 60_000,
      logLevel: 'warn',
      logger: console,
      fetchOptions: {},
    });
  });

  it('reports the options it was given, the base URL as written', () => {
    const { logger } = capturingLogger();
    const fetchOptions = { keepalive: true };
    const client = new LlamaCloud({
      apiKey: 'My API Key',
      baseURL: 'http://localhost:5000/custom/path/',
      maxRetries: 4,
      timeout: 1_000,
      logLevel: 'debug',
      logger,
      fetchOptions,
    });

    expect([client.baseURL, client.maxRetries, client.timeout, client.logLevel]).toEqual([
      'http://localhost:5000/custom/path/',
      4,
      1_000,
      'debug',
    ]);
    expect(client.logger).toBe(logger);
    expect(client.fetchOptions).toBe(fetchOptions);
  });

  it('never shows the key when the client itself is printed or serialized', () => {
    const key = 'llx-printed-0123456789abcdef';
    const client = new LlamaCloud({ apiKey: key });

    expect(inspect(client, { depth: 10 })).not.toContain(key);
    expect(JSON.stringify(client)).not.toContain(key);
    expect(client.apiKey).toBe(key);
  });

  it('keeps them read-only: assigning one throws instead of silently changing nothing', () => {
    const client = new LlamaCloud({ apiKey: 'My API Key', timeout: 1_000 });
    expect(() => {
      (client as unknown as { timeout: number }).timeout = 2_000;
    }).toThrow(TypeError);
    expect(client.timeout).toBe(1_000);
  });

  it('has client.chat, the same object as client.beta.chat', () => {
    const client = new LlamaCloud({ apiKey: 'My API Key' });
    expect(client.chat).toBe(client.beta.chat);
  });
});

describe('withOptions()', () => {
  it('makes a new client with the options merged over this one’s, leaving this one as it was', async () => {
    const first = await serve((_req, res) => sendJson(res, 200, emptyPage));
    const second = await serve((_req, res) => sendJson(res, 200, emptyPage));
    const client = new LlamaCloud({
      apiKey: 'My API Key',
      baseURL: first.url,
      maxRetries: 3,
      defaultHeaders: { 'X-Test-Header': 'test-value' },
      defaultQuery: { 'test-param': 'test-value' },
    });

    const moved = client.withOptions({ baseURL: `${second.url}/`, maxRetries: 5 });
    await moved.get('/anything');
    await client.get('/anything');

    expect(moved).not.toBe(client);
    expect(moved).toBeInstanceOf(LlamaCloud);
    expect([moved.baseURL, moved.maxRetries, client.baseURL, client.maxRetries]).toEqual([
      `${second.url}/`,
      5,
      first.url,
      3,
    ]);
    const seen = (server: typeof first) =>
      server.requests.map((r) => [r.url, r.headers.authorization, r.headers['x-test-header']]);
    expect(seen(second)).toEqual([['/anything?test-param=test-value', 'Bearer My API Key', 'test-value']]);
    expect(seen(first)).toEqual([['/anything?test-param=test-value', 'Bearer My API Key', 'test-value']]);
  });

  it('keeps the key and base URL this client read from the environment, and warns about LLAMA_CLOUD_LOG once', () => {
    const { lines, logger } = capturingLogger();
    vi.stubEnv('LLAMA_CLOUD_API_KEY', 'llx-from-env-0123456789');
    vi.stubEnv('LLAMA_CLOUD_BASE_URL', 'https://example.com/from_env');
    vi.stubEnv('LLAMA_CLOUD_LOG', 'loud');
    const client = new LlamaCloud({ logger });
    vi.stubEnv('LLAMA_CLOUD_API_KEY', 'llx-changed-0123456789');
    vi.stubEnv('LLAMA_CLOUD_BASE_URL', 'https://example.com/changed');

    const copy = client.withOptions({ timeout: 5_000 });

    expect([copy.apiKey, copy.baseURL, copy.timeout, copy.logLevel]).toEqual([
      'llx-from-env-0123456789',
      'https://example.com/from_env',
      5_000,
      'warn',
    ]);
    expect(lines).toHaveLength(1);
  });

  it('checks the merged options like a constructor does', () => {
    const client = new LlamaCloud({ apiKey: 'My API Key' });
    expect(() => client.withOptions({ timeout: -5 })).toThrow(
      'timeout must be a number from 1 to 2147483647, got -5.',
    );
    expect(() => client.withOptions({ streamTimeout: 1.5e10 })).toThrow(
      'streamTimeout must be a number from 1 to 2147483647, got 15000000000.',
    );
    expect(() => client.withOptions({ maxRetrys: 1 } as never)).toThrow('Unknown client option "maxRetrys"');
  });
});
