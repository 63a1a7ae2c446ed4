import { describe, expect, it } from 'vitest';
import { randomId, randomToken } from './random-token.js';

describe('randomToken', () => {
  it('gives ⌈4n/3⌉ base64url characters, fresh each time', () => {
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken(4)).toMatch(/^[A-Za-z0-9_-]{6}$/);
    expect(new Set(Array.from({ length: 100 }, () => randomToken(16))).size).toBe(100);
  });
});

describe('randomId', () => {
  it('gives ⌈4n/3⌉ base64url characters, never the same across pool refills', () => {
    expect(randomId(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomId(5000)).toHaveLength(6667); // more than the pool: drawn on its own
    // 4,096 / 16 ids per pool: 1,000 ids take several refills, and no bytes are handed out twice.
    const ids = Array.from({ length: 1000 }, () => randomId(16));
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{22}$/.test(id))).toBe(true);
  });

  it('hands out the pool byte by byte, an odd size straddling a refill too', () => {
    const ids = Array.from({ length: 2000 }, () => randomId(7));
    expect(new Set(ids).size).toBe(2000);
  });
});
