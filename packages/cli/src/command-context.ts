// What every command shares: the run it belongs to (streams, environment, how it was invoked), the server it talks
// to (and the notice when that is the built-in mock), and one client for it.
import LlamaCloud from '@llamacloud-chat/client';
import { resolveTarget, type Target } from '@llamacloud-chat/mock/target';
import { logTo, reportFailure } from './failure.js';
import { commandLine } from './invocation.js';
import type { CliIO } from './io.js';
import { spinner } from './output/spinner.js';

export interface CommandContext extends CliIO {
  /** The arguments as typed (without the command), for the hints. */
  argv: readonly string[];
  /** The command that runs this CLI where the user is, for the hints. */
  command: string;
  /** Sets the run's exit code: every command's action ends with it. */
  exit(code: number): void;
}

/** The flags every command that sends a request takes (declared once, in commands/shared-flags.ts). */
export interface SharedOptions {
  projectId?: string;
  organizationId?: string;
  maxRetries?: number;
  /** `--mock`: the built-in mock, whatever the environment says. */
  mock?: boolean;
}

/** The query every operation takes; unset options are left out of the URL. */
export function scope(options: SharedOptions) {
  return { project_id: options.projectId, organization_id: options.organizationId };
}

/**
 * Says on stderr that the built-in mock answers. When it answers because nothing else was configured, it also
 * says how to run `args` against the real API: with the key exported, the same command (less `--mock`).
 */
export function announceMock(
  target: Target,
  context: CommandContext,
  purpose: string,
  args: readonly string[],
): void {
  if (!target.mock) return;
  const log = logTo(context);
  const where = `Using the built-in mock of openapi/openapi.yaml at ${target.baseUrl}`;
  if (target.source === 'mock-flag') {
    log(`${where} (--mock).`);
    return;
  }
  log(`${where}, because neither LLAMA_CLOUD_API_KEY nor LLAMA_CLOUD_BASE_URL is set.`);
  log(`${purpose}, export LLAMA_CLOUD_API_KEY=<your key> and run:`);
  log(`  ${commandLine(context.command, withoutMockFlag(args))}`);
}

/** `args` without `--mock` (before any `--`). */
export function withoutMockFlag(args: readonly string[]): string[] {
  const end = args.indexOf('--');
  return args.filter((arg, i) => (end !== -1 && i >= end) || arg !== '--mock');
}

/** A client for `target`, with the key passed explicitly (never read from process.env). */
export function clientFor(target: Target, options: SharedOptions, io: CliIO): LlamaCloud {
  return new LlamaCloud({
    baseUrl: target.baseUrl,
    apiKey: target.apiKey,
    maxRetries: options.maxRetries,
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
}

/** Resolves the target for `options`, with a spinner on stderr while the built-in mock starts. */
export async function startTarget(context: CommandContext, options: SharedOptions): Promise<Target> {
  const waiting = spinner(context.stderr, context.env, 'Starting the built-in mock…');
  try {
    return await resolveTarget(context.env, options.mock === true, () => waiting.start());
  } finally {
    waiting.stop();
  }
}

/**
 * Runs `body` against the configured server (or the built-in mock, announced with `purpose` and `mockArgs`),
 * reports any failure, and stops the mock whatever happens. Returns the exit code.
 */
export async function withTarget(
  context: CommandContext,
  options: SharedOptions,
  how: { purpose: string; mockArgs?: readonly string[]; sessionId?: string },
  body: (target: Target) => Promise<number>,
): Promise<number> {
  let target: Target | undefined;
  try {
    target = await startTarget(context, options);
    announceMock(target, context, how.purpose, how.mockArgs ?? context.argv);
    return await body(target);
  } catch (error) {
    return reportFailure(error, context, {
      sessionId: how.sessionId,
      baseUrl: target?.baseUrl,
      forgotten: how.sessionId !== undefined && target?.madeByMock?.(how.sessionId) === true,
    });
  } finally {
    await target?.close();
  }
}
