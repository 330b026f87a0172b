// `pnpm mock [--port <n>]`: builds the mock quietly (a turbo cache hit when nothing changed), then serves it in
// this process until Ctrl-C, so the mock's own signal handling is all there is between the terminal and it.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every turbo the project starts goes through scripts/turbo.mjs (telemetry off, caches out of TMPDIR). */
const TURBO = fileURLToPath(new URL('./turbo.mjs', import.meta.url));

const build = spawnSync(
  process.execPath,
  [TURBO, 'run', 'build', '--filter=@llamacloud-chat/mock...', '--output-logs=errors-only'],
  { encoding: 'utf8' },
);
if (build.error) throw build.error;
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  process.exit(build.status ?? 1);
}

await import('../packages/mock/dist/mock-server.js');
