// `pnpm mock`: the built-in mock on 127.0.0.1 and a given port until Ctrl-C (SIGINT) or SIGTERM, for apps to
// point at while the real API is out of reach.
import { parseArgs } from 'node:util';
import { DEFAULT_STREAM_GAP_MS } from './event-stream.js';
import type { RunningMock } from './start-mock.js';

export const DEFAULT_PORT = 4010;

/** The most `--stream-gap` takes: a minute between events is already no stream to watch. */
const MAX_STREAM_GAP_MS = 60_000;

/**
 * Exit codes once stopped: 0 after Ctrl-C (SIGINT) or SIGTERM. Both are how a server is meant to stop, no
 * failure, so whatever runs it (pnpm, a supervisor, a shell's `&&`) reports none.
 */
const EXIT_CODE = { SIGINT: 0, SIGTERM: 0 } as const;

export const USAGE = `Usage: pnpm mock [--port <n>] [--stream-gap <ms>] [--state <file>]

Serves the built-in mock of openapi/openapi.yaml on 127.0.0.1 until Ctrl-C, one line per request on stderr.

Options:
  --port <n>          the port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --stream-gap <ms>   the wait between two events of a streamed chat turn (default ${DEFAULT_STREAM_GAP_MS}; 0 for none)
  --state <file>      keep the sessions in this JSON file across restarts (default: in memory only)
  -h, --help          show this help
`;

/** Runs the command with the given arguments. Sets `process.exitCode` on failure: 2 for usage, 1 otherwise. */
export async function serveStandalone(argv: readonly string[]): Promise<void> {
  let port: number;
  let streamGapMs: number;
  let state: string | undefined;
  try {
    const { values } = parseArgs({
      // `pnpm mock -- --port 1` passes the `--` on.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      options: {
        port: { type: 'string' },
        'stream-gap': { type: 'string' },
        state: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return;
    }
    port = parsePort(values.port);
    streamGapMs = parseStreamGap(values['stream-gap']);
    state = values.state;
    if (state === '') throw new Error('--state needs a file name');
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  let mock: RunningMock;
  try {
    // Loaded only now, so --help and a usage error answer at once instead of after the mock's modules load.
    const { startMock } = await import('./start-mock.js');
    mock = await startMock({ port, streamGapMs, state, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    process.stderr.write(`error: ${whyNotStarted(error, port)}\n`);
    process.exitCode = 1;
    return;
  }

  let stopping: keyof typeof EXIT_CODE | undefined;
  const stop = (signal: keyof typeof EXIT_CODE) => {
    // A second signal (a second Ctrl-C, or one a wrapper forwards) does not wait for the first to finish.
    if (stopping) process.exit(EXIT_CODE[stopping]);
    stopping = signal;
    void mock.close().then(
      () => {
        process.stdout.write(`Stopped the mock (${signal}).\n`);
        process.exit(EXIT_CODE[signal]);
      },
      (error: unknown) => {
        process.stderr.write(`error: the mock did not close cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  process.stdout.write(
    `Mock of openapi/openapi.yaml listening on ${mock.url} (Ctrl-C to stop)\n` +
      `  sessions: ${state ? `kept in ${state}` : "the spec's examples, kept in memory until it stops"}\n` +
      `  curl -H 'Authorization: Bearer any-key' ${mock.url}/api/v1/chat\n` +
      `  curl -N -H 'Authorization: Bearer any-key' -H 'Content-Type: application/json' ` +
      `-d '{"prompt":"Hi","index_ids":[]}' ${mock.url}/api/v1/chat/ses-abc123/messages/stream\n` +
      `  a chat turn streams its events ${streamGapMs} ms apart; -H 'x-mock-fault: drop-after=3' cuts one off\n`,
  );
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw new Error(`--port must be an integer from 0 to 65535, got ${value}`);
  return port;
}

function parseStreamGap(value: string | undefined): number {
  if (value === undefined) return DEFAULT_STREAM_GAP_MS;
  const gap = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(gap <= MAX_STREAM_GAP_MS))
    throw new Error(`--stream-gap must be an integer from 0 to ${MAX_STREAM_GAP_MS} (ms), got ${value}`);
  return gap;
}

/** One line: why the mock could not start, and what to do about it. */
function whyNotStarted(error: unknown, port: number): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'EADDRINUSE')
    return `port ${port} on 127.0.0.1 is already in use; stop what is using it or pick another with --port <n>`;
  if (code === 'EACCES')
    return `not allowed to listen on port ${port}; pick a port above 1023 with --port <n>`;
  if ((error as Error).name === 'StateFileError') return String(message);
  const text = typeof message === 'string' ? message : String(error);
  return `the mock could not start: ${text.replace(/\s+/g, ' ').trim()}`;
}
