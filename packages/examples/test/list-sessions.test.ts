// The documentation page's own example, unchanged but for its import line, run as a program against a local
// server that serves 1,234 sessions over 13 pages.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it, onTestFinished } from 'vitest';

const run = promisify(execFile);
const example = join(dirname(fileURLToPath(import.meta.url)), '../dist/list-sessions.js');

it('prints each of 1,234 session ids exactly once, across 13 pages', async () => {
  const ids = Array.from({ length: 1234 }, (_, i) => `ses-${i}`);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers.authorization}`);
    const offset = Number(new URL(req.url ?? '', 'http://x').searchParams.get('page_token') ?? 0);
    const items = ids
      .slice(offset, offset + 100)
      .map((session_id) => ({ session_id, last_updated_at: '2026-04-22T12:34:41' }));
    const next = offset + 100 < ids.length ? String(offset + 100) : null;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ items, next_page_token: next }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;

  const { stdout, stderr } = await run(process.execPath, [example], {
    env: {
      ...process.env,
      LLAMA_CLOUD_API_KEY: 'llx-docs-example',
      LLAMA_CLOUD_BASE_URL: `http://127.0.0.1:${port}`,
    },
    timeout: 30_000,
  });

  expect(stderr).toBe('');
  expect(stdout.trimEnd().split('\n')).toEqual(ids);
  expect(requests).toEqual([
    '/api/v1/chat Bearer llx-docs-example',
    ...Array.from(
      { length: 12 },
      (_, i) => `/api/v1/chat?page_token=${(i + 1) * 100} Bearer llx-docs-example`,
    ),
  ]);
});
