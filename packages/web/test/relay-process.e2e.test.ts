// The relay as users run it (`pnpm web`, dist/relay/main.js, a child process with a key) against hostile input: a
// malformed Host is a 400 with nothing on stderr, a rebound name a 421 unless --allowed-host names it, a 400 MB
// upload a 413 with the relay's peak memory bounded and nothing sent upstream, and --deadline bounding a call.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './raw-request.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'relay', 'main.js');
const KEY = 'llx-process-secret-5be0';

interface Upstream {
  server: Server;
  url: string;
  /** Each request's method, path and how many body bytes reached it (counted, never kept). */
  requests: { method: string; url: string; bytes: number }[];
}

/** The API: lists no sessions, never answers `/api/v1/chat/ses-hang`, and counts what it receives. */
async function startUpstream(): Promise<Upstream> {
  const requests: Upstream['requests'] = [];
  const server = createServer((req, res) => {
    const seen = { method: req.method ?? '', url: req.url ?? '', bytes: 0 };
    requests.push(seen);
    req.on('data', (chunk: Buffer) => {
      seen.bytes += chunk.length;
    });
    req.on('end', () => {
      if (req.url === '/api/v1/chat/ses-hang') return;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ items: [], next_page_token: null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

interface RelayProcess {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
}

const children: ChildProcess[] = [];

/** Starts dist/relay/main.js with a key, talking to `api`, and resolves with its port once it prints its URL. */
function startRelay(api: string, args: string[] = []): Promise<RelayProcess> {
  const env = { ...process.env, LLAMA_CLOUD_API_KEY: KEY, LLAMA_CLOUD_BASE_URL: api };
  const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const found = /^Chat page: http:\/\/127\.0\.0\.1:(\d+)$/m.exec(stdout);
      if (found) resolve({ child, port: Number(found[1]), stdout: () => stdout, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`the relay exited with ${code}: ${stderr}`)));
  });
}

/** The peak resident memory of a process so far, in bytes (Linux's VmHWM). */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kb) * 1024;
}

/**
 * POSTs a valid JSON turn of `total` bytes, chunked, as fast as the relay takes it, until the relay answers or
 * the connection ends. Resolves with the status (0 when there was none) and the bytes written.
 */
function upload(port: number, total: number): Promise<{ status: number; sent: number; body: string }> {
  return new Promise((resolve) => {
    let sent = 0;
    let finished = false;
    let status = 0;
    let body = '';
    const done = () => {
      if (finished) return;
      finished = true;
      req.destroy();
      resolve({ status, sent, body });
    };
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/chat/ses-1/messages/stream',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', done);
    req.on('close', () => {
      // Wait for a response still being read; else this is the end.
      if (status === 0) done();
    });
    // Resolves on 'drain', or once the request is over; removes both listeners either way.
    const drained = () =>
      new Promise<void>((resolve) => {
        const go = () => {
          req.off('drain', go).off('close', go);
          resolve();
        };
        req.on('drain', go).on('close', go);
      });
    const head = '{"index_ids":[],"prompt":"';
    const tail = '"}';
    const chunk = Buffer.alloc(256 * 1024, 'x');
    void (async () => {
      req.write(head);
      sent += head.length;
      while (!finished && sent + chunk.length + tail.length <= total) {
        sent += chunk.length;
        if (!req.write(chunk)) await drained();
      }
      if (!finished) {
        sent += tail.length;
        req.end(tail);
      }
    })();
  });
}

let upstream: Upstream;
let plain: RelayProcess;
let flagged: RelayProcess;
/** A relay whose deadline is short: only for a call the API never answers (any other call may take longer
 * than 0.5 s on a loaded machine). */
let hasty: RelayProcess;

beforeAll(async () => {
  upstream = await startUpstream();
  [plain, flagged, hasty] = await Promise.all([
    startRelay(upstream.url),
    startRelay(upstream.url, ['--allowed-host', 'rebound.example']),
    startRelay(upstream.url, ['--deadline', '0.5']),
  ]);
});

afterAll(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  upstream?.server.closeAllConnections();
  await new Promise((resolve) => upstream?.server.close(resolve));
});

describe('the relay process', () => {
  it('answers a malformed Host with a 400 in the API shape, and writes nothing to stderr', async () => {
    const before = plain.stderr();
    const answer = await rawRequest(plain.port, { headers: { host: '[::1' } });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ detail: 'The Host header "[::1" is malformed.' });
    // Another request after it: the process is fine, and said nothing about the bad one.
    expect((await rawRequest(plain.port, { headers: { host: `127.0.0.1:${plain.port}` } })).status).toBe(200);
    expect(plain.stderr()).toBe(before);
    expect(plain.stderr()).not.toMatch(/Error|\bat /);
  });

  it('refuses a rebound host name with 421, and answers one given with --allowed-host', async () => {
    const count = upstream.requests.length;
    const refused = await rawRequest(plain.port, { headers: { host: `rebound.example:${plain.port}` } });
    expect(refused.status).toBe(421);
    expect(upstream.requests.length).toBe(count);
    const allowed = await rawRequest(flagged.port, { headers: { host: `rebound.example:${flagged.port}` } });
    expect(allowed.status).toBe(200);
    expect(upstream.requests.length).toBe(count + 1);
  });

  it('refuses a 400 MB upload with 413 once it passes 1 MiB: bytes read and peak memory stay bounded, nothing goes upstream', async () => {
    const count = upstream.requests.length;
    const result = await upload(plain.port, 400 * 1024 * 1024);
    const peak = peakRss(plain.child.pid as number);
    console.log(
      `400 MB upload: ${result.status} after ${(result.sent / 1024 / 1024).toFixed(1)} MiB written; relay peak RSS ${(peak / 1024 / 1024).toFixed(0)} MiB`,
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({
      detail: "The request body is larger than the relay's limit of 1048576 bytes.",
    });
    // The relay stopped reading: what it took is the cap plus what sockets buffer, far from 400 MB.
    expect(result.sent).toBeLessThan(64 * 1024 * 1024);
    expect(peak).toBeLessThan(300 * 1024 * 1024);
    expect(upstream.requests.length).toBe(count);
    // It still answers.
    expect((await rawRequest(plain.port, { headers: { host: `127.0.0.1:${plain.port}` } })).status).toBe(200);
  });

  it('answers 504 when the API hangs past --deadline, saying so', async () => {
    const answer = await rawRequest(hasty.port, {
      path: '/api/v1/chat/ses-hang',
      headers: { host: `127.0.0.1:${hasty.port}` },
    });
    expect(answer.status).toBe(504);
    expect(JSON.parse(answer.body)).toEqual({
      detail: "The chat API did not answer within the relay's deadline of 0.5 s (retries included).",
    });
  });

  it('refuses a --deadline or --allowed-host that is not one, with exit 2', async () => {
    for (const [args, message] of [
      [['--deadline', 'soon'], '--deadline must be a number of seconds from 0.001 to 2147483; got "soon"\n'],
      [
        ['--deadline', '9999999'],
        '--deadline must be a number of seconds from 0.001 to 2147483; got "9999999"\n',
      ],
      [['--allowed-host', 'a b'], '--allowed-host: Not a host name: "a b" (expected name or name:port)\n'],
    ] as const) {
      const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toBe(message);
    }
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops on %s as a server should: one line, exit 0, port closed',
    async (signal) => {
      const relay = await startRelay(upstream.url);
      const exited = new Promise<number | null>((resolve) =>
        relay.child.once('exit', (code) => resolve(code)),
      );
      relay.child.kill(signal);
      expect(await exited).toBe(0);
      expect(relay.stdout()).toBe(
        `Chat page: http://127.0.0.1:${relay.port}\nStopped the chat page (${signal}).\n`,
      );
      await expect(
        rawRequest(relay.port, { headers: { host: `127.0.0.1:${relay.port}` } }),
      ).rejects.toThrow();
    },
  );
});
