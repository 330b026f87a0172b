// paginate() is generic over any generated `paths`: a second spec's paginated operation needs no new code,
// and item types follow from the path with no casts.

import { pagedSessions, serve } from '@llamacloud-chat/test-support';
import createFetchClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { paginate } from '../src/index.js';
import type { components, paths as projectPaths } from './generated/projects.js';

type Project = components['schemas']['Project'];

const projects: Project[] = Array.from({ length: 7 }, (_, i) => ({ id: `prj-${i}`, name: `Project ${i}` }));

describe('paginate over a second spec', () => {
  it('lists every project of a paginated operation it has never seen', async () => {
    const server = await serve(pagedSessions(projects, { pageSize: 3 }));
    const client = createFetchClient<projectPaths>({ baseUrl: server.url });

    const listing = paginate(client, '/api/v1/projects', { owner: 'me', page_size: 3 });
    const seen: Project[] = [];
    for await (const project of listing) seen.push(project);

    expect(seen).toEqual(projects);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/projects?owner=me&page_size=3',
      '/api/v1/projects?owner=me&page_size=3&page_token=cur-3',
      '/api/v1/projects?owner=me&page_size=3&page_token=cur-6',
    ]);
  });

  it('offers pages and a bounded collect too', async () => {
    const server = await serve(pagedSessions(projects, { pageSize: 3 }));
    const client = createFetchClient<projectPaths>({ baseUrl: server.url });

    const pages = [];
    for await (const page of paginate(client, '/api/v1/projects').pages())
      pages.push(page.items.map((p) => p.id));
    const firstFour = await paginate(client, '/api/v1/projects').collect(4);

    expect(pages).toEqual([['prj-0', 'prj-1', 'prj-2'], ['prj-3', 'prj-4', 'prj-5'], ['prj-6']]);
    expect(firstFour.map((p) => p.id)).toEqual(['prj-0', 'prj-1', 'prj-2', 'prj-3']);
  });
});
