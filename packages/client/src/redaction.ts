// Scrubbing the API key out of what a server sent back. The transport calls these once per response, so nothing
// built from a response (an error, a page, a log line) can carry the key.

export const REDACTED = '[redacted]';

/** `text` with every occurrence of `secret` replaced; as it is when there is no secret to scrub. */
export const scrubText = (text: string, secret: string | undefined): string =>
  secret !== undefined && text.includes(secret) ? text.replaceAll(secret, REDACTED) : text;

/** The response with any header that echoes `secret` scrubbed; the same object when none does. */
export function scrubHeaders(response: Response, secret: string | undefined): Response {
  if (secret === undefined) return response;
  let echoes = false;
  response.headers.forEach((value) => {
    if (value.includes(secret)) echoes = true;
  });
  if (!echoes) return response;
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    headers.append(name, value.replaceAll(secret, REDACTED));
  });
  // The body stays readable: a streamed response is read after this.
  const scrubbed = new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  Object.defineProperty(scrubbed, 'url', { value: response.url });
  return scrubbed;
}
