// The official MCP conformance suite (@modelcontextprotocol/conformance, server mode, its active scenarios)
// against the Streamable HTTP transport. The suite sends no bearer token, so it reaches the server through a
// local front that adds the one the server was started with and passes every other header as it came (its
// DNS-rebinding scenario sends a foreign Host and Origin, which must reach the server). The scenarios this server
// does not apply to are listed, with why, in conformance-baseline.yaml; any other failure, or a listed scenario
// that passes, fails the test.
import { execFile } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startMcp } from '../src/index.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONFORMANCE = join(packageDir, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const TOKEN = 'conformance-run-token';

/** A front on 127.0.0.1 that adds the bearer token; its own Host and Origin become the server's. */
async function tokenFront(serverUrl: string): Promise<string> {
  const target = new URL(serverUrl);
  const front = createServer((req, res) => {
    const own = req.headers.host === frontHost;
    const headers = {
      ...req.headers,
      authorization: `Bearer ${TOKEN}`,
      host: own ? target.host : req.headers.host,
    };
    if (req.headers.origin === `http://${frontHost}`) headers.origin = `http://${target.host}`;
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const frontHost = `127.0.0.1:${(front.address() as AddressInfo).port}`;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        front.close(() => resolve());
        front.closeAllConnections();
      }),
  );
  return `http://${frontHost}/mcp`;
}

describe('the official conformance suite', () => {
  it('passes every scenario that applies, and fails exactly the ones the baseline lists', async () => {
    const server = await startMcp({
      transport: 'http',
      env: {},
      token: TOKEN,
      stdin: process.stdin,
      stdout: process.stdout,
      log: () => {},
    });
    onTestFinished(() => server.close());
    const url = await tokenFront(server.url as string);

    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          CONFORMANCE,
          'server',
          '--url',
          url,
          '--expected-failures',
          join(packageDir, 'conformance-baseline.yaml'),
        ],
        {
          cwd: packageDir,
          env: { ...process.env, NO_COLOR: '1' },
          maxBuffer: 64 * 1024 * 1024,
          timeout: 240_000,
        },
        (error, out) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
      );
    });
    const summary = stdout.slice(stdout.indexOf('=== SUMMARY ==='));
    const passed = [...summary.matchAll(/^✓ ([\w-]+):/gm)].map((match) => match[1]);

    expect(summary).toContain('Baseline check passed: all failures are expected.');
    expect(code).toBe(0);
    expect(passed).toEqual([
      'server-initialize',
      'ping',
      'tools-list',
      'server-sse-multiple-streams',
      'dns-rebinding-protection',
    ]);
  }, 300_000);
});
