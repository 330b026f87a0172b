// paginate() is generic over any generated `paths`: a second spec's paginated operation needs no new code, item
// types follow from the path with no casts, and its pages go through the client's core like every other call
// (query checks, retries, redaction). A plain openapi-fetch client, which would skip all of that, is refused.

import { pagedSessions, sendJson, serve } from '@llamacloud-chat/test-support';
import createFetchClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import {
  ClientConfigError,
  createClient,
  InternalServerError,
  InvalidRequestError,
  paginate,
} from '../src/index.js';
import type { components, paths as projectPaths } from './generated/projects.js';
import { operationList } from './generated/projects.operations.js';

type Project = components['schemas']['Project'];

const KEY = 'llx-any-spec-0123456789';
const projects: Project[] = Array.from({ length: 7 }, (_, i) => ({ id: `prj-${i}`, name: `Project ${i}` }));
const noWait = { sleep: async () => {} };

const projectsClient = (baseURL: string) =>
  createClient<projectPaths>({ apiKey: KEY, baseURL, retryTimers: noWait }, operationList);

describe('paginate over a second spec', () => {
  it('lists every project of a paginated operation it has never seen', async () => {
    const server = await serve(pagedSessions(projects, { pageSize: 3 }));

    const listing = paginate(projectsClient(server.url), '/api/v1/projects', { owner: 'me', page_size: 3 });
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
    const client = projectsClient(server.url);

    const pages = [];
    for await (const page of paginate(client, '/api/v1/projects').pages())
      pages.push(page.items.map((p) => p.id));
    const firstFour = await paginate(client, '/api/v1/projects').collect(4);

    expect(pages).toEqual([['prj-0', 'prj-1', 'prj-2'], ['prj-3', 'prj-4', 'prj-5'], ['prj-6']]);
    expect(firstFour.map((p) => p.id)).toEqual(['prj-0', 'prj-1', 'prj-2', 'prj-3']);
  });

  it('retries a 503 on a page, and keeps the key out of the error when the server echoes it', async () => {
    let asked = 0;
    const listing = pagedSessions(projects, { pageSize: 3 });
    const server = await serve((request, res) => {
      asked++;
      if (asked === 2) return sendJson(res, 503, { detail: 'busy' });
      if (asked === 3) return listing(request, res);
      if (asked > 3) return sendJson(res, 500, { detail: `bad key ${request.headers.authorization}` });
      return listing(request, res);
    });

    const seen: string[] = [];
    const error = await (async () => {
      for await (const project of paginate(projectsClient(server.url), '/api/v1/projects', { page_size: 3 }))
        seen.push(project.id);
    })().catch((e: unknown) => e);

    // Page 1, then page 2 after one 503, then page 3 fails on every attempt.
    expect(seen).toEqual(['prj-0', 'prj-1', 'prj-2', 'prj-3', 'prj-4', 'prj-5']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/projects?page_size=3',
      '/api/v1/projects?page_size=3&page_token=cur-3',
      '/api/v1/projects?page_size=3&page_token=cur-3',
      ...Array(3).fill('/api/v1/projects?page_size=3&page_token=cur-6'),
    ]);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).attempts).toBe(3);
    expect((error as InternalServerError).cursor).toBe('cur-6');
    expect(JSON.stringify((error as InternalServerError).body)).not.toContain(KEY);
    expect((error as Error).message).not.toContain(KEY);
  });

  it("checks the query against the spec's own operation before sending", async () => {
    const server = await serve(pagedSessions(projects));

    const error = await paginate(projectsClient(server.url), '/api/v1/projects', {
      bogus: 1,
    } as never).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain('has no query parameter bogus');
    expect(server.requests).toEqual([]);
  });

  it('refuses a plain openapi-fetch client, saying what to use, before sending anything', async () => {
    const server = await serve(pagedSessions(projects));
    const plain = createFetchClient<projectPaths>({ baseUrl: server.url });

    // The types refuse it too (see the .test-d.ts); JavaScript callers get this error.
    const untyped = paginate as (client: unknown, path: string) => unknown;
    const attempt = () => untyped(plain, '/api/v1/projects');

    expect(attempt).toThrow(ClientConfigError);
    expect(attempt).toThrow('createClient<paths>(options, operationList)');
    expect(server.requests).toEqual([]);
  });
});
