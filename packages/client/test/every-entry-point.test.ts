// What the README promises of retries, idempotency, redaction and checks, through every way into the client:
// a generated method, a verb, client.request(), createClient()'s openapi-fetch call, a listing, paginate(), and a
// second spec's createSdk(). They all build one request and send it through one run, so each promise holds for
// each of them; this file is where that is shown, entry point by entry point.
import { pagedSessions, sendJson, serve, type TestServer } from '@llamacloud-chat/test-support';
import { describe, expect, it, vi } from 'vitest';
import LlamaCloud, {
  type APIError,
  ConnectionError,
  createClient,
  createSdk,
  InvalidRequestError,
  paginate,
} from '../src/index.js';
import { resources } from './generated/projects.operations.js';
import type { ResourceOperations } from './generated/projects.types.js';

const KEY = 'llx-every-entry-0123456789';
const noWait = { sleep: async () => {} };
const options = (baseURL: string) => ({ apiKey: KEY, baseURL, retryTimers: noWait });
const session = {
  session_id: 'ses-1',
  last_updated_at: '2026-12-01T00:00:00Z',
  index_ids: [],
  job_metadata: { turns: 0 },
  shared_access: 'read_only',
  generated_title: null,
  events: [],
};

/** Every way to read a session (or a listing of them); each awaits the first answer. */
const reads: Record<string, (url: string) => Promise<unknown>> = {
  'client.chat.retrieve()': (url) => new LlamaCloud(options(url)).chat.retrieve('ses-1'),
  'client.get()': (url) => new LlamaCloud(options(url)).get('/api/v1/chat/ses-1'),
  'client.request()': (url) =>
    new LlamaCloud(options(url)).request({ method: 'get', path: '/api/v1/chat/ses-1' }),
  'createClient().GET': async (url) => {
    const { error, data } = await createClient(options(url)).GET('/api/v1/chat/{session_id}', {
      params: { path: { session_id: 'ses-1' } },
    });
    if (error) throw Object.assign(new Error('error answer'), { answer: error });
    return data;
  },
  'client.chat.list()': (url) => new LlamaCloud(options(url)).chat.list().firstPage(),
  'paginate(createClient())': (url) => paginate(createClient(options(url)), '/api/v1/chat').firstPage(),
  "createSdk()'s listProjects()": (url) =>
    createSdk<ResourceOperations>(resources, options(url)).projects.listProjects().firstPage(),
};

/** Every way to create something the API must not create twice. */
const creates: Record<string, (url: string) => Promise<unknown>> = {
  'client.chat.create()': (url) => new LlamaCloud(options(url)).chat.create({ index_ids: ['idx-1'] }),
  'client.post()': (url) =>
    new LlamaCloud(options(url)).post('/api/v1/chat', { body: { index_ids: ['idx-1'] } }),
  'client.request()': (url) =>
    new LlamaCloud(options(url)).request({
      method: 'post',
      path: '/api/v1/chat',
      body: { index_ids: ['idx-1'] },
    }),
  'createClient().POST': (url) =>
    createClient(options(url)).POST('/api/v1/chat', { body: { index_ids: ['idx-1'] } }),
  'client.chat.stream()': async (url) => {
    for await (const _event of new LlamaCloud(options(url)).chat.stream('ses-1', {
      prompt: 'hi',
      index_ids: [],
    })) {
      // nothing arrives: the connection is reset before the headers
    }
  },
  "createSdk()'s createProject()": (url) =>
    createSdk<ResourceOperations>(resources, options(url)).projects.createProject({ name: 'p' }),
};

/** An answer fit for any of the reads: a session, which is also a page with its items. */
const anyRead = (res: Parameters<Parameters<typeof serve>[0]>[1]) =>
  sendJson(res, 200, { ...session, id: 'prj-1', name: 'p', items: [session], next_page_token: null });

async function failure(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe.each(Object.entries(reads))('%s', (_name, read) => {
  it('is retried after a 503, and succeeds', async () => {
    let asked = 0;
    const server = await serve((_request, res) =>
      asked++ < 2 ? sendJson(res, 503, { detail: 'busy' }) : anyRead(res),
    );

    await read(server.url);

    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
  });

  it('never shows the key, even when the server echoes it in an error', async () => {
    const server = await serve((request, res) =>
      sendJson(res, 400, { detail: `bad header ${request.headers.authorization}` }),
    );

    const error = await failure(read(server.url));

    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(error).toBeDefined();
    expect(
      JSON.stringify({
        error,
        message: (error as Error).message,
        answer: (error as { answer?: unknown }).answer,
      }),
    ).not.toContain(KEY);
    expect(JSON.stringify((error as APIError | { answer: unknown }) ?? {})).toContain('[redacted]');
  });
});

describe.each(Object.entries(creates))('%s', (_name, create) => {
  it('is sent once when the connection is reset, and the error says it may have taken effect', async () => {
    const server: TestServer = await serve((_request, res) => void res.socket?.destroy());

    const error = await failure(create(server.url));

    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).attempts).toBe(1);
    expect((error as ConnectionError).uncertain).toBe(true);
    expect((error as ConnectionError).uncertainOutcome).toMatch(/may (or may not )?have/);
  });
});

describe('a query parameter the operation does not have is refused before anything is sent', () => {
  const unknownQuery: Record<string, (url: string) => Promise<unknown>> = {
    'client.chat.list()': (url) => new LlamaCloud(options(url)).chat.list({ bogus: 1 } as never).firstPage(),
    'client.get()': (url) => new LlamaCloud(options(url)).get('/api/v1/chat', { query: { bogus: 1 } }),
    'createClient().GET': (url) =>
      createClient(options(url)).GET('/api/v1/chat', { params: { query: { bogus: 1 } as never } }),
    'paginate(createClient())': (url) =>
      paginate(createClient(options(url)), '/api/v1/chat', { bogus: 1 } as never).firstPage(),
    "createSdk()'s listProjects()": (url) =>
      createSdk<ResourceOperations>(resources, options(url))
        .projects.listProjects({ bogus: 1 } as never)
        .firstPage(),
    "createSdk()'s getProject()": (url) =>
      createSdk<ResourceOperations>(resources, options(url)).projects.getProject('p1', { bogus: 1 } as never),
  };

  it.each(Object.entries(unknownQuery))('%s', async (_name, call) => {
    const server = await serve(pagedSessions([session]));

    const error = await failure(call(server.url));

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/has no query parameter bogus.*Nothing was sent/);
    expect(server.requests).toEqual([]);
  });
});

describe('the verbs', () => {
  it('go through client.request(), once per call, as the SDK’s do', async () => {
    const server = await serve((_request, res) => anyRead(res));
    const client = new LlamaCloud(options(server.url));
    const request = vi.spyOn(client, 'request');
    const signal = new AbortController().signal;

    await client.get('/api/v1/chat/ses-1', { signal });

    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({ method: 'get', path: '/api/v1/chat/ses-1', signal });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/chat/ses-1']);
  });
});
