// Decodes a 2xx body that must be a JSON object; anything else is a MalformedResponseError saying what it is.
import { type ListingContext, MalformedResponseError, type RequestTarget } from './errors/index.js';
import type { Exchange } from './transport.js';

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** How a JSON value reads in a message: `null`, `an array`, `a string`. */
export const describeJsonType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `${article(typeof value)} ${typeof value}`;

/**
 * The JSON object in `exchange`'s body, after `check` (which returns a problem, or undefined when the object is
 * what `expected` names). Throws a MalformedResponseError naming the problem otherwise.
 */
export function decodeObject<T>(
  target: RequestTarget,
  exchange: Exchange,
  expected: string,
  check: (body: Record<string, unknown>) => string | undefined,
  context: ListingContext = {},
): T {
  const { response, text } = exchange;
  const malformed = (problem: string) =>
    new MalformedResponseError({ ...context, target, response, problem, text, expected });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed(text.trim() === '' ? 'the body is empty' : 'the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw malformed(`the body is ${describeJsonType(body)}, not a JSON object`);
  }
  const problem = check(body as Record<string, unknown>);
  if (problem) throw malformed(problem);
  return body as T;
}
