// The line under an open session's title, from its summary (`getSummary`): its last run's tokens and time, or
// that it has not run yet, its indexes and what its share link grants.
import type { ChatGetSummaryResponse } from '@llamacloud-chat/client';

const count = (n: number | null | undefined) => (n == null ? '?' : n.toLocaleString('en-US'));

export function summaryLine(summary: ChatGetSummaryResponse): string {
  const run = summary.job_metadata;
  const parts = [
    run
      ? `Last run: ${count(run.total_input_tokens)} tokens in, ${count(run.total_output_tokens)} out` +
        (typeof run.duration_ms === 'number' ? ` in ${(run.duration_ms / 1000).toFixed(1)} s` : '') +
        (run.is_error ? ' (failed)' : '')
      : 'Not run yet',
    summary.index_ids?.length
      ? `${summary.index_ids.length} ${summary.index_ids.length === 1 ? 'index' : 'indexes'}`
      : 'no indexes',
    `share link: ${summary.shared_access === 'read_only' ? 'read only' : 'can ask'}`,
  ];
  return parts.join(' · ');
}
