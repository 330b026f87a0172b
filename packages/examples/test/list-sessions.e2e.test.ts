// The documentation page's own example, unchanged but for its import line, run as a program against a local
// server that serves 1,234 sessions over 13 pages.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cursorAt, pagedSessions, serve } from '@llamacloud-chat/test-support';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const example = join(dirname(fileURLToPath(import.meta.url)), '../dist/list-sessions.js');

it('prints each of 1,234 session ids exactly once, across 13 pages', async () => {
  const ids = Array.from({ length: 1234 }, (_, i) => `ses-${i}`);
  const sessions = ids.map((session_id) => ({ session_id, last_updated_at: '2026-04-22T12:34:41' }));
  const server = await serve(pagedSessions(sessions, { pageSize: 100 }));

  const { stdout, stderr } = await run(process.execPath, [example], {
    env: {
      ...process.env,
      LLAMA_CLOUD_API_KEY: 'llx-docs-example',
      LLAMA_CLOUD_BASE_URL: server.url,
    },
    timeout: 30_000,
  });

  expect(stderr).toBe('');
  expect(stdout.trimEnd().split('\n')).toEqual(ids);
  expect(server.requests.map((r) => `${r.url} ${r.headers.authorization}`)).toEqual([
    '/api/v1/chat Bearer llx-docs-example',
    ...Array.from(
      { length: 12 },
      (_, i) => `/api/v1/chat?page_token=${cursorAt((i + 1) * 100)} Bearer llx-docs-example`,
    ),
  ]);
}, 60_000); // a node process started and run to its end: seconds on a loaded machine, not vitest's 5 s default
