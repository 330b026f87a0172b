// `pnpm start` and `pnpm cli <args>`: builds the CLI quietly (a turbo cache hit when nothing changed), then runs
// it with the given arguments, passing its output, exit code and Ctrl-C straight through.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildQuietly } from './build-quietly.mjs';

buildQuietly('@llamacloud-chat/cli');

// Commands the CLI prints (how to resume, how to list real sessions, its usage) start with the command that runs
// it here, the one a user can paste in the repository, not the bin name, which is not on PATH.
const { packageManager } = JSON.parse(readFileSync('package.json', 'utf8'));
const cli = spawn(process.execPath, ['packages/cli/dist/main.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, LLAMACLOUD_CHAT_COMMAND: `npx -y ${packageManager} --silent cli` },
});
// The terminal sends Ctrl-C to the CLI too; it stops on its own, and this waits for it.
process.on('SIGINT', () => {});
cli.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 2 : 1)));
