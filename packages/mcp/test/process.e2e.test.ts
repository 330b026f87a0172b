// The llamacloud-chat-mcp process as an MCP client starts it: on the built-in mock without a key (said once on
// stderr and in the server's instructions, nothing but the protocol on stdout), and over HTTP with a token made
// at start and printed on stderr; both stop cleanly.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { overStdio, spawnBin } from './support.js';

describe('the process', () => {
  it('without a key runs on the built-in mock, and says so once on stderr and in its instructions', async () => {
    const { client, stderr } = await overStdio({});

    const { tools } = await client.listTools();
    const page = await client.callTool({ name: 'chat_list', arguments: { page_size: 2 } });

    expect(tools).toHaveLength(6);
    expect((page.structuredContent as { items: unknown[] }).items).toHaveLength(2);
    expect(client.getInstructions()).toContain('Requests go to a built-in mock of the LlamaCloud chat API');
    expect(stderr().match(/built-in mock/g)).toHaveLength(1);
  });

  it('over HTTP makes a bearer token, prints it with the URL, serves with it, and stops on SIGTERM with exit 0', async () => {
    const { child, stdout, stderr, exited } = spawnBin(['--transport', 'http']);
    await expect
      .poll(() => /Bearer token for this run: (\S+)/.exec(stderr()), { timeout: 30_000 })
      .toBeTruthy();
    const url = /on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr())?.[1] as string;
    const token = /Bearer token for this run: (\S+)/.exec(stderr())?.[1] as string;

    const client = new Client({ name: 'process-test', version: '0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('chat_get_summary');
    await client.close();
    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(stderr()).toContain('Stopped the MCP server (SIGTERM).');
    expect(stdout()).toBe('');
  });

  it('refuses LLAMA_CLOUD_BASE_URL without a key: exit 2 with the reason, no protocol on stdout', async () => {
    const { stdout, stderr, exited } = spawnBin([], { LLAMA_CLOUD_BASE_URL: 'http://127.0.0.1:9' });
    const code = await exited;

    expect(code).toBe(2);
    expect(stderr()).toMatch(/^error: LLAMA_CLOUD_BASE_URL is set but LLAMA_CLOUD_API_KEY is not\./);
    expect(stdout()).toBe('');
  });
});
