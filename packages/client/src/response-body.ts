// A Response whose body is text the client already read (and scrubbed of the key), so what a caller is handed
// (`asResponse()`, `withResponse()`, openapi-fetch's result) reads like an untouched response.

/** Statuses whose Response must have no body. */
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/** A readable copy of `response` with `text` as its body; status, headers and URL kept. */
export function withBody(response: Response, text: string): Response {
  const readable = new Response(NULL_BODY_STATUS.has(response.status) ? null : text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(readable, 'url', { value: response.url });
  return readable;
}
