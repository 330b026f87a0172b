// What is known about a response beyond its status: the wait it asks for, the attempts behind it, and the
// secret that must never be echoed from it into an error.

/** How many attempts produced a response (set by the retrying fetch), for error messages. */
export const attemptsOf = new WeakMap<Response, number>();

/** The wait a response asks for, in ms: `retry-after-ms`, then `Retry-After` in seconds or as an HTTP date. */
export function requestedWait(headers: Headers): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return Math.max(0, ms);
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The body of a response the retrying fetch has already read, as text. */
export const bodyTextOf = new WeakMap<Response, string>();

/** The API key of the client that received a response, so errors built from it can redact it. */
export const secretOf = new WeakMap<Response, string>();

/** `text` with the secret of `response`'s client replaced by `[redacted]`. */
export function redact(text: string, response: Response): string {
  const secret = secretOf.get(response);
  return secret && text.includes(secret) ? text.replaceAll(secret, '[redacted]') : text;
}
