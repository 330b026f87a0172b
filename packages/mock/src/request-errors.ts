// A request the spec does not allow, in the spec's 422 shape (FastAPI's `HTTPValidationError`): one entry per
// invalid value, its `loc` naming where it is (`["body", "index_ids"]`, `["query", "page_size"]`), in
// FastAPI's words, so a client handles the mock's 422 as it would the API's.
import type { ErrorObject } from 'ajv';

export interface ValidationEntry {
  loc: (string | number)[];
  msg: string;
  type: string;
  input?: unknown;
}

export const validationError = (entries: ValidationEntry[]) => ({ detail: entries });

/** openapi-backend validates `{ query, params, headers, requestBody }`: the first part of a path says which. */
const PLACES: Record<string, string> = {
  query: 'query',
  params: 'path',
  path: 'path',
  headers: 'header',
  requestBody: 'body',
};

/** FastAPI's message and error type for a value that is not of a JSON type. */
const WRONG_TYPE: Record<string, [string, string]> = {
  integer: ['Input should be a valid integer, unable to parse string as an integer', 'int_parsing'],
  number: ['Input should be a valid number', 'float_parsing'],
  string: ['Input should be a valid string', 'string_type'],
  boolean: ['Input should be a valid boolean', 'bool_type'],
  array: ['Input should be a valid list', 'list_type'],
  object: ['Input should be a valid dictionary or object to extract fields from', 'model_attributes_type'],
};

function locOf(instancePath: string): (string | number)[] {
  const [place = '', ...rest] = instancePath.split('/').slice(1);
  return [
    PLACES[place] ?? place,
    ...rest.map((part) =>
      /^\d+$/.test(part) ? Number(part) : part.replaceAll('~1', '/').replaceAll('~0', '~'),
    ),
  ];
}

/** One entry per invalid value, from the request validator's errors; the most telling error for each place. */
export function entriesFromAjv(errors: readonly ErrorObject[]): ValidationEntry[] {
  const entries = new Map<string, ValidationEntry>();
  for (const error of errors) {
    if (error.keyword === 'required') {
      const field = (error.params as { missingProperty: string }).missingProperty;
      const loc = error.instancePath ? [...locOf(error.instancePath), field] : [PLACES[field] ?? field];
      entries.set(JSON.stringify(loc), { loc, msg: 'Field required', type: 'missing' });
      continue;
    }
    const loc = locOf(error.instancePath);
    const key = JSON.stringify(loc);
    const known = entries.get(key);
    let entry: ValidationEntry | undefined;
    if (error.keyword === 'enum') {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(
        (v) => `'${v}'`,
      );
      const list =
        allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : allowed[0];
      entry = { loc, msg: `Input should be ${list}`, type: 'enum' };
    } else if (error.keyword === 'type') {
      const types = [(error.params as { type: string | string[] }).type].flat().filter((t) => t !== 'null');
      const [msg, type] = WRONG_TYPE[types[0] ?? ''] ?? [
        `Input should be ${types.join(' or ')}`,
        'type_error',
      ];
      entry = { loc, msg, type };
    } else if (error.keyword === 'minLength') {
      const limit = (error.params as { limit: number }).limit;
      entry = {
        loc,
        msg: `String should have at least ${limit} character${limit === 1 ? '' : 's'}`,
        type: 'string_too_short',
      };
    } else if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      entry = { loc, msg: error.message ?? 'Input is not valid', type: error.keyword };
    }
    // An enum beats the type error of another branch of the same anyOf (`shared_access: "x"`).
    if (entry && (!known || (entry.type === 'enum' && known.type !== 'missing'))) entries.set(key, entry);
  }
  return [...entries.values()];
}
