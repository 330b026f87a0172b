// A self-hosted turbo remote cache (turborepo-remote-cache, local-disk storage, a token) on 127.0.0.1, shared by
// two fresh clones: clone A runs the tests and fills it; clone B, with an empty local cache, replays every
// cacheable task from it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clone, pnpm } from './support/repo.js';

const TOKEN = 'remote-cache-test-token';
// Everything but this package, whose tests are the ones running now.
const PIPELINE = ['run', 'build', 'lint', 'typecheck', 'test', '--filter=!@llamacloud-chat/workflow'];

let server: ChildProcess | undefined;
let storage: string;
let api: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

beforeAll(async () => {
  storage = await mkdtemp(join(tmpdir(), 'turbo-remote-cache-'));
  const port = await freePort();
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('turborepo-remote-cache/package.json')),
    'dist/cli.js',
  );
  server = spawn(process.execPath, [cli], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      TURBO_TOKEN: TOKEN,
      STORAGE_PROVIDER: 'local',
      STORAGE_PATH: storage,
      STORAGE_PATH_USE_TMP_FOLDER: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  api = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const status = await fetch(`${api}/v8/artifacts/status`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    }).catch(() => undefined);
    if (status?.ok) break;
    if (tries > 100 || server.exitCode !== null) throw new Error('turborepo-remote-cache did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  server?.kill();
  await rm(storage, { recursive: true, force: true });
});

/** Installs a fresh clone and runs the pipeline against the remote cache; returns turbo's summary and the time. */
async function runInFreshClone() {
  const repo = await clone();
  try {
    const install = await pnpm(repo.dir, ['install', '--frozen-lockfile', '--prefer-offline']);
    expect(install.code, install.stderr).toBe(0);
    const start = performance.now();
    const result = await pnpm(repo.dir, ['exec', 'turbo', ...PIPELINE], {
      TURBO_API: api,
      TURBO_TOKEN: TOKEN,
      TURBO_TEAM: 'llamacloud-chat',
    });
    const ms = performance.now() - start;
    expect(result.code, result.stdout.slice(-3000)).toBe(0);
    const [, cached, total] = /Cached:\s+(\d+) cached, (\d+) total/.exec(result.stdout) ?? [];
    return { cached: Number(cached), total: Number(total), ms, installMs: install.ms, output: result.stdout };
  } finally {
    await repo.dispose();
  }
}

it('clone B replays every task from the remote cache that clone A filled', async () => {
  const a = await runInFreshClone();
  const b = await runInFreshClone();

  console.info(
    `remote cache: clone A ran ${a.total} tasks (${a.cached} cached) in ${(a.ms / 1000).toFixed(1)} s; ` +
      `clone B replayed ${b.cached} of ${b.total} from the remote in ${(b.ms / 1000).toFixed(1)} s ` +
      `(installs ${(a.installMs / 1000).toFixed(1)} s and ${(b.installMs / 1000).toFixed(1)} s)`,
  );
  expect(a.cached).toBe(0);
  expect(b.total).toBe(a.total);
  expect(b.cached).toBe(b.total);
  expect(b.output).toContain('Remote caching enabled');
  expect(b.ms).toBeLessThan(a.ms);
});
