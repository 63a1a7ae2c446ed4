/**
 * Standard base64 with padding (RFC 4648 §4), the alphabet webhook keys and signatures use (`+`, `/`, `=`), with
 * `btoa`/`atob` only: it runs on every web-standard runtime.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Encodes bytes as padded standard base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return globalThis.btoa(binary);
}

/** Decodes padded standard base64; `undefined` for anything else (base64url, missing padding, stray characters). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string' || !BASE64.test(text)) return undefined;
  const binary = globalThis.atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
