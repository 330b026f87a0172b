// `pnpm mock`: the built-in mock on 127.0.0.1 and a given port until Ctrl-C (SIGINT) or SIGTERM, for apps to
// point at while the real API is out of reach.
import { parseArgs } from 'node:util';
import type { RunningMock } from './start-mock.js';

export const DEFAULT_PORT = 4010;

/**
 * Exit codes once stopped: 130 after Ctrl-C (SIGINT), as the CLI's, and what a shell reports for it anyway;
 * 0 after SIGTERM, the stop a supervisor (`kill`, `docker stop`) asks for, which is no failure.
 */
const EXIT_CODE = { SIGINT: 130, SIGTERM: 0 } as const;

export const USAGE = `Usage: pnpm mock [--port <n>]

Serves the built-in mock of openapi/openapi.yaml on 127.0.0.1 until Ctrl-C.

Options:
  --port <n>   the port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  -h, --help   show this help
`;

/** Runs the command with the given arguments. Sets `process.exitCode` on failure: 2 for usage, 1 otherwise. */
export async function serveStandalone(argv: readonly string[]): Promise<void> {
  let port: number;
  try {
    const { values } = parseArgs({
      // `pnpm mock -- --port 1` passes the `--` on.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return;
    }
    port = parsePort(values.port);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  let mock: RunningMock;
  try {
    // Loaded only now, so --help and a usage error answer at once instead of after Prism's modules load.
    const { startMock } = await import('./start-mock.js');
    mock = await startMock({ port });
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
      `  curl -H 'Authorization: Bearer any-key' ${mock.url}/api/v1/chat\n` +
      `  page_token: ${mock.pageTokens.join(', ')}; any other gets a 422\n`,
  );
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw new Error(`--port must be an integer from 0 to 65535, got ${value}`);
  return port;
}

/** One line: why the mock could not start, and what to do about it. */
function whyNotStarted(error: unknown, port: number): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'EADDRINUSE')
    return `port ${port} on 127.0.0.1 is already in use; stop what is using it or pick another with --port <n>`;
  if (code === 'EACCES')
    return `not allowed to listen on port ${port}; pick a port above 1023 with --port <n>`;
  const text = typeof message === 'string' ? message : String(error);
  return `the mock could not start: ${text.replace(/\s+/g, ' ').trim()}`;
}
