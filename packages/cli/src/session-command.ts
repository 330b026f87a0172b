// What every sessions command shares: the server it talks to (and the notice when that is the built-in mock),
// one client, and how a failure is reported: one line on stderr and the exit code.
import LlamaCloud, { ClientConfigError, InvalidRequestError, NotFoundError } from '@llamacloud-chat/client';
import { ConfigError } from './errors.js';
import { commandLine } from './invocation.js';
import { type CliIO, ExitCode } from './io.js';
import { resolveTarget, type Target } from './target.js';
import { printable } from './text.js';

export interface CommandContext extends CliIO {
  /** The arguments as typed (without the command), for the hints. */
  argv: readonly string[];
  /** The command that runs this CLI where the user is, for the hints. */
  command: string;
}

/** Where the notice about the built-in mock sends a user who wants the real API. */
export const REAL_BASE_URL = 'https://api.cloud.llamaindex.ai';

/** A line on stderr. */
export const logTo = (context: CliIO) => (line: string) => context.stderr.write(`${line}\n`);

/**
 * Says on stderr that the built-in mock answers, and how to run `args` against the real API instead
 * (`purpose`: "To list real sessions").
 */
export function announceMock(
  target: Target,
  context: CommandContext,
  purpose: string,
  args: readonly string[],
): void {
  if (!target.mock) return;
  const log = logTo(context);
  log(
    `Using the built-in mock of openapi/openapi.yaml at ${target.baseUrl}, because LLAMA_CLOUD_BASE_URL is not set.`,
  );
  log(`${purpose}, export LLAMA_CLOUD_API_KEY=<your key> and run:`);
  log(`  ${commandLine(context.command, args, { LLAMA_CLOUD_BASE_URL: REAL_BASE_URL })}`);
}

/** A session id as the CLI prints it: quoted, with no control character left to reach the terminal. */
export const quoteId = (id: string) => printable(JSON.stringify(id));

/**
 * Reports `error` on stderr and returns the exit code: 0 when the reader went away (EPIPE), 130 after Ctrl-C,
 * 2 for what the user must fix before anything is sent, 1 for the rest (API and network errors). A 404 for
 * `sessionId` says there is no such session, keeping the client's detail.
 */
export function reportFailure(
  error: unknown,
  context: CliIO,
  sessionId?: string,
): (typeof ExitCode)[keyof typeof ExitCode] {
  const log = logTo(context);
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') return ExitCode.ok; // the reader went away (| head)
  if (context.signal?.aborted) {
    log('Interrupted.');
    return ExitCode.interrupted;
  }
  if (error instanceof ConfigError) {
    log(`error: ${error.message}`);
    return ExitCode.usage;
  }
  const message = printable(error instanceof Error ? error.message : String(error));
  if (error instanceof NotFoundError && sessionId !== undefined) {
    log(`error: no chat session ${quoteId(sessionId)} (${message})`);
    return ExitCode.failed;
  }
  log(`error: ${message}`);
  if (error instanceof ClientConfigError) {
    log(
      'Check LLAMA_CLOUD_BASE_URL and LLAMA_CLOUD_API_KEY, or unset LLAMA_CLOUD_BASE_URL to use the built-in mock.',
    );
    return ExitCode.usage;
  }
  if (error instanceof InvalidRequestError) return ExitCode.usage; // nothing was sent; the arguments need fixing
  return ExitCode.failed;
}

export interface ClientOptions {
  maxRetries?: number | undefined;
}

/** A client for `target`, with the key passed explicitly (never read from process.env). */
export function clientFor(target: Target, options: ClientOptions = {}): LlamaCloud {
  return new LlamaCloud({ baseUrl: target.baseUrl, apiKey: target.apiKey, maxRetries: options.maxRetries });
}

/**
 * Runs `body` against the configured server (or the built-in mock, announced with `purpose` and `mockArgs`),
 * reports any failure, and stops the mock whatever happens. Returns the exit code.
 */
export async function withTarget(
  context: CommandContext,
  how: { purpose: string; mockArgs?: readonly string[]; sessionId?: string },
  body: (target: Target) => Promise<number>,
): Promise<number> {
  let target: Target | undefined;
  try {
    target = await resolveTarget(context.env);
    announceMock(target, context, how.purpose, how.mockArgs ?? context.argv);
    return await body(target);
  } catch (error) {
    return reportFailure(error, context, how.sessionId);
  } finally {
    await target?.close();
  }
}
