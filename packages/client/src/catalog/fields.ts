// An operation's fields as one flat list, as a client method takes them in its params (and a command line or an
// MCP tool takes them as arguments): every path parameter, query parameter and body field, where it goes, its
// schema, and whether a call must give it.
import type { CatalogEntry, JsonSchema } from './catalog-entry.js';

/** Where a field goes in the request. */
export type FieldPlace = 'path' | 'query' | 'body';

export interface OperationField {
  readonly name: string;
  readonly in: FieldPlace;
  readonly schema: JsonSchema;
  /** A body field counts as required only when the body itself is. */
  readonly required: boolean;
}

/** The fields of `entry`: path parameters, then query parameters, then body fields, each in the spec's order. */
export function operationFields(entry: CatalogEntry): OperationField[] {
  const parts: [FieldPlace, JsonSchema | null][] = [
    ['path', entry.schemas.path],
    ['query', entry.schemas.query],
    ['body', entry.schemas.body],
  ];
  return parts.flatMap(([place, schema]) => {
    const required = new Set((schema?.required ?? []) as string[]);
    const counts = place !== 'body' || entry.schemas.bodyRequired;
    return Object.entries((schema?.properties ?? {}) as Record<string, JsonSchema>).map(
      ([name, property]) => ({
        name,
        in: place,
        schema: property,
        required: counts && required.has(name),
      }),
    );
  });
}
