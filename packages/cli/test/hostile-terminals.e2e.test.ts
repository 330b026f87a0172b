// The CLI as a process where its surroundings misbehave: a reader that goes away before anything is written,
// a terminal that reports 0 columns, and SIGINT or SIGTERM while it waits on a server that never answers.
import { spawn } from 'node:child_process';
import { makeSessions, pagedSessions, sendJson, serve, waitFor } from '@llamacloud-chat/test-support';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bin, processEnv, serverEnv } from './harness.js';
import { startInTerminal, type Terminal } from './pty.js';

/**
 * Runs the bin with the reader of `closed` gone before the CLI writes a byte, as `| head -0` does; the other
 * stream is read. Resolves with the exit code and what the other stream got.
 */
function withReaderGone(args: string[], closed: 'stdout' | 'stderr', env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: processEnv(env) });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  child[closed].destroy();
  const other = closed === 'stdout' ? child.stderr : child.stdout;
  let text = '';
  other.on('data', (chunk) => {
    text += chunk;
  });
  return new Promise<{ code: number | null; other: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, other: text })),
  );
}

describe('a reader that goes away', () => {
  it.each([[['--help']], [['--version']], [['help', 'sessions', 'list']], [['sessions', 'list', '--help']]])(
    '%j | head -0: exit 0, nothing on stderr',
    async (args) => {
      expect(await withReaderGone(args, 'stdout')).toEqual({ code: 0, other: '' });
    },
  );

  it('a usage error with its stderr closed: exit 0, nothing on stdout', async () => {
    expect(await withReaderGone(['sessions', 'list', '--limit', '0'], 'stderr')).toEqual({
      code: 0,
      other: '',
    });
  });

  it('a listing with its stdout closed before the first page: exit 0, nothing on stderr', async () => {
    const server = await serve(pagedSessions(makeSessions(50)));
    expect(await withReaderGone(['sessions', 'list'], 'stdout', serverEnv(server.url))).toEqual({
      code: 0,
      other: '',
    });
  });
});

/** A session whose title is long enough that a spinner or a table has something to wrap. */
const session = {
  session_id: 'ses-wide',
  last_updated_at: '2026-04-22T12:00:00Z',
  shared_access: 'query',
  generated_title: 'A title long enough to need more than one line on a narrow terminal',
};

describe('a terminal that reports 0 columns is taken as 80', () => {
  it.each([
    ['sessions get', ['sessions', 'get', 'ses-abc123'], 'ses-abc123'],
    ['sessions create', ['sessions', 'create'], 'Created session'],
  ])('%s on the built-in mock (a spinner while it starts) ends, exit 0', async (_name, args, shown) => {
    const terminal = startInTerminal(args, {}, 0);

    expect(await terminal.exited).toBe(0);
    expect(terminal.screen()).toContain(shown);
    expect(terminal.bytes()).toBeLessThan(16_384);
  });

  it.each([
    ['sessions list', ['sessions', 'list'], 'ses-wide', 'Fetching sessions…'],
    ['sessions get', ['sessions', 'get', 'ses-wide'], 'ses-wide', null],
    ['sessions create', ['sessions', 'create'], 'ses-wide', null],
    ['chat', ['chat', 'ses-wide', 'hello'], 'Hi there.', 'Waiting for the answer…'],
  ])('%s ends, exit 0, in a few KB of output', async (_name, args, shown, spinning) => {
    let terminal: Terminal | undefined;
    let exited = false;
    const drawn: number[] = [];
    const server = await serve(async (request, res) => {
      // Where the command shows a spinner while it waits, the answer waits until the terminal has been sent
      // three frames of it since the request came: the spinner has drawn at 0 columns, and drawn again.
      if (spinning && terminal) {
        const from = terminal.raw().length;
        const frames = () => (terminal?.raw().slice(from).split(spinning).length ?? 1) - 1;
        await waitFor(() => exited || frames() >= 3, 60_000);
        drawn.push(frames());
      }
      if (request.path.endsWith('/messages/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`data: ${JSON.stringify({ type: 'text_delta', content: 'Hi there.' })}\n\n`);
        const stop = { type: 'stop', error: null, is_error: false, usage: {} };
        res.end(`data: ${JSON.stringify(stop)}\n\n`);
        return;
      }
      if (request.path === '/api/v1/chat' && request.method === 'GET')
        return sendJson(res, 200, { items: [session], next_page_token: null });
      sendJson(res, 200, { ...session, events: [] });
    });
    terminal = startInTerminal(args, serverEnv(server.url), 0);
    void terminal.exited.then(() => {
      exited = true;
    });

    expect(await terminal.exited).toBe(0);
    expect(terminal.screen()).toContain(shown);
    expect(terminal.bytes()).toBeLessThan(16_384);
    if (spinning) expect(drawn).toEqual([expect.any(Number)]);
    for (const frames of drawn) expect(frames).toBeGreaterThanOrEqual(3);
  });
});

/** A server that takes every request and never answers; `closed` counts the connections the CLI hung up. */
async function hangingServer() {
  const seen = { requests: 0, closed: 0 };
  const server = await serve((_request, res) => {
    seen.requests++;
    res.on('close', () => {
      seen.closed++;
    });
  });
  return { server, seen };
}

describe('Ctrl-C and SIGTERM always stop it', () => {
  it.each([
    ['SIGINT', 130, 80],
    ['SIGTERM', 143, 80],
    ['SIGINT', 130, 0],
    ['SIGTERM', 143, 0],
  ] as const)(
    '%s while the spinner turns: exit %i (%i columns reported), the connection closed',
    async (signal, code, columns) => {
      const { server, seen } = await hangingServer();
      const terminal = startInTerminal(['sessions', 'list'], serverEnv(server.url), columns);
      await terminal.waitFor(/Fetching sessions/);
      await waitFor(() => seen.requests >= 1, 60_000);
      terminal.kill(signal);

      expect(await terminal.exited).toBe(code);
      await waitFor(() => seen.closed >= 1, 60_000);
      expect(terminal.bytes()).toBeLessThan(16_384);
    },
    120_000,
  );

  it('SIGTERM during a chat turn: exit 143, the stream closed', async () => {
    const { server, seen } = await hangingServer();
    const terminal = startInTerminal(['chat', 'ses-1', 'hello'], serverEnv(server.url), 0);
    await waitFor(() => seen.requests >= 1, 60_000);
    terminal.kill('SIGTERM');

    expect(await terminal.exited).toBe(143);
    await waitFor(() => seen.closed >= 1, 60_000);
    // A process started in a pseudo-terminal while other test files run: a minute, not the default 30 s.
  }, 120_000);
});
