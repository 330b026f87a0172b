// `pnpm web [--port <n>]`: builds the chat page and its relay quietly (a turbo cache hit when nothing changed),
// then serves them, with the built-in mock unless LLAMA_CLOUD_API_KEY is set, until Ctrl-C. Prints the page's URL.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every turbo the project starts goes through scripts/turbo.mjs (telemetry off, caches out of TMPDIR). */
const TURBO = fileURLToPath(new URL('./turbo.mjs', import.meta.url));

const build = spawnSync(
  process.execPath,
  [TURBO, 'run', 'build', '--filter=@llamacloud-chat/web...', '--output-logs=errors-only'],
  { encoding: 'utf8' },
);
if (build.error) throw build.error;
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  process.exit(build.status ?? 1);
}

await import('../packages/web/dist/relay/main.js');
