// The relay re-serialises what the API sent (errors, sessions, a turn's events) for its page: an API that echoes
// the relay's key spelled with JSON escapes must not get it to the page, decoded or escaped.
import { serve } from '@llamacloud-chat/test-support';
import { afterEach, expect, it } from 'vitest';
import { type ServedHandler, serveHandler } from '../src/relay/node-adapter.js';
import { createRelay } from '../src/relay/relay.js';

const KEY = 'llx-relay-escaped-7c3d9e';
const escaped = [...KEY].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** `text` with its `\uXXXX` escapes decoded, as the page's JSON.parse would decode them. */
const unescaped = (text: string) =>
  text.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

let relays: ServedHandler[] = [];
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  relays = [];
});

it('never hands the page the key the API echoed with JSON escapes: in an error, a session, a streamed event', async () => {
  const api = await serve((request, res) => {
    if (request.path.endsWith('/messages/stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: {"type":"text_delta","content":"key ${escaped}"}\n\n`);
      res.end('data: {"type":"stop","error":null,"is_error":false,"usage":{}}\n\n');
      return;
    }
    if (request.path === '/api/v1/chat/ses-1') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        `{"session_id":"ses-1","last_updated_at":"2026-04-22T12:00:00Z","shared_access":"query","generated_title":"${escaped}","events":[]}`,
      );
      return;
    }
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(`{"detail":"Invalid API key ${escaped}"}`);
  });
  const relay = await serveHandler(createRelay({ apiKey: KEY, baseURL: api.url }));
  relays.push(relay);
  const json = { 'content-type': 'application/json' };

  const refused = await fetch(`${relay.url}/api/v1/chat`);
  const session = await fetch(`${relay.url}/api/v1/chat/ses-1`);
  const turn = await fetch(`${relay.url}/api/v1/chat/ses-1/messages/stream`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ prompt: 'q', index_ids: [] }),
  });

  expect([refused.status, session.status, turn.status]).toEqual([401, 200, 200]);
  const texts = [await refused.text(), await session.text(), await turn.text()];
  for (const text of texts) {
    expect(unescaped(text)).not.toContain(KEY);
    expect(text).toContain('[redacted]');
  }
  // The upstream did get the key, in the one place it belongs.
  for (const request of api.requests) expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
});
