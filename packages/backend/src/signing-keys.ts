import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

const ALGORITHMS = ['ES256', 'EdDSA', 'RS256'] as const;

/** The algorithms a player token can be signed with (the ones the reference pay server accepts by default). */
export type PlayerTokenAlgorithm = (typeof ALGORITHMS)[number];

/**
 * A JSON Web Key (RFC 7517) as plain JSON: what {@link generatePlayerTokenKey} returns and `privateKey` takes. A
 * private key has `d`; an EC or OKP key has `crv` and `x` (and `y`), an RSA key `n` and `e`.
 */
export interface Jwk {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  /** The private member: never publish a JWK that has it. */
  d?: string;
  [member: string]: unknown;
}

/** A public key as the issuer publishes it in its JWKS: no private member, always a `kid`, `alg` and `use: 'sig'`. */
export interface PublicJwk extends Jwk {
  kid: string;
  alg: PlayerTokenAlgorithm;
  use: 'sig';
}

/** One key the issuer holds: the private half that signs, and the public half it publishes. */
export interface SigningKey {
  kid: string;
  alg: PlayerTokenAlgorithm;
  privateKey: CryptoKey;
  publicJwk: PublicJwk;
}

const PUBLIC_MEMBERS: Record<string, readonly string[]> = { EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'], RSA: ['n', 'e'] };

/**
 * A new private JWK for signing player tokens, with its `kid` (the RFC 7638 thumbprint) and `alg`. Store its JSON
 * in a secret store or a file only the backend reads, and pass it back as `privateKey`.
 */
export async function generatePlayerTokenKey(
  alg: PlayerTokenAlgorithm = 'ES256',
): Promise<Jwk & { kid: string; alg: PlayerTokenAlgorithm; d: string }> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kty: jwk.kty!, d: jwk.d!, kid: await calculateJwkThumbprint(jwk), alg };
}

function algorithmOf(jwk: Jwk): PlayerTokenAlgorithm {
  if (jwk.alg !== undefined) {
    if ((ALGORITHMS as readonly string[]).includes(jwk.alg)) return jwk.alg as PlayerTokenAlgorithm;
    throw new TypeError(`Invalid privateKey: alg ${jwk.alg} is not one of ES256, EdDSA, RS256`);
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  if (jwk.kty === 'RSA') return 'RS256';
  throw new TypeError('Invalid privateKey: an EC P-256, Ed25519 or RSA private JWK');
}

/** Imports a private JWK the backend keeps; `kid` wins over the JWK's own, which wins over its thumbprint. */
export async function importSigningKey(jwk: Jwk, kid?: string): Promise<SigningKey> {
  if (typeof jwk !== 'object' || jwk === null || typeof jwk.d !== 'string') {
    throw new TypeError('Invalid privateKey: a private JWK (an object with "d"), e.g. from generatePlayerTokenKey()');
  }
  const alg = algorithmOf(jwk);
  const members = PUBLIC_MEMBERS[jwk.kty ?? ''] ?? [];
  const publicPart: Jwk = { kty: jwk.kty };
  for (const member of members) publicPart[member] = jwk[member];
  const keyId = kid ?? jwk.kid ?? (await calculateJwkThumbprint(publicPart as JWK));
  const privateKey = await importJWK(jwk as JWK, alg, { extractable: false }).catch((cause: unknown) => {
    throw new TypeError(`Invalid privateKey: ${cause instanceof Error ? cause.message : 'it does not import'}`, {
      cause,
    });
  });
  if (privateKey instanceof Uint8Array || privateKey.type !== 'private') {
    throw new TypeError('Invalid privateKey: not a private key');
  }
  return { kid: keyId, alg, privateKey, publicJwk: { ...publicPart, kid: keyId, alg, use: 'sig' } };
}
