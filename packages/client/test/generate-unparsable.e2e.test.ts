// `generate` on a spec that is not YAML, as a typo makes it: one line, file:line:col and the parser's message,
// exit 1, nothing written; no stack trace and no dump of the spec. `dev` runs the same script on every save.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/generate.mjs', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'generate-unparsable-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('says where the spec breaks, in one line, exits 1 and writes nothing', async () => {
  const spec = await readFile(
    createRequire(import.meta.url).resolve('@llamacloud-chat/openapi/openapi.yaml'),
    'utf8',
  );
  const broken = join(dir, 'openapi.yaml');
  await writeFile(broken, spec.replace(/^ {2}version: /m, '   version: '));
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [script, '--spec', broken, '--out', join(dir, 'out.ts')],
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
  expect(run).toEqual({
    code: 1,
    stdout: '',
    stderr: `${broken}:3:10: Nested mappings are not allowed in compact mappings\n`,
  });
  expect(await readdir(dir)).toEqual(['openapi.yaml']);
  // A node process that loads the generator's libraries: seconds on a loaded machine.
}, 60_000);
