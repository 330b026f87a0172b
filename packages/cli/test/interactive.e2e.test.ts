// `chat` with no prompt on a terminal: a conversation, driven through a pseudo-terminal as a person would (type a
// prompt and Enter, Ctrl-C, Ctrl-D), against a node:http server of ours that echoes each prompt (and holds one
// answer open until the CLI hangs up), and once against the built-in mock, run as a user would run it.
import type { ServerResponse } from 'node:http';
import { type ReceivedRequest, sendJson, serve, waitFor } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { serverEnv } from './harness.js';
import { startInTerminal } from './pty.js';

/** The screen ends at an empty prompt. */
const AT_PROMPT = /\n> $/;

const session = (id: string, events: unknown[] = []) => ({
  session_id: id,
  last_updated_at: '2026-04-22T12:34:41Z',
  shared_access: 'query',
  index_ids: null,
  events,
});

const frame = (event: unknown) => `data: ${JSON.stringify(event)}\n\n`;
const STOP = {
  type: 'stop',
  error: null,
  is_error: false,
  usage: { total_input_tokens: 5, total_output_tokens: 3 },
};

/**
 * A chat server with state: create answers `ses-new-<n>`, a turn answers `You said: <prompt>` and keeps it in the
 * session's history (a prompt starting with "hang" answers "Partial " and then holds the connection open), and
 * retrieve answers the history. Remembers whether a held turn's connection was closed.
 */
function echoServer() {
  const histories = new Map<string, unknown[]>();
  const state = { created: 0, heldClosed: false };
  const handler = async (request: ReceivedRequest, res: ServerResponse) => {
    const turn = /^\/api\/v1\/chat\/([^/]+)\/messages\/stream$/.exec(request.path);
    if (request.method === 'POST' && request.path === '/api/v1/chat') {
      const id = `ses-new-${++state.created}`;
      histories.set(id, []);
      sendJson(res, 200, session(id));
      return;
    }
    if (request.method === 'POST' && turn) {
      const id = decodeURIComponent(turn[1] as string);
      const { prompt } = JSON.parse(request.body) as { prompt: string };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (prompt.startsWith('hang')) {
        res.on('close', () => {
          state.heldClosed = true;
        });
        res.write(frame({ type: 'text_delta', content: 'Partial ' }));
        return; // never ends on its own
      }
      const answer = `You said: ${prompt}`;
      const events = [{ type: 'user_input', content: prompt }, { type: 'text', content: answer }, STOP];
      histories.set(id, [...(histories.get(id) ?? []), ...events]);
      res.end(events.map(frame).join(''));
      return;
    }
    const retrieve = /^\/api\/v1\/chat\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && retrieve) {
      const id = decodeURIComponent(retrieve[1] as string);
      sendJson(res, 200, session(id, histories.get(id) ?? []));
      return;
    }
    sendJson(res, 404, { detail: 'Not found' });
  };
  return { handler, state };
}

/** `[method, path]` of every request but the listing. */
const sent = (requests: ReceivedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);

describe('chat on a terminal: a conversation', () => {
  it('prompt, streamed answer, Ctrl-C during an answer, /history, /new, Ctrl-D: all in one session until /new', async () => {
    const { handler, state } = echoServer();
    const server = await serve(handler);
    const term = startInTerminal(['chat', 'ses-1'], serverEnv(server.url));

    await term.waitFor(AT_PROMPT);
    expect(term.screen()).toContain('Chatting in session ses-1.');

    let mark = term.mark();
    term.type('What grew in Q3?\r');
    const first = await term.waitFor(/You said: What grew in Q3\?\n[\s\S]*\n> $/, mark);
    expect(first).toMatch(/^What grew in Q3\?\n/); // the line typed, echoed
    expect(first).toContain('Done (5 tokens in, 3 out)');

    mark = term.mark();
    term.type('hang on\r');
    await term.waitFor(/Partial /, mark);
    term.type('\u0003');
    const stopped = await term.waitFor(/Stopped\.\n> $/, mark);
    expect(stopped).toMatch(/Partial \nStopped\.\n> $/);
    await waitFor(() => state.heldClosed);

    mark = term.mark();
    term.type('/history\r');
    const history = await term.waitFor(AT_PROMPT, mark);
    expect(history.split('\n')).toEqual([
      '/history',
      'Session ses-1: (untitled)',
      // Wrapped to the terminal's 80 columns at a word boundary.
      'Last updated 2026-04-22T12:34:41Z · indexes none (unbound) · share link: query',
      '(viewers may ask new questions)',
      '',
      'User',
      '  What grew in Q3?',
      '',
      'Answer',
      '  You said: What grew in Q3?',
      '',
      'Done (5 tokens in, 3 out)',
      '> ',
    ]);

    mark = term.mark();
    term.type('/new\r');
    await term.waitFor(/Created session ses-new-1 \(indexes none \(unbound\)\)\.\n> $/, mark);
    term.type('And Q4?\r');
    await term.waitFor(/You said: And Q4\?\n[\s\S]*\n> $/, mark);

    term.type('\u0004');
    expect(await term.exited).toBe(0);
    expect(sent(server.requests)).toEqual([
      'POST /api/v1/chat/ses-1/messages/stream',
      'POST /api/v1/chat/ses-1/messages/stream',
      'GET /api/v1/chat/ses-1',
      'POST /api/v1/chat',
      'POST /api/v1/chat/ses-new-1/messages/stream',
    ]);
    expect(server.requests.filter((r) => r.path.endsWith('/stream')).map((r) => JSON.parse(r.body))).toEqual([
      { prompt: 'What grew in Q3?', index_ids: [] },
      { prompt: 'hang on', index_ids: [] },
      { prompt: 'And Q4?', index_ids: [] },
    ]);
  });

  it('no id: creates a session first and says so; Ctrl-C at an empty prompt leaves with exit 0', async () => {
    const { handler } = echoServer();
    const server = await serve(handler);
    const term = startInTerminal(['chat', '--index', 'idx-1'], serverEnv(server.url));

    await term.waitFor(AT_PROMPT);
    expect(term.screen()).toContain('Created session ses-new-1');
    expect(term.screen()).toContain('Chatting in session ses-new-1.');
    term.type('Hi\r');
    await term.waitFor(/You said: Hi\n[\s\S]*\n> $/);
    term.type('\u0003');

    expect(await term.exited).toBe(0);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ index_ids: ['idx-1'] });
    expect(JSON.parse(server.requests[1]?.body ?? '')).toEqual({ prompt: 'Hi', index_ids: ['idx-1'] });
  });

  it('Ctrl-C on a line with text clears it and prompts again; /exit leaves with exit 0, sending nothing', async () => {
    const { handler } = echoServer();
    const server = await serve(handler);
    const term = startInTerminal(['chat', 'ses-1'], serverEnv(server.url));

    await term.waitFor(AT_PROMPT);
    const mark = term.mark();
    term.type('never mind');
    await term.waitFor(/never mind$/, mark);
    term.type('\u0003');
    await term.waitFor(/never mind\^C\n> $/, mark);
    term.type('/exit\r');

    expect(await term.exited).toBe(0);
    expect(server.requests).toEqual([]);
  });

  it('against the built-in mock, as a user runs it with nothing set: creates a session, answers, Ctrl-D exits 0', async () => {
    const term = startInTerminal(['chat']);

    await term.waitFor(AT_PROMPT, 0, 30_000);
    const created = /Created session (\S+) \(/.exec(term.screen())?.[1];
    expect(created).toBeTruthy();
    expect(term.screen()).toContain(`Chatting in session ${created}.`);
    const mark = term.mark();
    term.type('What were the main findings in Q3?\r');
    const answer = await term.waitFor(/\n> $/, mark);
    // Whatever the mock answers: something between the typed line and the next prompt.
    expect(answer.split('\n').slice(1, -1).join('').trim()).not.toBe('');
    term.type('\u0004');

    expect(await term.exited).toBe(0);
  });
});
