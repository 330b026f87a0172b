// streamTimeout on the real clock: a server that keeps a turn open with a comment every 100 ms, never an event,
// is cut off by the whole-turn limit, and sees its connection closed. The in-process tests drive the same limit
// on manual timers (chat-stream-failures.test.ts); this one shows the real timers reach it too. It asserts what
// happened, not how long it took.
import { serve } from '@llamacloud-chat/test-support';
import { expect, it } from 'vitest';
import LlamaCloud, { TimeoutError } from '../src/index.js';

it('a turn kept open by keepalive comments ends with a TimeoutError for streamTimeout, and the connection closes', async () => {
  let closed = false;
  const server = await serve((_request, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), 100);
    res.on('close', () => {
      clearInterval(keepalive);
      closed = true;
    });
  });
  const client = new LlamaCloud({ apiKey: 'llx-stream-timeout-e2e', baseURL: server.url, timeout: 2_000 });

  let error: unknown;
  try {
    for await (const _ of client.chat.stream(
      'ses-abc123',
      { prompt: 'q', index_ids: ['idx-1'] },
      { streamTimeout: 3_000 },
    )) {
    }
  } catch (caught) {
    error = caught;
  }

  expect(error).toBeInstanceOf(TimeoutError);
  expect(error).toMatchObject({ kind: 'timeout', limit: 'turn', timeoutMs: 3_000 });
  expect((error as Error).message).toContain('passed its streamTimeout of 3000 ms');
  await expect.poll(() => closed).toBe(true);
  expect(server.requests).toHaveLength(1);
}, 60_000);
