// The project's commands run for real in two installed clones of HEAD, and what a developer sees of them.
//
// Turbo's cache keys: a small slice of the task graph, run in both clones, which share a self-hosted remote cache
// (in this process, on 127.0.0.1):
// - "warm" is the developer's checkout: it has run the slice, edited the spec and reverted the edit, so it has
//   generated files, dist/ and .turbo/ (and a local cache);
// - "fresh" is CI's, or a new colleague's: installed, nothing run, until it replays the slice from the entries the
//   warm checkout wrote to the remote cache.
// The slice is `build` of the examples package and what it depends on: `generate` (spec → types), the client's
// build of the generated types, a consumer's build, and a build that does not depend on the spec at all
// (test-support). No test suite runs inside the clones. These tests run in order and build on each other.
//
// Quiet output: no telemetry notice from turbo (and its telemetry off, with no file written into HOME), and no Node
// end-of-life banner from Redocly. (That a test run leaves TMPDIR as it was is checked by every run itself: each
// package's vitest runs in a TMPDIR of its own that must be empty at its end, test-support's tmpdir-guard, and
// .ci/run fails when the whole suite left anything in TMPDIR.)
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RemoteCache, startRemoteCache } from './support/remote-cache.js';
import {
  type Clone,
  dryRun,
  installedClone,
  pnpm,
  ROOT,
  run,
  startInGroup,
  stopRunning,
  turboRun,
  withStatus,
} from './support/repo.js';

const SLICE = ['build', '--filter=@llamacloud-chat/examples...'];
const SLICE_TASKS = [
  '@llamacloud-chat/client#build',
  '@llamacloud-chat/client#generate',
  '@llamacloud-chat/examples#build',
  '@llamacloud-chat/test-support#build',
];
/** What depends on the spec in the slice: its generated types, the client built from them, the client's consumer. */
const SPEC_DEPENDENTS = [
  '@llamacloud-chat/client#build',
  '@llamacloud-chat/client#generate',
  '@llamacloud-chat/examples#build',
];
/** Every task of `pnpm test`, `pnpm build` and `pnpm contract`, for comparing keys. */
const EVERY_TASK = ['lint:code', 'lint', 'spec:check', 'build', 'typecheck', 'test', 'contract:live'];

const GENERATED = 'packages/client/src/generated/openapi.ts';
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The committed files that differ from HEAD in `dir`. */
async function changedFiles(dir: string): Promise<string[]> {
  const { stdout } = await run(dir, 'git', ['diff', '--name-only', 'HEAD']);
  return stdout.split('\n').filter(Boolean).sort();
}

let remote: RemoteCache | undefined;
let warm: Clone | undefined;
let fresh: Clone | undefined;

beforeAll(async () => {
  const started = await Promise.allSettled([startRemoteCache(), installedClone(), installedClone()]);
  const [r, w, f] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
  remote = r as RemoteCache | undefined;
  warm = w as Clone | undefined;
  fresh = f as Clone | undefined;
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
});

// Runs even when beforeAll or a test failed or timed out: stops any command still running in a clone, then the
// server, and removes both clones and the cache's storage.
afterAll(async () => {
  stopRunning();
  await Promise.allSettled([remote?.close(), warm?.dispose(), fresh?.dispose()]);
});

describe('turbo runs in clones', () => {
  it('a spec edit re-runs exactly the tasks that depend on the spec, and the next run replays them all', async () => {
    const dir = (warm as Clone).dir;
    // The cold run also fills the remote cache, which the fresh clone replays from below.
    const cold = await turboRun(dir, SLICE, (remote as RemoteCache).env);
    expect(withStatus(cold.tasks, 'MISS')).toEqual(SLICE_TASKS);

    const spec = join(dir, 'openapi/openapi.yaml');
    const original = await readFile(spec, 'utf8');
    const edited = original.replace(
      'List all chat sessions for the current project.',
      'List every chat session of the project.',
    );
    expect(edited).not.toBe(original);
    await writeFile(spec, edited);

    const predicted = await dryRun(dir, SLICE);
    const first = await turboRun(dir, SLICE);
    const second = await turboRun(dir, SLICE);
    console.info(
      `spec edit: the slice ran cold in ${(cold.ms / 1000).toFixed(1)} s; after the edit the first run took ` +
        `${(first.ms / 1000).toFixed(1)} s, the second ${(second.ms / 1000).toFixed(1)} s`,
    );

    expect(withStatus(first.tasks, 'MISS')).toEqual(SPEC_DEPENDENTS);
    expect(withStatus(first.tasks, 'HIT')).toEqual(['@llamacloud-chat/test-support#build']);
    // generate rewrote the committed docs/api.md, ready to commit with the spec: nothing else to run.
    expect(await changedFiles(dir)).toEqual(['docs/api.md', 'openapi/openapi.yaml']);
    expect(await readFile(join(dir, 'docs/api.md'), 'utf8')).toContain(
      'List every chat session of the project.',
    );
    expect(withStatus(second.tasks, 'HIT')).toEqual(SLICE_TASKS);
    // One key per task for the edited spec: the one turbo predicts before anything runs is the one the first run
    // stores and the second finds.
    for (const id of SLICE_TASKS) {
      expect(first.tasks.get(id)?.hash, id).toBe(predicted.get(id)?.hash);
      expect(second.tasks.get(id)?.hash, id).toBe(predicted.get(id)?.hash);
    }

    // Undoing the edit is an edit too: everything is back in the local cache.
    await writeFile(spec, original);
    const reverted = await turboRun(dir, SLICE);
    expect(withStatus(reverted.tasks, 'HIT')).toEqual(SLICE_TASKS);
    for (const id of SLICE_TASKS) expect(reverted.tasks.get(id)?.hash, id).toBe(cold.tasks.get(id)?.hash);
    // The cache hit restored docs/api.md too: the checkout is as committed again.
    expect(await changedFiles(dir)).toEqual([]);
  });

  it('a warm checkout and a fresh clone of the same commit compute the same key for every task', async () => {
    const w = (warm as Clone).dir;
    const f = (fresh as Clone).dir;
    // The premise: the warm one has the git-ignored outputs of runs, the fresh one none.
    expect(await exists(join(w, GENERATED))).toBe(true);
    expect(await exists(join(w, 'packages/examples/dist/list-sessions.js'))).toBe(true);
    expect(await exists(join(f, 'packages/client/src/generated'))).toBe(false);
    expect(await exists(join(f, 'packages/client/dist'))).toBe(false);

    const warmKeys = await dryRun(w, EVERY_TASK);
    const freshKeys = await dryRun(f, EVERY_TASK);
    const differing = [...new Set([...warmKeys.keys(), ...freshKeys.keys()])]
      .filter((id) => warmKeys.get(id)?.hash !== freshKeys.get(id)?.hash)
      .sort();
    expect(differing).toEqual([]);
    expect(freshKeys.size).toBeGreaterThan(20);
  });

  it('a fresh clone replays every task from the entries the warm checkout wrote to the remote cache', async () => {
    const r = remote as RemoteCache;
    const w = (warm as Clone).dir;
    const f = (fresh as Clone).dir;
    // The entries the warm checkout's cold run wrote (its later runs, the spec edit's, wrote more).
    const first = await dryRun(w, SLICE);
    const written = SLICE_TASKS.map((id) => first.get(id)?.hash).sort();
    expect(written.every((hash) => r.uploaded.includes(hash as string))).toBe(true);

    // Remote only: the fresh clone has no local cache to answer.
    const replay = await turboRun(f, [...SLICE, '--cache=remote:r'], r.env);
    console.info(
      `remote cache: the fresh clone replayed the slice from the remote in ${(replay.ms / 1000).toFixed(1)} s`,
    );
    expect(withStatus(replay.tasks, 'HIT')).toEqual(SLICE_TASKS);
    expect([...replay.tasks.values()].map((t) => t.source)).toEqual(SLICE_TASKS.map(() => 'REMOTE'));
    expect([...r.downloaded].sort()).toEqual(written);
    expect(await readFile(join(f, GENERATED), 'utf8')).toBe(await readFile(join(w, GENERATED), 'utf8'));
    expect(await exists(join(f, 'packages/examples/dist/list-sessions.js'))).toBe(true);
  });
});

describe('quiet output', () => {
  it("the project's turbo commands keep turbo's telemetry off and print no notice about it", async () => {
    // An empty home, as on a new machine or in CI, where turbo would first enable telemetry and announce it.
    const home = await mkdtemp(join(tmpdir(), 'empty-home-'));
    try {
      const generate = await pnpm((warm as Clone).dir, ['run', 'generate'], {
        HOME: home,
        XDG_CONFIG_HOME: undefined,
        TURBO_TELEMETRY_DISABLED: undefined,
        DO_NOT_TRACK: undefined,
      });
      expect(generate.code, generate.stderr).toBe(0);
      expect(generate.stdout).toContain('@llamacloud-chat/client:generate');
      // Turbo's notice: "Attention: Turborepo now collects completely anonymous telemetry …".
      expect(`${generate.stdout}${generate.stderr}`).not.toMatch(/anonymous telemetry|docs\/telemetry/i);
      expect(await exists(join(home, '.config/turborepo/telemetry.json'))).toBe(false);

      // The README's commands that start turbo: the test command (its turbo as a dry run), and turbo itself
      // through pnpm, as the README runs one package's tests.
      const bare = {
        HOME: home,
        XDG_CONFIG_HOME: undefined,
        TURBO_TELEMETRY_DISABLED: undefined,
        DO_NOT_TRACK: undefined,
      };
      for (const args of [
        ['test', '--dry=json'],
        ['turbo', 'run', 'test', '--filter=@llamacloud-chat/web', '--dry=json'],
      ]) {
        const dry = await pnpm((warm as Clone).dir, args, bare);
        expect(dry.code, dry.stderr).toBe(0);
        expect(JSON.parse(dry.stdout.slice(dry.stdout.indexOf('{'))).tasks.length).toBeGreaterThan(0);
        expect(`${dry.stdout}${dry.stderr}`).not.toMatch(/anonymous telemetry|docs\/telemetry/i);
        expect(await exists(join(home, '.config/turborepo'))).toBe(false);
      }
      // The same turbo started without the project's script does write the file: the check above can fail.
      const unguarded = await pnpm(
        (warm as Clone).dir,
        ['exec', 'turbo', 'run', 'spec:check', '--dry=json'],
        bare,
      );
      expect(unguarded.code, unguarded.stderr).toBe(0);
      expect(await exists(join(home, '.config/turborepo/telemetry.json'))).toBe(true);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('a spec that does not parse is its one line through generate and test, not turbo framing every task', async () => {
    const dir = (warm as Clone).dir;
    const spec = join(dir, 'openapi/openapi.yaml');
    const original = await readFile(spec, 'utf8');
    // One space too many before a key of a mapping, as a typo makes it.
    await writeFile(spec, original.replace('      summary: List Sessions', '       summary: List Sessions'));
    try {
      for (const script of ['generate', 'test']) {
        const result = await pnpm(dir, [script]);
        expect(result.code).toBe(1);
        const said = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim());
        expect(said).toContain(
          'openapi/openapi.yaml:31:20: Nested mappings are not allowed in compact mappings',
        );
        // pnpm's own header and its one ELIFECYCLE line; nothing from turbo, which never started.
        expect(said.filter((line) => /ELIFECYCLE/.test(line))).toHaveLength(1);
        expect(said.join('\n')).not.toMatch(/Tasks:|Failed:|ERR_|@llamacloud-chat\/[a-z-]+:/);
        expect(said.length).toBeLessThanOrEqual(4);
      }
    } finally {
      await writeFile(spec, original);
    }
  });

  it('a Ctrl-C stops `mock` and `web` quietly: their own last line, exit 0, no ELIFECYCLE from pnpm', async () => {
    for (const [script, ready, last] of [
      ['mock', /listening on http/, 'Stopped the mock (SIGINT).'],
      ['web', /Chat page: http/, 'Stopped the chat page (SIGINT).'],
    ] as const) {
      // In the workspace, whose builds this task depends on: the scripts' own build step is skipped (it would
      // restore builds from turbo's cache while other tests read them; the docs' commands run it as written).
      const server = startInGroup(ROOT, [script, '--port', '0'], ready, { LLAMACLOUD_CHAT_BUILT: '1' });
      await server.started;
      server.interrupt();
      expect(await server.exited).toBe(0);
      const { stdout, stderr } = server.output();
      expect(stdout.trimEnd().split('\n').at(-1)).toBe(last);
      expect(`${stdout}${stderr}`).not.toMatch(/ELIFECYCLE|Command failed/);
    }
  });

  it("the spec's lint prints Redocly's findings and no Node end-of-life banner", async () => {
    const dir = (warm as Clone).dir;
    const lint = await pnpm(dir, ['--filter', '@llamacloud-chat/openapi', 'run', 'lint']);
    expect(lint.code, lint.stderr).toBe(0);
    expect(lint.stderr).toContain('Your API description is valid');
    expect(`${lint.stdout}${lint.stderr}`).not.toMatch(/end-of-life|support is ending|╔/);

    // A spec with a problem still fails the lint, and says where.
    const spec = await readFile(join(dir, 'openapi/openapi.yaml'), 'utf8');
    await writeFile(
      join(dir, 'openapi/broken.yaml'),
      spec.replace(/^openapi: (.*)$/m, 'openapi: $1\nfoo: bar'),
    );
    try {
      const broken = await pnpm(dir, [
        '--filter',
        '@llamacloud-chat/openapi',
        'exec',
        'node',
        'scripts/lint.mjs',
        'broken.yaml',
      ]);
      expect(broken.code).not.toBe(0);
      expect(broken.stdout).toContain('Property `foo` is not expected here.');
      expect(broken.stderr).toContain('Validation failed with 1 error');
      expect(`${broken.stdout}${broken.stderr}`).not.toMatch(/end-of-life|support is ending/);
    } finally {
      await rm(join(dir, 'openapi/broken.yaml'), { force: true });
    }
  });
});
