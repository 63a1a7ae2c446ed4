import { describe, expect, it } from 'vitest';
import { base64url, base64urlText, randomToken } from './base64url.js';

/** The encoder this module had before the lookup table: binary string, `btoa`, three replaces. */
function oldBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('base64url', () => {
  it('matches the old btoa encoder on random inputs of every length 0..300', () => {
    for (let length = 0; length <= 300; length++) {
      for (let round = 0; round < 8; round++) {
        const bytes = crypto.getRandomValues(new Uint8Array(length));
        expect(base64url(bytes), `length ${length}`).toBe(oldBase64url(bytes));
      }
    }
  });

  it('matches it on the extremes of every byte (all 0x00, all 0xff, every value)', () => {
    for (let length = 0; length <= 300; length++) {
      for (const fill of [0x00, 0xff, 0xfb, 0xbf]) {
        const bytes = new Uint8Array(length).fill(fill);
        expect(base64url(bytes)).toBe(oldBase64url(bytes));
      }
    }
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64url(every)).toBe(oldBase64url(every));
    expect(base64url(every)).toBe(Buffer.from(every).toString('base64url'));
  });

  it('matches it on inputs larger than one 0x8000 chunk of the old encoder', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 7);
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    expect(base64url(bytes)).toBe(oldBase64url(bytes));
  });

  it('encodes text as its UTF-8 bytes, and random tokens in the alphabet', () => {
    expect(base64urlText('')).toBe('');
    expect(base64urlText('{"alg":"ES256"} ä€😀')).toBe(Buffer.from('{"alg":"ES256"} ä€😀').toString('base64url'));
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken(4)).toMatch(/^[A-Za-z0-9_-]{6}$/);
  });
});
