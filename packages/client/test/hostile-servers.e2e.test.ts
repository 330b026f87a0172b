// The client against servers that send too much or nothing it can use: an endless line, a gzip bomb, a huge
// page, a redirect loop, a corrupt gzip body. Each server is a node:http server on 127.0.0.1 that stops sending
// when the client hangs up (and at a byte budget in any case); each call runs in a child process that reports its
// peak memory, so a client that holds everything shows it without taking the test runner down. The end-to-end
// tier, as it starts processes; long cursors are tested in-process (hostile-servers.test.ts).
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'support', 'hostile-client.mjs');
const MB = 2 ** 20;
/** Far above what a bounded client needs (about 100 MB), far below what the old one took (gigabytes). */
const PEAK_RSS_BOUND = 300 * MB;

interface ChildResult {
  items: number;
  heap: Record<string, number>;
  error?: { name: string; kind: string; limit?: number; reading?: string; message: string };
  maxRssBytes: number;
}

/** Runs one call of the built client in a child process (killed after 120 s) and returns what it reported. */
function inChild(scenario: Record<string, unknown>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=1024', CHILD, JSON.stringify(scenario)],
      { timeout: 120_000, maxBuffer: MB },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').at(-1);
        if (!line)
          reject(new Error(`the child reported nothing (${error?.message}): ${stderr.slice(0, 2000)}`));
        else resolve(JSON.parse(line) as ChildResult);
      },
    );
  });
}

/** A server of ours on 127.0.0.1 that counts requests; closed (connections too) when the test ends. */
async function hostile(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen = { requests: 0 };
  const server = createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    seen.requests++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** Writes `chunk` again and again until the client hangs up or `budget` bytes went out. */
function writeUntilGone(res: ServerResponse, chunk: Buffer, budget: number) {
  let sent = 0;
  const more = () => {
    while (!res.destroyed && sent < budget) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', more);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => res.destroy());
  more();
}

/** 1 GiB of zeros gzipped (about 1 MB): 64 gzip members of 16 MiB each, which gunzip reads as one body. */
const gzipBomb = (() => {
  const member = gzipSync(Buffer.alloc(16 * MB));
  return Buffer.concat(Array.from({ length: 64 }, () => member));
})();

describe('a client no hostile server can blow up', { timeout: 150_000 }, () => {
  it('an event stream with no line break: ResponseTooLargeError at maxEventBytes, memory bounded', async () => {
    const api = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: ');
      writeUntilGone(res, Buffer.alloc(64 * 1024, 'x'), 4 * 1024 * MB);
    });
    const result = await inChild({ call: 'stream', baseURL: api.url });

    expect(result.error).toMatchObject({
      name: 'ResponseTooLargeError',
      kind: 'response_too_large',
      reading: 'event',
      limit: 8 * MB,
    });
    expect(result.error?.message).not.toMatch(/network|could not reach/i);
    expect(result.maxRssBytes).toBeLessThan(PEAK_RSS_BOUND);
    expect(api.seen.requests).toBe(1);
  });

  it('a gzip body that inflates to 1 GiB: ResponseTooLargeError at maxResponseBytes, once, memory bounded', async () => {
    const api = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipBomb);
    });
    const result = await inChild({ call: 'retrieve', baseURL: api.url });

    expect(gzipBomb.length).toBeLessThan(2 * MB);
    expect(result.error).toMatchObject({ name: 'ResponseTooLargeError', reading: 'body', limit: 32 * MB });
    expect(result.error?.message).not.toMatch(/network|could not reach/i);
    expect(result.maxRssBytes).toBeLessThan(PEAK_RSS_BOUND);
    expect(api.seen.requests).toBe(1);
  });

  it('the same bomb on an event stream: a typed ResponseTooLargeError, not a bare RangeError', async () => {
    const api = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
      res.end(gzipBomb);
    });
    const result = await inChild({ call: 'stream', baseURL: api.url });

    expect(result.error).toMatchObject({ name: 'ResponseTooLargeError', reading: 'event' });
    expect(result.maxRssBytes).toBeLessThan(PEAK_RSS_BOUND);
  });

  it('a 100 MB page: ResponseTooLargeError at maxResponseBytes, memory bounded; a smaller limit is honoured', async () => {
    const item = Buffer.from(
      `${JSON.stringify({ session_id: 'ses-x', last_updated_at: '2026-01-01T00:00:00Z', shared_access: 'query', generated_title: 'y'.repeat(900) })},`,
    );
    const api = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"next_page_token":null,"items":[');
      writeUntilGone(res, Buffer.concat(Array.from({ length: 64 }, () => item)), 100 * MB);
    });
    const capped = await inChild({ call: 'list', baseURL: api.url });
    const smaller = await inChild({ call: 'list', baseURL: api.url, options: { maxResponseBytes: MB } });

    expect(capped.error).toMatchObject({ name: 'ResponseTooLargeError', reading: 'body', limit: 32 * MB });
    expect(capped.maxRssBytes).toBeLessThan(PEAK_RSS_BOUND);
    expect(smaller.error).toMatchObject({ name: 'ResponseTooLargeError', limit: MB });
    expect(api.seen.requests).toBe(2);
  });

  it('a redirect loop: one TooManyRedirectsError, not retried', async () => {
    const api = await hostile((req, res) => {
      res.writeHead(302, { location: req.url ?? '/' }).end();
    });
    const result = await inChild({ call: 'retrieve', baseURL: api.url });

    expect(result.error).toMatchObject({ name: 'TooManyRedirectsError', kind: 'too_many_redirects' });
    expect(result.error?.message).toMatch(/redirect/);
    // One fetch follows at most 20 redirects; retrying it would have sent 63 requests.
    expect(api.seen.requests).toBeLessThanOrEqual(21);
  });

  it.each([
    ['a JSON call', 'retrieve', 'application/json'],
    ['a stream', 'stream', 'text/event-stream'],
  ])(
    'a body that is not the gzip it says, on %s: a MalformedResponseError naming it, not retried',
    async (_what, call, type) => {
      const api = await hostile((_req, res) => {
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
        res.end('this is not gzip at all');
      });
      const result = await inChild({ call, baseURL: api.url });

      expect(result.error).toMatchObject({ name: 'MalformedResponseError', kind: 'malformed_response' });
      expect(result.error?.message).toMatch(/could not be decompressed as gzip/);
      expect(result.error?.message).not.toMatch(/network|could not reach/i);
      expect(api.seen.requests).toBe(1);
    },
  );
});
