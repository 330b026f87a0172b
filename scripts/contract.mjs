// `pnpm contract`: the contract suite against the Prism mock (cached by turbo), or, with CONTRACT_BASE_URL set,
// against that server through Prism's validating proxy (never cached). Extra arguments go to turbo.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every turbo the project starts goes through scripts/turbo.mjs (telemetry off, caches out of TMPDIR). */
const TURBO = fileURLToPath(new URL('./turbo.mjs', import.meta.url));

// biome-ignore lint/suspicious/noUndeclaredEnvVars: read before turbo runs, to choose the task; contract:live passes it through.
const live = Boolean(process.env.CONTRACT_BASE_URL);
const task = live ? 'contract:live' : 'test';
const { status, error } = spawnSync(
  process.execPath,
  [TURBO, 'run', task, '--filter=@llamacloud-chat/contract', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
if (error) throw error;
process.exit(status ?? 1);
