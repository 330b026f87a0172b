// Where the CLI sends its requests, as a user sets it up: a key alone is the real API (seen through an injected
// fetch, so nothing leaves this machine), LLAMA_CLOUD_BASE_URL a server of ours, --mock the built-in mock whatever
// the environment says; and what a user reads when the network fails.
import { stripVTControlCharacters } from 'node:util';
import { ConnectionError } from '@llamacloud-chat/client';
import { makeSessions, pagedSessions, sendJson, serve, startServer } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { failureLine } from '../src/failure.js';
import { capture, cli, ids, KEY, lines, serverEnv } from './harness.js';

/** A fetch that answers like a one-page listing and records every URL and init it was given; sends nothing. */
function recordingFetch(
  answer: (url: string, init: RequestInit | undefined) => Response = () => page(makeSessions(2), null),
) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url, init });
    return answer(url, init);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const page = (items: unknown[], next: string | null) =>
  new Response(JSON.stringify({ items, next_page_token: next }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

/** What undici throws when it cannot connect: "fetch failed", the reason one level down. */
const fetchFailed = (reason: Error) => new TypeError('fetch failed', { cause: reason });

describe('with LLAMA_CLOUD_API_KEY and no LLAMA_CLOUD_BASE_URL: the real API, as the library does', () => {
  it('sends to https://api.cloud.llamaindex.ai with the key, and says nothing about a mock', async () => {
    const { fetch, calls } = recordingFetch();

    const run = await cli(['sessions', 'list', '--project-id', 'p1'], {
      env: { LLAMA_CLOUD_API_KEY: KEY },
      fetch,
    });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(ids(run.stdout)).toEqual(['ses-0000', 'ses-0001']);
    expect(calls.map((c) => c.url)).toEqual(['https://api.cloud.llamaindex.ai/api/v1/chat?project_id=p1']);
    expect(new Headers(calls[0]?.init?.headers).get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('every command goes there: create, get, summary, delete and chat', async () => {
    const session = { ...makeSessions(1)[0], events: [] };
    const turn =
      'data: {"type":"text","content":"Hi"}\n\n' +
      'data: {"type":"stop","error":null,"is_error":false,"usage":{}}\n\n';
    const { fetch, calls } = recordingFetch((url, init) =>
      url.endsWith('/stream')
        ? new Response(turn, { headers: { 'content-type': 'text/event-stream' } })
        : init?.method === 'DELETE'
          ? new Response(null, { status: 204 })
          : new Response(JSON.stringify(session), { headers: { 'content-type': 'application/json' } }),
    );
    const env = { LLAMA_CLOUD_API_KEY: KEY };

    for (const args of [
      ['sessions', 'create'],
      ['sessions', 'get', 'ses-0000'],
      ['sessions', 'summary', 'ses-0000'],
      ['sessions', 'delete', '--yes', 'ses-0000'],
      ['chat', 'ses-0000', 'Hello?'],
    ]) {
      const run = await cli(args, { env, fetch });
      expect([args, run.code, run.stderr]).toEqual([args, 0, '']);
    }
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      'POST https://api.cloud.llamaindex.ai/api/v1/chat',
      'GET https://api.cloud.llamaindex.ai/api/v1/chat/ses-0000',
      'GET https://api.cloud.llamaindex.ai/api/v1/chat/ses-0000/summary',
      'DELETE https://api.cloud.llamaindex.ai/api/v1/chat/ses-0000',
      'POST https://api.cloud.llamaindex.ai/api/v1/chat/ses-0000/messages/stream',
    ]);
  });

  it('a failed page: the resume command needs no LLAMA_CLOUD_BASE_URL, only the key already exported', async () => {
    const { fetch } = recordingFetch((url) =>
      url.includes('page_token')
        ? new Response('{"detail":"busy"}', { status: 503 })
        : page(makeSessions(1), 'cur-1'),
    );

    const run = await cli(['sessions', 'list', '--max-retries', '0'], {
      env: { LLAMA_CLOUD_API_KEY: KEY },
      fetch,
    });

    expect(run.code).toBe(1);
    expect(lines(run.stderr).at(-1)).toBe(
      '  llamacloud-chat sessions list --max-retries 0 --page-token cur-1',
    );
  });

  it('a host that cannot be found: the host is named, in words, and the key is not', async () => {
    const reason = Object.assign(new Error('getaddrinfo ENOTFOUND api.cloud.llamaindex.ai'), {
      code: 'ENOTFOUND',
    });
    const fetch = (async () => {
      throw fetchFailed(reason);
    }) as typeof globalThis.fetch;

    const run = await cli(['sessions', 'summary', 'ses-1', '--max-retries', '0'], {
      env: { LLAMA_CLOUD_API_KEY: KEY },
      fetch,
    });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: could not reach api.cloud.llamaindex.ai: the host name was not found (ENOTFOUND). ' +
        'Check the network and LLAMA_CLOUD_BASE_URL.\n',
    });
  });
});

describe('network failures against LLAMA_CLOUD_BASE_URL, in words', () => {
  it('a port fetch refuses ("bad port"): a sentence saying why and what to do; nothing is sent', async () => {
    const run = await cli(['sessions', 'list', '--max-retries', '0'], {
      env: serverEnv('http://127.0.0.1:6000'),
    });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: could not reach 127.0.0.1:6000: port 6000 is one that fetch refuses to use, because it belongs to ' +
        'another protocol (fetch calls it a "bad port"). Serve the API on another port and point ' +
        'LLAMA_CLOUD_BASE_URL at it.\n',
    });
  });

  it('nothing listening: connection refused, with the host and port it tried and how many attempts', async () => {
    const gone = await startServer(() => {});
    await gone.close();

    const run = await cli(['sessions', 'get', 'ses-1', '--max-retries', '1'], { env: serverEnv(gone.url) });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: could not reach 127.0.0.1:${gone.port} (2 attempts): nothing is listening there (connection refused) ` +
        '(ECONNREFUSED). Check the network and LLAMA_CLOUD_BASE_URL.\n',
    );
  });
});

describe('the facts of a failure come from the error, not its wording', () => {
  it('a create whose connection is reset: sent once, and the line says it may have been created', async () => {
    const server = await startServer((_request, res) => void res.socket?.destroy());

    const run = await cli(['sessions', 'create', '--index', 'idx-1'], { env: serverEnv(server.url) });
    await server.close();

    expect(run.code).toBe(1);
    expect(server.requests).toHaveLength(1);
    // How the reset is worded depends on when it struck (ECONNRESET, or undici's UND_ERR_SOCKET); the rest does not.
    const [line, ...rest] = lines(run.stderr);
    expect(rest).toEqual([]);
    expect(line).toMatch(
      new RegExp(`^error: could not reach 127\\.0\\.0\\.1:${server.port}: the connection [^.]+\\. `),
    );
    expect(line).toContain(
      ' The request may have reached the server, so the session may or may not have been created: list sessions ' +
        'before creating it again. Check the network and LLAMA_CLOUD_BASE_URL.',
    );
    expect(line).not.toContain('attempts');
  });

  it('reads the attempt count and the uncertain outcome from fields (a message without them changes nothing)', () => {
    const error = new ConnectionError(
      { target: 'POST /api/v1/chat', attempts: 3, uncertainOutcome: 'It may exist now.' },
      'worded without either fact',
    );

    expect(failureLine(error, { baseUrl: 'http://127.0.0.1:9' })).toBe(
      'could not reach 127.0.0.1:9 (3 attempts): fetch failed. It may exist now. Check the network ' +
        'and LLAMA_CLOUD_BASE_URL.',
    );
  });
});

describe('--mock: the built-in mock, whatever the environment says', () => {
  it('on every command, with a key and a base URL set; the server named there gets nothing', async () => {
    const server = await serve(pagedSessions(makeSessions(3)));
    const env = serverEnv(server.url);

    const list = await cli(['sessions', 'list', '--mock', '--limit', '2'], { env });
    const summary = await cli(['sessions', 'summary', 'ses-abc123', '--mock'], { env });

    expect(list.code).toBe(0);
    expect(ids(list.stdout)).toHaveLength(2);
    expect(lines(list.stderr)).toEqual([
      expect.stringMatching(
        /^Using the built-in mock of openapi\/openapi\.yaml at http:\/\/127\.0\.0\.1:\d+ \(--mock\)\.$/,
      ),
    ]);
    expect(summary.code).toBe(0);
    expect(JSON.parse(summary.stdout)).toMatchObject({ session_id: 'ses-abc123' });
    expect(server.requests).toEqual([]);
  });

  it('with neither key nor base URL: the mock, and the notice says how to reach the real API', async () => {
    const run = await cli(['sessions', 'summary', 'ses-abc123']);

    expect(run.code).toBe(0);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/because neither LLAMA_CLOUD_API_KEY nor LLAMA_CLOUD_BASE_URL is set\.$/),
      'To see a real session, export LLAMA_CLOUD_API_KEY=<your key> and run:',
      '  llamacloud-chat sessions summary ses-abc123',
    ]);
  });

  it('on a terminal, a spinner while the mock starts, cleared before the notice', async () => {
    const stderr = capture({ columns: 100 });

    const run = await cli(['sessions', 'summary', 'ses-abc123'], { stderr });
    const shown = stripVTControlCharacters(run.stderr);

    expect(run.code).toBe(0);
    expect(shown).toMatch(/^(\S Starting the built-in mock…)+Using the built-in mock/);
    // Cleared: the line is erased (CSI 0K) before the notice is written over it.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequence that erases the line is the point.
    expect(run.stderr).toMatch(/\u001b\[0K(\u001b\[\?25h)?Using the built-in mock/);
  });
});

describe('a 401', () => {
  it('says to check LLAMA_CLOUD_API_KEY', async () => {
    const server = await serve((_request, res) => sendJson(res, 401, { detail: 'Invalid API key' }));

    const run = await cli(['sessions', 'summary', 'ses-1'], { env: serverEnv(server.url) });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: 401 Unauthorized from GET /api/v1/chat/ses-1/summary: Invalid API key (check LLAMA_CLOUD_API_KEY)\n',
    });
  });
});
