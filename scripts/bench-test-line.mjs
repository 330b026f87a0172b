// `npx -y pnpm@10.34.9 run bench:test-line`: the spec-edit loop's budgets, measured on this machine and printed,
// never asserted by a timed test. In a fresh clone of HEAD (in a temporary folder, with an empty HOME and TMPDIR
// of its own, removed afterwards) it runs the README's install line, then its test command, then edits one word
// of a description in the spec and runs the test command again. For each it prints the wall time and the CPU time
// (user + sys of every process the command started and waited for), the budget and whether it was met, and that
// the edit left docs/api.md regenerated in the working tree. `--ci` also runs .ci/run, as CI does, in a fresh
// clone of its own.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { ci: { type: 'boolean', default: false } } });
const { packageManager } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const PNPM = `npx -y ${packageManager}`;

/** CPU seconds (user + sys) of this process's waited-for children so far, from /proc (Linux). */
function childrenCpu() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ", cutime and cstime are the 14th and 15th fields (stat's 16th and 17th), in clock ticks.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Runs `command` in bash in `cwd` with `env`; its wall and CPU seconds, and its exit code. */
function measure(command, cwd, env) {
  const cpu = childrenCpu();
  const start = performance.now();
  const result = spawnSync('bash', ['-c', command], {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 256 * 2 ** 20,
  });
  return {
    code: result.status ?? 1,
    wall: (performance.now() - start) / 1000,
    cpu: childrenCpu() - cpu,
    stderr: String(result.stderr ?? ''),
  };
}

const work = await mkdtemp(join(tmpdir(), 'bench-test-line-'));
const rows = [];
try {
  const home = join(work, 'home');
  const temp = join(work, 'tmp');
  const clone = join(work, 'clone');
  await mkdir(home);
  await mkdir(temp);
  const git = spawnSync('git', ['clone', '--quiet', ROOT, clone]);
  if (git.status !== 0) throw new Error(`git clone failed: ${git.stderr}`);
  // The machine's environment less this run's pnpm and turbo settings, with a home and TMPDIR of its own.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|PNPM_|TURBO_)/i.test(name)),
  );
  Object.assign(env, { HOME: home, TMPDIR: temp });

  const step = (what, command, budget) => {
    const run = measure(command, clone, env);
    rows.push({ what, ...run, budget });
    if (run.code !== 0) process.stderr.write(`${what} exited ${run.code}\n${run.stderr.slice(-4000)}\n`);
    return run;
  };

  step('install (README line, first half)', `${PNPM} install --frozen-lockfile`);
  step('test command, fresh clone', `${PNPM} test`, { wall: 180, cpu: 300 });
  const spec = join(clone, 'openapi/openapi.yaml');
  const text = await readFile(spec, 'utf8');
  await writeFile(spec, text.replace('Unique session identifier.', 'Unique session identifier (edited).'));
  step('test command, after a one-word spec edit', `${PNPM} test`, { wall: 180 });
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: clone, encoding: 'utf8' }).stdout;
  rows.push({ what: `git status after the edit: ${status.trim().split('\n').join(', ')}`, note: true });
  if (values.ci) {
    // CI's own fresh clone, as CI runs it: .ci/run installs and runs the suite on Node 20, then on Node 24.
    const ci = join(work, 'ci');
    spawnSync('git', ['clone', '--quiet', ROOT, ci]);
    const run = measure('CI=true bash .ci/run < /dev/null', ci, env);
    rows.push({
      what: '.ci/run in a fresh clone (Node 20, then Node 24 forced)',
      ...run,
      budget: { wall: 900 },
    });
    if (run.code !== 0) process.stderr.write(`.ci/run exited ${run.code}\n${run.stderr.slice(-4000)}\n`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

const fmt = (seconds) => `${seconds.toFixed(0)} s`;
console.log(
  `The spec-edit loop on ${process.platform}, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log('| step | exit | wall | CPU (user + sys) | budget | met |');
console.log('| --- | --- | --- | --- | --- | --- |');
let failed = false;
for (const row of rows) {
  if (row.note) {
    console.log(`| ${row.what} | | | | | |`);
    continue;
  }
  const budget = row.budget
    ? [row.budget.wall && `≤ ${fmt(row.budget.wall)} wall`, row.budget.cpu && `≤ ${fmt(row.budget.cpu)} CPU`]
        .filter(Boolean)
        .join(', ')
    : '';
  const met =
    !row.budget ||
    (row.code === 0 &&
      (!row.budget.wall || row.wall <= row.budget.wall) &&
      (!row.budget.cpu || row.cpu <= row.budget.cpu));
  failed ||= !met;
  console.log(
    `| ${row.what} | ${row.code} | ${fmt(row.wall)} | ${fmt(row.cpu)} | ${budget} | ${row.budget ? (met ? 'yes' : 'NO') : ''} |`,
  );
}
process.exitCode = failed ? 1 : 0;
