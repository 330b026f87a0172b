// An operation of the spec the mock keeps no state for is answered from the spec's own example of its success,
// says so (a header and its log line), and gets the same request checks and answer checks as every other.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RENAME, RENAMED_EXAMPLE, renameOperation } from '@llamacloud-chat/test-support';
import { describe, expect, it, vi } from 'vitest';
import { parseDocument } from 'yaml';
import { SPEC_PATH } from '../src/index.js';
import { API_KEY, mockFor, SETTLE, tempDir } from './support.js';

/** The workspace spec with `edit` applied, written to a scratch file removed when the test ends. */
async function scratchSpec(edit: (spec: ReturnType<typeof parseDocument>) => void): Promise<string> {
  const spec = parseDocument(await readFile(SPEC_PATH, 'utf8'));
  edit(spec);
  const file = join(await tempDir(), 'openapi.yaml');
  await writeFile(file, spec.toString());
  return file;
}

const withRename = (change: (operation: ReturnType<typeof renameOperation>) => void = () => {}) =>
  scratchSpec((spec) => {
    const operation = renameOperation();
    change(operation);
    spec.setIn(['paths', RENAME.path, RENAME.method], spec.createNode(operation));
  });

const patch = (url: string, body: unknown) =>
  fetch(`${url}/api/v1/chat/ses-abc123?project_id=p1`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('an operation with no handler', () => {
  it('is answered with its default example, and says so in a header and in its log line', async () => {
    const lines: string[] = [];
    const mock = await mockFor({ spec: await withRename(), log: (line) => lines.push(line) });

    const response = await patch(mock.url, { generated_title: 'New' });

    expect(response.status).toBe(200);
    expect(response.headers.get('x-mock-example')).toBe('default');
    expect(await response.json()).toEqual(RENAMED_EXAMPLE);
    await vi.waitFor(() => expect(lines).toHaveLength(1), SETTLE);
    expect(lines[0]).toMatch(
      /^PATCH \/api\/v1\/chat\/ses-abc123\?project_id=p1 200 \d+ms \(the spec's example "default"\)$/,
    );
  });

  it('checks its request like any other: a body without a required field is a 422 naming it', async () => {
    const mock = await mockFor({ spec: await withRename() });

    const response = await patch(mock.url, { title: 'New' });

    expect(response.status).toBe(422);
    expect(response.headers.get('x-mock-example')).toBeNull();
    const { detail } = (await response.json()) as { detail: { loc: string[]; type: string }[] };
    expect(detail).toContainEqual(
      expect.objectContaining({ loc: ['body', 'generated_title'], type: 'missing' }),
    );
  });

  it('takes the first example when none is named default', async () => {
    const mock = await mockFor({
      spec: await withRename((operation) => {
        const media = operation.responses['200'].content['application/json'] as { examples: unknown };
        media.examples = {
          first: { value: { ...RENAMED_EXAMPLE, generated_title: 'First' } },
          second: { value: { ...RENAMED_EXAMPLE, generated_title: 'Second' } },
        };
      }),
    });

    const response = await patch(mock.url, { generated_title: 'New' });

    expect(response.headers.get('x-mock-example')).toBe('first');
    expect(await response.json()).toMatchObject({ generated_title: 'First' });
  });

  it('does not send an example that breaks the spec: a 500 saying so', async () => {
    const mock = await mockFor({
      spec: await withRename((operation) => {
        const media = operation.responses['200'].content['application/json'] as { examples: unknown };
        media.examples = { default: { value: { generated_title: 'no session_id' } } };
      }),
    });

    const response = await patch(mock.url, { generated_title: 'New' });

    expect(response.status).toBe(500);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/breaks the spec.*session_id/);
  });

  it('is a 501 saying why when the spec gives its success no example', async () => {
    const mock = await mockFor({
      spec: await withRename((operation) => {
        const media = operation.responses['200'].content['application/json'] as { examples?: unknown };
        delete media.examples;
      }),
    });

    const response = await patch(mock.url, { generated_title: 'New' });

    expect(response.status).toBe(501);
    expect(((await response.json()) as { detail: string }).detail).toMatch(
      /keeps no state for renameChatSession.*no example/,
    );
  });
});
