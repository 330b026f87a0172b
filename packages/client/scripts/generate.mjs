// Generates, from the workspace spec and the SDK map, the client's types (openapi-typescript), every operation as
// data for the one entry point that runs them (its query parameters and body fields are what a request is checked
// against before it is sent), and the friendly types. The generators sit behind this one script so any can be swapped without
// touching the client.
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readSpecOrExit } from '@llamacloud-chat/openapi/read-spec.mjs';
import openapiTS, { astToString } from 'openapi-typescript';
import { catalogEntries, catalogModule } from './catalog.mjs';
import { UnsupportedSpecError } from './operation-parameters.mjs';
import { operationsModule, sdkOperations, typesModule } from './sdk-surface.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    spec: {
      type: 'string',
      default: createRequire(import.meta.url).resolve('@llamacloud-chat/openapi/openapi.yaml'),
    },
    out: { type: 'string', default: resolve(packageDir, 'src/generated/openapi.ts') },
    // The SDK map: names and policy the spec cannot hold. Without one, every operation is named by its operationId.
    map: { type: 'string' },
  },
});
const spec = resolve(values.spec);
const out = resolve(values.out);
const header = `/**
 * GENERATED FILE: DO NOT EDIT.
 * Generated from ${relative(packageDir, spec)} (relative to packages/client) by scripts/generate.mjs.
 * Regenerate with \`pnpm generate\` at the repository root; every build, typecheck and test does it first.
 */

`;

// Read before openapi-typescript sees the file, so a spec that is not YAML is one line, not a stack trace.
const document = readSpecOrExit(spec);
const map = values.map ? readSpecOrExit(resolve(values.map)) : {};
const ast = await openapiTS(pathToFileURL(spec));
let operations;
try {
  operations = sdkOperations(document, map);
} catch (error) {
  if (!(error instanceof UnsupportedSpecError)) throw error;
  // One line naming the operation and what is wrong; nothing is written.
  console.error(`generate: ${relative(process.cwd(), spec)}: ${error.message}`);
  process.exit(1);
}
const base = out.replace(/\.ts$/, '');
const operationsOut = `${base}.operations.ts`;
const typesOut = `${base}.types.ts`;
const catalogOut = `${base}.catalog.ts`;
const openapiModule = `${base.split('/').pop()}.js`;
await mkdir(dirname(out), { recursive: true });
await writeFile(out, header + astToString(ast));
await writeFile(operationsOut, header + operationsModule(operations, map));
await writeFile(typesOut, header + typesModule(document, operations, openapiModule));
await writeFile(catalogOut, header + catalogModule(catalogEntries(document, operations)));
for (const file of [out, operationsOut, typesOut, catalogOut])
  console.log(`generated ${relative(process.cwd(), file)} from ${relative(process.cwd(), spec)}`);
