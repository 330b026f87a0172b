// `llamacloud-chat api`: any operation of the spec by any of its names, with fields split by the spec, checked
// before anything is sent; the JSON answer, a stream's events as NDJSON as they arrive, every item with
// --paginate, and the list of operations. Against real node:http servers on 127.0.0.1 and the built-in mock.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { catalog } from '@llamacloud-chat/client/catalog';
import { makeSessions, pagedSessions, sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it, onTestFinished } from 'vitest';
import { capture, cli, KEY, serverEnv } from './harness.js';

const SESSION = {
  last_updated_at: '2026-04-22T12:34:41.342245',
  session_id: 'ses/1',
  shared_access: 'query',
};

describe('api <operation>', () => {
  it.each([
    ['its operationId', ['getChatSessionSummary']],
    ["the client's name", ['chat.getSummary']],
    ["the client's other name", ['beta.chat.getSummary']],
    ['METHOD /path in one word', ['GET /api/v1/chat/{session_id}/summary']],
    ['METHOD /path in two', ['get', '/api/v1/chat/{session_id}/summary']],
  ])('calls an operation named by %s, fields split into path and query by the spec', async (_how, name) => {
    const api = await serve((_request, res) => sendJson(res, 200, SESSION));
    const result = await cli(['api', ...name, 'session_id=ses/1', 'project_id=p1'], {
      env: serverEnv(api.url),
    });

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual(SESSION);
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/chat/ses%2F1/summary?project_id=p1',
    ]);
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('prints JSON pretty on a terminal and compact to a pipe', async () => {
    const api = await serve((_request, res) => sendJson(res, 200, SESSION));
    const piped = await cli(['api', 'chat.getSummary', 'session_id=ses-1'], { env: serverEnv(api.url) });
    const stdout = capture({ columns: 100 });
    const shown = await cli(['api', 'chat.getSummary', 'session_id=ses-1'], {
      env: serverEnv(api.url),
      stdout,
    });

    expect(piped).toEqual({ code: 0, stdout: `${JSON.stringify(SESSION)}\n`, stderr: '' });
    expect(shown.stdout).toBe(`${JSON.stringify(SESSION, null, 2)}\n`);
  });

  it('reads a bare field as the spec types it, -f as text and -F as a typed value, into the body', async () => {
    const api = await serve((_request, res) => sendJson(res, 200, SESSION));
    const result = await cli(
      [
        'api',
        'createChatSession',
        'project_id=p1',
        '-F',
        'index_ids=["idx-a","idx-b"]',
        '-f',
        'shared_access=query',
      ],
      { env: serverEnv(api.url) },
    );

    expect(result.code).toBe(0);
    expect(api.requests[0]).toMatchObject({ method: 'POST', url: '/api/v1/chat?project_id=p1' });
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({
      index_ids: ['idx-a', 'idx-b'],
      shared_access: 'query',
    });
  });

  it('reads a number for an integer query parameter, and refuses text that is not one with nothing sent', async () => {
    const api = await serve(pagedSessions(makeSessions(3)));
    const ok = await cli(['api', 'chat.list', 'page_size=2'], { env: serverEnv(api.url) });
    const bad = await cli(['api', 'chat.list', 'page_size=two'], { env: serverEnv(api.url) });

    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).items).toHaveLength(2);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain(
      'error: Query parameter page_size of GET /api/v1/chat must be integer or null, got "two"',
    );
    expect(api.requests.map((r) => r.url)).toEqual(['/api/v1/chat?page_size=2']);
  });

  it('takes the body from --input (a file, or - for stdin), fields on top', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'llamacloud-chat-api-test-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'body.json'), '{"index_ids":["idx-a"],"shared_access":"read_only"}');
    const api = await serve((_request, res) => sendJson(res, 200, SESSION));

    const fromFile = await cli(
      ['api', 'chat.create', '--input', join(dir, 'body.json'), '-f', 'shared_access=query'],
      {
        env: serverEnv(api.url),
      },
    );
    const fromStdin = await cli(['api', 'chat.create', '--input', '-'], {
      env: serverEnv(api.url),
      stdin: Readable.from(['{"index_ids":[]}']),
    });

    expect([fromFile.code, fromStdin.code]).toEqual([0, 0]);
    expect(api.requests.map((r) => JSON.parse(r.body))).toEqual([
      { index_ids: ['idx-a'], shared_access: 'query' },
      { index_ids: [] },
    ]);
  });

  it('reads -F name=@file as the text in the file, and refuses a file it cannot read or one too large', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'llamacloud-chat-api-test-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'prompt.txt'), 'A prompt\nover two lines');
    const api = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"type":"stop","error":null,"is_error":false,"usage":{"turns":1}}\n\n');
    });
    const args = ['api', 'chat.stream', 'session_id=s', '-F', 'index_ids=[]', '-F'];

    const sent = await cli([...args, `prompt=@${join(dir, 'prompt.txt')}`], { env: serverEnv(api.url) });
    const missing = await cli([...args, `prompt=@${join(dir, 'nope.txt')}`], { env: serverEnv(api.url) });
    const huge = await cli([...args, 'prompt=@-'], {
      env: serverEnv(api.url),
      stdin: Readable.from(
        (function* () {
          for (let i = 0; i < 9; i++) yield Buffer.alloc(1024 * 1024, 97);
        })(),
      ),
    });

    expect(sent.code).toBe(0);
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({
      prompt: 'A prompt\nover two lines',
      index_ids: [],
    });
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(`error: cannot read ${join(dir, 'nope.txt')}: ENOENT\n`);
    expect(huge).toMatchObject({
      code: 2,
      stderr: 'error: @- is larger than 8 MiB, more than any request body.\n',
    });
    expect(api.requests).toHaveLength(1);
  });

  it('with only LLAMA_CLOUD_API_KEY set, calls the real API: the URL the client was given', async () => {
    const urls: string[] = [];
    const result = await cli(['api', 'chat.getSummary', 'session_id=ses-1'], {
      env: { LLAMA_CLOUD_API_KEY: KEY },
      fetch: async (input) => {
        urls.push(String(input instanceof Request ? input.url : input));
        return new Response(JSON.stringify(SESSION), { headers: { 'content-type': 'application/json' } });
      },
    });

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(urls).toEqual(['https://api.cloud.llamaindex.ai/api/v1/chat/ses-1/summary']);
  });

  it('refuses a field the operation does not take, listing the ones it does, before anything starts', async () => {
    const result = await cli(['api', 'chat.getSummary', 'session_id=ses-1', 'titel=New'], { env: {} });

    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: getChatSessionSummary has no field titel; it takes session_id (path), organization_id (query), project_id (query).\n',
    });
  });

  it('refuses an operation the spec does not have, and --paginate on one that does not page', async () => {
    const unknown = await cli(['api', 'chat.rename'], { env: {} });
    const notPaged = await cli(['api', 'chat.retrieve', 'session_id=s', '--paginate'], { env: {} });

    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe(
      'error: no operation "chat.rename"; run "llamacloud-chat api" to list them (by operationId, name or METHOD /path).\n',
    );
    expect(notPaged.stderr).toBe(
      'error: --paginate is for a paged operation; retrieveChatSession is not one.\n',
    );
  });

  it('follows every cursor with --paginate and prints each item once, one JSON line each', async () => {
    const sessions = makeSessions(7);
    const api = await serve(pagedSessions(sessions));
    const result = await cli(['api', 'GET /api/v1/chat', '--paginate', 'page_size=3'], {
      env: serverEnv(api.url),
    });

    expect(result.code).toBe(0);
    const items = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).session_id);
    expect(items).toEqual(sessions.map((s) => s.session_id));
    expect(api.requests).toHaveLength(3);
  });

  it("writes a streamed operation's events as NDJSON, each as it arrives", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const api = await serve(async (_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"type":"text_delta","content":"Hel"}\n\n');
      await held;
      res.end('data: {"type":"stop","error":null,"is_error":false,"usage":{"turns":1}}\n\n');
    });
    const stdout = capture();
    const running = cli(['api', 'chat.stream', 'session_id=ses-1', '-f', 'prompt=Hi', '-F', 'index_ids=[]'], {
      env: serverEnv(api.url),
      stdout,
    });
    // The first event is out while the server still holds the rest of the turn.
    await expect.poll(() => stdout.text()).toBe('{"type":"text_delta","content":"Hel"}\n');
    release();
    const result = await running;

    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).type),
    ).toEqual(['text_delta', 'stop']);
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({ prompt: 'Hi', index_ids: [] });
  });

  it('on the built-in mock, retrieves a session, and says where the answer came from', async () => {
    const result = await cli(['api', 'chat.retrieve', 'session_id=ses-abc123'], { env: {} });

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ session_id: 'ses-abc123', events: expect.any(Array) });
    expect(result.stderr).toMatch(
      /^Using the built-in mock of openapi\/openapi\.yaml at http:\/\/127\.0\.0\.1:\d+, because/,
    );
  });
});

describe('api alone', () => {
  it('lists every operation of the spec: method, path, operationId, name and summary', async () => {
    const result = await cli(['api'], { env: {} });

    const rows = result.stdout.trimEnd().split('\n');
    expect(result.code).toBe(0);
    expect(rows[0]).toMatch(/^METHOD +PATH +OPERATION +NAME +SUMMARY$/);
    expect(rows.slice(1).map((row) => row.split(/ {2,}/))).toEqual(
      catalog.map((entry) => [entry.method, entry.path, entry.operationId, entry.sdkName, entry.summary]),
    );
  });

  it('fits a terminal: the summaries cut, then the operationId column left out', async () => {
    const wide = capture({ columns: 105 });
    const narrow = capture({ columns: 80 });
    await cli(['api'], { env: {}, stdout: wide });
    await cli(['api'], { env: {}, stdout: narrow });

    const wideRows = wide.text().trimEnd().split('\n');
    const narrowRows = narrow.text().trimEnd().split('\n');
    for (const row of wideRows) expect(row.length).toBeLessThanOrEqual(105);
    for (const row of narrowRows) expect(row.length).toBeLessThanOrEqual(80);
    expect(wideRows[0]).toMatch(/^METHOD +PATH +OPERATION +NAME +SUMMARY$/);
    expect(wideRows.some((row) => row.endsWith('…'))).toBe(true);
    expect(narrowRows[0]).toMatch(/^METHOD +PATH +NAME +SUMMARY$/);
    expect(narrowRows[5]).toMatch(
      /^GET +\/api\/v1\/chat\/\{session_id\}\/summary +chat\.getSummary +Get Sess/,
    );
  });
});
