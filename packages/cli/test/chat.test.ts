// `chat` in-process, against real node:http servers on 127.0.0.1 that write a turn's SSE a few bytes at a time
// with short pauses (and, once, the built-in mock). Asserts the request the server received, exactly what a user
// sees on stdout and stderr (on a terminal and piped), and that the answer reaches stdout as it arrives.
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { type Handler, type ReceivedRequest, sendJson, serve, waitFor } from '@llamacloud-chat/test-support';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { type Captured, capture, cli, KEY, lines, serverEnv } from './harness.js';

/** A whole turn: thinking that streams and then comes whole with more, a tool call and its result, the answer. */
const TURN = [
  { type: 'user_input', content: 'What grew in Q3?' },
  { type: 'thinking_delta', content: 'Search the ' },
  { type: 'thinking_delta', content: 'report.' },
  { type: 'thinking', content: 'Search the report. Then answer.' },
  { type: 'tool_call', call_id: 'call-1', name: 'search_index', arguments: { query: 'Q3', top_k: 2 } },
  {
    type: 'tool_result',
    call_id: 'call-1',
    name: 'search_index',
    result: [{ page: 4, text: 'Revenue grew 12%' }],
    image_attachment: { attachment_name: 'page-4.png', source_id: 'src-q3' },
  },
  { type: 'text_delta', content: 'Revenue grew ' },
  { type: 'text_delta', content: '12%.' },
  { type: 'text', content: 'Revenue grew 12%.' },
  {
    type: 'stop',
    error: null,
    is_error: false,
    usage: { duration_ms: 1840, total_input_tokens: 1523, total_output_tokens: 412, turns: 1 },
  },
];

/** The index in TURN of the first text delta. */
const FIRST_DELTA = 6;

const ANSWER = 'Revenue grew 12%.';

/** What `dim` looks like on the wire: SGR 2, then 22 to end it. */
const dim = (text: string) => `\u001b[2m${text}\u001b[22m`;

const STOP_OK = TURN.at(-1);

/** One SSE frame; a string is sent as it is. */
const frame = (event: unknown) => (typeof event === 'string' ? event : `data: ${JSON.stringify(event)}\n\n`);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Script {
  /** Runs before event `index` is written; the turn waits for it. */
  before?: (index: number) => unknown;
  /** After the last event: end the response (default), leave it open, or cut the connection. */
  ending?: 'end' | 'hang' | 'drop';
  /** Write each event whole and at once, rather than 5 bytes at a time with a pause after each. */
  whole?: boolean;
}

/**
 * Streams `events` as SSE: headers at once, then each frame in pieces of 5 bytes with a 1 ms pause between, so
 * an event often arrives split across reads. Remembers whether the connection was closed and how far it got.
 */
function sse(events: readonly unknown[], script: Script = {}) {
  /** `begun`: the index of the event being written (-1 before the first); `written`: how many were. */
  const state = { closed: false, begun: -1, written: 0 };
  const handler: Handler = async (_request: ReceivedRequest, res: ServerResponse) => {
    res.on('close', () => {
      state.closed = true;
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    for (const [index, event] of events.entries()) {
      await script.before?.(index);
      state.begun = index;
      const text = frame(event);
      const pieces = script.whole ? [text] : (text.match(/[\s\S]{1,5}/g) ?? []);
      for (const piece of pieces) {
        if (res.destroyed) return;
        res.write(piece);
        if (!script.whole) await pause(1);
      }
      state.written = index + 1;
    }
    if (script.ending === 'drop') res.destroy();
    else if (script.ending !== 'hang') res.end();
  };
  return { handler, state };
}

/** Two terminal streams on one screen, as stdout and stderr are in a shell: each stream's text, and the screen. */
function terminal(columns = 100) {
  let screen = '';
  const stream = (): Captured => {
    let text = '';
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        screen += String(chunk);
        done();
      },
    });
    Object.assign(out, { isTTY: true, columns });
    return { stream: out, text: () => text };
  };
  return { stdout: stream(), stderr: stream(), screen: () => stripVTControlCharacters(screen) };
}

/** The real setTimeout, kept for polling while a test fakes the global one. */
const realSetTimeout = globalThis.setTimeout;

/**
 * Resolves once `condition()` holds, polling on real timers (vi.waitFor would move fake time on); fails naming
 * `what` after 10 s, a bound only a broken run reaches.
 */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 10 s`);
    await new Promise((resolve) => realSetTimeout(resolve, 5));
  }
}

/** Lets `count` turns of the event loop pass (setImmediate, which these tests never fake). */
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A promise and the function that settles it. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('chat against a server', () => {
  it('POSTs { prompt, index_ids } to the session (id escaped) with the scope, and prints the answer piped', async () => {
    const { handler } = sse(TURN);
    const server = await serve(handler);

    const run = await cli(
      [
        'chat',
        'ses/1 a',
        '--index',
        'idx-1',
        '--project-id',
        'p 1',
        '--index',
        'idx 2',
        '--organization-id',
        'o1',
        'What grew in Q3?',
      ],
      { env: serverEnv(server.url) },
    );

    expect(run).toEqual({ code: 0, stdout: `${ANSWER}\n`, stderr: '' });
    expect(server.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['POST', '/api/v1/chat/ses%2F1%20a/messages/stream', { project_id: 'p 1', organization_id: 'o1' }],
    ]);
    const [request] = server.requests;
    expect(JSON.parse(request?.body ?? '')).toEqual({
      prompt: 'What grew in Q3?',
      index_ids: ['idx-1', 'idx 2'],
    });
    expect(request?.headers.accept).toBe('text/event-stream, application/json');
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('--require-all-indexes sends require_all_indexes: true; without it the field is left out', async () => {
    const { handler } = sse(TURN);
    const server = await serve(handler);

    await cli(['chat', 'ses-1', '--index', 'idx-1', '--require-all-indexes', 'q'], {
      env: serverEnv(server.url),
    });
    await cli(['chat', 'ses-1', '--index', 'idx-1', 'q'], { env: serverEnv(server.url) });

    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { prompt: 'q', index_ids: ['idx-1'], require_all_indexes: true },
      { prompt: 'q', index_ids: ['idx-1'] },
    ]);
  });

  it('on a terminal, the indexes a turn skipped are shown with its usage; piped, stdout is the answer alone', async () => {
    const skipped = [...TURN.slice(0, -1), { ...STOP_OK, skipped_index_ids: ['idx-2'] }];
    const { handler } = sse(skipped);
    const server = await serve(handler);
    const screen = terminal();

    const shown = await cli(['chat', 'ses-1', 'q'], {
      env: { ...serverEnv(server.url), NO_COLOR: '1' },
      stdout: screen.stdout,
      stderr: screen.stderr,
    });
    const piped = await cli(['chat', 'ses-1', 'q'], { env: serverEnv(server.url) });

    expect(shown.code).toBe(0);
    expect(lines(shown.stderr).slice(-2)).toEqual([
      'Done (1,523 tokens in, 412 out, 1.8 s, 1 turn)',
      'Skipped index idx-2 (could not be queried)',
    ]);
    expect(piped).toEqual({ code: 0, stdout: `${ANSWER}\n`, stderr: '' });
  });

  it('without --index, sends index_ids: [] (the body requires the field) and leaves it to the server', async () => {
    const { handler } = sse(TURN);
    const server = await serve(handler);

    const run = await cli(['chat', 'ses-1', 'hi'], { env: serverEnv(server.url) });

    expect(run.code).toBe(0);
    expect(server.requests[0]?.query).toEqual({});
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ prompt: 'hi', index_ids: [] });
  });

  it('on a terminal: the answer alone on stdout; thinking, tools and usage dimmed on stderr, each on its own line', async () => {
    const { handler } = sse(TURN);
    const server = await serve(handler);
    const screen = terminal();

    const run = await cli(['chat', 'ses-1', '--index', 'idx-1', 'What grew in Q3?'], {
      env: serverEnv(server.url),
      stdout: screen.stdout,
      stderr: screen.stderr,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${ANSWER}\n`);
    expect(run.stderr).toBe(
      `${dim('Thinking: Search the ')}${dim('report.')}${dim(' Then answer.')}\n` +
        `${dim('Tool call search_index(query: "Q3", top_k: 2)')}\n` +
        `${dim('Tool result search_index: 1 item, image page-4.png of src-q3')}\n` +
        `${dim('Done (1,523 tokens in, 412 out, 1.8 s, 1 turn)')}\n`,
    );
    expect(screen.screen().split('\n')).toEqual([
      'Thinking: Search the report. Then answer.',
      'Tool call search_index(query: "Q3", top_k: 2)',
      'Tool result search_index: 1 item, image page-4.png of src-q3',
      'Revenue grew 12%.',
      'Done (1,523 tokens in, 412 out, 1.8 s, 1 turn)',
      '',
    ]);
  });

  it('on a terminal with NO_COLOR: the same lines, not dimmed; with stdout piped, stderr still shows the turn', async () => {
    const { handler } = sse(TURN);
    const server = await serve(handler);
    const plain = terminal();
    const stderr = capture({ columns: 100 });

    const noColor = await cli(['chat', 'ses-1', 'q'], {
      env: { ...serverEnv(server.url), NO_COLOR: '1' },
      stdout: plain.stdout,
      stderr: plain.stderr,
    });
    const piped = await cli(['chat', 'ses-1', 'q'], { env: serverEnv(server.url), stderr });

    expect(noColor.stdout).toBe(`${ANSWER}\n`);
    expect(noColor.stderr).toBe(
      'Thinking: Search the report. Then answer.\n' +
        'Tool call search_index(query: "Q3", top_k: 2)\n' +
        'Tool result search_index: 1 item, image page-4.png of src-q3\n' +
        'Done (1,523 tokens in, 412 out, 1.8 s, 1 turn)\n',
    );
    expect(piped.stdout).toBe(`${ANSWER}\n`);
    // stderr is a terminal that can move its cursor: a spinner shows until the first event, then is cleared.
    const [spinner, rest] = stripVTControlCharacters(piped.stderr).split(
      /(?<=Waiting for the answer…)(?!.*Waiting)/s,
    );
    expect(spinner).toMatch(/^\S Waiting for the answer…/);
    expect(rest).toBe(noColor.stderr);
  });

  it('writes the first text delta to stdout before the server has sent the rest of the turn', async () => {
    const released = gate();
    const { handler, state } = sse(TURN, {
      before: (index) => (index === FIRST_DELTA + 1 ? released.opened : undefined),
    });
    const server = await serve(handler);
    const stdout = capture();

    const running = cli(['chat', 'ses-1', 'q'], { env: serverEnv(server.url), stdout });
    await waitFor(() => stdout.text() === 'Revenue grew ');
    const begunWhenSeen = state.begun;
    released.open();
    const run = await running;

    // The server was still holding back the next event: nothing after the first delta had been sent.
    expect(begunWhenSeen).toBe(FIRST_DELTA);
    expect(run).toEqual({ code: 0, stdout: `${ANSWER}\n`, stderr: '' });
  });

  it('a turn with no deltas: prints its text event; a whole event that adds to its deltas prints what is new', async () => {
    const server = await serve((request, res) => {
      const body = JSON.parse(request.body) as { prompt: string };
      const turns: Record<string, unknown[]> = {
        whole: [{ type: 'text', content: 'All at once.' }, STOP_OK],
        more: [
          { type: 'text_delta', content: 'Looking' },
          { type: 'text', content: 'Looking it up. ' },
          { type: 'tool_call', call_id: 'c', name: 'lookup', arguments: {} },
          { type: 'text_delta', content: 'Found it.' },
          { type: 'text', content: 'Something else entirely.' },
          STOP_OK,
        ],
      };
      return sse(turns[body.prompt] ?? []).handler(request, res);
    });
    const env = serverEnv(server.url);

    const whole = await cli(['chat', 'ses-1', 'whole'], { env });
    const more = await cli(['chat', 'ses-1', 'more'], { env });

    expect(whole).toEqual({ code: 0, stdout: 'All at once.\n', stderr: '' });
    expect(more).toEqual({ code: 0, stdout: 'Looking it up. Found it.\n', stderr: '' });
  });

  it('an answer that ends its own line gets no second newline; a turn with no answer prints nothing', async () => {
    const server = await serve((request, res) => {
      const events =
        JSON.parse(request.body).prompt === 'lines'
          ? [{ type: 'text_delta', content: 'one\n' }, { type: 'text_delta', content: 'two\n' }, STOP_OK]
          : [{ type: 'user_input', content: 'q' }, STOP_OK];
      return sse(events).handler(request, res);
    });
    const env = serverEnv(server.url);

    expect(await cli(['chat', 'ses-1', 'lines'], { env })).toEqual({
      code: 0,
      stdout: 'one\ntwo\n',
      stderr: '',
    });
    expect(await cli(['chat', 'ses-1', 'quiet'], { env })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('keeps control characters in the answer and the notes from driving a terminal; piped, each is shown as its escape', async () => {
    const events = [
      { type: 'text_delta', content: 'clear\u001b[2J\r\nline\ttab\u0007' },
      { type: 'tool_call', call_id: 'c', name: 'x\u001b]0;pwned\u0007', arguments: { 'k\u009b': 'v' } },
      { type: 'text', content: 'ignored' },
      STOP_OK,
    ];
    const { handler } = sse(events);
    const server = await serve(handler);
    const screen = terminal();

    const onTerminal = await cli(['chat', 'ses-1', 'q'], {
      env: { ...serverEnv(server.url), NO_COLOR: '1' },
      stdout: screen.stdout,
      stderr: screen.stderr,
    });
    const piped = await cli(['chat', 'ses-1', 'q'], { env: serverEnv(server.url) });

    expect(onTerminal.stdout).toBe('clear [2J\nline\ttab \n');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point.
    expect(onTerminal.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(lines(onTerminal.stderr)[0]).toBe('Tool call x ]0;pwned (k : "v")');
    expect(piped.stdout).toBe('clear\\u001b[2J\nline\ttab\\u0007\n');
  });
  it('content that is not text (off the spec) is shown as JSON, never a crash; a long string result as a glimpse', async () => {
    const events = [
      { type: 'text_delta', content: null },
      { type: 'tool_result', call_id: 'c', name: 'read', result: `${'x'.repeat(70)}\nsecond line` },
      { type: 'tool_result', call_id: 'd', name: 'stat', result: { size: 1, mtime: 2 } },
      { type: 'text', content: 42 },
      { type: 'stop', error: { code: 'E1' }, is_error: true, usage: null },
    ];
    const { handler } = sse(events);
    const server = await serve(handler);
    const screen = terminal();

    const run = await cli(['chat', 'ses-1', 'q'], {
      env: { ...serverEnv(server.url), NO_COLOR: '1' },
      stdout: screen.stdout,
      stderr: screen.stderr,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('42\n');
    expect(screen.screen()).toBe(
      `Tool result read: 82 characters: "${'x'.repeat(59)}…"\n` +
        'Tool result stat: an object (size, mtime)\n' +
        '42\n' +
        'error: the turn failed: {"code":"E1"}\n',
    );
  });
});

describe('chat --json', () => {
  it('prints every event as one line, exactly as it came, unknown types and extra fields included', async () => {
    const events = [
      ...TURN.slice(0, FIRST_DELTA),
      { type: 'citation', source_id: 'src-q3', page: 4, score: 0.5 },
      { content: 'an event without a type' },
      { ...TURN[FIRST_DELTA], extra: { nested: [1, 2.5, null] } },
      ...TURN.slice(FIRST_DELTA + 1),
    ];
    const { handler } = sse(events);
    const server = await serve(handler);

    const run = await cli(['chat', 'ses-1', '--json', 'q'], {
      env: serverEnv(server.url),
      stderr: capture({ columns: 100 }),
    });

    expect(run).toEqual({
      code: 0,
      stdout: events.map((e) => `${JSON.stringify(e)}\n`).join(''),
      stderr: '',
    });
  });

  it('also reads SSE with event names, ids, comments and CRLF; a final [DONE] ends the turn like a stop', async () => {
    const raw = [
      ': keep-alive\r\n\r\n',
      'event: message\r\nid: 1\r\ndata: {"type":"text_delta",\r\ndata: "content":"Hi"}\r\n\r\n',
      'data: [DONE]\n\n',
    ];
    const { handler } = sse(raw, { ending: 'hang' });
    const server = await serve(handler);

    const json = await cli(['chat', 'ses-1', '--json', 'q'], { env: serverEnv(server.url) });
    const text = await cli(['chat', 'ses-1', 'q'], { env: serverEnv(server.url) });

    expect(json).toEqual({ code: 0, stdout: '{"type":"text_delta","content":"Hi"}\n', stderr: '' });
    expect(text).toEqual({ code: 0, stdout: 'Hi\n', stderr: '' });
  });

  it('on a terminal, without --json, an unknown event is a dim note; piped, nothing', async () => {
    const events = [{ type: 'citation', page: 4 }, { content: 'no type' }, ...TURN.slice(FIRST_DELTA)];
    const { handler } = sse(events);
    const server = await serve(handler);
    const screen = terminal();

    const tty = await cli(['chat', 'ses-1', 'q'], {
      env: serverEnv(server.url),
      stdout: screen.stdout,
      stderr: screen.stderr,
    });
    const piped = await cli(['chat', 'ses-1', 'q'], { env: serverEnv(server.url) });

    expect(tty.stderr.split('\n').slice(0, 2)).toEqual([
      dim('Event "citation" (--json shows it)'),
      dim('Event with no type (--json shows it)'),
    ]);
    expect(piped).toEqual({ code: 0, stdout: `${ANSWER}\n`, stderr: '' });
  });
});

describe('a turn that does not end well: exit 1, one line, after what was printed', () => {
  it('the connection drops mid-answer: the text so far, then one line saying so and how to see what was kept', async () => {
    const { handler } = sse(TURN.slice(0, FIRST_DELTA + 1), { ending: 'drop' });
    const server = await serve(handler);

    const run = await cli(['chat', 'ses 1', '--project-id', 'p1', 'q'], { env: serverEnv(server.url) });

    expect(run).toEqual({
      code: 1,
      stdout: 'Revenue grew ',
      stderr:
        'error: the turn was cut off after 7 events (the connection dropped). The answer may be incomplete; ' +
        `to see what the server kept, run: LLAMA_CLOUD_BASE_URL=${server.url} llamacloud-chat sessions get 'ses 1' --project-id p1\n`,
    });
  });

  it('the server ends the stream before a stop: on a terminal, the error starts on a line of its own', async () => {
    const { handler } = sse(TURN.slice(FIRST_DELTA, FIRST_DELTA + 1));
    const server = await serve(handler);
    const screen = terminal();

    const run = await cli(['chat', 'ses-1', 'q'], {
      env: serverEnv(server.url),
      stdout: screen.stdout,
      stderr: screen.stderr,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('Revenue grew ');
    // Wrapped to the terminal's 100 columns at word boundaries.
    expect(screen.screen()).toBe(
      'Revenue grew \n' +
        'error: the turn was cut off after 1 event (the server closed the stream before the turn ended). The\n' +
        'answer may be incomplete; to see what the server kept, run:\n' +
        `LLAMA_CLOUD_BASE_URL=${server.url} llamacloud-chat sessions get ses-1\n`,
    );
  });

  it('nothing arrives for --timeout ms after the last byte: cut off, exit 1, the connection closed', async () => {
    // Time is the test's: the client's timers are fake, moved on only by the test, so a busy machine changes
    // nothing. The server and the sockets are real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const lastEvent = gate();
    const { handler, state } = sse(TURN.slice(0, FIRST_DELTA + 1), {
      ending: 'hang',
      whole: true,
      before: (index) => (index === FIRST_DELTA ? lastEvent.opened : undefined),
    });
    const server = await serve(handler);
    const stdout = capture();
    let settled = false;
    const running = cli(['chat', 'ses-1', '--timeout', '400', 'q'], {
      env: serverEnv(server.url),
      stdout,
    }).finally(() => {
      settled = true;
    });

    // 300 ms pass with the first six events sent, then the last one comes: a limit counted from the request
    // (rather than from the last byte) would now run out 100 ms after it.
    await until(() => state.written === FIRST_DELTA, 'the first six events written');
    await vi.advanceTimersByTimeAsync(300);
    lastEvent.open();
    await until(() => stdout.text() === 'Revenue grew ', 'the last event printed');
    await vi.advanceTimersByTimeAsync(399);
    await turns(5);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => settled, 'the cut-off once 400 ms passed with nothing');

    expect(await running).toEqual({
      code: 1,
      stdout: 'Revenue grew ',
      stderr:
        'error: the turn was cut off after 7 events: nothing arrived for 400 ms (--timeout). The answer may be ' +
        `incomplete; to see what the server kept, run: LLAMA_CLOUD_BASE_URL=${server.url} llamacloud-chat sessions get ses-1\n`,
    });
    vi.useRealTimers();
    await waitFor(() => state.closed);
  });

  it('a stop with is_error: the text so far and a newline, then its message; exit 1', async () => {
    const events = [
      { type: 'user_input', content: 'q' },
      { type: 'text_delta', content: 'Partial' },
      { type: 'stop', error: 'Index idx-2 is being rebuilt', is_error: true, usage: { duration_ms: 920.5 } },
    ];
    const { handler } = sse(events);
    const server = await serve(handler);
    const screen = terminal();

    const piped = await cli(['chat', 'ses-1', 'q'], { env: serverEnv(server.url) });
    const tty = await cli(['chat', 'ses-1', 'q'], {
      env: serverEnv(server.url),
      stdout: screen.stdout,
      stderr: screen.stderr,
    });

    expect(piped).toEqual({
      code: 1,
      stdout: 'Partial\n',
      stderr: 'error: the turn failed: Index idx-2 is being rebuilt\n',
    });
    expect(tty.code).toBe(1);
    expect(screen.screen()).toBe('Partial\nerror: the turn failed: Index idx-2 is being rebuilt\n');
  });

  it('an unknown session: one line naming it, exit 1', async () => {
    const server = await serve((_request, res) => sendJson(res, 404, { detail: 'Chat session not found' }));

    const run = await cli(['chat', 'ses/x', '--index', 'idx-1', 'q'], { env: serverEnv(server.url) });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: no chat session "ses/x" (404 Not Found from POST /api/v1/chat/ses%2Fx/messages/stream: ' +
        'Chat session not found)\n',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('never prints the API key, wherever the server echoes it', async () => {
    const events = [
      { type: 'tool_call', call_id: 'c', name: 'auth', arguments: { key: KEY } },
      { type: 'text_delta', content: `your key is ${KEY}` },
      { type: 'stop', error: `bad key ${KEY}`, is_error: true, usage: {} },
    ];
    const { handler } = sse(events);
    const server = await serve(handler);
    const screen = terminal();

    const tty = await cli(['chat', 'ses-1', 'q'], {
      env: serverEnv(server.url),
      stdout: screen.stdout,
      stderr: screen.stderr,
    });
    const json = await cli(['chat', 'ses-1', '--json', 'q'], { env: serverEnv(server.url) });

    expect([tty.code, json.code]).toEqual([1, 1]);
    expect(screen.screen() + json.stdout + json.stderr).not.toContain(KEY);
    expect(screen.screen()).toBe(
      'Tool call auth(key: "[redacted]")\n' +
        'your key is [redacted]\n' +
        'error: the turn failed: bad key [redacted]\n',
    );
  });
});

describe('chat: Ctrl-C and a closed pipe', () => {
  it('Ctrl-C mid-answer ends the turn at once: exit 130, the text so far, and the connection closed', async () => {
    const { handler, state } = sse(TURN.slice(0, FIRST_DELTA + 1), { ending: 'hang' });
    const server = await serve(handler);
    const controller = new AbortController();
    const stdout = capture();

    const running = cli(['chat', 'ses-1', 'q'], {
      env: serverEnv(server.url),
      stdout,
      signal: controller.signal,
    });
    await waitFor(() => stdout.text() === 'Revenue grew ');
    controller.abort();
    const run = await running;

    expect(run).toEqual({ code: 130, stdout: 'Revenue grew ', stderr: 'Interrupted.\n' });
    await waitFor(() => state.closed);
  });

  it('a reader that goes away (EPIPE) ends the turn quietly: exit 0, nothing on stderr, the connection closed', async () => {
    const deltas = Array.from({ length: 200 }, (_, i) => ({ type: 'text_delta', content: `word${i} ` }));
    const { handler, state } = sse(deltas, { ending: 'hang' });
    const server = await serve(handler);
    let taken = '';
    // Takes the first piece, then fails every write as a closed pipe does.
    const closedPipe = new Writable({
      write(chunk, _encoding, done) {
        if (taken) done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        else {
          taken = String(chunk);
          done();
        }
      },
    });

    const run = await cli(['chat', 'ses-1', 'q'], {
      env: serverEnv(server.url),
      stdout: { stream: closedPipe, text: () => taken },
    });

    expect(run).toEqual({ code: 0, stdout: 'word0 ', stderr: '' });
    await waitFor(() => state.closed);
    expect(state.written).toBeLessThan(deltas.length);
  });
});

describe('chat: usage errors, exit 2 and nothing sent', () => {
  it.each([
    [['chat', 'ses-1', 'a', 'b'], "error: too many arguments for 'chat'. Expected 2 arguments but got 3."],
    [
      ['chat', 'ses-1', '--timeout', '0', 'q'],
      "error: option '--timeout <ms>' argument '0' is invalid. expected a whole number from 1 to 2147483647.",
    ],
    [
      ['chat', 'ses-1', '--timeout', '2147483648', 'q'],
      "error: option '--timeout <ms>' argument '2147483648' is invalid. expected a whole number from 1 to 2147483647.",
    ],
    [['chat', 'ses-1', '--index'], "error: option '--index <id>' argument missing"],
    [['chat', 'ses-1', ' \n'], 'error: the prompt is empty; nothing was sent.'],
    [['chat', '..', 'q'], expect.stringMatching(/^error: .*session_id/)],
  ])('%j', async (args, message) => {
    const { handler } = sse(TURN);
    const server = await serve(handler);

    const run = await cli(args, { env: serverEnv(server.url) });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)[0]).toEqual(message);
    expect(server.requests).toEqual([]);
  });

  it('--help: the options and the exit codes', async () => {
    const run = await cli(['chat', '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: llamacloud-chat chat \[options\] \[session-id\] \[prompt\]/);
    expect(run.stdout).toContain('--index <id>');
    expect(run.stdout).toContain('--timeout <ms>');
    expect(run.stdout).toContain('  130  interrupted (Ctrl-C); the connection is closed\n');
  });
});

describe('chat against the built-in mock', () => {
  it('streams the spec’s example turn: the notice, then what a user sees on a terminal', async () => {
    // Wide enough that no line is wrapped (test/terminal-width.test.ts has the narrow ones).
    const screen = terminal(200);

    const run = await cli(
      ['chat', 'ses-abc123', '--index', 'idx-abc123', 'What were the main findings in Q3?'],
      {
        stdout: screen.stdout,
        stderr: screen.stderr,
      },
    );

    const shown = screen.screen().split('\n');

    // Whatever the mock answers: an answer on stdout, ended by a newline, and the turn ended well.
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).not.toBe('');
    expect(run.stdout).toMatch(/\n$/);
    expect(shown.slice(0, 3)).toEqual([
      expect.stringMatching(
        /^Using the built-in mock of openapi\/openapi\.yaml at http:\/\/127\.0\.0\.1:\d+, because neither LLAMA_CLOUD_API_KEY nor LLAMA_CLOUD_BASE_URL is set\.$/,
      ),
      'To chat in a real session, export LLAMA_CLOUD_API_KEY=<your key> and run:',
      "  llamacloud-chat chat ses-abc123 --index idx-abc123 'What were the main findings in Q3?'",
    ]);
    expect(shown.at(-1)).toBe('');
    expect(shown.at(-2)).toMatch(/^Done\b/);
  });
});
