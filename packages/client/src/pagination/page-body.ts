// Checks that a 2xx body is a page the paginator can follow: a JSON object with an `items` array and a string or
// null `next_page_token`. Anything else is a MalformedResponseError, never zero items.
import type { ListingContext, RequestTarget } from '../errors/index.js';
import { decodeObject, describeJsonType } from '../json-body.js';
import type { Exchange } from '../transport.js';

/** The decoded page body of `exchange`, or a MalformedResponseError saying what is wrong with it. */
export function decodePageBody<Body>(
  target: RequestTarget,
  exchange: Exchange,
  context: ListingContext,
): Body {
  return decodeObject<Body>(
    target,
    exchange,
    'page',
    ({ items, next_page_token: token }) => {
      if (!Array.isArray(items)) {
        return `"items" is ${items === undefined ? 'missing' : describeJsonType(items)}, not an array`;
      }
      if (token !== undefined && token !== null && typeof token !== 'string') {
        return `"next_page_token" is ${describeJsonType(token)}, not a string or null`;
      }
      return undefined;
    },
    context,
  );
}
