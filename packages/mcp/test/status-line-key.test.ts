// A server that puts the key in its status line (`HTTP/1.1 400 Bad key <key>`) or in a plain-text body, spelled
// as it is or with JSON escapes: the MCP tool result an agent reads shows none of it. The server runs in this
// process, the SDK's client talks to it over the SDK's in-memory transport.
import LlamaCloud from '@llamacloud-chat/client';
import { escapedAll, serve, unescaped } from '@llamacloud-chat/test-support';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createMcpServer } from '../src/index.js';

const KEY = 'llx-mcp-status-line-3a9f';

const SPELLINGS: [string, string][] = [
  ['as it is', KEY],
  ['with JSON escapes', escapedAll(KEY)],
];

/** The MCP server over the API at `baseURL`, and the SDK's client connected to it in memory. */
async function connected(baseURL: string): Promise<Client> {
  const api = new LlamaCloud({ apiKey: KEY, baseURL, maxRetries: 0, logLevel: 'off' });
  const server = createMcpServer({ client: api, instructions: 'test' });
  const client = new Client({ name: 'status-line-key-test', version: '0.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  onTestFinished(async () => {
    await client.close();
    await server.close();
  });
  return client;
}

describe('a tool result', () => {
  it.each(SPELLINGS)('does not show a key in the status line, spelled %s', async (_how, spelled) => {
    const api = await serve((_request, res) => {
      res.writeHead(400, `Bad key ${spelled}`, { 'content-type': 'application/json' });
      res.end('{"detail":"bad request"}');
    });
    const client = await connected(api.url);

    const result = await client.callTool({ name: 'chat_retrieve', arguments: { session_id: 'ses-1' } });

    expect(result.isError).toBe(true);
    const text = JSON.stringify(result);
    expect(text).toContain('Bad key [redacted]');
    expect(unescaped(text)).not.toContain(KEY);
    expect(api.requests).toHaveLength(1);
  });

  it.each(SPELLINGS)('does not show a key in an HTML error page, spelled %s', async (_how, spelled) => {
    const api = await serve((_request, res) => {
      res.writeHead(401, { 'content-type': 'text/html' }).end(`<p>invalid key ${spelled}</p>`);
    });
    const client = await connected(api.url);

    const result = await client.callTool({ name: 'chat_retrieve', arguments: { session_id: 'ses-1' } });

    expect(result.isError).toBe(true);
    const text = JSON.stringify(result);
    expect(text).toContain('[redacted]');
    expect(unescaped(text)).not.toContain(KEY);
  });
});
