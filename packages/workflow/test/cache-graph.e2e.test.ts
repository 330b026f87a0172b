// The task graph's cache keys, read from `turbo run --dry=json` in a clone: an edit re-runs exactly the tasks that
// depend on what changed, and nothing else.
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clone, clone, type DryTask, dryRun, run, stopRunning } from './support/repo.js';

/** Every task of the test command, the build and the contract suite. */
const PIPELINE = [
  'lint:code',
  'lint',
  'spec:check',
  'build',
  'typecheck',
  'test',
  'test:e2e',
  'docs:check',
  'contract:live',
];

let repo: Clone;
let before: Map<string, DryTask>;

/** Each task's hash (and whether it may be cached) for the pipeline, as turbo computes it now. */
const hashes = () => dryRun(repo.dir, PIPELINE);

/** The tasks whose hash differs from the unedited clone's, i.e. the tasks an edit makes turbo run again. */
async function rerunAfter(edit: () => Promise<void>): Promise<string[]> {
  await edit();
  const after = await hashes();
  await run(repo.dir, 'git', ['checkout', '--', '.']);
  await run(repo.dir, 'git', ['clean', '-fdqx']); // and every file an edit made, git-ignored or not
  return [...after]
    .filter(([id, { hash }]) => before.get(id)?.hash !== hash)
    .map(([id]) => id)
    .sort();
}

const edit = (file: string, change: (text: string) => string) => async () => {
  const path = join(repo.dir, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
};

describe('turbo cache keys', () => {
  beforeAll(async () => {
    repo = await clone();
    before = await hashes();
  });
  afterAll(async () => {
    stopRunning();
    await repo?.dispose();
  });

  it('an unchanged rerun has the same key for every task: a full cache hit', async () => {
    expect(await rerunAfter(async () => {})).toEqual([]);
  });

  it('a spec edit re-runs generate, the client build, typecheck and tests, and the contract suite; not unrelated lint', async () => {
    const rerun = await rerunAfter(
      edit('openapi/openapi.yaml', (s) =>
        s.replace(
          'List all chat sessions for the current project.',
          'List every chat session of the project.',
        ),
      ),
    );

    expect(rerun).toEqual(
      expect.arrayContaining([
        '@llamacloud-chat/openapi#lint',
        '@llamacloud-chat/client#generate',
        '@llamacloud-chat/client#build',
        '@llamacloud-chat/client#typecheck',
        '@llamacloud-chat/client#test',
        '@llamacloud-chat/contract#test',
        '@llamacloud-chat/examples#typecheck',
        '@llamacloud-chat/cli#test',
        '@llamacloud-chat/examples#test:e2e',
      ]),
    );
    expect(rerun).not.toContain('//#lint:code');
    expect(rerun).not.toContain('@llamacloud-chat/test-support#build');
  });

  it("git-ignored files (generated code, builds, logs, caches) change no task's key", async () => {
    // What a run leaves behind, with contents no run would produce: were any of it an input, its key would move.
    const ignored = ['.turbo/cache/x.json', 'node_modules/.cache/x.json', 'x.tsbuildinfo'];
    const packages = (await readdir(join(repo.dir, 'packages'))).map((name) => `packages/${name}`);
    for (const pkg of ['openapi', ...packages]) {
      ignored.push(
        `${pkg}/dist/index.js`,
        `${pkg}/.turbo/turbo-build.log`,
        `${pkg}/node_modules/.cache/x.json`,
        `${pkg}/tsconfig.tsbuildinfo`,
      );
    }
    for (const pkg of packages) ignored.push(`${pkg}/src/generated/openapi.ts`, `${pkg}/test/generated/x.ts`);
    const rerun = await rerunAfter(async () => {
      for (const file of ignored) {
        await mkdir(dirname(join(repo.dir, file)), { recursive: true });
        await writeFile(join(repo.dir, file), 'export const stale = 1;\n');
      }
      // The premise: git ignores every one of them.
      expect((await run(repo.dir, 'git', ['status', '--porcelain'])).stdout).toBe('');
    });

    expect(rerun).toEqual([]);
  });

  it('a client source edit does not re-run generate', async () => {
    const rerun = await rerunAfter(edit('packages/client/src/transport.ts', (s) => `${s}\n// an edit\n`));

    expect(rerun).toEqual(
      expect.arrayContaining(['@llamacloud-chat/client#build', '@llamacloud-chat/client#test']),
    );
    expect(rerun).not.toContain('@llamacloud-chat/client#generate');
    expect(rerun).not.toContain('@llamacloud-chat/openapi#lint');
  });

  it('a client test edit re-runs the client tests, not its build', async () => {
    const rerun = await rerunAfter(
      edit('packages/client/test/paginate.test.ts', (s) => `${s}\n// an edit\n`),
    );

    expect(rerun).toContain('@llamacloud-chat/client#test');
    expect(rerun).not.toContain('@llamacloud-chat/client#build');
    expect(rerun).not.toContain('@llamacloud-chat/contract#test');
  });

  it('a README edit re-runs only the docs check (its links and runnable blocks)', async () => {
    expect(await rerunAfter(() => appendFile(join(repo.dir, 'README.md'), '\nAn edit.\n'))).toEqual([
      '@llamacloud-chat/workflow#docs:check',
    ]);
  });

  it('a live contract run is never cached', () => {
    expect(before.get('@llamacloud-chat/contract#contract:live')).toMatchObject({ cache: false });
    expect(before.get('@llamacloud-chat/contract#test')).toMatchObject({ cache: true });
  });
});
