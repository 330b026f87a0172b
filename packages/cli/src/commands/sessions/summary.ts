// `sessions summary <id>`: a session without its history, as a short block on a terminal, else as JSON.
import { Command, Option } from 'commander';
import {
  type CommandContext,
  clientFor,
  type SharedOptions,
  scope,
  withTarget,
} from '../../command-context.js';
import { ExitCode } from '../../io.js';
import { asJson, asLines, emit } from '../../output/emit.js';
import { sessionBlock } from '../../output/session-view.js';
import { SERVER_NOTE } from '../help-text.js';
import { withSharedFlags } from '../shared-flags.js';

export type SummaryFormat = 'text' | 'json' | 'ndjson';

export function summaryCommand(context: CommandContext): Command {
  return withSharedFlags(
    new Command('summary')
      .summary("Print a session's summary.")
      .description(`Print a session's summary, without its history.\n\n${SERVER_NOTE}`)
      .argument('<id>', 'the session id')
      .addOption(
        new Option(
          '--format <format>',
          'output format (default: text on a terminal, otherwise ndjson)',
        ).choices(['text', 'json', 'ndjson']),
      ),
  ).action(async (id: string, options: SharedOptions & { format?: SummaryFormat }) => {
    const format = options.format ?? (context.stdout.isTTY ? 'text' : 'ndjson');
    const how = { purpose: 'To see a real session', sessionId: id };
    context.exit(
      await withTarget(context, options, how, async (target) => {
        const session = await clientFor(target, options, context).beta.chat.getSummary(id, scope(options), {
          signal: context.signal,
        });
        await emit(
          context.stdout,
          format === 'text' ? asLines(sessionBlock(session)) : asJson(session, format),
        );
        return ExitCode.ok;
      }),
    );
  });
}
