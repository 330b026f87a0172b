// Clones of this repository in temp folders, and pnpm and turbo run inside them as a developer would.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The pnpm running this test (`npm_execpath`, under `pnpm test`), else the pinned one through npx. */
const PNPM = process.env.npm_execpath?.includes('pnpm') ? process.env.npm_execpath : undefined;
const PINNED = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager as string;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Run> {
  const start = performance.now();
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, ...env }, maxBuffer: 256 * 2 ** 20 },
      (error, stdout, stderr) =>
        done({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          ms: performance.now() - start,
        }),
    );
  });
}

/** Runs pnpm in `cwd` with `args`. */
export function pnpm(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return PNPM
    ? run(cwd, process.execPath, [PNPM, ...args], env)
    : run(cwd, 'npx', ['-y', PINNED, ...args], env);
}

/** A fresh clone of the committed repository in a temp folder; removed by `dispose()`. */
export async function clone(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'llamacloud-chat-clone-'));
  const dir = join(parent, 'repo');
  const cloned = await run(ROOT, 'git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir]);
  if (cloned.code !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
  return { dir, dispose: () => rm(parent, { recursive: true, force: true }) };
}
