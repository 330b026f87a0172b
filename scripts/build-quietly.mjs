// The root scripts that run something of the workspace (cli, start, mock, web, mcp) build it first, quietly: a
// turbo cache hit when nothing changed, nothing on stdout (which, for the MCP server on stdio, carries only the
// protocol), and turbo's own output on stderr only when the build fails, whose exit code is then the script's.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every turbo the project starts goes through scripts/turbo.mjs (telemetry off, caches out of TMPDIR). */
const TURBO = fileURLToPath(new URL('./turbo.mjs', import.meta.url));

/** Builds `pkg` and what it depends on; exits the process when the build fails. */
export function buildQuietly(pkg) {
  // Set by a test that runs a root script inside a turbo task whose dependencies turbo has just built: a nested
  // turbo would restore every build from its cache, rewriting the files other tests are reading.
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by a test for this script, not a turbo task's input.
  if (process.env.LLAMACLOUD_CHAT_BUILT === '1') return;
  const build = spawnSync(
    process.execPath,
    [TURBO, 'run', 'build', `--filter=${pkg}...`, '--output-logs=errors-only'],
    { encoding: 'utf8' },
  );
  if (build.error) throw build.error;
  if (build.status !== 0) {
    process.stderr.write(build.stdout + build.stderr);
    process.exit(build.status ?? 1);
  }
}
