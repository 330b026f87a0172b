// A session's `job_metadata` is its most recent run's, as the spec says ("token usage and status from the most
// recent run"): after each turn, its tokens, duration, error and status are that turn's own `stop` usage, never
// sums over turns; `turns` counts the session's turns so far. Seen through the mock's HTTP API with the client.
import type { LlamaCloud } from '@llamacloud-chat/client';
import { describe, expect, it } from 'vitest';
import { clientFor, mockFor } from './support.js';

/** Runs one turn to its end and returns its `stop` event's usage. */
async function run(client: LlamaCloud, sessionId: string, prompt: string) {
  const turn = client.beta.chat.stream(sessionId, { prompt, index_ids: [] });
  for await (const _event of turn) {
    // Read to the end.
  }
  const stop = await turn.stopEvent();
  if (!stop) throw new Error('the turn ended without its stop event');
  return stop.usage;
}

describe('job_metadata', () => {
  it('is the most recent turn’s tokens and duration, not sums over turns, in retrieve, summary and list', async () => {
    const client = clientFor(await mockFor());
    const { session_id: id } = await client.beta.chat.create({});

    const first = await run(client, id, 'Hi');
    const second = await run(
      client,
      id,
      `Compare the renewal terms of every contract. ${'Be thorough. '.repeat(40)}`,
    );
    // The two turns used different amounts, so a sum and the last turn's own differ.
    expect(second.total_input_tokens).not.toBe(first.total_input_tokens);
    expect(second.total_output_tokens).not.toBe(first.total_output_tokens);

    const expected = {
      duration_ms: second.duration_ms,
      error: null,
      export_config_ids: null,
      is_error: false,
      total_input_tokens: second.total_input_tokens,
      total_output_tokens: second.total_output_tokens,
      turns: 2,
    };
    expect(second.turns).toBe(2);
    expect((await client.beta.chat.retrieve(id)).job_metadata).toEqual(expected);
    expect((await client.beta.chat.getSummary(id)).job_metadata).toEqual(expected);
    const listed = (await client.beta.chat.list({ page_size: 1 })).items[0];
    expect(listed?.session_id).toBe(id);
    expect(listed?.job_metadata).toEqual(expected);
  });

  it('replaces a seeded run’s tokens and status with the new run’s, counts on its turns, and keeps its export configs', async () => {
    const client = clientFor(await mockFor());
    // The spec's example: a failed run (no tokens) with an export config, after one turn.
    expect((await client.beta.chat.getSummary('ses-chain-003')).job_metadata).toEqual({
      duration_ms: 920.5,
      error: 'Index idx-def456 is being rebuilt',
      export_config_ids: ['exp-001'],
      is_error: true,
      total_input_tokens: null,
      total_output_tokens: null,
      turns: 1,
    });
    const usage = await run(client, 'ses-chain-003', 'Summarise it again');
    expect((await client.beta.chat.getSummary('ses-chain-003')).job_metadata).toEqual({
      duration_ms: usage.duration_ms,
      error: null,
      export_config_ids: ['exp-001'],
      is_error: false,
      total_input_tokens: usage.total_input_tokens,
      total_output_tokens: usage.total_output_tokens,
      turns: 2,
    });

    // One with tokens already: the new run's replace them.
    const before = (await client.beta.chat.getSummary('ses-chain-001')).job_metadata;
    expect(before).toMatchObject({ total_input_tokens: 1523, total_output_tokens: 412, turns: 3 });
    const next = await run(client, 'ses-chain-001', 'And in Q4?');
    expect((await client.beta.chat.getSummary('ses-chain-001')).job_metadata).toMatchObject({
      total_input_tokens: next.total_input_tokens,
      total_output_tokens: next.total_output_tokens,
      duration_ms: next.duration_ms,
      turns: 4,
    });
    expect(next.turns).toBe(4);
  });
});
