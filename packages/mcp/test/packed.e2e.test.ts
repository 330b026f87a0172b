// The packed, self-contained MCP server (scripts/bundle.mjs), as a user installs it: packed, installed with
// `npm install -g --prefix <tmp>` (offline: it has no dependencies to fetch), then started by the SDK's client on
// stdio with nothing but Node on PATH, on the built-in mock. Temp folders are removed.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it, onTestFinished } from 'vitest';

const exec = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the packed MCP server', () => {
  it('installs with npm install -g from its tarball and serves its tools on the built-in mock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'llamacloud-chat-mcp-packed-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const { stdout: packed } = await exec(
      process.execPath,
      ['scripts/bundle.mjs', '--out', join(dir, 'pack')],
      {
        cwd: packageDir,
      },
    );
    const env = {
      PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
      HOME: dir,
      npm_config_update_notifier: 'false',
    };
    const prefix = join(dir, 'prefix');
    await exec(
      'npm',
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', packed.trim()],
      {
        env,
        cwd: dir,
      },
    );
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    const shown = await exec(join(prefix, 'bin/llamacloud-chat-mcp'), ['--version'], { env, cwd: dir });

    const client = new Client({ name: 'packed-test', version: '0' });
    await client.connect(
      new StdioClientTransport({
        command: join(prefix, 'bin/llamacloud-chat-mcp'),
        env,
        cwd: dir,
        stderr: 'ignore',
      }),
    );
    onTestFinished(() => client.close());
    const { tools } = await client.listTools();
    const summary = await client.callTool({
      name: 'chat_get_summary',
      arguments: { session_id: 'ses-abc123' },
    });

    expect(packed.trim()).toBe(join(dir, 'pack', `llamacloud-chat-mcp-${version}.tgz`));
    expect(shown.stdout).toBe(`${version}\n`);
    expect(tools.map((tool) => tool.name)).toContain('chat_stream');
    expect(summary.structuredContent).toMatchObject({ session_id: 'ses-abc123' });
  }, 180_000);
});
