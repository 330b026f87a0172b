// Helpers shared by the listing tests (paginate*.test.ts).
import type { TestServer } from '@llamacloud-chat/test-support';
import LlamaCloud, { type LlamaCloudError } from '../../src/index.js';

export const KEY = 'llx-pagination-test';
export const client = (server: TestServer) => new LlamaCloud({ apiKey: KEY, baseUrl: server.url });
export const ids = (items: readonly { session_id: string }[]) => items.map((s) => s.session_id);
export const urls = (server: TestServer) => server.requests.map((r) => r.url);

export async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Runs `fn` and returns what it threw. */
export async function thrown(fn: () => Promise<unknown>): Promise<LlamaCloudError> {
  try {
    await fn();
  } catch (error) {
    return error as LlamaCloudError;
  }
  throw new Error('expected an error');
}
