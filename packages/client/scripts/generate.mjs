// Generates, from the workspace spec, the client's types (openapi-typescript) and the table of query parameters
// it checks requests against before sending them. The generators sit behind this one script so either can be
// swapped without touching the client.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deref, typesOf } from '@llamacloud-chat/openapi/spec-walk.mjs';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

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
const table = queryParameters(parse(await readFile(spec, 'utf8')));
const tableOut = out.replace(/\.ts$/, '.query.ts');
await mkdir(dirname(out), { recursive: true });
await writeFile(out, header + astToString(ast));
await writeFile(
  tableOut,
  `${header}/** Each operation's query parameters: the JSON types each allows, and whether it is required. */\n` +
    `export const queryParameters = ${JSON.stringify(table, null, 2)} as const;\n`,
);
for (const file of [out, tableOut])
  console.log(`generated ${relative(process.cwd(), file)} from ${relative(process.cwd(), spec)}`);
