const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The base64url characters of every 12-bit value (two output characters per lookup). */
const PAIRS: string[] = [];
for (let i = 0; i < 4096; i++) PAIRS.push(ALPHABET[i >> 6]! + ALPHABET[i & 63]!);

/**
 * Base64url without padding (RFC 7515 §2) of bytes. A lookup-table encoder — no `btoa`, no `Buffer`, so it runs
 * on every runtime the web entry supports; two characters per lookup, no intermediate binary string.
 */
export function base64url(bytes: Uint8Array): string {
  const n = bytes.length;
  const whole = n - (n % 3);
  let out = '';
  let i = 0;
  for (; i < whole; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += PAIRS[v >> 12]! + PAIRS[v & 0xfff]!;
  }
  if (n - whole === 1) {
    out += PAIRS[bytes[i]! << 4]!;
  } else if (n - whole === 2) {
    const v = (bytes[i]! << 8) | bytes[i + 1]!;
    out += PAIRS[v >> 4]! + ALPHABET[(v << 2) & 63]!;
  }
  return out;
}

const encoder = new TextEncoder();

/** Base64url of a string's UTF-8 bytes. */
export function base64urlText(text: string): string {
  return base64url(encoder.encode(text));
}

/** `n` random bytes as base64url (⌈4n/3⌉ chars of `[A-Za-z0-9_-]`). */
export function randomToken(n: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}
