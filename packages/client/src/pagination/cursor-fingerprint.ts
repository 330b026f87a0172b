// What a listing remembers of each cursor it used, to tell when a server hands one back (a loop): a short
// cursor as it is, a long one as its length and two 32-bit hashes, so memory does not grow with cursor length
// (a server sending 64 KB cursors would otherwise cost 64 KB a page). Synchronous and browser-safe.

/** Cursors up to this many characters are kept whole: no hash is cheaper, and none can collide. */
const KEPT_WHOLE = 64;

/** A key that stands for `cursor`: equal cursors give equal keys; different ones, different keys but by chance. */
export function cursorFingerprint(cursor: string): string {
  if (cursor.length <= KEPT_WHOLE) return `=${cursor}`;
  // FNV-1a, and a second multiplicative hash with another seed and mixing: 64 bits together.
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < cursor.length; i++) {
    const code = cursor.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return `#${cursor.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
