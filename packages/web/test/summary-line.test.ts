// The summary line an open session shows under its title.
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../src/page/summary-line.js';

const base = {
  session_id: 'ses-1',
  last_updated_at: '2026-04-23T08:00:00Z',
  shared_access: 'query' as const,
};

describe('the summary line', () => {
  it("gives the last run's tokens and time, the indexes and what the share link grants", () => {
    expect(
      summaryLine({
        ...base,
        index_ids: ['idx-a', 'idx-b'],
        job_metadata: {
          total_input_tokens: 1523,
          total_output_tokens: 412,
          duration_ms: 1840,
          is_error: false,
        },
      }),
    ).toBe('Last run: 1,523 tokens in, 412 out in 1.8 s · 2 indexes · share link: can ask');
  });

  it('says a session has not run yet, has no indexes, and a read-only link', () => {
    expect(summaryLine({ ...base, shared_access: 'read_only', index_ids: null, job_metadata: null })).toBe(
      'Not run yet · no indexes · share link: read only',
    );
  });

  it('marks a failed run, and a count the API left out', () => {
    expect(
      summaryLine({
        ...base,
        index_ids: ['idx-a'],
        job_metadata: { total_input_tokens: null, total_output_tokens: 3, is_error: true },
      }),
    ).toBe('Last run: ? tokens in, 3 out (failed) · 1 index · share link: can ask');
  });
});
