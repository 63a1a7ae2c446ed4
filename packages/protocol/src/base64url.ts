/** Base64url without padding (RFC 7515 §2), strict on input, with no `Buffer`: it runs on every web-standard runtime. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL = /^[A-Za-z0-9_-]*$/;
// Made on first use, so that a bundle importing only the decoders carries neither (no module-level side effect).
let codes: Uint8Array | undefined;
let ascii: TextDecoder | undefined;

/**
 * Encode bytes as unpadded base64url. The characters are written into one byte array and turned into a string once:
 * the server encodes a result's payload and signature on every answer, and building the string piece by piece left
 * ≈ 6 kB of intermediate strings per 300-byte payload (8× the garbage, in the bench's scavenges).
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  const CODES = (codes ??= Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0)));
  const n = bytes.length;
  const whole = n - (n % 3);
  const out = new Uint8Array(Math.ceil((n * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i < whole; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = CODES[v >> 18]!;
    out[o++] = CODES[(v >> 12) & 63]!;
    out[o++] = CODES[(v >> 6) & 63]!;
    out[o++] = CODES[v & 63]!;
  }
  if (n - whole === 1) {
    const v = bytes[i]! << 4;
    out[o++] = CODES[v >> 6]!;
    out[o++] = CODES[v & 63]!;
  } else if (n - whole === 2) {
    const v = (bytes[i]! << 10) | (bytes[i + 1]! << 2);
    out[o++] = CODES[v >> 12]!;
    out[o++] = CODES[(v >> 6) & 63]!;
    out[o++] = CODES[v & 63]!;
  }
  return (ascii ??= new TextDecoder()).decode(out);
}

/** Encode a string's UTF-8 bytes as unpadded base64url. */
export function encodeBase64UrlText(text: string): string {
  return encodeBase64Url(new TextEncoder().encode(text));
}

/** The 6-bit value of a base64url character code (the caller checked it is one). */
const sextet = (code: number): number =>
  code >= 97 ? code - 71 : code >= 65 ? code - 65 : code >= 48 ? code + 4 : code === 45 ? 62 : 63;

/**
 * Decode unpadded base64url strictly: `undefined` for anything else (padding, `+`, `/`, impossible lengths, and
 * non-zero unused bits in the last character — RFC 4648 §3.5 — so every byte string has exactly one spelling).
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  const rest = text.length % 4;
  // The last character of a 2- or 3-character group carries 4 or 2 bits that encode nothing; they must be zero.
  if (rest !== 0 && sextet(text.charCodeAt(text.length - 1)) & (rest === 2 ? 0b1111 : 0b11)) return undefined;
  // atob takes unpadded input (forgiving-base64, HTML §8.3); the checks above already refused what base64url forbids.
  const binary = globalThis.atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Decode a base64url part holding UTF-8 JSON; `undefined` when it is not valid base64url, UTF-8 or JSON. */
export function decodeBase64UrlJson(text: string): unknown {
  const bytes = decodeBase64Url(text);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}
