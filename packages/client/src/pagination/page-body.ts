// Checks that a 2xx body is a page the paginator can follow: a JSON object with an `items` array and a string or
// null `next_page_token`. Anything else is a MalformedResponseError, never zero items.
import { type ListingContext, MalformedResponseError, type RequestTarget } from '../errors.js';
import type { Exchange } from '../transport.js';

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** The decoded page body of `exchange`, or a MalformedResponseError saying what is wrong with it. */
export function decodePageBody<Body>(
  target: RequestTarget,
  exchange: Exchange,
  context: ListingContext,
): Body {
  const { response, text } = exchange;
  const malformed = (problem: string) => new MalformedResponseError(target, response, problem, text, context);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed(text.trim() === '' ? 'the body is empty' : 'the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw malformed('the body is not a JSON object');
  }
  const { items, next_page_token: token } = body as { items?: unknown; next_page_token?: unknown };
  if (!Array.isArray(items)) {
    const got =
      items === undefined ? 'missing' : items === null ? 'null' : `${article(typeof items)} ${typeof items}`;
    throw malformed(`"items" is ${got}, not an array`);
  }
  if (token !== undefined && token !== null && typeof token !== 'string') {
    throw malformed(`"next_page_token" is ${article(typeof token)} ${typeof token}, not a string or null`);
  }
  return body as Body;
}
