// The packed, self-contained CLI (scripts/bundle.mjs), as the README has a user put it on PATH from a clone:
// packed, installed with `npm install -g --prefix <tmp>` (offline: it has no dependencies to fetch), then run from
// a folder outside the repository with nothing but Node on PATH. Temp folders are removed.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageDir, tempDir } from './harness.js';

const exec = promisify(execFile);

/** Only Node (and npm beside it) and the system's tools on PATH; no LLAMA_CLOUD_*, no pnpm, no workspace. */
const bareEnv = (home: string) => ({
  PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
  HOME: home,
  npm_config_update_notifier: 'false',
});

describe('the packed CLI', () => {
  it('installs with npm install -g from its tarball and runs --version and a command against the built-in mock', async () => {
    const dir = await tempDir();
    const { stdout: packed } = await exec(
      process.execPath,
      ['scripts/bundle.mjs', '--out', join(dir, 'pack')],
      {
        cwd: packageDir,
      },
    );
    const tarball = packed.trim();
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    const prefix = join(dir, 'prefix');
    const env = bareEnv(dir);

    await exec(
      'npm',
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball],
      {
        env,
        cwd: dir,
      },
    );
    const llamacloudChat = join(prefix, 'bin/llamacloud-chat');
    const shown = await exec(llamacloudChat, ['--version'], { env, cwd: dir });
    const summary = await exec(llamacloudChat, ['sessions', 'summary', 'ses-abc123'], {
      env,
      cwd: dir,
      timeout: 60_000,
    });

    expect(tarball).toBe(join(dir, 'pack', `llamacloud-chat-${version}.tgz`));
    expect(shown.stdout).toBe(`${version}\n`);
    expect(JSON.parse(summary.stdout)).toMatchObject({ session_id: 'ses-abc123' });
    expect(summary.stderr).toMatch(
      /^Using the built-in mock of openapi\/openapi\.yaml at http:\/\/127\.0\.0\.1:\d+/,
    );
    // The hint it prints is the command as it runs there: the bin's name, now on PATH.
    expect(summary.stderr).toContain('\n  llamacloud-chat sessions summary ses-abc123\n');
  }, 120_000);
});
