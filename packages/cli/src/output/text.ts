// Small text helpers for what the CLI prints: counts in words, text from a server made safe for a terminal,
// and arguments quoted so a printed command can be pasted back into a shell.

/** `1 session`, `2 sessions`, `0 sessions`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text from a server (titles, error details) with control characters replaced, so it cannot drive a terminal. */
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
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

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
