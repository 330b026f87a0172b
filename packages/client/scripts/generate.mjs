// Generates src/generated/openapi.ts from the workspace spec with openapi-typescript.
// The generator sits behind this one script so it can be swapped without touching the client.
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    spec: {
      type: 'string',
      default: createRequire(import.meta.url).resolve('@llamacloud-chat/openapi/openapi.yaml'),
    },
    out: { type: 'string', default: resolve(packageDir, 'src/generated/openapi.ts') },
  },
});
const spec = resolve(values.spec);
const out = resolve(values.out);

const ast = await openapiTS(pathToFileURL(spec));
const header = `/**
 * GENERATED FILE: DO NOT EDIT.
 * Source: the workspace spec, openapi/openapi.yaml (read from ${relative(packageDir, spec)}).
 * Regenerate with \`pnpm generate\` at the repository root; every build, typecheck and test does it first.
 */

`;
await mkdir(dirname(out), { recursive: true });
await writeFile(out, header + astToString(ast));
console.log(`generated ${relative(process.cwd(), out)} from ${relative(process.cwd(), spec)}`);
