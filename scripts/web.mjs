// `pnpm web [--port <n>]`: builds the chat page and its relay quietly (a turbo cache hit when nothing changed),
// then serves them, with the built-in mock unless LLAMA_CLOUD_API_KEY is set, until Ctrl-C. Prints the page's URL.
import { spawnSync } from 'node:child_process';

const build = spawnSync(
  'turbo',
  ['run', 'build', '--filter=@llamacloud-chat/web...', '--output-logs=errors-only'],
  { encoding: 'utf8', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
);
if (build.error) throw build.error;
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  process.exit(build.status ?? 1);
}

await import('../packages/web/dist/relay/main.js');
