// The bounds as the llamacloud-chat-mcp process keeps them: over HTTP, --max-sessions and --session-idle-timeout
// reach the server (it names them on stderr, the initialize past the limit succeeds and the oldest idle session
// is then a 404), and under 500 initializes the open sessions stay at the limit; on stdio, a line over 10 MiB
// is answered with a parse error and the server goes on, then stops with exit 0 when stdin ends.
import { describe, expect, it } from 'vitest';
import { spawnBin } from './support.js';

const TOKEN = 'bounds-e2e-token';

const post = (url: string, body: unknown, session?: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(session ? { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' } : {}),
    },
    body: JSON.stringify(body),
  });

/** A new session's id. */
async function initialize(url: string, n: number): Promise<string> {
  const response = await post(url, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: `e2e-${n}`, version: '0' },
    },
  });
  await response.text();
  expect(response.status).toBe(200);
  return response.headers.get('mcp-session-id') as string;
}

/** The status of a `tools/list` in `session`. */
async function listStatus(url: string, session: string): Promise<number> {
  const response = await post(url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, session);
  await response.text();
  return response.status;
}

async function httpBin(args: string[]) {
  const bin = spawnBin(['--transport', 'http', '--token', TOKEN, ...args]);
  await expect.poll(() => /on (http:\S+)/.exec(bin.stderr()), { timeout: 30_000 }).toBeTruthy();
  return { ...bin, url: /on (http:\S+)/.exec(bin.stderr())?.[1] as string };
}

describe('the process, bounded', () => {
  // Reaping by idle time is proven in process on an injected clock (http-bounds.test.ts); here the flags reach the
  // process, with an idle limit no loaded machine reaches mid-test.
  it('with --max-sessions 20 --session-idle-timeout 300: the 21st initialize succeeds, the oldest idle session is a 404', async () => {
    const { url, stderr, child, exited } = await httpBin([
      '--max-sessions',
      '20',
      '--session-idle-timeout',
      '300',
    ]);

    const sessions: string[] = [];
    for (let n = 0; n < 21; n += 1) sessions.push(await initialize(url, n));

    expect(stderr()).toContain('Sessions: at most 20 at once; one idle for 300 s is closed.');
    expect(await listStatus(url, sessions[0] as string)).toBe(404);
    expect(await listStatus(url, sessions[20] as string)).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('under 500 initializes one after another keeps 20 sessions open: every older one is closed', async () => {
    const { url, child, exited } = await httpBin(['--max-sessions', '20']);

    const sessions: string[] = [];
    for (let n = 0; n < 500; n += 1) sessions.push(await initialize(url, n));

    const statuses = await Promise.all(
      [0, 250, 479, 480, 499].map((n) => listStatus(url, sessions[n] as string)),
    );
    expect(statuses).toEqual([404, 404, 404, 200, 200]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('on stdio answers a line over 10 MiB with a parse error, serves the next line, and exits 0 when stdin ends', async () => {
    const { child, stdout, exited } = spawnBin(['--mock']);
    const ping = `${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' })}\n`;

    child.stdin.write(
      `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${'x'.repeat(10 * 1024 * 1024)}"}}\n`,
    );
    child.stdin.write(ping);
    await expect.poll(() => stdout().split('\n').length, { timeout: 30_000 }).toBe(3);
    child.stdin.end();

    expect(await exited).toBe(0);
    const lines = stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: {
          code: -32700,
          message:
            'Parse error: a message over 10485760 bytes was dropped unread. Messages are one a line, each at most that size.',
        },
      },
      { jsonrpc: '2.0', id: 2, result: {} },
    ]);
  });
});
