// `pnpm mcp [--transport http] [--port <n>]`: builds the MCP server quietly (a turbo cache hit when nothing
// changed), then runs it in this process. On stdio, stdout carries only the protocol: the build says nothing there.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every turbo the project starts goes through scripts/turbo.mjs (telemetry off, caches out of TMPDIR). */
const TURBO = fileURLToPath(new URL('./turbo.mjs', import.meta.url));

const build = spawnSync(
  process.execPath,
  [TURBO, 'run', 'build', '--filter=@llamacloud-chat/mcp...', '--output-logs=errors-only'],
  { encoding: 'utf8' },
);
if (build.error) throw build.error;
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  process.exit(build.status ?? 1);
}

await import('../packages/mcp/dist/main.js');
