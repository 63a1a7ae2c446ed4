import { describe, expect, it } from 'vitest';
import { bodyHash, canonicalJson } from './body-hash.js';

describe('canonical body hash', () => {
  it('is equal for bodies equal after parsing and key sorting, and differs otherwise', async () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(await bodyHash({ a: 1, b: 2 })).toBe(await bodyHash({ b: 2, a: 1 }));
    expect(await bodyHash({ a: 1 })).not.toBe(await bodyHash({ a: 2 }));
    expect(await bodyHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
