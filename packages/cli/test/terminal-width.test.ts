// What a person reads, on terminals 60 and 80 columns wide (real pseudo-terminals): the built-in mock's notice, the
// chat banner, a transcript's header, a usage error and --help are wrapped at word boundaries, no line wider than
// the terminal and no word cut in two; the streamed table keeps every column where the header put it over four
// pages. In a pipe the same lines are left whole. CI=1 keeps the spinner off the screen, as in CI.
import { describe, expect, it } from 'vitest';
import { bin, runNode } from './harness.js';
import { startInTerminal } from './pty.js';

const QUIET = { CI: '1' };

/** The screen's lines, without the trailing empty one. */
const screenLines = (screen: string) => screen.replace(/\n+$/, '').split('\n');

/**
 * Asserts that `screen` fits `columns`, and that every word of `text` (written as one line) is on it whole: a
 * word cut at the edge would be two pieces, neither of them the word.
 */
function fitsWhole(screen: string, text: string, columns: number): void {
  for (const line of screenLines(screen)) expect(line.length, line).toBeLessThanOrEqual(columns);
  const shown = new Set(screen.split(/\s+/));
  for (const word of text.split(/\s+/).filter(Boolean)) expect(shown, `"${word}" whole`).toContain(word);
}

const NOTICE =
  'Using the built-in mock of openapi/openapi.yaml at URL, because neither LLAMA_CLOUD_API_KEY nor LLAMA_CLOUD_BASE_URL is set.';
const BANNER =
  'Chatting in session ses-abc123. Type a prompt and press Enter; /history shows the transcript so far, /new starts a new session, /exit (or Ctrl-D) leaves.';
const USAGE_ERROR =
  "error: option '--page-size <n>' argument '0' is invalid. expected a whole number of at least 1.";
const EXIT_CODE_1 =
  '1 an API or network error (no such session included), or the built-in mock could not start';

describe.each([60, 80])('on a %i-column terminal', (columns) => {
  it('the mock notice and the create notice wrap at word boundaries', async () => {
    const terminal = startInTerminal(['sessions', 'create'], QUIET, columns);
    expect(await terminal.exited, terminal.screen()).toBe(0);
    const screen = terminal.screen();
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(screen)?.[0] as string;
    fitsWhole(screen, NOTICE.replace('URL', url), columns);
    fitsWhole(
      screen,
      'This session lasts only as long as this command: the built-in mock forgets it at exit.',
      columns,
    );
  });

  it('the chat banner wraps at word boundaries', async () => {
    const terminal = startInTerminal(['chat', 'ses-abc123'], QUIET, columns);
    await terminal.waitFor(/leaves\.\n[\s\S]*> $/, 0, 60_000);
    terminal.type('/exit\r');
    expect(await terminal.exited).toBe(0);
    fitsWhole(terminal.screen(), BANNER, columns);
  });

  it("a transcript's header, the share link included, wraps at word boundaries", async () => {
    // The same header in a pipe, one line, is what the terminal must show whole.
    const piped = await runNode(bin, ['sessions', 'get', 'ses-abc123', '--format', 'transcript']);
    const header = piped.stdout.split('\n').find((line) => line.startsWith('Last updated')) as string;
    expect(header).toContain('share link: ');
    const terminal = startInTerminal(['sessions', 'get', 'ses-abc123'], QUIET, columns);
    expect(await terminal.exited).toBe(0);
    fitsWhole(terminal.screen(), header, columns);
  });

  it('a usage error wraps at word boundaries', async () => {
    const terminal = startInTerminal(['sessions', 'list', '--page-size', '0'], QUIET, columns);
    expect(await terminal.exited).toBe(2);
    fitsWhole(terminal.screen(), USAGE_ERROR, columns);
  });

  it('--help wraps at word boundaries, the exit codes under their meaning', async () => {
    const terminal = startInTerminal(['sessions', 'list', '--help'], QUIET, columns);
    expect(await terminal.exited).toBe(0);
    const screen = terminal.screen();
    fitsWhole(screen, EXIT_CODE_1, columns);
    fitsWhole(screen, 'stop after this many sessions', columns);
  });
});

it('keeps the table columns where the header put them over four pages', async () => {
  const terminal = startInTerminal(['sessions', 'list', '--page-size', '2'], QUIET, 80);
  expect(await terminal.exited).toBe(0);
  const lines = screenLines(terminal.screen());
  const header = lines.findIndex((line) => line.startsWith('LAST UPDATED'));
  const headerLine = lines[header] as string;
  const starts = ['TURNS', 'TOKENS', 'TITLE', 'SESSION ID'].map((name) => headerLine.indexOf(name));
  const rows = lines.slice(header + 1).filter((line) => /^\d{4}-\d{2}-\d{2}/.test(line));
  // The built-in mock's eight example sessions, two a page; their ids are 10 to 13 characters long.
  expect(rows).toHaveLength(8);
  expect(new Set(rows.map((row) => row.slice(starts[3] as number).length)).size).toBeGreaterThan(1);
  for (const row of rows) {
    for (const start of starts) {
      expect(row.slice(start - 2, start), row).toBe('  ');
      expect(row[start], row).not.toBe(' ');
    }
  }
});

describe('in a pipe', () => {
  it('leaves each line whole: the mock notice, a usage error, the exit codes in --help', async () => {
    const create = await runNode(bin, ['sessions', 'create']);
    expect(create.code).toBe(0);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(create.stderr)?.[0] as string;
    expect(create.stderr.split('\n')).toContain(NOTICE.replace('URL', url));

    const usage = await runNode(bin, ['sessions', 'list', '--page-size', '0']);
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')).toContain(USAGE_ERROR);

    const help = await runNode(bin, ['sessions', 'list', '--help']);
    expect(help.stdout.split('\n')).toContain(
      '  1    an API or network error (no such session included), or the built-in mock could not start',
    );
  });
});
