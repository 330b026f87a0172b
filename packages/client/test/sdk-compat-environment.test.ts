// The environment as the official SDK reads it, and its error classes as statics of the client, under its names.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import OfficialSDK from '@llamaindex/llama-cloud';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LlamaCloud, {
  AbortedError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  LlamaCloudError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
} from '../src/index.js';
import { capturingLogger } from './support/capturing-logger.js';

const emptyPage = { items: [], next_page_token: null };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the environment, as the SDK reads it', () => {
  it.each([
    ['empty', ''],
    ['blank (spaces only)', '   '],
  ])('falls back to the default base URL when LLAMA_CLOUD_BASE_URL is %s', (_label, value) => {
    vi.stubEnv('LLAMA_CLOUD_BASE_URL', value);
    const ours = new LlamaCloud({ apiKey: 'My API Key' });
    const official = new OfficialSDK({ apiKey: 'My API Key' });
    expect(ours.baseURL).toBe('https://api.cloud.llamaindex.ai');
    expect(ours.baseURL).toBe(official.baseURL);
  });

  it('sends to the default base URL when LLAMA_CLOUD_BASE_URL is blank', async () => {
    vi.stubEnv('LLAMA_CLOUD_BASE_URL', '   ');
    const urls: string[] = [];
    const fetch = async (url: string | URL | Request) => {
      urls.push(String(url));
      return Response.json(emptyPage);
    };

    await new LlamaCloud({ apiKey: 'My API Key', fetch: fetch as typeof globalThis.fetch }).chat
      .list()
      .firstPage();

    expect(urls).toEqual(['https://api.cloud.llamaindex.ai/api/v1/chat']);
  });

  it('warns once about an unknown LLAMA_CLOUD_LOG, in the SDK’s words, and logs at warn', () => {
    vi.stubEnv('LLAMA_CLOUD_LOG', 'not a log level');
    const ours = capturingLogger();
    const official = capturingLogger();

    const client = new LlamaCloud({ apiKey: 'My API Key', logger: ours.logger });
    new OfficialSDK({ apiKey: 'My API Key', logger: official.logger });

    expect(client.logLevel).toBe('warn');
    expect(ours.lines).toEqual([
      `warn process.env['LLAMA_CLOUD_LOG'] was set to "not a log level", expected one of ["off","error","warn","info","debug"]`,
    ]);
    expect(ours.lines).toEqual(official.lines);
  });

  it('does not warn about LLAMA_CLOUD_LOG when the client was given a logLevel', () => {
    vi.stubEnv('LLAMA_CLOUD_LOG', 'not a log level');
    const { lines, logger } = capturingLogger();

    const client = new LlamaCloud({ apiKey: 'My API Key', logger, logLevel: 'debug' });

    expect(client.logLevel).toBe('debug');
    expect(lines).toEqual([]);
  });

  it('takes a valid LLAMA_CLOUD_LOG as the level', () => {
    vi.stubEnv('LLAMA_CLOUD_LOG', 'debug');
    expect(new LlamaCloud({ apiKey: 'My API Key' }).logLevel).toBe('debug');
  });
});

describe('error classes under the SDK’s names', () => {
  const classes = {
    LlamaCloudError,
    APIError,
    BadRequestError,
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    ConflictError,
    UnprocessableEntityError,
    RateLimitError,
    InternalServerError,
    APIConnectionError,
    APIConnectionTimeoutError,
    APIUserAbortError,
  };

  it('has every error class of the SDK as a static member and a named export, the same class', () => {
    const sdkNames = Object.keys(classes).sort();
    for (const name of sdkNames)
      expect(typeof (OfficialSDK as unknown as Record<string, unknown>)[name]).toBe('function');
    const statics = Object.fromEntries(
      sdkNames.map((name) => [name, (LlamaCloud as unknown as Record<string, unknown>)[name]]),
    );
    expect(statics).toEqual(classes);
  });

  it('makes the SDK’s names aliases of ours, and a timeout an APIConnectionError as in the SDK', () => {
    expect([APIConnectionError, APIConnectionTimeoutError, APIUserAbortError]).toEqual([
      ConnectionError,
      TimeoutError,
      AbortedError,
    ]);
    const timeout = new TimeoutError({ target: 'GET /api/v1/chat', timeoutMs: 10 });
    expect(timeout).toBeInstanceOf(LlamaCloud.APIConnectionError);
    expect(timeout).toBeInstanceOf(LlamaCloud.APIConnectionTimeoutError);
    expect(timeout.kind).toBe('timeout');
    expect(timeout.message).toBe('GET /api/v1/chat timed out after 10 ms.');
  });

  it('throws what SDK-style instanceof checks expect: a 404 is LlamaCloud.NotFoundError and LlamaCloud.APIError', async () => {
    const server = await serve((_req, res) => sendJson(res, 404, { detail: 'Chat session s not found' }));

    const error = await new LlamaCloud({ apiKey: 'My API Key', baseURL: server.url }).beta.chat
      .retrieve('s')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LlamaCloud.NotFoundError);
    expect(error).toBeInstanceOf(LlamaCloud.APIError);
    expect(error).toBeInstanceOf(LlamaCloud.LlamaCloudError);
    expect((error as APIError).status).toBe(404);
  });

  it('raises LlamaCloud.APIConnectionTimeoutError for a timeout and APIUserAbortError for an abort', async () => {
    const server = await serve(() => {
      // never answers
    });
    const client = new LlamaCloud({ apiKey: 'My API Key', baseURL: server.url, maxRetries: 0 });

    const timedOut = await client.get('/slow', { timeout: 50 }).catch((e: unknown) => e);
    const controller = new AbortController();
    const aborted = client.get('/slow', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();

    expect(timedOut).toBeInstanceOf(LlamaCloud.APIConnectionTimeoutError);
    expect(timedOut).toBeInstanceOf(LlamaCloud.APIConnectionError);
    expect(await aborted).toBeInstanceOf(LlamaCloud.APIUserAbortError);
  });
});
