// The docs as a reader meets them: every relative link (and image) of the README, CONTRIBUTING, the CHANGELOG,
// docs/ and each package's README leads to a file that exists, and to a heading there when it names one; and the
// shell blocks marked `<!-- runnable -->` run as written from the repository's root, on the built-in mock (no key
// set), each line exiting 0 with output. A block marked `<!-- runnable: serves -->` is a server: it must print
// its URL, answer a request there, and stop with its whole process group on Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every Markdown file a reader is pointed to. */
const docs = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  'openapi/README.md',
  ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`),
  ...readdirSync(join(root, 'packages'))
    .map((name) => `packages/${name}/README.md`)
    .filter((path) => existsSync(join(root, path))),
].filter((path) => path.endsWith('.md'));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && /^#{1,6} /.test(line)) anchors.add(slug(line.replace(/^#+ /, '')));
  }
  for (const match of text.matchAll(/<a id="([^"]+)"/g)) anchors.add(match[1] as string);
  return anchors;
}

/** Links and image sources outside code: `[text](target)` and `src="target"`. */
function linksOf(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [
    ...[...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] as string),
    ...[...prose.matchAll(/src="([^"]+)"/g)].map((m) => m[1] as string),
  ];
}

describe('the docs', () => {
  it('name the files this test reads', () => {
    expect(docs).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/api.md',
        'docs/architecture.md',
        'docs/benchmarks.md',
        'packages/client/README.md',
        'packages/cli/README.md',
        'packages/mcp/README.md',
      ]),
    );
  });

  it.each(docs)('%s: every relative link leads somewhere', (doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    const broken: string[] = [];
    for (const link of linksOf(text)) {
      if (/^[a-z]+:/i.test(link)) continue;
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path === '' ? join(root, doc) : resolve(dirname(join(root, doc)), path);
      if (!existsSync(target)) {
        broken.push(`${link} (no ${relative(root, target)})`);
        continue;
      }
      if (anchor && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor))
        broken.push(`${link} (no heading #${anchor} in ${relative(root, target)})`);
    }
    expect(broken).toEqual([]);
  });
});

/** The shell blocks marked runnable, in order: `{ doc, serves, lines }`. */
const runnable = docs.flatMap((doc) =>
  [
    ...readFileSync(join(root, doc), 'utf8').matchAll(/<!-- runnable(: serves)? -->\n```sh\n([\s\S]*?)```/g),
  ].map((match) => ({
    doc,
    serves: match[1] !== undefined,
    lines: (match[2] as string).split('\n').filter((line) => line.trim() && !line.trim().startsWith('#')),
  })),
);

/**
 * The environment a newcomer has: no key and no server set, so everything runs on the built-in mock; and none of
 * the settings of the turbo run that started this test (`TURBO_*`): a forced run's `TURBO_FORCE` would make each
 * command's own build rebuild everything it depends on.
 */
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !name.startsWith('LLAMA_CLOUD_') && !name.startsWith('npm_') && !name.startsWith('TURBO_'),
  ),
);

function run(line: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn('bash', ['-c', line], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

/** Kills `child`'s whole process group, once. */
const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
};

describe('the runnable blocks', () => {
  it('are there: the CLI on the built-in mock, and the mock itself', () => {
    expect(runnable.map((block) => [block.doc, block.serves])).toEqual(
      expect.arrayContaining([
        ['README.md', false],
        ['packages/cli/README.md', false],
        ['packages/mock/README.md', true],
      ]),
    );
  });

  it.each(
    runnable
      .filter((block) => !block.serves)
      .flatMap((block) => block.lines.map((line) => [block.doc, line])),
  )(
    '%s: `%s` runs as written',
    async (_doc, line) => {
      const result = await run(line as string);

      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(0);
    },
    180_000,
  );

  it.each(
    runnable.filter((block) => block.serves).flatMap((block) => block.lines.map((line) => [block.doc, line])),
  )(
    '%s: `%s` serves, answers, and stops on Ctrl-C',
    async (_doc, line) => {
      const child = spawn('bash', ['-c', `exec ${line}`], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      onTestFinished(() => killGroup(child, 'SIGKILL'));
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += String(chunk);
      });
      child.stderr.on('data', (chunk) => {
        output += String(chunk);
      });
      const closed = new Promise<void>((resolveClose) => child.once('close', () => resolveClose()));
      await expect
        .poll(() => /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0], { timeout: 120_000, interval: 200 })
        .toBeTruthy();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0] as string;

      const answer = await fetch(`${url}/api/v1/chat`, { headers: { authorization: 'Bearer docs-test' } });
      expect(answer.status).toBe(200);
      await answer.arrayBuffer();
      killGroup(child, 'SIGINT');
      await closed;

      expect(output).toContain('Stopped the mock (SIGINT).');
    },
    180_000,
  );
});
