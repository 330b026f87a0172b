// Helpers shared by reliability*.test.ts.
import type { ServerResponse } from 'node:http';
import { makeSessions, pagedSessions, sendJson, type TestServer } from '@llamacloud-chat/test-support';
import LlamaCloud, { type LlamaCloudError, type RetryTimers } from '../../src/index.js';

export const KEY = 'llx-reliability-test';
export const sessions = makeSessions(30);
export const ids = (items: readonly { session_id: string }[]) => items.map((s) => s.session_id);
export const urls = (server: TestServer) => server.requests.map((r) => r.url);
export const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');

/** Timers that record each wait the client chose and return at once; no jitter. */
export function recordingTimers() {
  const waits: number[] = [];
  const retryTimers: Omit<RetryTimers, 'schedule'> = {
    sleep: async (ms, signal) => {
      waits.push(ms);
      signal?.throwIfAborted();
    },
    random: () => 0,
    now: () => NOW,
  };
  return { waits, retryTimers };
}

/** Lists everything, returning the items seen and the error (if any). */
export async function run(
  client: LlamaCloud,
  options: Parameters<LlamaCloud['beta']['chat']['list']>[1] = {},
) {
  const seen: string[] = [];
  let error: LlamaCloudError | undefined;
  try {
    for await (const s of client.beta.chat.list({ page_size: 10 }, options)) seen.push(s.session_id);
  } catch (e) {
    error = e as LlamaCloudError;
  }
  return { seen, error };
}

type Options = ConstructorParameters<typeof LlamaCloud>[0];
export const clientFor = (server: TestServer, options: Options = {}) =>
  new LlamaCloud({ apiKey: KEY, baseUrl: server.url, ...options });

/** A client whose waits are recorded, not slept. */
export function recordedClient(server: TestServer, options: Options = {}) {
  const { waits, retryTimers } = recordingTimers();
  return { waits, client: clientFor(server, { retryTimers, ...options }) };
}

/** A paged server whose n-th request (0-based) is answered by `faults[n]` when there is one. */
export function faulty(faults: Record<number, (res: ServerResponse) => void>) {
  let n = 0;
  return pagedSessions(sessions, {
    fault: (_request, res) => {
      const fault = faults[n++];
      fault?.(res);
      return fault !== undefined;
    },
  });
}

export const unavailable = (res: ServerResponse) =>
  sendJson(res, 503, { detail: 'busy' }, { 'x-request-id': 'req-7' });
