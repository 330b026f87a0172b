// The HTTP transport's bounds, in this process with the SDK's own client and an injected clock: a session idle
// past the timeout is closed (by the reaper, or when asked for) and is then a 404; past the session limit a new
// initialize closes the least recently used idle session, or is a 503 with Retry-After while every session is
// busy; a cancelled request's response ends after the cancel without waiting for the turn; a client that drops
// the connection of a turn cancels it upstream.
import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type Clock, type RunningMcp, type StartOptions, startMcp } from '../src/index.js';
import { apiMock, KEY } from './support.js';

/** A clock that moves only when told, and the reaper's tick, run when told. */
function manualClock() {
  let now = 0;
  const ticks: (() => void)[] = [];
  const clock: Clock = {
    now: () => now,
    every: (_ms, tick) => {
      ticks.push(tick);
      return () => ticks.splice(ticks.indexOf(tick), 1);
    },
  };
  return {
    clock,
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
    tick: () => {
      for (const tick of [...ticks]) tick();
    },
  };
}

/** The server on Streamable HTTP in front of the built-in mock, stopped when the test ends. */
async function serve(options: Partial<StartOptions>, streamGapMs = 0) {
  const api = await apiMock(streamGapMs);
  const server: RunningMcp = await startMcp({
    transport: 'http',
    env: { LLAMA_CLOUD_BASE_URL: api.mock.url, LLAMA_CLOUD_API_KEY: KEY },
    token: KEY,
    stdin: process.stdin,
    stdout: process.stdout,
    log: () => {},
    ...options,
  });
  onTestFinished(() => server.close());
  return { ...api, server, url: server.url as string };
}

const bodyOf = (init: RequestInit | undefined) => (typeof init?.body === 'string' ? init.body : '');

/**
 * The SDK's client on `url`, once its session's standalone stream (GET) is open, with what went over HTTP: each
 * `events` entry says what the client sent or saw end, in order.
 */
async function session(url: string, events: string[] = []) {
  let streaming = false;
  const observed: typeof fetch = async (input, init) => {
    const sent = bodyOf(init);
    if (sent.includes('"notifications/cancelled"')) events.push('cancel sent');
    const response = await fetch(input, init);
    if (init?.method === 'GET' && response.ok) streaming = true;
    if (!sent.includes('"tools/call"') || !response.body) return response;
    events.push('tools/call response started');
    const body = response.body.pipeThrough(
      new TransformStream({ flush: () => void events.push('tools/call response ended') }),
    );
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${KEY}` } },
    fetch: observed,
  });
  const client = new Client({ name: 'http-bounds-test', version: '0' });
  await client.connect(transport);
  onTestFinished(() => client.close());
  await expect.poll(() => streaming, { timeout: 30_000 }).toBe(true);
  return { client, id: transport.sessionId as string };
}

/** A raw `initialize` POST: its status, its Retry-After, and its body. */
async function initialize(url: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
}

const TURN = { session_id: 'ses-abc123', prompt: 'A long answer, please', index_ids: [] };

describe('the HTTP transport, bounded', () => {
  it('closes a session idle past the timeout: the reaper ends it, and a request for it is a 404', async () => {
    const time = manualClock();
    const { server, url } = await serve({ sessionIdleTimeout: 2, clock: time.clock });
    const left = await session(url);
    const used = await session(url);

    time.advance(1.5);
    await used.client.listTools();
    time.advance(1.5);
    expect(server.sessionCount?.()).toBe(2);
    time.tick();

    // Left alone 3 s: gone. Used 1.5 s ago: still there.
    expect(server.sessionCount?.()).toBe(1);
    await expect(left.client.listTools()).rejects.toMatchObject({ code: 404 });
    expect((await used.client.listTools()).tools).toHaveLength(6);
  });

  it('answers 404 for a session idle past the timeout even before the reaper runs', async () => {
    const time = manualClock();
    const { url } = await serve({ sessionIdleTimeout: 2, clock: time.clock });
    const { client } = await session(url);

    time.advance(2.5);

    await expect(client.listTools()).rejects.toMatchObject({ code: 404 });
  });

  it('past --max-sessions, a new initialize closes the least recently used idle session (now a 404)', async () => {
    const time = manualClock();
    const { server, url } = await serve({ maxSessions: 3, clock: time.clock });
    const first = await session(url);
    time.advance(1);
    const second = await session(url);
    time.advance(1);
    const third = await session(url);
    time.advance(1);
    await first.client.listTools(); // the first is now the most recently used; the second the least

    time.advance(1);
    const fourth = await session(url);

    expect(server.sessionCount?.()).toBe(3);
    await expect(second.client.listTools()).rejects.toMatchObject({ code: 404 });
    for (const kept of [first, third, fourth]) expect((await kept.client.listTools()).tools).toHaveLength(6);

    // Churn: every initialize past the limit closes one, so the count stays at the limit.
    for (let i = 0; i < 30; i += 1) {
      time.advance(1);
      expect((await initialize(url)).status).toBe(200);
    }
    expect(server.sessionCount?.()).toBe(3);
    await expect(fourth.client.listTools()).rejects.toMatchObject({ code: 404 });
  });

  it('answers a 503 with Retry-After when every session is busy, and takes the session once it is idle', async () => {
    const { server, url } = await serve({ maxSessions: 1 }, 60_000);
    const events: string[] = [];
    const busy = await session(url, events);
    const controller = new AbortController();
    const turn = busy.client.callTool({ name: 'chat_stream', arguments: TURN }, undefined, {
      signal: controller.signal,
      onprogress: () => {},
    });
    turn.catch(() => {});
    await expect.poll(() => events, { timeout: 30_000 }).toContain('tools/call response started');

    const refused = await initialize(url);

    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('5');
    expect(JSON.parse(refused.body)).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message:
          'All 1 sessions are busy with a request in flight: retry later, or end a session you no longer need (DELETE /mcp).',
      },
      id: null,
    });
    expect(server.sessionCount?.()).toBe(1);

    controller.abort();
    await expect.poll(() => events, { timeout: 30_000 }).toContain('tools/call response ended');
    expect((await initialize(url)).status).toBe(200);
    await expect(busy.client.listTools()).rejects.toMatchObject({ code: 404 });
  });

  it("ends a cancelled turn's HTTP response after the cancel, and the turn upstream never completes", async () => {
    const { url, streams } = await serve({}, 200);
    const events: string[] = [];
    const { client } = await session(url, events);
    let progress = 0;
    const controller = new AbortController();
    const turn = client.callTool({ name: 'chat_stream', arguments: TURN }, undefined, {
      signal: controller.signal,
      onprogress: () => {
        progress += 1;
      },
    });
    await expect.poll(() => progress, { timeout: 30_000 }).toBeGreaterThan(0);

    controller.abort();

    await expect(turn).rejects.toThrow();
    await expect.poll(() => events, { timeout: 30_000 }).toContain('tools/call response ended');
    expect(events).toEqual(['tools/call response started', 'cancel sent', 'tools/call response ended']);
    await expect.poll(() => streams.length, { timeout: 30_000 }).toBe(1);
    expect(streams[0]).toMatchObject({ complete: false });
    // The session is still there, and free.
    expect((await client.listTools()).tools).toHaveLength(6);
  });

  it('cancels the turn upstream when the client drops the HTTP connection of its request', async () => {
    const { url, streams } = await serve({}, 200);
    const { client, id } = await session(url);
    const target = new URL(url);
    const call = request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': id,
        'mcp-protocol-version': '2025-06-18',
      },
    });
    call.on('error', () => {});
    let received = '';
    const firstProgress = new Promise<number | undefined>((resolve) =>
      call.on('response', (res) => {
        res.on('data', (chunk) => {
          received += String(chunk);
          if (received.includes('notifications/progress')) resolve(res.statusCode);
        });
        res.on('error', () => {});
      }),
    );
    call.end(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'chat_stream', arguments: TURN, _meta: { progressToken: 7 } },
      }),
    );
    expect(await firstProgress).toBe(200);

    call.destroy();

    await expect.poll(() => streams.length, { timeout: 30_000 }).toBe(1);
    expect(streams[0]).toMatchObject({ complete: false });
    expect(streams[0]?.sent).toBeLessThan(streams[0]?.events ?? 0);
    expect((await client.listTools()).tools).toHaveLength(6);
  });
});
