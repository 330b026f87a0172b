// The command line as a function: arguments, streams and environment in, exit code out. main.ts runs it on the
// process's own; tests run it in-process with in-memory streams.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type ChatOptions, chat } from './chat.js';
import { commandName } from './invocation.js';
import { type CliIO, ExitCode } from './io.js';
import { type ListOptions, listSessions } from './list-sessions.js';
import {
  type CreateOptions,
  createSession,
  deleteSession,
  type GetFormat,
  getSession,
  type SessionOptions,
  type SummaryFormat,
  sessionSummary,
} from './session-commands.js';

export { type CliIO, ExitCode, type Input, type Output } from './io.js';

function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `expected a whole number of at least ${min}.`
          : `expected a whole number from ${min} to ${max}.`,
      );
    }
    return n;
  };
}

/** A repeatable option's values, in order (`--index a --index b`); unlike `<id...>`, it never takes an argument. */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The longest timer Node runs (about 24.8 days); the client refuses a longer timeout. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

const EXIT_CODES = `Exit codes:
  0    done (or the reader went away, as with | head)
  1    an API or network error (including no such session), or the built-in mock could not start
  2    a usage or configuration error; nothing was sent
  130  interrupted (Ctrl-C)`;

const CHAT_EXIT_CODES = `Exit codes:
  0    the turn ended (or the reader went away, as with | head)
  1    the turn failed (a stop with is_error) or was cut off, an API or network error (including no such
       session), or the built-in mock could not start
  2    a usage or configuration error; nothing was sent
  130  interrupted (Ctrl-C); the connection is closed`;

/** Runs the CLI with `argv` (the arguments after the command) and returns its exit code. Never exits. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { stdout, stderr, env } = io;
  const command = commandName(env);
  const helpWidth = (stream: typeof stdout) => (stream.isTTY ? stream.columns : undefined) ?? 80;
  let exitCode: number = ExitCode.ok;

  const program = new Command(command)
    .description(
      'LlamaCloud chat sessions: list, create, show and delete them, and chat in one. Without ' +
        'LLAMA_CLOUD_BASE_URL, it uses a built-in mock of the API.',
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

  const server =
    'Reads LLAMA_CLOUD_BASE_URL and LLAMA_CLOUD_API_KEY; with no LLAMA_CLOUD_BASE_URL it starts a built-in mock.';
  const format = (formats: string[], defaults: string) =>
    new Option('--format <format>', `output format (default: ${defaults})`).choices(formats);
  const context = { ...io, argv, command };
  /** The options every command that sends a request takes. */
  const common = (sub: Command) =>
    sub
      .option('--project-id <id>', 'the project the session belongs to')
      .option('--organization-id <id>', 'the organization the session belongs to')
      .option('--max-retries <n>', 'retries after a failed request (default: 2)', integer(0))
      .addHelpText('after', `\n${EXIT_CODES}`);

  const sessions = program.command('sessions').description('Chat sessions.');
  const list = sessions
    .command('list')
    .summary('List every session, page by page.')
    .description(`List every chat session, page by page.\n\n${server}`)
    .option('--project-id <id>', 'only sessions of this project')
    .option('--organization-id <id>', 'only sessions of this organization')
    .option('--page-size <n>', 'sessions per request', integer(1))
    .option('--limit <n>', 'stop after this many sessions', integer(1))
    .addOption(format(['table', 'json', 'ndjson'], 'table on a terminal, otherwise ndjson'))
    .option('--page-token <token>', 'start from this cursor, e.g. the one an error said to resume from')
    .option('--max-retries <n>', 'retries after a failed request (default: 2)', integer(0))
    .option('--prefetch', 'fetch the next page while writing the current one')
    .addHelpText('after', `\n${EXIT_CODES}`)
    .action(async (options: ListOptions) => {
      exitCode = await listSessions(options, { ...context, takesValue });
    });
  common(
    sessions
      .command('create')
      .summary('Create a session and print it.')
      .description(`Create a chat session and print it.\n\n${server}`)
      .option('--index <id...>', 'bind the session to this index (repeatable); none makes an unbound session')
      .addOption(format(['table', 'json', 'ndjson'], 'table on a terminal, otherwise ndjson')),
  ).action(async (options: CreateOptions) => {
    exitCode = await createSession(options, context);
  });
  common(
    sessions
      .command('get')
      .summary('Print a session and its history.')
      .description(
        'Print a session and its history: a transcript on a terminal, otherwise the session as JSON, exactly as ' +
          `the API sent it.\n\n${server}`,
      )
      .argument('<id>', 'the session id')
      .addOption(format(['transcript', 'json', 'ndjson'], 'transcript on a terminal, otherwise json')),
  ).action(async (id: string, options: SessionOptions & { format?: GetFormat }) => {
    exitCode = await getSession(id, options, context);
  });
  common(
    sessions
      .command('summary')
      .summary("Print a session's summary.")
      .description(`Print a session's summary, without its history.\n\n${server}`)
      .argument('<id>', 'the session id')
      .addOption(format(['text', 'json', 'ndjson'], 'text on a terminal, otherwise ndjson')),
  ).action(async (id: string, options: SessionOptions & { format?: SummaryFormat }) => {
    exitCode = await sessionSummary(id, options, context);
  });
  common(
    sessions
      .command('delete')
      .summary('Delete a session (asks first on a terminal).')
      .description(
        'Delete a session. On a terminal it asks first; with no terminal to ask (a script, a pipe), it deletes ' +
          `only with --yes.\n\n${server}`,
      )
      .argument('<id>', 'the session id')
      .option('-y, --yes', 'delete without asking'),
  ).action(async (id: string, options: SessionOptions & { yes?: boolean }) => {
    exitCode = await deleteSession(id, options, context);
  });
  program
    .command('chat')
    .summary('Send a prompt to a session and print the answer as it streams.')
    .description(
      'Send a prompt to a chat session and print the answer on stdout as it streams, then a newline. On a ' +
        'terminal, the thinking, the tool calls and the usage are shown dimmed on stderr; otherwise stderr gets ' +
        'only errors. With --json, every event of the turn is one JSON line on stdout instead, exactly as it ' +
        `came.\n\n${server}`,
    )
    .argument('<session-id>', 'the session id')
    .argument('<prompt>', 'what to ask')
    .option(
      '--index <id>',
      'an index to retrieve from (repeatable); none sends an empty index_ids, leaving it to the server',
      collect,
    )
    .option('--project-id <id>', 'the project the session belongs to')
    .option('--organization-id <id>', 'the organization the session belongs to')
    .option('--json', 'print each event as one JSON line (NDJSON), exactly as it came')
    .option(
      '--timeout <ms>',
      'how long to wait for the answer to start, then between any two pieces of it (default: 60000)',
      integer(1, MAX_TIMEOUT_MS),
    )
    .option(
      '--max-retries <n>',
      'retries while the prompt surely has not reached the server (default: 2)',
      integer(0),
    )
    .addHelpText('after', `\n${CHAT_EXIT_CODES}`)
    .action(async (sessionId: string, prompt: string, options: ChatOptions) => {
      exitCode = await chat(sessionId, prompt, options, context);
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
