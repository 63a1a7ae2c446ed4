/** Base64url without padding (RFC 7515 §2) of bytes. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Base64url of a string's UTF-8 bytes. */
export function base64urlText(text: string): string {
  return base64url(new TextEncoder().encode(text));
}

/** `n` random bytes as base64url (⌈4n/3⌉ chars of `[A-Za-z0-9_-]`). */
export function randomToken(n: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}
