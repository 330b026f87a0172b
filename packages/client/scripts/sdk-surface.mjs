// The SDK surface derived from a spec and the SDK map: for every operation, the data the client's one entry point
// runs it by (method, path, how params split, how its 2xx is read, whether a retry may resend it, the checks its
// request and its 2xx body get), and the friendly types with their doc comments. Read by generate.mjs.
import { deref, typesOf } from '@llamacloud-chat/openapi/spec-walk.mjs';
import {
  operationName,
  operationParameters,
  resolvePathItem,
  UnsupportedSpecError,
} from './operation-parameters.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const camel = (name) =>
  name.replace(/[-_ ]+(\w)/g, (_, c) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase());
const pascal = (name) => camel(name).replace(/^\w/, (c) => c.toUpperCase());

/** The first paragraph of a description, as one line, for a doc comment. */
const firstParagraph = (text) =>
  (text ?? '')
    .trim()
    .split(/\n\s*\n/)[0]
    ?.replace(/\s+/g, ' ') ?? '';
const docComment = (text, indent = '') => (text ? `${indent}/** ${text.replaceAll('*/', '*\\/')} */\n` : '');

/** An object schema's properties and required names, allOf members merged. */
function objectShape(document, schema) {
  const resolved = deref(document, schema) ?? {};
  const shape = { properties: { ...(resolved.properties ?? {}) }, required: [...(resolved.required ?? [])] };
  for (const member of resolved.allOf ?? []) {
    const inner = objectShape(document, member);
    Object.assign(shape.properties, inner.properties);
    shape.required.push(...inner.required.filter((name) => !shape.required.includes(name)));
  }
  return shape;
}

/** The resource an operation belongs to when the map does not say: the first path segment after /api/vN/. */
function resourceOfPath(path) {
  const segments = path.split('/').filter(Boolean);
  const start = segments[0] === 'api' && /^v\d+$/.test(segments[1] ?? '') ? 2 : 0;
  return camel(segments[start] ?? 'root');
}

/** How an operation's 2xx is read, and what it is checked against. */
function successOf(document, operation, query) {
  const [status, response] =
    Object.entries(operation.responses ?? {})
      .filter(([code]) => /^2/.test(code))
      .map(([code, r]) => [code, deref(document, r)])[0] ?? [];
  const content = response?.content ?? {};
  if (content['text/event-stream']) {
    const media = content['text/event-stream'];
    const eventSchema = deref(document, media['x-sse-data-schema']);
    const ref = media['x-sse-data-schema']?.$ref;
    const known = Object.keys(eventSchema?.discriminator?.mapping ?? {});
    return {
      reads: 'events',
      status,
      eventRef: ref,
      known,
      discriminator: eventSchema?.discriminator?.propertyName,
    };
  }
  const json = content['application/json'];
  if (!json) return { reads: 'none', status };
  const shape = objectShape(document, json.schema);
  const required = Object.fromEntries(
    shape.required.map((name) => [name, typesOf(document, shape.properties[name] ?? {})]),
  );
  const paged =
    'page_token' in query &&
    typesOf(document, shape.properties.items ?? {}).includes('array') &&
    'next_page_token' in shape.properties;
  return { reads: paged ? 'page' : 'json', status, required, schemaRef: json.schema?.$ref };
}

/** The JSON request body of an operation: its fields and which are required, or null when it takes none. */
function requestBodyOf(document, where, operation) {
  const requestBody = deref(document, operation.requestBody);
  if (operation.requestBody && !requestBody) {
    throw new UnsupportedSpecError(`${where}: the request body is a $ref that does not resolve.`);
  }
  const bodySchema = requestBody?.content?.['application/json']?.schema;
  if (!bodySchema) {
    if (requestBody?.required === true) {
      const types = Object.keys(requestBody.content ?? {}).join(', ') || 'none';
      throw new UnsupportedSpecError(
        `${where}: the request body is required, and its media types (${types}) do not include application/json.`,
      );
    }
    return null;
  }
  const shape = objectShape(document, bodySchema);
  return {
    required: requestBody.required === true,
    fields: Object.fromEntries(
      Object.entries(shape.properties).map(([name, schema]) => [
        name,
        { types: typesOf(document, schema), required: shape.required.includes(name) },
      ]),
    ),
  };
}

/** Every operation of the spec, as the client runs it, with the map's names applied. */
export function sdkOperations(document, map = {}) {
  const operations = [];
  const ids = new Map();
  for (const [path, raw] of Object.entries(document.paths ?? {})) {
    const item = resolvePathItem(document, path, raw);
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const id = operation.operationId ?? camel(`${method} ${path.replace(/[{}]/g, '')}`);
      const where = operationName(method, path, id);
      if (ids.has(id)) {
        throw new UnsupportedSpecError(`${where}: the operationId ${id} is also ${ids.get(id)}'s.`);
      }
      ids.set(id, `${method.toUpperCase()} ${path}`);
      const named = map.operations?.[id] ?? {};
      const parameters = operationParameters(document, where, path, item, operation);
      const { pathParams } = parameters;
      const query = Object.fromEntries(
        parameters.query.map((p) => [
          p.name,
          { types: typesOf(document, p.schema), required: p.required === true },
        ]),
      );
      const body = requestBodyOf(document, where, operation);
      // A method takes one flat params object: a name that is both a query parameter and a body field is ambiguous.
      const shared = Object.keys(body?.fields ?? {}).find((name) => name in query);
      if (shared) {
        throw new UnsupportedSpecError(
          `${where}: ${shared} is both a query parameter and a body field, and a method's flat params cannot tell them apart.`,
        );
      }
      const success = successOf(document, operation, query);
      const upper = method.toUpperCase();
      operations.push({
        id,
        resource: named.resource ?? resourceOfPath(path),
        name: named.method ?? camel(id),
        method: upper,
        path,
        pathParams,
        query,
        body,
        success,
        // A POST or PATCH may have taken effect although no answer came: it is not resent blindly.
        idempotent: upper !== 'POST' && upper !== 'PATCH',
        uncertain: named.uncertain?.trim(),
        noun: named.noun,
        helpers: named.helpers,
        description: firstParagraph(operation.description ?? operation.summary),
      });
    }
  }
  return operations;
}

/** The operations' data module: one exported constant per operation (tree-shakeable), grouped by resource. */
export function operationsModule(operations, map = {}) {
  let out = '';
  for (const op of operations) {
    const data = {
      operationId: op.id,
      method: op.method,
      path: op.path,
      pathParams: op.pathParams,
      query: op.query,
      body: op.body,
      reads: op.success.reads,
      idempotent: op.idempotent,
      ...(op.success.required ? { required: op.success.required } : {}),
      ...(op.success.reads === 'events'
        ? { events: { known: op.success.known, discriminator: op.success.discriminator ?? 'type' } }
        : {}),
      ...(op.noun ? { noun: op.noun } : {}),
      ...(op.helpers ? { helpers: op.helpers } : {}),
      ...(op.uncertain ? { uncertain: op.uncertain } : {}),
    };
    out += docComment(`${op.method} ${op.path}: ${op.description}`);
    out += `export const ${op.id} = ${JSON.stringify(data, null, 2)} as const;\n\n`;
  }
  out += '/** Every operation, for lookups by method and path (the checks of a request by path). */\n';
  out += `export const operationList = [${operations.map((op) => op.id).join(', ')}] as const;\n\n`;
  const resources = groupByResource(operations);
  for (const [resource, ops] of resources) {
    out += docComment(`The operations of \`client.${resource}\`, by method name.`);
    out += `export const ${resource} = {\n${ops.map((op) => `  ${op.name}: ${op.id},`).join('\n')}\n} as const;\n\n`;
  }
  out += '/** Every resource, by the name it has on the client. */\n';
  out += `export const resources = { ${[...resources.keys()].join(', ')} } as const;\n\n`;
  const aliases = Object.fromEntries(
    Object.entries(map.resources ?? {})
      .filter(([name]) => resources.has(name))
      .map(([name, spec]) => [name, spec.aliases ?? []]),
  );
  out += '/** Other names a resource also has on the client (`beta.chat` for `chat`), from the SDK map. */\n';
  out += `export const resourceAliases = ${JSON.stringify(aliases)} as const;\n`;
  return out;
}

function groupByResource(operations) {
  const resources = new Map();
  for (const op of operations) resources.set(op.resource, [...(resources.get(op.resource) ?? []), op]);
  return resources;
}

const refName = (ref) => ref?.split('/').pop();

/** Whether a method's params may be left out: none of its body fields is required. */
const paramsOptional = (op) => !(op.body?.required && Object.values(op.body.fields).some((f) => f.required));

/**
 * The names an operation has on each surface: its call on the client (`client.chat.getSummary(sessionId,
 * params?)`), its friendly types (`ChatGetSummaryParams`, `ChatGetSummaryResponse`; none for a stream or an
 * empty 2xx), and its MCP tool (`chat_get_summary`).
 */
export function surfaceNames(op) {
  const base = `${pascal(op.resource)}${pascal(op.name)}`;
  const args = [...op.pathParams.map((name) => camel(name)), `params${paramsOptional(op) ? '?' : ''}`];
  return {
    call: `client.${op.resource}.${op.name}(${args.join(', ')})`,
    params: `${base}Params`,
    response: op.success.reads === 'json' || op.success.reads === 'page' ? `${base}Response` : null,
    tool: `${op.resource}.${op.name}`
      .split('.')
      .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())
      .join('_'),
  };
}

/** The friendly types module: schema aliases, `{Resource}{Method}Params`/`…Response`, and each resource's methods. */
export function typesModule(document, operations, openapiModule) {
  const friendly = new Map();
  const resourceTypes = [];
  for (const [resource, ops] of groupByResource(operations)) {
    const members = [];
    for (const op of ops) {
      const base = surfaceNames(op).params.replace(/Params$/, '');
      const call = `\`client.${resource}.${op.name}()\``;
      const query = `NonNullable<operations['${op.id}']['parameters']['query']>`;
      const queryNames = Object.keys(op.query);
      const hasQuery = queryNames.length > 0;
      const parts = [];
      if (hasQuery) parts.push(query);
      if (op.body) parts.push(`JsonBody<operations['${op.id}']>`);
      const params = parts.length ? parts.join(' & ') : 'Record<string, never>';
      const what = [
        hasQuery && `the query (${queryNames.join(', ')})`,
        op.body && `the body (${Object.keys(op.body.fields).join(', ')})`,
      ]
        .filter(Boolean)
        .join(' and ');
      friendly.set(`${base}Params`, {
        doc: `Parameters of ${call}: ${what || 'none'}${parts.length > 1 ? ', flat' : ''}.`,
        type: params,
      });
      const optional = paramsOptional(op);
      const args = [
        ...op.pathParams.map((name) => `${camel(name)}: string`),
        `params${optional ? '?' : ''}: ${base}Params${optional ? ' | null' : ''}`,
      ];
      let shape;
      const { success } = op;
      if (success.reads === 'page') {
        const body = `JsonOk<operations['${op.id}']>`;
        friendly.set(`${base}Response`, {
          doc: `An item of ${call}'s pages.`,
          type: `${body}['items'][number]`,
        });
        shape = `reads: 'page'; item: ${base}Response; page: ${body}`;
      } else if (success.reads === 'json') {
        friendly.set(`${base}Response`, {
          doc: `What ${call} resolves to.`,
          type: `JsonOk<operations['${op.id}']>`,
        });
        shape = `reads: 'json'; response: ${base}Response`;
      } else if (success.reads === 'events') {
        const event = success.eventRef ? `components['schemas']['${refName(success.eventRef)}']` : 'unknown';
        shape = `reads: 'events'; event: ${event}; helpers: ${op.helpers ? `'${op.helpers}'` : 'undefined'}`;
      } else {
        shape = `reads: 'none'`;
      }
      members.push(
        `${docComment(`${op.description ? `${op.description} ` : ''}\`${op.method} ${op.path}\`.`, '  ')}  ${op.name}: { args: [${args.join(', ')}]; ${shape} };`,
      );
    }
    resourceTypes.push({ resource, members });
  }
  let out = `import type { components, operations } from './${openapiModule}';\n\n`;
  out += `type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;\n`;
  out += `type JsonOk<Op> = Op extends { responses: infer R }\n  ? { [S in keyof R]: S extends 200 | 201 | 202 | 203 ? R[S] extends { content: { 'application/json': infer B } } ? B : never : never }[keyof R]\n  : never;\n\n`;
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (friendly.has(name)) continue;
    out += docComment(firstParagraph(schema.description));
    out += `export type ${name} = components['schemas']['${name}'];\n`;
  }
  out += '\n';
  for (const [name, { doc, type }] of friendly) out += `${docComment(doc)}export type ${name} = ${type};\n`;
  out += '\n';
  for (const { resource, members } of resourceTypes) {
    out += docComment(`The methods of \`client.${resource}\`: each one's arguments and how its 2xx is read.`);
    out += `export interface ${pascal(resource)}Operations {\n${members.join('\n')}\n}\n\n`;
  }
  out += "/** Every resource's methods, by the name the resource has on the client. */\n";
  out += `export interface ResourceOperations {\n${resourceTypes.map(({ resource }) => `  ${resource}: ${pascal(resource)}Operations;`).join('\n')}\n}\n`;
  return out;
}
