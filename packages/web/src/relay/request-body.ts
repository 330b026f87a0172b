// A relayed call's body: JSON only, and at most a megabyte, counted as the bytes arrive. A form or text/plain body
// is what a page on another site can send without asking; an unbounded body is memory anyone can make the relay
// spend (and a payload it would forward with its key).
import { InvalidRequestError } from '@llamacloud-chat/client';
import { RelayRefusal } from './refusal.js';

/** The largest body the relay reads, as the mock's. @default 1 MiB */
export const MAX_BODY_BYTES = 1024 * 1024;

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
 */
export async function readCappedBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limit) throw tooLarge(limit);
      chunks.push(next.value);
    }
  } finally {
    // Not cancel(): that would destroy the socket before the 413 is written.
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

/** The body as JSON (`{}` when empty), capped; a body that is not JSON is an `InvalidRequestError` (a 400). */
export async function readJsonBody<T>(request: Request, limit = MAX_BODY_BYTES): Promise<T> {
  const text = new TextDecoder().decode(await readCappedBody(request, limit));
  if (!text) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new InvalidRequestError('The request body is not JSON.');
  }
}
