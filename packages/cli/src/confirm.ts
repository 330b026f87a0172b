// Asking the person at the terminal a yes/no question, with node:readline.
import { createInterface } from 'node:readline/promises';
import type { Input, Output } from './io.js';

/**
 * Asks `question` on `output` and reads one line from `input`; true only for `y` or `yes` (any case). No answer
 * (Enter, end of input) is no. Aborting `signal` (Ctrl-C) rejects with an AbortError.
 *
 * readline runs with `terminal: false`: the terminal stays in its normal line mode, so it echoes and edits the
 * line itself, and Ctrl-C reaches the process as SIGINT, handled like everywhere else in the CLI.
 */
export async function confirm(
  question: string,
  io: { input: Input; output: Output; signal?: AbortSignal | undefined },
): Promise<boolean> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  try {
    const answer = await new Promise<string | null>((resolve, reject) => {
      rl.once('close', () => resolve(null));
      rl.question(question, io.signal ? { signal: io.signal } : {}).then(resolve, reject);
    });
    // At the end of input the cursor is still after the question; what follows starts on a line of its own.
    if (answer === null) io.output.write('\n');
    return /^y(es)?$/i.test(answer?.trim() ?? '');
  } finally {
    rl.close();
  }
}
