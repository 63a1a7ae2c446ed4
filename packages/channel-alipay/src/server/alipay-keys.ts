import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** Reads a key given as PEM or as the bare base64 Alipay's console shows (no PEM lines). */
function readKey<T>(text: string, pemLabel: string, parse: (pem: string) => T, derTypes: readonly string[]): T {
  if (text.includes('-----BEGIN')) return parse(text.trim());
  const body = text.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n');
  let last: unknown;
  for (const label of derTypes.length > 0 ? derTypes : [pemLabel]) {
    try {
      return parse(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/**
 * The app's private key as PKCS#8 PEM (what the SDK gets, with `keyType: 'PKCS8'`), from PKCS#1 or PKCS#8, PEM or
 * bare base64. Throws when it is not an RSA private key.
 */
export function normaliseAppPrivateKey(text: string): { pem: string; key: KeyObject } {
  const key = readKey(text, 'PRIVATE KEY', (pem) => createPrivateKey(pem), ['PRIVATE KEY', 'RSA PRIVATE KEY']);
  if (key.asymmetricKeyType !== 'rsa') throw new TypeError('not an RSA key');
  return { pem: key.export({ type: 'pkcs8', format: 'pem' }).toString().trim(), key };
}

/** Alipay's public key as SPKI PEM, from PEM or bare base64. Throws when it is not an RSA public key. */
export function normaliseAlipayPublicKey(text: string): string {
  if (text.includes('PRIVATE KEY')) throw new TypeError('a private key where a public key belongs');
  const key = readKey(text, 'PUBLIC KEY', (pem) => createPublicKey(pem), ['PUBLIC KEY', 'RSA PUBLIC KEY']);
  if (key.asymmetricKeyType !== 'rsa') throw new TypeError('not an RSA key');
  return key.export({ type: 'spki', format: 'pem' }).toString().trim();
}
