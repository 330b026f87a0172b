// The page's bundle, from esbuild's metafile of the build: the client is in it, and no `node:` module is.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { PAGE_DIR } from '../src/relay/start-web.js';

const meta = JSON.parse(await readFile(join(PAGE_DIR, 'meta.json'), 'utf8')) as Metafile;
const bundle = await readFile(join(PAGE_DIR, 'app.js'), 'utf8');

describe("the page's bundle", () => {
  it('holds the client, imported by name, and its own dependencies', () => {
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((path) => /(^|\/)client\/dist\/index\.js$/.test(path))).toBe(true);
    const pageImports = meta.inputs['src/page/main.ts']?.imports.map((i) => i.original);
    expect(pageImports).toContain('@llamacloud-chat/client');
    expect(inputs.some((path) => path.includes('openapi-fetch'))).toBe(true);
    expect(inputs.some((path) => path.includes('eventsource-parser'))).toBe(true);
  });

  it('reaches no node: module and imports nothing at run time', () => {
    const imports = Object.values(meta.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(
      imports.filter(
        (path) => path.startsWith('node:') || /^(fs|path|http|https|stream|util|crypto)$/.test(path),
      ),
    ).toEqual([]);
    const output = meta.outputs[Object.keys(meta.outputs).find((name) => name.endsWith('app.js')) ?? ''];
    expect(output?.imports).toEqual([]);
    expect(bundle).not.toMatch(/["']node:/);
  });
});
