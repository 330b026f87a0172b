// One spec edit reaches the whole product: an operation added to a scratch copy of the spec, regenerated, and with
// no other file edited it is a method of the client, answered by the mock from its example, relayed with the
// relay's key (and refused by the relay itself when its body breaks the spec), callable with `llamacloud-chat api`,
// a tool of the MCP server, and played and counted by the contract suite. The scratch workspace holds the spec and the client's sources
// (regenerated and rebuilt there) and the other packages as built; each links its dependencies, the workspace's
// own to the scratch copies.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { RENAME, RENAMED_EXAMPLE, renameOperation, sendJson, serve } from '@llamacloud-chat/test-support';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const KEY = 'llx-scratch-relay-key';

/** What each package of the scratch workspace is made of: the client from source, the rest as built. */
const PACKAGES: Record<string, { dir: string; entries: string[] }> = {
  '@llamacloud-chat/openapi': { dir: 'openapi', entries: ['package.json', 'openapi.yaml', 'scripts'] },
  '@llamacloud-chat/client': {
    dir: 'packages/client',
    entries: ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'scripts', 'sdk-map.yaml'],
  },
  '@llamacloud-chat/test-support': { dir: 'packages/test-support', entries: ['package.json', 'dist'] },
  '@llamacloud-chat/mock': { dir: 'packages/mock', entries: ['package.json', 'dist'] },
  '@llamacloud-chat/web': { dir: 'packages/web', entries: ['package.json', 'dist'] },
  '@llamacloud-chat/cli': { dir: 'packages/cli', entries: ['package.json', 'dist', 'bin'] },
  '@llamacloud-chat/mcp': { dir: 'packages/mcp', entries: ['package.json', 'dist', 'bin'] },
  '@llamacloud-chat/contract': {
    dir: 'packages/contract',
    entries: ['package.json', 'tsconfig.json', 'vitest.config.ts', 'src', 'test'],
  },
};

let scratch: string;

/** Copies each package into `scratch` and links its installed dependencies there. */
async function copyWorkspace() {
  scratch = await mkdtemp(join(tmpdir(), 'llamacloud-chat-drift-product-'));
  await cp(join(root, 'tsconfig.base.json'), join(scratch, 'tsconfig.base.json'));
  for (const { dir, entries } of Object.values(PACKAGES)) {
    for (const entry of entries)
      await cp(join(root, dir, entry), join(scratch, dir, entry), { recursive: true });
    const installed = join(root, dir, 'node_modules');
    for (const scope of await readdir(installed)) {
      const names = scope.startsWith('@')
        ? (await readdir(join(installed, scope))).map((n) => `${scope}/${n}`)
        : [scope];
      for (const name of names) {
        if (name === '.bin') continue;
        const own = PACKAGES[name];
        const target = own ? join(scratch, own.dir) : join(installed, name);
        await mkdir(dirname(join(scratch, dir, 'node_modules', name)), { recursive: true });
        await symlink(target, join(scratch, dir, 'node_modules', name));
      }
    }
  }
  await rm(join(scratch, 'packages/client/src/generated'), { recursive: true, force: true });
}

/** Adds the rename to the scratch spec, then regenerates and rebuilds the client: the only steps a user takes. */
async function addRenameAndRegenerate() {
  const file = join(scratch, 'openapi/openapi.yaml');
  const spec = parseDocument(await readFile(file, 'utf8'));
  spec.setIn(['paths', RENAME.path, RENAME.method], spec.createNode(renameOperation()));
  await writeFile(file, spec.toString());
  const client = join(scratch, 'packages/client');
  await run(process.execPath, ['scripts/generate.mjs', '--spec', file, '--map', 'sdk-map.yaml'], {
    cwd: client,
  });
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: client });
}

const scratchModule = (path: string) => import(pathToFileURL(join(scratch, path)).href);

describe('an operation added to the spec reaches every consumer, with no other file edited', () => {
  beforeAll(async () => {
    await copyWorkspace();
    await addRenameAndRegenerate();
  }, 240_000);
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('the client has the method, and its catalog the operation', async () => {
    const { default: LlamaCloud } = await scratchModule('packages/client/dist/index.js');
    const { findOperation } = await scratchModule('packages/client/dist/catalog/index.js');
    expect(typeof new LlamaCloud({ apiKey: KEY, baseURL: 'http://127.0.0.1:9' }).chat.renameChatSession).toBe(
      'function',
    );
    expect(findOperation('chat.renameChatSession')).toMatchObject({
      operationId: 'renameChatSession',
      method: 'PATCH',
      statuses: ['200', '422'],
    });
  });

  it('the mock answers it from its example, and says so', async () => {
    const { startMock } = await scratchModule('packages/mock/dist/index.js');
    const mock = await startMock();
    try {
      const response = await fetch(`${mock.url}/api/v1/chat/ses-abc123`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: '{"generated_title":"New"}',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-mock-example')).toBe('default');
      expect(await response.json()).toEqual(RENAMED_EXAMPLE);
    } finally {
      await mock.close();
    }
  });

  it('the relay forwards it with its key, and refuses a body without generated_title with a 422 of its own', async () => {
    const api = await serve((_request, res) => sendJson(res, 200, RENAMED_EXAMPLE));
    const { createRelay, serveHandler } = await scratchModule('packages/web/dist/relay/index.js');
    const relay = await serveHandler(createRelay({ apiKey: KEY, baseURL: api.url }));
    try {
      const patch = (body: unknown) =>
        fetch(`${relay.url}/api/v1/chat/ses-abc123?project_id=p1`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const relayed = await patch({ generated_title: 'New' });
      const refused = await patch({ title: 'New' });

      expect(relayed.status).toBe(200);
      expect(await relayed.json()).toEqual(RENAMED_EXAMPLE);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({
        detail: [{ loc: ['body', 'generated_title'], type: 'missing' }],
      });
      expect(api.requests.map((r) => [r.method, r.url, r.body, r.headers.authorization])).toEqual([
        ['PATCH', '/api/v1/chat/ses-abc123?project_id=p1', '{"generated_title":"New"}', `Bearer ${KEY}`],
      ]);
    } finally {
      await relay.close();
    }
  });

  it('`llamacloud-chat api renameChatSession session_id=<id> -f generated_title=New` prints the answer', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        join(scratch, 'packages/cli/bin/llamacloud-chat.js'),
        'api',
        'renameChatSession',
        'session_id=ses-abc123',
        '-f',
        'generated_title=New',
      ],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR } },
    );
    expect(JSON.parse(stdout)).toEqual(RENAMED_EXAMPLE);
    expect(stderr).toContain('Using the built-in mock');
  });

  it('the MCP server lists it as a tool, with its schema, and calls it', async () => {
    const client = new Client({ name: 'spec-drift', version: '0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [join(scratch, 'packages/mcp/bin/llamacloud-chat-mcp.js')],
        env: { PATH: process.env.PATH ?? '' },
        stderr: 'ignore',
      }),
    );
    try {
      const { tools } = await client.listTools();
      const rename = tools.find((tool) => tool.name === 'chat_rename_chat_session');
      expect(rename?.inputSchema).toMatchObject({
        type: 'object',
        required: ['session_id', 'generated_title'],
        properties: {
          session_id: { type: 'string' },
          project_id: {},
          generated_title: { type: ['string', 'null'] },
        },
      });
      expect(rename?.description).toContain('Rename a session.');
      const renamed = await client.callTool({
        name: 'chat_rename_chat_session',
        arguments: { session_id: 'ses-abc123', generated_title: 'New' },
      });
      expect(renamed.structuredContent).toEqual(RENAMED_EXAMPLE);
    } finally {
      await client.close();
    }
  });

  it('the contract suite plays it, and its coverage table lists it with its 200 and 422 exercised', async () => {
    const vitest = join(scratch, 'packages/contract/node_modules/vitest/vitest.mjs');
    const { stdout } = await run(process.execPath, [vitest, 'run', 'test/every-operation.test.ts'], {
      cwd: join(scratch, 'packages/contract'),
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const table = stdout.slice(stdout.indexOf('Coverage of the spec'));
    expect(table).toMatch(/^renameChatSession +200 +\d+×/m);
    expect(table).toMatch(/^renameChatSession +422 +\d+×/m);
    expect(table).not.toContain('Never exercised');
  }, 180_000);
});
