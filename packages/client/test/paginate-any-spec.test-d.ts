// Type-level tests (vitest typecheck mode and tsc): paginate() accepts exactly the paginated paths of any
// generated `paths`, and item types follow from the path with no casts.
import createFetchClient from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import LlamaCloud, {
  type ChatListPage,
  type ChatListResponse,
  createClient,
  type Page,
  type PagePromise,
  type PaginatedPath,
  paginate,
  type paths,
} from '../src/index.js';
import type { components, paths as projectPaths } from './generated/projects.js';
import { operationList } from './generated/projects.operations.js';

type Project = components['schemas']['Project'];

describe('types inferred from the path', () => {
  it('accepts exactly the paginated paths', () => {
    expectTypeOf<PaginatedPath<projectPaths>>().toEqualTypeOf<'/api/v1/projects'>();
    expectTypeOf<PaginatedPath<paths>>().toEqualTypeOf<'/api/v1/chat'>();

    const client = createClient<projectPaths>(
      { apiKey: 'llx-types', baseURL: 'http://127.0.0.1:9' },
      operationList,
    );
    // @ts-expect-error: a plain openapi-fetch client does not send through this client's core
    paginate(createFetchClient<projectPaths>({ baseUrl: 'http://127.0.0.1:9' }), '/api/v1/projects');
    // @ts-expect-error: a single-object GET is not paginated
    paginate(client, '/api/v1/projects/{project_id}');
    // @ts-expect-error: `offset` pagination has no page_token
    paginate(client, '/api/v1/files');
    // @ts-expect-error: `owner` is a string
    paginate(client, '/api/v1/projects', { owner: 1 });
  });

  // Type-level only: nothing here is awaited or iterated, so no request is sent.
  it('gives items, pages and collect() the item type of the path', () => {
    const client = createClient<projectPaths>(
      { apiKey: 'llx-types', baseURL: 'http://127.0.0.1:9' },
      operationList,
    );
    const listing = paginate(client, '/api/v1/projects');

    expectTypeOf<ReturnType<typeof listing.items>>().toEqualTypeOf<AsyncIterableIterator<Project>>();
    expectTypeOf<ReturnType<typeof listing.collect>>().toEqualTypeOf<Promise<Project[]>>();
    expectTypeOf<ReturnType<typeof listing.pages>>().toEqualTypeOf<
      AsyncGenerator<
        Page<
          Project,
          projectPaths['/api/v1/projects']['get']['responses'][200]['content']['application/json']
        >,
        void,
        undefined
      >
    >();
    expectTypeOf<Awaited<typeof listing>['items']>().toEqualTypeOf<Project[]>();
  });

  it('types client.beta.chat.list() with the friendly names', () => {
    const client = new LlamaCloud({
      apiKey: 'llx-types-only',
      fetch: () => Promise.reject(new Error('unused')),
    });
    const listing = client.beta.chat.list({ page_size: 10, project_id: null });

    expectTypeOf(listing).toEqualTypeOf<PagePromise<ChatListResponse, ChatListPage>>();
    expectTypeOf<Awaited<typeof listing>['items'][number]>().toEqualTypeOf<ChatListResponse>();
    expectTypeOf<Parameters<typeof client.beta.chat.list>[0]>().toEqualTypeOf<
      | {
          organization_id?: string | null;
          page_size?: number | null;
          page_token?: string | null;
          project_id?: string | null;
        }
      | null
      | undefined
    >();
  });
});
