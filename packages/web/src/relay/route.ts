// Which operation of the spec a page's request is for, read from the catalog the client's generator writes: the
// relay serves exactly the spec's operations, by their method and path template, and nothing else.
import { InvalidRequestError } from '@llamacloud-chat/client';
import {
  type CatalogEntry,
  catalog,
  findByRoute,
  type JsonSchema,
  pathValuesOf,
  readText,
  typesOf,
} from '@llamacloud-chat/client/catalog';

/** Every method the spec's operations use (`GET`, `POST`, `DELETE`), in the spec's order: any other is a 405. */
export const SPEC_METHODS: readonly string[] = [...new Set(catalog.map((entry) => entry.method))];

/** An operation of the spec, and the values its path template took from the request's path. */
export interface Route {
  entry: CatalogEntry;
  pathValues: Record<string, string>;
}

/** The spec's operation for `method path`, or undefined when the spec has none (the relay's 404). */
export function routeOf(
  method: string,
  path: string,
  entries: readonly CatalogEntry[] = catalog,
): Route | undefined {
  const entry = findByRoute(entries, method, path);
  if (!entry) return undefined;
  try {
    return { entry, pathValues: pathValuesOf(entry.path, path) ?? {} };
  } catch {
    const name = entry.path.match(/\{([^}]+)\}/)?.[1] ?? 'path';
    throw new InvalidRequestError(`The ${name} in the path is not valid percent-encoding: ${path}`, {
      field: { in: 'path', name },
      problem: 'value',
    });
  }
}

/**
 * The query as the client takes it: each name the operation declares, its value read as the spec types it (a
 * number for an integer or number, true or false for a boolean, else the text). A name the operation does not
 * declare is left out, as the API ignores one.
 */
export function queryParams(entry: CatalogEntry, query: URLSearchParams): Record<string, unknown> {
  const declared = (entry.schemas.query.properties ?? {}) as Record<string, JsonSchema>;
  const params: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(declared)) {
    const values = query.getAll(name);
    if (values.length === 0) continue;
    const types = typesOf(schema);
    if (types.includes('array'))
      params[name] = values.map((text) => readText(schema.items as JsonSchema, text));
    else params[name] = readText(schema, values[values.length - 1] ?? '');
  }
  return params;
}

/**
 * The body as the operation's schema names it: only its declared fields, each as sent (the client checks their
 * values). A field the spec does not name is left out, as the API ignores one; a body that is not an object is
 * left as it is, for the client to refuse.
 */
export function bodyParams(entry: CatalogEntry, body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const declared = (entry.schemas.body?.properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(Object.entries(body).filter(([name]) => Object.hasOwn(declared, name)));
}
