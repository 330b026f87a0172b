// Lines written for a person (notices, banners, errors, help), fitted to the terminal they are shown on: wrapped
// at word boundaries to its width, each continuation under where its line's text starts (a hanging indent for
// "  130  interrupted …" and "  --flag  what it does"). Not on a terminal (a pipe, a file), the text is left as it
// is, one line per line, for whoever reads or greps it. The measuring and breaking (escape sequences and wide
// characters included) is wrap-ansi's.
import wrapAnsi from 'wrap-ansi';
import type { Output } from '../io.js';
import { usableColumns } from '../terminal-width.js';

/** Leading spaces, then (in a two-column line) a term up to the first run of two or more spaces. */
const HANGING = /^( *)(?:\S.*? {2,}(?=\S))?/;

/** `text` with each line longer than `columns` wrapped at word boundaries (a longer word is broken). */
export function wrapLines(text: string, columns: number): string {
  return text
    .split('\n')
    .map((line) => {
      // A line that fits is left exactly as it is (another formatter's indentation included).
      if (!wrapAnsi(line, columns, { hard: true, trim: false }).includes('\n')) return line;
      const [hang = '', leading = ''] = HANGING.exec(line) ?? [];
      // A hanging indent that would leave too little room falls back to the line's own indent.
      const indent =
        hang.length <= columns / 2 ? hang.length : leading.length <= columns / 2 ? leading.length : 0;
      const wrapped = wrapAnsi(line.slice(indent), columns - indent, { hard: true, trim: true });
      return wrapped
        .split('\n')
        .map((part, i) => (i === 0 ? line.slice(0, indent) : ' '.repeat(indent)) + part)
        .join('\n');
    })
    .join('\n');
}

/** `text` as it is written to `stream`: wrapped to the terminal's width on a terminal, else as it is. */
export function forPerson(stream: Output, text: string): string {
  return stream.isTTY ? wrapLines(text, usableColumns(stream.columns)) : text;
}
