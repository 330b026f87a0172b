// Small text helpers for what the CLI prints: counts in words, text from a server made safe for a terminal,
// and arguments quoted so a printed command can be pasted back into a shell.

/** `1 session`, `2 sessions`, `0 sessions`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// Bidirectional embeddings, overrides and isolates: invisible, they reorder what a reader sees (U+202E makes
// `txt.exe` look like `exe.txt`), so server text never carries them into output either.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a server (titles, error details) with control characters (C0, DEL, C1) and bidi controls replaced,
 * so it cannot drive a terminal or disguise itself.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, ' ');
}

/**
 * One argument as a POSIX shell word that reads back as exactly `arg`: bare when it has only characters no shell
 * treats specially, else in single quotes. An argument with control characters is written in `$'…'` form with
 * escapes (bash, zsh, ksh), so printing the command never sends a control character to the terminal.
 */
export function shellQuote(arg: string): string {
  if (/^[\w@%+:,./-][\w@%+=:,./-]*$/.test(arg)) return arg;
  if (arg.search(CONTROL) === -1) return `'${arg.replaceAll("'", `'\\''`)}'`;
  const escaped = arg.replace(/[\\']/g, '\\$&').replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x80
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return `$'${escaped}'`;
}

/**
 * Multi-line text from a server (an answer, a tool's output) as lines made safe for a terminal: line breaks
 * kept as lines, every other control character replaced as {@link printable} does.
 */
export function printableLines(text: string): string[] {
  return text.split(/\r?\n/).map(printable);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `\u202e`: a character written as the escape a reader can see, and JSON or JavaScript reads back. */
const asEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Streamed text from a server written to a pipe or file (an answer, as it arrives): line breaks and tabs kept,
 * carriage returns dropped, and every other control character shown as its `\uXXXX` escape instead of raw, so
 * the text cannot drive the terminal it is later shown on, and nothing vanishes without a trace.
 */
export function pipeText(text: string): string {
  return text.replaceAll('\r', '').replace(CONTROL_BUT_LAYOUT, asEscape);
}

// What JSON.stringify leaves raw inside strings and a terminal or editor still acts on: DEL, C1 controls, the
// bidi controls, and the line and paragraph separators. Outside strings JSON text has none of them.
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `value` as JSON text with every control character escaped as `\uXXXX`: it parses back to the same value. */
export function jsonText(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  return text === undefined ? 'null' : text.replace(RAW_IN_JSON, asEscape);
}

/**
 * Streamed text from a server (an answer, as it arrives) made safe for a terminal: line breaks and tabs kept,
 * carriage returns dropped (so nothing printed can be overwritten), every other control character replaced.
 * Works piece by piece: an escape sequence split between two pieces is broken either way.
 */
export function terminalText(text: string): string {
  return text.replaceAll('\r', '').replace(CONTROL_BUT_LAYOUT, ' ');
}

/** `text`, cut to `max` characters with an ellipsis when longer. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `1,523`: a count as a reader takes it in at a glance. */
export const count = (n: number) => n.toLocaleString('en-US');
