// A session as a person reads it on a terminal: a short block of its fields, and how a run or turn ended. Every
// piece of server text goes through printable(), so chat content cannot drive the terminal.
import type { ChatListResponse, StopUsage } from '@llamacloud-chat/client';
import { count, plural, printable } from './text.js';

/** What a stop event or a run's metadata says it used; checked field by field, as a server may omit any. */
type Usage = { [K in keyof StopUsage]?: unknown } | null | undefined;

/** How a run or turn ended: whether it failed, with what message. */
interface Outcome {
  is_error?: boolean | undefined;
  error?: string | null | undefined;
}

/** `1,523 tokens in, 412 out, 1.8 s, 1 turn`: what of a turn's usage is known, or '' when nothing is. */
export function usageText(usage: Usage): string {
  if (!usage) return '';
  const tokensIn = usage.total_input_tokens;
  const tokensOut = usage.total_output_tokens;
  const parts: string[] = [];
  if (isNumber(tokensIn) || isNumber(tokensOut)) {
    parts.push(
      `${isNumber(tokensIn) ? count(tokensIn) : '?'} tokens in, ${isNumber(tokensOut) ? count(tokensOut) : '?'} out`,
    );
  }
  if (isNumber(usage.duration_ms)) parts.push(duration(usage.duration_ms));
  if (isNumber(usage.turns)) parts.push(plural(usage.turns, 'turn'));
  return parts.join(', ');
}

/** `done (…usage…)` or `failed: <message> (…usage…)`. */
export function outcomeText(outcome: Outcome, usage: Usage): string {
  const used = usageText(usage);
  const head = outcome.is_error
    ? `failed: ${outcome.error ? printable(outcome.error) : '(no message)'}`
    : 'done';
  return used ? `${head} (${used})` : head;
}

/** A session's fields as a short block of `Label  value` lines. */
export function sessionBlock(session: ChatListResponse): string[] {
  const job = session.job_metadata;
  const rows: [string, string][] = [
    ['Session', printable(session.session_id)],
    ['Title', printable(session.generated_title ?? '(untitled)')],
    ['Last updated', printable(String(session.last_updated_at))],
    ['Indexes', indexesText(session.index_ids)],
    ['Share link', sharedAccessText(session.shared_access) || 'not said'],
    ['Last run', job ? outcomeText(job, job) : 'none yet'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}`);
}

/** What a session's share link grants, in words; '' when the server did not say. */
export function sharedAccessText(access: unknown): string {
  if (access === 'read_only') return 'read_only (the transcript only)';
  if (access === 'query') return 'query (viewers may ask new questions)';
  return typeof access === 'string' ? printable(access) : '';
}

/** `Skipped indexes idx-2, idx-3 (they could not be queried)`, or '' when none were skipped. */
export function skippedText(ids: unknown): string {
  if (!Array.isArray(ids) || !ids.length) return '';
  return `Skipped ${ids.length === 1 ? 'index' : 'indexes'} ${ids.map((id) => printable(String(id))).join(', ')} (could not be queried)`;
}

/** `idx-1, idx-2`, or `none (unbound)`. */
export function indexesText(ids: readonly string[] | null | undefined): string {
  return ids?.length ? ids.map((id) => printable(String(id))).join(', ') : 'none (unbound)';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `920 ms`, `1.8 s`, `2 min 5 s`. */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1).replace(/\.0$/, '')} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
