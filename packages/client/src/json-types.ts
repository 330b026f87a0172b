// Whether a value is of one of a schema's JSON types (`string`, `integer`, `null`, …), and how a type list reads
// in a message. Shared by the request checks and the 2xx body checks, so both read the spec's types alike.

const MATCHES: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === 'number',
  boolean: (value) => typeof value === 'boolean',
  null: (value) => value === null,
  array: Array.isArray,
  object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
};

/** True when `value` is of one of `types`; an empty list (a schema that names no type) allows anything. */
export const isOfTypes = (value: unknown, types: readonly string[]): boolean =>
  types.length === 0 || types.some((type) => MATCHES[type]?.(value) ?? true);

/** `a string or null`, `an array`. */
export const typesInWords = (types: readonly string[]): string =>
  types
    .map((type) => (type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`))
    .join(' or ');
