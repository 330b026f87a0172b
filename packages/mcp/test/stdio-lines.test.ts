// The stdio transport's lines, in this process over pipes: a line over the limit is answered with JSON-RPC's
// parse error as soon as it passes the limit, its rest is skipped however it arrives, and the next line is served;
// a line that is not JSON is a parse error too. The server never stops over a line.
import { PassThrough } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startMcp } from '../src/index.js';
import { apiMock, KEY } from './support.js';

async function overPipes(maxLineBytes: number) {
  const api = await apiMock();
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const lines: unknown[] = [];
  let pending = '';
  stdout.on('data', (chunk) => {
    pending += String(chunk);
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) lines.push(JSON.parse(line));
  });
  const server = await startMcp({
    transport: 'stdio',
    env: { LLAMA_CLOUD_BASE_URL: api.mock.url, LLAMA_CLOUD_API_KEY: KEY },
    stdin,
    stdout,
    maxLineBytes,
    log: () => {},
  });
  onTestFinished(() => server.close());
  return { stdin, lines };
}

const ping = (id: number) => `${JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' })}\n`;

describe('the stdio transport', () => {
  it('answers a line over the limit with a parse error, skips the rest of it, and serves the next line', async () => {
    const { stdin, lines } = await overPipes(1024);

    stdin.write(`{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${'x'.repeat(700)}`);
    stdin.write('x'.repeat(700));
    await expect.poll(() => lines.length, { timeout: 30_000 }).toBe(1);
    stdin.write(`${'x'.repeat(5000)}"}}\n${ping(2)}`);
    await expect.poll(() => lines.length, { timeout: 30_000 }).toBe(2);

    expect(lines).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: {
          code: -32700,
          message:
            'Parse error: a message over 1024 bytes was dropped unread. Messages are one a line, each at most that size.',
        },
      },
      { jsonrpc: '2.0', id: 2, result: {} },
    ]);
  });

  it('answers a line that is not JSON with a parse error and one that is not JSON-RPC as invalid', async () => {
    const { stdin, lines } = await overPipes(1024);

    stdin.write(`not json\n{"id":3,"hello":true}\n${ping(4)}`);
    await expect.poll(() => lines.length, { timeout: 30_000 }).toBe(3);

    expect(lines).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the line is not JSON.' } },
      {
        jsonrpc: '2.0',
        id: 3,
        error: { code: -32600, message: 'Invalid Request: the line is not a JSON-RPC 2.0 message.' },
      },
      { jsonrpc: '2.0', id: 4, result: {} },
    ]);
  });
});
