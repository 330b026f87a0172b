// Helpers for the MCP server's tests: the SDK's own client over stdio (the server a spawned process) or Streamable
// HTTP, the built-in mock as the API behind it, and what went over the wire. Everything started is stopped when
// the test ends, passed or failed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type RunningMock, type StreamEnd, startMock } from '@llamacloud-chat/mock';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { onTestFinished } from 'vitest';
import { type RunningMcp, startMcp } from '../src/index.js';
import { LineTransport } from '../src/stdio.js';

export const KEY = 'llx-mcp-test-key-5c1d';
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '../bin/llamacloud-chat-mcp.js');

/** The API behind the server: the built-in mock, with the requests it got and each stream's end. */
export async function apiMock(
  streamGapMs = 0,
): Promise<{ mock: RunningMock; requests: string[]; streams: StreamEnd[] }> {
  const requests: string[] = [];
  const streams: StreamEnd[] = [];
  const mock = await startMock({
    streamGapMs,
    log: (line) => requests.push(line.split(' ').slice(0, 2).join(' ')),
    onStreamEnd: (end) => streams.push(end),
  });
  onTestFinished(() => mock.close());
  return { mock, requests, streams };
}

/** A connected client, and every message that reached it, in order. */
export interface Connected {
  client: Client;
  received: JSONRPCMessage[];
}

async function connect(transport: Transport): Promise<Connected> {
  const client = new Client({ name: 'llamacloud-chat-mcp-test', version: '0.0.0' });
  const received: JSONRPCMessage[] = [];
  await client.connect(transport);
  // Counted at the transport: the SDK's onprogress can miss a notification read together with the result.
  const inner = transport.onmessage;
  transport.onmessage = (message, extra) => {
    received.push(message);
    inner?.(message, extra);
  };
  onTestFinished(() => client.close());
  return { client, received };
}

/** The server as a spawned process on stdio, with only `env` (and PATH), and the SDK's client on it. */
export async function overStdio(
  env: Record<string, string> = {},
): Promise<Connected & { stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return { ...(await connect(transport)), stderr: () => stderr };
}

/**
 * The server's stdio transport in this process, started as the bin starts it but on a pair of pipes, and the
 * SDK's client on their other ends: what a spawned server does on stdio, without a process (the bin itself is
 * spawned in process.e2e.test.ts and packed.e2e.test.ts).
 */
export async function overPipes(
  env: Record<string, string> = {},
): Promise<Connected & { stderr: () => string }> {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  const lines: string[] = [];
  const server = await startMcp({
    transport: 'stdio',
    env,
    stdin: toServer,
    stdout: fromServer,
    log: (line) => lines.push(line),
  });
  onTestFinished(() => server.close());
  return { ...(await connect(new LineTransport(fromServer, toServer))), stderr: () => lines.join('\n') };
}

/** The server in this process on Streamable HTTP, and the SDK's client on it with `token`. */
export async function overHttp(
  env: Record<string, string>,
  token = KEY,
): Promise<Connected & { server: RunningMcp; url: string }> {
  const lines: string[] = [];
  const server = await startMcp({
    transport: 'http',
    env,
    token,
    stdin: process.stdin,
    stdout: process.stdout,
    log: (line) => lines.push(line),
  });
  onTestFinished(() => server.close());
  const url = server.url as string;
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  return { ...(await connect(transport)), server, url };
}

/** The bin as a process with only `env` (and PATH), its output collected; killed when the test ends. */
export function spawnBin(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}
