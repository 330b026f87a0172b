// Clones of this repository in temp folders, and pnpm and turbo run inside them as a developer would.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The pnpm running this test (`npm_execpath`, under `pnpm test`), else the pinned one through npx. */
const PNPM = process.env.npm_execpath?.includes('pnpm') ? process.env.npm_execpath : undefined;
const PINNED = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager as string;

/**
 * This process's environment without the settings of the turbo run that may have started it (`TURBO_*`: a
 * remote cache, `--force`, a cache folder), so a clone's turbo is configured only by what a test passes; and
 * with turbo's telemetry off, as the project's own scripts have it.
 */
function childEnv(env: Env): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('TURBO_'));
  const merged = { ...Object.fromEntries(inherited), TURBO_TELEMETRY_DISABLED: '1', ...env };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}

/** Variables to set for a command, or (`undefined`) to leave out of its environment. */
export type Env = Record<string, string | undefined>;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(cwd: string, command: string, args: string[], env: Env = {}): Promise<Run> {
  const start = performance.now();
  return new Promise((done) => {
    const child = execFile(
      command,
      args,
      { cwd, env: childEnv(env), maxBuffer: 256 * 2 ** 20 },
      (error, stdout, stderr) => {
        if (child.pid) running.delete(child.pid);
        done({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          ms: performance.now() - start,
        });
      },
    );
    if (child.pid) running.add(child.pid);
  });
}

/** The commands `run` started that have not ended yet. */
const running = new Set<number>();

/**
 * Kills every command still running, with every process it started (pnpm → turbo → tsc, …): for `afterAll`,
 * when a test failed or timed out in the middle of one. Ctrl-C needs none of this: it reaches them all.
 */
export function stopRunning(): void {
  const tree = [...running].flatMap((pid) => [pid, ...descendants(pid)]);
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

/** Every process below `pid`, read from /proc (Linux; elsewhere none, and only `pid` itself is killed). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Ended while being read.
    }
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const next = children.get(queue.shift() as number) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

/** The command and arguments that run pnpm with `args`. */
export function pnpmCommand(args: string[]): [string, string[]] {
  return PNPM ? [process.execPath, [PNPM, ...args]] : ['npx', ['-y', PINNED, ...args]];
}

/** Runs pnpm in `cwd` with `args`. */
export function pnpm(cwd: string, args: string[], env: Env = {}): Promise<Run> {
  const [command, argv] = pnpmCommand(args);
  return run(cwd, command, argv, env);
}

/**
 * Starts pnpm with `args` in `cwd` as a terminal starts a command: in a process group of its own, which
 * `interrupt()` signals as a whole, as Ctrl-C does. Resolves `ready` once stdout matches `ready`.
 */
export function startInGroup(cwd: string, args: string[], ready: RegExp, env: Env = {}) {
  // pnpm itself, not npx around it: npx runs pnpm through a shell of its own that dies of the SIGINT, which
  // says nothing about pnpm or the project.
  const fetched = PNPM
    ? undefined
    : execFileSync('npx', ['-y', '-p', PINNED, 'sh', '-c', 'command -v pnpm'], { encoding: 'utf8' }).trim();
  const bin = PNPM ?? (fetched as string);
  // Turbo (in the scripts' builds) looks for pnpm on PATH, where npx would have put it.
  const path = fetched ? { PATH: `${dirname(fetched)}:${process.env.PATH}` } : {};
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: childEnv({ ...path, ...env }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) running.add(child.pid);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (child.pid) running.delete(child.pid);
      resolve(code);
    }),
  );
  const started = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (ready.test(stdout)) resolve();
    });
    void exited.then(() => reject(new Error(`exited before ${ready}: ${stdout}${stderr}`)));
  });
  return {
    started,
    exited,
    output: () => ({ stdout, stderr }),
    interrupt: () => process.kill(-(child.pid as number), 'SIGINT'),
  };
}

export interface Clone {
  dir: string;
  /** Removes the clone and its temp folder. Safe to call twice. */
  dispose(): Promise<void>;
}

/** A fresh clone of the committed repository (HEAD) in a temp folder; removed by `dispose()`. */
export async function clone(): Promise<Clone> {
  const parent = await mkdtemp(join(tmpdir(), 'llamacloud-chat-clone-'));
  const dispose = () => rm(parent, { recursive: true, force: true });
  const dir = join(parent, 'repo');
  const cloned = await run(ROOT, 'git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir]);
  if (cloned.code !== 0) {
    await dispose();
    throw new Error(`git clone failed: ${cloned.stderr}`);
  }
  return { dir, dispose };
}

/** A fresh clone with its dependencies installed, as the README's Quick start does. */
export async function installedClone(): Promise<Clone & { installMs: number }> {
  const repo = await clone();
  const install = await pnpm(repo.dir, ['install', '--frozen-lockfile', '--prefer-offline']);
  if (install.code !== 0) {
    await repo.dispose();
    throw new Error(`pnpm install failed:\n${install.stdout.slice(-2000)}\n${install.stderr.slice(-2000)}`);
  }
  return { ...repo, installMs: install.ms };
}

export interface DryTask {
  hash: string;
  cache: boolean;
  /** The files turbo hashed for this task, relative to its package. */
  inputs: Record<string, string>;
}

/** Each task's key (hash) as `turbo run <args> --dry=json` computes it now, tasks no package defines left out. */
export async function dryRun(dir: string, args: string[]): Promise<Map<string, DryTask>> {
  const dry = await pnpm(dir, ['exec', 'turbo', 'run', ...args, '--dry=json']);
  if (dry.code !== 0) throw new Error(`turbo --dry failed: ${dry.stderr}`);
  const { tasks } = JSON.parse(dry.stdout) as {
    tasks: {
      taskId: string;
      hash: string;
      command: string;
      inputs: Record<string, string>;
      resolvedTaskDefinition: { cache: boolean };
    }[];
  };
  return new Map(
    tasks
      .filter((t) => t.command !== '<NONEXISTENT>')
      .map((t) => [t.taskId, { hash: t.hash, cache: t.resolvedTaskDefinition.cache, inputs: t.inputs }]),
  );
}

export interface TaskRun {
  hash: string;
  /** MISS: the task ran; HIT: it was replayed from a cache. */
  status: 'HIT' | 'MISS';
  source: 'LOCAL' | 'REMOTE' | undefined;
}

/**
 * Runs `turbo run <args>` for real, as a developer does (`pnpm turbo`, the root script, which writes docs/api.md
 * from the spec first), and reads back, from turbo's run summary, each task's key and whether it ran
 * or was replayed (and from which cache). Throws, with turbo's output, if the run fails.
 */
export async function turboRun(
  dir: string,
  args: string[],
  env: Env = {},
): Promise<{ tasks: Map<string, TaskRun>; ms: number }> {
  const result = await pnpm(dir, ['turbo', 'run', ...args, '--summarize', '--output-logs=errors-only'], env);
  if (result.code !== 0) {
    throw new Error(`turbo run ${args.join(' ')} failed:\n${result.stdout.slice(-4000)}\n${result.stderr}`);
  }
  const path = /Summary:\s+(\S+\.json)/.exec(result.stdout)?.[1];
  if (!path) throw new Error(`turbo printed no run summary:\n${result.stdout.slice(-2000)}`);
  const summary = JSON.parse(await readFile(resolve(dir, path), 'utf8')) as {
    tasks: {
      taskId: string;
      hash: string;
      command: string;
      cache: { status: 'HIT' | 'MISS'; source?: 'LOCAL' | 'REMOTE' };
    }[];
  };
  const tasks = new Map(
    summary.tasks
      .filter((t) => t.command !== '<NONEXISTENT>')
      .map((t) => [t.taskId, { hash: t.hash, status: t.cache.status, source: t.cache.source }] as const),
  );
  return { tasks, ms: result.ms };
}

/** The ids of the tasks whose status is `status`, sorted. */
export function withStatus(tasks: Map<string, TaskRun>, status: TaskRun['status']): string[] {
  return [...tasks]
    .filter(([, t]) => t.status === status)
    .map(([id]) => id)
    .sort();
}
