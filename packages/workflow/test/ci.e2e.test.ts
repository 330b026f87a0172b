// .ci/run, with a stand-in `npx` on PATH that records each command and fails on demand: CI runs the README's
// test line, then the suite on Node 24 through the same pinned pnpm, and fails when either fails, or when a run
// changed a committed file (a derived file that was not regenerated and committed), naming it and the command.
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, run } from './support/repo.js';

let dir: string;
let pnpmCommand: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ci-run-'));
  await mkdir(join(dir, '.ci'));
  await mkdir(join(dir, 'bin'));
  await copyFile(join(ROOT, '.ci/run'), join(dir, '.ci/run'));

  // `npx -y pnpm@<version> <args>`: appends `<args>` to $CALLS; fails when the pnpm command is $FAIL_ON; when
  // it is $REGENERATE, rewrites docs/api.md as a generate would after a spec edit.
  await writeFile(
    join(dir, 'bin/npx'),
    [
      '#!/usr/bin/env bash',
      'shift 2',
      'echo "$*" >> "$CALLS"',
      'if [ "$1" = "$REGENERATE" ]; then echo "regenerated" > docs/api.md; fi',
      'if [ "$1" = "$FAIL_ON" ]; then exit 1; fi',
      '',
    ].join('\n'),
  );
  await chmod(join(dir, 'bin/npx'), 0o755);
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    packageManager: string;
  };
  pnpmCommand = `npx -y ${manifest.packageManager}`;
  // The README's Quick start, as .ci/run reads it (the real README is not an input of these tests).
  await writeFile(
    join(dir, 'README.md'),
    [
      '# llamacloud-chat',
      '',
      '## Quick start',
      '',
      '```sh',
      `${pnpmCommand} install --frozen-lockfile && ${pnpmCommand} start`,
      `${pnpmCommand} install --frozen-lockfile && ${pnpmCommand} test`,
      '```',
      '',
      '## How it fits together',
      '',
    ].join('\n'),
  );
  // A commit, as CI's checkout is, holding a derived file.
  await mkdir(join(dir, 'docs'));
  await writeFile(join(dir, 'docs/api.md'), 'as committed\n');
  await writeFile(join(dir, '.gitignore'), 'bin/\ncalls-*.log\n');
  for (const args of [
    ['init', '-q'],
    ['add', '.'],
    ['-c', 'user.name=ci', '-c', 'user.email=ci@localhost', 'commit', '-qm', 'ci'],
  ])
    await run(dir, 'git', args);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function ci(failOn: string, regenerate = '') {
  const calls = join(dir, `calls-${failOn.replace(':', '-') || 'none'}-${regenerate || 'none'}.log`);
  const result = await run(dir, 'bash', ['.ci/run'], {
    FAIL_ON: failOn,
    REGENERATE: regenerate,
    CALLS: calls,
    PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
  });
  const log = await readFile(calls, 'utf8').catch(() => '');
  return { ...result, calls: log.trim().split('\n') };
}

it("runs the README's install and test line, then the Node 24 suite, and passes when both pass", async () => {
  const { code, calls, stdout } = await ci('');
  expect(calls).toEqual(['install --frozen-lockfile', 'test', 'test:node24']);
  expect(stdout).toContain(`+ ${pnpmCommand} test:node24`);
  expect(code).toBe(0);
});

it('fails when the suite fails on Node 20, and still runs it on Node 24', async () => {
  const { code, calls } = await ci('test');
  expect(calls).toEqual(['install --frozen-lockfile', 'test', 'test:node24']);
  expect(code).not.toBe(0);
});

it('fails when the suite fails on Node 24 only', async () => {
  const { code, calls, stderr } = await ci('test:node24');
  expect(calls).toEqual(['install --frozen-lockfile', 'test', 'test:node24']);
  expect(code).not.toBe(0);
  expect(stderr).toContain('on Node 24 1');
});

it('fails when the test run changed a committed file, naming it and the command that regenerates it', async () => {
  try {
    const { code, calls, stderr } = await ci('', 'test');
    expect(calls).toEqual(['install --frozen-lockfile', 'test', 'test:node24']);
    expect(code).not.toBe(0);
    expect(stderr).toContain(
      `CI failed: the test run changed docs/api.md, a file the commit holds. Derived files are rewritten by \`${pnpmCommand} generate\`: run it and commit docs/api.md.`,
    );
  } finally {
    await run(dir, 'git', ['checkout', '--', 'docs/api.md']);
  }
});
