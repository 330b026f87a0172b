// Helpers shared by chat-resource.test.ts and chat-create-once.test.ts.
import type { ServerResponse } from 'node:http';
import { type ReceivedRequest, sendJson, type TestServer } from '@llamacloud-chat/test-support';
import OfficialSDK from '@llamaindex/llama-cloud';
import LlamaCloud, { type RetryTimers } from '../../src/index.js';

export const KEY = 'llx-chat-resource-test';

export const session = {
  last_updated_at: '2026-04-22T12:34:41.342245',
  session_id: 'ses-abc123',
  shared_access: 'query',
  generated_title: 'What were the main findings in Q3?',
  index_ids: ['idx-abc123'],
  job_metadata: null,
};
export const history = {
  ...session,
  events: [
    { type: 'user_input', content: 'What were the main findings in Q3?' },
    { type: 'tool_call', call_id: 'c1', name: 'search', arguments: { query: 'Q3 findings' } },
    { type: 'tool_result', call_id: 'c1', name: 'search', result: ['p. 4'], image_attachment: null },
    { type: 'text', content: 'Revenue grew 12%.' },
    { type: 'stop', error: null, is_error: false, usage: { duration_ms: 1840, turns: 1 } },
    { type: 'from_the_future', detail: 'unknown events pass through' },
  ],
};

/** Answers like the API: a session for create, retrieve and summary; 204 for delete. */
export function chatServer(req: ReceivedRequest, res: ServerResponse) {
  if (req.method === 'DELETE') res.writeHead(204).end();
  else if (req.method === 'POST') sendJson(res, 201, session);
  else if (req.path.endsWith('/summary')) sendJson(res, 200, session);
  else sendJson(res, 200, history);
}

/** What the server saw of a request, as far as the SDKs must agree: method, path and query, JSON body. */
export const seen = (r: ReceivedRequest) => ({
  method: r.method,
  url: r.url,
  body: r.body === '' ? undefined : JSON.parse(r.body),
  contentType: r.headers['content-type'],
  authorization: r.headers.authorization,
});

/** Timers that record each wait and return at once. */
export function recordingTimers() {
  const waits: number[] = [];
  const retryTimers: Omit<RetryTimers, 'schedule'> = {
    sleep: async (ms) => void waits.push(ms),
    random: () => 0,
    now: () => 0,
  };
  return { waits, retryTimers };
}

export const ours = (server: TestServer, retryTimers?: Partial<RetryTimers>) =>
  new LlamaCloud({ apiKey: KEY, baseURL: server.url, retryTimers });
export const official = (server: TestServer) =>
  new OfficialSDK({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });

type Client = Pick<LlamaCloud, 'beta'> | OfficialSDK;
export const calls: [string, (client: Client) => Promise<unknown>][] = [
  ['create()', (c) => c.beta.chat.create()],
  [
    'create({ index_ids, project_id })',
    (c) => c.beta.chat.create({ index_ids: ['idx-1', 'idx-2'], project_id: 'p1' }),
  ],
  ['create({ index_ids: null })', (c) => c.beta.chat.create({ index_ids: null, organization_id: 'o1' })],
  ['retrieve(id)', (c) => c.beta.chat.retrieve('ses-abc123')],
  [
    'retrieve(id, query)',
    (c) => c.beta.chat.retrieve('ses-abc123', { organization_id: 'o1', project_id: 'p 1' }),
  ],
  ['getSummary(id, query)', (c) => c.beta.chat.getSummary('ses-abc123', { project_id: 'p1' })],
  ['delete(id)', (c) => c.beta.chat.delete('ses-abc123')],
  [
    'delete(id, params)',
    (c) => c.beta.chat.delete('ses-abc123', { organization_id: 'o1', project_id: 'p1' }),
  ],
  ['an id that is a path: retrieve("a/../b c?d")', (c) => c.beta.chat.retrieve('a/../b c?d')],
  ['a unicode id: getSummary("séance-会话-🦙")', (c) => c.beta.chat.getSummary('séance-会话-🦙')],
];
