import { describe, expect, it } from 'vitest';
import { createVersionedCache } from '../../../src/core/index.js';

describe('versioned cache', () => {
  it('keeps a value while the version stands and drops everything when it moves', () => {
    const cache = createVersionedCache<string>(10, 60_000);
    expect(cache.get(7, 'a')).toBeUndefined();
    cache.set(7, 'a', 'page at 7');
    expect(cache.get(7, 'a')).toBe('page at 7');
    expect(cache.get(8, 'a')).toBeUndefined();
    expect(cache.get(7, 'a')).toBeUndefined();
  });

  it('does not keep a value read at a version that has moved on meanwhile', () => {
    const cache = createVersionedCache<string>(10, 60_000);
    cache.get(7, 'a'); // a slow request starts at 7
    cache.get(8, 'b'); // a commit, and another request at 8
    cache.set(7, 'a', 'page at 7');
    expect(cache.get(8, 'a')).toBeUndefined();
  });

  it('keeps nothing without a version (PostgreSQL)', () => {
    const cache = createVersionedCache<string>(10, 60_000);
    cache.get(null, 'a');
    cache.set(null, 'a', 'page');
    expect(cache.get(null, 'a')).toBeUndefined();
  });

  it('keeps at most maxEntries, the oldest going first, and none longer than maxAgeMs', () => {
    let now = 0;
    const cache = createVersionedCache<number>(2, 1000, () => now);
    cache.get(1, 'x');
    cache.set(1, 'a', 1);
    cache.set(1, 'b', 2);
    cache.set(1, 'c', 3);
    expect([cache.get(1, 'a'), cache.get(1, 'b'), cache.get(1, 'c')]).toEqual([undefined, 2, 3]);
    now = 1001;
    expect(cache.get(1, 'b')).toBeUndefined();
  });
});
