// Cursor fingerprints on their own: bounded in size, equal for equal cursors, different for different ones.
import { describe, expect, it } from 'vitest';
import { cursorFingerprint } from '../src/pagination/cursor-fingerprint.js';

describe('cursorFingerprint', () => {
  it('keeps a short cursor whole, and a long one as a key of bounded size', () => {
    expect(cursorFingerprint('cur-20')).toBe('=cur-20');
    const long = 'x'.repeat(64 * 1024);
    expect(cursorFingerprint(long).length).toBeLessThan(40);
    expect(cursorFingerprint(long)).toBe(cursorFingerprint('x'.repeat(64 * 1024)));
  });

  it('tells apart 100,000 long cursors that differ in one character, or only in length', () => {
    const base = 'c'.repeat(200);
    const keys = new Set<string>();
    for (let i = 0; i < 100_000; i++) keys.add(cursorFingerprint(`${base}${i}`));
    keys.add(cursorFingerprint(`${base}c`));
    expect(keys.size).toBe(100_001);
  });
});
