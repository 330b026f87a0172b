// Helpers shared by sdk-compat-request*.test.ts.
import type { RetryTimers } from '../../src/index.js';

export const KEY = 'llx-requests-test-0123456789';
export const session = {
  session_id: 'ses-1',
  last_updated_at: '2026-04-22T12:34:41Z',
  shared_access: 'read_only',
};
export const retrieved = { ...session, events: [] };
export const emptyPage = { items: [], next_page_token: null };

/** Retries without waiting: the waits the client chose are recorded instead. */
export function instantTimers(): Omit<RetryTimers, 'schedule'> & { waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms), random: () => 0, now: () => 0 };
}

/** A fetch that records each call and answers from `answer`. */
export function recordingFetch(answer: (call: number) => Response = () => Response.json({ ok: true })) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    return answer(calls.length);
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}
