// A request for any operation of the catalog, made from the spec alone: the body is the request's first example,
// else a value made from the schema (each required field, of its first type); a wrong-typed one for a 422.
import type { CatalogEntry, JsonSchema } from '@llamacloud-chat/client/catalog';
import { typesOf } from '@llamacloud-chat/client/catalog';

/** A value `schema` allows, made from its example, enum, const or first type. */
export function sampleOf(schema: JsonSchema | undefined): unknown {
  if (!schema) return null;
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const branch = ((schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined)?.[0];
  const type = typesOf(schema).find((t) => t !== 'null') ?? (branch ? undefined : 'null');
  if (type === undefined) return sampleOf(branch);
  switch (type) {
    case 'string':
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, sampleOf(properties[name])]));
    }
    default:
      return null;
  }
}

/** The body a valid request of `entry` sends, or undefined when it takes none. */
export function sampleBody(entry: CatalogEntry): unknown {
  if (!entry.schemas.body) return undefined;
  const example = Object.values(entry.examples.request ?? {})[0];
  return example ?? sampleOf(entry.schemas.body);
}

/** A value of a type `schema` does not allow, or undefined when it allows every type. */
function wrongValue(schema: JsonSchema): unknown {
  const types = typesOf(schema);
  if (types.length === 0) return undefined;
  for (const candidate of [12345, 'not-a-number', { not: 'this' }, true])
    if (
      !types.some(
        (t) =>
          t === typeof candidate ||
          (t === 'integer' && typeof candidate === 'number') ||
          (t === 'object' && typeof candidate === 'object'),
      )
    )
      return candidate;
  return undefined;
}

/**
 * A request the spec refuses, as `{ query?, body? }`: a body field or query parameter of a wrong type. Undefined
 * when the operation has none whose type can be broken.
 */
export function invalidRequest(
  entry: CatalogEntry,
): { query?: Record<string, string>; body?: unknown } | undefined {
  const body = sampleBody(entry);
  const bodyFields = (entry.schemas.body?.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, schema] of Object.entries(bodyFields)) {
    const wrong = wrongValue(schema);
    if (wrong !== undefined) return { body: { ...(body as object), [name]: wrong } };
  }
  const query = (entry.schemas.query.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, schema] of Object.entries(query)) {
    const types = typesOf(schema);
    if (
      !types.includes('string') &&
      (types.includes('integer') || types.includes('number') || types.includes('boolean'))
    )
      return { query: { [name]: 'not-a-number' }, ...(body === undefined ? {} : { body }) };
  }
  return undefined;
}
