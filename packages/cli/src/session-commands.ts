// `sessions create`, `get`, `summary` and `delete`: one request each through client.beta.chat. Piped, they print
// the API's JSON exactly as it came (unknown fields and event types included); on a terminal, a form to read.
import type { ChatListResponse } from '@llamacloud-chat/client';
import { confirm } from './confirm.js';
import { ExitCode } from './io.js';
import { pipeWriter, sessionWriter } from './output.js';
import { type CommandContext, clientFor, logTo, quoteId, withTarget } from './session-command.js';
import { sessionBlock } from './session-view.js';
import { printable } from './text.js';
import { transcript } from './transcript.js';

/** Options every one of these commands takes. */
export interface SessionOptions {
  projectId?: string;
  organizationId?: string;
  maxRetries?: number;
}

export type CreateFormat = 'table' | 'json' | 'ndjson';
export type GetFormat = 'transcript' | 'json' | 'ndjson';
export type SummaryFormat = 'text' | 'json' | 'ndjson';

export interface CreateOptions extends SessionOptions {
  /** `--index`, repeatable: the indexes to bind the session to. */
  index?: string[];
  format?: CreateFormat;
}

/** `sessions create`: makes a session and prints it. */
export function createSession(options: CreateOptions, context: CommandContext): Promise<number> {
  const format = options.format ?? (context.stdout.isTTY ? 'table' : 'ndjson');
  return withTarget(context, { purpose: 'To create a real session' }, async (target) => {
    const session = await clientFor(target, options).beta.chat.create(
      { ...scope(options), index_ids: options.index },
      { signal: context.signal },
    );
    if (format === 'table') {
      const table = sessionWriter('table', context.stdout);
      await table.page([session]);
      await table.end(1);
    } else {
      await emit(context, asJson(session, format));
    }
    return ExitCode.ok;
  });
}

/** `sessions get <id>`: a session and its history, as a transcript on a terminal, else as JSON. */
export function getSession(
  id: string,
  options: SessionOptions & { format?: GetFormat },
  context: CommandContext,
): Promise<number> {
  const format = options.format ?? (context.stdout.isTTY ? 'transcript' : 'json');
  return withTarget(context, { purpose: 'To see a real session', sessionId: id }, async (target) => {
    const session = await clientFor(target, options).beta.chat.retrieve(id, scope(options), {
      signal: context.signal,
    });
    await emit(context, format === 'transcript' ? lines(transcript(session)) : asJson(session, format));
    return ExitCode.ok;
  });
}

/** `sessions summary <id>`: a session without its history. */
export function sessionSummary(
  id: string,
  options: SessionOptions & { format?: SummaryFormat },
  context: CommandContext,
): Promise<number> {
  const format = options.format ?? (context.stdout.isTTY ? 'text' : 'ndjson');
  return withTarget(context, { purpose: 'To see a real session', sessionId: id }, async (target) => {
    const session = await clientFor(target, options).beta.chat.getSummary(id, scope(options), {
      signal: context.signal,
    });
    await emit(context, format === 'text' ? lines(sessionBlock(session)) : asJson(session, format));
    return ExitCode.ok;
  });
}

/**
 * `sessions delete <id>`: asks first on a terminal unless `--yes`; with no terminal to ask and no `--yes`, refuses
 * before anything is started or sent, so a script never deletes by accident.
 */
export async function deleteSession(
  id: string,
  options: SessionOptions & { yes?: boolean },
  context: CommandContext,
): Promise<number> {
  const log = logTo(context);
  if (!options.yes && !context.stdin.isTTY) {
    log(
      `error: not deleting chat session ${quoteId(id)}: stdin is not a terminal, so there is no one to ask. ` +
        'Pass --yes to delete it without asking.',
    );
    return ExitCode.usage;
  }
  // The command to run against the real API asks again: it never carries this run's --yes.
  const end = context.argv.indexOf('--');
  const mockArgs = context.argv.filter(
    (arg, i) => (end !== -1 && i > end) || (arg !== '--yes' && arg !== '-y'),
  );
  const how = { purpose: 'To delete a real session', mockArgs, sessionId: id };
  return withTarget(context, how, async (target) => {
    const client = clientFor(target, options);
    if (!options.yes) {
      const where = target.mock ? 'the built-in mock' : hostOf(target.baseUrl);
      const question = `Delete chat session ${quoteId(id)} on ${where}? [y/N] `;
      const yes = await confirm(question, {
        input: context.stdin,
        output: context.stderr,
        signal: context.signal,
      });
      if (!yes) {
        log('Not deleted.');
        return ExitCode.ok;
      }
    }
    await client.beta.chat.delete(id, scope(options), { signal: context.signal });
    await emit(context, `Deleted chat session ${quoteId(id)}.\n`);
    return ExitCode.ok;
  });
}

/** The query every operation takes; unset options are left out of the URL. */
function scope(options: SessionOptions) {
  return { project_id: options.projectId, organization_id: options.organizationId };
}

/** The object as the API sent it: pretty JSON, or one NDJSON line. */
function asJson(value: ChatListResponse, format: 'json' | 'ndjson'): string {
  return `${format === 'json' ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`;
}

const lines = (text: readonly string[]) => `${text.join('\n')}\n`;

/** Writes to stdout, waiting until it is taken; a reader that went away rejects with EPIPE (exit 0). */
function emit(context: CommandContext, text: string): Promise<void> {
  return pipeWriter(context.stdout)(text);
}

/** `api.cloud.llamaindex.ai`: where a delete would go, for the question. */
function hostOf(baseUrl: string): string {
  try {
    return printable(new URL(baseUrl).host);
  } catch {
    return printable(baseUrl);
  }
}
