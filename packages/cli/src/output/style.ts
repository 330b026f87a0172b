// Bold and colour for what a person reads on a terminal, and nothing at all under NO_COLOR, on a dumb terminal
// or into a pipe. Styles are applied line by line, so none runs across a line break.
import { styleText } from 'node:util';
import type { Output } from '../io.js';

type Format = Parameters<typeof styleText>[0];

export interface Style {
  /** `text` in `format` (one SGR style or several), or `text` as it is when colour is off. */
  (format: Format, text: string): string;
  readonly enabled: boolean;
}

/** Whether `stream` gets colour: a terminal, not a dumb one, and no NO_COLOR (https://no-color.org). */
export function colourOn(stream: Output, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

/** The style for text written to `stream`. */
export function styleFor(stream: Output, env: Readonly<Record<string, string | undefined>>): Style {
  return makeStyle(colourOn(stream, env));
}

export function makeStyle(enabled: boolean): Style {
  const style = (format: Format, text: string) =>
    enabled
      ? text
          .split('\n')
          .map((line) => (line ? styleText(format, line, { validateStream: false }) : line))
          .join('\n')
      : text;
  return Object.assign(style, { enabled });
}

/** No styling: for pipes, and for tests of the words alone. */
export const plain = makeStyle(false);
