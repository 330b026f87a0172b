// `llamacloud-chat sessions list`: every session, page by page, through the client's pagination.
import LlamaCloud, { type ChatListParams, LlamaCloudError } from '@llamacloud-chat/client';
import { type Format, sessionWriter } from './output.js';
import { progress } from './progress.js';
import { resolveTarget, type Target } from './target.js';

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

/** Lists sessions to stdout; returns the exit code. `argv` is the command as typed, for the resume hint. */
export async function listSessions(
  options: ListOptions,
  argv: readonly string[],
  signal: AbortSignal,
): Promise<number> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const format = options.format ?? (process.stdout.isTTY ? 'table' : 'ndjson');
  const writer = sessionWriter(format, process.stdout);
  const shown = progress(process.stderr);
  let target: Target | undefined;
  let pages = 0;
  let count = 0;
  try {
    target = await resolveTarget(log);
    const client = new LlamaCloud({
      baseUrl: target.baseUrl,
      apiKey: target.apiKey,
      maxRetries: options.maxRetries,
    });
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
    shown.stop(`${count} session${count === 1 ? '' : 's'} in ${pages} page${pages === 1 ? '' : 's'}`);
    return 0;
  } catch (error) {
    shown.stop();
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0; // the reader went away (| head): not an error
    if (signal.aborted) {
      log('Interrupted.');
      return 130;
    }
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof LlamaCloudError && typeof error.cursor === 'string') {
      const resume = stripPageToken(argv);
      log(
        `${count} session${count === 1 ? '' : 's'} were listed before the error. To resume from the failed page:`,
      );
      log(`  llamacloud-chat ${[...resume, '--page-token', shellQuote(error.cursor)].join(' ')}`);
    }
    return 1;
  } finally {
    await target?.close();
  }
}

/** The command as typed, without any --page-token, so the resume hint can add the new one. */
function stripPageToken(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--page-token') i++;
    else if (!arg.startsWith('--page-token=')) out.push(shellQuote(arg));
  }
  return out;
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
