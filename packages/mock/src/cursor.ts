// The `page_token`s of a listing. A cursor names where the previous page ended (the last session's place in
// the order) and the store version the listing started at, so the pages of one listing are one consistent view:
// a session created after the first page is not in it, one deleted since is skipped, and one updated since
// keeps the place it had, so no session is listed twice or missed. It is opaque to clients and needs no memory
// on the mock's side, so it also survives a restart with `--state`.

/** Where a listing stands: the store version it reads, and the place (instant, session id) of the last item. */
export interface Cursor {
  version: number;
  after: { instant: number; sessionId: string };
}

const PREFIX = 'mock1.';

export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify([cursor.version, cursor.after.instant, cursor.after.sessionId]);
  return PREFIX + Buffer.from(json, 'utf8').toString('base64url');
}

/** The cursor a `page_token` holds, or undefined when it is not one this mock gave out. */
export function decodeCursor(token: string): Cursor | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [version, instant, sessionId] = value as unknown[];
    if (!Number.isSafeInteger(version) || (version as number) < 0) return undefined;
    if (typeof instant !== 'number' || typeof sessionId !== 'string') return undefined;
    return { version: version as number, after: { instant, sessionId } };
  } catch {
    return undefined;
  }
}
