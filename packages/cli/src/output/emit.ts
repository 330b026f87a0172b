// Whole answers of the one-request commands, as they are printed: the API's JSON exactly as it came, or lines.
import type { Output } from '../io.js';
import { pipeWriter } from './pipe-writer.js';
import { jsonText } from './text.js';

/** The object as the API sent it (control characters escaped): pretty JSON, or one NDJSON line. */
export function asJson(value: unknown, format: 'json' | 'ndjson'): string {
  return `${format === 'json' ? jsonText(value, 2) : jsonText(value)}\n`;
}

/** Lines, each ended. */
export const asLines = (text: readonly string[]) => `${text.join('\n')}\n`;

/** Writes to stdout, waiting until it is taken; a reader that went away rejects with EPIPE (exit 0). */
export function emit(stdout: Output, text: string): Promise<void> {
  return pipeWriter(stdout)(text);
}
