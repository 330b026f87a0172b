// How a failed command is told: one line on stderr, worded for someone at a shell, and the exit code. The
// client's errors are precise but speak of requests; here a network failure names the host it tried and says
// what to do, and a rejected key says which variable holds it.
import {
  AuthenticationError,
  ClientConfigError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
} from '@llamacloud-chat/client';
import { TargetConfigError } from '@llamacloud-chat/mock/target';
import { ConfigError } from './errors.js';
import { type CliIO, ExitCode } from './io.js';
import { MOCK_FORGETS } from './mock-notes.js';
import { printable } from './output/text.js';
import { forPerson } from './output/wrap.js';

/** A line on stderr, for a person: wrapped to the terminal's width when stderr is one. */
export const logTo = (context: CliIO) => (line: string) =>
  context.stderr.write(`${forPerson(context.stderr, line)}\n`);

/** A session id as the CLI prints it: quoted, with no control character left to reach the terminal. */
export const quoteId = (id: string) => printable(JSON.stringify(id));

/**
 * Reports `error` on stderr and returns the exit code: 0 when the reader went away (EPIPE), 130 after Ctrl-C,
 * 2 for what the user must fix before anything is sent, 1 for the rest (API and network errors). A 404 for
 * `sessionId` says there is no such session, keeping the client's detail. `baseUrl` is where requests went.
 */
export function reportFailure(
  error: unknown,
  context: CliIO,
  where: {
    sessionId?: string | undefined;
    baseUrl?: string | undefined;
    /** The session's id is one the built-in mock makes, and the built-in mock answered. */
    forgotten?: boolean;
  } = {},
): (typeof ExitCode)[keyof typeof ExitCode] {
  const log = logTo(context);
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') return ExitCode.ok; // the reader went away (| head)
  if (context.signal?.aborted) {
    log('Interrupted.');
    return ExitCode.interrupted;
  }
  if (error instanceof ConfigError || error instanceof TargetConfigError) {
    log(`error: ${error.message}`);
    return ExitCode.usage;
  }
  log(`error: ${failureLine(error, where)}`);
  if (error instanceof NotFoundError && where.forgotten) log(MOCK_FORGETS);
  if (error instanceof ClientConfigError) {
    log(
      'Check LLAMA_CLOUD_BASE_URL and LLAMA_CLOUD_API_KEY, or unset LLAMA_CLOUD_BASE_URL to use the built-in mock.',
    );
    return ExitCode.usage;
  }
  if (error instanceof InvalidRequestError) return ExitCode.usage; // nothing was sent; the arguments need fixing
  return ExitCode.failed;
}

/** The one line (after `error: `) that tells `error`. */
export function failureLine(
  error: unknown,
  where: { sessionId?: string | undefined; baseUrl?: string | undefined } = {},
): string {
  const message = printable(error instanceof Error ? error.message : String(error));
  if (error instanceof NotFoundError && where.sessionId !== undefined) {
    return `no chat session ${quoteId(where.sessionId)} (${message})`;
  }
  if (error instanceof AuthenticationError) return `${message} (check LLAMA_CLOUD_API_KEY)`;
  if (error instanceof ConnectionError) return connectionLine(error, where.baseUrl);
  return message;
}

/**
 * `could not reach api.cloud.llamaindex.ai: the host name was not found (ENOTFOUND). …`: the host, what went
 * wrong in words, and what to check. fetch's own reason is a code or a terse phrase one level down its causes.
 */
function connectionLine(error: ConnectionError, baseUrl: string | undefined): string {
  const url = parseUrl(baseUrl);
  const host = url ? printable(url.host) : 'the API';
  const tried = error.attempts > 1 ? ` (${error.attempts} attempts)` : '';
  const inner = (error.cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof inner?.code === 'string' ? inner.code : undefined;
  const reason = typeof inner?.message === 'string' ? inner.message : '';
  const fix = 'Check the network and LLAMA_CLOUD_BASE_URL.';
  if (reason === 'bad port') {
    const port = url?.port || '(default)';
    return (
      `could not reach ${host}${tried}: port ${port} is one that fetch refuses to use, because it belongs to ` +
      'another protocol (fetch calls it a "bad port"). Serve the API on another port and point ' +
      'LLAMA_CLOUD_BASE_URL at it.'
    );
  }
  const words: Record<string, string> = {
    ENOTFOUND: 'the host name was not found',
    EAI_AGAIN: 'the host name could not be looked up just now',
    ECONNREFUSED: 'nothing is listening there (connection refused)',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
  };
  const what = code
    ? `${words[code] ?? 'the connection failed'} (${code})`
    : printable(reason || 'fetch failed');
  const uncertain = error.uncertain && error.uncertainOutcome ? ` ${printable(error.uncertainOutcome)}` : '';
  return `could not reach ${host}${tried}: ${what}.${uncertain} ${fix}`;
}

function parseUrl(text: string | undefined): URL | undefined {
  try {
    return text === undefined ? undefined : new URL(text);
  } catch {
    return undefined;
  }
}
