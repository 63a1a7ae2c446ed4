import { decodeBase64Url } from './base64url.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Encodes bytes as padded standard base64 (RFC 4648 §4): webhook keys and signatures (§10). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return globalThis.btoa(binary);
}

/**
 * Decodes padded standard base64 (RFC 4648 §4) strictly: `undefined` for a missing or wrong padding, another
 * alphabet, or non-zero unused bits, so every byte string has one spelling.
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const data = text.replace(/=+$/, '');
  // A full group has no padding; a group of 2 or 3 characters is padded to 4.
  if (text.length - data.length !== (4 - (data.length % 4)) % 4) return undefined;
  return decodeBase64Url(data.replace(/\+/g, '-').replace(/\//g, '_'));
}
