// What the relay refuses before anything goes upstream, over real HTTP with any header a page or a tool can send:
// another origin or site (403), a body that is not JSON (415), a body over the cap (413), a Host it was not
// started for (421) or a malformed one (400); in that order. And its one deadline per call (504), and the headers
// that keep other sites from framing or sniffing its answers.

import { request } from 'node:http';
import { makeSessions, pagedSessions, serve, type TestServer } from '@llamacloud-chat/test-support';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { type ServedHandler, type ServeOptions, serveHandler } from '../src/relay/node-adapter.js';
import { createRelay, type RelayOptions } from '../src/relay/relay.js';
import { rawRequest } from './raw-request.js';

const KEY = 'llx-guards-secret-9d2c';
const TURN = '{"prompt":"spend the key","index_ids":[]}';

let relays: ServedHandler[] = [];
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  relays = [];
});

async function relayTo(api: TestServer, relay: Partial<RelayOptions> = {}, serveOptions: ServeOptions = {}) {
  const served = await serveHandler(
    createRelay({ apiKey: KEY, baseURL: api.url, ...relay }),
    0,
    serveOptions,
  );
  relays.push(served);
  return served;
}

/** An API that answers listings; it records what reached it. */
const listingApi = () => serve(pagedSessions(makeSessions(3)));

/**
 * One request with node:http, as rawRequest sends it, read as it streams: `received(text)` resolves once the body
 * so far contains `text`; `answer` once it ends.
 */
function streamRequest(
  port: number,
  options: { method: string; path: string; headers: Record<string, string>; body: string },
) {
  let body = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers: options.headers,
        setHost: false,
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          for (const wait of waiting.filter((w) => body.includes(w.text))) wait.resolve();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
  answer.catch(() => {});
  const received = (text: string) =>
    Promise.race([
      new Promise<void>((resolve) => {
        if (body.includes(text)) resolve();
        else waiting.push({ text, resolve });
      }),
      answer.then(() => {
        if (!body.includes(text)) throw new Error(`the answer ended without ${text}: ${body}`);
      }),
    ]);
  return { received, answer };
}

const detailOf = (body: string) => (JSON.parse(body) as { detail: string }).detail;

describe('the relay refuses another site', () => {
  it("refuses a no-cors stream turn from another origin (text/plain, the page's Origin) with 403, sending nothing", async () => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const answer = await rawRequest(relay.port, {
      method: 'POST',
      path: '/api/v1/chat/ses-1/messages/stream',
      headers: {
        host: `127.0.0.1:${relay.port}`,
        origin: 'https://evil.example',
        'content-type': 'text/plain',
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'no-cors',
      },
      body: TURN,
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(detailOf(answer.body)).toBe(
      `The relay answers only its own page (http://127.0.0.1:${relay.port}); this request came from https://evil.example.`,
    );
    expect(api.requests).toHaveLength(0);
  });

  it('refuses a JSON create from another origin with 403, even with the right content type', async () => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const answer = await rawRequest(relay.port, {
      method: 'POST',
      headers: {
        host: `127.0.0.1:${relay.port}`,
        origin: 'http://localhost:1',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(answer.status).toBe(403);
    expect(api.requests).toHaveLength(0);
  });

  it.each(['cross-site', 'same-site'])(
    'refuses Sec-Fetch-Site: %s with 403 (a GET has no Origin)',
    async (site) => {
      const api = await listingApi();
      const relay = await relayTo(api);
      const answer = await rawRequest(relay.port, {
        headers: { host: `127.0.0.1:${relay.port}`, 'sec-fetch-site': site },
      });
      expect(answer.status).toBe(403);
      expect(detailOf(answer.body)).toContain(`this request is ${site} (Sec-Fetch-Site)`);
      expect(api.requests).toHaveLength(0);
    },
  );

  it('answers its own page (same-origin, or none) and a caller that is not a browser', async () => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const own = `http://127.0.0.1:${relay.port}`;
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'same-origin', origin: own },
      { 'sec-fetch-site': 'none' },
      {},
    ]) {
      const answer = await rawRequest(relay.port, {
        headers: { host: `127.0.0.1:${relay.port}`, ...headers },
      });
      expect(answer.status).toBe(200);
    }
    expect(api.requests).toHaveLength(3);
  });
});

describe('the relay takes JSON only', () => {
  it.each([
    ['text/plain', TURN],
    ['application/x-www-form-urlencoded', 'prompt=spend&index_ids='],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('refuses a %s body with 415, sending nothing', async (type, body) => {
    const api = await listingApi();
    const relay = await relayTo(api);
    for (const path of ['/api/v1/chat', '/api/v1/chat/ses-1/messages/stream']) {
      const answer = await rawRequest(relay.port, {
        method: 'POST',
        path,
        headers: { host: `127.0.0.1:${relay.port}`, 'content-type': type },
        body,
      });
      expect(answer.status).toBe(415);
      expect(detailOf(answer.body)).toBe(
        `The relay takes JSON bodies only (Content-Type: application/json); this one is ${JSON.stringify(type)}.`,
      );
    }
    expect(api.requests).toHaveLength(0);
  });

  it('refuses a POST with no content type with 415', async () => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const answer = await rawRequest(relay.port, {
      method: 'POST',
      headers: { host: `127.0.0.1:${relay.port}` },
      body: '{}',
    });
    expect(answer.status).toBe(415);
    expect(api.requests).toHaveLength(0);
  });
});

describe('the relay answers only its own host names', () => {
  it('refuses a rebound name with 421, and answers 127.0.0.1 and localhost on its port', async () => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const rebound = await rawRequest(relay.port, { headers: { host: `attacker.example:${relay.port}` } });
    expect(rebound.status).toBe(421);
    expect(detailOf(rebound.body)).toBe(
      `This server does not answer for the host "attacker.example:${relay.port}"; start it with --allowed-host to add a name.`,
    );
    // The right name on another port is another server's name.
    expect((await rawRequest(relay.port, { headers: { host: '127.0.0.1:1' } })).status).toBe(421);
    expect(api.requests).toHaveLength(0);
    for (const host of [`127.0.0.1:${relay.port}`, `localhost:${relay.port}`, `LOCALHOST:${relay.port}`])
      expect((await rawRequest(relay.port, { headers: { host } })).status).toBe(200);
    expect(api.requests).toHaveLength(3);
  });

  it('answers a name given in allowedHosts, on any port without one, on its port with one', async () => {
    const api = await listingApi();
    const relay = await relayTo(api, {}, { allowedHosts: ['chat.example.com', 'box.lan:8443'] });
    expect((await rawRequest(relay.port, { headers: { host: 'chat.example.com' } })).status).toBe(200);
    expect((await rawRequest(relay.port, { headers: { host: 'box.lan:8443' } })).status).toBe(200);
    expect((await rawRequest(relay.port, { headers: { host: 'box.lan:8444' } })).status).toBe(421);
  });

  it.each(['[::1', 'a b', 'name:99999', 'user@host', ''])(
    'answers the malformed Host %j with 400',
    async (host) => {
      const api = await listingApi();
      const relay = await relayTo(api);
      const answer = await rawRequest(relay.port, { headers: { host } });
      expect(answer.status).toBe(400);
      expect(detailOf(answer.body)).toMatch(
        /^The (Host header .* is malformed|request has no Host header)\.$/,
      );
      expect(api.requests).toHaveLength(0);
    },
  );

  it('refuses a malformed allowed host at start', async () => {
    await expect(serveHandler(async () => new Response(), 0, { allowedHosts: ['bad host'] })).rejects.toThrow(
      'Not a host name: "bad host" (expected name or name:port)',
    );
  });
});

describe('the order of the checks: host, origin, route, content type, body size', () => {
  it('says the first reason that applies', async () => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const own = `127.0.0.1:${relay.port}`;
    const everythingWrong = {
      host: `attacker.example:${relay.port}`,
      origin: 'https://evil.example',
      'content-type': 'text/plain',
    };
    // A JSON body over the cap, sent whole: the guards before the cap must not need to read it.
    const body = JSON.stringify({ prompt: 'x'.repeat(2 * 1024 * 1024), index_ids: [] });
    const send = (headers: Record<string, string>, path = '/api/v1/chat') =>
      rawRequest(relay.port, { method: 'POST', path, headers, body }).then((answer) => answer.status);
    expect(await send(everythingWrong)).toBe(421);
    expect(await send({ ...everythingWrong, host: own })).toBe(403);
    expect(await send({ ...everythingWrong, host: own, origin: `http://${own}` }, '/api/v1/projects')).toBe(
      404,
    );
    expect(await send({ ...everythingWrong, host: own, origin: `http://${own}` })).toBe(415);
    expect(
      await send({
        ...everythingWrong,
        host: own,
        origin: `http://${own}`,
        'content-type': 'application/json',
      }),
    ).toBe(413);
    expect(api.requests).toHaveLength(0);
  });
});

describe('the body cap', () => {
  it('refuses a declared body over 1 MiB with 413 before reading it', async () => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const answer = await rawRequest(relay.port, {
      method: 'POST',
      headers: {
        host: `127.0.0.1:${relay.port}`,
        'content-type': 'application/json',
        'content-length': String(1024 * 1024 + 1),
      },
    });
    expect(answer.status).toBe(413);
    expect(detailOf(answer.body)).toBe("The request body is larger than the relay's limit of 1048576 bytes.");
    expect(api.requests).toHaveLength(0);
  });

  it('refuses a chunked body once it passes the cap, and sends nothing', async () => {
    const api = await listingApi();
    const relay = await relayTo(api, { maxBodyBytes: 1000 });
    const answer = await rawRequest(relay.port, {
      method: 'POST',
      path: '/api/v1/chat/ses-1/messages/stream',
      headers: {
        host: `127.0.0.1:${relay.port}`,
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      },
      body: JSON.stringify({ prompt: 'x'.repeat(1001), index_ids: [] }),
    });
    expect(answer.status).toBe(413);
    expect(api.requests).toHaveLength(0);
  });

  it('passes a body at the cap', async () => {
    const api = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          session_id: 'ses-new',
          last_updated_at: '2026-04-22T12:00:00Z',
          shared_access: 'query',
        }),
      );
    });
    const relay = await relayTo(api, { maxBodyBytes: 1000 });
    // A field Create Session names, so the relay passes it on rather than dropping it.
    const body = JSON.stringify({ index_ids: ['x'.repeat(1000 - '{"index_ids":[""]}'.length)] });
    expect(body).toHaveLength(1000);
    const answer = await rawRequest(relay.port, {
      method: 'POST',
      headers: { host: `127.0.0.1:${relay.port}`, 'content-type': 'application/json' },
      body,
    });
    expect(answer.status).toBe(200);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.body).toBe(body);
  });
});

describe("the relay's deadline", () => {
  /** An API that never answers; it records the attempts and lets them go when the test ends. */
  const hangingApi = () =>
    serve(() => {
      // Never answers: the relay's deadline has to end the call.
    });

  it('answers 504 when a listing passes the deadline, retries included, saying so', async () => {
    const api = await hangingApi();
    const relay = await relayTo(api, { deadlineMs: 500 });
    const answer = await rawRequest(relay.port, { headers: { host: `127.0.0.1:${relay.port}` } });
    expect(answer.status).toBe(504);
    expect(detailOf(answer.body)).toBe(
      "The chat API did not answer within the relay's deadline of 0.5 s (retries included).",
    );
    expect(api.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('answers 504 when a turn does not open within the deadline', async () => {
    const api = await hangingApi();
    const relay = await relayTo(api, { deadlineMs: 500 });
    const answer = await rawRequest(relay.port, {
      method: 'POST',
      path: '/api/v1/chat/ses-1/messages/stream',
      headers: { host: `127.0.0.1:${relay.port}`, 'content-type': 'application/json' },
      body: TURN,
    });
    expect(answer.status).toBe(504);
  });

  it('refuses a deadline a timer cannot hold, rather than firing at once', () => {
    for (const deadlineMs of [0, 1.5, 2 ** 31])
      expect(() => createRelay({ apiKey: KEY, baseURL: 'http://127.0.0.1:1', deadlineMs })).toThrow(
        `deadlineMs must be a whole number of ms from 1 to 2147483647; got ${deadlineMs}`,
      );
  });

  it('lets an open turn last past the deadline', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const api = await serve(async (_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"type":"text_delta","content":"Thinking"}\n\n');
      await held;
      res.end('data: {"type":"stop","error":null,"is_error":false,"usage":{}}\n\n');
    });
    const relay = await relayTo(api, { deadlineMs: 300 });
    // The relay's deadline is a fake timer: it passes when the test says, not when a busy machine gets to it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const turn = streamRequest(relay.port, {
      method: 'POST',
      path: '/api/v1/chat/ses-1/messages/stream',
      headers: { host: `127.0.0.1:${relay.port}`, 'content-type': 'application/json' },
      body: TURN,
    });
    // The turn is open: its first event reached the caller through the relay.
    await turn.received('"content":"Thinking"');
    // Ten deadlines pass with the turn open; a deadline still running would end the turn now.
    await vi.advanceTimersByTimeAsync(10 * 300);
    release();
    const answer = await turn.answer;
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(
      'data: {"type":"text_delta","content":"Thinking"}\n\n' +
        'data: {"type":"stop","error":null,"is_error":false,"usage":{}}\n\n',
    );
  });
});

describe("the relay's headers", () => {
  it('forbid framing and sniffing and send no referrer, on answers and refusals alike', async () => {
    const api = await listingApi();
    const relay = await relayTo(api);
    const answers = [
      await rawRequest(relay.port, { headers: { host: `127.0.0.1:${relay.port}` } }),
      await rawRequest(relay.port, {
        headers: { host: `127.0.0.1:${relay.port}`, origin: 'https://evil.example' },
      }),
      await rawRequest(relay.port, { headers: { host: 'attacker.example' } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 403, 421]);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});
