// The relay as users run it (dist/relay/main.js with a key and `--deadline 3`), bounded end to end in real time: a
// turn's body sent at one byte a second is a 408 at the deadline (printed with how long it took), a TRACE a 405
// with Allow and nothing on stderr, and 800 KB of nested JSON the API's 422; nothing of these goes upstream.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { rawRequest } from './raw-request.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'relay', 'main.js');
const KEY = 'llx-bounds-process-secret-c41e';

let upstream: Server;
/** Every request that reached the API, as `METHOD path`. */
const received: string[] = [];
let relay: ChildProcess;
let port: number;
let stderr = '';

beforeAll(async () => {
  upstream = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ items: [], next_page_token: null }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const api = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  relay = spawn(process.execPath, [MAIN, '--deadline', '3'], {
    env: { ...process.env, LLAMA_CLOUD_API_KEY: KEY, LLAMA_CLOUD_BASE_URL: api },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  relay.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    relay.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const found = /^Chat page: http:\/\/127\.0\.0\.1:(\d+)$/m.exec(stdout);
      if (found) resolve(Number(found[1]));
    });
    relay.once('exit', (code) => reject(new Error(`the relay exited with ${code}: ${stderr}`)));
  });
});

afterAll(async () => {
  if (relay && relay.exitCode === null && relay.signalCode === null) {
    const exited = new Promise((resolve) => relay.once('exit', resolve));
    relay.kill('SIGKILL');
    await exited;
  }
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('the relay process with --deadline 3', () => {
  it('answers a turn whose body comes at one byte a second with 408 at its deadline, before the body is whole', async () => {
    const prefix = '{"index_ids":[],"prompt":"';
    const declared = prefix.length + 100 + 2;
    const started = performance.now();
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/chat/ses-1/messages/stream',
      headers: { 'content-type': 'application/json', 'content-length': String(declared) },
    });
    let sent = 0;
    // The upload itself: one byte of the prompt a second, the way a slow (or hostile) client sends it.
    const trickle = setInterval(() => {
      if (sent < 100) {
        req.write('x');
        sent += 1;
      }
    }, 1000);
    onTestFinished(() => {
      clearInterval(trickle);
      req.destroy();
    });
    const answer = await new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }));
      });
      req.on('error', reject);
      req.write(prefix);
    });
    clearInterval(trickle);
    console.log(
      `1-byte-a-second upload, --deadline 3: ${answer.status} after ${(answer.ms / 1000).toFixed(2)} s ` +
        `(${sent} bytes of the prompt sent)`,
    );
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toEqual({
      detail: "The request body did not arrive within the relay's deadline of 3 s.",
    });
    // Not the whole body (100 s of it): the relay stopped waiting for it. (How long that took is printed above,
    // not asserted: a loaded machine makes it later, never different.)
    expect(sent).toBeLessThan(100);
    expect(received).toEqual([]);
  });

  it('answers TRACE with 405 and Allow, and writes nothing to stderr', async () => {
    const before = stderr;
    for (const path of ['/api/v1/chat', '/']) {
      const answer = await rawRequest(port, {
        method: 'TRACE',
        path,
        headers: { host: `127.0.0.1:${port}` },
      });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, POST, DELETE');
      expect(JSON.parse(answer.body)).toEqual({
        detail: 'This server does not serve the method TRACE; it serves GET, POST, DELETE.',
      });
    }
    // The process is fine, and said nothing about the requests.
    expect((await rawRequest(port, { headers: { host: `127.0.0.1:${port}` } })).status).toBe(200);
    expect(stderr).toBe(before);
    expect(received).toEqual(['GET /api/v1/chat']);
  });

  it('answers 800 KB of nested JSON with the API 422, sending nothing', async () => {
    const depth = 400 * 1024;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    for (const [path, body] of [
      ['/api/v1/chat', nested],
      ['/api/v1/chat', `{"index_ids":${nested}}`],
      ['/api/v1/chat/ses-1/messages/stream', `{"prompt":"hi","index_ids":${nested}}`],
    ] as const) {
      const answer = await rawRequest(port, {
        method: 'POST',
        path,
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json' },
        body,
      });
      expect(answer.status, `${path} ${body.slice(0, 20)}`).toBe(422);
      expect(JSON.parse(answer.body)).toEqual({
        detail: [
          {
            loc: ['body'],
            msg: 'The request body is nested deeper than 64 levels of arrays and objects.',
            type: 'value_error',
          },
        ],
      });
    }
    expect(received).toEqual(['GET /api/v1/chat']);
    expect(stderr).not.toContain(KEY);
  });
});
