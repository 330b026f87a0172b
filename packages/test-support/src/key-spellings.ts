// For the tests of every package that shows a server's words to a person. The ways a server can spell the API key back: as it is, and with JSON escapes (every character, in lower- or
// upper-case hex, or only the first), and a check that a printed value shows none of them.
import { inspect } from 'node:util';

/** `text` with every character written as a JSON `\uXXXX` escape, in lower-case hex. */
export const escapedAll = (text: string) =>
  [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
/** The same, in upper-case hex. */
export const escapedUpper = (text: string) => escapedAll(text).replace(/[a-f]/g, (hex) => hex.toUpperCase());
/** Only the first character escaped: enough to hide it from a text search. */
export const escapedFirst = (text: string) => `${escapedAll(text.slice(0, 1))}${text.slice(1)}`;

/** Each spelling of `key`, named. */
export const spellingsOf = (key: string): [string, string][] => [
  ['as it is', key],
  ['every character \\u-escaped', escapedAll(key)],
  ['every character \\U-escaped in upper-case hex', escapedUpper(key)],
  ['the first character \\u-escaped', escapedFirst(key)],
];

/** `text` with its `\uXXXX` escapes decoded, as a reader of it would decode them. */
export const unescaped = (text: string) =>
  text.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** Whether `text` shows `key`, spelled out or with escapes. */
export const showsIn = (text: string, key: string) => unescaped(text).includes(key);

/** Every way a caller prints an error: its message, String(), its stack, util.inspect and JSON.stringify. */
export function printed(value: unknown): string[] {
  const error = value as Error;
  return [
    String(error?.message),
    String(value),
    String(error?.stack),
    inspect(value, { depth: 20, showHidden: true }),
    JSON.stringify(value) ?? '',
  ];
}
