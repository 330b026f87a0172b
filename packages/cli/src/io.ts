// What the CLI is given by whoever runs it: streams, environment, a signal. main.ts passes the process's own;
// tests pass in-memory streams and an environment of their choosing.
import type { Readable, Writable } from 'node:stream';

/** An output stream and the terminal facts about it (a TTY's `isTTY` and `columns`). */
export type Output = Writable & { isTTY?: boolean; columns?: number };

/** An input stream and whether it is a terminal (a person who can answer a question). */
export type Input = Readable & { isTTY?: boolean };

export interface CliIO {
  stdout: Output;
  stderr: Output;
  /** Where a confirmation is read from; only a terminal is asked (`sessions delete`). */
  stdin: Input;
  /** The environment to read LLAMA_CLOUD_* and the launcher's LLAMACLOUD_CHAT_COMMAND from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Aborting it stops the command at once (Ctrl-C, SIGTERM); the run then returns 130. */
  signal?: AbortSignal;
  /** The `fetch` the client sends with (a test's, to see the URL without sending anything); default the global. */
  fetch?: typeof globalThis.fetch;
}

/** Exit codes, as documented in the usage text and the README. */
export const ExitCode = {
  /** Done (or the reader went away, as with `| head`). */
  ok: 0,
  /** An API or network error, or the built-in mock could not start. */
  failed: 1,
  /** A usage or configuration error the user must fix; nothing was sent. */
  usage: 2,
  /** Interrupted (Ctrl-C, SIGINT). */
  interrupted: 130,
  /** Stopped by SIGTERM. */
  terminated: 143,
} as const;
