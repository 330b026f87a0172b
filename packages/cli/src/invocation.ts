// How the user ran the CLI, so that every command it prints (the resume hint, how to list real sessions, the
// usage text) is one they can paste where they are.
import { shellQuote } from './output/text.js';

/** The installed bin's name: what hints start with unless a launcher says otherwise. */
export const BIN_NAME = 'llamacloud-chat';

/**
 * Set by a launcher to the command that runs this CLI, as the user would type it, e.g.
 * `npx -y pnpm@10.34.9 --silent cli` from scripts/run-cli.mjs. It is printed as it is (already shell words).
 */
export const COMMAND_ENV = 'LLAMACLOUD_CHAT_COMMAND';

/** The command that runs this CLI, for hints and the usage text. */
export function commandName(env: Readonly<Record<string, string | undefined>>): string {
  return env[COMMAND_ENV]?.trim() || BIN_NAME;
}

/** A command line to print: `command` then each argument shell-quoted, after optional `NAME=value` words. */
export function commandLine(
  command: string,
  args: readonly string[],
  assignments: Readonly<Record<string, string>> = {},
): string {
  const env = Object.entries(assignments).map(([name, value]) => `${name}=${shellQuote(value)}`);
  return [...env, command, ...args.map(shellQuote)].join(' ');
}
