// The task graph's cache keys, read from `turbo run --dry=json` in a clone: an edit re-runs exactly the tasks that
// depend on what changed, and nothing else.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clone, pnpm, run } from './support/repo.js';

const PIPELINE = ['lint:code', 'lint', 'typecheck', 'test', 'contract:live'];

let repo: Awaited<ReturnType<typeof clone>>;
let before: Map<string, { hash: string; cache: boolean }>;

/** Each task's hash (and whether it may be cached) for the test pipeline, as turbo computes it now. */
async function hashes(): Promise<Map<string, { hash: string; cache: boolean }>> {
  const dry = await pnpm(repo.dir, ['exec', 'turbo', 'run', ...PIPELINE, '--dry=json']);
  if (dry.code !== 0) throw new Error(`turbo --dry failed: ${dry.stderr}`);
  const { tasks } = JSON.parse(dry.stdout) as {
    tasks: { taskId: string; hash: string; command: string; resolvedTaskDefinition: { cache: boolean } }[];
  };
  return new Map(
    tasks
      .filter((t) => t.command !== '<NONEXISTENT>')
      .map((t) => [t.taskId, { hash: t.hash, cache: t.resolvedTaskDefinition.cache }]),
  );
}

/** The tasks whose hash differs from the unedited clone's, i.e. the tasks an edit makes turbo run again. */
async function rerunAfter(edit: () => Promise<void>): Promise<string[]> {
  await edit();
  const after = await hashes();
  await run(repo.dir, 'git', ['checkout', '--', '.']);
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
  afterAll(() => repo?.dispose());

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
      ]),
    );
    expect(rerun).not.toContain('//#lint:code');
  });

  it('a client source edit does not re-run generate', async () => {
    const rerun = await rerunAfter(edit('packages/client/src/errors.ts', (s) => `${s}\n// an edit\n`));

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

  it('a README edit re-runs nothing', async () => {
    expect(await rerunAfter(() => appendFile(join(repo.dir, 'README.md'), '\nAn edit.\n'))).toEqual([]);
  });

  it('a live contract run is never cached', () => {
    expect(before.get('@llamacloud-chat/contract#contract:live')).toMatchObject({ cache: false });
    expect(before.get('@llamacloud-chat/contract#test')).toMatchObject({ cache: true });
  });
});
