// A relayed call's body: JSON only, at most a megabyte, counted as the bytes arrive, read within the call's deadline,
// and nested no deeper than the spec's bodies need. A form or text/plain body is what a page on another site can
// send without asking; an unbounded body (in size, in time, in depth) is memory, time or stack anyone can make the
// relay spend (and a payload it would forward with its key).
import { InvalidRequestError } from '@llamacloud-chat/client';
import { RelayRefusal } from './refusal.js';

/** The largest body the relay reads, as the mock's. @default 1 MiB */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The deepest nesting of arrays and objects a body may have. The spec's bodies are two levels deep; a body of
 * `[[[[…]]]]` a megabyte long parses, but then overflows the stack of whatever walks it (the client's JSON.stringify).
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `request` carries a body, by its framing headers (a body must declare its length or be chunked). */
function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  return (length !== null && length.trim() !== '0') || request.headers.has('transfer-encoding');
}

/** Throws a 415 refusal when `request` has (or, being a POST, should have) a body whose type is not JSON. */
export function checkJsonType(request: Request): void {
  if (request.method !== 'POST' && !hasBody(request)) return;
  const type = request.headers.get('content-type');
  const essence = type?.split(';')[0]?.trim().toLowerCase();
  if (essence !== 'application/json') {
    throw new RelayRefusal({
      status: 415,
      detail: `The relay takes JSON bodies only (Content-Type: application/json); this one is ${type === null ? 'untyped' : JSON.stringify(type)}.`,
    });
  }
}

const tooLarge = (limit: number) =>
  new RelayRefusal({
    status: 413,
    detail: `The request body is larger than the relay's limit of ${limit} bytes.`,
  });

/**
 * The body's bytes, read until `limit` is passed and no further: a 413 refusal then, with the rest left unread
 * (the server closes the connection instead of reading it). A declared length over the limit is refused unread.
 * When `signal` aborts (the call's deadline passed) before the body is all in, the read stops there and rejects
 * with the signal's reason, the rest left unread as well.
 */
export async function readCappedBody(
  request: Request,
  limit = MAX_BODY_BYTES,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  signal?.throwIfAborted();
  const reader = request.body.getReader();
  let stop = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = () => reject(signal?.reason);
  });
  // Handled here: only the race below reports it.
  stopped.catch(() => {});
  signal?.addEventListener('abort', stop, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), stopped]);
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limit) throw tooLarge(limit);
      chunks.push(next.value);
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    // Not cancel(): that would destroy the socket before the 413 is written. A read still pending is let go.
    reader.releaseLock();
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * The body as JSON (`{}` when empty), capped and read until `signal` aborts (see `readCappedBody`); a body that is
 * not JSON, or is nested deeper than `MAX_JSON_DEPTH`, is an `InvalidRequestError` (the relay's 422).
 */
export async function readJsonBody<T>(
  request: Request,
  limit = MAX_BODY_BYTES,
  signal?: AbortSignal,
): Promise<T> {
  const text = new TextDecoder().decode(await readCappedBody(request, limit, signal));
  if (!text) return {} as T;
  if (nestedDeeperThan(text, MAX_JSON_DEPTH))
    throw new InvalidRequestError(
      `The request body is nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects.`,
    );
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new InvalidRequestError('The request body is not JSON.');
  }
}

/**
 * Whether the arrays and objects of JSON `text` nest deeper than `limit`, counted by brackets outside strings, in
 * one pass and no stack (text that is not JSON gives some answer; the parse refuses it after).
 */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}
