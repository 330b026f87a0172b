// Checks a request against the spec before it is sent: values no URL can carry, query parameters the operation
// does not have, and values of the wrong type. A failed check throws InvalidRequestError; nothing is sent.
import { createQuerySerializer, type Middleware } from 'openapi-fetch';
import { InvalidRequestError, type ListingContext } from './errors/index.js';
import { queryParameters } from './generated/openapi.query.js';
import { isOfTypes } from './json-types.js';

const serialize = createQuerySerializer();

function problemWith(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(problemWith).find(Boolean);
  if (typeof value === 'number')
    return Number.isFinite(value) ? undefined : `is ${value}, not a finite number`;
  if (typeof value === 'string') {
    try {
      encodeURIComponent(value);
    } catch {
      return 'is not well-formed text (it holds a lone UTF-16 surrogate)';
    }
    return undefined;
  }
  return typeof value === 'boolean'
    ? undefined
    : `is a${typeof value === 'object' ? 'n object' : ` ${typeof value}`}, not a string, number or boolean`;
}

/** openapi-fetch's query serializer, after checking each value; `null` and `undefined` are left out. */
export function checkedQuerySerializer(query: Record<string, unknown>, context?: ListingContext): string {
  for (const name in query) {
    const value = query[name];
    const problem = value == null ? undefined : problemWith(value);
    if (problem)
      throw new InvalidRequestError(`Query parameter ${name} ${problem}; nothing was sent.`, context);
  }
  return serialize(query);
}

type ParameterTable = Record<
  string,
  Record<string, Record<string, { types: readonly string[]; required: boolean }>>
>;

/** Checks `query` against the parameters the spec gives `method schemaPath`; unknown operations pass. */
export function checkQuery(
  method: string,
  schemaPath: string,
  query: Record<string, unknown>,
  context?: ListingContext,
  table: ParameterTable = queryParameters,
): void {
  const declared = table[schemaPath]?.[method.toLowerCase()];
  if (!declared) return;
  const target = `${method.toUpperCase()} ${schemaPath}`;
  for (const name in query) {
    const value = query[name];
    const spec = declared[name];
    if (!spec) {
      throw new InvalidRequestError(
        `${target} has no query parameter ${name}; it takes ${Object.keys(declared).join(', ') || 'none'}. Nothing was sent.`,
        context,
      );
    }
    if (value === undefined || isOfTypes(value, spec.types)) continue;
    throw new InvalidRequestError(
      `Query parameter ${name} of ${target} must be ${spec.types.join(' or ')}, got ${JSON.stringify(value)}. Nothing was sent.`,
      context,
    );
  }
  for (const name in declared) {
    if (declared[name]?.required && query[name] == null) {
      throw new InvalidRequestError(
        `${target} needs the query parameter ${name}. Nothing was sent.`,
        context,
      );
    }
  }
}

/** Middleware that checks each request's query against the spec's parameter table. */
export function specChecks(table: ParameterTable = queryParameters): Middleware {
  return {
    onRequest({ schemaPath, params, request }) {
      checkQuery(
        request.method,
        schemaPath,
        (params.query ?? {}) as Record<string, unknown>,
        undefined,
        table,
      );
      return undefined;
    },
  };
}
