// How deep a relayed body nests, counted without parsing it: the relay's check before a body of `[[[[…]]]]` is
// parsed and walked (the transport's JSON.stringify overflows the stack on one a megabyte long).
import { describe, expect, it } from 'vitest';
import { nestedDeeperThan } from '../src/relay/request-body.js';

describe('nestedDeeperThan', () => {
  it('counts the levels of arrays and objects, not brackets inside strings', () => {
    const deep = (depth: number, inner = '0') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
    expect(nestedDeeperThan(deep(64), 64)).toBe(false);
    expect(nestedDeeperThan(deep(65), 64)).toBe(true);
    expect(nestedDeeperThan(`{"a":${deep(63)}}`, 64)).toBe(false);
    expect(nestedDeeperThan(`{"a":${deep(64)}}`, 64)).toBe(true);
    // Brackets in a string, an escaped quote among them, are text.
    expect(nestedDeeperThan(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 64)).toBe(false);
    expect(nestedDeeperThan(`{"a\\\\":${deep(64)}}`, 64)).toBe(true);
  });
});
