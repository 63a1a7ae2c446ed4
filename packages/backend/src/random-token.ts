import { encodeBase64Url } from '@coinslot/protocol';

/** `bytes` random bytes from WebCrypto, as unpadded base64url (32 bytes → 43 characters). */
export function randomToken(bytes: number): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
