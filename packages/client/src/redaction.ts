// The one scrubber of the API key from what a server sent back: the status text, every header value, every body
// of any content type, each event of a stream, and every log line. It replaces the key as written and as JSON
// escapes can spell it (`\u006c\u006c…`, `\"`, `\\`, `\/`, `\t`), in any text: an HTML or plain-text page shows
// such a spelling as sent, and a reader that decodes it gets the key back. The transport calls it once per
// response, so nothing built from a response (an error's message, stack or fields, a page, an event) carries it.

export const REDACTED = '[redacted]';

/** The short JSON escapes of the characters that have one, besides `\uXXXX`. */
const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\t': '\\t' };

/** A regular expression source matching `text` literally. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** `\uXXXX` for `code`, any case of hex digit. */
function unicodeEscape(code: number): string {
  const hex = code.toString(16).padStart(4, '0');
  const digits = [...hex].map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit));
  return `\\\\u${digits.join('')}`;
}

/** The spellings of each secret, compiled once: the key with each character as it is or as any JSON escape. */
const SPELLINGS = new Map<string, RegExp>();

function spellings(secret: string): RegExp {
  let pattern = SPELLINGS.get(secret);
  if (!pattern) {
    const parts = [...secret].map((char) => {
      const ways = [literal(char), unicodeEscape(char.charCodeAt(0))];
      const short = SHORT_ESCAPES[char];
      if (short) ways.push(literal(short));
      return `(?:${ways.join('|')})`;
    });
    pattern = new RegExp(parts.join(''), 'g');
    // One client has one key; a program making many clients with many keys keeps at most a few.
    if (SPELLINGS.size > 16) SPELLINGS.clear();
    SPELLINGS.set(secret, pattern);
  }
  return pattern;
}

/** What a text must hold for an escape to spell part of `secret`. */
const escapeMark = (secret: string) => (/["\\/\t]/.test(secret) ? '\\' : '\\u');

/**
 * `text` with every occurrence of `secret` replaced, as written or spelled with JSON escapes; as it is when there
 * is no secret to scrub. For a text shown as it is: a status text, a header value, a body that is not JSON.
 */
export function scrubText(text: string, secret: string | undefined): string {
  if (secret === undefined) return text;
  const plain = text.includes(secret) ? text.replaceAll(secret, REDACTED) : text;
  if (!plain.includes(escapeMark(secret))) return plain;
  return plain.replace(spellings(secret), REDACTED);
}

/** The response with its status text and any header that shows `secret` scrubbed; the same object when none does. */
export function scrubResponse(response: Response, secret: string | undefined): Response {
  if (secret === undefined) return response;
  const statusText = scrubText(response.statusText, secret);
  let echoes = statusText !== response.statusText;
  response.headers.forEach((value) => {
    if (!echoes && scrubText(value, secret) !== value) echoes = true;
  });
  if (!echoes) return response;
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    headers.append(name, scrubText(value, secret));
  });
  // The body stays readable: a streamed response is read after this.
  const scrubbed = new Response(response.body, { status: response.status, statusText, headers });
  Object.defineProperty(scrubbed, 'url', { value: response.url });
  return scrubbed;
}

/** `value` with `secret` scrubbed from every string (and object key) inside it; `found` is called if it was. */
function scrubDecoded(value: unknown, secret: string, found: () => void): unknown {
  if (typeof value === 'string') {
    const clean = scrubText(value, secret);
    if (clean !== value) found();
    return clean;
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
 * A body of any content type with the key scrubbed. A body that parses as JSON is scrubbed in what it decodes to
 * (a string there may hold the key, or its escaped spelling once more), and given back re-serialised when it held
 * the key; any other body is scrubbed as text, escaped spellings included. Only a body with an escape that could
 * spell the key is decoded to check.
 */
export function scrubBody(text: string, secret: string | undefined): string {
  if (secret === undefined) return text;
  const plain = text.includes(secret) ? text.replaceAll(secret, REDACTED) : text;
  if (!plain.includes(escapeMark(secret))) return plain;
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    return scrubText(plain, secret);
  }
  let echoed = false;
  const clean = scrubDecoded(value, secret, () => {
    echoed = true;
  });
  return echoed ? JSON.stringify(clean) : plain;
}

/** Any value for a log line with `secret` scrubbed from every string in it (a copy, when it held one). */
export function scrubValue(value: unknown, secret: string | undefined): unknown {
  if (secret === undefined) return value;
  if (typeof value === 'string') return scrubText(value, secret);
  if (value === null || typeof value !== 'object') return value;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return '[unserializable]';
  }
  if (json === undefined || (!json.includes(secret) && !json.includes(escapeMark(secret)))) return value;
  let echoed = false;
  const clean = scrubDecoded(JSON.parse(json), secret, () => {
    echoed = true;
  });
  return echoed ? clean : value;
}
