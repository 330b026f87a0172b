// `sessions list`: every session, page by page, through the client's pagination.
import {
  APIError,
  type ChatListParams,
  LlamaCloudError,
  UnprocessableEntityError,
} from '@llamacloud-chat/client';
import { commandLine } from './invocation.js';
import { ExitCode } from './io.js';
import { type Format, sessionWriter } from './output.js';
import { progress } from './progress.js';
import { announceMock, type CommandContext, clientFor, logTo, reportFailure } from './session-command.js';
import { resolveTarget, type Target } from './target.js';
import { plural } from './text.js';

export interface ListOptions {
  projectId?: string;
  organizationId?: string;
  pageSize?: number;
  pageToken?: string;
  limit?: number;
  format?: Format;
  maxRetries?: number;
  prefetch?: boolean;
}

export interface ListContext extends CommandContext {
  /** The options that take a value (`--project-id`), so a value that looks like an option stays with it. */
  takesValue: ReadonlySet<string>;
}

/** Lists sessions to stdout; returns the exit code. */
export async function listSessions(options: ListOptions, context: ListContext): Promise<number> {
  const { stdout, stderr, env, signal = new AbortController().signal } = context;
  const log = logTo(context);
  const format = options.format ?? (stdout.isTTY ? 'table' : 'ndjson');
  const writer = sessionWriter(format, stdout);
  let target: Target | undefined;
  let pages = 0;
  let count = 0;
  const shown = progress(stderr, env);
  try {
    target = await resolveTarget(env);
    announceMock(
      target,
      context,
      'To list real sessions',
      withoutPageToken(context.argv, context.takesValue),
    );
    shown.start();
    const client = clientFor(target, options);
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
      shown.update(pages, count);
      if (count >= limit) break;
    }
    await writer.end(count);
    shown.stop(`${plural(count, 'session')} in ${plural(pages, 'page')}`);
    return ExitCode.ok;
  } catch (error) {
    shown.stop();
    const code = reportFailure(error, context);
    if (code === ExitCode.failed && target) {
      const cursor = resumeCursor(error, options.pageToken);
      if (cursor !== undefined) {
        const server: Record<string, string> = target.mock ? {} : { LLAMA_CLOUD_BASE_URL: target.baseUrl };
        const args = [...withoutPageToken(context.argv, context.takesValue), '--page-token', cursor];
        log(
          `${plural(count, 'session')} ${count === 1 ? 'was' : 'were'} listed before the error. To resume from the failed page:`,
        );
        log(`  ${commandLine(context.command, args, server)}`);
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
