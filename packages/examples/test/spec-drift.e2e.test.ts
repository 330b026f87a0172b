// A spec edit reaches every consumer at the next `pnpm generate`: a field removed from the spec breaks the build of
// every package that reads it, and an operation added to it becomes a method of the client with no hand-written
// code. This test replays generate → build → consumer typecheck on a scratch copy of the workspace.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RENAME, renameOperation, sendJson, serve } from '@llamacloud-chat/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

let scratch: string;

/** Copies the spec, the client and this package into `scratch`, sharing the installed dependencies. */
async function copyWorkspace() {
  scratch = await mkdtemp(join(tmpdir(), 'llamacloud-chat-drift-'));
  await cp(join(root, 'tsconfig.base.json'), join(scratch, 'tsconfig.base.json'));
  await cp(join(root, 'openapi/openapi.yaml'), join(scratch, 'openapi/openapi.yaml'), { recursive: true });
  await symlink(join(root, 'node_modules'), join(scratch, 'node_modules'));
  for (const pkg of ['client', 'examples']) {
    const from = join(root, 'packages', pkg);
    const to = join(scratch, 'packages', pkg);
    for (const entry of [
      'package.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'src',
      'scripts',
      'sdk-map.yaml',
    ]) {
      await cp(join(from, entry), join(to, entry), { recursive: true }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        },
      );
    }
    // Link each installed dependency, except the workspace client: the consumer must see the scratch copy.
    for (const scope of await readdir(join(from, 'node_modules'))) {
      const names = scope.startsWith('@')
        ? (await readdir(join(from, 'node_modules', scope))).map((n) => `${scope}/${n}`)
        : [scope];
      for (const name of names) {
        if (name === '.bin') continue;
        const target =
          name === '@llamacloud-chat/client'
            ? join(scratch, 'packages/client')
            : join(from, 'node_modules', name);
        await mkdir(dirname(join(to, 'node_modules', name)), { recursive: true });
        await symlink(target, join(to, 'node_modules', name));
      }
    }
  }
  await rm(join(scratch, 'packages/client/src/generated'), { recursive: true, force: true });
}

/** `pnpm generate`, the client's build, then the consumer's typecheck, on the scratch copy. */
async function regenerateAndTypecheck(): Promise<{ ok: boolean; output: string }> {
  const client = join(scratch, 'packages/client');
  const spec = join(scratch, 'openapi/openapi.yaml');
  await run(process.execPath, ['scripts/generate.mjs', '--spec', spec, '--map', 'sdk-map.yaml'], {
    cwd: client,
  });
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: client });
  try {
    await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], {
      cwd: join(scratch, 'packages/examples'),
    });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout) };
  }
}

async function editSpec(edit: (spec: ReturnType<typeof parseDocument>) => void) {
  const file = join(scratch, 'openapi/openapi.yaml');
  const spec = parseDocument(await readFile(file, 'utf8'));
  edit(spec);
  await writeFile(file, spec.toString());
}

describe('a spec edit reaches the consumer through generate and build', () => {
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  // One edit, one generate → build → typecheck (each takes seconds): an operation added, and a field removed.
  // (The consumer against the unedited spec is the examples' own typecheck task.)
  let typecheck: { ok: boolean; output: string };
  beforeAll(async () => {
    await copyWorkspace();
    await editSpec((spec) => {
      spec.setIn(['paths', RENAME.path, RENAME.method], spec.createNode(renameOperation()));
      spec.deleteIn(['components', 'schemas', 'ChatListResponse', 'properties', 'session_id']);
      const required = spec.getIn(['components', 'schemas', 'ChatListResponse', 'required']) as {
        items: { value: string }[];
      };
      required.items = required.items.filter((item) => item.value !== 'session_id');
    });
    await writeFile(
      join(scratch, 'packages/examples/src/rename.ts'),
      [
        "import LlamaCloud, { type ChatRenameChatSessionResponse } from '@llamacloud-chat/client';",
        'export async function rename(baseURL: string): Promise<ChatRenameChatSessionResponse> {',
        "  const client = new LlamaCloud({ apiKey: 'llx-scratch-consumer', baseURL });",
        "  return client.chat.renameChatSession('ses/1', { project_id: 'p1', generated_title: 'Q3 findings' });",
        '}',
        '',
      ].join('\n'),
    );
    typecheck = await regenerateAndTypecheck();
  }, 240_000);

  it('fails the consumer typecheck where it reads `session_id`, once it is removed from ChatListResponse', () => {
    expect(typecheck.ok).toBe(false);
    const errors = typecheck.output
      .split('\n')
      .filter((line) => /error TS/.test(line))
      .map((line) => line.replace(/\(\d+,\d+\)/, '').replace(/ on type .*/, ''));
    expect(errors.sort()).toEqual([
      "src/first-page.ts: error TS2339: Property 'session_id' does not exist",
      "src/list-sessions.ts: error TS2339: Property 'session_id' does not exist",
    ]);
  });

  it('makes an operation added to the spec a typed method of client.chat, sending the request the spec describes', async () => {
    // The consumer's call type-checked: the only errors are the two above.
    expect(typecheck.output).not.toContain('rename.ts');
    const renamed = {
      last_updated_at: '2026-04-23T08:00:00Z',
      session_id: 'ses/1',
      shared_access: 'query',
    };
    const server = await serve((_request, res) =>
      sendJson(res, 200, { ...renamed, generated_title: 'Q3 findings' }),
    );
    const client = join(scratch, 'packages/client/dist/index.js');
    const { default: LlamaCloud } = await import(client);
    const result = await new LlamaCloud({
      apiKey: 'llx-scratch-consumer',
      baseURL: server.url,
    }).chat.renameChatSession('ses/1', { project_id: 'p1', generated_title: 'Q3 findings' });

    expect(result).toEqual({ ...renamed, generated_title: 'Q3 findings' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'PATCH',
      url: '/api/v1/chat/ses%2F1?project_id=p1',
      body: '{"generated_title":"Q3 findings"}',
    });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });
});
