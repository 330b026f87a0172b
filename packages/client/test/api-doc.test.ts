// docs/api.md is generated from the spec and the SDK map by the client's generate task, never edited by hand
// (.ci/run fails when a test run rewrote the committed file: packages/workflow/test/ci.e2e.test.ts).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiDoc, MAP, SPEC } from '../scripts/api-doc.mjs';

const read = async (path: string) => parse(await readFile(path, 'utf8'));

describe('docs/api.md', () => {
  it('lists every operation with its client call, CLI name and MCP tool, and follows a spec edit', async () => {
    const spec = await read(SPEC);
    const made = apiDoc(spec, await read(MAP));
    spec.paths['/api/v1/chat/{session_id}/summary'].get.summary = 'Read a Session Summary';

    expect(made).toContain(
      '| [`GET /api/v1/chat/{session_id}/summary`](#getchatsessionsummary) | `client.chat.getSummary(sessionId, params?)` | `llamacloud-chat api chat.getSummary` | `chat_get_summary` |',
    );
    expect(made).toContain('## Get Session Summary');
    expect(apiDoc(spec, await read(MAP))).toContain('## Read a Session Summary');
  });
});
