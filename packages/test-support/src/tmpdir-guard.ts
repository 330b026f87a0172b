// A vitest globalSetup for every package's test runs (both tiers): the run gets an empty TMPDIR of its own, which
// the tests and every process they start inherit, and fails at its end, naming each entry, when anything is left
// in it. Nothing a test makes outlives the run, and the machine's TMPDIR is as it was.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let own: string | undefined;
let outer: string | undefined;

export async function setup(): Promise<void> {
  outer = process.env.TMPDIR;
  own = await mkdtemp(join(tmpdir(), 'llamacloud-chat-test-run-'));
  process.env.TMPDIR = own;
}

export async function teardown(): Promise<void> {
  if (!own) return;
  const dir = own;
  own = undefined;
  if (outer === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outer;
  const left = await readdir(dir);
  await rm(dir, { recursive: true, force: true });
  if (left.length > 0)
    throw new Error(`The tests left ${left.length} entries in TMPDIR: ${left.sort().join(', ')}`);
}
