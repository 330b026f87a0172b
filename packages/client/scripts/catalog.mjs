// The catalog: what every consumer that is not the client's own methods needs to know about an operation, from
// the spec and the SDK map. For each operation its names (operationId, the SDK's `chat.getSummary`), summary and
// description, the statuses it declares, its JSON Schemas with every `$ref` inlined (path and query parameters,
// body, each response, one streamed event) and its examples (the request's, each response's). The mock, the
// relay, the CLI's `api` command, the MCP server and the contract suite read this, so none keeps a list of its own.
import { deref } from '@llamacloud-chat/openapi/spec-walk.mjs';
import { resolvePathItem } from './operation-parameters.mjs';
import { surfaceNames } from './sdk-surface.mjs';

/** `node` with every local `$ref` replaced by what it names; a `$ref` met again inside itself is left as it is. */
function inline(document, node, seen = new Set()) {
  if (Array.isArray(node)) return node.map((item) => inline(document, item, seen));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    if (seen.has(node.$ref)) return node;
    const target = deref(document, node);
    const { $ref, ...siblings } = node;
    return inline(document, { ...target, ...siblings }, new Set([...seen, $ref]));
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(document, value, seen)]));
}

/** The parameters in `location` as one object schema: each parameter a property, the required ones required. */
function parametersSchema(parameters, location) {
  const chosen = parameters.filter((p) => p.in === location);
  return {
    type: 'object',
    properties: Object.fromEntries(
      chosen.map((p) => [
        p.name,
        { ...(p.schema ?? {}), ...(p.description ? { description: p.description } : {}) },
      ]),
    ),
    required: chosen.filter((p) => p.required === true || location === 'path').map((p) => p.name),
  };
}

/** A media type's examples by name (a lone `example` is named `default`). */
function examplesOf(media) {
  if (!media) return undefined;
  if (media.examples)
    return Object.fromEntries(
      Object.entries(media.examples).map(([name, example]) => [name, example?.value]),
    );
  return media.example === undefined ? undefined : { default: media.example };
}

/** The catalog entry of each of `operations` (as `sdkOperations` made them), in the same order. */
export function catalogEntries(document, operations) {
  return operations.map((op) => {
    const item = inline(document, resolvePathItem(document, op.path, document.paths[op.path]));
    const operation = item[op.method.toLowerCase()];
    // An operation's parameter replaces the path item's of the same name and location.
    const byKey = new Map();
    for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])])
      byKey.set(`${p.in} ${p.name}`, p);
    const parameters = [...byKey.values()];
    const requestMedia = operation.requestBody?.content?.['application/json'];
    const responses = {};
    const responseExamples = {};
    let event = null;
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const content = response?.content ?? {};
      const [mediaType, media] =
        Object.entries(content).find(([type]) => type === 'application/json') ??
        Object.entries(content)[0] ??
        [];
      responses[status] = media
        ? { mediaType, schema: media.schema ?? {} }
        : { mediaType: null, schema: null };
      if (mediaType === 'text/event-stream' && media['x-sse-data-schema']) event = media['x-sse-data-schema'];
      const examples = examplesOf(media);
      if (examples) responseExamples[status] = examples;
    }
    return {
      operationId: op.id,
      sdkName: `${op.resource}.${op.name}`,
      ...surfaceNames(op),
      method: op.method,
      path: op.path,
      reads: op.success.reads,
      summary: operation.summary ?? '',
      description: (operation.description ?? '').trim(),
      statuses: Object.keys(operation.responses ?? {}),
      schemas: {
        path: parametersSchema(parameters, 'path'),
        query: parametersSchema(parameters, 'query'),
        body: requestMedia?.schema ?? null,
        bodyRequired: operation.requestBody?.required === true,
        responses,
        event,
      },
      examples: { request: examplesOf(requestMedia) ?? null, responses: responseExamples },
    };
  });
}

/** The catalog module: `catalog`, every operation's entry, in the spec's order. */
export function catalogModule(entries) {
  return (
    "/** Every operation of the spec: names, summary, statuses, schemas and examples, in the spec's order. */\n" +
    `export const catalog: readonly unknown[] = ${JSON.stringify(entries, null, 2)};\n`
  );
}
