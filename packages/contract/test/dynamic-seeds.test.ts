// Prism's dynamic mode, with 50 fixed seeds: random pages with nulls and properties the spec does not name.
// Every one must be a response Prism itself calls valid, and must decode through the client.
import LlamaCloud from '@llamacloud-chat/client';
import { expect, inject, it } from 'vitest';
import { createHarness } from '../src/harness.js';

const baseUrl = inject('baseUrl');
const SEEDS = Array.from({ length: 50 }, (_, i) => `contract-${i + 1}`);
const KNOWN = new Set(['last_updated_at', 'session_id', 'generated_title', 'index_ids', 'job_metadata']);

it('50 seeded dynamic responses all decode, and between them hold nulls and unknown fields', async () => {
  let nulls = 0;
  let unknownFields = 0;
  let sessions = 0;
  for (const seed of SEEDS) {
    const harness = createHarness({ prefer: `dynamic=true, seed=${seed}` });
    const client = new LlamaCloud({ apiKey: 'llx-contract-mock-key', baseUrl, fetch: harness.fetch });

    const page = await client.beta.chat.list().firstPage();

    expect(
      harness.exchanges.map((e) => [e.status, e.violations]),
      `seed ${seed}`,
    ).toEqual([[200, []]]);
    for (const session of page.items) {
      expect(typeof session.session_id, `seed ${seed}`).toBe('string');
      nulls += Object.values(session).filter((v) => v === null).length;
      unknownFields += Object.keys(session).filter((k) => !KNOWN.has(k)).length;
      sessions++;
    }
    unknownFields += Object.keys(page.body).filter((k) => k !== 'items' && k !== 'next_page_token').length;
  }
  expect(sessions).toBeGreaterThan(0);
  expect(nulls).toBeGreaterThan(0);
  expect(unknownFields).toBeGreaterThan(0);
});

it('a seed gives the same response every time', async () => {
  const bodies = [];
  for (let i = 0; i < 2; i++) {
    const client = new LlamaCloud({
      apiKey: 'llx-contract-mock-key',
      baseUrl,
      fetch: createHarness({ prefer: 'dynamic=true, seed=contract-7' }).fetch,
    });
    bodies.push((await client.beta.chat.list().firstPage()).body);
  }
  expect(bodies[0]).toEqual(bodies[1]);
});
