// End to end: the built CLI run as a child process against local node:http servers and the built-in mock,
// asserting stdout, stderr and the exit code of each run.
import { execFile, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const main = join(dirname(fileURLToPath(import.meta.url)), '../dist/main.js');
const KEY = 'llx-cli-test-key-9f8e7d';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** This process's environment less any LLAMA_CLOUD_* of the machine running the tests, plus `env`. */
function envWith(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.entries(process.env).filter(([name]) => !name.startsWith('LLAMA_CLOUD_'));
  return { ...Object.fromEntries(base), ...env };
}

/** Runs the CLI to the end with only the environment given. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main, ...args],
      { env: envWith(env), timeout: 60_000, maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** Starts the CLI; it is killed when the test ends, whatever happens. `stderr()` is what it wrote so far. */
function startCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [main, ...args], { env: envWith(env) });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

type Handler = (req: IncomingMessage, url: URL, res: ServerResponse) => void;

/** A server on 127.0.0.1 and a free port, closed when the test ends; `requests` holds each URL it received. */
async function serve(handler: Handler) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, new URL(req.url ?? '/', 'http://127.0.0.1'), res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, env: { LLAMA_CLOUD_BASE_URL: url, LLAMA_CLOUD_API_KEY: KEY } };
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const session = (i: number) => ({
  last_updated_at: '2026-04-22T12:34:41.342245',
  session_id: `ses-${i}`,
  generated_title: i % 2 ? `Title ${i}` : null,
  job_metadata: i % 3 ? { turns: i, total_input_tokens: 10 * i, total_output_tokens: null } : null,
  shared_access: 'read_only',
});

/** Serves `total` sessions in pages of `page_size` (default 2), linked by `cur-<offset>` tokens. */
function paged(total: number): Handler {
  const all = Array.from({ length: total }, (_, i) => session(i));
  return (_req, url, res) => {
    const size = Number(url.searchParams.get('page_size') ?? 2);
    const offset = Number(url.searchParams.get('page_token')?.slice(4) ?? 0);
    json(res, 200, {
      items: all.slice(offset, offset + size),
      next_page_token: offset + size < total ? `cur-${offset + size}` : null,
    });
  };
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('sessions list against a server', () => {
  it('writes every session as NDJSON when stdout is not a terminal, exactly as the API sent it', async () => {
    const server = await serve(paged(5));

    const run = await cli(['sessions', 'list', '--project-id', 'proj 1', '--page-size', '2'], server.env);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(lines(run.stdout).map((line) => JSON.parse(line))).toEqual([0, 1, 2, 3, 4].map(session));
    expect(server.requests).toEqual([
      '/api/v1/chat?project_id=proj%201&page_size=2',
      '/api/v1/chat?project_id=proj%201&page_size=2&page_token=cur-2',
      '/api/v1/chat?project_id=proj%201&page_size=2&page_token=cur-4',
    ]);
  });

  it('writes one JSON array with --format json, and a table with --format table', async () => {
    const server = await serve(paged(3));

    const asJson = await cli(['sessions', 'list', '--format', 'json'], server.env);
    const asTable = await cli(['sessions', 'list', '--format', 'table'], server.env);

    expect(asJson.code).toBe(0);
    expect(JSON.parse(asJson.stdout)).toEqual([0, 1, 2].map(session));
    expect(asTable.code).toBe(0);
    expect(lines(asTable.stdout)).toHaveLength(4);
    expect(lines(asTable.stdout)[0]).toMatch(/^SESSION ID\s+LAST UPDATED\s+TURNS\s+TOKENS IN\/OUT\s+TITLE$/);
    expect(lines(asTable.stdout)[2]).toMatch(/^ses-1\s+2026-04-22T12:34:41.342245\s+1\s+10\/-\s+Title 1$/);
  });

  it('stops after --limit sessions, fetching no page past them', async () => {
    const server = await serve(paged(10));

    const run = await cli(['sessions', 'list', '--limit', '3'], server.env);

    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((l) => JSON.parse(l).session_id)).toEqual(['ses-0', 'ses-1', 'ses-2']);
    expect(server.requests).toHaveLength(2);
  });

  it('writes nothing for an empty listing (and [] as JSON), and exits 0', async () => {
    const server = await serve((_req, _url, res) => json(res, 200, { items: [], next_page_token: null }));

    const ndjson = await cli(['sessions', 'list'], server.env);
    const array = await cli(['sessions', 'list', '--format', 'json'], server.env);

    expect(ndjson).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(array).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('streams 10,000 sessions as 10,000 lines with distinct ids', async () => {
    const server = await serve(paged(10_000));

    const run = await cli(['sessions', 'list', '--page-size', '500'], server.env);

    expect(run.code).toBe(0);
    const ids = lines(run.stdout).map((l) => JSON.parse(l).session_id);
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
  });
});

describe('output edge cases', () => {
  it('exits 0 quietly when the reader goes away (| head -1)', async () => {
    const server = await serve(paged(2_000));
    const { child, exited, stderr } = startCli(['sessions', 'list'], server.env);
    const firstLine = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk) => resolve(String(chunk).split('\n')[0] ?? '')),
    );
    child.stdout.destroy();

    expect(JSON.parse(firstLine).session_id).toBe('ses-0');
    expect(await exited).toBe(0);
    expect(stderr()).toBe('');
    expect(server.requests.length).toBeLessThan(1_000);
  });

  it('keeps control characters in titles from reaching the terminal', async () => {
    const server = await serve((_req, _url, res) =>
      json(res, 200, {
        items: [{ ...session(1), generated_title: 'clear\u001b[2Jscreen\nnext line\u0007' }],
        next_page_token: null,
      }),
    );

    const run = await cli(['sessions', 'list', '--format', 'table'], server.env);

    expect(run.code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point.
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(lines(run.stdout)).toHaveLength(2);
    expect(lines(run.stdout)[1]).toMatch(/clear \[2Jscreen next line $/);
  });
});

describe('errors: one clear line and exit 1', () => {
  it('a 401', async () => {
    const server = await serve((_req, _url, res) => json(res, 401, { detail: 'Invalid API key' }));

    const run = await cli(['sessions', 'list'], server.env);

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: 401 Unauthorized from GET /api/v1/chat: Invalid API key\n',
    });
  });

  it('500s on page 2: the sessions before it, the error, and how to resume; resuming finishes the listing', async () => {
    let failing = true;
    const ok = paged(6);
    const server = await serve((req, url, res) => {
      if (failing && url.searchParams.get('page_token') === 'cur-2')
        json(res, 500, { detail: 'database unavailable' });
      else ok(req, url, res);
    });

    const first = await cli(['sessions', 'list', '--max-retries', '0', '--project-id', 'p1'], server.env);
    failing = false;
    const resumed = await cli(
      ['sessions', 'list', '--max-retries', '0', '--project-id', 'p1', '--page-token', 'cur-2'],
      server.env,
    );

    expect(first.code).toBe(1);
    expect(lines(first.stdout).map((l) => JSON.parse(l).session_id)).toEqual(['ses-0', 'ses-1']);
    expect(first.stderr).toBe(
      'error: 500 Internal Server Error from GET /api/v1/chat: database unavailable\n' +
        '2 sessions were listed before the error. To resume from the failed page:\n' +
        '  llamacloud-chat sessions list --max-retries 0 --project-id p1 --page-token cur-2\n',
    );
    expect(resumed.code).toBe(0);
    expect(lines(resumed.stdout).map((l) => JSON.parse(l).session_id)).toEqual([
      'ses-2',
      'ses-3',
      'ses-4',
      'ses-5',
    ]);
  });

  it('a 200 that is not JSON', async () => {
    const server = await serve((_req, _url, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Maintenance</html>'),
    );

    const run = await cli(['sessions', 'list'], server.env);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error: 200 from GET \/api\/v1\/chat is not a valid page: the body is not JSON \(text\/html/,
    );
  });

  it('a base URL without a key', async () => {
    const run = await cli(['sessions', 'list'], { LLAMA_CLOUD_BASE_URL: 'http://127.0.0.1:9' });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: No LlamaCloud API key: set the LLAMA_CLOUD_API_KEY environment variable or pass { apiKey }.\n',
    });
  });

  it('never prints the API key', async () => {
    const server = await serve((_req, _url, res) => json(res, 401, { detail: `Invalid API key: ${KEY}` }));

    const run = await cli(['sessions', 'list'], server.env);

    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(KEY);
    expect(run.stderr).toContain('[redacted]');
  });
});

describe('usage errors: the usage text and exit 2', () => {
  it.each([
    [
      ['sessions', 'list', '--format', 'xml'],
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, ndjson.",
    ],
    [
      ['sessions', 'list', '--page-size', 'ten'],
      "error: option '--page-size <n>' argument 'ten' is invalid. expected a whole number of at least 1.",
    ],
    [
      ['sessions', 'list', '--limit', '0'],
      "error: option '--limit <n>' argument '0' is invalid. expected a whole number of at least 1.",
    ],
    [['sessions', 'list', '--colour'], "error: unknown option '--colour'"],
    [['sessions', 'delete'], "error: unknown command 'delete'"],
  ])('%j', async (args, message) => {
    const run = await cli(args);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: llamacloud-chat sessions');
  });

  it('no arguments at all', async () => {
    const run = await cli([]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: llamacloud-chat [options] [command]');
  });
});

describe('the built-in mock', () => {
  it('lists the spec’s chained example pages when no LLAMA_CLOUD_BASE_URL is set, and says so', async () => {
    const run = await cli(['sessions', 'list']);

    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((l) => JSON.parse(l).session_id)).toEqual([
      'ses-chain-001',
      'ses-chain-002',
      'ses-chain-003',
      'ses-chain-004',
      'ses-chain-005',
    ]);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^Using the built-in mock of openapi\/openapi\.yaml at http:\/\/127\.0\.0\.1:\d+, because LLAMA_CLOUD_BASE_URL is not set\.$/,
      ),
      'To list real sessions: LLAMA_CLOUD_BASE_URL=https://api.cloud.llamaindex.ai LLAMA_CLOUD_API_KEY=llx-… llamacloud-chat sessions list',
    ]);
  });
});

describe('Ctrl-C', () => {
  /** Starts the CLI, waits until `ready()`, sends SIGINT, and reports how it ended and how fast. */
  async function interrupt(args: string[], env: Record<string, string>, ready: (stderr: string) => boolean) {
    const { child, exited, stderr } = startCli(args, env);
    const deadline = Date.now() + 20_000;
    while (!ready(stderr()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const sent = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    return { code, ms: performance.now() - sent, stderr: stderr() };
  }

  it('stops at once while a request hangs, and exits 130', async () => {
    let received = false;
    const server = await serve(() => {
      received = true; // never answers
    });

    const { code, ms, stderr } = await interrupt(['sessions', 'list'], server.env, () => received);

    expect(code).toBe(130);
    expect(ms).toBeLessThan(1_000);
    expect(stderr).toBe('Interrupted.\n');
  });

  it('leaves no built-in mock behind when interrupted as it starts listing', async () => {
    const { code, stderr } = await interrupt(['sessions', 'list', '--limit', '1'], {}, (text) =>
      text.includes('To list real sessions'),
    );
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(stderr)?.[1]);

    expect([0, 130]).toContain(code);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    expect(open).toBe(false);
  });
});
