import { createSign, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * Alipay's RSA2 scheme (OpenAPI v2, "SHA256withRSA"): the parameters sorted by name (ASCII), empty values left out,
 * joined as `k1=v1&k2=v2` without URL encoding, signed with RSA PKCS#1 v1.5 over SHA-256, base64.
 * - a merchant's request signs every parameter but `sign` (so `sign_type` is signed);
 * - Alipay's async notification signs every parameter but `sign` and `sign_type`;
 * - Alipay's API answer signs the exact JSON text of its `<method>_response` member.
 */
export type Params = Record<string, string>;

/** The text Alipay signs for a parameter set: sorted `k=v` pairs, `excluded` names and empty values left out. */
export function signContent(params: Params, excluded: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !excluded.includes(key) && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/** RSA2 signature of `text`, base64. */
export function rsa2Sign(text: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(text, 'utf8').sign(privateKey, 'base64');
}

/** Whether `signature` (base64) is an RSA2 signature of `text` by `publicKey`; a malformed one is simply false. */
export function rsa2Verify(text: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(text, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** An RSA 2048 key pair, as Alipay's open platform uses for RSA2. */
export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A fresh RSA 2048 key pair (test keys: made at start, never written anywhere). */
export function generateRsaKeyPair(): RsaKeyPair {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** A private key as PKCS#8 PEM (what the driver's `appPrivateKey` takes). */
export const privatePem = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/** A public key as SPKI PEM (what Alipay's console shows as the "Alipay public key", with the PEM lines). */
export const publicPem = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
