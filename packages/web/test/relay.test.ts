// The relay as a route handler served by node:http: what reaches the API (the relay's key, the page's query),
// what reaches the page (never the key, the API's errors with their status), and streams passed on as they
// come, cut off or abandoned.
import LlamaCloud, {
  InternalServerError,
  NotFoundError,
  StreamInterruptedError,
  TimeoutError,
} from '@llamacloud-chat/client';
import { makeSessions, pagedSessions, sendJson, serve, waitFor } from '@llamacloud-chat/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServedHandler, serveHandler } from '../src/relay/node-adapter.js';
import { createRelay, errorResponse } from '../src/relay/relay.js';

const KEY = 'llx-relay-secret-42f1';

let relays: ServedHandler[] = [];
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  relays = [];
});

/** The relay in front of `api`, and a client for it as the page makes one: no key of its own sent. */
async function relayTo(api: string) {
  const relay = await serveHandler(createRelay({ apiKey: KEY, baseURL: api }));
  relays.push(relay);
  const page = new LlamaCloud({
    apiKey: 'held-by-the-relay',
    baseURL: relay.url,
    defaultHeaders: { authorization: null },
    maxRetries: 0,
  });
  return { relay, page: page.beta.chat };
}

const sse = (events: unknown[]) => events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');

describe('the relay', () => {
  it("lists page by page with the relay's key, passing on the page's query and not its Authorization", async () => {
    const api = await serve(pagedSessions(makeSessions(5)));
    const { relay } = await relayTo(api.url);
    const first = await fetch(`${relay.url}/api/v1/chat?page_size=2`, {
      headers: { authorization: 'Bearer page' },
    });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { items: { session_id: string }[]; next_page_token: string };
    expect(body.items).toHaveLength(2);
    const second = await fetch(`${relay.url}/api/v1/chat?page_size=2&page_token=${body.next_page_token}`);
    expect(((await second.json()) as { items: unknown[] }).items).toHaveLength(2);
    expect(api.requests.map((r) => r.url)).toEqual([
      '/api/v1/chat?page_size=2',
      '/api/v1/chat?page_size=2&page_token=cur-2',
    ]);
    for (const request of api.requests) expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('never hands on the key, even when the API echoes it back in a body or an error', async () => {
    const api = await serve((request, res) => {
      if (request.method === 'GET' && request.path === '/api/v1/chat/echo') {
        const session = {
          session_id: 'echo',
          last_updated_at: '2026-04-22T12:00:00Z',
          shared_access: 'query',
        };
        return sendJson(res, 200, { ...session, events: [], note: request.headers.authorization });
      }
      sendJson(res, 401, { detail: `Invalid API key ${request.headers.authorization}` });
    });
    const { relay } = await relayTo(api.url);
    const ok = await fetch(`${relay.url}/api/v1/chat/echo`);
    const refused = await fetch(`${relay.url}/api/v1/chat`);
    expect(ok.status).toBe(200);
    expect(refused.status).toBe(401);
    for (const text of [await ok.text(), await refused.text()]) {
      expect(text).not.toContain(KEY);
      expect(text).toContain('Bearer');
    }
  });

  it("passes on the API's errors with their status, so the page's client raises the same error", async () => {
    const api = await serve((_request, res) =>
      sendJson(res, 404, { detail: 'Chat session ses-gone not found' }),
    );
    const { page } = await relayTo(api.url);
    const error = await page.retrieve('ses-gone').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe(
      '404 Not Found from GET /api/v1/chat/ses-gone: Chat session ses-gone not found',
    );
  });

  it('answers 502 with a detail that says so when the API is down', async () => {
    const api = await serve((_request, res) => sendJson(res, 200, {}));
    const downUrl = api.url;
    await api.close();
    const { page } = await relayTo(downUrl);
    const error = await page.create({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(502);
    expect((error as InternalServerError).message).toContain('The chat API could not be reached.');
  });

  it('answers 504 when the API took too long', async () => {
    const answer = errorResponse(new TimeoutError({ target: 'GET /api/v1/chat', timeoutMs: 60_000 }));
    expect(answer.status).toBe(504);
    expect(((await answer.json()) as { detail: string }).detail).toMatch(
      /^The chat API did not answer in time\. /,
    );
  });

  it('refuses what it does not serve with a 404, and a body that is not JSON with a 422', async () => {
    const api = await serve((_request, res) => sendJson(res, 200, {}));
    const { relay } = await relayTo(api.url);
    const unknown = await fetch(`${relay.url}/api/v1/projects`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'The relay does not serve GET /api/v1/projects.' });
    const bad = await fetch(`${relay.url}/api/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({
      detail: [{ loc: ['body'], msg: 'The request body is not JSON.', type: 'value_error' }],
    });
    expect(api.requests).toHaveLength(0);
  });

  it('streams a turn on event by event, as the API sends it', async () => {
    // The API holds the rest of the turn until the page has seen the first event: the page can only see it
    // then if the relay passed it on alone, as it came. Order and cause, not a gap in milliseconds.
    let firstSeen!: () => void;
    const pageSawFirst = new Promise<void>((resolve) => {
      firstSeen = resolve;
    });
    const steps: string[] = [];
    const api = await serve(async (_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse([{ type: 'text_delta', content: 'Hel' }]));
      await pageSawFirst;
      steps.push('api sends the rest');
      res.end(
        sse([
          { type: 'text_delta', content: 'lo' },
          { type: 'stop', error: null, is_error: false, usage: {} },
        ]),
      );
    });
    const { page } = await relayTo(api.url);
    const deltas: string[] = [];
    for await (const event of await page.stream('ses-1', { prompt: 'hi', index_ids: ['idx-1'] })) {
      if (event.type === 'text_delta') {
        deltas.push(event.content);
        steps.push(`page sees ${event.content}`);
        if (deltas.length === 1) firstSeen();
      }
      if (event.type === 'stop') steps.push('page sees stop');
    }
    expect(steps).toEqual(['page sees Hel', 'api sends the rest', 'page sees lo', 'page sees stop']);
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({ prompt: 'hi', index_ids: ['idx-1'] });
  });

  it('a turn cut off upstream reaches the page as cut off, after the events that came', async () => {
    let pageSawFirst!: () => void;
    const seenFirst = new Promise<void>((resolve) => {
      pageSawFirst = resolve;
    });
    const steps: string[] = [];
    const api = await serve(async (_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse([{ type: 'text_delta', content: 'Half an ans' }]));
      // The API cuts the connection only once the page has the event it sent.
      await seenFirst;
      steps.push('api cuts the connection');
      res.destroy();
    });
    const { page } = await relayTo(api.url);
    const error = await (async () => {
      for await (const event of await page.stream('ses-1', { prompt: 'hi', index_ids: [] })) {
        steps.push(`page sees ${String(event.type)}`);
        pageSawFirst();
      }
    })().catch((e: unknown) => e);
    expect(steps).toEqual(['page sees text_delta', 'api cuts the connection']);
    expect(error).toBeInstanceOf(StreamInterruptedError);
  });

  it('closes the connection to the API when the page goes away mid-turn', async () => {
    let closed = false;
    const api = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse([{ type: 'text_delta', content: 'Thinking it over' }]));
      res.once('close', () => {
        closed = true;
      });
    });
    const { page } = await relayTo(api.url);
    const stop = new AbortController();
    for await (const event of await page.stream(
      'ses-1',
      { prompt: 'hi', index_ids: [] },
      { signal: stop.signal },
    )) {
      expect(event.type).toBe('text_delta');
      break;
    }
    await waitFor(() => closed);
    expect(closed).toBe(true);
  });

  it("checks a turn before sending it: without a prompt it is the spec's 422, naming what is missing", async () => {
    const api = await serve((_request, res) => sendJson(res, 200, {}));
    const { relay } = await relayTo(api.url);
    const answer = await fetch(`${relay.url}/api/v1/chat/ses-1/messages/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toEqual({
      detail: [
        {
          loc: ['body', 'prompt'],
          msg: 'POST /api/v1/chat/{session_id}/messages/stream needs the body field prompt (string). Nothing was sent.',
          type: 'missing',
        },
      ],
    });
    expect(api.requests).toHaveLength(0);
  });

  it("refuses a query value of the wrong type with the spec's 422, and leaves out a name the spec does not declare", async () => {
    const api = await serve(pagedSessions(makeSessions(3)));
    const { relay } = await relayTo(api.url);
    const bad = await fetch(`${relay.url}/api/v1/chat?page_size=many`);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ detail: [{ loc: ['query', 'page_size'], type: 'type_error' }] });
    expect(api.requests).toHaveLength(0);

    const ok = await fetch(`${relay.url}/api/v1/chat?page_size=1&debug=1`);
    expect(ok.status).toBe(200);
    expect(api.requests.map((r) => r.url)).toEqual(['/api/v1/chat?page_size=1']);
  });

  it("relays every operation of the spec, the session's summary included, and nothing else", async () => {
    const { catalog } = await import('@llamacloud-chat/client/catalog');
    const api = await serve((request, res) => {
      if (request.path.endsWith('/messages/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(sse([{ type: 'stop', error: null, is_error: false, usage: { turns: 1 } }]));
        return;
      }
      if (request.method === 'DELETE') return void res.writeHead(204).end();
      const session = {
        session_id: 'ses-1',
        last_updated_at: '2026-04-23T08:00:00Z',
        shared_access: 'query',
      };
      if (request.method === 'GET' && request.path === '/api/v1/chat')
        return sendJson(res, 200, { items: [session], next_page_token: null });
      sendJson(res, 200, { ...session, events: [] });
    });
    const { relay } = await relayTo(api.url);
    const bodies: Record<string, unknown> = {
      createChatSession: {},
      streamChatMessage: { prompt: 'Hi', index_ids: [] },
    };
    const relayed: string[] = [];
    for (const entry of catalog) {
      const path = entry.path.replaceAll('{session_id}', 'ses-1');
      const body = bodies[entry.operationId];
      const answer = await fetch(`${relay.url}${path}`, {
        method: entry.method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      await answer.arrayBuffer();
      expect([200, 204], `${entry.operationId}: ${answer.status}`).toContain(answer.status);
      relayed.push(`${entry.method} ${entry.path}`);
    }
    expect(relayed).toContain('GET /api/v1/chat/{session_id}/summary');
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual(
      catalog.map((entry) => `${entry.method} ${entry.path.replaceAll('{session_id}', 'ses-1')}`),
    );
    for (const request of api.requests) expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    // A method the spec does not use is a 405 on any path; a method it uses on a path it lacks, a 404.
    for (const [method, path, status] of [
      ['PUT', '/api/v1/chat', 405],
      ['GET', '/api/v1/chat/ses-1/messages/stream', 404],
      ['PATCH', '/api/v1/chat/ses-1', 405],
      ['GET', '/api/v1/chat/ses-1/summary/extra', 404],
    ] as const) {
      const refused = await fetch(`${relay.url}${path}`, { method });
      expect(refused.status, `${method} ${path}`).toBe(status);
    }
    expect(api.requests).toHaveLength(catalog.length);
  });
});
