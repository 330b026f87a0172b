// The command line as a function: arguments, streams and environment in, exit code out. main.ts runs it on the
// process's own; tests run it in-process with in-memory streams. This file assembles the commands (one file each,
// under commands/) and decides what help, --version and a usage error print.
import { Command, CommanderError } from 'commander';
import type { CommandContext } from './command-context.js';
import { apiCommand } from './commands/api/api.js';
import { chatCommand } from './commands/chat.js';
import { EXIT_CODES } from './commands/help-text.js';
import { createCommand } from './commands/sessions/create.js';
import { deleteCommand } from './commands/sessions/delete.js';
import { getCommand } from './commands/sessions/get.js';
import { listCommand } from './commands/sessions/list.js';
import { summaryCommand } from './commands/sessions/summary.js';
import { commandName } from './invocation.js';
import { type CliIO, ExitCode } from './io.js';
import { forPerson } from './output/wrap.js';
import { usableColumns } from './terminal-width.js';
import { VERSION } from './version.js';

export { type CliIO, ExitCode, type Input, type Output } from './io.js';

/** Help is wrapped to the terminal (up to 100 columns); not on a terminal, it is not wrapped. */
const MAX_HELP_WIDTH = 100;
const UNWRAPPED = 10_000;

/** Runs the CLI with `argv` (the arguments after the command) and returns its exit code. Never exits. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { stdout, stderr, env } = io;
  const command = commandName(env);
  let exitCode: number = ExitCode.ok;
  const context: CommandContext = {
    ...io,
    argv,
    command,
    exit: (code) => {
      exitCode = code;
    },
  };

  const program = new Command(command)
    .description(
      'LlamaCloud chat sessions: list, create, show and delete them, chat in one, or call any operation of the API. With ' +
        'LLAMA_CLOUD_API_KEY set it talks to the real API (or to LLAMA_CLOUD_BASE_URL); with neither, or ' +
        'with --mock, to a built-in mock of the API.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpCommand('help [command...]', 'show the help of a command, as <command> --help does')
    .addHelpText('after', `\n${EXIT_CODES}`);
  const sessions = new Command('sessions').description('Chat sessions.');
  for (const make of [listCommand, createCommand, getCommand, summaryCommand, deleteCommand]) {
    sessions.addCommand(make(context));
  }
  program.addCommand(sessions);
  program.addCommand(chatCommand(context));
  program.addCommand(apiCommand(context));
  configure(program, [], { io, command });

  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return ExitCode.usage;
  }
  // `help <command...>` is `<command...> --help`, nested commands included (`help sessions list`).
  const args = argv[0] === 'help' ? [...argv.slice(1), '--help'] : [...argv];
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help and --version exit 0; anything else commander rejects (help shown for want of a subcommand
    // included) is a usage error.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  return exitCode;

  /**
   * What every command shares, applied down the tree (commander copies it only to commands made with
   * `.command()`): output to the given streams, no process.exit, help as wide as the terminal, and a usage
   * error told in one line plus where to read the usage, instead of the whole help.
   */
  function configure(cmd: Command, path: readonly string[], how: { io: CliIO; command: string }): void {
    const width = (stream: typeof stdout) =>
      stream.isTTY ? Math.min(usableColumns(stream.columns), MAX_HELP_WIDTH) : UNWRAPPED;
    const helpArgs = [...path, '--help'].join(' ');
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (text) => stdout.write(forPerson(stdout, text)),
        writeErr: (text) => stderr.write(forPerson(stderr, text)),
        getOutHelpWidth: () => width(stdout),
        getErrHelpWidth: () => width(stderr),
        getOutHasColors: () => false,
        getErrHasColors: () => false,
      })
      .showHelpAfterError(`Run "${how.command} ${helpArgs}" for its usage.`);
    for (const sub of cmd.commands) configure(sub, [...path, sub.name()], how);
  }
}
