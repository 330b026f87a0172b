// The built-in mock forgets its sessions when the command ends, and the CLI says so where it matters: after a
// create, and after a 404 for an id shaped like the ones the mock makes. Against a configured server, neither.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { MOCK_FORGETS, MOCK_SESSION_LASTS } from '../src/mock-notes.js';
import { cli, lines, serverEnv } from './harness.js';

describe('on the built-in mock', () => {
  it('a create says the session lasts only as long as the command, in JSON output too', async () => {
    const run = await cli(['sessions', 'create', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).session_id).toMatch(/^ses-[0-9a-f]{12}$/);
    expect(lines(run.stderr).at(-1)).toBe(MOCK_SESSION_LASTS);
  });

  it('a 404 for an id the mock would make says why it is gone and how to keep sessions', async () => {
    const created = await cli(['sessions', 'create', '--format', 'json']);
    const id = JSON.parse(created.stdout).session_id as string;

    const run = await cli(['sessions', 'get', id]);
    expect(run.code).toBe(1);
    expect(lines(run.stderr).slice(-2)).toEqual([
      expect.stringMatching(/^error: no chat session "ses-/),
      MOCK_FORGETS,
    ]);
    expect(MOCK_FORGETS).toContain('npx -y pnpm@10.34.9 --silent mock --state sessions.json');
  });

  it('a 404 for an id of another shape is the error alone', async () => {
    const run = await cli(['sessions', 'get', 'ses-made-elsewhere']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain(MOCK_FORGETS);
  });
});

describe('against a configured server', () => {
  it('neither note: a create, and a 404 for a mock-shaped id', async () => {
    const server = await serve((request, res) => {
      if (request.method === 'POST')
        return sendJson(res, 200, {
          session_id: 'ses-0123456789ab',
          last_updated_at: '2026-12-05T08:00:00Z',
          shared_access: 'read_only',
          generated_title: null,
          index_ids: null,
          job_metadata: null,
        });
      sendJson(res, 404, { detail: 'Chat session ses-0123456789ab not found' });
    });
    const create = await cli(['sessions', 'create', '--format', 'json'], { env: serverEnv(server.url) });
    expect(create.code).toBe(0);
    expect(create.stderr).toBe('');
    const get = await cli(['sessions', 'get', 'ses-0123456789ab'], { env: serverEnv(server.url) });
    expect(get.code).toBe(1);
    expect(lines(get.stderr)).toEqual([expect.stringMatching(/^error: no chat session "ses-0123456789ab"/)]);
  });
});
