/** `n` random bytes as base64url (⌈4n/3⌉ chars of `[A-Za-z0-9_-]`): bill ids, secrets, key ids. */
export function randomToken(n: number): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(n)));
}
import { encodeBase64Url } from '@coinslot/protocol';
