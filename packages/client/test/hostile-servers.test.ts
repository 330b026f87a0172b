// The client against servers that send what it must not hold on to, in-process: a listing whose every cursor is
// as long as a URL allows. The child-process cases (a gzip bomb, an endless line, a huge page, ...) are in
// hostile-servers.e2e.test.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, onTestFinished } from 'vitest';
import LlamaCloud, { ClientConfigError } from '../src/index.js';

const MB = 2 ** 20;

/** A full garbage collection, so the heap holds only what is still referenced. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Pages of one session each, every `next_page_token` `cursorChars` long; no request is kept. */
async function longCursors(pages: number, cursorChars: number) {
  const filler = 'c'.repeat(cursorChars);
  const server = createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('page_token');
    const page = token ? Number(token.split(':')[0]) : 0;
    const next = page + 1 < pages ? `${page + 1}:${filler}`.slice(0, cursorChars) : null;
    const session = {
      session_id: `ses-${page}`,
      last_updated_at: '2026-01-01T00:00:00Z',
      shared_access: 'query',
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: [session], next_page_token: next }));
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('long cursors', () => {
  it('7 KB cursors over 2,500 pages: the loop guard keeps fingerprints, so memory does not grow with them', async () => {
    const PAGES = 2_500;
    // As long as a cursor can be while its URL stays under the 8 KiB the client sends.
    const CURSOR = 7_000;
    const gc = collectGarbage();
    const baseURL = await longCursors(PAGES, CURSOR);
    const client = new LlamaCloud({ apiKey: 'llx-long-cursors', baseURL });
    const heap: number[] = [];

    let items = 0;
    for await (const _ of client.chat.list({ page_size: 1 })) {
      items++;
      if (items === 100 || items === PAGES) {
        gc();
        heap.push(process.memoryUsage().heapUsed);
      }
    }

    expect(items).toBe(PAGES);
    // Holding every cursor adds 2,400 × 7 KB (16 MB) between the two samples, 20 MB measured in all; keeping
    // fingerprints, about 4 MB.
    expect((heap[1] ?? 0) - (heap[0] ?? 0)).toBeLessThan(10 * MB);
  });
});

describe('the limits as options', () => {
  it.each([
    ['maxResponseBytes', 0],
    ['maxEventBytes', 1.5],
  ])('refuses %s = %s at construction', (name, value) => {
    expect(() => new LlamaCloud({ apiKey: 'llx-x', [name]: value })).toThrow(ClientConfigError);
    expect(() => new LlamaCloud({ apiKey: 'llx-x', [name]: value })).toThrow(
      `${name} must be an integer ≥ 1`,
    );
  });
});
