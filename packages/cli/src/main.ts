#!/usr/bin/env node
// llamacloud-chat: the command line. Arguments are parsed by commander; exit codes are 0 (success), 1 (an API
// or network error), 2 (a usage error, with the usage text) and 130 (interrupted).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type ListOptions, listSessions } from './list-sessions.js';

function integer(min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
    }
    return n;
  };
}

const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  // A second Ctrl-C does not wait for the cleanup.
  process.once('SIGINT', () => process.exit(130));
});

let exitCode = 0;
const program = new Command('llamacloud-chat')
  .description(
    'List LlamaCloud chat sessions. Without LLAMA_CLOUD_BASE_URL, it uses a built-in mock of the API.',
  )
  .exitOverride()
  .showHelpAfterError()
  .configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
  });

program
  .command('sessions')
  .description('Chat sessions.')
  .command('list')
  .description(
    'List every chat session, page by page.\n\n' +
      'Reads LLAMA_CLOUD_BASE_URL and LLAMA_CLOUD_API_KEY; with no LLAMA_CLOUD_BASE_URL it starts a built-in mock.',
  )
  .option('--project-id <id>', 'only sessions of this project')
  .option('--organization-id <id>', 'only sessions of this organization')
  .option('--page-size <n>', 'sessions per request', integer(1))
  .option('--limit <n>', 'stop after this many sessions', integer(1))
  .addOption(
    new Option('--format <format>', 'output format (default: table on a terminal, otherwise ndjson)').choices(
      ['table', 'json', 'ndjson'],
    ),
  )
  .option('--page-token <token>', 'start from this cursor, e.g. the one an error said to resume from')
  .option('--max-retries <n>', 'retries after a failed request (default: 2)', integer(0))
  .option('--prefetch', 'fetch the next page while writing the current one')
  .exitOverride()
  .action(async (options: ListOptions) => {
    exitCode = await listSessions(options, process.argv.slice(2), controller.signal);
  });

try {
  if (process.argv.length <= 2) {
    program.outputHelp({ error: true });
    exitCode = 2;
  } else {
    await program.parseAsync(process.argv);
  }
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  // --help and --version exit 0; anything else commander rejects is a usage error.
  exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
}
process.exitCode = exitCode;
