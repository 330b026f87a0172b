// The `page_token`s of a listing. A cursor names where the previous page ended (the last session's place in
// the order) and the store version the listing started at, so the pages of one listing are one consistent view:
// a session created after the first page is not in it, one deleted since is skipped, and one updated since
// keeps the place it had, so no session is listed twice or missed. It needs no memory on the mock's side, so it
// also survives a restart with `--state`. Each token is signed with the store's key (HMAC-SHA256): a token the
// mock never gave out, however well-formed, is refused rather than read as a place in the order.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Where a listing stands: the store version it reads, and the place (instant, session id) of the last item. */
export interface Cursor {
  version: number;
  after: { instant: number; sessionId: string };
}

const PREFIX = 'mock1.';

/** A new key to sign page tokens with: 32 random bytes, as base64url (so a state file can keep it). */
export const newPageTokenKey = (): string => randomBytes(32).toString('base64url');

const signatureOf = (payload: string, key: string): Buffer =>
  createHmac('sha256', Buffer.from(key, 'base64url'))
    .update(PREFIX + payload)
    .digest();

/** The token for `cursor`: `mock1.<payload>.<signature>`, signed with `key`. */
export function encodeCursor(cursor: Cursor, key: string): string {
  const json = JSON.stringify([cursor.version, cursor.after.instant, cursor.after.sessionId]);
  const payload = Buffer.from(json, 'utf8').toString('base64url');
  return `${PREFIX}${payload}.${signatureOf(payload, key).toString('base64url')}`;
}

/** The cursor a `page_token` holds, or undefined when it is not one this mock (signing with `key`) gave out. */
export function decodeCursor(token: string, key: string): Cursor | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  const [payload, signature, ...more] = token.slice(PREFIX.length).split('.');
  if (payload === undefined || signature === undefined || more.length > 0) return undefined;
  const expected = signatureOf(payload, key);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [version, instant, sessionId] = value as unknown[];
    if (!Number.isSafeInteger(version) || (version as number) < 0) return undefined;
    if (typeof instant !== 'number' || typeof sessionId !== 'string') return undefined;
    return { version: version as number, after: { instant, sessionId } };
  } catch {
    return undefined;
  }
}
