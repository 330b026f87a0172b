// Helpers shared by chat-stream*.test.ts.
import type { ServerResponse } from 'node:http';
import type { ReceivedRequest, TestServer } from '@llamacloud-chat/test-support';
import LlamaCloud, { type ChatStreamEvent } from '../../src/index.js';

export const KEY = 'llx-chat-stream-test';
export const params = { prompt: 'What were the main findings in Q3?', index_ids: ['idx-abc123'] };

export const turn = [
  { type: 'user_input', content: 'What were the main findings in Q3?' },
  { type: 'thinking_delta', content: 'Looking at the Q3 report' },
  { type: 'tool_call', call_id: 'c1', name: 'search', arguments: { query: 'Q3 findings' } },
  { type: 'tool_result', call_id: 'c1', name: 'search', result: { hits: 2 }, image_attachment: null },
  { type: 'text_delta', content: 'Revenue grew ' },
  { type: 'text_delta', content: '12% — café 🦙.' },
  { type: 'text', content: 'Revenue grew 12% — café 🦙.' },
  {
    type: 'stop',
    error: null,
    is_error: false,
    usage: { duration_ms: 1840, total_input_tokens: 1523, turns: 1 },
  },
];

/** One `data:` line per event, a blank line after each. */
export const plain = (events: readonly unknown[]) =>
  events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');

/** Splits `text`'s UTF-8 bytes into chunks of `size`, cutting lines and multi-byte characters anywhere. */
export function bytesOf(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

/** Bytes to write, or a promise to wait for (a signal from the test) before the next part. */
type Part = string | Buffer | { until: Promise<unknown> };

/** A handler that answers a stream request with `parts` written in order, then ends (unless `end` is false). */
export function sse(parts: readonly Part[], options: { end?: boolean; onClose?: () => void } = {}) {
  return async (_request: ReceivedRequest, res: ServerResponse) => {
    res.on('close', () => options.onClose?.());
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    for (const part of parts) {
      if (res.destroyed) return;
      if (typeof part === 'string' || Buffer.isBuffer(part)) {
        res.write(part);
        await new Promise((resolve) => setImmediate(resolve));
      } else await part.until;
    }
    if (options.end !== false) res.end();
  };
}

export const client = (server: TestServer, options: ConstructorParameters<typeof LlamaCloud>[0] = {}) =>
  new LlamaCloud({ apiKey: KEY, baseURL: server.url, ...options });

/** Every event of a turn, and the error that ended it, if any. */
export async function collect(iterable: AsyncIterable<ChatStreamEvent>) {
  const events: ChatStreamEvent[] = [];
  try {
    for await (const event of iterable) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error: error as Error };
  }
}

/**
 * A stream the test writes itself: the handler sends the headers and hands the response over through `opened`,
 * so each write happens when the test says. `closed()` tells whether the server saw the connection close.
 */
export function heldStream() {
  let closed = false;
  let open: (res: ServerResponse) => void = () => {};
  const opened = new Promise<ServerResponse>((resolve) => {
    open = resolve;
  });
  const handler = (_request: ReceivedRequest, res: ServerResponse) => {
    res.on('close', () => {
      closed = true;
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    open(res);
  };
  return { handler, opened, closed: () => closed };
}
