// docs/api.md, generated from the spec and the SDK map: for every operation, its method and path, how the client
// calls it, its parameters and response with their descriptions, and its names in the CLI and the MCP server.
// Run as `npx -y pnpm@10.34.9 docs` (it writes docs/api.md); test/api-doc.test.ts fails when the file is stale.
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSpecOrExit } from '@llamacloud-chat/openapi/read-spec.mjs';
import { catalogEntries } from './catalog.mjs';
import { sdkOperations } from './sdk-surface.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SPEC = createRequire(import.meta.url).resolve('@llamacloud-chat/openapi/openapi.yaml');
export const MAP = resolve(packageDir, 'sdk-map.yaml');
export const OUT = resolve(packageDir, '../../docs/api.md');

const cell = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .replaceAll('|', '\\|')
    .trim();

/** A schema's type in words: `string \| null`, `ChatEvent[]`, `"query" \| "read_only"`. */
function typeOf(schema) {
  if (!schema) return 'any';
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.anyOf ?? schema.oneOf) {
    const branches = (schema.anyOf ?? schema.oneOf).map(typeOf);
    return [...new Set(branches)].join(' | ');
  }
  if (schema.title && schema.type === 'object') return schema.title;
  const types = [schema.type ?? []].flat();
  if (types.length === 0) return schema.title ?? 'any';
  return types.map((type) => (type === 'array' ? `${typeOf(schema.items)}[]` : type)).join(' | ');
}

/** A table of an object schema's fields, or of parameters: name, where, type, required, description. */
function fieldRows(rows) {
  if (rows.length === 0) return '_none_\n';
  return [
    '| name | in | type | required | description |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| \`${row.name}\` | ${row.in} | \`${cell(typeOf(row.schema))}\` | ${row.required ? 'yes' : 'no'} | ${cell(row.schema?.description)} |`,
    ),
    '',
  ].join('\n');
}

function parametersOf(entry) {
  const rows = [];
  for (const [where, schema] of [
    ['path', entry.schemas.path],
    ['query', entry.schemas.query],
    ['body', entry.schemas.body],
  ]) {
    for (const [name, property] of Object.entries(schema?.properties ?? {}))
      rows.push({ name, in: where, schema: property, required: (schema.required ?? []).includes(name) });
  }
  return rows;
}

/** The 2xx body's fields (allOf members merged), or undefined when it has none. */
function responseFieldsOf(entry) {
  const ok = Object.entries(entry.schemas.responses).find(([status]) => status.startsWith('2'))?.[1];
  const schema = ok?.schema;
  if (!schema || ok.mediaType !== 'application/json') return undefined;
  const properties = { ...(schema.properties ?? {}) };
  const required = [...(schema.required ?? [])];
  for (const member of schema.allOf ?? []) {
    Object.assign(properties, member.properties ?? {});
    required.push(...(member.required ?? []));
  }
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'body',
    schema: property,
    required: required.includes(name),
  }));
}

/** The document for the spec `document` and the SDK map `map`. */
export function apiDoc(document, map) {
  const entries = catalogEntries(document, sdkOperations(document, map));
  let out =
    '<!-- GENERATED FILE: DO NOT EDIT. Made from openapi/openapi.yaml and packages/client/sdk-map.yaml by\n';
  out += '     packages/client/scripts/api-doc.mjs; regenerate with `npx -y pnpm@10.34.9 docs`. -->\n\n';
  out += `# API reference\n\n`;
  out += `Every operation of ${document.info?.title ?? 'the API'} (spec ${document.info?.version ?? '?'}), as the client, `;
  out += 'the CLI and the MCP server call it.\n\n';
  out += '| operation | client | CLI | MCP tool |\n| --- | --- | --- | --- |\n';
  for (const entry of entries)
    out += `| [\`${entry.method} ${entry.path}\`](#${entry.operationId.toLowerCase()}) | \`${entry.call}\` | \`llamacloud-chat api ${entry.sdkName}\` | \`${entry.tool}\` |\n`;
  for (const entry of entries) {
    out += `\n<a id="${entry.operationId.toLowerCase()}"></a>\n\n## ${entry.summary || entry.operationId}\n\n`;
    out += `\`${entry.method} ${entry.path}\` (operationId \`${entry.operationId}\`)\n\n`;
    out += `${entry.description}\n\n`;
    out += `- Client: \`${entry.call}\`\n`;
    out += `- Params: \`${entry.params}\`\n`;
    out += `- ${entry.reads === 'page' ? 'Items' : 'Response'}: ${
      entry.response
        ? `\`${entry.response}\`${entry.reads === 'page' ? ' (a listing: iterate it for every item, or page with `.pages()`)' : ''}`
        : entry.reads === 'events'
          ? 'a stream of events: iterate it'
          : 'none (the success has no body)'
    }\n`;
    out += `- Statuses: ${entry.statuses.join(', ')}\n`;
    out += `- CLI: \`llamacloud-chat api ${entry.sdkName}\` (or \`${entry.operationId}\`)\n`;
    out += `- MCP tool: \`${entry.tool}\`\n\n`;
    out += `### Parameters\n\n${fieldRows(parametersOf(entry))}`;
    const fields = responseFieldsOf(entry);
    if (fields) out += `\n### ${entry.reads === 'page' ? 'Page' : 'Response'} fields\n\n${fieldRows(fields)}`;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(OUT, apiDoc(readSpecOrExit(SPEC), readSpecOrExit(MAP)));
  console.log(`generated ${OUT}`);
}
