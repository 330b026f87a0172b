// A request whose URL would pass 8 KiB is refused before sending, by every way into the client, with an
// InvalidRequestError naming the field that made it long: servers and proxies refuse such URLs anyway, often
// after the request was partly sent.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, { createClient, InvalidRequestError } from '../src/index.js';

const KEY = 'llx-url-limit-test';
const MB = 1_000_000;
const page = { items: [], next_page_token: null };

/** What a call threw, or undefined when it did not. */
async function failure(call: () => PromiseLike<unknown>): Promise<InvalidRequestError | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error as InvalidRequestError;
  }
}

describe('a URL past 8 KiB is refused before sending', () => {
  it('a 1 MB session_id sends nothing, from a method, a stream, a call by path and createClient()', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, page));
    const client = new LlamaCloud({ apiKey: KEY, baseURL: server.url });
    const openapi = createClient({ apiKey: KEY, baseUrl: server.url });
    const huge = 's'.repeat(MB);

    const errors = [
      await failure(() => client.beta.chat.retrieve(huge)),
      await failure(() => client.beta.chat.stream(huge, { prompt: 'hi', index_ids: ['idx-1'] })),
      await failure(() => client.beta.chat.delete(huge)),
      await failure(() =>
        openapi.GET('/api/v1/chat/{session_id}', { params: { path: { session_id: huge } } }),
      ),
    ];

    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({
        kind: 'invalid_request',
        field: { in: 'path', name: 'session_id' },
        problem: 'value',
        maxUrlBytes: 8_192,
      });
      expect(error?.urlBytes).toBeGreaterThan(MB);
      expect(error?.message).toContain('The longest part is the path parameter session_id (1000000 bytes)');
      // The message names the field; it does not carry the megabyte.
      expect(error?.message.length).toBeLessThan(500);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('a long query parameter is named, among shorter ones; one just under the limit is sent', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, page));
    const client = new LlamaCloud({
      apiKey: KEY,
      baseURL: server.url,
      defaultQuery: { project_id: 'p'.repeat(100) },
    });
    // Percent-encoded, each "é" is 6 bytes of the URL: 1,400 of them are 8,400.
    const long = 'é'.repeat(1_400);

    const refused = await failure(() =>
      client.beta.chat.list({ page_size: 10, page_token: long }).firstPage(),
    );
    const byPath = await failure(() => client.get('/api/v1/chat', { query: { page_token: long } }));
    await client.beta.chat.list({ page_token: 't'.repeat(7_900) }).firstPage();

    for (const error of [refused, byPath]) {
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ field: { in: 'query', name: 'page_token' }, problem: 'value' });
      expect(error?.message).toContain('The longest part is the query parameter page_token (8411 bytes)');
    }
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.query.page_token).toBe('t'.repeat(7_900));
  });
});
