// The breaking-change gate, case by case, on pairs of specs: the real spec and an edited copy of it.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type Document, parse, parseDocument } from 'yaml';
import { breakingChanges } from '../scripts/breaking-changes.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const specText = await readFile(join(here, 'openapi.yaml'), 'utf8');
const OP = ['paths', '/api/v1/chat', 'get'];
const SESSION = ['components', 'schemas', 'ChatListResponse', 'properties'];
const ITEMS = 'GET /api/v1/chat 200 application/json body.items[]';
const CREATE = ['paths', '/api/v1/chat', 'post'];
const CREATE_BODY = ['components', 'schemas', 'ChatCreateParams'];
const STREAM_BODY = ['components', 'schemas', 'ChatStreamParams'];
const STREAM_REQUEST = 'POST /api/v1/chat/{session_id}/messages/stream request application/json body';
/** Every response body that is a session summary (a ChatListResponse): the list's items and four more. */
const SESSION_BODIES = [
  ITEMS,
  'POST /api/v1/chat 200 application/json body',
  'POST /api/v1/chat 201 application/json body',
  'GET /api/v1/chat/{session_id} 200 application/json body',
  'GET /api/v1/chat/{session_id}/summary 200 application/json body',
];
/** A change to a field of ChatListResponse, as reported for every response that carries one. */
const everySession = (change: string) => SESSION_BODIES.map((body) => `${body}.${change}`);
const version: string = parse(specText).info.version;
const baselineVersion: string = parse(await readFile(join(here, 'baseline/openapi.yaml'), 'utf8')).info
  .version;
const nextMajor = `${Number.parseInt(version, 10) + 1}.0.0`;
const [major, minor] = version.split('.').map(Number);
const nextMinor = `${major}.${(minor ?? 0) + 1}.0`;

/** The spec after `edit`, as a plain object. */
function edited(edit: (spec: Document) => void) {
  const document = parseDocument(specText);
  edit(document);
  return document.toJS();
}

const paramIndex = (name: string) =>
  (parse(specText).paths['/api/v1/chat'].get.parameters as { name: string }[]).findIndex(
    (p) => p.name === name,
  );

describe('breaking changes are caught', () => {
  it.each<[string, (spec: Document) => void, string | string[]]>([
    [
      'a removed path',
      (spec) => {
        spec.setIn(['paths', '/api/v2/chat'], spec.getIn(['paths', '/api/v1/chat']));
        spec.deleteIn(['paths', '/api/v1/chat']);
      },
      'path /api/v1/chat was removed',
    ],
    [
      'a removed parameter',
      (spec) => spec.deleteIn([...OP, 'parameters', paramIndex('organization_id')]),
      'GET /api/v1/chat query parameter organization_id was removed',
    ],
    [
      'a removed response field',
      (spec) => spec.deleteIn([...SESSION, 'generated_title']),
      everySession('generated_title was removed'),
    ],
    [
      'a parameter that became required',
      (spec) => spec.setIn([...OP, 'parameters', paramIndex('project_id'), 'required'], true),
      'GET /api/v1/chat query parameter project_id became required',
    ],
    [
      'a new required parameter',
      (spec) =>
        spec.addIn([...OP, 'parameters'], {
          name: 'tenant',
          in: 'query',
          required: true,
          schema: { type: 'string' },
        }),
      'GET /api/v1/chat has a new required query parameter tenant',
    ],
    [
      'a changed response field type',
      (spec) => spec.setIn([...SESSION, 'session_id', 'type'], 'integer'),
      everySession('session_id changed type: string → integer'),
    ],
    [
      'a changed parameter type',
      (spec) =>
        spec.setIn([...OP, 'parameters', paramIndex('page_size'), 'schema', 'type'], ['string', 'null']),
      'GET /api/v1/chat query parameter page_size changed type: integer | null → null | string',
    ],
    [
      'a response field that stopped being nullable',
      (spec) => spec.setIn([...SESSION, 'generated_title', 'type'], 'string'),
      everySession('generated_title is no longer nullable'),
    ],
    [
      'a parameter that stopped being nullable',
      (spec) => spec.setIn([...OP, 'parameters', paramIndex('page_size'), 'schema', 'type'], 'integer'),
      'GET /api/v1/chat query parameter page_size is no longer nullable',
    ],
    [
      'a required response field made optional',
      (spec) =>
        spec.setIn(
          ['components', 'schemas', 'ChatListResponse', 'required'],
          ['last_updated_at', 'shared_access'],
        ),
      everySession('session_id is no longer required'),
    ],
    [
      'a removed response',
      (spec) => spec.deleteIn([...OP, 'responses', '422']),
      'GET /api/v1/chat response 422 was removed',
    ],
    [
      'a new required request body field',
      (spec) => {
        spec.setIn([...STREAM_BODY, 'properties', 'mode'], { type: 'string' });
        spec.addIn([...STREAM_BODY, 'required'], 'mode');
      },
      `${STREAM_REQUEST}.mode is a new required field`,
    ],
    [
      'a request body field that became required',
      (spec) => spec.setIn([...CREATE_BODY, 'required'], ['index_ids']),
      'POST /api/v1/chat request application/json body.index_ids became required',
    ],
    [
      'a request body field that stopped being nullable',
      (spec) => spec.setIn([...CREATE_BODY, 'properties', 'index_ids', 'type'], 'array'),
      'POST /api/v1/chat request application/json body.index_ids is no longer nullable',
    ],
    [
      'a request body field of another type',
      (spec) => spec.setIn([...STREAM_BODY, 'properties', 'index_ids', 'items', 'type'], 'integer'),
      `${STREAM_REQUEST}.index_ids[] changed type: string → integer`,
    ],
    [
      'a request media type no longer accepted',
      (spec) => {
        const content = [...CREATE, 'requestBody', 'content'];
        spec.setIn(
          [...content, 'application/merge-patch+json'],
          spec.getIn([...content, 'application/json']),
        );
        spec.deleteIn([...content, 'application/json']);
      },
      'POST /api/v1/chat request application/json body is no longer accepted',
    ],
  ])('%s', (_label, edit, change) => {
    const result = breakingChanges(parse(specText), edited(edit));

    expect(result.breaking).toEqual([change].flat());
    expect(result.acknowledged).toBe(false);
  });
});

describe('additive changes pass', () => {
  it.each<[string, (spec: Document) => void]>([
    [
      'a new path',
      (spec) =>
        spec.setIn(['paths', '/api/v1/chat/{id}'], { get: { responses: { '200': { description: 'x' } } } }),
    ],
    [
      'a new optional parameter',
      (spec) => spec.addIn([...OP, 'parameters'], { name: 'q', in: 'query', schema: { type: 'string' } }),
    ],
    ['a new response field', (spec) => spec.setIn([...SESSION, 'shared_access'], { type: 'string' })],
    [
      'a parameter that became nullable',
      (spec) =>
        spec.setIn(
          [...OP, 'parameters', paramIndex('page_size'), 'schema', 'type'],
          ['integer', 'null', 'string'],
        ),
    ],
    [
      'a new error response',
      (spec) => spec.setIn([...OP, 'responses', '429'], { description: 'Too many requests' }),
    ],
    [
      'a new optional request body field',
      (spec) => spec.setIn([...STREAM_BODY, 'properties', 'temperature'], { type: 'number' }),
    ],
    [
      'a request body field that became optional and nullable',
      (spec) => {
        spec.setIn([...STREAM_BODY, 'required'], ['prompt']);
        spec.setIn([...STREAM_BODY, 'properties', 'index_ids', 'type'], ['array', 'null']);
      },
    ],
    [
      'a request body that became optional',
      (spec) => spec.setIn([...CREATE, 'requestBody', 'required'], false),
    ],
    [
      'a new event type',
      (spec) => {
        spec.setIn(['components', 'schemas', 'CitationEvent'], {
          type: 'object',
          properties: { type: { type: 'string', const: 'citation' }, source_id: { type: 'string' } },
        });
        spec.addIn(['components', 'schemas', 'ChatEvent', 'anyOf'], {
          $ref: '#/components/schemas/CitationEvent',
        });
      },
    ],
    [
      'a description edit',
      (spec) => spec.setIn([...OP, 'description'], 'List every chat session of the project.'),
    ],
  ])('%s', (_label, edit) => {
    expect(breakingChanges(parse(specText), edited(edit)).breaking).toEqual([]);
  });
});

describe('a request body', () => {
  it('that became required is caught, against a spec where it was optional', () => {
    const optional = edited((spec) => spec.setIn([...CREATE, 'requestBody', 'required'], false));

    expect(breakingChanges(optional, parse(specText)).breaking).toEqual([
      'POST /api/v1/chat request body became required',
    ]);
  });
});

describe('a major bump of info.version acknowledges a breaking change', () => {
  it('still lists it, and lets it pass', () => {
    const result = breakingChanges(
      parse(specText),
      edited((spec) => {
        spec.deleteIn([...SESSION, 'generated_title']);
        spec.setIn(['info', 'version'], nextMajor);
      }),
    );

    expect(result).toEqual({
      breaking: everySession('generated_title was removed'),
      acknowledged: true,
      oldVersion: version,
      newVersion: nextMajor,
    });
  });

  it('a minor bump does not', () => {
    const result = breakingChanges(
      parse(specText),
      edited((spec) => {
        spec.deleteIn([...SESSION, 'generated_title']);
        spec.setIn(['info', 'version'], nextMinor);
      }),
    );

    expect(result.acknowledged).toBe(false);
  });
});

// Each case runs the gate as a process of its own: allow for a busy machine (a 2-core CI shared with other work).
describe('pnpm spec:check', () => {
  const run = promisify(execFile);
  const scratch: string[] = [];
  afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

  const editedText = (edit: (spec: Document) => void) => {
    const document = parseDocument(specText);
    edit(document);
    return document.toString();
  };

  /** A copy of this package outside any git repository, so the committed baseline is what it compares with. */
  async function copyWithoutGit(edit?: (spec: Document) => void) {
    const dir = await mkdtemp(join(tmpdir(), 'spec-check-'));
    scratch.push(dir);
    for (const entry of ['scripts', 'baseline', 'package.json'])
      await cp(join(here, entry), join(dir, entry), { recursive: true });
    await symlink(join(here, 'node_modules'), join(dir, 'node_modules'));
    await writeFile(join(dir, 'openapi.yaml'), edit ? editedText(edit) : specText);
    return dir;
  }
  async function specCheck(dir: string) {
    try {
      const { stdout, stderr } = await run(process.execPath, ['scripts/spec-check.mjs'], {
        cwd: dir,
        // Stopped before the test's own limit, so a test that fails leaves no process behind.
        timeout: 50_000,
      });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr };
    }
  }

  it('passes against the committed baseline when nothing broke', async () => {
    const result = await specCheck(await copyWithoutGit());

    expect(result).toEqual({
      code: 0,
      output: 'spec:check: no breaking changes against baseline/openapi.yaml.\n',
    });
  });

  it('fails with the change and what to do about it', async () => {
    const result = await specCheck(
      await copyWithoutGit((spec) => spec.deleteIn([...SESSION, 'generated_title'])),
    );

    expect(result.code).toBe(1);
    expect(result.output).toBe(
      'spec:check: 1 breaking change(s) against baseline/openapi.yaml:\n' +
        `  - ${ITEMS}.generated_title was removed\n` +
        `Existing clients would break. Undo the change, or acknowledge it by bumping info.version to the next major (now ${version}, was ${baselineVersion}).\n`,
    );
  });
});
