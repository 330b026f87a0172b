// `chat` with no prompt and stdin not a terminal (a file, a pipe): each line read is one turn in one session, in
// order, each sent only once the one before has ended; with no id, a session is created first. In-process,
// against a node:http server of ours that answers each prompt with its echo.
import { Readable } from 'node:stream';
import { type ReceivedRequest, sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { cli, serverEnv } from './harness.js';

const frame = (event: unknown) => `data: ${JSON.stringify(event)}\n\n`;
const stop = (isError = false) => ({
  type: 'stop',
  error: isError ? 'Index idx-1 is being rebuilt' : null,
  is_error: isError,
  usage: {},
});

/** Create answers `ses-made`; a turn answers `You said: <prompt>`, or fails when the prompt says "fail". */
function echo() {
  let open = 0;
  let mostAtOnce = 0;
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
    open++;
    mostAtOnce = Math.max(mostAtOnce, open);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(frame({ type: 'text_delta', content: 'You said: ' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    res.end(frame({ type: 'text_delta', content: prompt }) + frame(stop(prompt.includes('fail'))));
    open--;
  };
  return { handler, mostAtOnce: () => mostAtOnce };
}

const prompts = (requests: ReceivedRequest[]) =>
  requests.filter((r) => r.path.endsWith('/stream')).map((r) => [r.path, JSON.parse(r.body).prompt]);

describe('chat with stdin not a terminal', () => {
  it('each line is one turn in the given session, one after the other; blank lines are skipped', async () => {
    const { handler, mostAtOnce } = echo();
    const server = await serve(handler);

    const run = await cli(['chat', 'ses-1', '--index', 'idx-1'], {
      env: serverEnv(server.url),
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
    expect(mostAtOnce()).toBe(1);
  });

  it('with no id, creates a session first, says so on stderr, and sends every line there', async () => {
    const { handler } = echo();
    const server = await serve(handler);

    const run = await cli(['chat'], { env: serverEnv(server.url), stdin: Readable.from(['Hi\n']) });

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
    const { handler } = echo();
    const server = await serve(handler);

    const run = await cli(['chat', 'ses-1'], {
      env: serverEnv(server.url),
      stdin: Readable.from(['one\nplease fail\nthree\n']),
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('You said: one\nYou said: please fail\n');
    expect(run.stderr).toBe('error: the turn failed: Index idx-1 is being rebuilt\n');
    expect(prompts(server.requests).map(([, prompt]) => prompt)).toEqual(['one', 'please fail']);
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
