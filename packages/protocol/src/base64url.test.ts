import { describe, expect, it } from 'vitest';
import { decodeBase64Url, decodeBase64UrlJson, encodeBase64Url, encodeBase64UrlText } from './base64url.js';

const nodeBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('encodeBase64Url', () => {
  it("matches Node's base64url on random inputs of every length 0..300", () => {
    for (let length = 0; length <= 300; length++) {
      for (let round = 0; round < 8; round++) {
        const bytes = crypto.getRandomValues(new Uint8Array(length));
        expect(encodeBase64Url(bytes), `length ${length}`).toBe(nodeBase64Url(bytes));
      }
    }
  });

  it('matches it on the extremes of every byte (all 0x00, all 0xff, every value)', () => {
    for (let length = 0; length <= 64; length++) {
      for (const fill of [0x00, 0xff, 0xfb, 0xbf]) {
        const bytes = new Uint8Array(length).fill(fill);
        expect(encodeBase64Url(bytes)).toBe(nodeBase64Url(bytes));
      }
    }
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeBase64Url(every)).toBe(nodeBase64Url(every));
  });

  it('encodes text as its UTF-8 bytes', () => {
    expect(encodeBase64UrlText('')).toBe('');
    expect(encodeBase64UrlText('{"alg":"ES256"} ä€😀')).toBe(Buffer.from('{"alg":"ES256"} ä€😀').toString('base64url'));
  });
});

describe('decodeBase64Url', () => {
  it('round-trips what the encoder writes', () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('refuses padding, the standard alphabet and impossible lengths', () => {
    expect(decodeBase64Url('YQ==')).toBeUndefined();
    expect(decodeBase64Url('a+b/')).toBeUndefined();
    expect(decodeBase64Url('abcde')).toBeUndefined();
    expect(decodeBase64Url('YQ')).toEqual(new Uint8Array([0x61]));
  });

  it('refuses a second spelling of the same bytes (non-zero unused bits in the last character)', () => {
    expect(decodeBase64Url('YR')).toBeUndefined(); // 'YQ' with a bit set that encodes nothing
    expect(decodeBase64Url('YWI')).toEqual(new Uint8Array([0x61, 0x62]));
    expect(decodeBase64Url('YWJ')).toBeUndefined();
    for (let length = 1; length <= 40; length++) {
      const text = encodeBase64Url(crypto.getRandomValues(new Uint8Array(length)));
      expect(decodeBase64Url(text), text).toBeDefined();
    }
  });

  it('decodes UTF-8 JSON parts and refuses anything else', () => {
    expect(decodeBase64UrlJson(encodeBase64UrlText('{"v":1}'))).toEqual({ v: 1 });
    expect(decodeBase64UrlJson(encodeBase64UrlText('{v:1}'))).toBeUndefined();
    expect(decodeBase64UrlJson(encodeBase64Url(new Uint8Array([0x22, 0xff, 0x22])))).toBeUndefined();
  });
});
