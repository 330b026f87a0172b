// A second spec's whole resource, with no hand-written code: createSdk() over its generated operations gives a
// paged list, a create, a retrieve, a delete and an event stream, each sending the request the spec describes.
import { type Handler, pagedSessions, sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ClientConfigError, createSdk, InvalidRequestError, MalformedResponseError } from '../src/index.js';
import type { components } from './generated/projects.js';
import { resources } from './generated/projects.operations.js';
import type { ResourceOperations } from './generated/projects.types.js';

type Project = components['schemas']['Project'];
const KEY = 'llx-generated-resource';
const projects: Project[] = Array.from({ length: 5 }, (_, i) => ({ id: `prj-${i}`, name: `Project ${i}` }));

/** Serves the projects resource as the fixture spec describes it. */
const projectsApi: Handler = async (request, res) => {
  const { method, path } = request;
  if (method === 'GET' && path.startsWith('/api/v1/projects?') === false && path === '/api/v1/projects')
    return pagedSessions(projects, { pageSize: 2 })(request, res);
  if (method === 'POST' && path === '/api/v1/projects')
    return sendJson(res, 201, { id: 'prj-new', ...JSON.parse(request.body) });
  if (method === 'GET' && path === '/api/v1/projects/prj%2F1') return sendJson(res, 200, projects[1]);
  if (method === 'GET' && path === '/api/v1/projects/prj-broken') return sendJson(res, 200, { id: 'x' });
  if (method === 'DELETE' && path === '/api/v1/projects/prj-1') return void res.writeHead(204).end();
  if (method === 'PATCH' && path === '/api/v1/projects/prj-1')
    return sendJson(res, 200, { id: 'prj-1', ...JSON.parse(request.body) });
  if (method === 'POST' && path === '/api/v1/projects/prj-1/archive')
    return sendJson(res, 200, { ...projects[1], archived: true });
  if (method === 'POST' && path === '/api/v1/projects/prj-1/builds') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"kind":"progress","percent":50}\n\n');
    res.write('data: {"kind":"cache","hit":true}\n\n');
    res.end('data: {"kind":"done","ok":true}\n\n');
    return;
  }
  sendJson(res, 404, { detail: `no ${method} ${path}` });
};

async function projectsClient() {
  const server = await serve(projectsApi);
  const client = createSdk<ResourceOperations>(resources, { apiKey: KEY, baseURL: server.url });
  return { server, client };
}

describe('a generated resource of a spec the client has never seen', () => {
  it('lists every item of a paged operation, each once, repeating the query on every page', async () => {
    const { server, client } = await projectsClient();

    const seen: Project[] = [];
    for await (const project of client.projects.listProjects({ owner: 'me' })) seen.push(project);

    expect(seen).toEqual(projects);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/projects?owner=me',
      '/api/v1/projects?owner=me&page_token=cur-2',
      '/api/v1/projects?owner=me&page_token=cur-4',
    ]);
    expectTypeOf(seen).toEqualTypeOf<Project[]>();
  });

  it('creates with the flat params split into query and body, as a POST never resent', async () => {
    const { server, client } = await projectsClient();

    const created = await client.projects.createProject({ owner: 'me', name: 'New', archived: false });

    expect(created).toEqual({ id: 'prj-new', name: 'New', archived: false });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/projects?owner=me',
      body: '{"name":"New","archived":false}',
    });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('refuses a body without a field the spec requires, or with a field of the wrong type, sending nothing', async () => {
    const { server, client } = await projectsClient();

    const missing = await client.projects
      // @ts-expect-error: name is required by the spec, so the generated params type requires it too.
      .createProject({ owner: 'me' })
      .catch((e: unknown) => e);
    const wrong = await client.projects
      // @ts-expect-error: archived is a boolean in the spec.
      .createProject({ name: 'x', archived: 'yes' })
      .catch((e: unknown) => e);

    expect(missing).toBeInstanceOf(InvalidRequestError);
    expect((missing as Error).message).toBe(
      'POST /api/v1/projects needs the body field name (string). Nothing was sent.',
    );
    expect((wrong as Error).message).toBe(
      'The body field archived of POST /api/v1/projects must be a boolean, got a string. Nothing was sent.',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('retrieves by a path value sent as one segment, and names a required field a 2xx lacks', async () => {
    const { client } = await projectsClient();

    expect(await client.projects.getProject('prj/1')).toEqual(projects[1]);
    const error = await client.projects.getProject('prj-broken').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toContain(
      '200 from GET /api/v1/projects/prj-broken is not a valid response: "name" is missing',
    );
  });

  it('deletes, resolving undefined on the 204', async () => {
    const { server, client } = await projectsClient();

    expect(await client.projects.deleteProject('prj-1')).toBeUndefined();
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', url: '/api/v1/projects/prj-1' });
  });

  it('renames with the path parameter once, though the spec repeats it at operation level', async () => {
    const { server, client } = await projectsClient();

    const renamed = await client.projects.renameProject('prj-1', { name: 'Renamed' });
    // @ts-expect-error: one path value, then the params; a second path value is not an argument.
    const twice = () => client.projects.renameProject('prj-1', 'prj-1', { name: 'x' });

    expect(renamed).toEqual({ id: 'prj-1', name: 'Renamed' });
    expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['PATCH', '/api/v1/projects/prj-1', '{"name":"Renamed"}'],
    ]);
    expect(twice).toBeTypeOf('function');
  });

  it('runs an operation whose path item is a $ref, as if written in place', async () => {
    const { server, client } = await projectsClient();

    const archived = await client.projects.archiveProject('prj-1');

    expect(archived).toEqual({ ...projects[1], archived: true });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/projects/prj-1/archive',
    ]);
  });

  it("streams an event-stream operation's events with the generic reader, an unknown kind wrapped", async () => {
    const { server, client } = await projectsClient();

    const events = [];
    for await (const event of client.projects.streamProjectBuild('prj-1', { target: 'web' }))
      events.push(event);

    expect(events).toEqual([
      { kind: 'progress', percent: 50 },
      { type: 'unknown', unknownType: 'cache', event: { kind: 'cache', hit: true } },
      { kind: 'done', ok: true },
    ]);
    expect(server.requests[0]).toMatchObject({ body: '{"target":"web"}' });
    expect(server.requests[0]?.headers.accept).toBe('text/event-stream, application/json');
  });

  it('checks every call’s options, as the client’s own resources do', () => {
    const options = { apiKey: KEY, baseURL: 'http://127.0.0.1:9' };
    const client = createSdk<ResourceOperations>(resources, options);

    expect(() => client.projects.listProjects(null, { maxRetries: -1 })).toThrow(ClientConfigError);
  });
});
