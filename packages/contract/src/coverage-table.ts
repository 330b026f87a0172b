// The coverage table: every operation of the spec × every status it declares, whether the suite saw that answer,
// and for a streamed operation which of the spec's event types it saw. Pure: the reporter prints what this makes.
import type { CatalogEntry } from '@llamacloud-chat/client/catalog';
import type { Seen } from './coverage.js';

export interface Coverage {
  /** The table's lines. */
  lines: string[];
  /** `operationId status` of each declared answer never seen. */
  missing: string[];
}

/** The event types the spec names for an operation's stream (its discriminator's mapping), or none. */
function eventTypesOf(entry: CatalogEntry): string[] {
  const mapping = (entry.schemas.event?.discriminator as { mapping?: Record<string, unknown> } | undefined)
    ?.mapping;
  return Object.keys(mapping ?? {});
}

export function coverageTable(entries: readonly CatalogEntry[], seen: readonly Seen[]): Coverage {
  const rows: string[][] = [['OPERATION', 'STATUS', 'SEEN', 'EVENT TYPES']];
  const missing: string[] = [];
  for (const entry of entries) {
    for (const status of entry.statuses) {
      const answers = seen.filter((s) => s.operationId === entry.operationId && String(s.status) === status);
      if (answers.length === 0) missing.push(`${entry.operationId} ${status}`);
      const known = eventTypesOf(entry);
      const events =
        known.length > 0 && status.startsWith('2')
          ? known
              .map((type) => (answers.some((a) => a.events.includes(type)) ? type : `${type} (never)`))
              .join(', ')
          : '';
      rows.push([entry.operationId, status, answers.length === 0 ? 'NEVER' : `${answers.length}×`, events]);
    }
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  const lines = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  return { lines, missing };
}
