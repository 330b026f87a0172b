// The one place a path is filled in: every `{placeholder}` of a template replaced by its value as exactly one
// path segment, for every way into the client (a method, a call by path, createClient(), a page).
import { InvalidRequestError, type ListingContext } from '../errors/index.js';

/**
 * `value` as one path segment: everything but RFC 3986's path characters is percent-encoded (the official SDK's
 * rule), so `/`, `?` and `#` can never start another segment, a query or a fragment. `.` and `..` cannot be
 * sent as a segment at all (URL parsers resolve them), nor can an empty one.
 */
export function pathSegment(name: string, value: unknown, context?: ListingContext): string {
  if (typeof value !== 'string') {
    throw new InvalidRequestError(
      `${name} must be a string, got ${value === null ? 'null' : typeof value}.`,
      { ...context, field: { in: 'path', name }, problem: value === undefined ? 'missing' : 'type' },
    );
  }
  if (value === '' || value === '.' || value === '..') {
    throw new InvalidRequestError(
      `${name} ${JSON.stringify(value)} cannot be sent as a path segment; nothing was sent.`,
      { ...context, field: { in: 'path', name }, problem: 'value' },
    );
  }
  try {
    return value.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]+/g, encodeURIComponent);
  } catch {
    throw new InvalidRequestError(`${name} is not well-formed text (it holds a lone UTF-16 surrogate).`, {
      ...context,
      field: { in: 'path', name },
      problem: 'value',
    });
  }
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** `template` with each `{name}` replaced by `values[name]` as one segment; a path without any is returned as is. */
export function fillPath(
  template: string,
  values: Readonly<Record<string, unknown>> | undefined,
  context?: ListingContext,
): string {
  if (!template.includes('{')) return template;
  return template.replace(PLACEHOLDER, (_, name: string) => pathSegment(name, values?.[name], context));
}
