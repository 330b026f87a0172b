// Live mode (`CONTRACT_BASE_URL=… pnpm contract`), run for real against two local upstreams: it passes against
// one that keeps the spec, and fails against one that breaks it, naming every break in plain words (in a
// streamed turn, each event that breaks the schema). Against both it writes nothing but the one session it
// creates and one turn of that session, and deletes that session and no other.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '@llamacloud-chat/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_PROMPT } from '../src/scenarios.js';
import {
  breakingUpstream,
  type ChatUpstream,
  conformingUpstream,
  LIVE_KEY,
  sessionIdOf,
} from './support/upstreams.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** Runs the live-mode suite as `pnpm contract` would, and returns its exit code and output. */
function liveRun(upstream: string) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [vitest, 'run', '--config', 'vitest.live.config.ts', '--no-color'],
      {
        cwd: packageDir,
        env: {
          ...process.env,
          CONTRACT_BASE_URL: upstream,
          LLAMA_CLOUD_API_KEY: LIVE_KEY,
          NO_COLOR: '1',
          FORCE_COLOR: '0',
        },
        // Prism's start and stop alone take tens of seconds on a loaded 2-core machine: a run killed at 60 s had
        // already printed "6 passed" (a kill reads as exit 1 below).
        timeout: 240_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('live mode', () => {
  const upstreams: TestServer[] = [];
  const conforming = conformingUpstream();
  const breaking = breakingUpstream();
  let good: { code: number; output: string };
  let bad: { code: number; output: string };

  beforeAll(async () => {
    // One at a time, so the one that fails to start (if any) is closed by afterAll too.
    upstreams.push(await startServer(conforming.handler));
    upstreams.push(await startServer(breaking.handler));
    const [goodServer, badServer] = upstreams as [TestServer, TestServer];
    [good, bad] = await Promise.all([liveRun(goodServer.url), liveRun(badServer.url)]);
  }, 300_000);
  afterAll(() => Promise.all(upstreams.map((u) => u.close())));

  /** A request as `METHOD <session id>[ summary| stream]`, the id decoded; `METHOD <path>` for any other path. */
  const described = (r: TestServer['requests'][number]) => {
    const id = sessionIdOf(r.path);
    const what = r.path.endsWith('/summary')
      ? ' summary'
      : r.path.endsWith('/messages/stream')
        ? ' stream'
        : '';
    return id === undefined ? `${r.method} ${r.path}` : `${r.method} ${id}${what}`;
  };

  it.each([
    ['one that keeps the spec', 0, conforming],
    ['one that breaks it', 1, breaking],
  ] as [string, number, ChatUpstream][])(
    'against %s, it creates one session, reads it, summarises it, sends it one short turn and deletes it, and writes nothing else',
    (_label, index, upstream) => {
      expect(upstream.created).toHaveLength(1);
      const [id] = upstream.created;
      const requests = upstreams[index]?.requests ?? [];
      // Every write: the one create, one turn of what it created, and the delete of what it created.
      expect(requests.filter((r) => !['GET', 'HEAD'].includes(r.method)).map(described)).toEqual([
        'POST /api/v1/chat',
        `POST ${id} stream`,
        `DELETE ${id}`,
      ]);
      // Every request about a session, in order: the turn after the reads, the delete last.
      expect(requests.filter((r) => sessionIdOf(r.path) !== undefined).map(described)).toEqual([
        `GET ${id}`,
        `GET ${id} summary`,
        `POST ${id} stream`,
        `DELETE ${id}`,
      ]);
      // The turn: a short prompt, and no indexes (the session has none, or create answered none that is a list).
      const turn = requests.find((r) => r.path.endsWith('/messages/stream'));
      expect(JSON.parse(turn?.body ?? '')).toEqual({ prompt: LIVE_PROMPT, index_ids: [] });
      // The session is gone from the server, and the sessions it listed (which live mode did not create) are
      // still there: they were never deleted, only listed.
      expect(upstream.sessions.size).toBe(0);
    },
  );

  it('passes against a server that keeps the spec', () => {
    expect(good.output).toContain('6 passed');
    expect(good.code).toBe(0);
    // The coverage table for the real server: what the scenarios exercised, and what they never did, which
    // fails no live run.
    const table = good.output.slice(good.output.indexOf('Coverage of the spec'));
    expect(table).toMatch(/^listChatSessions +200 +\d+×/m);
    expect(table).toMatch(/^listChatSessions +401 +\d+×/m);
    expect(table).toMatch(/^streamChatMessage +200 +\d+× +user_input, .*stop/m);
    expect(table).toMatch(/^createChatSession +422 +NEVER/m);
    // Through the proxy to the server itself, with the key.
    const onePerPage = upstreams[0]?.requests.find((r) => r.url === '/api/v1/chat?page_size=1');
    expect(onePerPage?.headers.authorization).toBe(`Bearer ${LIVE_KEY}`);
  });

  it('fails against a server that breaks it, naming every break', () => {
    expect(bad.code).toBe(1);
    for (const line of [
      'GET /api/v1/chat → 200 application/json',
      '- items[0].session_id must be string',
      '- items[1].session_id is missing (required)',
      '- items[2].index_ids[1] must be string',
      'GET /api/v1/chat?page_token=p2 → 200 application/json',
      '- next_page_token is missing (required)',
      'GET /api/v1/chat?page_size=1 → 200 text/html',
      '- response: The received media type "text/html" does not match the one specified in the current response: application/json',
      '- body must be object',
      '- the client failed: 200 from GET /api/v1/chat is not a valid page: the body is not JSON',
      'POST /api/v1/chat → 201 application/json',
      '- index_ids must be array or null',
      'GET /api/v1/chat/ses-broken%201 → 200 application/json',
      '- events must be array',
      'GET /api/v1/chat/ses-broken%201/summary → 200 application/json',
      '- generated_title must be string or null',
      'DELETE /api/v1/chat/ses-broken%201 → 200 application/json',
      '- status 200, expected 204',
      '- response: Unable to match the returned status code with those defined in the document: 204,401,404,422',
      '- the client failed: 200 from GET /api/v1/chat/ses-broken%201 is not a valid session: "events" is not an array',
      '- items[0].shared_access is missing (required)',
      '- getSummary answered with session "ses-someone-else", not "ses-broken 1"',
      'POST /api/v1/chat/ses-broken%201/messages/stream → 200 text/event-stream',
      '- event 2 (text_delta): content must be string',
      '- event 3 (stop): usage is missing (required)',
      '- event 3 (stop): is_error must be boolean',
    ]) {
      expect(bad.output).toContain(line);
    }
    expect(bad.output).toContain('1 passed');
    expect(bad.output).toContain('5 failed');
  });

  it('never prints the API key', () => {
    expect(good.output + bad.output).not.toContain(LIVE_KEY);
  });
});
