// The flags every command that sends a request takes, declared once: the scope, retries, and --mock.
import type { Command } from 'commander';
import { EXIT_CODES, integer } from './help-text.js';

export interface SharedFlagWords {
  /** What `--project-id` does for this command. */
  project?: string;
  organization?: string;
  retries?: string;
  /** The exit-code block shown after the options. */
  exitCodes?: string;
}

/** Adds `--project-id`, `--organization-id`, `--max-retries` and `--mock` to `command`, and its exit codes. */
export function withSharedFlags(command: Command, words: SharedFlagWords = {}): Command {
  return command
    .option('--project-id <id>', words.project ?? 'the project the session belongs to')
    .option('--organization-id <id>', words.organization ?? 'the organization the session belongs to')
    .option('--max-retries <n>', words.retries ?? 'retries after a failed request (default: 2)', integer(0))
    .option('--mock', 'use the built-in mock of the API, whatever the environment says')
    .addHelpText('after', `\n${words.exitCodes ?? EXIT_CODES}`);
}
