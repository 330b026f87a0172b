// Checks a request's query before it is sent: values no URL can carry, query parameters its operation does not
// have, and values of the wrong type. A failed check throws InvalidRequestError; nothing is sent.
import { InvalidRequestError, type ListingContext } from '../errors/index.js';
import { isOfTypes } from '../json-types.js';

/**
 * The query string of checked values, as openapi-fetch's default serializer writes it (`name=value` with the value
 * percent-encoded, an array as one `name=item` per item, null and undefined left out). Written here rather than
 * imported so that a program that never calls `createClient()` does not carry openapi-fetch.
 */
export function serialize(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const name in query) {
    const value = query[name];
    if (value == null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(`${name}=${encodeURIComponent(item as string | number | boolean)}`);
    }
  }
  return parts.join('&');
}

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

/** The query string, after checking each value; `null` and `undefined` are left out. */
export function checkedQuerySerializer(query: Record<string, unknown>, context?: ListingContext): string {
  for (const name in query) {
    const value = query[name];
    const problem = value == null ? undefined : problemWith(value);
    if (problem)
      throw new InvalidRequestError(`Query parameter ${name} ${problem}; nothing was sent.`, {
        ...context,
        field: { in: 'query', name },
        problem: 'value',
      });
  }
  return serialize(query);
}

/** One operation's query parameters: the JSON types each allows, and whether it is required. */
export type QueryParameters = Readonly<Record<string, { types: readonly string[]; required: boolean }>>;

/**
 * Checks `query` against `declared`, the query parameters of the operation `target` is for: a name it does not
 * have, a value of the wrong type, a required one missing. A request for no known operation is not checked.
 */
export function checkQuery(
  target: string,
  query: Record<string, unknown>,
  declared: QueryParameters | undefined,
  context?: ListingContext,
): void {
  if (!declared) return;
  for (const name in query) {
    const value = query[name];
    const spec = declared[name];
    if (!spec) {
      throw new InvalidRequestError(
        `${target} has no query parameter ${name}; it takes ${Object.keys(declared).join(', ') || 'none'}. Nothing was sent.`,
        { ...context, field: { in: 'query', name }, problem: 'unknown', allowed: Object.keys(declared) },
      );
    }
    if (value === undefined || isOfTypes(value, spec.types)) continue;
    throw new InvalidRequestError(
      `Query parameter ${name} of ${target} must be ${spec.types.join(' or ')}, got ${JSON.stringify(value)}. Nothing was sent.`,
      { ...context, field: { in: 'query', name }, problem: 'type' },
    );
  }
  for (const name in declared) {
    if (declared[name]?.required && query[name] == null) {
      throw new InvalidRequestError(`${target} needs the query parameter ${name}. Nothing was sent.`, {
        ...context,
        field: { in: 'query', name },
        problem: 'missing',
      });
    }
  }
}
