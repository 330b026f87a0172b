// `mock --state <file>`: the sessions outlive the process. Two real process starts share one file; every write
// is whole (a temp file renamed over it, none left behind); a file the mock cannot read is an error naming it,
// and it is left exactly as it was.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LlamaCloud } from '@llamacloud-chat/client';
import { describe, expect, it } from 'vitest';
import { startMock } from '../src/index.js';
import { API_KEY, runStandalone, tempDir, within } from './support.js';

/** Starts the standalone mock on `state`, and its client. */
async function standalone(state: string) {
  const run = runStandalone(['--port', '0', '--stream-gap', '0', '--state', state]);
  const url = await within(run.url, 150_000, 'the mock listening');
  return { run, client: new LlamaCloud({ apiKey: API_KEY, baseURL: url, maxRetries: 0 }) };
}

async function stop(run: ReturnType<typeof runStandalone>) {
  run.proc.kill('SIGTERM');
  expect(await within(run.exited, 60_000, 'exit')).toEqual({ code: 0, signal: null });
}

async function ids(client: LlamaCloud) {
  const seen: string[] = [];
  for await (const session of client.beta.chat.list({ page_size: 100 })) seen.push(session.session_id);
  return seen;
}

describe('--state', () => {
  it('keeps created, run and deleted sessions across two process starts, writing whole files only', async () => {
    const dir = await tempDir();
    const state = join(dir, 'sessions.json');

    const first = await standalone(state);
    expect(first.run.stdout()).toContain(`  sessions: kept in ${state}\n`);
    const created = await first.client.beta.chat.create({ index_ids: ['idx-kept'] });
    // Written before it was answered.
    expect(await readFile(state, 'utf8')).toContain(created.session_id);
    for await (const _ of first.client.beta.chat.stream(created.session_id, {
      prompt: 'Remember me',
      index_ids: [],
    }));
    await first.client.beta.chat.delete('ses-chain-002');
    const before = await first.client.beta.chat.retrieve(created.session_id);
    await stop(first.run);

    // Only the state file: every temp file was renamed over it.
    expect(await readdir(dir)).toEqual(['sessions.json']);
    JSON.parse(await readFile(state, 'utf8'));

    const second = await standalone(state);
    expect(await second.client.beta.chat.retrieve(created.session_id)).toEqual(before);
    const listed = await ids(second.client);
    expect(listed[0]).toBe(created.session_id);
    expect(listed).not.toContain('ses-chain-002');
    expect(listed).toHaveLength(8);
    await stop(second.run);
  });

  it('a cursor from before a restart still pages on', async () => {
    const state = join(await tempDir(), 'sessions.json');
    const first = await startMock({ state, streamGapMs: 0 });
    const client = new LlamaCloud({ apiKey: API_KEY, baseURL: first.url, maxRetries: 0 });
    await client.beta.chat.create();
    const page = await client.beta.chat.list({ page_size: 3 });
    await first.close();

    const second = await startMock({ state, port: 0 });
    try {
      const rest = new LlamaCloud({ apiKey: API_KEY, baseURL: second.url, maxRetries: 0 });
      const after = [];
      for await (const session of rest.beta.chat.list({ page_size: 3, page_token: page.next_page_token }))
        after.push(session.session_id);
      expect([...page.items.map((s) => s.session_id), ...after]).toHaveLength(9);
      expect(after).not.toContain(page.items[0]?.session_id);
    } finally {
      await second.close();
    }
  });

  it.each([
    ['not JSON', '{"version": 1, "sessions": [', /the state file .*bad\.json is not JSON \(/],
    [
      'JSON of another shape',
      '{"version": 1, "sessions": [{"session": {"session_id": 7}}]}',
      /the state file .*bad\.json does not hold the mock's sessions: sessions\[0\]\.events is missing \(required\);.* sessions\[0\]\.session\.session_id must be string\./,
    ],
    ['an empty file', '', /the state file .*bad\.json is not JSON/],
  ])('a file holding %s: exit 1 naming it, and the file unchanged', async (_label, content, message) => {
    const dir = await tempDir();
    const state = join(dir, 'bad.json');
    await writeFile(state, content);

    const run = runStandalone(['--port', '0', '--state', state]);

    expect(await within(run.exited, 150_000, 'exit')).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toMatch(new RegExp(`^error: ${message.source}`));
    expect(run.stderr()).toContain('It was left as it is; fix it, remove it, or pick another --state file.');
    expect(run.stderr().trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout()).toBe('');
    expect(await readFile(state, 'utf8')).toBe(content);
    expect(await readdir(dir)).toEqual(['bad.json']);
  });

  it('startMock() rejects such a file with a StateFileError naming it', async () => {
    const state = join(await tempDir(), 'torn.json');
    await writeFile(state, '{"vers');

    await expect(startMock({ state })).rejects.toMatchObject({
      name: 'StateFileError',
      message: expect.stringContaining(`the state file ${state} is not JSON`),
    });
  });
});
