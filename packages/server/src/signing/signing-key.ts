import type { ResultPublicKey } from '@coinslot/protocol';
import { randomToken } from './random-token.js';

/** A private result-signing key: an ES256 (P-256) private JWK with a key id. */
export type SigningKey = JsonWebKey & { kid: string };

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * Generates a new ES256 (P-256) private result-signing key as a JWK. Keep it secret and stable:
 * clients that pinned the public key reject results signed with another one.
 * @param kid the key id; default `k-<YYYY-MM-DD>-<random>`
 */
export async function generateSigningKey(kid?: string): Promise<SigningKey> {
  const pair = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const id = kid ?? `k-${new Date().toISOString().slice(0, 10)}-${randomToken(4)}`;
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d, kid: id, alg: 'ES256' };
}

/** Throws unless `key` is a usable ES256 private JWK with a `kid`. */
export function assertSigningKey(key: SigningKey): void {
  const problem =
    typeof key.kid !== 'string' || key.kid.length === 0
      ? 'it has no kid'
      : key.kty !== 'EC' || key.crv !== 'P-256'
        ? 'only ES256 (EC P-256) keys are supported'
        : key.alg !== undefined && key.alg !== 'ES256'
          ? `its alg is ${key.alg}, not ES256`
          : typeof key.d !== 'string' || typeof key.x !== 'string' || typeof key.y !== 'string'
            ? 'it is not a private key (x, y and d are needed)'
            : undefined;
  if (problem) throw new TypeError(`Invalid signingKey: ${problem}`);
}

/** The public half of `key`, as `GET /v1/keys` serves it. Never contains `d`. */
export function toPublicKey(key: SigningKey): ResultPublicKey {
  return { kty: 'EC', crv: 'P-256', x: key.x!, y: key.y!, kid: key.kid, alg: 'ES256', use: 'sig' };
}

/** Imports `key` for signing; the imported key is not extractable. */
export function importSigningKey(key: SigningKey): Promise<CryptoKey> {
  const { kty, crv, x, y, d } = key;
  return crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, ALGORITHM, false, ['sign']);
}
