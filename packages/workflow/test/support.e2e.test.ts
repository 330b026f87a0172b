// The clean-up the other tests rely on when one of them fails mid-command: nothing they started may outlive them.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { run, stopRunning } from './support/repo.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stop-running-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('stopRunning ends a command still running, and the processes it started', async () => {
  // A command that starts a grandchild and waits: as pnpm → turbo → tsc would.
  const pidFile = join(dir, 'grandchild.pid');
  const command = run(dir, 'bash', ['-c', `sleep 300 & echo $! > ${pidFile}; wait`]);
  let grandchild = 0;
  for (let tries = 0; !grandchild && tries < 200; tries++) {
    grandchild = Number(await readFile(pidFile, 'utf8').catch(() => '0'));
    if (!grandchild) await new Promise((r) => setTimeout(r, 50));
  }
  expect(grandchild).toBeGreaterThan(0);

  let gone = false;
  try {
    stopRunning();
    for (let tries = 0; !gone && tries < 100; tries++) {
      gone = !(await isRunning(grandchild));
      if (!gone) await new Promise((r) => setTimeout(r, 50));
    }
    expect(gone).toBe(true);
    expect((await command).code).not.toBe(0);
  } finally {
    // Only when stopRunning failed to: the sleep is still ours then, and must not outlive the test.
    if (!gone) process.kill(grandchild, 'SIGKILL');
  }
});

/** Whether `pid` is a live process (a zombie waiting to be reaped does not count). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}
