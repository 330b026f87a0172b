// The mock's clock and the order of sessions: `last_updated_at` comes in several ISO 8601 forms (with or
// without a UTC offset, with 0 to 6 fractional digits), so sessions are ordered by the instant it names, to
// the microsecond, not by its text.

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The instant a `last_updated_at` names, in microseconds since the epoch. A value without an offset is read as
 * UTC, as the API sends it. Anything else is NaN, which orders after every real instant (oldest).
 */
export function instantOf(timestamp: unknown): number {
  const match = typeof timestamp === 'string' ? ISO.exec(timestamp) : null;
  if (!match) return Number.NaN;
  const [, seconds, fraction = '', offset = 'Z'] = match;
  const ms = Date.parse(`${seconds}${offset.toUpperCase()}`);
  return ms * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** An instant in microseconds as RFC 3339 UTC with six fractional digits: `2026-12-02T20:40:00.123456Z`. */
export function formatInstant(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString(); // …T20:40:00.123Z
  return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}
