// Migration, end to end: one program written in the shapes the official SDK's own tests use (every chat method
// with asResponse()/withResponse(), `{ path: '/_stainless_unknown_path' }` expecting NotFoundError, withOptions,
// get/post), run unchanged against this client and against the official SDK on the same local server.

import { sendJson, serve } from '@llamacloud-chat/test-support';
import OfficialSDK from '@llamaindex/llama-cloud';
import { describe, expect, it } from 'vitest';
import LlamaCloud from '../src/index.js';

const IDS = {
  organization_id: '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e',
  project_id: '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e',
};
const summary = {
  session_id: 'session_id',
  last_updated_at: '2026-04-22T12:34:41Z',
  generated_title: 'Q3',
  shared_access: 'query',
};
const turn =
  'data: {"type":"user_input","content":"What were the main findings in Q3?"}\n\n' +
  'data: {"type":"text_delta","content":"Revenue grew."}\n\n' +
  'data: {"type":"stop","usage":{"total_input_tokens":3,"total_output_tokens":2}}\n\n';

/** The chat endpoints as a server answers them; any other path is FastAPI's 404. */
const chatServer = () =>
  serve((req, res) => {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /api/v1/chat') return sendJson(res, 200, { items: [summary], next_page_token: null });
    if (route === 'POST /api/v1/chat') return sendJson(res, 200, summary);
    if (route === 'GET /api/v1/chat/session_id') return sendJson(res, 200, { ...summary, events: [] });
    if (route === 'GET /api/v1/chat/session_id/summary') return sendJson(res, 200, summary);
    if (route === 'DELETE /api/v1/chat/session_id') return void res.writeHead(204).end();
    if (route === 'POST /api/v1/chat/session_id/messages/stream') {
      return void res.writeHead(200, { 'content-type': 'text/event-stream' }).end(turn);
    }
    sendJson(res, 404, { detail: 'Not Found' });
  });

/** What the SDK's client class offers that the program uses: both classes are called through it alike. */
interface SdkShape {
  beta: {
    chat: {
      list(params?: object, options?: object): PromiseLike<unknown> & Responses;
      create(params?: object, options?: object): PromiseLike<unknown> & Responses;
      retrieve(id: string, params?: object, options?: object): PromiseLike<unknown> & Responses;
      getSummary(id: string, params?: object, options?: object): PromiseLike<unknown> & Responses;
      delete(id: string, params?: object, options?: object): PromiseLike<unknown> & Responses;
      stream(id: string, params: object, options?: object): PromiseLike<unknown> & Responses;
    };
  };
  withOptions(options: object): SdkShape;
  get(path: string, options?: object): PromiseLike<unknown>;
  post(path: string, options?: object): PromiseLike<unknown>;
  maxRetries: number;
}
interface Responses {
  asResponse(): Promise<Response>;
  withResponse(): Promise<{ data: unknown; response: Response }>;
}
type SdkClass = (new (options: object) => SdkShape) & { NotFoundError: new (...args: never[]) => Error };

/** The program: each step as the SDK's tests write it; returns what each step saw, to compare. */
async function migratingProgram(Client: SdkClass, baseURL: string): Promise<Record<string, unknown>> {
  const client = new Client({ apiKey: 'My API Key', baseURL });
  const seen: Record<string, unknown> = {};
  const calls: [string, () => PromiseLike<unknown> & Responses][] = [
    ['list', () => client.beta.chat.list()],
    ['create', () => client.beta.chat.create()],
    ['retrieve', () => client.beta.chat.retrieve('session_id')],
    ['getSummary', () => client.beta.chat.getSummary('session_id')],
    ['delete', () => client.beta.chat.delete('session_id')],
    [
      'stream',
      () =>
        client.beta.chat.stream('session_id', {
          index_ids: ['idx-abc123', 'idx-def456'],
          prompt: 'What were the main findings in Q3?',
        }),
    ],
  ];
  for (const [name, call] of calls) {
    const responsePromise = call();
    const rawResponse = await responsePromise.asResponse();
    const response = await responsePromise;
    const dataAndResponse = await responsePromise.withResponse();
    seen[name] = {
      rawIsResponse: rawResponse instanceof Response,
      status: rawResponse.status,
      dataIsResponse: response instanceof Response,
      sameData: dataAndResponse.data === response,
      sameResponse: dataAndResponse.response === rawResponse,
    };
  }
  const unknownPath = { path: '/_stainless_unknown_path' };
  const notFound = async (promise: PromiseLike<unknown>) => {
    try {
      await promise;
      return 'resolved';
    } catch (error) {
      return error instanceof Client.NotFoundError ? 'NotFoundError' : String(error);
    }
  };
  seen.unknownPath = [
    await notFound(client.beta.chat.list({ ...IDS, page_size: 0, page_token: 'page_token' }, unknownPath)),
    await notFound(client.beta.chat.create({ ...IDS, index_ids: ['idx-abc123', 'idx-def456'] }, unknownPath)),
    await notFound(client.beta.chat.retrieve('session_id', IDS, unknownPath)),
    await notFound(client.beta.chat.delete('session_id', IDS, unknownPath)),
    await notFound(client.beta.chat.getSummary('session_id', IDS, unknownPath)),
  ];
  const quiet = client.withOptions({ maxRetries: 0 });
  seen.withOptions = [quiet.maxRetries, quiet !== client];
  seen.get = await quiet.get('/api/v1/chat');
  seen.post = await quiet.post('/api/v1/chat', { body: { index_ids: [] } });
  return seen;
}

describe('a program written for the official SDK', () => {
  it('runs unchanged on this client, seeing what it sees on the SDK', async () => {
    const server = await chatServer();

    const ours = await migratingProgram(LlamaCloud as unknown as SdkClass, server.url);
    const official = await migratingProgram(OfficialSDK as unknown as SdkClass, server.url);

    const ok = (status: number) => ({
      rawIsResponse: true,
      status,
      dataIsResponse: false,
      sameData: true,
      sameResponse: true,
    });
    expect(ours).toEqual({
      list: ok(200),
      create: ok(200),
      retrieve: ok(200),
      getSummary: ok(200),
      delete: ok(204),
      stream: ok(200),
      unknownPath: ['NotFoundError', 'NotFoundError', 'NotFoundError', 'NotFoundError', 'NotFoundError'],
      withOptions: [0, true],
      get: { items: [summary], next_page_token: null },
      post: summary,
    });
    expect(ours).toEqual(official);
    const paths = server.requests.map((r) => `${r.method} ${r.path}`);
    const half = paths.length / 2;
    expect(paths.slice(0, half)).toEqual(paths.slice(half));
  });
});
