// Help text that several commands print, one line per item (wrapped to the terminal as it is written, see
// output/wrap.ts), and the integer parsers behind their flags.
import { InvalidArgumentError } from 'commander';

/** After every command's options: what each exit code means. */
export const EXIT_CODES = `Exit codes:
  0    done (or the reader went away, as with | head)
  1    an API or network error (no such session included), or the built-in mock could not start
  2    a usage or configuration error; nothing was sent
  130  interrupted (Ctrl-C)
  143  stopped by SIGTERM`;

/** `chat`'s exit codes: what "done" and "failed" mean for a turn. */
export const CHAT_EXIT_CODES = `Exit codes:
  0    the turn ended (or the reader went away, as with | head); in a conversation, you left it (/exit, Ctrl-D, Ctrl-C at an empty prompt)
  1    the turn failed (a stop with is_error) or was cut off, an API or network error (no such session included), or the built-in mock could not start
  2    a usage or configuration error; nothing was sent
  130  interrupted (Ctrl-C); the connection is closed
  143  stopped by SIGTERM; the connection is closed`;

/** Where requests go, said in every command's description. */
export const SERVER_NOTE =
  'Sends requests to LLAMA_CLOUD_BASE_URL if set, else to the real API when LLAMA_CLOUD_API_KEY is set, ' +
  'else (or with --mock) to a built-in mock of the API.';

/** A parser for a whole-number flag from `min` to `max`, with a message that says what was expected. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `expected a whole number of at least ${min}.`
          : `expected a whole number from ${min} to ${max}.`,
      );
    }
    return n;
  };
}

/** A repeatable option's values, in order (`--index a --index b`); unlike `<id...>`, it never takes an argument. */
export const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
