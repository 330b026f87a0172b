// `chat [<session-id>] [<prompt>]`: with a prompt, one turn (`chat <id> "<prompt>"`); without one, a conversation
// (creating a session first when no id is given). Its flags, its arguments, and which of the two it runs.
import { Command } from 'commander';
import { converse } from '../chat/conversation.js';
import { runTurn, type TurnOptions } from '../chat/turn.js';
import { type CommandContext, clientFor, withTarget } from '../command-context.js';
import { logTo } from '../failure.js';
import { ExitCode } from '../io.js';
import { CHAT_EXIT_CODES, collect, integer, SERVER_NOTE } from './help-text.js';
import { withSharedFlags } from './shared-flags.js';

/** The longest timer Node runs (about 24.8 days); the client refuses a longer timeout. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function chatCommand(context: CommandContext): Command {
  return withSharedFlags(
    new Command('chat')
      .summary('Chat in a session: one prompt, or a conversation.')
      .description(
        'With a prompt: send it to the session and print the answer on stdout as it streams, then a newline. ' +
          'On a terminal, the thinking, the tool calls and the usage are shown dimmed on stderr; otherwise ' +
          'stderr gets only errors. With --json, every event of the turn is one JSON line on stdout instead, ' +
          'exactly as it came.\n\n' +
          'Without a prompt, on a terminal: a conversation at a "> " prompt, in the session given or in a new ' +
          'one. Ctrl-C stops an answer; /history shows the transcript, /new starts a new session, /exit, ' +
          'Ctrl-D or Ctrl-C at an empty prompt leaves. With stdin not a terminal, each line is one turn.' +
          `\n\n${SERVER_NOTE}`,
      )
      .argument('[session-id]', 'the session id (none: create a session first)')
      .argument('[prompt]', 'what to ask (none: a conversation)')
      .option(
        '--index <id>',
        'an index to retrieve from (repeatable); none sends an empty index_ids, leaving it to the server',
        collect,
      )
      .option('--require-all-indexes', 'fail the turn when any of the indexes cannot be queried')
      .option('--json', 'print each event as one JSON line (NDJSON), as it came')
      .option(
        '--timeout <ms>',
        'how long to wait for the answer to start, then between any two pieces of it (default: 60000)',
        integer(1, MAX_TIMEOUT_MS),
      ),
    {
      retries: 'retries while the prompt surely has not reached the server (default: 2)',
      exitCodes: CHAT_EXIT_CODES,
    },
  ).action(async (sessionId: string | undefined, prompt: string | undefined, options: TurnOptions) => {
    context.exit(await chat(sessionId, prompt, options, context));
  });
}

async function chat(
  sessionId: string | undefined,
  prompt: string | undefined,
  options: TurnOptions,
  context: CommandContext,
): Promise<number> {
  if (prompt !== undefined && !prompt.trim()) {
    logTo(context)('error: the prompt is empty; nothing was sent.');
    return ExitCode.usage;
  }
  const how = { purpose: 'To chat in a real session', ...(sessionId === undefined ? {} : { sessionId }) };
  return withTarget(context, options, how, async (target) => {
    const client = clientFor(target, options, context);
    if (prompt === undefined) return converse(client, target, sessionId, options, context);
    return runTurn(client, target, sessionId as string, prompt, options, context, context.signal);
  });
}
