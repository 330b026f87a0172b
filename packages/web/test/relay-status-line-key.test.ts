// An API that puts the relay's key in its status line (`HTTP/1.1 400 Bad key <key>`), as it is or with JSON
// escapes: the relay's answer to the page (its status line, headers and body) shows none of it.
import { escapedAll, serve, unescaped } from '@llamacloud-chat/test-support';
import { afterEach, expect, it } from 'vitest';
import { type ServedHandler, serveHandler } from '../src/relay/node-adapter.js';
import { createRelay } from '../src/relay/relay.js';

const KEY = 'llx-relay-status-line-5b2e';

let relays: ServedHandler[] = [];
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  relays = [];
});

it.each([
  ['as it is', KEY],
  ['with JSON escapes', escapedAll(KEY)],
])('a key in the API status line, spelled %s, is not in the relay answer', async (_how, spelled) => {
  const api = await serve((_request, res) => {
    res.writeHead(400, `Bad key ${spelled}`, { 'content-type': 'application/json' });
    res.end('{"detail":"bad request"}');
  });
  const relay = await serveHandler(createRelay({ apiKey: KEY, baseURL: api.url }));
  relays.push(relay);

  const listed = await fetch(`${relay.url}/api/v1/chat`);
  const retrieved = await fetch(`${relay.url}/api/v1/chat/ses-1`);
  const turn = await fetch(`${relay.url}/api/v1/chat/ses-1/messages/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'q', index_ids: [] }),
  });

  for (const answer of [listed, retrieved, turn]) {
    expect(answer.ok).toBe(false);
    const shown = [answer.statusText, JSON.stringify([...answer.headers]), await answer.text()].join('\n');
    expect(unescaped(shown)).not.toContain(KEY);
  }
  expect(api.requests.length).toBeGreaterThanOrEqual(3);
});
