// The CLI in-process: run() with in-memory streams and an environment of the test's own, against real
// node:http servers on 127.0.0.1 (and, where said, the built-in Prism mock). Asserts what a user would see: the
// lines printed, the exit code, and what the server received.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import {
  cursorAt,
  listening,
  makeSessions,
  pagedSessions,
  type ReceivedRequest,
  sendJson,
  serve,
  waitFor,
} from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { capture, cli, ids, KEY, lines, packageDir, serverEnv } from './harness.js';

/** Sessions with a field the spec does not name, which the CLI must pass through untouched. */
const sessions = (count: number) => makeSessions(count).map((s) => ({ ...s, shared_access: 'read_only' }));

const REPO_COMMAND = 'npx -y pnpm@10.34.9 --silent cli';

/** The words bash makes of `line`, as a user pasting it would get them. */
function shellWords(line: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

/** Fails the first request for `token` with a 500, then serves it. */
function failOnce(token: string, detail = 'database unavailable') {
  let failed = false;
  return (request: ReceivedRequest, res: ServerResponse) => {
    if (failed || request.query.page_token !== token) return false;
    failed = true;
    sendJson(res, 500, { detail });
    return true;
  };
}

describe('sessions list against a server', () => {
  it('writes each session once as NDJSON when stdout is not a terminal, exactly as the API sent it', async () => {
    const all = sessions(5);
    const server = await serve(pagedSessions(all));

    const run = await cli(['sessions', 'list', '--project-id', 'proj 1', '--page-size', '2'], {
      env: serverEnv(server.url),
    });

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(lines(run.stdout).map((line) => JSON.parse(line))).toEqual(all);
    expect(server.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/api/v1/chat', { project_id: 'proj 1', page_size: '2' }],
      ['GET', '/api/v1/chat', { project_id: 'proj 1', page_size: '2', page_token: cursorAt(2) }],
      ['GET', '/api/v1/chat', { project_id: 'proj 1', page_size: '2', page_token: cursorAt(4) }],
    ]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`Bearer ${KEY}`));
  });

  it('writes one JSON array with --format json', async () => {
    const server = await serve(pagedSessions(sessions(3), { pageSize: 2 }));

    const run = await cli(['sessions', 'list', '--format', 'json'], { env: serverEnv(server.url) });

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(sessions(3));
  });

  it('writes a table on a terminal, with progress and a summary on stderr', async () => {
    const server = await serve(pagedSessions(sessions(5), { pageSize: 2 }));
    const stdout = capture({ columns: 100 });
    const stderr = capture({ columns: 100 });

    const run = await cli(['sessions', 'list'], { env: serverEnv(server.url), stdout, stderr });

    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      'LAST UPDATED      TURNS  TOKENS         TITLE                                       SESSION ID',
      '2026-01-01 00:00  -      -              (untitled)                                  ses-0000',
      '2026-01-01 00:01  1      -/-            Session 1                                   ses-0001',
      '2026-01-01 00:02  2      -/-            Session 2                                   ses-0002',
      '2026-01-01 00:03  3      -/-            (untitled)                                  ses-0003',
      '2026-01-01 00:04  -      -              Session 4                                   ses-0004',
    ]);
    expect(stripVTControlCharacters(run.stderr)).toMatch(/✔ 5 sessions in 3 pages\n$/);
  });

  it('fits the terminal: long titles cut with …, the id last and whole, the time of day dropped for room', async () => {
    const longId = 'ses-3f2a9c1e-7b4d-4e8a-9f00-1c2d3e4f5a6b';
    const title = 'What were the main findings of the third-quarter review, region by region?';
    const all = [
      { ...sessions(1)[0], generated_title: title },
      { ...sessions(2)[1], session_id: longId, generated_title: title },
    ];
    const server = await serve(pagedSessions(all));

    const run = await cli(['sessions', 'list'], {
      env: serverEnv(server.url),
      stdout: capture({ columns: 60 }),
    });

    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      'LAST UPDATED  TURNS  TOKENS         TITLE     SESSION ID',
      '2026-01-01    -      -              What we…  ses-0000',
      `2026-01-01    1      -/-            What we…  ${longId}`,
    ]);
    const wide = await cli(['sessions', 'list'], {
      env: serverEnv(server.url),
      stdout: capture({ columns: 120 }),
    });
    expect(lines(wide.stdout)[1]).toBe(
      '2026-01-01 00:00  -      -              What were the main findings of the third-quarter review, regi…  ses-0000',
    );
    // Only an id longer than the room kept for it runs past the width, and it is whole.
    const [header, short, long] = lines(wide.stdout) as [string, string, string];
    for (const line of [header, short]) expect(line.length).toBeLessThanOrEqual(120);
    expect(long.endsWith(`  ${longId}`)).toBe(true);
  });

  it('says "1 session in 1 page", not "1 sessions in 1 pages"', async () => {
    const server = await serve(pagedSessions(sessions(1)));

    const run = await cli(['sessions', 'list'], {
      env: serverEnv(server.url),
      stderr: capture({ columns: 100 }),
    });

    expect(run.code).toBe(0);
    expect(stripVTControlCharacters(run.stderr)).toMatch(/✔ 1 session in 1 page\n$/);
  });

  it('stops after --limit sessions, fetching no page past them', async () => {
    const server = await serve(pagedSessions(sessions(10), { pageSize: 2 }));

    const run = await cli(['sessions', 'list', '--limit', '3'], { env: serverEnv(server.url) });

    expect(run.code).toBe(0);
    expect(ids(run.stdout)).toEqual(['ses-0000', 'ses-0001', 'ses-0002']);
    expect(server.requests).toHaveLength(2);
  });

  it('writes nothing for an empty listing as NDJSON, [] as JSON and "No sessions." as a table', async () => {
    const server = await serve(pagedSessions([]));
    const env = serverEnv(server.url);

    expect(await cli(['sessions', 'list'], { env })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await cli(['sessions', 'list', '--format', 'json'], { env })).toEqual({
      code: 0,
      stdout: '[]\n',
      stderr: '',
    });
    expect(await cli(['sessions', 'list', '--format', 'table'], { env })).toEqual({
      code: 0,
      stdout: 'No sessions.\n',
      stderr: '',
    });
  });

  it('lists 10,000 sessions, each exactly once', async () => {
    const server = await serve(pagedSessions(sessions(10_000)));

    const run = await cli(['sessions', 'list', '--page-size', '500'], { env: serverEnv(server.url) });

    expect(run.code).toBe(0);
    expect(ids(run.stdout)).toEqual(sessions(10_000).map((s) => s.session_id));
    expect(server.requests).toHaveLength(20);
  });

  it('fetches no further page while stdout is full, and finishes once it drains', async () => {
    const server = await serve(pagedSessions(sessions(50), { pageSize: 5 }));
    let text = '';
    let held: (() => void)[] | undefined = [];
    // A reader that takes nothing until released: every write waits, as on a full pipe.
    const slow = new Writable({
      highWaterMark: 1,
      write(chunk, _encoding, done) {
        text += String(chunk);
        if (held) held.push(done);
        else done();
      },
    });
    // Each request the client sends, and whether stdout was full (a write not taken) when it was sent.
    const sent: { url: string; whileFull: boolean }[] = [];
    const fetchSeen: typeof fetch = (input, init) => {
      sent.push({
        url: String(input instanceof Request ? input.url : input),
        whileFull: (held?.length ?? 0) > 0,
      });
      return fetch(input, init);
    };
    const running = cli(['sessions', 'list'], {
      env: serverEnv(server.url),
      stdout: { stream: slow, text: () => text },
      fetch: fetchSeen,
    });

    // The CLI wrote page 1 and now waits for the pipe to drain (its listener is the signal): it has stopped. (Or
    // it sent a next request regardless, which the assertions below name.)
    await waitFor(() => ids(text).length === 5 && (slow.listenerCount('drain') > 0 || sent.length > 1));
    const sentWhileFull = sent.length;
    const requestsWhileFull = server.requests.length;
    for (const done of held) done();
    held = undefined;
    const run = await running;

    expect(sentWhileFull).toBe(1);
    expect(requestsWhileFull).toBe(1);
    expect(sent.filter((request) => request.whileFull)).toEqual([]);
    expect(run.code).toBe(0);
    expect(ids(run.stdout)).toEqual(sessions(50).map((s) => s.session_id));
    expect(sent).toHaveLength(10);
  });

  it('keeps control characters in titles from reaching the terminal', async () => {
    const title = 'clear\u001b[2Jscreen\nnext line\u0007';
    const server = await serve(pagedSessions([{ ...sessions(2)[1], generated_title: title }]));

    const run = await cli(['sessions', 'list', '--format', 'table'], { env: serverEnv(server.url) });

    expect(run.code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point.
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(lines(run.stdout)).toHaveLength(2);
    expect(lines(run.stdout)[1]).toMatch(/clear \[2Jscreen next … {2}ses-0001$/);
  });
});

describe('API and network errors: exit 1, one clear line, and how to resume', () => {
  it('a 401', async () => {
    const server = await serve((_request, res) => sendJson(res, 401, { detail: 'Invalid API key' }));

    const run = await cli(['sessions', 'list'], { env: serverEnv(server.url) });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: 401 Unauthorized from GET /api/v1/chat: Invalid API key (check LLAMA_CLOUD_API_KEY)\n',
    });
  });

  it('a 500 on page 2: the sessions before it, the error, and a resume command that finishes the listing', async () => {
    const server = await serve(pagedSessions(sessions(6), { pageSize: 2, fault: failOnce(cursorAt(2)) }));
    const env = serverEnv(server.url);

    const first = await cli(['sessions', 'list', '--max-retries', '0', '--project-id', 'p1'], { env });

    expect(first.code).toBe(1);
    expect(ids(first.stdout)).toEqual(['ses-0000', 'ses-0001']);
    expect(first.stderr).toBe(
      'error: 500 Internal Server Error from GET /api/v1/chat: database unavailable\n' +
        '2 sessions were listed before the error. To resume from the failed page:\n' +
        `  LLAMA_CLOUD_BASE_URL=${server.url} llamacloud-chat sessions list --max-retries 0 --project-id p1 --page-token cur-2\n`,
    );

    const [assignment, command, ...args] = shellWords(lines(first.stderr)[2] as string);
    expect([assignment, command]).toEqual([`LLAMA_CLOUD_BASE_URL=${server.url}`, 'llamacloud-chat']);
    const resumed = await cli(args, { env });

    expect(resumed.code).toBe(0);
    expect(ids(resumed.stdout)).toEqual(['ses-0002', 'ses-0003', 'ses-0004', 'ses-0005']);
  });

  it('says "1 session was listed" after one session', async () => {
    const server = await serve(pagedSessions(sessions(3), { pageSize: 1, fault: failOnce(cursorAt(1)) }));

    const run = await cli(['sessions', 'list', '--max-retries', '0'], { env: serverEnv(server.url) });

    expect(run.code).toBe(1);
    expect(lines(run.stderr)[1]).toBe(
      '1 session was listed before the error. To resume from the failed page:',
    );
  });

  it('starts the resume command with the command the CLI was run with', async () => {
    const server = await serve(pagedSessions(sessions(4), { pageSize: 2, fault: failOnce(cursorAt(2)) }));

    const run = await cli(['sessions', 'list', '--max-retries=0', '--page-token', cursorAt(0)], {
      env: { ...serverEnv(server.url), LLAMACLOUD_CHAT_COMMAND: REPO_COMMAND },
    });

    expect(run.code).toBe(1);
    expect(lines(run.stderr)[2]).toBe(
      `  LLAMA_CLOUD_BASE_URL=${server.url} ${REPO_COMMAND} sessions list --max-retries=0 --page-token cur-2`,
    );
  });

  it('quotes every argument of the resume command, so pasting it gives back the same arguments', async () => {
    const project = `it's a "big" $HOME project; rm -rf *`;
    const organization = '--page-token';
    const token = `next page 'two' \u001b[2J`;
    let served = 0;
    const server = await serve((_request, res) => {
      if (served++ === 0) sendJson(res, 200, { items: sessions(1), next_page_token: token });
      else if (served === 2) sendJson(res, 503, { detail: 'busy' });
      else sendJson(res, 200, { items: sessions(2).slice(1), next_page_token: null });
    });
    const args = ['sessions', 'list', '--max-retries', '0', '--project-id', project];
    const env = serverEnv(server.url);

    const run = await cli([...args, '--organization-id', organization], { env });

    expect(run.code).toBe(1);
    const hint = lines(run.stderr)[2] as string;
    expect(hint).not.toContain('\u001b');
    const [, , ...pasted] = shellWords(hint);
    expect(pasted).toEqual([...args, '--organization-id', organization, '--page-token', token]);
    const resumed = await cli(pasted, { env });
    expect(resumed.code).toBe(0);
    expect(ids(resumed.stdout)).toEqual(['ses-0001']);
    expect(server.requests.map((r) => r.query)).toEqual([
      { project_id: project, organization_id: organization },
      { project_id: project, organization_id: organization, page_token: token },
      { project_id: project, organization_id: organization, page_token: token },
    ]);
  });

  it.each([
    [400, false],
    [404, false],
    [422, false],
    [401, true],
    [429, true],
    [503, true],
  ])('a %i on page 2: a resume hint only when resuming can help (%s)', async (status, hinted) => {
    const fault = (request: ReceivedRequest, res: ServerResponse) => {
      if (request.query.page_token !== cursorAt(2)) return false;
      sendJson(res, status, { detail: 'no' });
      return true;
    };
    const server = await serve(pagedSessions(sessions(4), { pageSize: 2, fault }));

    const run = await cli(['sessions', 'list', '--max-retries', '0'], { env: serverEnv(server.url) });

    expect(run.code).toBe(1);
    expect(ids(run.stdout)).toEqual(['ses-0000', 'ses-0001']);
    expect(lines(run.stderr)[0]).toMatch(new RegExp(`^error: ${status} `));
    expect(lines(run.stderr)).toHaveLength(hinted ? 3 : 1);
    if (hinted) expect(lines(run.stderr)[2]).toMatch(/ --max-retries 0 --page-token cur-2$/);
  });

  it('no resume hint when the page that failed is the one --page-token asked for: it would be the same command', async () => {
    const server = await serve((_request, res) => sendJson(res, 503, { detail: 'busy' }));

    const run = await cli(['sessions', 'list', '--max-retries', '0', '--page-token', 'cur-4'], {
      env: serverEnv(server.url),
    });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: 503 Service Unavailable from GET /api/v1/chat: busy\n',
    });
  });

  it('a 200 that is not JSON', async () => {
    const server = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Maintenance</html>');
    });

    const run = await cli(['sessions', 'list'], { env: serverEnv(server.url) });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error: 200 from GET \/api\/v1\/chat is not a valid page: the body is not JSON \(text\/html/,
    );
  });

  it('never prints the API key, even when the server echoes it', async () => {
    const server = await serve((_request, res) => sendJson(res, 401, { detail: `Invalid API key: ${KEY}` }));

    const run = await cli(['sessions', 'list'], { env: serverEnv(server.url) });

    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(KEY);
    expect(run.stderr).toContain('[redacted]');
  });

  it('never prints the API key the server echoes spelled with JSON escapes, in an error or a session', async () => {
    const escaped = [...KEY].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const server = await serve((request, res) => {
      if (request.path === '/api/v1/chat/ses-1') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          `{"session_id":"ses-1","last_updated_at":"2026-04-22T12:00:00Z","shared_access":"query","generated_title":"${escaped}","events":[]}`,
        );
        return;
      }
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(`{"detail":"Invalid API key: ${escaped}"}`);
    });

    const refused = await cli(['sessions', 'list'], { env: serverEnv(server.url) });
    const shown = await cli(['sessions', 'get', 'ses-1'], { env: serverEnv(server.url) });

    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'error: 401 Unauthorized from GET /api/v1/chat: Invalid API key: [redacted] (check LLAMA_CLOUD_API_KEY)\n',
    );
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).generated_title).toBe('[redacted]');
    for (const text of [refused.stdout, refused.stderr, shown.stdout, shown.stderr]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(escaped.slice(0, 12));
    }
  });

  it('keeps control characters in a server’s error detail from reaching the terminal', async () => {
    const server = await serve((_request, res) => sendJson(res, 401, { detail: 'bad\u001b[2Jkey\nline' }));

    const run = await cli(['sessions', 'list'], { env: serverEnv(server.url) });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: 401 Unauthorized from GET /api/v1/chat: bad [2Jkey line (check LLAMA_CLOUD_API_KEY)\n',
    });
  });
});

describe('configuration errors: exit 2, what to set, and nothing sent', () => {
  const howToFix =
    'Set LLAMA_CLOUD_API_KEY to your LlamaCloud API key, or unset LLAMA_CLOUD_BASE_URL to use the built-in mock.\n';

  it.each([
    ['not set', {}],
    ['empty', { LLAMA_CLOUD_API_KEY: '' }],
    ['blank', { LLAMA_CLOUD_API_KEY: '  ' }],
  ])('a base URL with the key %s', async (_case, key) => {
    const server = await serve(pagedSessions(sessions(1)));
    const status = 'LLAMA_CLOUD_API_KEY' in key ? 'empty' : 'not';

    const run = await cli(['sessions', 'list'], { env: { LLAMA_CLOUD_BASE_URL: server.url, ...key } });

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: LLAMA_CLOUD_BASE_URL is set but LLAMA_CLOUD_API_KEY is ${status}.\n${howToFix}`,
    });
    expect(server.requests).toEqual([]);
  });

  it('a key with a pasted non-ASCII dash, which is not printed', async () => {
    const server = await serve(pagedSessions(sessions(1)));
    const key = 'llx–secret-part-4711';

    const run = await cli(['sessions', 'list'], {
      env: { LLAMA_CLOUD_BASE_URL: server.url, LLAMA_CLOUD_API_KEY: key },
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: The API key has whitespace, control or non-ASCII characters/);
    expect(lines(run.stderr)[1]).toBe(
      'Check LLAMA_CLOUD_BASE_URL and LLAMA_CLOUD_API_KEY, or unset LLAMA_CLOUD_BASE_URL to use the built-in mock.',
    );
    expect(run.stderr).not.toContain('secret-part');
    expect(server.requests).toEqual([]);
  });

  it('a base URL with credentials in it, which are not printed', async () => {
    const server = await serve(pagedSessions(sessions(1)));

    const run = await cli(['sessions', 'list'], {
      env: { ...serverEnv(server.url), LLAMA_CLOUD_BASE_URL: server.url.replace('//', '//me:hunter2@') },
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: Invalid base URL/);
    expect(run.stderr).not.toContain('hunter2');
    expect(server.requests).toEqual([]);
  });

  it('an argument no request can carry (a lone UTF-16 surrogate)', async () => {
    const server = await serve(pagedSessions(sessions(1)));

    const run = await cli(['sessions', 'list', '--project-id', 'p\ud800'], { env: serverEnv(server.url) });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: .*project_id/);
    expect(run.stderr).not.toContain('resume');
    expect(server.requests).toEqual([]);
  });
});

describe('usage errors: one line, where to read the usage, and exit 2', () => {
  const hint = (path: string) => `Run "llamacloud-chat ${path} --help" for its usage.`;

  it.each([
    [
      ['sessions', 'list', '--format', 'xml'],
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, ndjson.",
      'sessions list',
    ],
    [
      ['sessions', 'list', '--page-size', 'ten'],
      "error: option '--page-size <n>' argument 'ten' is invalid. expected a whole number of at least 1.",
      'sessions list',
    ],
    [
      ['sessions', 'list', '--limit', '0'],
      "error: option '--limit <n>' argument '0' is invalid. expected a whole number of at least 1.",
      'sessions list',
    ],
    [['sessions', 'list', '--colour'], "error: unknown option '--colour'", 'sessions list'],
    [['sessions', 'lst'], "error: unknown command 'lst'\n(Did you mean list?)", 'sessions'],
    [['sessions', 'delete'], "error: missing required argument 'id'", 'sessions delete'],
    [
      ['sessions', 'get', 'a', 'b'],
      "error: too many arguments for 'get'. Expected 1 argument but got 2.",
      'sessions get',
    ],
    [
      ['sessions', 'get', 'a', '--format', 'table'],
      "error: option '--format <format>' argument 'table' is invalid. Allowed choices are transcript, json, ndjson.",
      'sessions get',
    ],
    [
      ['sessions', 'create', '--shared-access', 'public'],
      "error: option '--shared-access <access>' argument 'public' is invalid. Allowed choices are query, read_only.",
      'sessions create',
    ],
    [
      ['chat', 'ses-1', 'q', 'more'],
      "error: too many arguments for 'chat'. Expected 2 arguments but got 3.",
      'chat',
    ],
    [['frobnicate'], "error: unknown command 'frobnicate'", ''],
  ])('%j', async (args, message, path) => {
    const run = await cli(args);

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `${message}\n${hint(path).replace('llamacloud-chat  --help', 'llamacloud-chat --help')}\n`,
    });
  });

  it('the hint it prints runs, and shows that command’s help', async () => {
    const run = await cli(['sessions', 'list', '--colour']);
    const [, hinted] = /^Run "llamacloud-chat (.*)" for its usage\.$/m.exec(run.stderr) ?? [];

    const help = await cli((hinted ?? '').split(' '));

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: llamacloud-chat sessions list \[options\]/);
  });

  it('no arguments at all, and "sessions" alone: the usage on stderr', async () => {
    const none = await cli([]);
    const sessionsAlone = await cli(['sessions']);

    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: llamacloud-chat \[options\] \[command\]/);
    expect(sessionsAlone.code).toBe(2);
    expect(sessionsAlone.stderr).toMatch(/^Usage: llamacloud-chat sessions \[options\] \[command\]/);
  });

  it('--help: the usage and the exit codes on stdout, exit 0; piped, one line per item, within 80 columns on a terminal', async () => {
    const run = await cli(['sessions', 'list', '--help']);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: llamacloud-chat sessions list \[options\]/);
    expect(run.stdout).toContain(
      'Exit codes:\n' +
        '  0    done (or the reader went away, as with | head)\n' +
        '  1    an API or network error (no such session included), or the built-in mock could not start\n' +
        '  2    a usage or configuration error; nothing was sent\n' +
        '  130  interrupted (Ctrl-C)\n',
    );
    for (const args of [
      ['--help'],
      ['sessions', 'list', '--help'],
      ['chat', '--help'],
      ['sessions', 'create', '--help'],
    ]) {
      const help = await cli(args, { stdout: capture({ columns: 80 }) });
      for (const line of help.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it('help <command> is <command> --help, nested commands included', async () => {
    for (const path of [['sessions', 'list'], ['chat'], ['sessions']]) {
      const viaHelp = await cli(['help', ...path]);
      const viaFlag = await cli([...path, '--help']);

      expect(viaHelp).toEqual({ code: 0, stdout: viaFlag.stdout, stderr: '' });
      expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: llamacloud-chat ${path.join(' ')} `));
    }
  });

  it('--version prints the package’s version, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(await cli(['-V'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('names the command the CLI was run with in the hint', async () => {
    const run = await cli(['sessions', 'list', '--colour'], {
      env: { LLAMACLOUD_CHAT_COMMAND: REPO_COMMAND },
    });

    expect(run.code).toBe(2);
    expect(lines(run.stderr)[1]).toBe(`Run "${REPO_COMMAND} sessions list --help" for its usage.`);
  });
});

describe('the built-in mock', () => {
  it('lists the spec’s example sessions, page by page, and says how to list real ones', async () => {
    const run = await cli(['sessions', 'list', '--page-size', '2'], {
      env: { LLAMACLOUD_CHAT_COMMAND: REPO_COMMAND },
    });
    const chain = ['ses-chain-001', 'ses-chain-002', 'ses-chain-003', 'ses-chain-004', 'ses-chain-005'];

    expect(run.code).toBe(0);
    // Each chained example once and in the spec's order, whatever else the mock serves beside them.
    expect(ids(run.stdout).filter((id) => chain.includes(id))).toEqual(chain);
    expect(new Set(ids(run.stdout)).size).toBe(ids(run.stdout).length);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^Using the built-in mock of openapi\/openapi\.yaml at http:\/\/127\.0\.0\.1:\d+, because neither LLAMA_CLOUD_API_KEY nor LLAMA_CLOUD_BASE_URL is set\.$/,
      ),
      'To list real sessions, export LLAMA_CLOUD_API_KEY=<your key> and run:',
      `  ${REPO_COMMAND} sessions list --page-size 2`,
    ]);
  });

  it('a 422 naming the --page-token it was given: no resume hint, but how to start over', async () => {
    const server = await serve((_request, res) =>
      sendJson(res, 422, {
        detail: [
          { loc: ['query', 'page_token'], msg: 'no page for page_token "bogus"', type: 'value_error' },
        ],
      }),
    );

    const run = await cli(['sessions', 'list', '--page-token', 'bogus', '--project-id', 'p1'], {
      env: serverEnv(server.url),
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^error: 422 Unprocessable Entity from GET \/api\/v1\/chat: query\.page_token: no page for page_token "bogus"/,
      ),
      'Leave out --page-token to list from the first page.',
    ]);
  });

  it('is stopped when Ctrl-C comes as it starts: exit 130 and its port closed', async () => {
    const controller = new AbortController();
    let stderrText = '';
    const stderr = new Writable({
      write(chunk, _encoding, done) {
        stderrText += String(chunk);
        if (stderrText.includes('Using the built-in mock')) controller.abort();
        done();
      },
    });

    const run = await cli(['sessions', 'list'], {
      signal: controller.signal,
      stderr: { stream: stderr, text: () => stderrText },
    });
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(run.stderr)?.[1]);

    expect(run.code).toBe(130);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr).at(-1)).toBe('Interrupted.');
    expect(port).toBeGreaterThan(0);
    expect(await listening(port)).toBe(false);
  });
});

describe('Ctrl-C', () => {
  it('during a listing, after some pages: "Interrupted.", how many were listed, and a command to go on', async () => {
    const listed = pagedSessions(sessions(6), { pageSize: 2 });
    // The second page never comes: the user gives up waiting.
    const server = await serve((request, res) =>
      request.query.page_token === cursorAt(2) ? undefined : listed(request, res),
    );
    const controller = new AbortController();

    const running = cli(['sessions', 'list', '--page-size', '2'], {
      env: serverEnv(server.url),
      signal: controller.signal,
    });
    await waitFor(() => server.requests.length === 2);
    controller.abort();
    const run = await running;

    expect(run.code).toBe(130);
    expect(ids(run.stdout)).toEqual(['ses-0000', 'ses-0001']);
    expect(run.stderr).toBe(
      'Interrupted.\n' +
        '2 sessions were listed. To go on from the next page:\n' +
        `  LLAMA_CLOUD_BASE_URL=${server.url} llamacloud-chat sessions list --page-size 2 --page-token cur-2\n`,
    );
    expect(shellWords(lines(run.stderr)[2] as string)).toEqual([
      `LLAMA_CLOUD_BASE_URL=${server.url}`,
      'llamacloud-chat',
      ...['sessions', 'list', '--page-size', '2', '--page-token', 'cur-2'],
    ]);
  });

  it('stops while a request hangs: exit 130, and the connection closed', async () => {
    let closed = false;
    const server = await serve((_request, res) => {
      // Never answers.
      res.on('close', () => {
        closed = true;
      });
    });
    const controller = new AbortController();

    const running = cli(['sessions', 'list'], { env: serverEnv(server.url), signal: controller.signal });
    await waitFor(() => server.requests.length === 1);
    controller.abort();
    const run = await running;

    expect(run).toEqual({ code: 130, stdout: '', stderr: 'Interrupted.\n' });
    await waitFor(() => closed);
  });
});
