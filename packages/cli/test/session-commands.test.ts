// sessions create, get, summary and delete in-process, against real node:http servers on 127.0.0.1 (and, once
// each, the built-in Prism mock). Asserts the request the server received and exactly what a user sees.

import { stripVTControlCharacters } from 'node:util';
import { type ReceivedRequest, sendJson, serve, waitFor } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { MOCK_SESSION_LASTS } from '../src/mock-notes.js';
import { capture, cli, KEY, lines, serverEnv, terminalInput } from './harness.js';

/** A session as the API might send it, with a field the spec does not name. */
const SESSION = {
  last_updated_at: '2026-04-22T12:34:41.342245',
  session_id: 'ses-abc123',
  generated_title: 'Q3 findings',
  index_ids: ['idx-1', 'idx-2'],
  job_metadata: {
    duration_ms: 1840,
    error: null,
    is_error: false,
    total_input_tokens: 1523,
    total_output_tokens: 412,
    turns: 2,
  },
  shared_access: 'read_only',
};

/** Two turns: every known event type, an answer that only streamed, an unknown type, and a failed turn. */
const HISTORY = {
  ...SESSION,
  events: [
    { type: 'user_input', content: 'What were the main findings in Q3?' },
    { type: 'thinking_delta', content: 'Search the ' },
    { type: 'thinking_delta', content: 'report.' },
    { type: 'thinking', content: 'Search the quarterly report.' },
    { type: 'tool_call', call_id: 'call-1', name: 'search_index', arguments: { query: 'Q3', top_k: 2 } },
    {
      type: 'tool_result',
      call_id: 'call-1',
      name: 'search_index',
      result: [{ page: 4, text: 'Revenue grew 12%' }],
      image_attachment: { attachment_name: 'page-4.png', source_id: 'src-q3' },
    },
    { type: 'citation', source_id: 'src-q3', page: 4 },
    { type: 'text_delta', content: 'Revenue grew ' },
    { type: 'text_delta', content: '12%.' },
    { type: 'text', content: 'Revenue grew 12%.\nMostly renewals.' },
    {
      type: 'stop',
      error: null,
      is_error: false,
      usage: { duration_ms: 1840, total_input_tokens: 1523, total_output_tokens: 412, turns: 1 },
    },
    { type: 'user_input', content: 'And Q4?' },
    { type: 'text_delta', content: 'Q4 is not ' },
    { content: 'an event without a type' },
    { type: 'text_delta', content: 'out yet' },
    { type: 'stop', error: 'Index idx-2 is being rebuilt', is_error: true, usage: { duration_ms: 920.5 } },
  ],
};

/** Answers every request with `status` and `body` (none for 204). */
function answer(status: number, body?: unknown) {
  return (_request: ReceivedRequest, res: import('node:http').ServerResponse) => {
    if (body === undefined) res.writeHead(status).end();
    else sendJson(res, status, body);
  };
}

const notFound = answer(404, { detail: 'Chat session not found' });

/** What the server received, as [method, path, query]. */
const sent = (requests: ReceivedRequest[]) => requests.map((r) => [r.method, r.path, r.query]);

describe('sessions create', () => {
  it('--shared-access sends it in the body; without it, the body leaves it to the deployment default', async () => {
    const server = await serve(answer(200, { ...SESSION, shared_access: 'query' }));

    const run = await cli(['sessions', 'create', '--shared-access', 'query', '--index', 'idx-1'], {
      env: serverEnv(server.url),
    });
    await cli(['sessions', 'create'], { env: serverEnv(server.url) });

    expect(run.code).toBe(0);
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { index_ids: ['idx-1'], shared_access: 'query' },
      {},
    ]);
  });

  it('sends the indexes and scope, and prints the new session as one NDJSON line, exactly as sent', async () => {
    const server = await serve(answer(200, SESSION));

    const run = await cli(
      [
        'sessions',
        'create',
        '--index',
        'idx-1',
        '--index',
        'idx 2',
        '--project-id',
        'p 1',
        '--organization-id',
        'o1',
      ],
      { env: serverEnv(server.url) },
    );

    expect(run).toEqual({ code: 0, stdout: `${JSON.stringify(SESSION)}\n`, stderr: '' });
    expect(sent(server.requests)).toEqual([
      ['POST', '/api/v1/chat', { project_id: 'p 1', organization_id: 'o1' }],
    ]);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ index_ids: ['idx-1', 'idx 2'] });
    expect(server.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('without --index, sends {} (an unbound session), as the official SDK does', async () => {
    const server = await serve(answer(201, { ...SESSION, index_ids: null }));

    const run = await cli(['sessions', 'create'], { env: serverEnv(server.url) });

    expect(run.code).toBe(0);
    expect(sent(server.requests)).toEqual([['POST', '/api/v1/chat', {}]]);
    expect(server.requests[0]?.body).toBe('{}');
  });

  it('says "Created session <id>" with its indexes and share link on a terminal (the id bold), the object with --format json', async () => {
    const server = await serve(answer(200, SESSION));
    const env = serverEnv(server.url);

    const text = await cli(['sessions', 'create'], { env, stdout: capture({ columns: 100 }) });
    const noColor = await cli(['sessions', 'create'], {
      env: { ...env, NO_COLOR: '1' },
      stdout: capture({ columns: 100 }),
    });
    const json = await cli(['sessions', 'create', '--format', 'json'], { env });

    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      'Created session \u001b[1mses-abc123\u001b[22m\n' +
        '  indexes     idx-1, idx-2\n' +
        '  share link  read_only (the transcript only)\n',
    );
    expect(noColor.stdout).toBe(stripVTControlCharacters(text.stdout));
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(SESSION);
  });
});

describe('sessions get', () => {
  it('on a terminal: the transcript of every turn, with the id sent as one path segment', async () => {
    const server = await serve(answer(200, HISTORY));

    const run = await cli(['sessions', 'get', 'ses/1 a', '--project-id', 'p1'], {
      env: { ...serverEnv(server.url), NO_COLOR: '1' },
      stdout: capture({ columns: 100 }),
    });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(sent(server.requests)).toEqual([['GET', '/api/v1/chat/ses%2F1%20a', { project_id: 'p1' }]]);
    expect(run.stdout.split('\n')).toEqual([
      'Session ses-abc123: Q3 findings',
      // Wrapped to the terminal's width at a word boundary.
      'Last updated 2026-04-22T12:34:41.342245 · indexes idx-1, idx-2 · share link: read_only (the',
      'transcript only)',
      '',
      'User',
      '  What were the main findings in Q3?',
      '',
      'Thinking',
      '  Search the quarterly report.',
      '',
      'Tool call search_index (call-1)',
      '  query: "Q3"',
      '  top_k: 2',
      '',
      'Tool result search_index (call-1)',
      '  [',
      '    {',
      '      "page": 4,',
      '      "text": "Revenue grew 12%"',
      '    }',
      '  ]',
      '  image: page-4.png of src-q3',
      '',
      'Event "citation"',
      '  {',
      '    "source_id": "src-q3",',
      '    "page": 4',
      '  }',
      '',
      'Answer',
      '  Revenue grew 12%.',
      '  Mostly renewals.',
      '',
      'Done (1,523 tokens in, 412 out, 1.8 s, 1 turn)',
      '',
      'User',
      '  And Q4?',
      '',
      'Answer',
      '  Q4 is not ',
      '',
      'Event (no type)',
      '  {',
      '    "content": "an event without a type"',
      '  }',
      '',
      'Answer',
      '  out yet',
      '',
      'Failed: Index idx-2 is being rebuilt (921 ms)',
      '',
    ]);
  });

  it('on a terminal: headings bold and coloured by who speaks, the turn’s end green or red; plain under NO_COLOR', async () => {
    const server = await serve(answer(200, HISTORY));
    const env = serverEnv(server.url);

    const coloured = await cli(['sessions', 'get', 'ses-abc123'], { env, stdout: capture({ columns: 100 }) });
    const plain = await cli(['sessions', 'get', 'ses-abc123'], {
      env: { ...env, NO_COLOR: '1' },
      stdout: capture({ columns: 100 }),
    });
    const out = coloured.stdout.split('\n');

    expect(out[0]).toBe('\u001b[1mSession ses-abc123: Q3 findings\u001b[22m');
    expect(out).toContain('\u001b[1m\u001b[36mUser\u001b[39m\u001b[22m');
    expect(out).toContain('\u001b[1m\u001b[32mAnswer\u001b[39m\u001b[22m');
    expect(out).toContain('\u001b[1m\u001b[33mTool call search_index (call-1)\u001b[39m\u001b[22m');
    expect(out).toContain('\u001b[32mDone (1,523 tokens in, 412 out, 1.8 s, 1 turn)\u001b[39m');
    expect(out).toContain(
      '\u001b[1m\u001b[31mFailed: Index idx-2 is being rebuilt (921 ms)\u001b[39m\u001b[22m',
    );
    expect(plain.stdout).toBe(stripVTControlCharacters(coloured.stdout));
    expect(plain.stdout).not.toContain('\u001b');
  });

  it('shows the indexes a turn skipped under how it ended', async () => {
    const server = await serve(
      answer(200, {
        ...SESSION,
        events: [
          { type: 'user_input', content: 'Q3?' },
          { type: 'text', content: 'Grew.' },
          { type: 'stop', error: null, is_error: false, usage: {}, skipped_index_ids: ['idx-2', 'idx 3'] },
        ],
      }),
    );

    const run = await cli(['sessions', 'get', 'ses-abc123', '--format', 'transcript'], {
      env: serverEnv(server.url),
    });

    expect(lines(run.stdout).slice(-2)).toEqual([
      'Done',
      '  Skipped indexes idx-2, idx 3 (could not be queried)',
    ]);
  });

  it('piped: the session as JSON, exactly as the API sent it, unknown fields and event types included', async () => {
    const server = await serve(answer(200, HISTORY));

    const run = await cli(['sessions', 'get', 'ses-abc123'], { env: serverEnv(server.url) });
    const ndjson = await cli(['sessions', 'get', 'ses-abc123', '--format', 'ndjson'], {
      env: serverEnv(server.url),
    });

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(HISTORY);
    expect(ndjson.stdout).toBe(`${JSON.stringify(HISTORY)}\n`);
  });

  it('keeps control characters in chat content from reaching the terminal, line breaks kept as lines', async () => {
    const server = await serve(
      answer(200, {
        ...SESSION,
        generated_title: 'title\u001b[2J',
        events: [
          { type: 'user_input', content: 'hi\u001b]0;pwned\u0007\r\nthere\u009b' },
          { type: 'tool_call', call_id: 'c\u001b', name: 'x\u0008', arguments: { 'k\u001b': 'v\u009b' } },
          { type: 'bell\u0007', content: 'x' },
        ],
      }),
    );

    const run = await cli(['sessions', 'get', 'ses-abc123', '--format', 'transcript'], {
      env: serverEnv(server.url),
    });

    expect(run.code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point.
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(lines(run.stdout)).toEqual([
      'Session ses-abc123: title [2J',
      'Last updated 2026-04-22T12:34:41.342245 · indexes idx-1, idx-2 · share link: read_only (the transcript only)',
      'User',
      '  hi ]0;pwned ',
      '  there ',
      'Tool call x  (c )',
      '  k : "v "',
      'Event "bell\\u0007"',
      '  {',
      '    "content": "x"',
      '  }',
    ]);
  });

  it('cuts a long tool result, saying how to see all of it; a session with no turns says so', async () => {
    const long = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const server = await serve((request, res) =>
      sendJson(
        res,
        200,
        request.path.endsWith('empty')
          ? { ...SESSION, generated_title: null, index_ids: null, events: [] }
          : { ...SESSION, events: [{ type: 'tool_result', call_id: 'c', name: 'read', result: long }] },
      ),
    );
    const env = serverEnv(server.url);

    const cut = await cli(['sessions', 'get', 'ses-long', '--format', 'transcript'], { env });
    const empty = await cli(['sessions', 'get', 'ses-empty', '--format', 'transcript'], { env });

    expect(lines(cut.stdout).slice(2)).toEqual([
      'Tool result read (c)',
      ...Array.from({ length: 19 }, (_, i) => `  line ${i}`),
      '  … 31 more lines (--format json shows everything)',
    ]);
    expect(empty.stdout).toBe(
      'Session ses-abc123: (untitled)\n' +
        'Last updated 2026-04-22T12:34:41.342245 · indexes none (unbound) · share link: read_only (the transcript only)\n' +
        '\n' +
        'No turns yet.\n',
    );
  });
});

describe('sessions summary', () => {
  it('on a terminal: a short block; piped: one NDJSON line; --format json: the object', async () => {
    const server = await serve(answer(200, SESSION));
    const env = serverEnv(server.url);

    const text = await cli(['sessions', 'summary', 'ses-abc123', '--organization-id', 'o1'], {
      env,
      stdout: capture({ columns: 100 }),
    });
    const piped = await cli(['sessions', 'summary', 'ses-abc123'], { env });
    const json = await cli(['sessions', 'summary', 'ses-abc123', '--format', 'json'], { env });

    expect(text).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'Session       ses-abc123\n' +
        'Title         Q3 findings\n' +
        'Last updated  2026-04-22T12:34:41.342245\n' +
        'Indexes       idx-1, idx-2\n' +
        'Share link    read_only (the transcript only)\n' +
        'Last run      done (1,523 tokens in, 412 out, 1.8 s, 2 turns)\n',
    });
    expect(piped.stdout).toBe(`${JSON.stringify(SESSION)}\n`);
    expect(JSON.parse(json.stdout)).toEqual(SESSION);
    expect(sent(server.requests)).toEqual([
      ['GET', '/api/v1/chat/ses-abc123/summary', { organization_id: 'o1' }],
      ['GET', '/api/v1/chat/ses-abc123/summary', {}],
      ['GET', '/api/v1/chat/ses-abc123/summary', {}],
    ]);
  });

  it('a failed last run and a session never run', async () => {
    const failed = {
      ...SESSION,
      job_metadata: { is_error: true, error: 'Index gone', total_input_tokens: null, turns: 1 },
    };
    const server = await serve((request, res) =>
      sendJson(res, 200, request.path.includes('failed') ? failed : { ...SESSION, job_metadata: null }),
    );
    const env = serverEnv(server.url);

    const run = await cli(['sessions', 'summary', 'ses-failed', '--format', 'text'], { env });
    const never = await cli(['sessions', 'summary', 'ses-new', '--format', 'text'], { env });

    expect(lines(run.stdout).at(-1)).toBe('Last run      failed: Index gone (1 turn)');
    expect(lines(never.stdout).at(-1)).toBe('Last run      none yet');
  });
});

describe('sessions delete', () => {
  it('with --yes: sends the DELETE and prints one line', async () => {
    const server = await serve(answer(204));

    const run = await cli(['sessions', 'delete', 'ses/1', '--yes', '--project-id', 'p1'], {
      env: serverEnv(server.url),
    });

    expect(run).toEqual({ code: 0, stdout: 'Deleted chat session "ses/1".\n', stderr: '' });
    expect(sent(server.requests)).toEqual([['DELETE', '/api/v1/chat/ses%2F1', { project_id: 'p1' }]]);
  });

  it('on a terminal: asks, naming the server, and deletes only once the answer is y', async () => {
    const server = await serve(answer(204));
    const stdin = terminalInput();
    const stderr = capture();

    const running = cli(['sessions', 'delete', 'ses-1'], { env: serverEnv(server.url), stdin, stderr });
    await waitFor(() => stderr.text().includes('[y/N]'));
    const requestsBeforeAnswer = server.requests.length;
    stdin.type('y\n');
    const run = await running;

    expect(requestsBeforeAnswer).toBe(0);
    expect(run).toEqual({
      code: 0,
      stdout: 'Deleted chat session "ses-1".\n',
      stderr: `Delete chat session "ses-1" on 127.0.0.1:${server.port}? [y/N] `,
    });
    expect(sent(server.requests)).toEqual([['DELETE', '/api/v1/chat/ses-1', {}]]);
  });

  it.each([['n\n'], ['\n'], ['yess\n']])(
    'on a terminal: answering %j deletes nothing (exit 0)',
    async (typed) => {
      const server = await serve(answer(204));
      const stdin = terminalInput();
      const stderr = capture();

      const running = cli(['sessions', 'delete', 'ses-1'], { env: serverEnv(server.url), stdin, stderr });
      await waitFor(() => stderr.text().includes('[y/N]'));
      stdin.type(typed);
      const run = await running;

      expect(run).toEqual({
        code: 0,
        stdout: '',
        stderr: `Delete chat session "ses-1" on 127.0.0.1:${server.port}? [y/N] Not deleted.\n`,
      });
      expect(server.requests).toEqual([]);
    },
  );

  it('on a terminal: the end of input (Ctrl-D) deletes nothing; Ctrl-C exits 130 and deletes nothing', async () => {
    const server = await serve(answer(204));
    const ended = terminalInput();
    const endedErr = capture();
    const interrupted = terminalInput();
    const interruptedErr = capture();
    const controller = new AbortController();

    const endedRun = cli(['sessions', 'delete', 'ses-1'], {
      env: serverEnv(server.url),
      stdin: ended,
      stderr: endedErr,
    });
    const interruptedRun = cli(['sessions', 'delete', 'ses-2'], {
      env: serverEnv(server.url),
      stdin: interrupted,
      stderr: interruptedErr,
      signal: controller.signal,
    });
    await waitFor(() => endedErr.text().includes('[y/N]') && interruptedErr.text().includes('[y/N]'));
    ended.end();
    controller.abort();

    expect(await endedRun).toMatchObject({ code: 0, stdout: '' });
    expect(endedErr.text()).toMatch(/\? \[y\/N\] \nNot deleted\.\n$/);
    expect(await interruptedRun).toMatchObject({ code: 130, stdout: '' });
    expect(lines(interruptedErr.text()).at(-1)).toBe('Interrupted.');
    expect(server.requests).toEqual([]);
  });

  it('without a terminal and without --yes: refuses with exit 2, sending nothing', async () => {
    const server = await serve(answer(204));

    const run = await cli(['sessions', 'delete', 'ses-1'], { env: serverEnv(server.url) });

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: not deleting chat session "ses-1": stdin is not a terminal, so there is no one to ask. ' +
        'Pass --yes to delete it without asking.\n',
    });
    expect(server.requests).toEqual([]);
  });
});

describe('an unknown session: exit 1 and one line that names it', () => {
  it.each([
    [['get'], 'GET /api/v1/chat/ses%2Fx'],
    [['summary'], 'GET /api/v1/chat/ses%2Fx/summary'],
    [['delete', '--yes'], 'DELETE /api/v1/chat/ses%2Fx'],
  ])('sessions %j', async ([name, ...flags], target) => {
    const server = await serve(notFound);

    const run = await cli(['sessions', name as string, 'ses/x', ...flags], { env: serverEnv(server.url) });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: no chat session "ses/x" (404 Not Found from ${target}: Chat session not found)\n`,
    });
  });

  it('never prints the API key, even when the server echoes it', async () => {
    const server = await serve(answer(404, { detail: `no session for key ${KEY}` }));

    const run = await cli(['sessions', 'get', 'ses-1'], { env: serverEnv(server.url) });

    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(KEY);
    expect(run.stderr).toContain('[redacted]');
  });

  it('an id no path can carry ("..") is a usage error, with nothing sent', async () => {
    const server = await serve(notFound);

    const run = await cli(['sessions', 'get', '..'], { env: serverEnv(server.url) });

    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^error: .*session_id/)]);
    expect(server.requests).toEqual([]);
  });

  it('another API error: the client’s line, exit 1', async () => {
    const server = await serve(answer(500, { detail: 'database unavailable' }));

    const run = await cli(['sessions', 'summary', 'ses-1', '--max-retries', '0'], {
      env: serverEnv(server.url),
    });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: 500 Internal Server Error from GET /api/v1/chat/ses-1/summary: database unavailable\n',
    });
  });
});

describe('Ctrl-C', () => {
  it('stops while a request hangs: exit 130, and the connection closed', async () => {
    let closed = false;
    const server = await serve((_request, res) => {
      res.on('close', () => {
        closed = true;
      });
    });
    const controller = new AbortController();

    const running = cli(['sessions', 'get', 'ses-1'], {
      env: serverEnv(server.url),
      signal: controller.signal,
    });
    await waitFor(() => server.requests.length === 1);
    controller.abort();

    expect(await running).toEqual({ code: 130, stdout: '', stderr: 'Interrupted.\n' });
    await waitFor(() => closed);
  });
});

describe('against the built-in mock, with the notice on stderr', () => {
  const notice = (purpose: string, command: string) => [
    expect.stringMatching(
      /^Using the built-in mock of openapi\/openapi\.yaml at http:\/\/127\.0\.0\.1:\d+, because neither LLAMA_CLOUD_API_KEY nor LLAMA_CLOUD_BASE_URL is set\.$/,
    ),
    `${purpose}, export LLAMA_CLOUD_API_KEY=<your key> and run:`,
    `  llamacloud-chat ${command}`,
  ];

  it('create', async () => {
    const run = await cli(['sessions', 'create', '--index', 'idx-abc123']);

    expect(run.code).toBe(0);
    // Whatever id the mock gives: a string, and the session it describes.
    expect(JSON.parse(run.stdout)).toMatchObject({ session_id: expect.any(String) });
    expect(lines(run.stderr)).toEqual([
      ...notice('To create a real session', 'sessions create --index idx-abc123'),
      MOCK_SESSION_LASTS,
    ]);
  });

  it('get: the spec’s one-turn example as a transcript', async () => {
    const run = await cli(['sessions', 'get', 'ses-abc123'], {
      env: { NO_COLOR: '1' },
      stdout: capture({ columns: 100 }),
    });

    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      'Session ses-abc123: What were the main findings in Q3?',
      expect.stringMatching(/^Last updated 2026-04-22T12:34:41\.342245 · indexes idx-abc123, idx-def456/),
      '(viewers may ask new questions)',
      'User',
      '  What were the main findings in Q3?',
      'Thinking',
      '  The user wants the Q3 findings; search the quarterly report first.',
      'Tool call search_index (call-001)',
      '  query: "Q3 main findings"',
      '  index_ids: ["idx-abc123","idx-def456"]',
      'Tool result search_index (call-001)',
      '  [',
      '    {',
      '      "source_id": "src-q3-report",',
      '      "page": 4,',
      '      "text": "Revenue grew 12% quarter over quarter, driven by enterprise renewals."',
      '    }',
      '  ]',
      '  image: page-4.png of src-q3-report',
      'Answer',
      '  Q3 revenue grew 12% quarter over quarter, driven by enterprise renewals.',
      'Done (1,523 tokens in, 412 out, 1.8 s, 1 turn)',
    ]);
    expect(lines(run.stderr)).toEqual(notice('To see a real session', 'sessions get ses-abc123'));
  });

  it('summary', async () => {
    const run = await cli(['sessions', 'summary', 'ses-abc123']);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ session_id: 'ses-abc123' });
    expect(lines(run.stderr)).toEqual(notice('To see a real session', 'sessions summary ses-abc123'));
  });

  it('delete --yes: deleted; the command for the real API leaves out --yes, so it asks first', async () => {
    const run = await cli(['sessions', 'delete', '--yes', 'ses-abc123']);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Deleted chat session "ses-abc123".\n');
    expect(lines(run.stderr)).toEqual(notice('To delete a real session', 'sessions delete ses-abc123'));
  });
});
