// `sessions create [--index <id>...] [--shared-access query|read_only]`: makes a session and prints it; on a
// terminal, `Created session <id>` with its indexes and what its share link grants.
import { Command, Option } from 'commander';
import {
  type CommandContext,
  clientFor,
  type SharedOptions,
  scope,
  withTarget,
} from '../../command-context.js';
import { logTo } from '../../failure.js';
import { ExitCode } from '../../io.js';
import { MOCK_SESSION_LASTS } from '../../mock-notes.js';
import { asJson, asLines, emit } from '../../output/emit.js';
import { indexesText, sharedAccessText } from '../../output/session-view.js';
import { styleFor } from '../../output/style.js';
import { printable } from '../../output/text.js';
import { SERVER_NOTE } from '../help-text.js';
import { withSharedFlags } from '../shared-flags.js';

export type CreateFormat = 'text' | 'json' | 'ndjson';

export interface CreateOptions extends SharedOptions {
  /** `--index`, repeatable: the indexes to bind the session to. */
  index?: string[];
  sharedAccess?: 'query' | 'read_only';
  format?: CreateFormat;
}

export function createCommand(context: CommandContext): Command {
  return withSharedFlags(
    new Command('create')
      .summary('Create a session and print it.')
      .description(`Create a chat session and print it.\n\n${SERVER_NOTE}`)
      .option('--index <id...>', 'bind the session to this index (repeatable); none makes an unbound session')
      .addOption(
        new Option(
          '--shared-access <access>',
          'what its share link grants: read_only (the transcript) or query (new questions too); ' +
            'default: the deployment default',
        ).choices(['query', 'read_only']),
      )
      .addOption(
        new Option(
          '--format <format>',
          'output format (default: text on a terminal, otherwise ndjson)',
        ).choices(['text', 'json', 'ndjson']),
      ),
  ).action(async (options: CreateOptions) => {
    context.exit(await createSession(options, context));
  });
}

async function createSession(options: CreateOptions, context: CommandContext): Promise<number> {
  const format = options.format ?? (context.stdout.isTTY ? 'text' : 'ndjson');
  return withTarget(context, options, { purpose: 'To create a real session' }, async (target) => {
    const session = await clientFor(target, options, context).beta.chat.create(
      {
        ...scope(options),
        index_ids: options.index,
        ...(options.sharedAccess ? { shared_access: options.sharedAccess } : {}),
      },
      { signal: context.signal },
    );
    if (format !== 'text') {
      await emit(context.stdout, asJson(session, format));
      if (target.mock) logTo(context)(MOCK_SESSION_LASTS);
      return ExitCode.ok;
    }
    const style = styleFor(context.stdout, context.env);
    const shared = sharedAccessText(session.shared_access);
    await emit(
      context.stdout,
      asLines([
        `Created session ${style('bold', printable(session.session_id))}`,
        `  indexes     ${indexesText(session.index_ids)}`,
        ...(shared ? [`  share link  ${shared}`] : []),
      ]),
    );
    if (target.mock) logTo(context)(MOCK_SESSION_LASTS);
    return ExitCode.ok;
  });
}
