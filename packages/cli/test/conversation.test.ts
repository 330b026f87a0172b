// `chat` with no prompt and stdin not a terminal (a file, a pipe): each line read is one turn in one session, in
// order, each sent only once the one before has ended; with no id, a session is created first. In-process,
// against a node:http server of ours that answers each prompt with its echo.
import { Readable } from 'node:stream';
import { type ReceivedRequest, sendJson, serve, waitFor } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { capture, cli, serverEnv } from './harness.js';

const frame = (event: unknown) => `data: ${JSON.stringify(event)}\n\n`;
const stop = (isError = false) => ({
  type: 'stop',
  error: isError ? 'Index idx-1 is being rebuilt' : null,
  is_error: isError,
  usage: {},
});

/**
 * Create answers `ses-made`; a turn answers `You said: <prompt>`, or fails when the prompt says "fail". Each turn
 * stays open after its first words until the CLI has printed them, so a next turn sent before this one ended
 * finds it open. `fetch` notes, for each turn the CLI sends, how many turns the server had ended by then.
 */
function echo() {
  const stdout = capture();
  let open = 0;
  let mostAtOnce = 0;
  let started = 0;
  let ended = 0;
  const endedWhenSent: number[] = [];
  const handler = async (request: ReceivedRequest, res: import('node:http').ServerResponse) => {
    if (request.path === '/api/v1/chat') {
      sendJson(res, 200, {
        session_id: 'ses-made',
        last_updated_at: '2026-01-01T00:00:00Z',
        shared_access: 'query',
      });
      return;
    }
    const { prompt } = JSON.parse(request.body) as { prompt: string };
    const turn = ++started;
    open++;
    mostAtOnce = Math.max(mostAtOnce, open);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(frame({ type: 'text_delta', content: 'You said: ' }));
    await waitFor(() => stdout.text().split('You said: ').length - 1 >= turn);
    open--;
    ended++;
    res.end(frame({ type: 'text_delta', content: prompt }) + frame(stop(prompt.includes('fail'))));
  };
  const fetchSeen: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/messages/stream')) endedWhenSent.push(ended);
    return fetch(input, init);
  };
  return { handler, stdout, fetch: fetchSeen, mostAtOnce: () => mostAtOnce, endedWhenSent };
}

const prompts = (requests: ReceivedRequest[]) =>
  requests.filter((r) => r.path.endsWith('/stream')).map((r) => [r.path, JSON.parse(r.body).prompt]);

describe('chat with stdin not a terminal', () => {
  it('each line is one turn in the given session, one after the other; blank lines are skipped', async () => {
    const turns = echo();
    const server = await serve(turns.handler);

    const run = await cli(['chat', 'ses-1', '--index', 'idx-1'], {
      env: serverEnv(server.url),
      stdout: turns.stdout,
      fetch: turns.fetch,
      stdin: Readable.from(['What grew?\n\n  \nAnd Q4?\r\n', 'Thanks']),
    });

    expect(run).toEqual({
      code: 0,
      stdout: 'You said: What grew?\nYou said: And Q4?\nYou said: Thanks\n',
      stderr: '',
    });
    expect(prompts(server.requests)).toEqual([
      ['/api/v1/chat/ses-1/messages/stream', 'What grew?'],
      ['/api/v1/chat/ses-1/messages/stream', 'And Q4?'],
      ['/api/v1/chat/ses-1/messages/stream', 'Thanks'],
    ]);
    // Each turn was sent once every turn before it had ended, never while one was open.
    expect(turns.endedWhenSent).toEqual([0, 1, 2]);
    expect(turns.mostAtOnce()).toBe(1);
  });

  it('with no id, creates a session first, says so on stderr, and sends every line there', async () => {
    const turns = echo();
    const server = await serve(turns.handler);

    const run = await cli(['chat'], {
      env: serverEnv(server.url),
      stdout: turns.stdout,
      stdin: Readable.from(['Hi\n']),
    });

    expect(run).toEqual({
      code: 0,
      stdout: 'You said: Hi\n',
      stderr: 'Created session ses-made (indexes none (unbound)).\n',
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/chat',
      'POST /api/v1/chat/ses-made/messages/stream',
    ]);
  });

  it('the first turn that fails ends the run with exit 1; the lines after it are not sent', async () => {
    const turns = echo();
    const server = await serve(turns.handler);

    const run = await cli(['chat', 'ses-1'], {
      env: serverEnv(server.url),
      stdout: turns.stdout,
      fetch: turns.fetch,
      stdin: Readable.from(['one\nplease fail\nthree\n']),
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('You said: one\nYou said: please fail\n');
    expect(run.stderr).toBe('error: the turn failed: Index idx-1 is being rebuilt\n');
    expect(prompts(server.requests).map(([, prompt]) => prompt)).toEqual(['one', 'please fail']);
    expect(turns.endedWhenSent).toEqual([0, 1]);
  });

  it('an unknown session: one line naming it, exit 1', async () => {
    const server = await serve((_request, res) => sendJson(res, 404, { detail: 'Chat session not found' }));

    const run = await cli(['chat', 'ses-gone'], {
      env: serverEnv(server.url),
      stdin: Readable.from(['Hi\n']),
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: no chat session "ses-gone" \(404 Not Found from POST /);
  });
});
