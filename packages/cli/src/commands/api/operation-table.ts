// `api` alone: every operation of the spec, one line each (method, path, operationId, the client's name and the
// summary), in columns; on a terminal the summary is cut to fit its width.
import type { CatalogEntry } from '@llamacloud-chat/client/catalog';
import { clip, printable } from '../../output/text.js';

const HEADINGS = ['METHOD', 'PATH', 'OPERATION', 'NAME', 'SUMMARY'];

/** The table's lines; `columns` is the terminal's width, or undefined when not writing to one. */
export function operationTable(entries: readonly CatalogEntry[], columns: number | undefined): string[] {
  const rows = entries.map((entry) =>
    [entry.method, entry.path, entry.operationId, entry.sdkName, entry.summary].map(printable),
  );
  const widths = HEADINGS.slice(0, -1).map((heading, i) =>
    Math.max(heading.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) => {
    const lead = cells
      .slice(0, -1)
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ');
    const last = cells.at(-1) ?? '';
    const room = columns === undefined ? Number.POSITIVE_INFINITY : columns - lead.length - 2;
    return `${lead}  ${room >= 8 ? clip(last, room) : ''}`.trimEnd();
  };
  return [line(HEADINGS), ...rows.map(line)];
}
