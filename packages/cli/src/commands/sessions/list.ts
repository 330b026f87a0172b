// `sessions list`: every session, page by page, through the client's pagination; its flags and its action.
import {
  APIError,
  type ChatListParams,
  LlamaCloudError,
  UnprocessableEntityError,
} from '@llamacloud-chat/client';
import type { Target } from '@llamacloud-chat/mock/target';
import { Command, Option } from 'commander';
import {
  announceMock,
  type CommandContext,
  clientFor,
  type SharedOptions,
  startTarget,
} from '../../command-context.js';
import { logTo, reportFailure } from '../../failure.js';
import { commandLine } from '../../invocation.js';
import { ExitCode } from '../../io.js';
import { progress } from '../../output/progress.js';
import { type Format, sessionWriter } from '../../output/session-writers.js';
import { plural } from '../../output/text.js';
import { integer, SERVER_NOTE } from '../help-text.js';
import { withSharedFlags } from '../shared-flags.js';

export interface ListOptions extends SharedOptions {
  pageSize?: number;
  pageToken?: string;
  limit?: number;
  format?: Format;
  prefetch?: boolean;
}

/** `sessions list [--page-size n] [--limit n] [--page-token t] [--format f] [--prefetch]` */
export function listCommand(context: CommandContext): Command {
  const command = withSharedFlags(
    new Command('list')
      .summary('List every session, page by page.')
      .description(`List every chat session, page by page.\n\n${SERVER_NOTE}`)
      .option('--page-size <n>', 'sessions per request', integer(1))
      .option('--limit <n>', 'stop after this many sessions', integer(1))
      .addOption(
        new Option(
          '--format <format>',
          'output format (default: table on a terminal, otherwise ndjson)',
        ).choices(['table', 'json', 'ndjson']),
      )
      .option('--page-token <token>', 'start from this cursor, e.g. the one an error said to resume from')
      .option('--prefetch', 'fetch the next page while writing the current one'),
    { project: 'only sessions of this project', organization: 'only sessions of this organization' },
  );
  // The options that take a value (`--project-id`), so a value that looks like an option stays with it.
  const takesValue = new Set(
    command.options.filter((o) => o.required || o.optional).map((o) => o.long ?? ''),
  );
  return command.action(async (options: ListOptions) => {
    context.exit(await listSessions(options, context, takesValue));
  });
}

/** Lists sessions to stdout; returns the exit code. */
async function listSessions(
  options: ListOptions,
  context: CommandContext,
  takesValue: ReadonlySet<string>,
): Promise<number> {
  const { stdout, stderr, env, signal = new AbortController().signal } = context;
  const log = logTo(context);
  const format = options.format ?? (stdout.isTTY ? 'table' : 'ndjson');
  const writer = sessionWriter(format, stdout);
  const hintArgs = withoutPageToken(context.argv, takesValue);
  let target: Target | undefined;
  let pages = 0;
  let count = 0;
  // The cursor of the first page not yet written whole: where a listing stopped by Ctrl-C picks up.
  let next: string | null | undefined = options.pageToken;
  const shown = progress(stderr, env);
  const resumeLine = (cursor: string) => {
    const server: Record<string, string> =
      target?.source === 'base-url' ? { LLAMA_CLOUD_BASE_URL: target.baseUrl } : {};
    return `  ${commandLine(context.command, [...hintArgs, '--page-token', cursor], server)}`;
  };
  try {
    target = await startTarget(context, options);
    announceMock(target, context, 'To list real sessions', hintArgs);
    shown.start();
    const client = clientFor(target, options, context);
    const params: ChatListParams = {
      project_id: options.projectId,
      organization_id: options.organizationId,
      page_size: options.pageSize,
      page_token: options.pageToken,
    };
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    // No page is fetched past the one that reaches the limit.
    for await (const page of client.beta.chat.list(params, { signal, prefetch: options.prefetch }).pages()) {
      const sessions = page.items.slice(0, limit - count);
      await shown.around(() => writer.page(sessions));
      pages++;
      count += sessions.length;
      next = page.nextCursor;
      shown.update(pages, count);
      if (count >= limit) break;
    }
    await writer.end(count);
    shown.stop(`${plural(count, 'session')} in ${plural(pages, 'page')}`);
    return ExitCode.ok;
  } catch (error) {
    shown.stop();
    const code = reportFailure(error, context, { baseUrl: target?.baseUrl });
    if (code === ExitCode.interrupted && count > 0 && typeof next === 'string' && next) {
      log(`${plural(count, 'session')} ${count === 1 ? 'was' : 'were'} listed. To go on from the next page:`);
      log(resumeLine(next));
    } else if (code === ExitCode.failed && target) {
      const cursor = resumeCursor(error, options.pageToken);
      if (cursor !== undefined) {
        log(
          `${plural(count, 'session')} ${count === 1 ? 'was' : 'were'} listed before the error. To resume from the failed page:`,
        );
        log(resumeLine(cursor));
      } else if (rejectsPageToken(error, options.pageToken)) {
        log('Leave out --page-token to list from the first page.');
      }
    }
    return code;
  } finally {
    await target?.close();
  }
}

/**
 * The cursor a resume command should start from, or undefined when resuming cannot help: the error carries no
 * cursor (it is not about a page), the cursor is the --page-token the user passed (the hint would be the command
 * they just ran), or the server rejected the request itself, a 4xx that sending it again cannot fix. Worth
 * resuming: network errors and timeouts, 5xx, 408 and 429 (later), 401 and 403 (once the key or access is fixed).
 */
function resumeCursor(error: unknown, pageToken: string | undefined): string | undefined {
  if (!(error instanceof LlamaCloudError) || typeof error.cursor !== 'string') return undefined;
  if (error.cursor === pageToken) return undefined;
  if (error instanceof APIError && error.status < 500 && ![401, 403, 408, 429].includes(error.status)) {
    return undefined;
  }
  return error.cursor;
}

/** A 422 naming `page_token` for the --page-token the user passed: the server has no page for it. */
function rejectsPageToken(error: unknown, pageToken: string | undefined): boolean {
  if (!(error instanceof UnprocessableEntityError) || pageToken === undefined) return false;
  if (error.cursor !== pageToken) return false;
  const detail = (error.body as { detail?: unknown } | null)?.detail;
  return (
    Array.isArray(detail) &&
    detail.some((entry) => Array.isArray(entry?.loc) && entry.loc.includes('page_token'))
  );
}

/**
 * The arguments as typed, without any --page-token, so a hint can add its own or start from the beginning. An
 * option's value is copied with it, even one that looks like an option (`--project-id --page-token`).
 */
function withoutPageToken(argv: readonly string[], takesValue: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = takesValue.has(arg) ? argv.slice(i + 1, i + 2) : [];
    if (arg !== '--page-token' && !arg.startsWith('--page-token=')) out.push(arg, ...value);
    i += value.length;
  }
  return out;
}
