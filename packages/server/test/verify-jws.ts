import type { ResultPublicKey, SignedResultHeader, SignedResultPayload } from '@coinslot/core';

const decodeJson = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/**
 * Verifies a compact ES256 JWS the way a client must (protocol §4), written independently of the server's
 * signer: WebCrypto, the public JWK, the raw r‖s signature over the exact received bytes.
 */
export async function verifyJws(
  jws: string,
  keys: ResultPublicKey[],
): Promise<{ valid: boolean; header: SignedResultHeader; payload: SignedResultPayload }> {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts.some((part) => part.length === 0)) throw new Error('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h) as SignedResultHeader;
  const payload = decodeJson(p) as SignedResultPayload;
  const jwk = keys.find((key) => key.kid === header.kid);
  if (!jwk || header.alg !== 'ES256' || jwk.alg !== 'ES256') return { valid: false, header, payload };
  const key = await crypto.subtle.importKey(
    'jwk',
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  const valid = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    Buffer.from(s, 'base64url'),
    new TextEncoder().encode(`${h}.${p}`),
  );
  return { valid, header, payload };
}
