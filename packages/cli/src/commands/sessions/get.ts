// `sessions get <id>`: a session and its history, as a transcript on a terminal, else as JSON exactly as the API
// sent it (unknown fields and event types included).
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
import { styleFor } from '../../output/style.js';
import { transcript } from '../../output/transcript.js';
import { forPerson } from '../../output/wrap.js';
import { SERVER_NOTE } from '../help-text.js';
import { withSharedFlags } from '../shared-flags.js';

export type GetFormat = 'transcript' | 'json' | 'ndjson';

export function getCommand(context: CommandContext): Command {
  return withSharedFlags(
    new Command('get')
      .summary('Print a session and its history.')
      .description(
        'Print a session and its history: a transcript on a terminal, otherwise the session as JSON, exactly as ' +
          `the API sent it.\n\n${SERVER_NOTE}`,
      )
      .argument('<id>', 'the session id')
      .addOption(
        new Option(
          '--format <format>',
          'output format (default: transcript on a terminal, otherwise json)',
        ).choices(['transcript', 'json', 'ndjson']),
      ),
  ).action(async (id: string, options: SharedOptions & { format?: GetFormat }) => {
    context.exit(await getSession(id, options, context));
  });
}

async function getSession(
  id: string,
  options: SharedOptions & { format?: GetFormat },
  context: CommandContext,
): Promise<number> {
  const format = options.format ?? (context.stdout.isTTY ? 'transcript' : 'json');
  return withTarget(context, options, { purpose: 'To see a real session', sessionId: id }, async (target) => {
    const session = await clientFor(target, options, context).beta.chat.retrieve(id, scope(options), {
      signal: context.signal,
    });
    const style = styleFor(context.stdout, context.env);
    await emit(
      context.stdout,
      format === 'transcript'
        ? forPerson(context.stdout, asLines(transcript(session, style)))
        : asJson(session, format),
    );
    return ExitCode.ok;
  });
}
