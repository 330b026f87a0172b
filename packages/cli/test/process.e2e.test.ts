// The CLI as a process: through its bin (and scripts/run-cli.mjs), for what only a process has: exit codes,
// Ctrl-C as a signal, a stdout pipe closed by its reader, and commands a user pastes into a shell.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, symlink } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import {
  cursorAt,
  makeSessions,
  pagedSessions,
  sendJson,
  serve,
  waitFor,
} from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import {
  bin,
  ids,
  KEY,
  lines,
  processEnv,
  type Result,
  repoDir,
  runNode,
  serverEnv,
  startBin,
  tempDir,
} from './harness.js';

/** A server whose page `cur-2` fails once with a 500: the first listing fails there, a resumed one finishes. */
async function failingOnPage2() {
  let failed = false;
  return serve(
    pagedSessions(makeSessions(4), {
      pageSize: 2,
      fault: (request, res) => {
        if (failed || request.query.page_token !== cursorAt(2)) return false;
        failed = true;
        sendJson(res, 500, { detail: 'database unavailable' });
        return true;
      },
    }),
  );
}

describe('exit codes of the bin', () => {
  it('0 listed, 1 an API error, 2 a usage error, 2 a configuration error', async () => {
    const server = await serve(pagedSessions(makeSessions(3)));
    const down = await serve((_request, res) => sendJson(res, 503, { detail: 'busy' }));

    const listed = await runNode(bin, ['sessions', 'list'], serverEnv(server.url));
    const apiError = await runNode(bin, ['sessions', 'list', '--max-retries', '0'], serverEnv(down.url));
    const usage = await runNode(bin, ['sessions', 'list', '--limit', '0'], serverEnv(server.url));
    const config = await runNode(bin, ['sessions', 'list'], { LLAMA_CLOUD_BASE_URL: server.url });

    expect([listed.code, ids(listed.stdout)]).toEqual([0, ['ses-0000', 'ses-0001', 'ses-0002']]);
    expect([apiError.code, apiError.stderr]).toEqual([
      1,
      'error: 503 Service Unavailable from GET /api/v1/chat: busy\n',
    ]);
    expect([usage.code, lines(usage.stderr)[0]]).toEqual([
      2,
      "error: option '--limit <n>' argument '0' is invalid. expected a whole number of at least 1.",
    ]);
    expect([config.code, lines(config.stderr)[0]]).toEqual([
      2,
      'error: LLAMA_CLOUD_BASE_URL is set but LLAMA_CLOUD_API_KEY is not.',
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('says how to build the CLI when dist/ is missing, and exits 1', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'bin'));
    await copyFile(bin, join(dir, 'bin/llamacloud-chat.js'));

    const run = await runNode(join(dir, 'bin/llamacloud-chat.js'), ['sessions', 'list']);

    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'llamacloud-chat is not built yet. From the repository, run:\n' +
        '  npx -y pnpm@10.34.9 exec turbo run build --filter=@llamacloud-chat/cli...\n',
    });
  });
});

describe('hints a user can paste', () => {
  it('the resume command, pasted into a shell with llamacloud-chat on PATH, finishes the listing', async () => {
    const server = await failingOnPage2();
    const first = await runNode(
      bin,
      ['sessions', 'list', '--max-retries', '0', '--project-id', "Bob's project"],
      serverEnv(server.url),
    );
    const hint = lines(first.stderr).at(-1) ?? '';
    const pathDir = await tempDir();
    await symlink(bin, join(pathDir, 'llamacloud-chat'));

    // The key is in the environment, as the user's shell would have it; the base URL comes from the hint.
    const pasted = await new Promise<Result>((resolve) =>
      execFile(
        'bash',
        ['-c', hint],
        {
          env: processEnv({
            LLAMA_CLOUD_API_KEY: KEY,
            PATH: [pathDir, dirname(process.execPath), process.env.PATH].join(delimiter),
          }),
          timeout: 60_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    ).catch((error) => ({ code: -1, stdout: '', stderr: String(error) }));

    expect(first.code).toBe(1);
    expect(hint).toBe(
      `  LLAMA_CLOUD_BASE_URL=${server.url} llamacloud-chat sessions list --max-retries 0 --project-id 'Bob'\\''s project' --page-token cur-2`,
    );
    expect(pasted).toEqual({ code: 0, stdout: expect.any(String), stderr: '' });
    expect(ids(pasted.stdout)).toEqual(['ses-0002', 'ses-0003']);
    expect(server.requests.at(-1)?.query).toEqual({ project_id: "Bob's project", page_token: cursorAt(2) });
  });

  it('through scripts/run-cli.mjs (pnpm cli, pnpm start), hints use the repository’s command', async () => {
    const server = await failingOnPage2();

    // The CLI is built before its tests: run-cli.mjs's own build (a turbo cache hit that restores every build
    // in place while other packages' tests read them) is skipped; the docs' commands run it as written.
    const run = await runNode(
      join(repoDir, 'scripts/run-cli.mjs'),
      ['sessions', 'list', '--max-retries', '0'],
      { ...serverEnv(server.url), LLAMACLOUD_CHAT_BUILT: '1' },
    );

    expect(run.code).toBe(1);
    expect(ids(run.stdout)).toEqual(['ses-0000', 'ses-0001']);
    expect(lines(run.stderr).at(-1)).toBe(
      `  LLAMA_CLOUD_BASE_URL=${server.url} npx -y pnpm@10.34.9 --silent cli sessions list --max-retries 0 --page-token cur-2`,
    );
  });
});

describe('signals and pipes', () => {
  it('Ctrl-C while a request hangs: "Interrupted." and exit 130', async () => {
    const server = await serve(() => {}); // never answers
    const { child, exited, stderr } = startBin(['sessions', 'list'], serverEnv(server.url));

    await waitFor(() => server.requests.length === 1, 20_000);
    child.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(stderr()).toBe('Interrupted.\n');
  });

  it('exits 0 quietly when the reader goes away (| head -1), fetching no more pages', async () => {
    const server = await serve(pagedSessions(makeSessions(5_000)));
    const { child, exited, stderr } = startBin(['sessions', 'list'], serverEnv(server.url));
    const firstLine = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk) => resolve(String(chunk).split('\n')[0] ?? '')),
    );
    child.stdout.destroy();

    expect(JSON.parse(firstLine).session_id).toBe('ses-0000');
    expect(await exited).toBe(0);
    expect(stderr()).toBe('');
    expect(server.requests.length).toBeLessThan(500);
  });

  it('chat: exits 0 quietly when the reader goes away mid-answer (| head -c 10), closing the connection', async () => {
    let closed = false;
    const sent: string[] = [];
    let readerGone!: () => void;
    const gone = new Promise<void>((resolve) => {
      readerGone = resolve;
    });
    const server = await serve(async (_request, res) => {
      res.on('close', () => {
        closed = true;
      });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const word = (text: string) => {
        sent.push(text);
        res.write(`data: ${JSON.stringify({ type: 'text_delta', content: text })}\n\n`);
      };
      // An answer that never ends: a first word; the next only once the reader is gone; then nothing, the
      // response left open. Only the CLI hanging up closes the connection.
      word('word0 ');
      await gone;
      if (!res.destroyed) word('word1 ');
    });
    const { child, exited, stderr } = startBin(['chat', 'ses-1', 'q'], serverEnv(server.url));
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk) => resolve(String(chunk))),
    );
    child.stdout.once('close', readerGone);
    child.stdout.destroy();

    expect(first).toBe('word0 ');
    expect(await exited).toBe(0);
    expect(stderr()).toBe('');
    await waitFor(() => closed);
    // The CLI hung up after the word it could not write, with the answer still open.
    expect(sent).toEqual(['word0 ', 'word1 ']);
  });
});
