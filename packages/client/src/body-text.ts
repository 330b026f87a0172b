// Reading a response body as text within a limit: bytes are counted as they arrive, after fetch has undone any
// gzip, deflate or br, so neither a huge body nor a small one that inflates to gigabytes is ever held whole. A
// body that cannot be decoded is the server's answer being unreadable, not the network failing.
import {
  type ListingContext,
  MalformedResponseError,
  type RequestTarget,
  ResponseTooLargeError,
  TooManyRedirectsError,
} from './errors/index.js';

export interface BodyLimit {
  target: RequestTarget;
  /** The most bytes to read. */
  limit: number;
  context?: ListingContext | undefined;
}

/** The bytes of `chunks`, `total` of them, as one array. */
function joined(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const all = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

/** `response`'s body as text; a body past `limit` bytes is a ResponseTooLargeError, read no further. */
export async function readBodyText(
  response: Response,
  { target, limit, context }: BodyLimit,
): Promise<string> {
  const tooLarge = () =>
    new ResponseTooLargeError({ target, status: response.status, limit, reading: 'body', ...context });
  const body = response.body;
  if (!body) return '';
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  // Without a content-encoding the declared length is the decoded one: no need to read to know it is too much.
  if (declared > limit && !response.headers.has('content-encoding')) {
    await body.cancel().catch(() => {});
    throw tooLarge();
  }
  // A declared length with no content-encoding bounds what fetch will read (it stops at the length): the body can
  // be read whole, in one step, which is cheaper than counting chunk by chunk.
  if (declared <= limit && !response.headers.has('content-encoding')) {
    try {
      return await response.text();
    } catch (error) {
      throw unreadableAnswer(error, target, response, context) ?? error;
    }
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    throw unreadableAnswer(error, target, response, context) ?? error;
  }
  try {
    return new TextDecoder().decode(joined(chunks, total));
  } catch (error) {
    throw unreadableAnswer(error, target, response, context) ?? error;
  }
}

/** fetch's zlib and brotli errors: `Z_DATA_ERROR`, `Z_BUF_ERROR`, `ERR__ERROR_FORMAT_PADDING_1`, … */
const DECODING_CODE = /^(Z_|ERR_BROTLI|ERR__ERROR_FORMAT)/;

/**
 * The typed error for a failure that is the answer's own and would come back the same on a retry: a body that
 * cannot be decompressed, text too long for the runtime to hold, a redirect loop. Undefined for anything else
 * (the network failing, an abort), which the caller handles as before.
 */
export function unreadableAnswer(
  error: unknown,
  target: RequestTarget,
  response: Response | undefined,
  context: ListingContext = {},
): MalformedResponseError | TooManyRedirectsError | ResponseTooLargeError | undefined {
  if (error instanceof ResponseTooLargeError || error instanceof MalformedResponseError) return error;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause?.message === 'redirect count exceeded')
    return new TooManyRedirectsError({ target, cause: error, ...context });
  if (!response) return undefined;
  const malformed = (problem: string) =>
    new MalformedResponseError({ ...context, target, response, problem, expected: 'response body' });
  if (typeof cause?.code === 'string' && DECODING_CODE.test(cause.code)) {
    const encoding = response.headers.get('content-encoding') ?? 'its content-encoding';
    return malformed(`the body could not be decompressed as ${encoding} (${String(cause.message)})`);
  }
  if (error instanceof RangeError)
    return malformed(`the body is too large for this runtime to hold (${error.message})`);
  return undefined;
}
