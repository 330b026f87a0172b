// A server that echoes the key spelled with JSON escapes (`\u006c\u006c…`): text replacement cannot see it, but
// JSON.parse turns it back into the key. Whatever a caller is handed, through every entry point, must not hold
// it: error messages and bodies, a returned session, a streamed event, openapi-fetch's data and error.
import { inspect } from 'node:util';
import { serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, { APIError, createClient } from '../src/index.js';

const KEY = 'llx-esc4ped-0123456789abcdef';

/** `text` with every character written as a JSON `\uXXXX` escape. */
const escapedAll = (text: string) =>
  [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
/** Only the first character escaped: enough to hide it from a text search. */
const escapedFirst = (text: string) => `${escapedAll(text.slice(0, 1))}${text.slice(1)}`;

/** `text` with its `\uXXXX` escapes decoded, as a reader of it would decode them. */
const unescaped = (text: string) =>
  text.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** Whether `value`, printed in any way, shows the key, spelled out or with escapes. */
function shows(value: unknown): boolean {
  const texts = [inspect(value, { depth: 20, showHidden: true }), JSON.stringify(value) ?? '', String(value)];
  return texts.some((text) => unescaped(text).includes(KEY));
}

/** A chat API whose every answer echoes the key with JSON escapes. */
async function echoingApi() {
  return serve((request, res) => {
    const spelled = request.path.endsWith('/ses-all') ? escapedAll(KEY) : escapedFirst(KEY);
    const session = `{"session_id":"ses-1","last_updated_at":"2026-04-22T12:00:00Z","shared_access":"query","generated_title":"key ${spelled}"}`;
    if (request.path.endsWith('/messages/stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: {"type":"text_delta","content":"your key is ${spelled}"}\n\n`);
      res.end('data: {"type":"stop","error":null,"is_error":false,"usage":{}}\n\n');
      return;
    }
    if (request.path.startsWith('/api/v1/chat/ses-')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(session.replace(/}$/, ',"events":[]}'));
      return;
    }
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(`{"detail":"Invalid API key ${spelled}","echo":{"${spelled}":["${spelled}"]}}`);
  });
}

describe('a key the server spells with JSON escapes', () => {
  it('is redacted from an API error: its message, its body and every way of printing it', async () => {
    const api = await echoingApi();
    const client = new LlamaCloud({ apiKey: KEY, baseURL: api.url, maxRetries: 0 });
    const error = await client.chat.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).message).toContain('Invalid API key [redacted]');
    expect(shows(error)).toBe(false);
    expect(shows((error as APIError).body)).toBe(false);
  });

  it.each(['ses-all', 'ses-first'])('is redacted from a returned session (%s)', async (id) => {
    const api = await echoingApi();
    const client = new LlamaCloud({ apiKey: KEY, baseURL: api.url });
    const session = await client.chat.retrieve(id);

    expect(session.generated_title).toBe('key [redacted]');
    expect(shows(session)).toBe(false);
  });

  it('is redacted from a streamed event', async () => {
    const api = await echoingApi();
    const client = new LlamaCloud({ apiKey: KEY, baseURL: api.url });
    const events = [];
    for await (const event of client.chat.stream('ses-1', { prompt: 'q', index_ids: [] })) events.push(event);

    expect(events[0]).toEqual({ type: 'text_delta', content: 'your key is [redacted]' });
    expect(shows(events)).toBe(false);
  });

  it("is redacted from openapi-fetch's data and error, and from client.get()", async () => {
    const api = await echoingApi();
    const fetchClient = createClient({ apiKey: KEY, baseURL: api.url, maxRetries: 0 });
    const refused = await fetchClient.GET('/api/v1/chat');
    const got = await fetchClient.GET('/api/v1/chat/{session_id}', {
      params: { path: { session_id: 'ses-all' } },
    });
    const verb = await new LlamaCloud({ apiKey: KEY, baseURL: api.url }).get('/api/v1/chat/ses-all');

    expect(refused.response.status).toBe(401);
    expect(shows(refused.error)).toBe(false);
    expect(got.data?.generated_title).toBe('key [redacted]');
    expect(shows(got.data)).toBe(false);
    expect(shows(verb)).toBe(false);
  });

  it('leaves a body with escapes but no key as the server sent it', async () => {
    const api = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"session_id":"ses-\\u00e9","last_updated_at":"x","shared_access":"query","events":[]}');
    });
    const client = new LlamaCloud({ apiKey: KEY, baseURL: api.url });
    expect((await client.chat.retrieve('ses-é')).session_id).toBe('ses-é');
  });
});
