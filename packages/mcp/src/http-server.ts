// Streamable HTTP on 127.0.0.1 at /mcp: one MCP session per client, each with a server of its own, behind the
// guard (own Host and Origin only, the bearer token required). A session ends when its client closes it (DELETE)
// or the server stops.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { refusalOf } from './http-guard.js';
import { createMcpServer, type ServerOptions } from './server.js';

export const MCP_PATH = '/mcp';

export interface RunningHttp {
  url: string;
  port: number;
  close(): Promise<void>;
}

const refuse = (res: ServerResponse, status: number, message: string) =>
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));

export async function startHttp(
  options: ServerOptions & { port: number; token: string },
): Promise<RunningHttp> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  let port = options.port;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const refusal = refusalOf(req, port, options.token);
    if (refusal) return refuse(res, refusal.status, refusal.message);
    if (path !== MCP_PATH) return refuse(res, 404, `The MCP endpoint is ${MCP_PATH}.`);
    const id = req.headers['mcp-session-id'];
    const existing = typeof id === 'string' ? sessions.get(id) : undefined;
    if (existing) return existing.handleRequest(req, res);
    if (typeof id === 'string') return refuse(res, 404, 'No such session: initialize a new one.');
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => void sessions.set(sessionId, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await createMcpServer(options).connect(transport);
    await transport.handleRequest(req, res);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, `The MCP server failed: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${MCP_PATH}`,
    port,
    close: async () => {
      await Promise.all([...sessions.values()].map((transport) => transport.close().catch(() => {})));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
