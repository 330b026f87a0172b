// The longest URL a request may have. Servers and proxies refuse longer ones (often with a 414, sometimes by
// closing the connection, after the request was partly sent), so a request whose URL would pass the limit is
// refused before sending, naming the field that made it long.
import { InvalidRequestError, type ListingContext, type RequestField } from '../errors/index.js';
import { pathSegment } from './path.js';
import { serialize } from './query-checks.js';

/** 8 KiB: the URL length servers and proxies commonly accept (nginx's and Node's header buffers, many CDNs). */
export const MAX_URL_BYTES = 8 * 1024;

/** What goes into a URL, to name the longest part of one that is too long. */
export interface UrlParts {
  /** The path template's values, by placeholder name. */
  pathValues?: Readonly<Record<string, unknown>> | undefined;
  /** A path the call gave, sent as written (the request option `path`). */
  path?: string | undefined;
  /** The query sent, the client's `defaultQuery` included. */
  query: Readonly<Record<string, unknown>>;
}

/** How many bytes `text` takes in a URL: a character outside ASCII is percent-encoded, 3 characters a byte. */
function urlBytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 6 : code < 0x10000 ? 9 : 12;
  }
  return bytes;
}

/** The field of `parts` that takes the most of the URL, and how many bytes it takes. */
function longestField(parts: UrlParts): [RequestField, number] {
  let longest: [RequestField, number] = [{ in: 'path', name: 'path' }, 0];
  const consider = (field: RequestField, bytes: number) => {
    if (bytes > longest[1]) longest = [field, bytes];
  };
  if (parts.path !== undefined) consider({ in: 'path', name: 'path' }, urlBytes(parts.path));
  for (const name in parts.pathValues) {
    let segment: string;
    try {
      segment = pathSegment(name, parts.pathValues[name]);
    } catch {
      continue;
    }
    consider({ in: 'path', name }, segment.length);
  }
  for (const name in parts.query)
    consider({ in: 'query', name }, serialize({ [name]: parts.query[name] }).length);
  return longest;
}

/** Throws an InvalidRequestError naming the longest field when `url` would pass {@link MAX_URL_BYTES}. */
export function checkUrlLength(url: string, target: string, parts: UrlParts, context?: ListingContext): void {
  if (url.length <= MAX_URL_BYTES / 12) return;
  const bytes = urlBytes(url);
  if (bytes <= MAX_URL_BYTES) return;
  const [field, fieldBytes] = longestField(parts);
  const where =
    field.in === 'query' ? 'query parameter' : field.name === 'path' ? 'request option' : 'path parameter';
  throw new InvalidRequestError(
    `${target} was not sent: its URL would be ${bytes} bytes, over the ${MAX_URL_BYTES} bytes (8 KiB) servers ` +
      `accept. The longest part is the ${where} ${field.name} (${fieldBytes} bytes); shorten it.`,
    { ...context, field, problem: 'value', urlBytes: bytes, maxUrlBytes: MAX_URL_BYTES },
  );
}
