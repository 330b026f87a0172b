// The command line as a function: arguments, streams and environment in, exit code out. main.ts runs it on the
// process's own; tests run it in-process with in-memory streams.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { commandName } from './invocation.js';
import { type CliIO, ExitCode } from './io.js';
import { type ListOptions, listSessions } from './list-sessions.js';

export { type CliIO, ExitCode, type Output } from './io.js';

function integer(min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
    }
    return n;
  };
}

const EXIT_CODES = `Exit codes:
  0    every session was listed (or the reader went away, as with | head)
  1    the listing failed: an API or network error, or the built-in mock could not start
  2    a usage or configuration error; nothing was sent
  130  interrupted (Ctrl-C)`;

/** Runs the CLI with `argv` (the arguments after the command) and returns its exit code. Never exits. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { stdout, stderr, env } = io;
  const command = commandName(env);
  const helpWidth = (stream: typeof stdout) => (stream.isTTY ? stream.columns : undefined) ?? 80;
  let exitCode: number = ExitCode.ok;

  const program = new Command(command)
    .description(
      'List LlamaCloud chat sessions. Without LLAMA_CLOUD_BASE_URL, it uses a built-in mock of the API.',
    )
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
      getOutHelpWidth: () => helpWidth(stdout),
      getErrHelpWidth: () => helpWidth(stderr),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .addHelpText('after', `\n${EXIT_CODES}`);

  const list = program
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
      new Option(
        '--format <format>',
        'output format (default: table on a terminal, otherwise ndjson)',
      ).choices(['table', 'json', 'ndjson']),
    )
    .option('--page-token <token>', 'start from this cursor, e.g. the one an error said to resume from')
    .option('--max-retries <n>', 'retries after a failed request (default: 2)', integer(0))
    .option('--prefetch', 'fetch the next page while writing the current one')
    .addHelpText('after', `\n${EXIT_CODES}`)
    .exitOverride()
    .action(async (options: ListOptions) => {
      exitCode = await listSessions(options, { ...io, argv, command, takesValue });
    });
  const takesValue = new Set(list.options.filter((o) => o.required || o.optional).map((o) => o.long ?? ''));

  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return ExitCode.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help and --version exit 0; anything else commander rejects is a usage error.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
      ? ExitCode.ok
      : ExitCode.usage;
  }
  return exitCode;
}
