// The relay is bounded end to end, over real HTTP: a body that stops arriving is a 408 at the deadline; past a cap
// of calls at once, a 503 with Retry-After; a method the spec does not use, a 405 with Allow and nothing on
// stderr; a body nested too deep to walk, the API's 422; and only the body fields the spec names go upstream.
import { request } from 'node:http';
import { connect } from 'node:net';
import { makeSessions, pagedSessions, serve, type TestServer } from '@llamacloud-chat/test-support';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { type ServedHandler, type ServeOptions, serveHandler } from '../src/relay/node-adapter.js';
import { createRelay, type RelayOptions } from '../src/relay/relay.js';
import { type RawAnswer, rawRequest } from './raw-request.js';

const KEY = 'llx-bounds-secret-7a31';

let relays: ServedHandler[] = [];
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  relays = [];
});

async function relayTo(api: TestServer, relay: Partial<RelayOptions> = {}, options: ServeOptions = {}) {
  const served = await serveHandler(createRelay({ apiKey: KEY, baseURL: api.url, ...relay }), 0, options);
  relays.push(served);
  return served;
}

const listingApi = () => serve(pagedSessions(makeSessions(3)));
const detailOf = (body: string) => (JSON.parse(body) as { detail: unknown }).detail;
const json = (port: number) => ({ host: `127.0.0.1:${port}`, 'content-type': 'application/json' });

/** A gate the test opens: what waits on it goes on only then. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/**
 * Sends `text` as is on a new connection to 127.0.0.1:`port` and reads until the server closes it: for what
 * node's client will not send (CONNECT expects a tunnel; a method node does not know).
 */
function rawExchange(port: number, text: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    onTestFinished(() => {
      socket.destroy();
    });
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body });
    });
    socket.write(text);
  });
}

describe('a body that does not arrive within the deadline', () => {
  it('is a 408 in the API shape at the deadline, with nothing sent upstream', {
    timeout: 15_000,
  }, async () => {
    const api = await listingApi();
    const relay = await relayTo(api, { deadlineMs: 300 });
    // The start of a turn's body, then nothing more: only the relay's deadline can end this call.
    const req = request({
      host: '127.0.0.1',
      port: relay.port,
      method: 'POST',
      path: '/api/v1/chat/ses-1/messages/stream',
      headers: { 'content-type': 'application/json', 'content-length': '40' },
    });
    onTestFinished(() => {
      req.destroy();
    });
    const answer = new Promise<RawAnswer>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
    });
    req.write('{"index_ids":[],"prompt":"');
    const { status, headers, body } = await answer;
    expect(status).toBe(408);
    expect(headers['content-type']).toBe('application/json');
    expect(detailOf(body)).toBe("The request body did not arrive within the relay's deadline of 0.3 s.");
    expect(api.requests).toHaveLength(0);
    // The relay goes on answering.
    expect((await rawRequest(relay.port, { headers: { host: `127.0.0.1:${relay.port}` } })).status).toBe(200);
  });
});

describe('a cap on calls at once', () => {
  it('answers a call beyond maxInFlight with 503 and Retry-After, sending nothing, and serves again once one ends', async () => {
    const held = gate();
    const api = await serve(async (request, res) => {
      // The first two listings wait for the test; any later one is answered at once.
      if (api.requests.indexOf(request) < 2) await held.opened;
      pagedSessions(makeSessions(3))(request, res);
    });
    const relay = await relayTo(api, { maxInFlight: 2 });
    const list = () => rawRequest(relay.port, { headers: { host: `127.0.0.1:${relay.port}` } });
    const first = list();
    const second = list();
    await expect.poll(() => api.requests.length).toBe(2);
    const third = await list();
    expect(third.status).toBe(503);
    expect(third.headers['retry-after']).toBe('1');
    expect(third.headers['content-type']).toBe('application/json');
    expect(detailOf(third.body)).toBe(
      'The relay is serving its limit of 2 calls at once; try again in a moment.',
    );
    expect(api.requests).toHaveLength(2);
    held.open();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect((await list()).status).toBe(200);
    expect(api.requests).toHaveLength(3);
  });

  it('counts an open turn until its stream ends', async () => {
    const held = gate();
    const api = await serve(async (request, res) => {
      if (request.path.endsWith('/messages/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"type":"text_delta","content":"Thinking"}\n\n');
        await held.opened;
        res.end('data: {"type":"stop","error":null,"is_error":false,"usage":{}}\n\n');
        return;
      }
      pagedSessions(makeSessions(3))(request, res);
    });
    const relay = await relayTo(api, { maxInFlight: 1 });
    const turn = await fetch(`${relay.url}/api/v1/chat/ses-1/messages/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt":"hi","index_ids":[]}',
    });
    const reader = (turn.body as ReadableStream<Uint8Array>).getReader();
    // The turn is open and streaming: its first event is here.
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('Thinking');
    const busy = await rawRequest(relay.port, { headers: { host: `127.0.0.1:${relay.port}` } });
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    held.open();
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read())
      rest += new TextDecoder().decode(next.value);
    expect(rest).toContain('"type":"stop"');
    expect((await rawRequest(relay.port, { headers: { host: `127.0.0.1:${relay.port}` } })).status).toBe(200);
  });

  it('refuses a cap that is not a whole number from 1', () => {
    for (const maxInFlight of [0, -1, 1.5])
      expect(() => createRelay({ apiKey: KEY, baseURL: 'http://127.0.0.1:1', maxInFlight })).toThrow(
        `maxInFlight must be a whole number from 1; got ${maxInFlight}`,
      );
  });
});

describe('a method the spec does not use', () => {
  /** Fails the test if anything is written to stderr (or console.error) while it runs. */
  function quietStderr() {
    const write = vi.spyOn(process.stderr, 'write');
    const error = vi.spyOn(console, 'error');
    onTestFinished(() => {
      write.mockRestore();
      error.mockRestore();
    });
    return () => {
      expect(error).not.toHaveBeenCalled();
      expect(write).not.toHaveBeenCalled();
    };
  }

  it.each(['TRACE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'])(
    'answers %s with 405 and Allow, in the API shape, nothing upstream and nothing on stderr',
    async (method) => {
      const api = await listingApi();
      const relay = await relayTo(api);
      const saidNothing = quietStderr();
      const answer = await rawRequest(relay.port, { method, headers: { host: `127.0.0.1:${relay.port}` } });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, POST, DELETE');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      if (method !== 'HEAD')
        expect(detailOf(answer.body)).toBe(
          `This server does not serve the method ${method}; it serves GET, POST, DELETE.`,
        );
      expect(api.requests).toHaveLength(0);
      saidNothing();
    },
  );

  it.each([
    ['CONNECT', 'CONNECT 127.0.0.1:443'],
    ['TRACK', 'TRACK /api/v1/chat'],
    ['FOO', 'FOO /api/v1/chat'],
  ])('answers %s (a method node will not hand on) with 405 and Allow, then closes', async (method, line) => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const saidNothing = quietStderr();
    const answer = await rawExchange(relay.port, `${line} HTTP/1.1\r\nHost: 127.0.0.1:${relay.port}\r\n\r\n`);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, POST, DELETE');
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toEqual({
      detail: `This server does not serve the method ${method}; it serves GET, POST, DELETE.`,
    });
    expect(api.requests).toHaveLength(0);
    saidNothing();
  });

  it('is a 405 from the relay itself too, under a server that lets every method through', async () => {
    const api = await listingApi();
    const relay = await relayTo(api, {}, { methods: ['GET', 'POST', 'DELETE', 'PUT'] });
    const answer = await rawRequest(relay.port, {
      method: 'PUT',
      headers: json(relay.port),
      body: '{}',
    });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, POST, DELETE');
    expect(detailOf(answer.body)).toBe(
      'The relay does not serve the method PUT; it serves GET, POST, DELETE.',
    );
    expect(api.requests).toHaveLength(0);
  });
});

describe('a body nested too deep', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const DEEP = nested(400 * 1024); // 800 KB

  it.each([
    ['a whole body', '/api/v1/chat', DEEP],
    ['a field of a turn', '/api/v1/chat/ses-1/messages/stream', `{"prompt":"hi","index_ids":${DEEP}}`],
    ['a field the spec does not name', '/api/v1/chat', `{"extra":${DEEP}}`],
  ])('is the API 422 naming the body for %s, with nothing sent upstream', async (_what, path, body) => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const answer = await rawRequest(relay.port, { method: 'POST', path, headers: json(relay.port), body });
    expect(answer.status).toBe(422);
    expect(JSON.parse(answer.body)).toEqual({
      detail: [
        {
          loc: ['body'],
          msg: 'The request body is nested deeper than 64 levels of arrays and objects.',
          type: 'value_error',
        },
      ],
    });
    expect(api.requests).toHaveLength(0);
  });
});

describe('the body sent upstream', () => {
  it('keeps only the fields the spec names for the operation, as sent', async () => {
    const api = await serve((request, res) => {
      if (request.path.endsWith('/messages/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('data: {"type":"stop","error":null,"is_error":false,"usage":{}}\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          session_id: 'ses-new',
          last_updated_at: '2026-04-22T12:00:00Z',
          shared_access: 'query',
        }),
      );
    });
    const relay = await relayTo(api);
    const create = await rawRequest(relay.port, {
      method: 'POST',
      headers: json(relay.port),
      body: '{"index_ids":["idx-1"],"shared_access":"query","bogus":1,"__proto__":{"admin":true},"page_size":5}',
    });
    expect(create.status).toBe(200);
    const turn = await rawRequest(relay.port, {
      method: 'POST',
      path: '/api/v1/chat/ses-1/messages/stream',
      headers: json(relay.port),
      body: '{"prompt":"hi","index_ids":[],"require_all_indexes":true,"model":"big","session_id":"ses-2"}',
    });
    expect(turn.status).toBe(200);
    expect(api.requests.map((request) => [request.url, JSON.parse(request.body)])).toEqual([
      ['/api/v1/chat', { index_ids: ['idx-1'], shared_access: 'query' }],
      ['/api/v1/chat/ses-1/messages/stream', { prompt: 'hi', index_ids: [], require_all_indexes: true }],
    ]);
  });
});
