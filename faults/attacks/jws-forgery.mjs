// @ts-check
import { createHmac, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';

/** @param {string} part */
export const decodePart = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
/** @param {unknown} value */
export const encodePart = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact JWS's three parts, decoded where they are JSON.
 * @param {string} token
 */
export function splitJws(token) {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return { header, payload, signature, claims: decodePart(payload), protectedHeader: decodePart(header) };
}

/**
 * Flip one bit in the middle of a base64url part's bytes.
 * @param {string} part
 */
export function flipBit(part) {
  const bytes = Buffer.from(part, 'base64url');
  const middle = bytes.length >> 1;
  bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
  return bytes.toString('base64url');
}

/** An attacker's own ES256 key pair. */
export const attackerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/**
 * Sign `header.payload` as ES256 with the attacker's key (a valid signature, by the wrong key).
 * @param {Record<string, unknown>} header
 * @param {Record<string, unknown>} claims
 */
export function signAsAttacker(header, claims) {
  const input = `${encodePart(header)}.${encodePart(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key: attackerKey.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * The classic algorithm-confusion forgery: `alg: HS256`, "signed" with HMAC-SHA256 using the server's PUBLIC key
 * (as the PEM text, or as its JWK JSON) as the HMAC secret — what a verifier that lets the token choose the
 * algorithm would accept.
 * @param {Record<string, unknown>} claims
 * @param {{ kid: string } & Record<string, unknown>} publicJwk
 * @param {'pem' | 'jwk'} secretForm
 */
export function signHs256WithPublicKey(claims, publicJwk, secretForm) {
  const secret =
    secretForm === 'pem'
      ? String(
          createPublicKey({ key: /** @type {any} */ (publicJwk), format: 'jwk' }).export({
            type: 'spki',
            format: 'pem',
          }),
        )
      : JSON.stringify(publicJwk);
  const input = `${encodePart({ alg: 'HS256', kid: publicJwk.kid, typ: 'coinslot-result+jws' })}.${encodePart(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The attacker's public key as a JWK, for a header that tries to bring its own key. */
export const attackerPublicJwk = () => attackerKey.publicKey.export({ format: 'jwk' });
