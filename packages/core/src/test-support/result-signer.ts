import { encodeBase64Url, type ResultPublicKey, type SignedResultPayload } from '@coinslot/protocol';

/** A pay server's result signer for tests: a real WebCrypto key pair, so verification in tests is real. */
export interface ResultSigner {
  /** The public key a client trusts. */
  publicKey: ResultPublicKey;
  /** Sign a payload with the standard header (`alg`, `kid`, `typ`), or with header members overridden. */
  sign(payload: object, header?: Record<string, unknown>): Promise<string>;
}

const encodeJson = (value: unknown): string => encodeBase64Url(new TextEncoder().encode(JSON.stringify(value)));

/** Create a signer with a fresh ES256 (P-256) or EdDSA (Ed25519) key. */
export async function createResultSigner(
  alg: 'ES256' | 'EdDSA' = 'ES256',
  kid = `k-test-${alg}`,
): Promise<ResultSigner> {
  const params = alg === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'Ed25519' };
  const pair = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicKey: ResultPublicKey = {
    kty: jwk.kty,
    crv: jwk.crv,
    x: jwk.x,
    ...(jwk.y ? { y: jwk.y } : {}),
    kid,
    alg,
    use: 'sig',
  };
  const signParams = alg === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'Ed25519' };
  return {
    publicKey,
    async sign(payload, header = {}) {
      const signingInput = `${encodeJson({ alg, kid, typ: 'coinslot-result+jws', ...header })}.${encodeJson(payload)}`;
      const signature = await crypto.subtle.sign(signParams, pair.privateKey, new TextEncoder().encode(signingInput));
      return `${signingInput}.${encodeBase64Url(new Uint8Array(signature))}`;
    },
  };
}

/** A valid payload for a bill, with fields overridden. */
export function resultPayload(
  overrides: Partial<SignedResultPayload> & { billId: string; nonce: string; kid: string },
): SignedResultPayload {
  return {
    v: 1,
    userId: 'player-42',
    itemId: 'gem-pack-small',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'fake',
    state: 'paid',
    failureReason: null,
    passThrough: null,
    iat: Date.now(),
    ...overrides,
  };
}
