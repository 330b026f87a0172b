// Running the CLI's bin in a pseudo-terminal (@lydell/node-pty), as a person at a terminal runs it: what they
// type goes in as keystrokes, what they see comes back as the screen's text. The pty is killed when the test
// ends, whatever happens.

import { stripVTControlCharacters } from 'node:util';
import pty from '@lydell/node-pty';
import { onTestFinished } from 'vitest';
import { bin, processEnv } from './harness.js';

export interface Terminal {
  /** Types `text` (`\r` is Enter, `\u0003` Ctrl-C, `\u0004` Ctrl-D). */
  type(text: string): void;
  /** Everything shown so far, without escape sequences or carriage returns. */
  screen(): string;
  /** What was shown after the `mark` a previous call to mark() returned. */
  since(mark: number): string;
  /** A position in the screen, for since(). */
  mark(): number;
  /** Resolves once the screen (after `mark`) matches `pattern`; rejects with the screen after `timeoutMs`. */
  waitFor(pattern: RegExp, mark?: number, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number>;
  /** Sends `signal` to the process (the shell that set the width has become it). */
  kill(signal: NodeJS.Signals): void;
  /** How many bytes the terminal was sent so far, escape sequences included. */
  bytes(): number;
  /** Everything the terminal was sent, escape sequences included. */
  raw(): string;
}

/**
 * A person's terminal: none of the CI runner's variables this process inherited, which turn the spinner off (ora
 * follows is-in-ci); a test that wants it off says so in `env` (CI: '1').
 */
function terminalEnv(env: Record<string, string>): Record<string, string> {
  const inherited = Object.entries(processEnv({ TERM: 'xterm-256color' }) as Record<string, string>).filter(
    ([name]) => name !== 'CI' && name !== 'CONTINUOUS_INTEGRATION' && !name.startsWith('CI_'),
  );
  return { ...Object.fromEntries(inherited), ...env };
}

/**
 * Starts the bin with `args` in an 80×30 pseudo-terminal, as a person's terminal, with only `env` of LLAMA_CLOUD_*
 * set. `reportedColumns` sets the width the terminal then reports (through `stty`, as a serial console reporting 0
 * columns would).
 */
export function startInTerminal(
  args: string[],
  env: Record<string, string> = {},
  reportedColumns?: number,
): Terminal {
  const [file, argv] =
    reportedColumns === undefined
      ? [process.execPath, [bin, ...args]]
      : ['/bin/sh', ['-c', `stty cols ${reportedColumns} && exec "$0" "$@"`, process.execPath, bin, ...args]];
  const child = pty.spawn(file, argv, {
    cols: 80,
    rows: 30,
    env: terminalEnv(env),
  });
  let raw = '';
  let done = false;
  child.onData((data) => {
    raw += data;
  });
  const exited = new Promise<number>((resolve) =>
    child.onExit(({ exitCode }) => {
      done = true;
      resolve(exitCode);
    }),
  );
  onTestFinished(async () => {
    if (!done) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const screen = () => stripVTControlCharacters(raw).replaceAll('\r', '');
  return {
    type: (text) => child.write(text),
    screen,
    mark: () => screen().length,
    since: (mark) => screen().slice(mark),
    exited,
    kill: (signal) => child.kill(signal),
    bytes: () => Buffer.byteLength(raw),
    raw: () => raw,
    async waitFor(pattern, mark = 0, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const shown = screen().slice(mark);
        if (pattern.test(shown)) return shown;
        if (Date.now() > deadline || done) {
          throw new Error(`the terminal never showed ${pattern}; it shows:\n${shown}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
