// The mock keeps sessions as the API does, per instance: what is created is listed (first), retrieved, run and
// deleted, and a deleted session is gone for every operation. Driven through the real client, as an app would.
import { NotFoundError } from '@llamacloud-chat/client';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARED_ACCESS } from '../src/index.js';
import { clientFor, mockFor, TURN_EVENT_TYPES } from './support.js';

/** The seed: every session of the spec's list, summary and retrieve examples, newest first. */
const SEED_IDS = [
  'ses-ghi789',
  'ses-abc123',
  'ses-chain-001',
  'ses-chain-002',
  'ses-chain-003',
  'ses-def456',
  'ses-chain-004',
  'ses-chain-005',
];

async function allIds(client: ReturnType<typeof clientFor>, params: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for await (const session of client.beta.chat.list(params)) ids.push(session.session_id);
  return ids;
}

describe('a session’s life', () => {
  it('starts with the spec’s example sessions, newest first, the retrieve examples’ events as their histories', async () => {
    const client = clientFor(await mockFor());

    expect(await allIds(client)).toEqual(SEED_IDS);
    const abc = await client.beta.chat.retrieve('ses-abc123');
    expect(abc.events.map((event) => event.type)).toEqual(TURN_EVENT_TYPES);
    expect((await client.beta.chat.retrieve('ses-def456')).events).toHaveLength(2);
    expect((await client.beta.chat.retrieve('ses-chain-004')).events).toEqual([]);
  });

  it('create → list (first) → retrieve → stream (history grows, prompt echoed, metadata updated) → delete → 404s', async () => {
    const mock = await mockFor();
    const client = clientFor(mock);

    const created = await client.beta.chat.create({ index_ids: ['idx-q4'], shared_access: 'query' });
    expect(created).toMatchObject({
      shared_access: 'query',
      index_ids: ['idx-q4'],
      generated_title: null,
      job_metadata: null,
    });
    expect(created.session_id).toMatch(/^ses-[0-9a-f]{12}$/);
    const id = created.session_id;

    const first = await client.beta.chat.list({ page_size: 3 });
    expect(first.items.map((s) => s.session_id)).toEqual([id, 'ses-ghi789', 'ses-abc123']);
    expect(first.items[0]).toEqual(created);
    expect(await client.beta.chat.retrieve(id)).toEqual({ ...created, events: [] });

    const prompt = 'Which contracts renew in Q4?';
    const turn = client.beta.chat.stream(id, { prompt, index_ids: ['idx-q4'] });
    const events = [];
    for await (const event of turn) events.push(event);
    expect(events[0]).toEqual({ type: 'user_input', content: prompt });
    expect(await turn.text()).toContain(prompt);
    expect(events.find((e) => e.type === 'tool_call')).toMatchObject({
      arguments: { query: prompt, index_ids: ['idx-q4'] },
    });
    const stop = await turn.stopEvent();
    expect(stop).toMatchObject({ is_error: false, usage: { turns: 1 } });

    const after = await client.beta.chat.retrieve(id);
    expect(after.events).toEqual(events);
    expect(after.generated_title).toBe(prompt);
    expect(after.job_metadata).toMatchObject({
      turns: 1,
      is_error: false,
      total_input_tokens: stop?.usage.total_input_tokens,
      total_output_tokens: stop?.usage.total_output_tokens,
    });
    expect(Date.parse(after.last_updated_at)).toBeGreaterThanOrEqual(Date.parse(created.last_updated_at));
    const summary = await client.beta.chat.getSummary(id);
    expect(summary).toEqual(Object.fromEntries(Object.entries(after).filter(([key]) => key !== 'events')));

    // A second turn: the history grows by a whole turn, the turns count on, the tokens are the latest run's.
    const second = client.beta.chat.stream(id, { prompt: 'And in Q1?', index_ids: [] });
    for await (const _ of second);
    const twice = await client.beta.chat.retrieve(id);
    expect(twice.events).toHaveLength(events.length * 2);
    expect(twice.events[events.length]).toEqual({ type: 'user_input', content: 'And in Q1?' });
    expect(twice.job_metadata?.turns).toBe(2);
    expect(twice.job_metadata?.total_output_tokens).toBe((await second.usage())?.total_output_tokens);

    await client.beta.chat.delete(id);
    expect(await allIds(client)).toEqual(SEED_IDS);
    const gone = `404 Not Found from`;
    for (const call of [
      () => client.beta.chat.retrieve(id),
      () => client.beta.chat.getSummary(id),
      () => client.beta.chat.delete(id),
      async () => {
        for await (const _ of client.beta.chat.stream(id, { prompt: 'hi', index_ids: [] }));
      },
    ]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).body).toEqual({ detail: `Chat session ${id} not found` });
      expect((error as Error).message).toContain(gone);
    }
  });

  it(`create with no body fields (or nulls) makes an unbound session whose shared_access is ${DEFAULT_SHARED_ACCESS}`, async () => {
    const client = clientFor(await mockFor());

    const plain = await client.beta.chat.create();
    const nulls = await client.beta.chat.create({ index_ids: null, shared_access: null });

    for (const session of [plain, nulls])
      expect(session).toMatchObject({
        index_ids: null,
        shared_access: DEFAULT_SHARED_ACCESS,
        job_metadata: null,
      });
    expect(plain.session_id).not.toBe(nulls.session_id);
    expect((await client.beta.chat.list({ page_size: 2 })).items.map((s) => s.session_id)).toEqual([
      nulls.session_id,
      plain.session_id,
    ]);
  });

  it('keeps each mock’s sessions to itself', async () => {
    const [a, b] = [clientFor(await mockFor()), clientFor(await mockFor())];

    const created = await a.beta.chat.create();

    expect(await allIds(a)).toContain(created.session_id);
    expect(await allIds(b)).toEqual(SEED_IDS);
  });
});

describe('listing', () => {
  it('page_size 1 pages over every session exactly once, newest first, ending at a null token', async () => {
    const client = clientFor(await mockFor());

    const pages = [];
    for await (const page of client.beta.chat.list({ page_size: 1 }).pages()) pages.push(page);

    expect(pages.map((page) => page.items.length)).toEqual(SEED_IDS.map(() => 1));
    expect(pages.flatMap((page) => page.items.map((s) => s.session_id))).toEqual(SEED_IDS);
    expect(pages.at(-1)?.next_page_token).toBeNull();
  });

  it('page_size is honoured, and without it a page holds 2', async () => {
    const client = clientFor(await mockFor());

    expect((await client.beta.chat.list({ page_size: 5 })).items).toHaveLength(5);
    expect((await client.beta.chat.list({ page_size: 100 })).items).toHaveLength(SEED_IDS.length);
    expect((await client.beta.chat.list()).items).toHaveLength(2);
  });

  it('a create and a delete between pages: nothing listed twice, nothing missed, the deleted one not listed', async () => {
    const client = clientFor(await mockFor());

    const seen: string[] = [];
    let step = 0;
    for await (const page of client.beta.chat.list({ page_size: 1 }).pages()) {
      seen.push(...page.items.map((s) => s.session_id));
      step += 1;
      if (step === 2) await client.beta.chat.create(); // newer than everything: before this listing's cursor
      if (step === 3) await client.beta.chat.delete('ses-chain-004'); // not listed yet
      if (step === 4) {
        // One listed already, run again: it moves to the top of new listings, not back into this one.
        for await (const _ of client.beta.chat.stream('ses-ghi789', { prompt: 'again', index_ids: [] }));
        // One not listed yet, run: it keeps its place in this listing.
        for await (const _ of client.beta.chat.stream('ses-chain-005', { prompt: 'again', index_ids: [] }));
      }
    }

    expect(seen).toEqual(SEED_IDS.filter((id) => id !== 'ses-chain-004'));
    expect(new Set(seen).size).toBe(seen.length);
    // A new listing sees the store as it is now.
    const now = await allIds(client);
    expect(now.slice(0, 2)).toEqual(['ses-chain-005', 'ses-ghi789']);
    expect(now).toHaveLength(SEED_IDS.length);
  });

  it('project_id and organization_id scope what every operation sees', async () => {
    const client = clientFor(await mockFor());

    const mine = await client.beta.chat.create({ project_id: 'proj-1' });
    const theirs = await client.beta.chat.create({ project_id: 'proj-2', organization_id: 'org-9' });

    expect(await allIds(client, { project_id: 'proj-1' })).toEqual([mine.session_id]);
    expect(await allIds(client, { project_id: 'proj-2', organization_id: 'org-9' })).toEqual([
      theirs.session_id,
    ]);
    expect(await allIds(client, { project_id: 'proj-2' })).toEqual([]);
    expect(await allIds(client)).toEqual(SEED_IDS);
    expect((await client.beta.chat.retrieve(mine.session_id, { project_id: 'proj-1' })).session_id).toBe(
      mine.session_id,
    );
    await expect(client.beta.chat.retrieve(mine.session_id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.beta.chat.retrieve('ses-abc123', { project_id: 'proj-1' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
