// Scrubbing the API key out of what a server sent back, as text and as JSON decodes it. The transport calls these
// once per response, so nothing built from a response (an error, a page, a log line) can carry the key.

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

/** `value` with `secret` replaced in every string (and object key) inside it; `found` is called if there was one. */
function scrubDecoded(value: unknown, secret: string, found: () => void): unknown {
  if (typeof value === 'string') {
    if (!value.includes(secret)) return value;
    found();
    return value.replaceAll(secret, REDACTED);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => scrubDecoded(item, secret, found));
  const clean: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    clean[scrubDecoded(key, secret, found) as string] = scrubDecoded(item, secret, found);
  }
  return clean;
}

/**
 * A body with the key scrubbed from its text and from what that text decodes to: JSON can spell the key with
 * escapes (`\u006c\u006c…`), which raw text replacement cannot see but `JSON.parse` turns back into the key. Such
 * a body is given back re-serialised with the key replaced. Only a body with an escape that could hide the key
 * is decoded to check.
 */
export function scrubBody(text: string, secret: string | undefined): string {
  if (secret === undefined) return text;
  const plain = scrubText(text, secret);
  // `\uXXXX` can spell any character; the other escapes only `"`, `\` and `/`.
  const hiding = /["\\/]/.test(secret) ? '\\' : '\\u';
  if (!plain.includes(hiding)) return plain;
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    return plain;
  }
  let echoed = false;
  const clean = scrubDecoded(value, secret, () => {
    echoed = true;
  });
  return echoed ? JSON.stringify(clean) : plain;
}
