import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.js';

const samples = [0, 1, 2, 3, 31, 32, 64].map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255));

describe('standard base64', () => {
  it('round-trips and agrees with Node in both directions', () => {
    for (const bytes of samples) {
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(text)).toEqual(bytes);
    }
  });

  it('refuses every other spelling: base64url, missing or extra padding, stray characters, spare bits', () => {
    for (const text of ['-_8=', '+/8', '+/8==', 'AB=C', 'AAA', 'AB C', 'AB==AB==', 'AR==', 'AAF=']) {
      expect(decodeBase64(text)).toBeUndefined();
    }
    expect(decodeBase64('AQ==')).toEqual(Uint8Array.of(1));
  });
});
