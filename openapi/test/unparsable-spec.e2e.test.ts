// A spec that is not YAML, as a typo makes it: spec:check and lint each say so in one line, file:line:col and the
// parser's message, and exit 1; no stack trace, no dump of the file.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let broken: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unparsable-spec-'));
  broken = join(dir, 'openapi.yaml');
  // One space too many before `version` (line 4); the parser reports it where the mapping it breaks starts.
  const spec = await readFile(join(here, 'openapi.yaml'), 'utf8');
  await writeFile(broken, spec.replace(/^ {2}version: /m, '   version: '));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function runScript(script: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [join(here, 'scripts', script), ...args],
      {
        cwd: here,
        // Stopped before the test's own limit, so a test that fails leaves no process behind.
        timeout: 50_000,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe('a spec that does not parse', () => {
  it.each([
    ['spec:check', 'spec-check.mjs', () => ['--revision', broken]],
    ['lint', 'lint.mjs', () => [broken]],
  ])('%s says where, in one line, and exits 1', async (_name, script, args) => {
    const run = await runScript(script, args());
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `${broken}:3:10: Nested mappings are not allowed in compact mappings\n`,
    });
  });
});
