// Generates, from the workspace spec and the SDK map, the client's types (openapi-typescript), the table of query
// parameters it checks requests against before sending them, every operation as data for the one entry point that
// runs them, and the friendly types. The generators sit behind this one script so any can be swapped without
// touching the client.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deref, typesOf } from '@llamacloud-chat/openapi/spec-walk.mjs';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
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

/** For each path and method, its query parameters: the types each allows and whether it is required. */
function queryParameters(document) {
  const table = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
        deref(document, p),
      );
      const query = Object.fromEntries(
        parameters
          .filter((p) => p?.in === 'query')
          .map((p) => [p.name, { types: typesOf(document, p.schema), required: p.required === true }]),
      );
      table[path] = { ...table[path], [method]: query };
    }
  }
  return table;
}

const ast = await openapiTS(pathToFileURL(spec));
const document = parse(await readFile(spec, 'utf8'));
const map = values.map ? parse(await readFile(resolve(values.map), 'utf8')) : {};
const table = queryParameters(document);
const operations = sdkOperations(document, map);
const base = out.replace(/\.ts$/, '');
const tableOut = `${base}.query.ts`;
const operationsOut = `${base}.operations.ts`;
const typesOut = `${base}.types.ts`;
const openapiModule = `${base.split('/').pop()}.js`;
await mkdir(dirname(out), { recursive: true });
await writeFile(out, header + astToString(ast));
await writeFile(
  tableOut,
  `${header}/** Each operation's query parameters: the JSON types each allows, and whether it is required. */\n` +
    `export const queryParameters = ${JSON.stringify(table, null, 2)} as const;\n`,
);
await writeFile(operationsOut, header + operationsModule(operations, map));
await writeFile(typesOut, header + typesModule(document, operations, openapiModule));
for (const file of [out, tableOut, operationsOut, typesOut])
  console.log(`generated ${relative(process.cwd(), file)} from ${relative(process.cwd(), spec)}`);
