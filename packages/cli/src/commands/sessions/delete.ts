// `sessions delete <id> [--yes]`: asks first on a terminal unless --yes; with no terminal to ask and no --yes, it
// refuses before anything is started or sent, so a script never deletes by accident.
import { Command } from 'commander';
import {
  type CommandContext,
  clientFor,
  type SharedOptions,
  scope,
  withTarget,
} from '../../command-context.js';
import { confirm } from '../../confirm.js';
import { logTo, quoteId } from '../../failure.js';
import { ExitCode } from '../../io.js';
import { emit } from '../../output/emit.js';
import { printable } from '../../output/text.js';
import { SERVER_NOTE } from '../help-text.js';
import { withSharedFlags } from '../shared-flags.js';

type DeleteOptions = SharedOptions & { yes?: boolean };

export function deleteCommand(context: CommandContext): Command {
  return withSharedFlags(
    new Command('delete')
      .summary('Delete a session (asks first on a terminal).')
      .description(
        'Delete a session. On a terminal it asks first; with no terminal to ask (a script, a pipe), it deletes ' +
          `only with --yes.\n\n${SERVER_NOTE}`,
      )
      .argument('<id>', 'the session id')
      .option('-y, --yes', 'delete without asking'),
  ).action(async (id: string, options: DeleteOptions) => {
    context.exit(await deleteSession(id, options, context));
  });
}

async function deleteSession(id: string, options: DeleteOptions, context: CommandContext): Promise<number> {
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
  return withTarget(context, options, how, async (target) => {
    const client = clientFor(target, options, context);
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
    await emit(context.stdout, `Deleted chat session ${quoteId(id)}.\n`);
    return ExitCode.ok;
  });
}

/** `api.cloud.llamaindex.ai`: where a delete would go, for the question. */
function hostOf(baseUrl: string): string {
  try {
    return printable(new URL(baseUrl).host);
  } catch {
    return printable(baseUrl);
  }
}
