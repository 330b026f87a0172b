// `pnpm mock`: the built `dist/mock-server.js` run as a process of its own, as a team would run it, stopped the way
// they would stop it. Every process is killed when its test ends, passed or failed.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listening, runStandalone, TURN_EVENT_TYPES, within } from './support.js';

const auth = { headers: { authorization: 'Bearer k' } };

describe('the standalone mock', () => {
  it.each([
    ['Ctrl-C (SIGINT)', 0, 'SIGINT'],
    ['SIGTERM', 0, 'SIGTERM'],
  ] as const)(
    'serves pages and chat turns until %s, then exits %i with its port closed',
    async (_label, exitCode, signal) => {
      const run = runStandalone(['--port', '0', '--stream-gap', '20']);
      const url = await within(run.url, 150_000, 'the mock listening');
      const port = Number(new URL(url).port);

      const first = (await (await fetch(`${url}/api/v1/chat`, auth)).json()) as { next_page_token: string };
      const second = await fetch(`${url}/api/v1/chat?page_token=${first.next_page_token}`, auth);
      const unknown = await fetch(`${url}/api/v1/chat?page_token=cur-2`, auth);
      expect(first.next_page_token).toMatch(/^mock1\./);
      expect(second.status).toBe(200);
      expect(unknown.status).toBe(422);

      // The chat turn its startup lines show with curl -N, streamed.
      const streamPath = '/api/v1/chat/ses-abc123/messages/stream';
      expect(run.stdout()).toContain(
        `  curl -N -H 'Authorization: Bearer any-key' -H 'Content-Type: application/json' -d '{"prompt":"Hi","index_ids":[]}' ${url}${streamPath}\n`,
      );
      expect(run.stdout()).toContain('a chat turn streams its events 20 ms apart');
      const turn = await fetch(`${url}${streamPath}`, {
        method: 'POST',
        headers: { ...auth.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'Hi', index_ids: [] }),
      });
      expect(turn.headers.get('content-type')).toBe('text/event-stream');
      expect(turn.headers.get('transfer-encoding')).toBe('chunked');
      expect(
        (await turn.text()).match(/^data: \{"type":"(\w+)"/gm)?.map((line) => line.slice(15, -1)),
      ).toEqual(TURN_EVENT_TYPES);

      run.proc.kill(signal);

      expect(await within(run.exited, 60_000, `exit after ${signal}`)).toEqual({
        code: exitCode,
        signal: null,
      });
      expect(await listening(port)).toBe(false);
      expect(run.stdout()).toContain(`Stopped the mock (${signal}).`);
      // One line per request on stderr, and nothing else.
      expect(run.stderr().trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^GET \/api\/v1\/chat 200 \d+ms$/),
        expect.stringMatching(/^GET \/api\/v1\/chat\?page_token=mock1\.\S+ 200 \d+ms$/),
        expect.stringMatching(/^GET \/api\/v1\/chat\?page_token=cur-2 422 \d+ms$/),
        expect.stringMatching(/^POST \/api\/v1\/chat\/ses-abc123\/messages\/stream 200 \d+ms 9\/9 events$/),
      ]);
    },
  );

  it('on a port in use, says so in one line and exits 1, leaving nothing running', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const { port } = taken.address() as { port: number };

    // It exits on its own: had anything been left running, the process would not end.
    const run = runStandalone(['--port', String(port)]);

    expect(await within(run.exited, 150_000, 'exit')).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toBe(
      `error: port ${port} on 127.0.0.1 is already in use; stop what is using it or pick another with --port <n>\n`,
    );
    expect(run.stdout()).toBe('');
  });

  it.each([
    [['--port', 'abc'], 'error: --port must be an integer from 0 to 65535, got abc'],
    [['--port', '70000'], 'error: --port must be an integer from 0 to 65535, got 70000'],
    [['--prot', '4010'], "error: Unknown option '--prot'"],
    [['--stream-gap', 'soon'], 'error: --stream-gap must be an integer from 0 to 60000 (ms), got soon'],
    [['--stream-gap', '60001'], 'error: --stream-gap must be an integer from 0 to 60000 (ms), got 60001'],
    [['--state', ''], 'error: --state needs a file name'],
  ])('%j is a usage error: exit 2 with the usage', async (args, message) => {
    const run = runStandalone(args);

    expect(await within(run.exited, 150_000, 'exit')).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toContain(message);
    expect(run.stderr()).toContain('Usage: pnpm mock [--port <n>] [--stream-gap <ms>] [--state <file>]');
  });

  it('is one bundled file that never loads Prism', async () => {
    const bundle = await readFile(new URL('../dist/mock-server.js', import.meta.url), 'utf8');

    expect(bundle).not.toContain('@stoplight/');
    expect(bundle).toContain('openapi-backend');
  });

  it('--help prints the usage and exits 0', async () => {
    const run = runStandalone(['--help']);

    expect(await within(run.exited, 150_000, 'exit')).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toContain(
      '--port <n>          the port to listen on (default 4010; 0 picks a free one)',
    );
    expect(run.stdout()).toContain(
      '--stream-gap <ms>   the wait between two events of a streamed chat turn (default 60; 0 for none)',
    );
    expect(run.stdout()).toContain(
      '--state <file>      keep the sessions in this JSON file across restarts (default: in memory only)',
    );
  });
});
