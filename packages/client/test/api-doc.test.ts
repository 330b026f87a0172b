// docs/api.md is generated from the spec and the SDK map, never edited by hand: this fails when the committed
// file is not what the generator makes from them now (after a spec edit, or a hand edit of the file).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiDoc, MAP, OUT, SPEC } from '../scripts/api-doc.mjs';

const read = async (path: string) => parse(await readFile(path, 'utf8'));

describe('docs/api.md', () => {
  it('is what the generator makes from the spec and the SDK map (else run: npx -y pnpm@10.34.9 docs)', async () => {
    const made = apiDoc(await read(SPEC), await read(MAP));
    const committed = await readFile(OUT, 'utf8');

    expect(committed, 'docs/api.md is stale: run npx -y pnpm@10.34.9 docs').toBe(made);
  });

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
