// A server that puts the key in its status line (`HTTP/1.1 400 Bad key <key>`) or in a plain-text body, spelled
// as it is or with JSON escapes: the CLI's error line, run in-process, shows none of it.
import { escapedAll, serve, unescaped } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { cli, KEY, serverEnv } from './harness.js';

const SPELLINGS: [string, string][] = [
  ['as it is', KEY],
  ['with JSON escapes', escapedAll(KEY)],
];

describe('the CLI error line', () => {
  it.each(SPELLINGS)('does not show a key in the status line, spelled %s', async (_how, spelled) => {
    const api = await serve((_request, res) => {
      res.writeHead(400, `Bad key ${spelled}`, { 'content-type': 'application/json' });
      res.end('{"detail":"bad request"}');
    });

    const run = await cli(['sessions', 'get', 'ses-1'], { env: serverEnv(api.url) });

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Bad key [redacted]');
    expect(unescaped(run.stderr)).not.toContain(KEY);
    expect(unescaped(run.stdout)).not.toContain(KEY);
    expect(api.requests).toHaveLength(1);
  });

  it.each(SPELLINGS)('does not show a key in a plain-text error body, spelled %s', async (_how, spelled) => {
    const api = await serve((_request, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' }).end(`invalid key ${spelled}`);
    });

    const run = await cli(['sessions', 'get', 'ses-1'], { env: serverEnv(api.url) });

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('[redacted]');
    expect(unescaped(run.stderr)).not.toContain(KEY);
  });
});
