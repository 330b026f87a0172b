// The one place a terminal's width is taken: a width a terminal reports that no one could use (0, as some
// terminals and serial consoles report, a negative or absurd one) is read as 80 columns, for every reader of
// `columns` (the table, help, and the spinner, which would otherwise loop forever clearing "infinite" lines).

/** The width used when a terminal reports none that can be used. */
export const FALLBACK_COLUMNS = 80;

/** Widths outside this range are not a real terminal's. */
const MIN_COLUMNS = 10;
const MAX_COLUMNS = 4096;

/** `columns` when it is a width a terminal can have, else 80. */
export function usableColumns(columns: unknown): number {
  return typeof columns === 'number' &&
    Number.isInteger(columns) &&
    columns >= MIN_COLUMNS &&
    columns <= MAX_COLUMNS
    ? columns
    : FALLBACK_COLUMNS;
}

/**
 * Makes a terminal stream's `columns` always a usable width: what the terminal reports (now and after each
 * resize, which node sets on the stream) is kept, and read through `usableColumns`. Streams that are not
 * terminals are left as they are.
 */
export function fitColumns(stream: { isTTY?: boolean; columns?: number }): void {
  if (!stream.isTTY) return;
  let reported = stream.columns;
  Object.defineProperty(stream, 'columns', {
    configurable: true,
    enumerable: true,
    get: () => usableColumns(reported),
    set: (value: number) => {
      reported = value;
    },
  });
}
