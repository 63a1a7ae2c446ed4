// @ts-check
import {
  attackerPublicJwk,
  encodePart,
  flipBit,
  signAsAttacker,
  signHs256WithPublicKey,
  splitJws,
} from './jws-forgery.mjs';

/**
 * What a forgery starts from: the server's real signed answer to the request under attack, and what an attacker
 * on the wire can also get from the real server.
 * @typedef {object} ForgeryInput
 * @property {string} token the real signed result of the bill, for the request's own nonce
 * @property {string} nonce the nonce of the request under attack
 * @property {string} earlier a real signed result of the same bill from an earlier request (another nonce)
 * @property {(nonce: string) => Promise<string>} otherBill a real signed result of ANOTHER paid bill of the same
 *   player, asked for with the given nonce (the attacker saw the request's nonce and asked the server itself)
 * @property {{ kid: string } & Record<string, unknown>} serverKey the server's public key (from GET /v1/keys)
 */

/**
 * A tampered result: what the attacker changes, and the real state the bill has (the channel's decision).
 * @typedef {{ name: string, realState: 'paid' | 'failed', forge: (input: ForgeryInput) => string | Promise<string> }} ForgedResult
 */

/** @param {string} token @param {(claims: Record<string, any>) => Record<string, any>} change */
const withClaims = (token, change) => {
  const { header, signature, claims } = splitJws(token);
  return `${header}.${encodePart(change(claims))}.${signature}`;
};

/** Every tampered-result attack; each must end in RESULT_REJECTED, with nothing granted. @type {ForgedResult[]} */
export const FORGED_RESULTS = [
  {
    name: 'flipped bit in the payload',
    realState: 'paid',
    forge: ({ token }) => {
      const p = splitJws(token);
      return `${p.header}.${flipBit(p.payload)}.${p.signature}`;
    },
  },
  {
    name: 'flipped bit in the signature',
    realState: 'paid',
    forge: ({ token }) => {
      const p = splitJws(token);
      return `${p.header}.${p.payload}.${flipBit(p.signature)}`;
    },
  },
  {
    name: 'flipped bit in the header',
    realState: 'paid',
    forge: ({ token }) => {
      const p = splitJws(token);
      return `${flipBit(p.header)}.${p.payload}.${p.signature}`;
    },
  },
  {
    name: "another bill's result (real, same nonce)",
    realState: 'failed',
    forge: ({ nonce, otherBill }) => otherBill(nonce),
  },
  { name: 'old nonce (replayed real answer)', realState: 'paid', forge: ({ earlier }) => earlier },
  {
    name: 'swapped state failed → paid',
    realState: 'failed',
    forge: ({ token }) => withClaims(token, (c) => ({ ...c, state: 'paid', failureReason: null })),
  },
  {
    name: 'swapped state paid → failed',
    realState: 'paid',
    forge: ({ token }) => withClaims(token, (c) => ({ ...c, state: 'failed', failureReason: 'declined' })),
  },
  {
    name: 'unknown key id (validly signed by another key)',
    realState: 'failed',
    forge: ({ token }) => {
      const { claims } = splitJws(token);
      return signAsAttacker(
        { alg: 'ES256', kid: 'k-attacker', typ: 'coinslot-result+jws' },
        { ...claims, state: 'paid', failureReason: null, kid: 'k-attacker' },
      );
    },
  },
  {
    name: "another key under the server's key id",
    realState: 'failed',
    forge: ({ token }) => {
      const { claims, protectedHeader } = splitJws(token);
      return signAsAttacker(protectedHeader, { ...claims, state: 'paid', failureReason: null });
    },
  },
  {
    name: 'own key embedded in the header (jwk)',
    realState: 'failed',
    forge: ({ token }) => {
      const { claims, protectedHeader } = splitJws(token);
      return signAsAttacker(
        { ...protectedHeader, jwk: attackerPublicJwk() },
        { ...claims, state: 'paid', failureReason: null },
      );
    },
  },
  {
    name: 'alg: none, no signature',
    realState: 'failed',
    forge: ({ token }) => {
      const { claims, protectedHeader } = splitJws(token);
      return `${encodePart({ ...protectedHeader, alg: 'none' })}.${encodePart({ ...claims, state: 'paid', failureReason: null })}.`;
    },
  },
  {
    name: 'alg: none, original signature kept',
    realState: 'paid',
    forge: ({ token }) => {
      const p = splitJws(token);
      return `${encodePart({ ...p.protectedHeader, alg: 'none' })}.${p.payload}.${p.signature}`;
    },
  },
  {
    name: 'HS256 keyed with the public key (PEM)',
    realState: 'failed',
    forge: ({ token, serverKey }) =>
      signHs256WithPublicKey({ ...splitJws(token).claims, state: 'paid', failureReason: null }, serverKey, 'pem'),
  },
  {
    name: 'HS256 keyed with the public key (JWK JSON)',
    realState: 'failed',
    forge: ({ token, serverKey }) =>
      signHs256WithPublicKey({ ...splitJws(token).claims, state: 'paid', failureReason: null }, serverKey, 'jwk'),
  },
  {
    name: 'EdDSA header on the ES256 key',
    realState: 'paid',
    forge: ({ token }) => {
      const p = splitJws(token);
      return `${encodePart({ ...p.protectedHeader, alg: 'EdDSA' })}.${p.payload}.${p.signature}`;
    },
  },
  { name: 'truncated signature', realState: 'paid', forge: ({ token }) => token.slice(0, -6) },
];
