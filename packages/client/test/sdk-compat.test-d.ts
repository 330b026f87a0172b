// Type-level tests: code typed against the official SDK's surface type-checks here too (the HTTP verbs, the
// per-request options, the promise helpers, the error statics), and a listing's own options stay its own.
import { describe, expectTypeOf, it } from 'vitest';
import type LlamaCloud from '../src/index.js';
import type {
  APIConnectionError,
  APIPromise,
  Chat,
  ChatListPage,
  ChatListResponse,
  ChatStream,
  ConnectionError,
  NotFoundError,
  Page,
  RequestOptions,
} from '../src/index.js';

declare const client: LlamaCloud;
declare const Client: typeof LlamaCloud;

describe('the SDK surface, typed', () => {
  it('types the HTTP verbs as APIPromises of what the caller names', () => {
    expectTypeOf(client.get('/x')).toEqualTypeOf<APIPromise<unknown>>();
    expectTypeOf(client.post<{ id: string }>('/x', { body: {} })).toEqualTypeOf<APIPromise<{ id: string }>>();
    expectTypeOf(client.request<number>({ method: 'patch', path: '/x' })).toEqualTypeOf<APIPromise<number>>();
  });

  it('takes RequestOptions on every method, and maxPages only on a listing', () => {
    const options: RequestOptions = { path: '/_stainless_unknown_path', headers: { 'X-Drop': null } };
    client.beta.chat.retrieve('s', null, options);
    client.chat.list({}, { ...options, maxPages: 3, prefetch: true });
    // @ts-expect-error maxPages belongs to listings
    client.beta.chat.retrieve('s', null, { maxPages: 3 });
    // @ts-expect-error not an HTTP method
    client.request({ method: 'fetch', path: '/x' } satisfies RequestOptions);
  });

  it('gives asResponse() and withResponse() on list() and stream()', () => {
    expectTypeOf(client.chat.list().asResponse()).toEqualTypeOf<Promise<Response>>();
    expectTypeOf(client.chat.list().withResponse()).toEqualTypeOf<
      Promise<{ data: Page<ChatListResponse, ChatListPage>; response: Response }>
    >();
    expectTypeOf(client.chat.stream('s', { prompt: 'Hi', index_ids: [] }).withResponse()).toEqualTypeOf<
      Promise<{ data: ChatStream; response: Response }>
    >();
  });

  it('has the error classes as statics, the SDK’s names the same classes', () => {
    expectTypeOf(Client.NotFoundError).toEqualTypeOf<typeof NotFoundError>();
    expectTypeOf(Client.APIConnectionError).toEqualTypeOf<typeof ConnectionError>();
    expectTypeOf<APIConnectionError>().toEqualTypeOf<ConnectionError>();
    expectTypeOf(client.chat).toEqualTypeOf<Chat>();
  });
});
