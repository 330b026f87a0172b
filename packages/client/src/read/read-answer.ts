// How a call by path reads its answer (a verb, `client.request()`): JSON when the response says so, no body as
// null, else the text.
import { MalformedResponseError, type RequestTarget } from '../errors/index.js';
import type { Exchange } from '../transport.js';

/** `exchange`'s body as the SDK's `client.request()` resolves it. */
export function readAnswer(target: RequestTarget, exchange: Exchange): unknown {
  const { response, text } = exchange;
  if (response.status === 204 || text === '') return null;
  if (!/\bjson\b/i.test(response.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedResponseError({
      target,
      response,
      problem: 'the body is not JSON',
      text,
      expected: 'JSON body',
    });
  }
}
