// Live mode (`CONTRACT_BASE_URL=… pnpm contract`), run for real against two local upstreams: it passes against
// one that keeps the spec, and fails against one that breaks it, naming every break in plain words.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '@llamacloud-chat/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breaking, conforming, LIVE_KEY } from './support/upstreams.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** Runs the live-mode suite as `pnpm contract` would, and returns its exit code and output. */
function liveRun(upstream: string) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [vitest, 'run', '--config', 'vitest.live.config.ts', '--reporter', 'default', '--no-color'],
      {
        cwd: packageDir,
        env: {
          ...process.env,
          CONTRACT_BASE_URL: upstream,
          LLAMA_CLOUD_API_KEY: LIVE_KEY,
          NO_COLOR: '1',
          FORCE_COLOR: '0',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('live mode', () => {
  const upstreams: TestServer[] = [];
  let good: { code: number; output: string };
  let bad: { code: number; output: string };

  beforeAll(async () => {
    const [goodServer, badServer] = await Promise.all([startServer(conforming), startServer(breaking)]);
    upstreams.push(goodServer, badServer);
    [good, bad] = await Promise.all([liveRun(goodServer.url), liveRun(badServer.url)]);
  }, 90_000);
  afterAll(() => Promise.all(upstreams.map((u) => u.close())));

  it('passes against a server that keeps the spec', () => {
    expect(good.output).toContain('5 passed');
    expect(good.code).toBe(0);
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
    ]) {
      expect(bad.output).toContain(line);
    }
    expect(bad.output).toContain('1 passed');
    expect(bad.output).toContain('4 failed');
  });

  it('never prints the API key', () => {
    expect(good.output + bad.output).not.toContain(LIVE_KEY);
  });
});
