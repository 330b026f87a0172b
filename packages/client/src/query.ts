// Query serialization that rejects, before anything is sent, values no URL can carry.
import { createQuerySerializer } from 'openapi-fetch';
import { InvalidRequestError } from './errors.js';

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
export function checkedQuerySerializer(query: Record<string, unknown>): string {
  for (const name in query) {
    const value = query[name];
    const problem = value == null ? undefined : problemWith(value);
    if (problem) throw new InvalidRequestError(`Query parameter ${name} ${problem}; nothing was sent.`);
  }
  return serialize(query);
}
