// `api` alone: every operation of the spec, one line each (method, path, operationId, the client's name and the
// summary), in columns. On a terminal the table fits its width: the summary is cut first, then the operationId
// column left out (the client's name calls the same operation), and a line still too long is cut.
import type { CatalogEntry } from '@llamacloud-chat/client/catalog';
import { clip, printable } from '../../output/text.js';

const COLUMNS = ['METHOD', 'PATH', 'OPERATION', 'NAME', 'SUMMARY'] as const;
/** The fewest characters of summary worth showing. */
const MIN_SUMMARY = 12;

/** The table's lines; `width` is the terminal's, or undefined when not writing to one. */
export function operationTable(entries: readonly CatalogEntry[], width: number | undefined): string[] {
  const rows = [
    [...COLUMNS] as string[],
    ...entries.map((entry) =>
      [entry.method, entry.path, entry.operationId, entry.sdkName, entry.summary].map(printable),
    ),
  ];
  const widthOf = (i: number) => Math.max(...rows.map((row) => row[i]?.length ?? 0));
  const leadWidth = (shown: number[]) => shown.reduce((sum, i) => sum + widthOf(i) + 2, 0);
  let shown = [0, 1, 2, 3];
  if (width !== undefined && leadWidth(shown) + MIN_SUMMARY > width) shown = [0, 1, 3];
  const lead = leadWidth(shown);
  return rows.map((row) => {
    const start = shown.map((i) => (row[i] ?? '').padEnd(widthOf(i) + 2)).join('');
    const summary = row[4] ?? '';
    const line = width === undefined ? start + summary : start + clip(summary, Math.max(1, width - lead));
    return (width === undefined ? line : clip(line, width)).trimEnd();
  });
}
